// Who the workspace's credentials act as (SCIM Me).
#pragma once

#include <string>
#include <string_view>

#include "clxs/workspace/service.hpp"

namespace clxs {

/// The principal behind the credentials. Every call may throw WorkspaceError.
class CLXS_VISIBLE IdentityService : public WorkspaceService {
 public:
  /// Service id, as WorkspaceCall::service and Workspace::get() know it.
  static constexpr std::string_view kId = "identity";
  /// What a workspace without it lacks, for the Unavailable message.
  static constexpr std::string_view kWhat = "identity service";

  /// The principal the credentials act as (user name or service principal id).
  std::string currentUser(const CallOptions& options) {
    const Scope scope(*this, kId, "currentUser", {}, options);
    return whoAmI(options);
  }

 protected:
  /// Implements currentUser().
  virtual std::string whoAmI(const CallOptions& options) = 0;
};

}  // namespace clxs
