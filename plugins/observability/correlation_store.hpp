// Stored correlation groups (`observability_anomaly_groups` and their members): what
// POST /api/anomalies/correlate found, kept so the groups and the most frequent root causes
// can be read later. A group is identified by its members: correlating again over the same
// incidents updates the group rather than adding a copy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/observability/correlation.hpp"

namespace clxs::observability {

/// The groups.
class CorrelationStore {
 public:
  /// Uses the plugin's migrated store.
  explicit CorrelationStore(Store& store) : store_(store) {}
  /// The tables' schema.
  static std::vector<Migration> migrations();

  /// Stores groups found at `at` with `windowMinutes`; answers each as groupJson() shows it.
  std::vector<Json> save(const std::vector<CorrelationGroup>& groups, int windowMinutes,
                         const std::string& at);
  /// Groups whose last member started at or after `since`, newest first, without members.
  [[nodiscard]] std::vector<Json> list(const std::string& since, std::int64_t limit) const;
  /// One group with its members, edges and timeline; nullopt when unknown.
  [[nodiscard]] std::optional<Json> find(const std::string& id) const;
  /// Root-cause tables of the groups since `since`, most groups first: [{table_fqn, groups,
  /// other_failures (the other members of those groups), last_seen_at, group_ids}].
  [[nodiscard]] std::vector<Json> rootCauses(const std::string& since, std::int64_t limit) const;

 private:
  Store& store_;
};

}  // namespace clxs::observability
