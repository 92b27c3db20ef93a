#include "kernel/workspace/workspace_provider.hpp"

namespace clxs::kernel {

void WorkspaceProvider::setLocal(Factory f) {
  std::lock_guard lock(mu_);
  local_ = std::move(f);
}

void WorkspaceProvider::setDatabricks(Factory f) {
  std::lock_guard lock(mu_);
  databricks_ = std::move(f);
}

std::shared_ptr<Workspace> WorkspaceProvider::open(const Credentials& credentials) const {
  Factory f;
  {
    std::lock_guard lock(mu_);
    f = credentials.isLocal() ? local_ : databricks_;
  }
  if (!f) {
    throw WorkspaceError(WorkspaceErrorClass::Unavailable,
                         credentials.isLocal()
                             ? "The embedded local workspace is not available in this build of clxs"
                             : "Connecting to a Databricks workspace (" + credentials.host +
                                   ") is not available in this build of clxs");
  }
  return f(credentials);
}

}  // namespace clxs::kernel
