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

  /// The SQL warehouse statements with `options` run on: options.warehouseId, else the
  /// workspace's own (from its configuration), else the workspace's only warehouse (onlyOne).
  /// WorkspaceError InvalidSql (400) naming every warehouse (id and name) and how to choose
  /// one when there are none or several. Empty on a workspace without warehouses (local).
  /// Call it before queuing a job that runs SQL, so that a request the job could not carry
  /// out is refused at once.
  WarehouseChoice warehouse(const CallOptions& options) {
    const Scope scope(*this, kId, "warehouse", {}, options);
    return chooseWarehouse(options);
  }

 protected:
  /// Implements warehouse(); by default the one the options name.
  virtual WarehouseChoice chooseWarehouse(const CallOptions& options) {
    return WarehouseChoice{options.warehouseId, "", false};
  }
  /// Implements execute().
  virtual ResultSet runStatement(std::string_view statement, const std::vector<SqlParam>& params,
                                 const CallOptions& options) = 0;
};

/// The line a job logs when it runs on `choice` because that is the workspace's only
/// warehouse (empty otherwise), so its log says which warehouse it used and why.
inline std::string onlyWarehouseNote(const WarehouseChoice& choice) {
  if (!choice.onlyOne) return {};
  return "Using SQL warehouse " +
         (choice.name.empty() ? choice.id : choice.name + " (" + choice.id + ")") +
         ", the workspace's only one, as none was named";
}

}  // namespace clxs
