// Expectation suites (Data Quality › suites): named lists of checks and rules, kept with
// their runs in the quality plugin's SQLite tables.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::quality {

/// One suite.
struct StoredSuite {
  std::string id;              ///< UUID
  std::string name;            ///< its name
  std::string description;     ///< free text
  Json items = Json::array();  ///< [{type: dqx_check|dq_rule, id, description}]
  std::string createdBy;       ///< who created it
  std::string createdAt;       ///< ISO-8601 UTC
  std::string updatedAt;       ///< ISO-8601 UTC
};

/// {suite_id, name, description, checks, check_count, created_by, created_at, updated_at}.
Json suiteJson(const StoredSuite& s);

/// Reads and writes quality_suites and quality_suite_runs.
class SuiteRepository {
 public:
  /// Uses `store` (the plugin's; it outlives this).
  explicit SuiteRepository(Store& store) : store_(store) {}
  /// The tables' migrations (after the rules').
  static std::vector<Migration> migrations();
  /// Stores a new suite.
  void insert(const StoredSuite& s);
  /// The suite with `id`, or nothing.
  std::optional<StoredSuite> find(const std::string& id);
  /// Every suite, oldest first.
  std::vector<StoredSuite> list();
  /// Deletes a suite; false when its id is unknown.
  bool remove(const std::string& id);
  /// Stores a run's result.
  void insertRun(const std::string& suiteId, const Json& result);

 private:
  Store& store_;
};

}  // namespace clxs::quality
