// Cost of Poor Quality events: one per incident, with the inputs, components and total it
// was computed from, in the plugin's `observability_copq_events` table. Computing an
// incident again replaces its event (or leaves it when nothing changed), never adds one.
// Amounts are stored in whole cents so that every sum over events is exact.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/observability/copq_costing.hpp"

namespace clxs::observability {

/// What saving an event did.
enum class CopqSaved { Created, Updated, Unchanged };

/// An incident's cost event as stored.
struct CopqEvent {
  std::string incidentId;  ///< the incident (one event each)
  std::string tableFqn;    ///< its table
  std::string source;      ///< its source (dqx, anomaly, …)
  std::string occurredAt;  ///< when it opened (ISO-8601 UTC): the time the cost is counted at
  CopqCost cost;           ///< inputs, components and cents
};

/// The events.
class CopqStore {
 public:
  /// Uses the plugin's migrated store.
  explicit CopqStore(Store& store) : store_(store) {}
  /// The table's schema.
  static std::vector<Migration> migrations();

  /// Creates the incident's event, replaces it when its inputs, components or total differ,
  /// or leaves it (computed_at and computed_by stay those of the last change).
  CopqSaved save(const CopqEvent& event, const std::string& at, const std::string& by);

  /// Events that occurred at or after `since`: {total_cost, events, breakdown (each
  /// component's sum), by_source [{source, events, total_cost}], last_computed_at}.
  [[nodiscard]] Json summary(const std::string& since) const;
  /// The same per table, costliest first: [{table_fqn, events, total_cost, breakdown}],
  /// each with its `cost_events` (inputs and components) when `withEvents`.
  [[nodiscard]] Json byTable(const std::string& since, bool withEvents) const;
  /// Weekly buckets (weeks start on Monday, UTC) from the week of `from` to the week of
  /// `to`, every week present, zero when nothing occurred: {weeks: [{week_start, events,
  /// total_cost, breakdown}], events, total_cost}. Counts events that occurred from `from`
  /// to `to`, so the first week holds only its days from `from` on.
  [[nodiscard]] Json weekly(std::chrono::system_clock::time_point from,
                            std::chrono::system_clock::time_point to) const;

 private:
  Store& store_;
};

}  // namespace clxs::observability
