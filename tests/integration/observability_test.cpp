// The observability plugin end to end: freshness from each table's last data commit (a
// metadata-only ALTER does not refresh it), row counts from Delta statistics with no scan on
// the local workspace, snapshots compared and charted, and bad input.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "tests/support/cli_process.hpp"
#include "tests/support/job_wait.hpp"
#include "tests/support/json_get.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

constexpr const char* kShop = R"sql(
CREATE CATALOG shop;
CREATE SCHEMA shop.sales;
CREATE SCHEMA shop.hr;
CREATE TABLE shop.sales.orders (id BIGINT, amount DOUBLE);
INSERT INTO shop.sales.orders VALUES (1, 2.5), (2, 3.0), (3, 4.0);
ALTER TABLE shop.sales.orders SET TBLPROPERTIES ('team' = 'sales');
CREATE TABLE shop.sales.empty (id BIGINT);
CREATE VIEW shop.sales.v_orders AS SELECT * FROM shop.sales.orders;
CREATE TABLE shop.hr.people AS SELECT id, 'p' || id AS name FROM range(0, 40) AS r(id);
)sql";

Json tableIn(const Json& answer, const std::string& fqn) {
  for (const auto& t : answer["tables"]) {
    if (t["table_fqn"] == fqn) return t;
  }
  ADD_FAILURE() << fqn << " not in " << answer.dump();
  return Json::object();
}

TEST(Observability, FreshnessCountsDataCommitsOnly) {
  ServerProcess s;
  seedSql(s.dataDir(), kShop);
  auto f = getJson(s, "/api/data-quality/freshness/shop");
  EXPECT_EQ(f["catalog"], "shop");
  EXPECT_EQ(f["total_tables"], 3) << "the view is left out";
  auto orders = tableIn(f, "shop.sales.orders");
  // Version 2 is the property change; the data commit is the INSERT at version 1.
  EXPECT_EQ(orders["last_data_version"], 1) << orders.dump();
  EXPECT_EQ(orders["last_data_operation"], "WRITE");
  EXPECT_EQ(orders["status"], "fresh");
  EXPECT_EQ(orders["is_stale"], false);
  const auto people = tableIn(f, "shop.hr.people");
  EXPECT_EQ(people["status"], "fresh");
  EXPECT_EQ(people["last_data_version"], 0);
  const auto empty = tableIn(f, "shop.sales.empty");
  EXPECT_EQ(empty["status"], "unknown");
  EXPECT_TRUE(empty["reason"].is_string());
  EXPECT_EQ(f["fresh"], 2);
  EXPECT_EQ(f["unknown"], 1);

  // A write refreshes it; another metadata change does not.
  seedSql(s.dataDir(),
          "INSERT INTO shop.sales.orders VALUES (4, 1.0);\n"
          "COMMENT ON TABLE shop.sales.orders IS 'orders';");
  f = getJson(s, "/api/data-quality/freshness/shop?schema=sales");
  EXPECT_EQ(f["total_tables"], 2);
  EXPECT_EQ(f["schema_filter"], "sales");
  orders = tableIn(f, "shop.sales.orders");
  EXPECT_EQ(orders["last_data_version"], 3) << orders.dump();

  // Everything is stale when nothing may be older than zero hours.
  f = getJson(s, "/api/data-quality/freshness/shop?max_stale_hours=0");
  EXPECT_EQ(f["stale"], 2);

  const auto h = getJson(s, "/api/data-quality/freshness/shop/sales/orders/history");
  EXPECT_EQ(h["table_fqn"], "shop.sales.orders");
  ASSERT_EQ(h["snapshots"].size(), 2u) << h.dump();
  EXPECT_EQ(h["snapshots"][0]["version"], 3);
  EXPECT_EQ(h["snapshots"][1]["version"], 1);
  EXPECT_TRUE(h["snapshots"][0]["hours_since_update"].is_number());
  EXPECT_EQ(h["current"]["last_data_version"], 3);

  // The summary is reachable (not taken for a catalog named "summary").
  const auto sum = getJson(s, "/api/data-quality/freshness/summary?catalog=shop");
  EXPECT_EQ(sum["total_tables"], 3);
  ASSERT_EQ(sum["catalogs"].size(), 1u);
  EXPECT_EQ(sum["catalogs"][0]["catalog"], "shop");
  const auto everything = getJson(s, "/api/data-quality/freshness/summary");
  EXPECT_GE(everything["total_tables"].get<int>(), 3);
}

TEST(Observability, FreshnessBadInputIsAClearError) {
  ServerProcess s;
  seedSql(s.dataDir(), kShop);
  auto r = s.get("/api/data-quality/freshness/nowhere");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("nowhere"), std::string::npos) << r.body;
  r = s.get("/api/data-quality/freshness/shop?schema=nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("nope"), std::string::npos) << r.body;
  EXPECT_EQ(s.get("/api/data-quality/freshness/shop/sales/nope/history").status, 404);
  EXPECT_EQ(s.get("/api/data-quality/freshness/shop?max_stale_hours=-1").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/freshness/shop?max_stale_hours=soon").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/freshness/shop/sales/orders/history?limit=0").status, 422);
}

