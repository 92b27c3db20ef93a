// The latest result of every data-quality check on every table, kept from the check results
// the quality plugin publishes (events::CheckResult, one per check per run, passes included):
// the evidence of the trust score's dq dimension and of coverage, without reading the quality
// plugin's tables. Kept in the plugin's `observability_check_evidence` table.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clxs/event_types.hpp"
#include "clxs/events.hpp"
#include "clxs/log.hpp"
#include "clxs/store.hpp"

namespace clxs::observability {

/// One check's latest result on one table.
struct CheckEvidence {
  std::string tableFqn;         ///< catalog.schema.table as the result named it
  std::string checkId;          ///< the check
  std::string checkName;        ///< its name
  std::string source;           ///< what ran it (dqx)
  std::string criticality;      ///< error or warn
  bool passed = true;           ///< no row failed it
  std::int64_t failedRows = 0;  ///< rows that failed it
  std::int64_t inputRows = 0;   ///< rows the run read
  std::string runId;            ///< the run
  std::string executedAt;       ///< when (ISO-8601 UTC)
};

/// The stored latest results.
class CheckEvidenceStore {
 public:
  /// Uses the plugin's migrated store.
  explicit CheckEvidenceStore(Store& store) : store_(store) {}
  /// The table's schema.
  static std::vector<Migration> migrations();

  /// Keeps `r` as its check's latest result on its table unless a newer one is kept already
  /// (results may arrive out of order from concurrent runs).
  void record(const events::CheckResult& r);
  /// The latest result of each check of a table (any case), by check name.
  [[nodiscard]] std::vector<CheckEvidence> latestOf(const std::string& tableFqn) const;
  /// The latest results of the tables of `catalog` (of `schema` too when not empty), by
  /// lower-case table name.
  [[nodiscard]] std::map<std::string, std::vector<CheckEvidence>> latestIn(
      const std::string& catalog, const std::string& schema) const;

 private:
  Store& store_;
};

/// Keeps every published check result in `evidence`; a failure to store one is logged, never
/// thrown into the publisher's request.
void subscribeCheckEvidence(Events& events, Logger& log,
                            std::shared_ptr<CheckEvidenceStore> evidence);

}  // namespace clxs::observability
