// Convert to Delta end to end: POST /api/convert-to-delta on a temporary local workspace (a
// partitioned Parquet external table, a Delta table, a view), its safety gate and dry run,
// and GET /api/convert-to-delta/history with its filters.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/cli_process.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

const char* const kConvert = "/api/convert-to-delta";
const char* const kHistory = "/api/convert-to-delta/history";

void seedConvertSource(const ServerProcess& s) {
  const auto location = (s.dataDir() / "external" / "events").string();
  std::filesystem::create_directories(location);
  seedSql(s.dataDir(),
          "CREATE CATALOG lake;\n"
          "CREATE SCHEMA lake.raw;\n"
          "CREATE TABLE lake.raw.events (id INT, p STRING) USING PARQUET\n"
          "  PARTITIONED BY (p) LOCATION '" +
              location +
              "';\n"
              "INSERT INTO lake.raw.events VALUES (1, 'a'), (2, 'b'), (3, 'a');\n"
              "CREATE TABLE lake.raw.users (id INT);\n"
              "INSERT INTO lake.raw.users VALUES (1);\n"
              "CREATE VIEW lake.raw.v_events AS SELECT * FROM lake.raw.events;\n"
              "CREATE TABLE lake.raw.`we``ird; t` (id INT) USING PARQUET;\n"
              "INSERT INTO lake.raw.`we``ird; t` VALUES (7);\n");
}

Json targets(const std::vector<std::string>& fqns) {
  Json out = Json::array();
  for (const auto& f : fqns) out.push_back(Json{{"fqn", f}});
  return out;
}

Json convert(const ServerProcess& s, const Json& body, int status = 200) {
  const auto r = s.post(kConvert, body);
  EXPECT_EQ(r.status, status) << r.body;
  return r.json();
}

Json history(const ServerProcess& s, const std::string& query = {}) {
  const auto r = s.get(std::string(kHistory) + query);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json();
}

// The table's format as Unity Catalog reports it.
std::string format(const ServerProcess& s, const std::string& table) {
  const auto rows = sqlRows(s.dataDir(),
                            "SELECT data_source_format FROM lake.information_schema.tables "
                            "WHERE table_schema = 'raw' AND table_name = '" +
                                table + "'");
  return rows.empty() || rows[0]["data_source_format"].is_null()
             ? std::string()
             : rows[0]["data_source_format"].get<std::string>();
}

// CONVERT statements the workspace ran, from its query history.
std::size_t convertsRun(const ServerProcess& s) {
  return sqlRows(s.dataDir(),
                 "SELECT statement_text FROM system.query.history "
                 "WHERE statement_text LIKE 'CONVERT TO DELTA%'")
      .size();
}

Json withFormat(const ServerProcess& s, const std::string& name) {
  const auto r = s.get("/api/catalogs/lake/raw/tables/with-format");
  EXPECT_EQ(r.status, 200) << r.body;
  for (const auto& t : r.json()) {
    if (t["name"] == name) return t;
  }
  return nullptr;
}

// The 422's first issue location.
Json rejectedAt(const ServerProcess& s, const Json& body) {
  const auto r = s.post(kConvert, body);
  EXPECT_EQ(r.status, 422) << r.body;
  const auto j = r.json();
  EXPECT_TRUE(j["detail"].is_array()) << r.body;
  return j["detail"].is_array() && !j["detail"].empty() ? j["detail"][0]["loc"] : Json();
}