TEST(Observability, VolumeFromStatisticsSnapshotsAndHistory) {
  ServerProcess s;
  seedSql(s.dataDir(), kShop);
  auto v = getJson(s, "/api/data-quality/volume/shop");
  EXPECT_EQ(v["total_tables"], 3);
  EXPECT_EQ(v["total_rows"], 43);
  auto orders = tableIn(v, "shop.sales.orders");
  EXPECT_EQ(orders["row_count"], 3);
  EXPECT_EQ(orders["previous_row_count"], nullptr);
  if (s.workspaceKind() == "local") {
    EXPECT_EQ(orders["source"], "delta_statistics");
    // No scan: the local workspace ran no COUNT for any of it.
    const auto counts = sqlRows(s.dataDir(),
                                "SELECT statement_text FROM system.query.history WHERE "
                                "lower(statement_text) LIKE '%count(%' AND statement_text NOT "
                                "LIKE '%system.query.history%'");
    EXPECT_TRUE(counts.empty()) << counts.dump();
  }

  auto snap = s.post("/api/data-quality/volume/snapshot", {{"catalog", "shop"}});
  ASSERT_EQ(snap.status, 200) << snap.body;
  EXPECT_EQ(snap.json()["tables_recorded"], 3);
  EXPECT_TRUE(snap.json()["measured_by"].is_string());
  seedSql(s.dataDir(), "DELETE FROM shop.hr.people WHERE id >= 30;");
  v = getJson(s, "/api/data-quality/volume/shop?schema=hr");
  EXPECT_EQ(v["total_tables"], 1);
  const auto people = tableIn(v, "shop.hr.people");
  EXPECT_EQ(people["row_count"], 30);
  EXPECT_EQ(people["previous_row_count"], 40);
  EXPECT_EQ(people["change"], -10);
  EXPECT_EQ(people["change_pct"], -25.0);
  snap = s.post("/api/data-quality/volume/snapshot", {{"catalog", "shop"}, {"schema_name", "hr"}});
  ASSERT_EQ(snap.status, 200) << snap.body;
  EXPECT_EQ(snap.json()["tables_recorded"], 1);

  const auto h = getJson(s, "/api/data-quality/volume/shop/history?days=7");
  ASSERT_EQ(h["daily"].size(), 1u) << h.dump();
  // The day's last sample of each table: 3 + 0 + 30.
  EXPECT_EQ(h["daily"][0]["total_rows"], 33);
  ASSERT_EQ(h["tables"]["shop.hr.people"].size(), 2u);
  EXPECT_EQ(h["tables"]["shop.hr.people"][1]["row_count"], 30);
}

TEST(Observability, VolumeBadInputIsAClearError) {
  ServerProcess s;
  seedSql(s.dataDir(), kShop);
  EXPECT_EQ(s.get("/api/data-quality/volume/nowhere").status, 404);
  EXPECT_EQ(s.post("/api/data-quality/volume/snapshot", Json::object()).status, 422);
  EXPECT_EQ(s.post("/api/data-quality/volume/snapshot", {{"catalog", "nowhere"}}).status, 404);
  EXPECT_EQ(s.post("/api/data-quality/volume/snapshot", {{"catalog", "shop"}, {"schema_name", "x"}})
                .status,
            404);
  EXPECT_EQ(s.get("/api/data-quality/volume/shop/history?days=0").status, 422);
  // Nothing recorded by the failed requests.
  EXPECT_TRUE(getJson(s, "/api/data-quality/volume/shop/history")["daily"].empty());
}

TEST(Observability, AConstantSeriesThatDropsToZeroRaisesACriticalAnomaly) {
  ServerProcess s;
  const Json day{{"table_fqn", "shop.sales.orders"}, {"metric_name", "row_count"}, {"value", 1000}};
  for (int i = 0; i < 30; ++i) {
    const auto r = s.post("/api/data-quality/anomalies/record", day);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["is_anomaly"], false);
  }
  auto drop = day;
  drop["value"] = 0;
  const auto r = s.post("/api/data-quality/anomalies/record", drop);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto judged = r.json();
  EXPECT_EQ(judged["severity"], "critical");
  EXPECT_EQ(judged["direction"], "down");
  EXPECT_EQ(judged["column_name"], "*");
  EXPECT_EQ(judged["expected_low"], 980.0);
  EXPECT_TRUE(judged["measured_by"].is_string());

  const auto anomalies = getJson(s, "/api/data-quality/anomalies?severity=critical");
  ASSERT_EQ(anomalies["count"], 1);
  EXPECT_EQ(anomalies["anomalies"][0]["anomaly_id"], judged["anomaly_id"]);
  EXPECT_EQ(getJson(s, "/api/data-quality/anomalies?severity=warning")["count"], 0);
  const auto series =
      getJson(s, "/api/data-quality/anomalies/metrics/shop.sales.orders?metric_name=row_count");
  ASSERT_EQ(series["measurements"].size(), 31u);
  EXPECT_EQ(series["measurements"][30]["is_anomaly"], true) << "oldest first";
  EXPECT_EQ(getJson(s, "/api/data-quality/metrics/recent?limit=2")["metrics"].size(), 2u);

  // The thresholds are the settings', in effect at once and kept over a restart.
  auto put = s.request("PUT", "/api/data-quality/anomaly-settings",
                       R"({"warning_threshold": 99, "critical_threshold": 100})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["baseline_window"], 28);
  s.restart();
  EXPECT_EQ(getJson(s, "/api/data-quality/anomaly-settings")["critical_threshold"], 100);
  auto small = day;
  small["value"] = 10;
  EXPECT_EQ(s.post("/api/data-quality/anomalies/record", small).json()["severity"], "warning")
      << "a score of 99 is a warning under the new thresholds, no longer critical";
}

