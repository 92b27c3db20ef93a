// Incidents: one stored record per failing thing (a check on a table, an anomalous metric
// series, …) while it fails. A new failure of the same source, table and reference adds to
// the open incident instead of opening another; a pass resolves it. Kept in the plugin's
// `observability_incidents` table, this plugin being their one owner.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::observability {

/// A failure or a pass reported for one source, table and reference.
struct IncidentSignal {
  std::string source;     ///< dqx, anomaly, freshness, volume, sla, contract, recon
  std::string tableFqn;   ///< catalog.schema.table
  std::string sourceRef;  ///< the check id, the metric series, …
  std::string severity;   ///< critical, high, medium or low (failures)
  std::string title;      ///< what failed, in words
  Json details;           ///< the evidence (counts, values, run id)
  std::string at;         ///< when (ISO-8601 UTC)
  std::string by;         ///< who ran what reported it
};

/// The order of severities: low 0, medium 1, high 2, critical 3; anything else −1.
int severityRank(const std::string& severity);

/// The incidents.
class IncidentStore {
 public:
  /// Uses the plugin's migrated store.
  explicit IncidentStore(Store& store) : store_(store) {}
  /// The table's schema.
  static std::vector<Migration> migrations();

  /// A failure: opens an incident, or adds an occurrence to the open one of the same source,
  /// table and reference (its severity rises to the worse of the two). Answers its id.
  std::string fail(const IncidentSignal& s);
  /// A pass: resolves the open incident of the same source, table and reference, if any.
  bool pass(const IncidentSignal& s);
  /// Acknowledges an open incident; 404 when unknown, 409 when resolved.
  Json acknowledge(const std::string& id, const std::string& by, const std::string& assignee,
                   const std::string& note, const std::string& at);
  /// Resolves an incident by hand with a reason; 404 when unknown, 409 when resolved already.
  Json resolve(const std::string& id, const std::string& by, const std::string& reason,
               const std::string& at);
  /// One incident; nullopt when unknown.
  [[nodiscard]] std::optional<Json> find(const std::string& id) const;
  /// Incidents newest first, filtered by status and source when not empty.
  [[nodiscard]] std::vector<Json> list(std::int64_t limit, const std::string& status,
                                       const std::string& source) const;
  /// The unresolved incidents of the tables of `catalog` (of `schema` when not empty).
  [[nodiscard]] std::vector<Json> unresolvedIn(const std::string& catalog,
                                               const std::string& schema) const;
  /// The incidents unresolved at some moment since `since` (ISO-8601): opened before now and
  /// resolved after `since` or not at all, oldest first.
  [[nodiscard]] std::vector<Json> activeSince(const std::string& since) const;
  /// Incidents by status: {open, acknowledged, resolved}.
  [[nodiscard]] Json counts() const;

 private:
  Store& store_;
};

}  // namespace clxs::observability
