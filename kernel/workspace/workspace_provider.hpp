// Opens the Workspace a request's credentials reach: the local lakehouse or Databricks.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "clxs/credentials.hpp"
#include "clxs/workspace.hpp"

namespace clxs::kernel {

/// Holds one factory per kind of workspace. Kinds not built in yet answer 501 naming what
/// is missing, so a plugin's error is actionable rather than a crash.
class WorkspaceProvider {
 public:
  /// Builds a workspace for credentials.
  using Factory = std::function<std::shared_ptr<Workspace>(const Credentials&)>;

  /// Sets the factory for local credentials.
  void setLocal(Factory f);
  /// Sets the factory for Databricks credentials.
  void setDatabricks(Factory f);
  /// Opens the workspace for `credentials`; throws WorkspaceError (Unavailable) when this
  /// build has no implementation for that kind.
  [[nodiscard]] std::shared_ptr<Workspace> open(const Credentials& credentials) const;

 private:
  mutable std::mutex mu_;
  Factory local_;
  Factory databricks_;
};

}  // namespace clxs::kernel
