// Service "quality.checks": runs checks in DQX's shape ({function, arguments, criticality,
// filter, name}) on one table in one query through the quality plugin's check engine, with
// the same functions, null semantics and SQL guard as its own runs, and answers the rows read
// and each check's failing rows. Also evaluates scalar SELECTs over the table in that same
// query (a data contract's SQL rules). Nothing is stored: the caller judges and keeps the
// results. Provided by the quality plugin; used by governance's data contracts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::services {

/// One check, as DQX writes it.
struct CheckSpec {
  std::string name;                   ///< its name (the engine's automatic name when empty)
  std::string function;               ///< a function of the engine (GET …/dqx/functions)
  Json arguments = Json::object();    ///< the function's arguments by name
  std::string criticality = "error";  ///< "error" or "warn"
  std::string filter;                 ///< SQL predicate selecting the rows checked; empty: all
};

/// A scalar query over the checked table: one SELECT answering one row of one column, which
/// reads the table as `{{ input_view }}`.
struct ValueQuery {
  std::string name;   ///< the caller's name for it
  std::string query;  ///< the SELECT
};

/// One check's outcome.
struct CheckOutcome {
  std::string name;             ///< its name (filled when the request gave none)
  std::string function;         ///< its function
  std::string criticality;      ///< "error" or "warn"
  std::int64_t failedRows = 0;  ///< rows it fails (inside its filter)
};

/// One value query's answer.
struct ValueOutcome {
  std::string name;  ///< as asked
  Json value;        ///< the query's one value (a number as a number; null when it gave NULL)
};

/// What one run measured.
struct CheckRunResult {
  std::int64_t totalRows = 0;        ///< rows of the table read
  std::int64_t errorRows = 0;        ///< rows failing at least one error check
  std::int64_t warningRows = 0;      ///< rows failing at least one warn check
  std::vector<CheckOutcome> checks;  ///< per check, in the order given
  std::vector<ValueOutcome> values;  ///< per value query, in the order given
  std::int64_t elapsedMs = 0;        ///< the query's wall time
};

/// The service.
class CheckRunner {
 public:
  /// Registry name.
  static constexpr const char* kServiceName = "quality.checks";
  virtual ~CheckRunner() = default;

  /// Runs `checks` and `values` on `tableFqn` (catalog.schema.table) in one query. Throws
  /// HttpError 422 for an unknown function or bad arguments (loc ["checks", i, …]), 400 for a
  /// bad table name or SQL that is not one expression (filters) or one SELECT (values);
  /// workspace failures (a missing table: 404) propagate.
  virtual CheckRunResult run(Workspace& ws, const std::string& tableFqn,
                             const std::vector<CheckSpec>& checks,
                             const std::vector<ValueQuery>& values, const CallOptions& call) = 0;
};

}  // namespace clxs::services
