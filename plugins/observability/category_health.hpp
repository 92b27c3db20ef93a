// The observability dashboard's health: five categories (freshness, volume, anomaly, SLA,
// data quality), each scored as the share of the tables it observes that have no unresolved
// incident of its kind, weighted into one score. Everything is computed from stored
// incidents and from when each table was first observed, so the score at any past moment can
// be recomputed the same way: the trends are the same computation at the end of each day.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"

namespace clxs::observability {

/// The categories in order, with their weights (they sum to 1).
struct CategoryWeight {
  const char* name;  ///< freshness, volume, anomaly, sla, dq
  double weight;     ///< its share of the composite
};
/// The five categories.
const std::vector<CategoryWeight>& observabilityCategories();

/// The category of an incident: freshness (source freshness), volume (source volume, or an
/// anomaly of a row count), anomaly (other anomalies), sla (sla, contract) or dq (dqx, dq and
/// other check sources); nullopt for sources outside the five (recon).
std::optional<std::string> categoryOf(const Json& incident);

/// When each table was first observed per category: category → lower-case table → ISO time.
using ObservedTables = std::map<std::string, std::map<std::string, std::string>>;

/// Adds `table` to `category` first observed at `at`, keeping the earlier time.
void observe(ObservedTables& observed, const std::string& category, const std::string& table,
             const std::string& at);

/// The health at `at` from `incidents` (any status; each counts while it was unresolved)
/// and the observed tables (incidents' tables count as observed from their opening):
/// {health_score (0–100 integer; null without evidence), status (healthy ≥ 90, warning ≥ 70,
/// critical, or unknown), categories [{category, weight, score, observed_tables,
/// failing_tables, open_incidents, reason}]}.
Json categoryHealthAt(ObservedTables observed, const std::vector<Json>& incidents,
                      std::chrono::system_clock::time_point at);

/// Daily points of categoryHealthAt() at the end of each of the last `days` UTC days (the
/// last point is `now`): [{date, health_score, status, categories {name: score}}].
Json dailyHealth(const ObservedTables& observed, const std::vector<Json>& incidents,
                 std::chrono::system_clock::time_point now, int days);

}  // namespace clxs::observability
