// Monitoring configurations (which tables, which metrics, how often) and the monitoring
// scheduler's settings, in the plugin's `observability_monitors` table and settings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::observability {

/// One table's monitor.
struct MonitorConfig {
  std::string id;                    ///< UUID
  std::string tableFqn;              ///< catalog.schema.table
  std::vector<std::string> metrics;  ///< from fieldHealthMetrics()
  std::vector<std::string> columns;  ///< columns measured (empty: every column)
  std::string frequency = "daily";   ///< hourly, daily or weekly
  bool autoBaseline = true;          ///< judge each run against the series' baseline
  std::int64_t baselineDays = 30;    ///< kept for the original's clients
  bool enabled = true;               ///< taken by runs
  std::string createdBy;             ///< who created it
  std::string createdAt;             ///< when
  std::string updatedAt;             ///< last change
  std::string lastRunAt;             ///< last run (empty: never)
  std::string lastStatus;            ///< ok or error
  std::string lastError;             ///< why the last run failed
};

/// The monitoring scheduler's settings.
struct MonitorSchedulerSettings {
  bool enabled = false;                ///< runs on the kernel scheduler
  std::int64_t frequencyMinutes = 60;  ///< how often it looks for monitors due
};

/// Seconds between runs of a monitor of `frequency`.
std::int64_t frequencySeconds(const std::string& frequency);

/// The stored monitors.
class MonitorStore {
 public:
  /// Uses the plugin's migrated store.
  explicit MonitorStore(Store& store) : store_(store) {}
  /// The table's schema.
  static std::vector<Migration> migrations();

  /// Every monitor, by table.
  [[nodiscard]] std::vector<MonitorConfig> list() const;
  /// One monitor.
  [[nodiscard]] std::optional<MonitorConfig> find(const std::string& id) const;
  /// The monitor of a table.
  [[nodiscard]] std::optional<MonitorConfig> findByTable(const std::string& tableFqn) const;
  /// Inserts or replaces (by id).
  void save(const MonitorConfig& c);
  /// Deletes; false when unknown.
  bool remove(const std::string& id);
  /// Records a run's outcome.
  void ran(const std::string& id, const std::string& at, const std::string& status,
           const std::string& error);

  /// The scheduler's settings.
  [[nodiscard]] MonitorSchedulerSettings scheduler() const;
  /// Stores them.
  void setScheduler(const MonitorSchedulerSettings& s);

 private:
  Store& store_;
};

/// A monitor as the routes answer it.
Json monitorJson(const MonitorConfig& c);

}  // namespace clxs::observability
