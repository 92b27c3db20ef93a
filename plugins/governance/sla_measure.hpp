// Measuring an SLA rule against its table, from Delta metadata where it can be:
// - freshness: hours since the last commit that changed rows (a metadata-only ALTER does not
//   count), threshold = the most hours allowed;
// - schema_stability: the column-changing commits (ADD/DROP/CHANGE/REPLACE/RENAME COLUMN…)
//   in the rule's window, threshold = the changes allowed;
// - row_count: rows from Delta statistics (no scan on the local workspace), threshold = the
//   fewest rows allowed;
// - completeness: 100 − the mean NULL % of the rule's columns (all by default), from one
//   aggregate query, threshold = the least completeness % allowed.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "plugins/governance/sla_store.hpp"

namespace clxs::governance {

/// The metrics an SLA rule may watch.
const std::vector<std::string>& slaMetrics();

/// What one measurement found.
struct SlaMeasurement {
  std::optional<double> value;    ///< the measured value (none: unknown)
  std::string status;             ///< passed, failed or unknown
  std::string reason;             ///< why unknown or failed, in words
  Json details = Json::object();  ///< the evidence
};

/// What is read of a table once for all its rules.
struct SlaTableFacts {
  std::optional<TableInfo> table;                    ///< none: it could not be read
  bool missing = false;                              ///< it does not exist (every rule on it fails)
  std::string error;                                 ///< why it could not be read
  std::optional<std::vector<HistoryEntry>> history;  ///< read when a rule needs it
};

/// The commits of history read for freshness and schema stability.
constexpr std::int64_t kSlaHistoryLimit = 1000;

/// Measures `rule` on `facts` (reading history and statistics through `ws` as needed).
SlaMeasurement measureSla(Workspace& ws, const SlaRule& rule, SlaTableFacts& facts,
                          std::chrono::system_clock::time_point now, const CallOptions& options);

}  // namespace clxs::governance
