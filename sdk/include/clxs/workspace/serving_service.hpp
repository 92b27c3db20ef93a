// Model Serving endpoints.
#pragma once

#include <string_view>

#include "clxs/workspace/service.hpp"

namespace clxs {

/// Model Serving. Every call may throw WorkspaceError.
class CLXS_VISIBLE ServingService : public WorkspaceService {
 public:
  /// Service id, as WorkspaceCall::service and Workspace::get() know it.
  static constexpr std::string_view kId = "serving";
  /// What a workspace without it lacks, for the Unavailable message.
  static constexpr std::string_view kWhat = "Model Serving endpoints";

  /// Serving endpoints (`name`, `state{ready, config_update}`, ...) as a JSON array.
  Json endpoints(const CallOptions& options) {
    const Scope scope(*this, kId, "servingEndpoints", {}, options);
    return servingEndpoints(options);
  }

 protected:
  /// Implements endpoints().
  virtual Json servingEndpoints(const CallOptions& options) = 0;
};

}  // namespace clxs
