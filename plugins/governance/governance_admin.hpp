// Who may change governance policy (access policies today). The server has no roles of its
// own, so the config names its admins: `rbac_admins`, a list of principals. Without that list
// only the user of the local workspace (the single-user server on this machine) is an admin;
// on a Databricks workspace nobody is until the list names them.
#pragma once

#include <string>

#include "clxs/config.hpp"
#include "clxs/http.hpp"

namespace clxs::governance {

/// Whether `user` on a workspace of kind `workspaceKind` is an admin under `config`
/// (`rbac_admins` matched case-insensitively).
bool isGovernanceAdmin(const ConfigView& config, const std::string& user,
                       const std::string& workspaceKind);

/// Throws HttpError 403 naming the caller and how to become an admin unless the caller of
/// `req` is one; answers the caller.
std::string requireGovernanceAdmin(const Request& req, const ConfigView& config);

}  // namespace clxs::governance
