#include "plugins/clone/audit/monitor_metrics.hpp"

#include <gtest/gtest.h>

#include "plugins/clone/audit/audit_test_runs.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone::audit {
namespace {

using testing::at;
using testing::FakeRun;
using testing::writeRun;

// Friday 2026-11-27, 15:00 UTC: the day the fixture's runs finish.
const std::chrono::system_clock::time_point kNow =
    std::chrono::sys_days(std::chrono::year(2026) / 11 / 27) + std::chrono::hours(15);

class MonitorMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(CloneStore::migrations()); }
  void run(const std::string& id, const std::string& status, int hour, double seconds,
           std::int64_t tables, const std::string& operation = "clone") {
    FakeRun r{id, status};
    r.finished = at(hour);
    r.started = at(hour - 1);
    r.seconds = seconds;
    r.tables = tables;
    r.operation = operation;
    if (status == "failed") r.summary = {{"error", "x"}};
    writeRun(store_, r);
  }

  clxs::testing::SqliteTestStore sqlite_;
  CloneStore store_{sqlite_};
};

TEST_F(MonitorMetricsTest, TotalsRatesAndThroughput) {
  run("a", "completed", 9, 60, 10);
  run("b", "completed_with_errors", 10, 120, 5);
  run("c", "failed", 11, 30, 0);
  run("d", "cancelled", 12, 10, 0);
  run("e", "completed", 13, 30, 5, "sync");
  const auto m = monitorMetrics(sqlite_, {}, 50, kNow);
  EXPECT_EQ(m["total_operations"], 5);
  EXPECT_EQ(m["succeeded"], 2);
  EXPECT_EQ(m["completed_with_errors"], 1);
  EXPECT_EQ(m["failed"], 1);
  EXPECT_EQ(m["cancelled"], 1);
  EXPECT_DOUBLE_EQ(m["failure_rate"].get<double>(), 25.0);  // 1 of 4 not cancelled
  EXPECT_DOUBLE_EQ(m["error_rate"].get<double>(), 50.0);
  EXPECT_EQ(m["tables"]["cloned"], 20);
  EXPECT_EQ(m["total_size_bytes"], 20000);
  EXPECT_DOUBLE_EQ(m["total_duration_seconds"].get<double>(), 250);
  EXPECT_DOUBLE_EQ(m["avg_duration_seconds"].get<double>(), 50);
  EXPECT_DOUBLE_EQ(m["throughput_tables_per_min"].get<double>(), 4.8);  // 20 tables / 250 s
  EXPECT_EQ(m["by_operation"]["clone"]["operations"], 4);
  EXPECT_EQ(m["by_operation"]["clone"]["failed"], 1);
  EXPECT_EQ(m["by_operation"]["sync"]["tables_cloned"], 5);
  ASSERT_EQ(m["daily"].size(), 1u);
  EXPECT_EQ(m["daily"][0]["date"], "2026-11-27");
  EXPECT_EQ(m["daily"][0]["operations"], 5);
}

TEST_F(MonitorMetricsTest, TheDurationTrendIsOldestFirstAndHasADirection) {
  run("a", "completed", 9, 100, 10);
  run("b", "completed", 10, 100, 10);
  run("c", "completed", 11, 200, 10);
  run("d", "completed", 12, 200, 10);
  auto m = monitorMetrics(sqlite_, {}, 3, kNow);
  ASSERT_EQ(m["duration_trend"].size(), 3u);
  EXPECT_EQ(m["duration_trend"][0]["job_id"], "b");
  EXPECT_EQ(m["duration_trend"][2]["job_id"], "d");
  EXPECT_DOUBLE_EQ(m["duration_trend"][2]["throughput_tables_per_min"].get<double>(), 3.0);
  EXPECT_EQ(m["duration_trend_direction"], "slower");

  run("e", "completed", 13, 20, 10);
  run("f", "completed", 14, 20, 10);
  m = monitorMetrics(sqlite_, {}, 4, kNow);
  EXPECT_EQ(m["duration_trend_direction"], "faster");
  EXPECT_EQ(monitorMetrics(sqlite_, {}, 1, kNow)["duration_trend_direction"], "insufficient_data");
}

