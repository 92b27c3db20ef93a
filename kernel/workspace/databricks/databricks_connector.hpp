// Opens DatabricksWorkspace instances for resolved credentials and keeps them, so that
// connections, tokens and the client-wide rate limit are shared by every request acting as
// the same identity on the same host.
#pragma once

#include <memory>

#include "clxs/credentials.hpp"
#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "kernel/workspace/databricks/http_transport.hpp"

namespace clxs::kernel::databricks {

/// Thread-safe cache of workspaces keyed by host, auth method and a hash of the secrets
/// (never the secrets themselves), holding at most a bounded number of entries.
class DatabricksConnector {
 public:
  /// `config` is the config's `databricks:` block (http_timeout_seconds,
  /// retry_timeout_seconds, rate_limit, max_parallel_queries, statement_wait_seconds,
  /// sql_warehouse_id); `transport` null means the Poco HTTPS transport.
  explicit DatabricksConnector(const Json& config, std::shared_ptr<HttpTransport> transport = {});
  ~DatabricksConnector();
  DatabricksConnector(const DatabricksConnector&) = delete;
  DatabricksConnector& operator=(const DatabricksConnector&) = delete;

  /// The workspace for `credentials` (not local); WorkspaceError Unauthenticated when they
  /// hold no usable secret.
  std::shared_ptr<Workspace> open(const Credentials& credentials);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace clxs::kernel::databricks
