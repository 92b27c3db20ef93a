#include "plugins/observability/root_cause.hpp"

#include <gtest/gtest.h>

#include "clxs/clock.hpp"

namespace clxs::observability {
namespace {

using std::chrono::hours;

const auto kCauseNow = *parseIsoUtc("2026-12-01T12:00:00Z");

Json causeIncident(const std::string& id, const std::string& openedAt,
                   Json details = Json::object(), const std::string& ref = "*:null_pct") {
  return {{"id", id},    {"source", "anomaly"}, {"source_ref", ref},     {"severity", "high"},
          {"title", id}, {"status", "open"},    {"opened_at", openedAt}, {"details", details}};
}

HistoryEntry causeCommit(std::int64_t version, const std::string& at, const std::string& op) {
  HistoryEntry h;
  h.version = version;
  h.timestamp = at;
  h.operation = op;
  return h;
}

TEST(RootCauseTest, TheMostUpstreamTableThatFailedNoLaterIsTheCause) {
  std::vector<TableEvidence> tables{
      {"c.s.gold", 0, {causeIncident("g", "2026-12-01T11:00:00Z")}, {}, ""},
      {"c.s.silver", 1, {causeIncident("s", "2026-12-01T10:30:00Z")}, {}, ""},
      {"c.s.bronze",
       2,
       {causeIncident("b", "2026-12-01T10:00:00Z", {{"value", 0}, {"expected_low", 900}},
                      "*:row_count")},
       {},
       ""}};
  const auto out = rootCauseOf(tables, kCauseNow - hours(24), kCauseNow);
  EXPECT_EQ(out["likely_root_cause"]["table_fqn"], "c.s.bronze");
  ASSERT_EQ(out["signals"].size(), 3u);
  EXPECT_EQ(out["signals"][0]["kind"], "volume_drop");
  EXPECT_EQ(out["signals"][0]["offset_minutes"], -60.0);
  EXPECT_EQ(out["signals"][2]["offset_minutes"], 0.0);
}

TEST(RootCauseTest, UpstreamTroubleAfterTheTablesOwnIsNotItsCause) {
  std::vector<TableEvidence> tables{
      {"c.s.gold", 0, {causeIncident("g", "2026-12-01T10:00:00Z")}, {}, ""},
      {"c.s.silver", 1, {causeIncident("s", "2026-12-01T11:00:00Z")}, {}, ""}};
  const auto out = rootCauseOf(tables, kCauseNow - hours(24), kCauseNow);
  EXPECT_EQ(out["likely_root_cause"]["table_fqn"], "c.s.gold");
  EXPECT_NE(out["reason"].get<std::string>().find("table itself"), std::string::npos);
}

TEST(RootCauseTest, SchemaChangesInTheWindowAndFreshnessGapsAreSignals) {
  std::vector<TableEvidence> tables{
      {"c.s.gold", 0, {}, {}, ""},
      {"c.s.silver",
       1,
       {},
       {causeCommit(3, "2026-12-01T09:00:00Z", "ADD COLUMNS"),
        causeCommit(2, "2026-11-28T09:00:00Z", "WRITE"),           // 75 h ago: stale
        causeCommit(1, "2026-11-20T09:00:00Z", "CHANGE COLUMN")},  // outside the window
       ""}};
  const auto out = rootCauseOf(tables, kCauseNow - hours(24), kCauseNow);
  ASSERT_EQ(out["signals"].size(), 2u);
  EXPECT_EQ(out["signals"][0]["kind"], "freshness_gap");
  EXPECT_EQ(out["signals"][0]["severity"], "high");
  EXPECT_EQ(out["signals"][1]["kind"], "schema_change");
  EXPECT_EQ(out["likely_root_cause"]["table_fqn"], "c.s.silver");
}

TEST(RootCauseTest, NothingAnywhereSaysSo) {
  const auto out = rootCauseOf({{"c.s.gold", 0, {}, {}, ""}}, kCauseNow - hours(24), kCauseNow);
  EXPECT_TRUE(out["likely_root_cause"].is_null());
  EXPECT_TRUE(out["signals"].empty());
  EXPECT_NE(out["reason"].get<std::string>().find("no signal"), std::string::npos);
}

}  // namespace
}  // namespace clxs::observability