TEST_F(MonitorMetricsTest, FiltersNarrowTheRunsAndAnEmptyStoreHasNoRates) {
  auto m = monitorMetrics(sqlite_, {}, 50, kNow);
  EXPECT_EQ(m["total_operations"], 0);
  EXPECT_TRUE(m["failure_rate"].is_null());
  EXPECT_TRUE(m["throughput_tables_per_min"].is_null());
  EXPECT_TRUE(m["avg_duration_seconds"].is_null());
  EXPECT_TRUE(m["duration_trend"].empty());

  run("a", "completed", 9, 60, 10);
  run("b", "completed", 10, 60, 10, "sync");
  RunFilter f;
  f.operation = "sync";
  m = monitorMetrics(sqlite_, f, 50, kNow);
  EXPECT_EQ(m["total_operations"], 1);
  EXPECT_EQ(m["duration_trend"][0]["job_id"], "b");
}

TEST_F(MonitorMetricsTest, TheOriginalDashboardFieldsAreThere) {
  run("a", "completed", 9, 60, 10);
  run("b", "completed_with_errors", 10, 120, 5);
  run("c", "failed", 11, 30, 0);
  run("d", "completed", 13, 30, 5, "sync");
  const auto m = monitorMetrics(sqlite_, {}, 50, kNow);
  EXPECT_EQ(m["total_clones"], 4);
  EXPECT_EQ(m["success_rate"], 50);  // two of four completed
  EXPECT_DOUBLE_EQ(m["avg_duration"].get<double>(), 60);
  EXPECT_DOUBLE_EQ(m["min_duration"].get<double>(), 30);
  EXPECT_DOUBLE_EQ(m["max_duration"].get<double>(), 120);
  EXPECT_EQ(m["total_tables_cloned"], 20);
  EXPECT_DOUBLE_EQ(m["avg_tables_per_clone"].get<double>(), 5);
  EXPECT_EQ(m["by_status"]["completed"], 2);
  EXPECT_EQ(m["operation_type_split"]["sync"], 1);
  ASSERT_EQ(m["peak_hours"].size(), 24U);
  EXPECT_EQ(m["peak_hours"][8]["count"], 1);  // "a" started at 08:00
  ASSERT_EQ(m["activity"].size(), 7U);
  EXPECT_EQ(m["activity"][6]["date"], "2026-11-27");
  EXPECT_EQ(m["activity"][6]["day"], "Fri");
  EXPECT_EQ(m["activity"][6]["clones"], 4);
  EXPECT_EQ(m["activity"][6]["success"], 2);
  EXPECT_EQ(m["activity"][6]["failed"], 1);
  EXPECT_EQ(m["activity"][0]["date"], "2026-11-21");
  EXPECT_EQ(m["week_over_week"]["this_week"], 4);  // the week from Monday 2026-11-23
  EXPECT_EQ(m["week_over_week"]["last_week"], 0);
  EXPECT_DOUBLE_EQ(m["week_over_week"]["change_pct"].get<double>(), 100);
  ASSERT_EQ(m["recent_jobs"].size(), 4U);
  EXPECT_EQ(m["recent_jobs"][0]["job_id"], "d");
  EXPECT_EQ(m["recent_jobs"][1]["status"], "failed");
  // A week later nothing is this week's.
  const auto later = monitorMetrics(sqlite_, {}, 50, kNow + std::chrono::days(7));
  EXPECT_EQ(later["week_over_week"]["this_week"], 0);
  EXPECT_EQ(later["week_over_week"]["last_week"], 4);
  EXPECT_DOUBLE_EQ(later["week_over_week"]["change_pct"].get<double>(), -100);
}

}  // namespace
}  // namespace clxs::clone::audit
