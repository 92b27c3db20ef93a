// The observability plugin end to end: freshness from each table's last data commit (a
// metadata-only ALTER does not refresh it), row counts from Delta statistics with no scan on
// the local workspace, snapshots compared and charted, and bad input.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/cli_process.hpp"
#include "tests/support/job_wait.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

Json getJson(const ServerProcess& s, const std::string& path, int status = 200) {
  const HttpResult r = s.get(path);
  EXPECT_EQ(r.status, status) << path << " " << r.body;
  return r.json();
}

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
  EXPECT_EQ(created.json()["metrics"].size(), 7u) << "every metric by default";
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

}  // namespace
}  // namespace clxs::testing