TEST(ConvertToDelta, APartitionedParquetTableBecomesDeltaWithItsRows) {
  ServerProcess s;
  seedConvertSource(s);
  EXPECT_EQ(
      withFormat(s, "events"),
      (Json{{"name", "events"}, {"table_type", "EXTERNAL"}, {"data_source_format", "PARQUET"}}));

  const auto out =
      convert(s, Json{{"targets", targets({"lake.raw.events"})}, {"confirm_destructive", true}});
  EXPECT_EQ(out["total"], 1);
  EXPECT_EQ(out["converted"], 1);
  EXPECT_EQ(out["failed"], 0);
  EXPECT_EQ(out["skipped"], 0);
  EXPECT_EQ(out["dry_run"], false);
  const auto& r = out["results"][0];
  EXPECT_EQ(r["fqn"], "lake.raw.events");
  EXPECT_EQ(r["source_format"], "PARQUET");
  EXPECT_EQ(r["status"], "converted");
  EXPECT_TRUE(r["error"].is_null());
  EXPECT_TRUE(r["duration_ms"].is_number_integer());
  EXPECT_EQ(r["sql"], "CONVERT TO DELTA `lake`.`raw`.`events` PARTITIONED BY (`p` STRING)");

  // Read back as Delta: same rows, same partitioning, the new format everywhere.
  EXPECT_EQ(
      sqlRows(s.dataDir(), "SELECT id, p FROM lake.raw.events ORDER BY id"),
      (Json::array({{{"id", 1}, {"p", "a"}}, {{"id", 2}, {"p", "b"}}, {{"id", 3}, {"p", "a"}}})));
  const auto detail = sqlRows(s.dataDir(), "DESCRIBE DETAIL lake.raw.events");
  ASSERT_EQ(detail.size(), 1u);
  EXPECT_EQ(detail[0]["format"], "delta");
  EXPECT_EQ(detail[0]["partitionColumns"], Json::array({"p"}));
  EXPECT_EQ(format(s, "events"), "DELTA");
  // The explorer's cached answer is refreshed by the conversion.
  EXPECT_EQ(withFormat(s, "events")["data_source_format"], "DELTA");
  EXPECT_EQ(convertsRun(s), 1u);

  const auto h = history(s);
  ASSERT_EQ(h["count"], 1);
  const auto& row = h["rows"][0];
  EXPECT_EQ(row["operation_id"], out["operation_id"]);
  EXPECT_EQ(row["fqn"], "lake.raw.events");
  EXPECT_EQ(row["status"], "converted");
  EXPECT_EQ(row["dry_run"], false);
  EXPECT_EQ(row["trigger"], "manual");
  EXPECT_EQ(row["host"], "local");
  EXPECT_FALSE(row["user_name"].get<std::string>().empty());
  EXPECT_TRUE(row["error_message"].is_null());

  // Converting again finds a Delta table and leaves it alone.
  const auto again =
      convert(s, Json{{"targets", targets({"lake.raw.events"})}, {"confirm_destructive", true}});
  EXPECT_EQ(again["skipped"], 1);
  EXPECT_EQ(convertsRun(s), 1u);
}

TEST(ConvertToDelta, NamesWithBackticksAndSemicolonsRoundTrip) {
  ServerProcess s;
  seedConvertSource(s);
  const auto out = convert(
      s, Json{{"targets", targets({"lake.raw.`we``ird; t`"})}, {"confirm_destructive", true}});
  EXPECT_EQ(out["converted"], 1) << out.dump();
  EXPECT_EQ(out["results"][0]["fqn"], "lake.raw.`we``ird; t`");
  EXPECT_EQ(out["results"][0]["sql"], "CONVERT TO DELTA `lake`.`raw`.`we``ird; t`");
  EXPECT_EQ(format(s, "we`ird; t"), "DELTA");
  EXPECT_EQ(sqlRows(s.dataDir(), "SELECT id FROM lake.raw.`we``ird; t`"),
            Json::array({{{"id", 7}}}));
  EXPECT_EQ(history(s, "?fqn_like=lake.raw.%60we%25")["count"], 1);
}