TEST(Observability, VolumeSnapshotsFeedTheAnomalyDetector) {
  ServerProcess s;
  seedSql(s.dataDir(), kShop);
  for (int i = 0; i < 7; ++i) {
    ASSERT_EQ(s.post("/api/data-quality/volume/snapshot", {{"catalog", "shop"}}).status, 200);
  }
  seedSql(s.dataDir(), "DELETE FROM shop.hr.people;");
  const auto snap = s.post("/api/data-quality/volume/snapshot", {{"catalog", "shop"}});
  ASSERT_EQ(snap.status, 200) << snap.body;
  const auto people = tableIn(snap.json(), "shop.hr.people");
  ASSERT_TRUE(people["anomaly"].is_object()) << people.dump();
  EXPECT_EQ(people["anomaly"]["severity"], "critical");
  EXPECT_EQ(people["anomaly"]["direction"], "down");
  EXPECT_EQ(tableIn(snap.json(), "shop.sales.orders")["anomaly"], nullptr);
  const auto anomalies = getJson(s, "/api/data-quality/anomalies");
  ASSERT_EQ(anomalies["count"], 1);
  EXPECT_EQ(anomalies["anomalies"][0]["table_fqn"], "shop.hr.people");
  EXPECT_EQ(anomalies["anomalies"][0]["source"], "volume_snapshot");
}

TEST(Observability, AnomalyBadInputIsAClearError) {
  ServerProcess s;
  EXPECT_EQ(s.post("/api/data-quality/anomalies/record",
                   {{"table_fqn", "shop.sales.orders"}, {"metric_name", "row_count"}})
                .status,
            422);
  EXPECT_EQ(s.post("/api/data-quality/anomalies/record",
                   {{"table_fqn", "shop.sales.orders"}, {"metric_name", "x"}, {"value", "many"}})
                .status,
            422);
  const auto r = s.post("/api/data-quality/anomalies/record",
                        {{"table_fqn", "orders"}, {"metric_name", "x"}, {"value", 1}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("catalog.schema.table"), std::string::npos) << r.body;
  EXPECT_EQ(s.get("/api/data-quality/anomalies?severity=bad").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/anomalies?limit=0").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/anomalies/metrics/nodots").status, 400);
  EXPECT_EQ(
      s.request("PUT", "/api/data-quality/anomaly-settings", R"({"baseline_window": 2})").status,
      422);
  const auto crossed =
      s.request("PUT", "/api/data-quality/anomaly-settings", R"({"critical_threshold": 1})");
  EXPECT_EQ(crossed.status, 422);
  EXPECT_NE(crossed.body.find("warning_threshold"), std::string::npos) << crossed.body;
  EXPECT_EQ(getJson(s, "/api/data-quality/anomaly-settings")["critical_threshold"], 3.0);
  EXPECT_EQ(getJson(s, "/api/data-quality/metrics/recent")["count"], 0) << "nothing recorded";
}

TEST(Observability, AFailingCheckOpensOneIncidentAndAPassingRunResolvesIt) {
  ServerProcess s;
  seedSql(s.dataDir(),
          "CREATE CATALOG shop;\nCREATE SCHEMA shop.sales;\n"
          "CREATE TABLE shop.sales.orders (id BIGINT, customer STRING);\n"
          "INSERT INTO shop.sales.orders VALUES (1, 'a'), (2, NULL), (3, NULL);");
  const auto check =
      s.post("/api/governance/dqx/checks", {{"table_fqn", "shop.sales.orders"},
                                            {"check_type", "is_not_null"},
                                            {"arguments", {{"column", "customer"}}}});
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(getJson(s, "/api/data-quality/health-score/shop")["health_score"], 100);
  const Json run{{"table_fqn", "shop.sales.orders"}};
  for (int i = 0; i < 2; ++i) ASSERT_EQ(s.post("/api/governance/dqx/run", run).status, 200);
  // The incident moves the catalog's health, and says why.
  const auto health = getJson(s, "/api/data-quality/health-score/shop");
  EXPECT_EQ(health["health_score"], 97) << health.dump();
  EXPECT_EQ(health["components"]["checks"]["evidence"]["unresolved"], 1);
  ASSERT_EQ(health["deductions"].size(), 1u);
  EXPECT_EQ(getJson(s, "/api/data-quality/health-score/shop?schema=default")["health_score"],
            nullptr)
      << "a schema with no table has no evidence";
  auto feed = getJson(s, "/api/data-quality/incidents?status=open");
  ASSERT_EQ(feed["total"], 1) << feed.dump();
  const auto incident = feed["incidents"][0];
  EXPECT_EQ(incident["source"], "dqx");
  EXPECT_EQ(incident["table_fqn"], "shop.sales.orders");
  EXPECT_EQ(incident["severity"], "high");
  EXPECT_EQ(incident["occurrences"], 2) << "the second failing run adds to the same incident";
  EXPECT_EQ(incident["details"]["failed_rows"], 2);
  const std::string id = incident["id"];

  const auto ack = s.post("/api/data-quality/incidents/" + id + "/acknowledge",
                          {{"assignee", "data-team"}, {"note", "looking"}});
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(ack.json()["status"], "acknowledged");

  seedSql(s.dataDir(), "UPDATE shop.sales.orders SET customer = 'x' WHERE customer IS NULL;");
  ASSERT_EQ(s.post("/api/governance/dqx/run", run).status, 200);
  feed = getJson(s, "/api/data-quality/incidents");
  ASSERT_EQ(feed["total"], 1);
  EXPECT_EQ(feed["incidents"][0]["status"], "resolved");
  EXPECT_EQ(feed["by_status"]["resolved"], 1);
  EXPECT_EQ(feed["by_status"]["open"], 0);
  EXPECT_EQ(getJson(s, "/api/data-quality/health-score/shop")["health_score"], 100);
  const auto again = s.post("/api/data-quality/incidents/" + id + "/resolve", {{"reason", "x"}});
  EXPECT_EQ(again.status, 409) << again.body;
}

