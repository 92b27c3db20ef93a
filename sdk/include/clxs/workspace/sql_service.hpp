// Databricks SQL statements: the service every workspace has.
#pragma once

#include <string_view>
#include <vector>

#include "clxs/workspace/service.hpp"

namespace clxs {

/// Runs Databricks SQL. Every call may throw WorkspaceError.
class CLXS_VISIBLE SqlService : public WorkspaceService {
 public:
  /// Service id, as WorkspaceCall::service and Workspace::get() know it.
  static constexpr std::string_view kId = "sql";
  /// What a workspace without it lacks, for the Unavailable message.
  static constexpr std::string_view kWhat = "SQL statements";

  /// Runs one statement with named parameters (`:name`).
  ResultSet execute(std::string_view statement, const std::vector<SqlParam>& params,
                    const CallOptions& options) {
    const Scope scope(*this, kId, "execute", {statement}, options);
    return runStatement(statement, params, options);
  }

 protected:
  /// Implements execute().
  virtual ResultSet runStatement(std::string_view statement, const std::vector<SqlParam>& params,
                                 const CallOptions& options) = 0;
};

}  // namespace clxs
