// The audit and monitoring routes end to end: clone runs on a temporary local workspace show
// up in the audit trail, run logs, notifications, catalog health and metrics, and
// POST /api/audit/init copies them into Delta tables that SQL can read.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/support/cli_process.hpp"
#include "tests/support/job_wait.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

void seedAuditSource(const ServerProcess& s) {
  seedSql(s.dataDir(), R"SQL(
CREATE CATALOG src;
CREATE SCHEMA src.sales;
CREATE TABLE src.sales.orders (id INT, amount DOUBLE);
INSERT INTO src.sales.orders VALUES (1, 10.0), (2, 20.0);
CREATE TABLE src.sales.customers (id INT, name STRING);
INSERT INTO src.sales.customers VALUES (1, 'ann');
CREATE TABLE src.sales.returns (id INT);
)SQL");
}

std::int64_t countOf(const ServerProcess& s, const std::string& sql) {
  const auto rows = sqlRows(s.dataDir(), sql);
  return rows.empty() ? -1 : rows[0]["n"].get<std::int64_t>();
}

void expect422(const ServerProcess& s, const std::string& path, const std::string& param) {
  const auto r = s.get(path);
  ASSERT_EQ(r.status, 422) << path << ": " << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], Json::array({"query", param})) << r.body;
}

class AuditTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<ServerProcess>();
    seedAuditSource(*server_);
    full_ =
        runJob(*server_, "/api/clone", {{"source_catalog", "src"}, {"destination_catalog", "dst"}});
    // The guardrail stops this one early: completed with errors, tables skipped.
    partial_ = runJob(
        *server_, "/api/clone",
        {{"source_catalog", "src"}, {"destination_catalog", "dst_partial"}, {"max_tables", 1}});
  }
  static void TearDownTestSuite() { server_.reset(); }
  const ServerProcess& s() { return *server_; }

  static std::unique_ptr<ServerProcess> server_;
  static Json full_;
  static Json partial_;
};

std::unique_ptr<ServerProcess> AuditTest::server_;
Json AuditTest::full_;
Json AuditTest::partial_;

TEST_F(AuditTest, TheTrailListsRunsNewestFirstAndFilters) {
  ASSERT_EQ(full_["status"], "completed") << full_.dump(2);
  ASSERT_EQ(partial_["status"], "completed_with_errors") << partial_.dump(2);
  auto r = s().get("/api/audit");
  ASSERT_EQ(r.status, 200) << r.body;
  auto trail = r.json();
  ASSERT_EQ(trail.size(), 2u) << r.body;
  EXPECT_EQ(trail[0]["job_id"], partial_["job_id"]);
  EXPECT_EQ(trail[1]["job_id"], full_["job_id"]);
  EXPECT_EQ(trail[1]["source_catalog"], "src");
  EXPECT_EQ(trail[1]["destination_catalog"], "dst");
  EXPECT_EQ(trail[1]["status"], "completed");
  EXPECT_EQ(trail[1]["operation"], "clone");
  EXPECT_EQ(trail[1]["tables_cloned"], 3);
  EXPECT_TRUE(trail[1]["completed_at"].get<std::string>().ends_with("Z"));
  EXPECT_EQ(trail[0]["error_message"], "Aborted: max_tables (1) reached");

  trail = s().get("/api/audit?destination_catalog=DST").json();
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0]["job_id"], full_["job_id"]);
  EXPECT_EQ(s().get("/api/audit?status=completed_with_errors").json().size(), 1u);
  EXPECT_EQ(s().get("/api/audit?status=failed&operation=clone").json().size(), 0u);
  EXPECT_EQ(s().get("/api/audit?operation=sync").json().size(), 0u);
  EXPECT_EQ(s().get("/api/audit?limit=1").json().size(), 1u);
  EXPECT_EQ(s().get("/api/audit?limit=5000").status, 200);  // clamped, not rejected
}

TEST_F(AuditTest, TheTrailRejectsBadParameters) {
  expect422(s(), "/api/audit?limit=0", "limit");
  expect422(s(), "/api/audit?limit=many", "limit");
  expect422(s(), "/api/audit?status=great", "status");
  expect422(s(), "/api/audit?operation=DROP%20TABLE", "operation");
  expect422(s(), "/api/audit?source_catalog=", "source_catalog");
}