// raw → clean → report by CTAS (the local workspace records their lineage), and an
// unrelated table.
constexpr const char* kChain = R"sql(
CREATE CATALOG lin;
CREATE SCHEMA lin.s;
CREATE TABLE lin.s.raw AS SELECT id FROM range(0, 10) AS r(id);
CREATE TABLE lin.s.clean AS SELECT id FROM lin.s.raw WHERE id > 0;
CREATE TABLE lin.s.report AS SELECT count(*) AS n FROM lin.s.clean;
CREATE TABLE lin.s.other (id BIGINT);
)sql";

// Ten steady row counts, then 0: a critical drop and an anomaly incident on `table`.
void dropRowCount(const ServerProcess& s, const std::string& table) {
  Json m{{"table_fqn", table}, {"metric_name", "row_count"}, {"value", 1000}};
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(s.post("/api/data-quality/anomalies/record", m).status, 200);
  m["value"] = 0;
  const auto r = s.post("/api/data-quality/anomalies/record", m);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json()["severity"], "critical") << r.body;
}

TEST(Observability, CorrelationNamesTheUpstreamTableOfAChainAsRootCause) {
  ServerProcess s;
  seedSql(s.dataDir(), kChain);
  for (const char* t : {"lin.s.raw", "lin.s.clean", "lin.s.report", "lin.s.other"}) {
    dropRowCount(s, t);
  }
  const auto run = s.post("/api/anomalies/correlate?time_window_minutes=60", Json());
  ASSERT_EQ(run.status, 200) << run.body;
  const auto found = run.json();
  EXPECT_EQ(found["events_considered"], 4);
  ASSERT_EQ(found["groups"].size(), 1u) << "the unrelated table is no group: " << found.dump();
  const auto group = found["groups"][0];
  EXPECT_EQ(group["root_table"], "lin.s.raw");
  EXPECT_EQ(group["member_count"], 3);
  EXPECT_EQ(group["edges"].size(), 3u) << group.dump();
  EXPECT_EQ(group["members"][0]["table_fqn"], "lin.s.raw");
  EXPECT_EQ(group["members"][0]["is_root"], true);
  ASSERT_EQ(group["timeline"].size(), 3u);

  // Correlating the same incidents again updates the group rather than copying it.
  const auto again = s.post("/api/anomalies/correlate?time_window_minutes=60", Json()).json();
  EXPECT_EQ(again["groups"][0]["group_id"], group["group_id"]);
  const auto list = getJson(s, "/api/anomalies/groups");
  ASSERT_EQ(list["total"], 1) << list.dump();
  EXPECT_EQ(list["groups"][0]["root_table"], "lin.s.raw");
  const std::string id = group["group_id"];
  const auto detail = getJson(s, "/api/anomalies/groups/" + id);
  EXPECT_EQ(detail["members"].size(), 3u);
  const auto roots = getJson(s, "/api/anomalies/root-causes");
  ASSERT_EQ(roots["root_causes"].size(), 1u);
  EXPECT_EQ(roots["root_causes"][0]["table_fqn"], "lin.s.raw");
  EXPECT_EQ(roots["root_causes"][0]["other_failures"], 2);

  // The per-table view finds the same cause upstream of the report.
  const auto cause = getJson(s, "/api/data-quality/root-cause/lin.s.report");
  EXPECT_EQ(cause["lineage_available"], true);
  EXPECT_EQ(cause["likely_root_cause"]["table_fqn"], "lin.s.raw") << cause.dump();
  EXPECT_EQ(cause["likely_root_cause"]["depth"], 2);
  ASSERT_EQ(cause["signals"].size(), 3u) << cause.dump();
  EXPECT_EQ(cause["signals"][0]["kind"], "volume_drop");
  EXPECT_EQ(cause["signals"][0]["table_fqn"], "lin.s.raw");

  // Impact: what the raw table feeds, and the risk its open critical incident adds.
  const auto impact = getJson(s, "/api/data-quality/impact/lin.s.raw");
  ASSERT_EQ(impact["downstream_tables"].size(), 2u) << impact.dump();
  EXPECT_EQ(impact["downstream_tables"][0]["table_fqn"], "lin.s.clean");
  EXPECT_EQ(impact["downstream_tables"][1]["depth"], 2);
  EXPECT_EQ(impact["summary"]["tables"], 2);
  EXPECT_EQ(impact["open_incidents"].size(), 1u);
  EXPECT_EQ(impact["risk"]["level"], "medium") << impact.dump();
  EXPECT_EQ(getJson(s, "/api/data-quality/impact/lin.s.raw?depth=1")["downstream_tables"].size(),
            1u);
  EXPECT_EQ(getJson(s, "/api/data-quality/impact/lin.s.other")["risk"]["level"], "none");

  // Without the lineage plugin the answers say so instead of failing.
  ASSERT_EQ(s.post("/api/plugins/toggle", Json{{"name", "lineage"}, {"enabled", false}}).status,
            200);
  const auto blind = getJson(s, "/api/data-quality/impact/lin.s.raw");
  EXPECT_EQ(blind["lineage_available"], false);
  EXPECT_EQ(blind["risk"]["level"], "unknown");
  EXPECT_NE(blind["reason"].get<std::string>().find("lineage"), std::string::npos);
  const auto alone = getJson(s, "/api/data-quality/root-cause/lin.s.report");
  EXPECT_EQ(alone["likely_root_cause"]["table_fqn"], "lin.s.report");
  EXPECT_TRUE(alone["lineage_note"].is_string());
}

