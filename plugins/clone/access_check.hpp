// The access policies (service "governance.access") as the clone, multi-clone and sync routes
// enforce them when the config sets rbac_enabled: each schema the run would copy is evaluated
// for the caller, and a denied one refuses the whole request with 403 naming the rule.
#pragma once

#include <string>
#include <vector>

#include "clxs/host.hpp"
#include "clxs/http.hpp"

namespace clxs::clone {

/// What a run would copy.
struct AccessScope {
  std::string operation;             ///< clone or sync
  std::string source;                ///< source catalog
  std::string destination;           ///< destination catalog
  std::vector<std::string> include;  ///< only these schemas (empty: all)
  std::vector<std::string> exclude;  ///< never these schemas
};

/// Returns when rbac_enabled is not true in the config, or when the policies allow `scope`
/// for the caller of `req`; HttpError 403 naming the deciding rule otherwise, and 503 when
/// rbac_enabled is set but no plugin provides the access policies (enforcement fails closed).
void requireAccessAllowed(Host& host, const Request& req, const AccessScope& scope);

}  // namespace clxs::clone
