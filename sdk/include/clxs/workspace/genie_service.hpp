// Genie spaces (AI/BI).
#pragma once

#include <string_view>

#include "clxs/workspace/service.hpp"

namespace clxs {

/// Genie. Every call may throw WorkspaceError.
class CLXS_VISIBLE GenieService : public WorkspaceService {
 public:
  /// Service id, as WorkspaceCall::service and Workspace::get() know it.
  static constexpr std::string_view kId = "genie";
  /// What a workspace without it lacks, for the Unavailable message.
  static constexpr std::string_view kWhat = "Genie spaces";

  /// Genie spaces (`space_id`, `title`, `description`, `warehouse_id`) as a JSON array.
  Json spaces(const CallOptions& options) {
    const Scope scope(*this, kId, "genieSpaces", {}, options);
    return genieSpaces(options);
  }

 protected:
  /// Implements spaces().
  virtual Json genieSpaces(const CallOptions& options) = 0;
};

}  // namespace clxs
