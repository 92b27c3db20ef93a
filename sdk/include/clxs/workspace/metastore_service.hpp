// Unity Catalog objects the REST API serves without a SQL warehouse.
#pragma once

#include <string_view>

#include "clxs/workspace/service.hpp"

namespace clxs {

/// The metastore and its securables beyond catalogs, as REST objects (snake_case fields, so
/// every workspace answers in one shape). Every call may throw WorkspaceError.
class CLXS_VISIBLE MetastoreService : public WorkspaceService {
 public:
  /// Service id, as WorkspaceCall::service and Workspace::get() know it.
  static constexpr std::string_view kId = "metastore";
  /// What a workspace without it lacks, for the Unavailable message.
  static constexpr std::string_view kWhat = "Unity Catalog metastore API";

  /// Every securable of `kind` the caller can see, as a JSON array of REST objects.
  Json securables(SecurableKind kind, const CallOptions& options) {
    const Scope scope(*this, kId, "securables", {securablePath(kind)}, options);
    return listSecurables(kind, options);
  }
  /// The metastore summary (`metastore_id`, `global_metastore_id`, `name`, `owner`,
  /// `cloud`, `region`, ...).
  Json summary(const CallOptions& options) {
    const Scope scope(*this, kId, "metastoreSummary", {}, options);
    return metastoreSummary(options);
  }

 protected:
  /// Implements securables().
  virtual Json listSecurables(SecurableKind kind, const CallOptions& options) = 0;
  /// Implements summary().
  virtual Json metastoreSummary(const CallOptions& options) = 0;
};

}  // namespace clxs
