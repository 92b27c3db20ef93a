// Requests of the Target Workspace routes: the TargetWorkspace and TargetWorkspaceConnect
// models, their conditional rules and the credentials they carry.
#pragma once

#include <string>

#include "clxs/credentials.hpp"
#include "clxs/json.hpp"
#include "clxs/model.hpp"

namespace clxs::clone::target {

/// A validated TargetWorkspace (or TargetWorkspaceConnect) body. It holds secrets: it lives
/// only for the request and is never stored, logged or echoed.
struct TargetRequest {
  /// Workspace URL without a trailing slash, as responses show it.
  std::string host;
  /// "pat", "service_principal" or "profile".
  std::string authMethod = "pat";
  /// What the workspace is opened with (host empty for a profile, which names its own host).
  Credentials credentials;
  /// Target warehouse (TargetWorkspace only; empty for TargetWorkspaceConnect).
  std::string warehouseId;
};

/// POST /api/target/validate's body: connection fields plus warehouse_id and the clone
/// options the UI keeps with a saved target (keep_share, data_sync_mode, ...).
Model targetWorkspaceModel();

/// The body of /api/target/warehouses, /catalogs and /whoami: the connection fields only.
Model targetWorkspaceConnectModel();

/// Checks what the model cannot express and builds the credentials. `host` must be https://
/// (http:// only to a loopback host, for tests against a local emulator): 422 on `host`
/// otherwise. The fields auth_method requires (token; client_id and client_secret; profile)
/// must be non-empty: 400 naming the missing field. With `requireWarehouse`, warehouse_id
/// must be non-empty (422). Messages never contain a secret.
TargetRequest parseTargetRequest(const Json& body, bool requireWarehouse);

/// Whether `host` is an http(s) URL whose host part is loopback (localhost, 127.0.0.0/8,
/// [::1]).
bool isLoopbackUrl(const std::string& host);

/// `message` with every occurrence of the request's secrets (token, client secret) replaced
/// by "****", so a workspace error can be shown to the caller.
std::string scrubSecrets(std::string message, const Credentials& credentials);

}  // namespace clxs::clone::target
