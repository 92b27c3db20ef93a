// Governance SLA rules end to end: rules in the spec's and the original's bodies, measured from
// Delta metadata (freshness from the last data commit, not a property change; schema stability
// sees an ADD COLUMNS commit; completeness is the real NULL rate; row_count from statistics),
// status and compliance trend, a breach opening an incident in the Data Quality feed, and bad
// input.
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

constexpr const char* kSlaShop = R"sql(
CREATE CATALOG shop;
CREATE SCHEMA shop.sales;
CREATE TABLE shop.sales.orders (id BIGINT, note STRING);
INSERT INTO shop.sales.orders VALUES (1, 'a'), (2, NULL), (3, 'c'), (4, 'd');
ALTER TABLE shop.sales.orders ADD COLUMNS (extra INT);
ALTER TABLE shop.sales.orders SET TBLPROPERTIES ('team' = 'sales');
)sql";

Json slaCheckOf(const Json& run, const std::string& slaId) {
  for (const auto& c : run["checks"]) {
    if (c["sla_id"] == slaId) return c;
  }
  ADD_FAILURE() << slaId << " not in " << run.dump();
  return Json::object();
}

std::string slaCreated(const ServerProcess& s, const Json& body) {
  const auto r = s.post("/api/governance/sla/rules", body);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json()["sla_id"].get<std::string>() : "";
}