TEST_F(AuditTest, TheLogsOfARunHoldItsLinesResultAndMetrics) {
  const auto id = full_["job_id"].get<std::string>();
  const auto r = s().get("/api/audit/" + id + "/logs");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto rec = r.json();
  EXPECT_EQ(rec["job_id"], id);
  ASSERT_FALSE(rec["log_lines"].empty());
  bool sawStart = false;
  for (const auto& line : rec["log_lines"]) {
    sawStart = sawStart || line.get<std::string>().find("src -> dst") != std::string::npos;
  }
  EXPECT_TRUE(sawStart) << rec["log_lines"].dump(2);
  EXPECT_EQ(rec["result"]["tables"]["success"], 3);
  EXPECT_EQ(rec["metrics"]["tables_success"], 3.0);
  EXPECT_EQ(rec["destination_existed"], false);

  const auto unknown = s().get("/api/audit/no-such-job/logs");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.json()["detail"].get<std::string>().find("no-such-job"), std::string::npos);
}

TEST_F(AuditTest, NotificationsCountUnreadRunsUntilMarkedRead) {
  expect422(s(), "/api/notifications?since=yesterday", "since");
  expect422(s(), "/api/notifications?limit=-1", "limit");
  auto n = s().get("/api/notifications").json();
  ASSERT_EQ(n["items"].size(), 2u) << n.dump(2);
  EXPECT_EQ(n["items"][0]["type"], "warning");
  EXPECT_EQ(n["items"][1]["type"], "success");
  EXPECT_EQ(n["items"][1]["message"], "Clone completed: src -> dst");
  EXPECT_EQ(n["items"][1]["job_id"], full_["job_id"]);
  // Earlier tests may have marked them; since= makes the count independent of that.
  n = s().get("/api/notifications?since=2000-01-01").json();
  EXPECT_EQ(n["unread_count"], 2);
  n = s().get("/api/notifications?mark_read=true").json();
  n = s().get("/api/notifications").json();
  EXPECT_EQ(n["unread_count"], 0);
  EXPECT_EQ(n["items"][0]["read"], true);
  EXPECT_EQ(n["unread_since"], n["items"][0]["timestamp"]);
}

TEST_F(AuditTest, CatalogHealthAndMetricsSummariseTheRuns) {
  auto r = s().get("/api/catalog-health");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto catalogs = r.json()["catalogs"];
  ASSERT_EQ(catalogs.size(), 2u) << r.body;
  EXPECT_EQ(catalogs[0]["catalog"], "dst");
  EXPECT_EQ(catalogs[0]["total"], 1);
  EXPECT_EQ(catalogs[0]["succeeded"], 1);
  EXPECT_EQ(catalogs[0]["score"], 100);
  EXPECT_EQ(catalogs[0]["skipped_table_ratio"], 0.0);
  EXPECT_EQ(catalogs[1]["catalog"], "dst_partial");
  EXPECT_EQ(catalogs[1]["score"], 50);
  EXPECT_GT(catalogs[1]["skipped_table_ratio"].get<double>(), 0.0);
  expect422(s(), "/api/catalog-health?window=0", "window");

  r = s().get("/api/monitor/metrics");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto m = r.json();
  EXPECT_EQ(m["total_operations"], 2);
  EXPECT_EQ(m["tables"]["cloned"], 4);
  EXPECT_EQ(m["error_rate"], 50.0);
  EXPECT_EQ(m["failure_rate"], 0.0);
  EXPECT_TRUE(m["throughput_tables_per_min"].is_number());
  EXPECT_EQ(m["duration_trend"].size(), 2u);
  // The original's dashboard shape, which its web UI's dashboard and metrics pages read.
  EXPECT_EQ(m["total_clones"], 2);
  EXPECT_EQ(m["total_tables_cloned"], 4);
  EXPECT_EQ(m["peak_hours"].size(), 24u);
  ASSERT_EQ(m["activity"].size(), 7u);
  EXPECT_EQ(m["activity"][6]["clones"], 2) << "both runs ran today";
  EXPECT_EQ(m["week_over_week"]["this_week"], 2);
  EXPECT_EQ(m["recent_jobs"].size(), 2u);
  EXPECT_EQ(m["top_catalogs"][0]["count"], 2);
  EXPECT_EQ(m["duration_trend"][0]["job_id"], full_["job_id"]);
  EXPECT_EQ(s().get("/api/monitor/metrics?destination_catalog=dst").json()["total_operations"], 1);
  expect422(s(), "/api/monitor/metrics?limit=x", "limit");
}

