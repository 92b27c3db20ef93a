#include "plugins/observability/system_table_scan.hpp"

#include <gtest/gtest.h>

#include "clxs/clock.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::observability {
namespace {

DailySeries steady(int days, double value) {
  DailySeries s;
  for (int d = 1; d <= days; ++d) {
    s.emplace_back("2026-11-" + std::string(d < 10 ? "0" : "") + std::to_string(d), value);
  }
  return s;
}

TEST(DailyAnomaliesTest, AJumpInTheJudgedDaysIsFlaggedWithItsBand) {
  auto s = steady(20, 100);
  s.emplace_back("2026-11-21", 400);
  s.emplace_back("2026-11-22", 100);
  const auto found = dailyAnomalies(s, "2026-11-20", 28, {});
  ASSERT_EQ(found.size(), 1u) << found.dump();
  EXPECT_EQ(found[0]["date"], "2026-11-21");
  EXPECT_EQ(found[0]["direction"], "up");
  EXPECT_EQ(found[0]["severity"], "critical");
  EXPECT_EQ(found[0]["expected_high"], 102.0);  // floor: max(1 % of 100, 1) × 2
}

TEST(DailyAnomaliesTest, DaysBeforeTheJudgedOnesOnlyFormTheBaseline) {
  auto s = steady(10, 100);
  s[3].second = 900;  // an old spike: baseline material, not reported
  EXPECT_TRUE(dailyAnomalies(s, "2026-11-08", 28, {}).empty());
}

TEST(DailyAnomaliesTest, TooShortAHistoryJudgesNothing) {
  EXPECT_TRUE(dailyAnomalies(steady(5, 1), "2026-11-01", 28, {}).empty());
}

TEST(SystemTableScanTest, SourcesReportDisabledUnavailableAndOk) {
  testing::MemoryWorkspace ws;
  ws.onSql([](std::string_view statement) -> ResultSet {
    if (statement.find("system.query.history") != std::string_view::npos) {
      ResultSet r;
      r.columns = {{"day", "STRING"}, {"failed", "BIGINT"}, {"p95_ms", "DOUBLE"}};
      r.rows = {{"2026-12-01", "0", "120.5"}};
      return r;
    }
    throw WorkspaceError(WorkspaceErrorClass::NotFound, "TABLE_OR_VIEW_NOT_FOUND");
  });
  clxs::testing::SqliteTestStore sqlite;
  sqlite.migrate(VolumeStore::migrations());
  VolumeStore volumes(sqlite);
  const auto now = std::chrono::system_clock::now();
  // Ten days of 1 MB, then 50 MB today, in catalog shop.
  for (int back = 10; back >= 0; --back) {
    volumes.record({{"shop.s.t", "shop", 1, back == 0 ? 50'000'000 : 1'000'000, "delta_statistics",
                     isoUtc(now - std::chrono::days(back)), "me"}});
  }
  SystemTableScan scan{
      {{"billing", true}, {"query_history", true}, {"compute", false}, {"storage", true}},
      7,
      28,
      {},
      now};
  const auto out = scanSystemTables(ws, volumes, scan, {});
  EXPECT_EQ(out["sources"]["billing"]["status"], "unavailable");
  EXPECT_EQ(out["sources"]["query_history"]["status"], "ok");
  EXPECT_EQ(out["sources"]["query_history"]["series"].size(), 2u);
  EXPECT_EQ(out["sources"]["compute"]["status"], "disabled");
  EXPECT_EQ(out["sources"]["storage"]["status"], "ok");
  ASSERT_EQ(out["total_anomalies"], 1) << out.dump();
  EXPECT_EQ(out["anomalies"][0]["source"], "storage");
  EXPECT_EQ(out["anomalies"][0]["series"]["catalog"], "shop");
  EXPECT_EQ(out["anomalies"][0]["direction"], "up");
}

}  // namespace
}  // namespace clxs::observability