TEST(ConvertToDelta, ADryRunNeedsNoConfirmationAndConvertsNothing) {
  ServerProcess s;
  seedConvertSource(s);
  const auto out = convert(
      s, Json{{"targets", targets({"lake.raw.events", "lake.raw.users"})}, {"dry_run", true}});
  EXPECT_EQ(out["dry_run"], true);
  EXPECT_EQ(out["converted"], 1);
  EXPECT_EQ(out["skipped"], 1);
  EXPECT_EQ(out["results"][0]["sql"],
            "CONVERT TO DELTA `lake`.`raw`.`events` PARTITIONED BY (`p` STRING)");
  EXPECT_EQ(format(s, "events"), "PARQUET");
  EXPECT_EQ(convertsRun(s), 0u);
  const auto h = history(s, "?dry_run=true");
  EXPECT_EQ(h["count"], 2);
  EXPECT_EQ(h["rows"][0]["dry_run"], true);
  EXPECT_EQ(history(s, "?dry_run=false")["count"], 0);
}

TEST(ConvertToDelta, WithoutConfirmationTheRequestIs422AndNothingRuns) {
  ServerProcess s;
  seedConvertSource(s);
  const auto t = targets({"lake.raw.events"});
  EXPECT_EQ(rejectedAt(s, Json{{"targets", t}}), (Json{"body", "confirm_destructive"}));
  EXPECT_EQ(rejectedAt(s, Json{{"targets", t}, {"confirm_destructive", false}}),
            (Json{"body", "confirm_destructive"}));
  EXPECT_EQ(rejectedAt(s, Json{{"targets", t}, {"confirm_destructive", false}, {"dry_run", false}}),
            (Json{"body", "confirm_destructive"}));
  EXPECT_EQ(format(s, "events"), "PARQUET");
  EXPECT_EQ(convertsRun(s), 0u);
  EXPECT_EQ(history(s)["count"], 0);
}

TEST(ConvertToDelta, DeltaTablesAndViewsAreSkippedWithoutSql) {
  ServerProcess s;
  seedConvertSource(s);
  const auto out = convert(
      s,
      Json{{"targets", Json::array({Json{{"fqn", "lake.raw.users"}, {"source_format", "PARQUET"}},
                                    Json{{"fqn", "lake.raw.v_events"}}})},
           {"confirm_destructive", true}});
  EXPECT_EQ(out["total"], 2);
  EXPECT_EQ(out["skipped"], 2);
  EXPECT_EQ(out["converted"], 0);
  // Unity Catalog's format wins over the declared one.
  EXPECT_EQ(out["results"][0]["source_format"], "DELTA");
  EXPECT_EQ(out["results"][0]["reason"], "Already a Delta table");
  EXPECT_TRUE(out["results"][0]["sql"].is_null());
  EXPECT_EQ(out["results"][1]["status"], "skipped");
  EXPECT_TRUE(out["results"][1]["sql"].is_null());
  // Nor the DESCRIBE that precedes a Parquet conversion (the local listing itself describes
  // views for their columns, so only the table is checked).
  EXPECT_EQ(convertsRun(s), 0u);
  EXPECT_EQ(sqlRows(s.dataDir(),
                    "SELECT statement_text FROM system.query.history "
                    "WHERE statement_text LIKE 'DESCRIBE%users%'"),
            Json::array());
}

TEST(ConvertToDelta, UnknownTablesFailTheirTargetOnly) {
  ServerProcess s;
  seedConvertSource(s);
  const auto out = convert(s, Json{{"targets", targets({"lake.raw.ghost", "lake.nowhere.t",
                                                        "nope.raw.t", "lake.raw.events"})},
                                   {"confirm_destructive", true}});
  EXPECT_EQ(out["total"], 4);
  EXPECT_EQ(out["failed"], 3);
  EXPECT_EQ(out["converted"], 1);
  for (int i = 0; i < 3; ++i) {
    const auto& r = out["results"][i];
    EXPECT_EQ(r["status"], "failed");
    EXPECT_NE(r["error"].get<std::string>().find(r["fqn"].get<std::string>() + " does not exist"),
              std::string::npos)
        << r.dump();
  }
  EXPECT_EQ(history(s, "?status=failed")["count"], 3);
}