TEST(Observability, CorrelationBadInputIsAClearError) {
  ServerProcess s;
  seedSql(s.dataDir(), kChain);
  EXPECT_EQ(s.post("/api/anomalies/correlate?time_window_minutes=5", Json()).status, 422);
  EXPECT_EQ(s.post("/api/anomalies/correlate?hours=0", Json()).status, 422);
  const auto none = s.post("/api/anomalies/correlate", Json());
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json()["groups"].size(), 0u);
  const auto missing = s.get("/api/anomalies/groups/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("nope"), std::string::npos) << missing.body;
  EXPECT_EQ(s.get("/api/anomalies/groups?limit=0").status, 422);
  EXPECT_EQ(s.get("/api/anomalies/root-causes?days=0").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/root-cause/nodots").status, 400);
  const auto gone = s.get("/api/data-quality/root-cause/lin.s.gone");
  EXPECT_EQ(gone.status, 404);
  EXPECT_NE(gone.body.find("lin.s.gone"), std::string::npos) << gone.body;
  EXPECT_EQ(s.get("/api/data-quality/root-cause/lin.s.raw?hours=0").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/impact/lin.s.raw?depth=0").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/impact/lin.s.raw?depth=11").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/impact/lin.s.gone").status, 404);
  EXPECT_EQ(s.get("/api/data-quality/impact/lin.report").status, 400);
}

TEST(Observability, IncidentBadInputIsAClearError) {
  ServerProcess s;
  EXPECT_EQ(s.post("/api/data-quality/incidents/nope/acknowledge", Json::object()).status, 404);
  EXPECT_EQ(s.post("/api/data-quality/incidents/nope/resolve", {{"reason", "done"}}).status, 404);
  EXPECT_EQ(s.post("/api/data-quality/incidents/nope/resolve", Json::object()).status, 422);
  EXPECT_EQ(s.get("/api/data-quality/incidents?status=closed").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/incidents?limit=0").status, 422);
  EXPECT_EQ(getJson(s, "/api/data-quality/incidents")["total"], 0);
  EXPECT_EQ(s.get("/api/data-quality/health-score/nowhere").status, 404);
  EXPECT_EQ(s.get("/api/data-quality/health-score/main?max_stale_hours=-1").status, 422);
}

TEST(Observability, MonitorsMeasureFieldHealthInAJobAndKeepTheirSchedule) {
  ServerProcess s;
  seedSql(s.dataDir(), kShop);
  auto created = s.post("/api/data-quality/monitoring/configs",
                        {{"table_fqn", "shop.sales.orders"}, {"frequency", "hourly"}});
  ASSERT_EQ(created.status, 200) << created.body;
  const std::string id = created.json()["config_id"];
  EXPECT_EQ(created.json()["metrics"].size(), 8u) << "every metric by default";
  // A second POST for the same table updates it.
  auto again = s.post("/api/data-quality/monitoring/configs",
                      {{"table_fqn", "shop.sales.orders"},
                       {"metrics", {"row_count", "null_pct", "mean"}},
                       {"columns", {"amount"}}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["config_id"], id);
  EXPECT_EQ(again.json()["frequency"], "hourly");
  EXPECT_EQ(getJson(s, "/api/data-quality/monitoring/configs")["total"], 1);

  const auto bulk =
      s.post("/api/data-quality/monitoring/bulk-add",
             {{"table_fqns", {"shop.hr.people", "shop.sales.nope"}}, {"frequency", "daily"}});
  ASSERT_EQ(bulk.status, 200) << bulk.body;
  EXPECT_EQ(bulk.json()["added"].size(), 1u);
  ASSERT_EQ(bulk.json()["failed"].size(), 1u);
  EXPECT_EQ(bulk.json()["failed"][0]["table_fqn"], "shop.sales.nope");
  const std::string people = bulk.json()["added"][0]["config_id"];
  const auto discovered = getJson(s, "/api/data-quality/monitoring/discover/shop");
  EXPECT_EQ(discovered["total"], 3);

  const auto off = s.post("/api/data-quality/monitoring/configs/" + people + "/toggle", Json());
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.json()["enabled"], false);

  const auto run = s.post("/api/data-quality/monitoring/run", Json());
  ASSERT_EQ(run.status, 200) << run.body;
  const auto job = waitJob(s, run.json()["job_id"]);
  ASSERT_EQ(job["status"], "completed") << job.dump();
  EXPECT_EQ(job["result"]["monitors_run"], 1) << "the disabled monitor is left out";
  const auto measured = job["result"]["results"][0]["measurements"];
  ASSERT_EQ(measured.size(), 3u) << measured.dump();
  EXPECT_EQ(measured[0]["metric_name"], "row_count");
  EXPECT_EQ(measured[0]["value"], 3.0);
  EXPECT_EQ(measured[1]["column_name"], "amount");
  EXPECT_EQ(measured[1]["metric_name"], "null_pct");
  EXPECT_EQ(measured[1]["value"], 0.0);
  EXPECT_NEAR(measured[2]["value"].get<double>(), 9.5 / 3, 1e-9);
  const auto config = getJson(s, "/api/data-quality/monitoring/configs")["configs"];
  EXPECT_TRUE(config[1]["last_run_at"].is_string()) << config.dump();
  EXPECT_EQ(getJson(s, "/api/data-quality/metrics/recent")["count"], 3);
  // The scorecard reads the monitor's NULL shares and the table's history.
  const auto card = getJson(s, "/api/data-quality/scorecard/shop.sales.orders");
  EXPECT_EQ(card["components"]["completeness"]["score"], 100.0) << card.dump();
  EXPECT_EQ(card["components"]["completeness"]["evidence"]["columns"], 1);
  EXPECT_EQ(card["components"]["freshness"]["score"], 100.0);
  EXPECT_EQ(card["components"]["sla_compliance"]["score"], nullptr);
  EXPECT_EQ(card["grade"], "A");

  // The scheduler: enabled, next run known, kept across a restart.
  auto sched = s.post("/api/data-quality/monitoring/scheduler/enable?frequency_minutes=30", Json());
  ASSERT_EQ(sched.status, 200) << sched.body;
  EXPECT_EQ(sched.json()["enabled"], true);
  EXPECT_EQ(sched.json()["frequency_minutes"], 30);
  const auto next = sched.json()["next_run_at"];
  ASSERT_TRUE(next.is_string()) << sched.body;
  s.restart();
  const auto kept = getJson(s, "/api/data-quality/monitoring/scheduler");
  EXPECT_EQ(kept["enabled"], true);
  EXPECT_EQ(kept["next_run_at"], next);
  EXPECT_EQ(
      s.request("PUT", "/api/data-quality/monitoring/scheduler/frequency?frequency_minutes=120")
          .json()["frequency_minutes"],
      120);
  // run-now takes the monitors due: the one just run is not, hourly.
  const auto now = s.post("/api/data-quality/monitoring/scheduler/run-now", Json());
  ASSERT_EQ(now.status, 200) << now.body;
  EXPECT_EQ(waitJob(s, now.json()["job_id"])["result"]["monitors_run"], 0);
  EXPECT_EQ(s.post("/api/data-quality/monitoring/scheduler/disable", Json()).json()["enabled"],
            false);

  const auto del =
      s.post("/api/data-quality/monitoring/bulk-delete", {{"config_ids", {people, "nope"}}});
  EXPECT_EQ(del.json()["deleted"], 1);
  EXPECT_EQ(del.json()["not_found"], Json::array({"nope"}));
  EXPECT_EQ(s.request("DELETE", "/api/data-quality/monitoring/configs/" + id).status, 200);
  EXPECT_EQ(getJson(s, "/api/data-quality/monitoring/configs")["total"], 0);
}

TEST(Observability, MonitoringBadInputIsAClearError) {
  ServerProcess s;
  seedSql(s.dataDir(), kShop);
  const std::string path = "/api/data-quality/monitoring/configs";
  EXPECT_EQ(s.post(path, Json::object()).status, 422);
  EXPECT_EQ(s.post(path, {{"table_fqn", "shop.sales.nope"}}).status, 404);
  EXPECT_EQ(s.post(path, {{"table_fqn", "nodots"}}).status, 400);
  EXPECT_EQ(s.post(path, {{"table_fqn", "shop.sales.orders"}, {"frequency", "often"}}).status, 422);
  EXPECT_EQ(s.post(path, {{"table_fqn", "shop.sales.orders"}, {"metrics", {"p99"}}}).status, 422);
  const auto col = s.post(path, {{"table_fqn", "shop.sales.orders"}, {"columns", {"nope"}}});
  EXPECT_EQ(col.status, 422);
  EXPECT_NE(col.body.find("nope"), std::string::npos) << col.body;
  EXPECT_EQ(s.request("PUT", path + "/nope", "{}").status, 404);
  EXPECT_EQ(s.request("DELETE", path + "/nope").status, 404);
  EXPECT_EQ(s.post(path + "/nope/toggle", Json()).status, 404);
  EXPECT_EQ(s.post("/api/data-quality/monitoring/bulk-add", Json::object()).status, 422);
  EXPECT_EQ(s.post("/api/data-quality/monitoring/bulk-delete", Json::object()).status, 422);
  EXPECT_EQ(s.get("/api/data-quality/monitoring/discover/nowhere").status, 404);
  EXPECT_EQ(
      s.post("/api/data-quality/monitoring/scheduler/enable?frequency_minutes=0", Json()).status,
      422);
  EXPECT_EQ(s.request("PUT", "/api/data-quality/monitoring/scheduler/frequency").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/scorecard/nodots").status, 400);
  EXPECT_EQ(s.get("/api/data-quality/scorecard/shop.sales.nope").status, 404);
  EXPECT_EQ(s.get("/api/data-quality/scorecard/shop.sales.orders?max_stale_hours=x").status, 422);
  EXPECT_EQ(getJson(s, path)["total"], 0) << "nothing created by the refused requests";
  EXPECT_EQ(getJson(s, "/api/data-quality/monitoring/scheduler")["enabled"], false);
}

TEST(Observability, ALateTableOpensAFreshnessIncidentThroughItsMonitor) {
  ServerProcess s;
  // Three data commits about a second apart give the table a cadence of about a second,
  // which it then misses by more than three times; the margins hold under the sanitizers.
  seedSql(s.dataDir(),
          "CREATE CATALOG shop;\nCREATE SCHEMA shop.sales;\n"
          "CREATE TABLE shop.sales.feed (id BIGINT);\nINSERT INTO shop.sales.feed VALUES (1);");
  for (int id = 2; id <= 3; ++id) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    seedSql(s.dataDir(), "INSERT INTO shop.sales.feed VALUES (" + std::to_string(id) + ");");
  }
  std::this_thread::sleep_for(std::chrono::seconds(6));
  const auto created = s.post("/api/data-quality/monitoring/configs",
                              {{"table_fqn", "shop.sales.feed"}, {"metrics", {"freshness"}}});
  ASSERT_EQ(created.status, 200) << created.body;
  auto job = runJob(s, "/api/data-quality/monitoring/run", Json());
  ASSERT_EQ(job["status"], "completed") << job.dump();
  auto measured = job["result"]["results"][0]["measurements"];
  ASSERT_EQ(measured.size(), 1u) << "freshness alone needs no scan: " << measured.dump();
  EXPECT_EQ(measured[0]["metric_name"], "freshness");
  EXPECT_EQ(measured[0]["severity"], "medium") << "late against its cadence, not yet stale";
  auto feed = getJson(s, "/api/data-quality/incidents?source=freshness");
  ASSERT_EQ(feed["total"], 1) << feed.dump();
  EXPECT_EQ(feed["incidents"][0]["status"], "open");
  EXPECT_NE(feed["incidents"][0]["title"].get<std::string>().find("late"), std::string::npos);
  const auto dash = getJson(s, "/api/observability/dashboard");
  EXPECT_EQ(dash["categories"][0]["category"], "freshness");
  EXPECT_EQ(dash["categories"][0]["score"], 0.0) << dash.dump();

  // A new write is on time again: the next run resolves the incident.
  seedSql(s.dataDir(), "INSERT INTO shop.sales.feed VALUES (4);");
  job = runJob(s, "/api/data-quality/monitoring/run", Json());
  ASSERT_EQ(job["status"], "completed") << job.dump();
  feed = getJson(s, "/api/data-quality/incidents?source=freshness");
  EXPECT_EQ(feed["incidents"][0]["status"], "resolved") << feed.dump();
  EXPECT_EQ(getJson(s, "/api/observability/category-health")["categories"][0]["score"], 100.0);
}

TEST(Observability, DashboardRanksIssuesAndTheScoreFollowsTheIncidents) {
  ServerProcess s;
  seedSql(s.dataDir(),
          "CREATE CATALOG shop;\nCREATE SCHEMA shop.sales;\n"
          "CREATE TABLE shop.sales.orders (id BIGINT, customer STRING);\n"
          "INSERT INTO shop.sales.orders VALUES (1, 'a'), (2, NULL);\n"
          "CREATE TABLE shop.sales.daily AS SELECT count(*) AS n FROM shop.sales.orders;");
  auto empty = getJson(s, "/api/observability/dashboard");
  EXPECT_EQ(empty["health_score"], nullptr) << "no evidence is not healthy";
  EXPECT_EQ(empty["status"], "unknown");
  ASSERT_EQ(s.post("/api/governance/dqx/checks", {{"table_fqn", "shop.sales.orders"},
                                                  {"check_type", "is_not_null"},
                                                  {"arguments", {{"column", "customer"}}}})
                .status,
            200);
  const Json run{{"table_fqn", "shop.sales.orders"}};
  ASSERT_EQ(s.post("/api/governance/dqx/run", run).status, 200);
  dropRowCount(s, "shop.sales.daily");

  const auto dash = getJson(s, "/api/observability/dashboard");
  EXPECT_EQ(dash["summary"]["open_incidents"], 2) << dash.dump();
  ASSERT_EQ(dash["top_issues"].size(), 2u);
  // The critical volume drop ranks above the failing check (high).
  EXPECT_EQ(dash["top_issues"][0]["category"], "volume");
  EXPECT_EQ(dash["top_issues"][1]["source"], "dqx");
  EXPECT_EQ(dash["top_issues"][1]["blast_radius"], 1) << "orders feeds daily";
  EXPECT_EQ(dash["health_score"], 0) << dash.dump();
  const auto issues = getJson(s, "/api/observability/issues?limit=1");
  EXPECT_EQ(issues["issues"].size(), 1u);
  EXPECT_EQ(issues["total_open"], 2);

  seedSql(s.dataDir(), "UPDATE shop.sales.orders SET customer = 'b' WHERE customer IS NULL;");
  ASSERT_EQ(s.post("/api/governance/dqx/run", run).status, 200);
  const auto after = getJson(s, "/api/observability/health-score");
  // dq 100 (0.15) and volume 0 (0.15): 50.
  EXPECT_EQ(after["health_score"], 50) << after.dump();
  EXPECT_EQ(after["categories_with_evidence"], 2);
  const auto dq = getJson(s, "/api/observability/trends/dq?days=3");
  ASSERT_EQ(dq["points"].size(), 3u);
  EXPECT_EQ(dq["points"][2]["value"], 100.0);
  EXPECT_EQ(dq["points"][0]["value"], nullptr) << "nothing observed two days ago";
  const auto trend = getJson(s, "/api/data-quality/health/trend?days=2");
  ASSERT_EQ(trend["trend"].size(), 2u);
  EXPECT_EQ(trend["trend"][1]["health_score"], 50);
  const auto categories = getJson(s, "/api/observability/category-health");
  double sum = 0;
  for (const auto& [k, w] : categories["weights"].items()) sum += w.get<double>();
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_EQ(getJson(s, "/api/observability/dashboard?catalog=other")["health_score"], nullptr);
}

TEST(Observability, ObservabilityBadInputIsAClearError) {
  ServerProcess s;
  EXPECT_EQ(s.get("/api/observability/trends/bogus").status, 422);
  EXPECT_EQ(s.get("/api/observability/trends/dq?days=0").status, 422);
  EXPECT_EQ(s.get("/api/observability/trends/dq?days=91").status, 422);
  EXPECT_EQ(s.get("/api/observability/issues?limit=0").status, 422);
  EXPECT_EQ(s.get("/api/observability/dashboard?limit=many").status, 422);
  EXPECT_EQ(s.get("/api/observability/category-health?catalog=" + std::string(300, 'c')).status,
            422);
  EXPECT_EQ(s.get("/api/data-quality/health/trend?days=0").status, 422);
  EXPECT_EQ(getJson(s, "/api/observability/health-score")["status"], "unknown");
}

TEST(Observability, SystemTableScanRunsTheEnabledSourcesAndSaysWhyNotTheOthers) {
  ServerProcess s;
  seedSql(s.dataDir(), kShop);
  auto scan = getJson(s, "/api/data-quality/anomalies/system-tables");
  EXPECT_EQ(scan["days"], 7);
  for (const char* source : {"billing", "compute", "query_history", "storage"}) {
    EXPECT_EQ(scan["sources"][source]["status"], "disabled") << source;
  }
  const auto put = s.request("PUT", "/api/data-quality/anomaly-settings",
                             R"({"system_table_sources": {"billing": true, "query_history": true,
                                 "storage": true}})");
  ASSERT_EQ(put.status, 200) << put.body;
  ASSERT_EQ(s.post("/api/data-quality/volume/snapshot", {{"catalog", "shop"}}).status, 200);
  scan = getJson(s, "/api/data-quality/anomalies/system-tables?days=3");
  EXPECT_EQ(scan["days"], 3);
  EXPECT_EQ(scan["sources"]["query_history"]["status"], "ok") << scan.dump();
  EXPECT_EQ(scan["sources"]["query_history"]["series"].size(), 2u);
  EXPECT_EQ(scan["sources"]["storage"]["status"], "ok") << scan.dump();
  if (s.workspaceKind() == "local") {
    // The local lakehouse has no billing table: said, not failed.
    EXPECT_EQ(scan["sources"]["billing"]["status"], "unavailable") << scan.dump();
    EXPECT_TRUE(scan["sources"]["billing"]["reason"].is_string());
  }
  EXPECT_EQ(scan["sources"]["compute"]["status"], "disabled");
  EXPECT_EQ(s.get("/api/data-quality/anomalies/system-tables?days=0").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/anomalies/system-tables?days=91").status, 422);
}

// Four weeks backfilled from Monday 2026-11-02: 1000 a day, 100 on Sundays.
void backfillWeeklyRhythm(const ServerProcess& s, const std::string& table) {
  for (int day = 2; day <= 28; ++day) {
    const auto date = std::string("2026-11-") + (day < 10 ? "0" : "") + std::to_string(day);
    const Json m{{"table_fqn", table},
                 {"metric_name", "row_count"},
                 {"value", (day - 1) % 7 == 0 ? 100 : 1000},
                 {"measured_at", date + "T06:00:00Z"}};
    ASSERT_EQ(s.post("/api/data-quality/anomalies/record", m).status, 200);
  }
}

TEST(Observability, WeekdaySeasonalityKeepsAQuietSundayNormal) {
  ServerProcess s;
  const Json sunday{
      {"metric_name", "row_count"}, {"value", 100}, {"measured_at", "2026-11-29T06:00:00Z"}};
  backfillWeeklyRhythm(s, "shop.s.plain");
  auto m = sunday;
  m["table_fqn"] = "shop.s.plain";
  auto r = s.post("/api/data-quality/anomalies/record", m);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["severity"], "critical") << "against every day, a Sunday is a drop";
  EXPECT_EQ(r.json()["baseline"], "trailing");
  EXPECT_EQ(r.json()["measured_at"], "2026-11-29T06:00:00.000Z");

  ASSERT_EQ(
      s.request("PUT", "/api/data-quality/anomaly-settings", R"({"weekday_seasonality": true})")
          .status,
      200);
  backfillWeeklyRhythm(s, "shop.s.seasonal");
  m["table_fqn"] = "shop.s.seasonal";
  r = s.post("/api/data-quality/anomalies/record", m);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["baseline"], "weekday");
  EXPECT_EQ(r.json()["is_anomaly"], false) << r.body;
  m["value"] = 0;
  m["measured_at"] = "2026-11-29T07:00:00Z";
  EXPECT_EQ(s.post("/api/data-quality/anomalies/record", m).json()["severity"], "critical");

  m["measured_at"] = "yesterday";
  EXPECT_EQ(s.post("/api/data-quality/anomalies/record", m).status, 422);
  m["measured_at"] = "2099-01-01T00:00:00Z";
  const auto future = s.post("/api/data-quality/anomalies/record", m);
  EXPECT_EQ(future.status, 422);
  EXPECT_NE(future.body.find("future"), std::string::npos) << future.body;
}