TEST_F(AuditTest, InitCreatesDeltaTablesCopiesRunsOnceAndDescribeListsColumns) {
  // Hostile names round-trip through the quoting helpers.
  const std::string catalog = "aud`it;'x";
  const std::string schema = "lo gs";
  const std::string q = "`aud``it;'x`";
  const Json target{{"catalog", catalog}, {"schema", schema}};

  auto r = s().post("/api/audit/describe", target);
  ASSERT_EQ(r.status, 404) << r.body;
  EXPECT_NE(r.json()["detail"].get<std::string>().find("POST /api/audit/init"), std::string::npos);

  r = s().post("/api/audit/init", target);
  ASSERT_EQ(r.status, 200) << r.body;
  auto out = r.json();
  EXPECT_EQ(out["status"], "ok");
  EXPECT_EQ(out["tables_created"],
            Json::array({catalog + ".lo gs.run_logs", catalog + ".lo gs.clone_operations",
                         catalog + ".metrics.clone_metrics"}));
  EXPECT_EQ(out["rows_copied"][catalog + ".lo gs.run_logs"], 2);
  ASSERT_TRUE(out["schemas"][catalog + ".lo gs.run_logs"].is_array());
  EXPECT_EQ(out["schemas"][catalog + ".lo gs.run_logs"][0]["name"], "job_id");

  const auto id = full_["job_id"].get<std::string>();
  const auto rows = sqlRows(s().dataDir(), "SELECT job_id, status, tables_cloned, log_lines FROM " +
                                               q + ".`lo gs`.run_logs ORDER BY completed_at");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["job_id"], id);
  EXPECT_EQ(rows[0]["status"], "completed");
  EXPECT_EQ(rows[0]["tables_cloned"], 3);
  EXPECT_FALSE(Json::parse(rows[0]["log_lines"].get<std::string>()).empty());
  EXPECT_EQ(countOf(s(), "SELECT count(*) AS n FROM " + q +
                             ".`lo gs`.clone_operations WHERE status = 'completed_with_errors' "
                             "AND tables_skipped > 0"),
            1);
  EXPECT_EQ(countOf(s(), "SELECT count(*) AS n FROM " + q +
                             ".metrics.clone_metrics WHERE successful = 3 AND failure_rate = 0"),
            1);

  // Again: nothing new to copy, no duplicates.
  r = s().post("/api/audit/init", target);
  ASSERT_EQ(r.status, 200) << r.body;
  out = r.json();
  EXPECT_EQ(out["rows_copied"][catalog + ".lo gs.run_logs"], 0);
  EXPECT_EQ(out["already_existed"].size(), 3u);
  EXPECT_EQ(countOf(s(), "SELECT count(*) AS n FROM " + q + ".`lo gs`.run_logs"), 2);
  EXPECT_EQ(countOf(s(), "SELECT count(*) AS n FROM " + q + ".`lo gs`.clone_operations"), 2);
  EXPECT_EQ(countOf(s(), "SELECT count(*) AS n FROM " + q + ".metrics.clone_metrics"), 2);

  // A run that ends after the init is appended to the tables as it is audited.
  const auto later =
      runJob(s(), "/api/clone", {{"source_catalog", "src"}, {"destination_catalog", "dst_later"}});
  ASSERT_EQ(later["status"], "completed") << later.dump(2);
  EXPECT_EQ(countOf(s(), "SELECT count(*) AS n FROM " + q + ".`lo gs`.run_logs WHERE job_id = '" +
                             later["job_id"].get<std::string>() + "'"),
            1);
  EXPECT_EQ(countOf(s(), "SELECT count(*) AS n FROM " + q + ".metrics.clone_metrics"), 3);

  r = s().post("/api/audit/describe", target);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto described = r.json();
  EXPECT_TRUE(described["missing"].empty());
  bool sawLogLines = false;
  for (const auto& c : described["schemas"][catalog + ".lo gs.run_logs"]) {
    sawLogLines = sawLogLines || c["name"] == "log_lines";
  }
  EXPECT_TRUE(sawLogLines) << described.dump(2);
  EXPECT_EQ(described["schemas"][catalog + ".metrics.clone_metrics"].size(), 20u);
}

TEST_F(AuditTest, InitRejectsBadNames) {
  auto r = s().post("/api/audit/init", {{"catalog", ""}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], Json::array({"body", "catalog"}));
  r = s().post("/api/audit/init", {{"schema", std::string(300, 'x')}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], Json::array({"body", "schema"}));
  r = s().post("/api/audit/describe", {{"catalog", 7}});
  EXPECT_EQ(r.status, 422) << r.body;
}

}  // namespace
}  // namespace clxs::testing
