// Service "quality.gate": whether a table meets its data-quality checks, for the clone, sync
// and promotion flows that must not copy or publish bad data. Provided by the quality plugin.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::services {

/// What to evaluate.
struct GateRequest {
  std::string tableFqn;      ///< catalog.schema.table
  std::string suiteId;       ///< a suite's checks on the table; empty: its enabled checks and rules
  double minPassRate = 100;  ///< the share of valid rows (0–100) the table must reach
};

/// An error-level check with failing rows.
struct BlockingFailure {
  std::string checkId;         ///< the check (or rule) id
  std::string name;            ///< its name
  std::string criticality;     ///< "error"
  std::int64_t errorRows = 0;  ///< rows it fails
  double passRate = 100;       ///< the share of rows it passes (0–100)
};

/// The verdict.
struct GateResult {
  bool passed = false;  ///< pass rate reached and no blocking failure
  double passRate = 0;  ///< valid rows (no error-level failure) in % of the rows read
  std::vector<BlockingFailure> blockingFailures;  ///< the error-level checks that failed

  /// {passed, pass_rate, blocking_failures[{check_id, name, criticality, error_rows,
  /// pass_rate}]}.
  [[nodiscard]] Json toJson() const {
    Json failures = Json::array();
    for (const auto& f : blockingFailures) {
      failures.push_back(Json{{"check_id", f.checkId},
                              {"name", f.name},
                              {"criticality", f.criticality},
                              {"error_rows", f.errorRows},
                              {"pass_rate", f.passRate}});
    }
    return Json{{"passed", passed}, {"pass_rate", passRate}, {"blocking_failures", failures}};
  }
};

/// The service.
class QualityGate {
 public:
  /// Registry name.
  static constexpr const char* kServiceName = "quality.gate";
  virtual ~QualityGate() = default;

  /// Runs the checks on `ws` (one query) and judges them. Throws HttpError 404 for an
  /// unknown suite, 400 when there is nothing to check; workspace failures propagate.
  virtual GateResult evaluate(Workspace& ws, const GateRequest& request,
                              const CallOptions& call) = 0;
};

}  // namespace clxs::services