TEST(Observability, EventTimeModeJudgesTheNewestEventNotTheNewestCommit) {
  ServerProcess s;
  seedSql(s.dataDir(),
          "CREATE CATALOG feeds;\nCREATE SCHEMA feeds.raw;\n"
          "CREATE TABLE feeds.raw.clicks (id BIGINT, event_ts TIMESTAMP);\n"
          "INSERT INTO feeds.raw.clicks VALUES (1, TIMESTAMP '2026-01-01 00:00:00'), "
          "(2, TIMESTAMP '2026-01-02 00:00:00');\n"
          "CREATE TABLE feeds.raw.plain (id BIGINT);\nINSERT INTO feeds.raw.plain VALUES (1);");
  const auto f = getJson(s, "/api/data-quality/freshness/feeds?event_time_column=event_ts");
  EXPECT_EQ(f["event_time_column"], "event_ts");
  const auto clicks = tableIn(f, "feeds.raw.clicks");
  EXPECT_EQ(clicks["freshness_basis"], "event_time") << clicks.dump();
  EXPECT_EQ(clicks["status"], "stale") << "written now, but its newest event is old";
  EXPECT_EQ(clicks["event_time"]["max_event_time"], "2026-01-02T00:00:00.000Z");
  EXPECT_GT(clicks["event_time"]["ingestion_latency_hours"].get<double>(), 24 * 300.0);
  const auto plain = tableIn(f, "feeds.raw.plain");
  EXPECT_EQ(plain["freshness_basis"], "commit");
  EXPECT_EQ(plain["status"], "fresh");
  EXPECT_TRUE(plain["event_time_note"].is_string());
  EXPECT_EQ(tableIn(getJson(s, "/api/data-quality/freshness/feeds"), "feeds.raw.clicks")["status"],
            "fresh")
      << "without the mode, the commit decides";
  EXPECT_EQ(
      s.get("/api/data-quality/freshness/feeds?event_time_column=" + std::string(300, 'e')).status,
      422);
}

}  // namespace
}  // namespace clxs::testing