TEST(GovernanceSla, MetricsAreMeasuredFromDeltaMetadata) {
  ServerProcess s;
  seedSql(s.dataDir(), kSlaShop);
  // The spec's body and the original's.
  const auto fresh = slaCreated(s, {{"table_fqn", "shop.sales.orders"},
                                    {"metric_type", "freshness"},
                                    {"threshold", 24},
                                    {"severity", "high"}});
  const auto stable = slaCreated(s, {{"table_fqn", "shop.sales.orders"},
                                     {"metric", "schema_stability"},
                                     {"threshold_value", 0},
                                     {"window_days", 7},
                                     {"owner_team", "sales-data"},
                                     {"notification_channel", "#sales"}});
  const auto complete = slaCreated(
      s, {{"table_fqn", "shop.sales.orders"}, {"metric_type", "completeness"}, {"threshold", 50}});
  const auto notes = slaCreated(s, {{"table_fqn", "shop.sales.orders"},
                                    {"metric_type", "completeness"},
                                    {"threshold", 90},
                                    {"columns", {"note"}}});
  const auto rows = slaCreated(s, {{"table_fqn", "shop.sales.orders"},
                                   {"metric", "row_count"},
                                   {"threshold_value", 4},
                                   {"enabled", true}});
  const auto off = slaCreated(s, {{"table_fqn", "shop.sales.orders"},
                                  {"metric", "freshness"},
                                  {"threshold_hours", 1},
                                  {"enabled", false}});

  const auto rules = getJson(s, "/api/governance/sla/rules");
  ASSERT_EQ(rules.size(), 6u);
  EXPECT_EQ(rules[0]["threshold_hours"], 24.0);
  EXPECT_EQ(rules[1]["owner_team"], "sales-data");
  EXPECT_EQ(rules[1]["window_days"], 7);
  EXPECT_EQ(rules[5]["enabled"], false);
  EXPECT_FALSE(rules[0]["created_by"].get<std::string>().empty());

  auto r = s.post("/api/governance/sla/check", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto run = r.json();
  EXPECT_EQ(run["checked"], 5) << "the disabled rule is not checked";

  // Freshness: the INSERT (version 1) is the last data commit; the ALTERs after it are not.
  const auto f = slaCheckOf(run, fresh);
  EXPECT_EQ(f["status"], "passed") << f.dump();
  EXPECT_EQ(f["details"]["last_data_version"], 1) << f.dump();
  EXPECT_EQ(f["details"]["last_data_operation"], "WRITE");
  EXPECT_TRUE(f["current_value"].is_number());

  // Schema stability: the ADD COLUMNS commit is one change, over the 0 allowed.
  const auto st = slaCheckOf(run, stable);
  EXPECT_EQ(st["status"], "failed") << st.dump();
  EXPECT_EQ(st["current_value"], 1.0);
  ASSERT_EQ(st["details"]["changes"].size(), 1u);
  EXPECT_EQ(st["details"]["changes"][0]["operation"], "ADD COLUMNS");

  // Completeness: id 0 %, note 25 %, extra (added after the rows) 100 % NULL.
  const auto c = slaCheckOf(run, complete);
  EXPECT_EQ(c["status"], "passed") << c.dump();
  EXPECT_NEAR(c["current_value"].get<double>(), 58.33, 0.01);
  EXPECT_EQ(c["details"]["row_count"], 4);
  const auto n = slaCheckOf(run, notes);
  EXPECT_EQ(n["status"], "failed") << n.dump();
  EXPECT_EQ(n["current_value"], 75.0);
  EXPECT_EQ(n["details"]["columns"][0]["null_pct"], 25.0);

  const auto rc = slaCheckOf(run, rows);
  EXPECT_EQ(rc["status"], "passed") << rc.dump();
  EXPECT_EQ(rc["current_value"], 4.0);
  if (s.workspaceKind() == "local") {
    EXPECT_EQ(rc["details"]["source"], "delta_statistics");
  }

  const auto status = getJson(s, "/api/governance/sla/status");
  EXPECT_EQ(status["total_rules"], 6);
  EXPECT_EQ(status["checked"], 5);
  EXPECT_EQ(status["passed"], 3);
  EXPECT_EQ(status["failed"], 2);
  EXPECT_EQ(status["health_pct"], 60.0);
  EXPECT_EQ(status["checks"].size(), 5u);

  const auto trend = getJson(s, "/api/governance/sla/compliance-trend?days=7");
  EXPECT_EQ(trend["days"], 7);
  ASSERT_EQ(trend["trend"].size(), 7u);
  EXPECT_EQ(trend["trend"][6]["total"], 5);
  EXPECT_EQ(trend["trend"][6]["compliance_pct"], 60.0);
  EXPECT_EQ(getJson(s, "/api/governance/sla/compliance-trend")["trend"].size(), 30u);
  const auto dq = getJson(s, "/api/data-quality/sla/compliance-trend?days=7");
  EXPECT_EQ(dq["trend"], trend["trend"]);

  EXPECT_EQ(s.request("DELETE", "/api/governance/sla/rules/" + off).status, 200);
  EXPECT_EQ(s.request("DELETE", "/api/governance/sla/rules/" + off).status, 404);
  EXPECT_EQ(getJson(s, "/api/governance/sla/rules").size(), 5u);
}

TEST(GovernanceSla, ABreachOpensAnIncidentAndTheNextPassResolvesIt) {
  ServerProcess s;
  seedSql(s.dataDir(), kSlaShop);
  const auto id = slaCreated(s, {{"table_fqn", "shop.sales.orders"},
                                 {"metric_type", "row_count"},
                                 {"threshold", 6},
                                 {"severity", "critical"}});
  auto r = s.post("/api/governance/sla/check", {{"sla_ids", {id}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["checks"][0]["status"], "failed");

  // The signal reaches the observability plugin on the event bus: wait for it to land.
  Json open;
  Json feed;
  for (int i = 0; i < 400 && open.empty(); ++i) {
    feed = getJson(s, "/api/data-quality/incidents?source=sla");
    for (const auto& inc : feed["incidents"]) {
      if (inc["source_ref"] == id && inc["status"] == "open") open = inc;
    }
    if (open.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(open.empty()) << "no open SLA incident: " << feed.dump();
  EXPECT_EQ(open["table_fqn"], "shop.sales.orders");
  EXPECT_EQ(open["severity"], "critical");

  seedSql(s.dataDir(), "INSERT INTO shop.sales.orders VALUES (5, 'e', 1), (6, 'f', 2);");
  // This time as a job: its result is the synchronous answer.
  const auto job =
      runJob(s, "/api/governance/sla/check", {{"table_fqn", "shop.sales.orders"}, {"async", true}});
  ASSERT_EQ(job["status"], "completed") << job.dump();
  EXPECT_EQ(job["result"]["checked"], 1) << job.dump();
  EXPECT_EQ(job["result"]["checks"][0]["status"], "passed") << job.dump();
  bool resolved = false;
  for (int i = 0; i < 400 && !resolved; ++i) {
    feed = getJson(s, "/api/data-quality/incidents?source=sla");
    for (const auto& inc : feed["incidents"]) {
      if (inc["source_ref"] == id && inc["status"] == "resolved") resolved = true;
    }
    if (!resolved) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(resolved) << feed.dump();
}

TEST(GovernanceSla, BadInputIsAClearError) {
  ServerProcess s;
  seedSql(s.dataDir(), kSlaShop);
  const std::string rules = "/api/governance/sla/rules";
  auto r = s.post(rules, {{"table_fqn", "shop.sales.orders"}, {"threshold", 1}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("metric_type"), std::string::npos) << r.body;
  EXPECT_EQ(
      s.post(rules,
             {{"table_fqn", "shop.sales.orders"}, {"metric_type", "accuracy"}, {"threshold", 1}})
          .status,
      422);
  r = s.post(rules, {{"table_fqn", "shop.sales.orders"}, {"metric_type", "freshness"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("threshold"), std::string::npos) << r.body;
  EXPECT_EQ(
      s.post(rules,
             {{"table_fqn", "shop.sales.orders"}, {"metric_type", "freshness"}, {"threshold", -1}})
          .status,
      422);
  EXPECT_EQ(s.post(rules, {{"table_fqn", "shop.sales.orders"},
                           {"metric_type", "completeness"},
                           {"threshold", 120}})
                .status,
            422);
  EXPECT_EQ(s.post(rules, {{"table_fqn", "shop.sales.orders"},
                           {"metric_type", "completeness"},
                           {"threshold", 90},
                           {"columns", {"nope"}}})
                .status,
            422);
  EXPECT_EQ(s.post(rules, {{"table_fqn", "shop.sales.orders"},
                           {"metric_type", "freshness"},
                           {"metric", "row_count"},
                           {"threshold", 1}})
                .status,
            422);
  r = s.post(rules,
             {{"table_fqn", "shop.sales.nope"}, {"metric_type", "row_count"}, {"threshold", 1}});
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("nope"), std::string::npos) << r.body;
  EXPECT_EQ(s.request("DELETE", rules + "/nope").status, 404);
  EXPECT_EQ(s.post("/api/governance/sla/check", {{"sla_ids", {"nope"}}}).status, 404);
  EXPECT_EQ(s.post("/api/governance/sla/check", {{"sla_ids", {"nope"}}, {"async", true}}).status,
            404);
  EXPECT_EQ(s.post("/api/governance/sla/check", {{"async", "yes"}}).status, 422);
  EXPECT_EQ(s.get("/api/governance/sla/compliance-trend?days=0").status, 422);
  EXPECT_EQ(s.get("/api/data-quality/sla/compliance-trend?days=soon").status, 422);
  EXPECT_TRUE(getJson(s, rules).empty());
  const auto status = getJson(s, "/api/governance/sla/status");
  EXPECT_EQ(status["total_rules"], 0);
  EXPECT_TRUE(status["health_pct"].is_null());
}

}  // namespace
}  // namespace clxs::testing
