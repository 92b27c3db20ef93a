// Requests of the Target Workspace routes: the TargetWorkspace and TargetWorkspaceConnect
// models, their conditional rules and the credentials they carry.
#pragma once

#include <optional>
#include <string>

#include "clxs/credentials.hpp"
#include "clxs/json.hpp"
#include "clxs/schema.hpp"

namespace clxs::clone::target {

/// The connection fields both models share. They hold secrets: a parsed body lives only for
/// the request and is never stored, logged or echoed.
struct TargetConnection {
  std::string host;
  std::string authMethod = "pat";  ///< pat, service_principal or profile
  std::optional<std::string> token;
  std::optional<std::string> clientId;
  std::optional<std::string> clientSecret;
  std::optional<std::string> profile;
  /// `host` must be https:// (http:// only to a loopback host, for tests against a local
  /// emulator): 422 on `host` otherwise.
  static const Schema<TargetConnection>& schema();
};

/// The body of /api/target/warehouses, /catalogs and /whoami: the connection fields only.
/// The fields auth_method requires (token; client_id and client_secret; profile) must be
/// non-empty: 400 naming the missing field.
struct TargetWorkspaceConnect {
  TargetConnection connection;
  static const Schema<TargetWorkspaceConnect>& schema();
};

/// POST /api/target/validate's body: connection fields plus warehouse_id (422 when empty)
/// and the clone options the UI keeps with a saved target (keep_share, data_sync_mode, ...).
struct TargetWorkspace {
  TargetConnection connection;
  std::string warehouseId;
  bool keepShare = false;
  std::string dataSyncMode = "snapshot_once";
  bool autoHandleMasks = false;
  bool cleanupAfterClone = false;
  bool pruneShareExtras = false;
  std::optional<bool> validated;
  static const Schema<TargetWorkspace>& schema();
};

/// A checked connection ready to open.
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

/// The credentials of a connection its schema checked, with `warehouseId` as the target
/// warehouse (empty: none).
TargetRequest targetRequestOf(const TargetConnection& connection, const std::string& warehouseId);

/// Whether `host` is an http(s) URL whose host part is loopback (localhost, 127.0.0.0/8,
/// [::1]).
bool isLoopbackUrl(const std::string& host);

/// `message` with every occurrence of the request's secrets (token, client secret) replaced
/// by "****", so a workspace error can be shown to the caller.
std::string scrubSecrets(std::string message, const Credentials& credentials);

}  // namespace clxs::clone::target
