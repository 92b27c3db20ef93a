#include "plugins/observability/data_freshness.hpp"

#include <gtest/gtest.h>

#include "clxs/clock.hpp"

namespace clxs::observability {
namespace {

HistoryEntry commit(std::int64_t version, const std::string& operation, const std::string& at) {
  HistoryEntry h;
  h.version = version;
  h.operation = operation;
  h.timestamp = at;
  return h;
}

std::chrono::system_clock::time_point at(const char* iso) {
  return *parseIsoUtc(iso);
}

TEST(DataFreshness, AMetadataCommitAfterTheLastWriteDoesNotRefreshTheTable) {
  const std::vector<HistoryEntry> history{
      commit(3, "SET TBLPROPERTIES", "2026-12-07T11:00:00.000Z"),
      commit(2, "CHANGE COLUMN", "2026-12-07T10:00:00.000Z"),
      commit(1, "WRITE", "2026-12-05T12:00:00.000Z"),
      commit(0, "CREATE TABLE", "2026-12-05T11:00:00.000Z")};
  const auto f = freshnessOf(history, at("2026-12-07T12:00:00Z"), {});
  EXPECT_EQ(f["last_modified"], "2026-12-05T12:00:00.000Z");
  EXPECT_EQ(f["last_data_version"], 1);
  EXPECT_EQ(f["last_data_operation"], "WRITE");
  EXPECT_EQ(f["hours_since_update"], 48.0);
  EXPECT_EQ(f["is_stale"], true);
  EXPECT_EQ(f["status"], "stale");
  EXPECT_EQ(f["median_commit_gap_hours"], nullptr) << "one data commit has no cadence";
  const auto fresh = freshnessOf(history, at("2026-12-05T20:00:00Z"), {48, 3});
  EXPECT_EQ(fresh["status"], "fresh");
  EXPECT_EQ(fresh["hours_since_update"], 8.0);
}

TEST(DataFreshness, ATableIsLateAgainstItsOwnCadence) {
  // Written hourly; four hours without a write is late though far from a day.
  std::vector<HistoryEntry> history;
  for (int h = 9; h >= 0; --h) {
    history.push_back(commit(h, "WRITE", "2026-12-07T0" + std::to_string(h) + ":00:00Z"));
  }
  auto f = freshnessOf(history, at("2026-12-07T13:00:00Z"), {24, 3});
  EXPECT_EQ(f["median_commit_gap_hours"], 1.0);
  EXPECT_EQ(f["hours_since_update"], 4.0);
  EXPECT_EQ(f["is_late"], true);
  EXPECT_EQ(f["status"], "fresh") << "late is its own flag; stale is max_stale_hours";
  f = freshnessOf(history, at("2026-12-07T11:30:00Z"), {24, 3});
  EXPECT_EQ(f["is_late"], false);
  EXPECT_EQ(f["data_commits_read"], 10);
}

TEST(DataFreshness, NoDataCommitIsUnknownWithTheReason) {
  auto f = freshnessOf({commit(0, "CREATE TABLE", "2026-12-07T00:00:00Z")},
                       at("2026-12-07T01:00:00Z"), {});
  EXPECT_EQ(f["status"], "unknown");
  EXPECT_EQ(f["reason"], "no data commit among the 1 commits read");
  f = freshnessOf({}, at("2026-12-07T01:00:00Z"), {});
  EXPECT_EQ(f["reason"], "the table has no history");
  // A commit time no one can read is not guessed at.
  f = freshnessOf({commit(1, "WRITE", "yesterday")}, at("2026-12-07T01:00:00Z"), {});
  EXPECT_EQ(f["status"], "unknown");
}

TEST(DataFreshness, GapsBetweenDataCommitsNewestFirst) {
  const std::vector<HistoryEntry> history{
      commit(4, "MERGE", "2026-12-07T06:00:00Z"), commit(3, "OPTIMIZE", "2026-12-06T07:00:00Z"),
      commit(2, "WRITE", "2026-12-06T06:00:00Z"), commit(1, "WRITE", "2026-12-06T05:30:00Z")};
  const auto gaps = dataCommitGaps(history, {12, 3});
  ASSERT_EQ(gaps.size(), 3u);
  EXPECT_EQ(gaps[0]["version"], 4);
  EXPECT_EQ(gaps[0]["hours_since_update"], 24.0);
  EXPECT_EQ(gaps[0]["is_stale"], true);
  EXPECT_EQ(gaps[1]["hours_since_update"], 0.5);
  EXPECT_EQ(gaps[1]["status"], "fresh");
  EXPECT_EQ(gaps[2]["hours_since_update"], nullptr);
}

}  // namespace
}  // namespace clxs::observability