TEST(ConvertToDelta, BadFieldsAre422WithTheirLocation) {
  ServerProcess s;
  const auto ok = [](Json t) {
    return Json{{"targets", std::move(t)}, {"confirm_destructive", true}};
  };
  EXPECT_EQ(rejectedAt(s, Json{{"confirm_destructive", true}}), (Json{"body", "targets"}));
  EXPECT_EQ(rejectedAt(s, ok(Json::array())), (Json{"body", "targets"}));
  EXPECT_EQ(rejectedAt(s, ok(targets({"lake.raw"}))), (Json{"body", "targets", 0, "fqn"}));
  EXPECT_EQ(rejectedAt(s, ok(targets({"a.b.c.d"}))), (Json{"body", "targets", 0, "fqn"}));
  EXPECT_EQ(rejectedAt(s, ok(targets({"a.b.`c"}))), (Json{"body", "targets", 0, "fqn"}));
  EXPECT_EQ(rejectedAt(s, ok(targets({"a.b.c", "A.B.C"}))), (Json{"body", "targets", 1, "fqn"}));
  EXPECT_EQ(rejectedAt(s, ok(Json::array({Json{{"fqn", 3}}}))),
            (Json{"body", "targets", 0, "fqn"}));
  EXPECT_EQ(rejectedAt(s, ok(Json::array({Json{{"fqn", "a.b.c"}, {"source_format", "CSV"}}}))),
            (Json{"body", "targets", 0, "source_format"}));
  EXPECT_EQ(rejectedAt(s, Json{{"targets", targets({"a.b.c"})}, {"confirm_destructive", "yes"}}),
            (Json{"body", "confirm_destructive"}));
  std::vector<std::string> many;
  for (int i = 0; i < 51; ++i) many.push_back("a.b.t" + std::to_string(i));
  const auto r = s.post(kConvert, ok(targets(many)));
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("at most 50"), std::string::npos) << r.body;
}

TEST(ConvertToDelta, HistoryFiltersCombineAndTheLimitIsClamped) {
  ServerProcess s;
  seedConvertSource(s);
  const auto dry = convert(
      s, Json{{"targets", targets({"lake.raw.events", "lake.raw.v_events"})}, {"dry_run", true}});
  const auto live =
      convert(s, Json{{"targets", targets({"lake.raw.events", "lake.raw.users", "lake.raw.ghost"})},
                      {"confirm_destructive", true}});
  EXPECT_EQ(history(s)["count"], 5);
  // Newest first: the live batch's rows, last target first.
  const auto all = history(s);
  EXPECT_EQ(all["rows"][0]["fqn"], "lake.raw.ghost");
  EXPECT_EQ(all["rows"][4]["operation_id"], dry["operation_id"]);

  EXPECT_EQ(history(s, "?operation_id=" + live["operation_id"].get<std::string>())["count"], 3);
  EXPECT_EQ(history(s, "?status=skipped")["count"], 2);
  EXPECT_EQ(history(s, "?status=converted&dry_run=false")["count"], 1);
  EXPECT_EQ(history(s, "?status=converted&dry_run=true")["count"], 1);
  EXPECT_EQ(history(s, "?fqn_like=lake.raw.v%25")["count"], 1);
  EXPECT_EQ(history(s, "?fqn_like=lake.raw.e%25&status=converted")["count"], 2);
  EXPECT_EQ(history(s, "?operation_id=no-such-batch")["count"], 0);
  EXPECT_EQ(history(s, "?limit=2")["count"], 2);
  EXPECT_EQ(history(s, "?limit=5000")["count"], 5);

  for (const char* bad : {"?limit=0", "?limit=abc", "?status=bogus", "?dry_run=maybe"}) {
    const auto r = s.get(std::string(kHistory) + bad);
    EXPECT_EQ(r.status, 422) << bad << " " << r.body;
    EXPECT_EQ(r.json()["detail"][0]["loc"][0], "query") << bad;
  }
}

TEST(ConvertToDelta, HistoryIsAnEmptyListOnAFreshServer) {
  ServerProcess s;
  EXPECT_EQ(history(s), (Json{{"rows", Json::array()}, {"count", 0}}));
}

}  // namespace
}  // namespace clxs::testing
