// The legacy rules and their results in the quality plugin's SQLite tables.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/quality/legacy_rule.hpp"

namespace clxs::quality {

/// A stored rule with who made it and when.
struct StoredRule {
  LegacyRule rule;        ///< the rule
  std::string createdBy;  ///< who created it
  std::string createdAt;  ///< ISO-8601 UTC
  std::string updatedAt;  ///< ISO-8601 UTC
};

/// The rule as the routes answer it (the original's columns).
Json ruleJson(const StoredRule& r);

/// Reads and writes quality_rules and quality_rule_results.
class RuleRepository {
 public:
  /// Uses `store` (the plugin's; it outlives this).
  explicit RuleRepository(Store& store) : store_(store) {}

  /// The tables' migrations (after CheckRepository's).
  static std::vector<Migration> migrations();

  /// Stores a new rule.
  void insert(const StoredRule& r);
  /// Replaces a rule; false when its id is unknown.
  bool update(const StoredRule& r);
  /// The rule with `id`, or nothing.
  std::optional<StoredRule> find(const std::string& id);
  /// Rules, oldest first, of a table and severity when given.
  std::vector<StoredRule> list(const std::string& tableFqn, const std::string& severity);
  /// Deletes a rule; false when its id is unknown.
  bool remove(const std::string& id);
  /// Stores one rule's result of a run (`result` in the route's shape), then tells the
  /// result listener.
  void insertResult(const Json& result);
  /// Called with every result stored (the plugin publishes it as a check result); set once
  /// at start, before any run.
  void setResultListener(std::function<void(const Json&)> listener) {
    resultListener_ = std::move(listener);
  }
  /// Results, newest first, of a table when given.
  std::vector<Json> results(const std::string& tableFqn, std::int64_t limit);
  /// Passes and failures per rule per day since `since` (ISO-8601), newest day first.
  std::vector<Json> history(const std::string& ruleId, const std::string& since);

 private:
  Store& store_;
  std::function<void(const Json&)> resultListener_;
};

}  // namespace clxs::quality
