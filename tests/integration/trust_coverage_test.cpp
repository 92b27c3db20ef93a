// Trust scores and coverage end to end: scores computed by a job from check results, Delta
// history, tags and comments, stored with their history and read back; the weights validated
// as a whole; coverage from the quality plugin's checks and rules, live and as a snapshot with
// its summary and ranked gaps; and bad input.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/api_calls.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/job_wait.hpp"
#include "tests/support/json_get.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

// POSTs a job route (no body), waits for it and expects it completed.
Json completedJob(const ServerProcess& s, const std::string& path) {
  const auto queued = s.post(path, Json());
  EXPECT_EQ(queued.status, 200) << path << " " << queued.body;
  if (queued.status != 200) return Json::object();
  EXPECT_EQ(queued.json()["status"], "queued");
  const auto job = waitJob(s, queued.json()["job_id"]);
  EXPECT_EQ(job["status"], "completed") << job.dump();
  return job["result"];
}

void expectStatus(const HttpResult& r, int status, const std::string& says = "") {
  EXPECT_EQ(r.status, status) << r.body;
  if (!says.empty()) {
    EXPECT_NE(r.body.find(says), std::string::npos) << r.body;
  }
}

constexpr const char* kTrustShop = R"sql(
CREATE CATALOG shop;
CREATE SCHEMA shop.sales;
CREATE SCHEMA shop.hr;
CREATE TABLE shop.sales.orders (id BIGINT, customer STRING, email STRING);
INSERT INTO shop.sales.orders VALUES (1, 'a', 'a@x'), (2, NULL, 'b@x'), (3, 'c', 'c@x'), (4, 'd', 'd@x');
COMMENT ON TABLE shop.sales.orders IS 'orders';
ALTER TABLE shop.sales.orders SET TAGS ('certified' = 'true');
ALTER TABLE shop.sales.orders ALTER COLUMN email SET TAGS ('pii' = 'true');
CREATE TABLE shop.sales.items (id BIGINT, sku STRING);
CREATE TABLE shop.hr.people AS SELECT id, 'p' || id AS name FROM range(0, 40) AS r(id);
)sql";

Json scoreOf(const Json& catalogScores, const std::string& fqn) {
  for (const auto& t : catalogScores["tables"]) {
    if (t["table_fqn"] == fqn) return t;
  }
  ADD_FAILURE() << fqn << " not in " << catalogScores.dump();
  return Json::object();
}

TEST(TrustScores, ComputedFromTheEvidenceStoredAndReadBack) {
  ServerProcess s;
  seedSql(s.dataDir(), kTrustShop);
  expectStatus(s.get("/api/trust/scores/shop"), 404, "POST /api/trust/compute/shop");

  // A failing error-level check: 1 of 4 rows, so dq is capped at 50.
  const auto check =
      s.post("/api/governance/dqx/checks", {{"table_fqn", "shop.sales.orders"},
                                            {"check_type", "is_not_null"},
                                            {"arguments", {{"column", "customer"}}}});
  ASSERT_EQ(check.status, 200) << check.body;
  ASSERT_EQ(s.post("/api/governance/dqx/run", {{"table_fqn", "shop.sales.orders"}}).status, 200);

  const auto job = completedJob(s, "/api/trust/compute/shop");
  EXPECT_EQ(job["tables_scored"], 3) << job.dump();
  EXPECT_EQ(job["failed"], 0);

  const auto orders = getJson(s, "/api/trust/scores/shop/sales/orders");
  EXPECT_EQ(orders["table_fqn"], "shop.sales.orders");
  const auto& dims = orders["dimensions"];
  EXPECT_EQ(dims["dq"]["score"], 50.0) << dims["dq"].dump();
  EXPECT_EQ(dims["dq"]["evidence"]["rows_failed"], 1);
  EXPECT_EQ(dims["freshness"]["score"], 100.0) << dims["freshness"].dump();
  EXPECT_EQ(dims["anomaly"]["score"], 100.0);
  EXPECT_TRUE(dims["schema_stability"]["score"].is_number()) << dims.dump();
  EXPECT_EQ(dims["pii"]["score"], 0.0) << "the tagged email column is not protected";
  EXPECT_EQ(dims["lineage"]["evidence"]["certification"], true) << dims["lineage"].dump();
  EXPECT_EQ(dims["lineage"]["evidence"]["description"], true);
  EXPECT_EQ(dims["lineage"]["evidence"]["upstream"], false)
      << "the lineage plugin knows the table was built from nothing";
  EXPECT_EQ(orders["confidence"], 1.0);
  EXPECT_TRUE(orders["grade"].is_string());
  ASSERT_FALSE(orders["reasons"].empty());
  EXPECT_EQ(orders["reasons"][0].get<std::string>().rfind("dq −", 0), 0u) << orders["reasons"];

  const auto people = getJson(s, "/api/trust/scores/shop/hr/people");
  EXPECT_EQ(people["dimensions"]["dq"]["score"], nullptr);
  EXPECT_EQ(people["dimensions"]["pii"]["score"], nullptr);
  EXPECT_EQ(people["confidence"], 0.6);

  auto all = getJson(s, "/api/trust/scores/shop");
  EXPECT_EQ(all["total"], 3);
  EXPECT_EQ(scoreOf(all, "shop.sales.orders")["score"], orders["score"]);
  EXPECT_EQ(getJson(s, "/api/trust/scores/shop?schema=hr")["total"], 1);

  // A second compute adds to the history.
  completedJob(s, "/api/trust/compute/shop?schema_filter=sales");
  const auto history = getJson(s, "/api/trust/scores/shop/sales/orders/history");
  EXPECT_EQ(history["total"], 2);

  // Without the lineage plugin, upstream is unknown and the dimension says why.
  ASSERT_EQ(s.post("/api/plugins/toggle", Json{{"name", "lineage"}, {"enabled", false}}).status,
            200);
  completedJob(s, "/api/trust/compute/shop?schema_filter=sales");
  const auto blind = getJson(s, "/api/trust/scores/shop/sales/orders")["dimensions"]["lineage"];
  EXPECT_EQ(blind["evidence"]["upstream"], nullptr) << blind.dump();
  EXPECT_NE(blind["reason"].get<std::string>().find("lineage"), std::string::npos);
  EXPECT_EQ(history["history"][0]["dimensions"]["dq"], 50.0);
  EXPECT_EQ(getJson(s, "/api/trust/scores/shop/hr/people/history")["total"], 1);
}

TEST(TrustScores, TheWeightsAreValidatedAndUsed) {
  ServerProcess s;
  seedSql(s.dataDir(), kTrustShop);
  auto config = getJson(s, "/api/trust/config");
  EXPECT_EQ(config["dq"], 0.30);
  EXPECT_EQ(config["freshness"], 0.25);
  EXPECT_EQ(config["lineage"], 0.10);
  EXPECT_EQ(config["updated_by"], nullptr);
  const auto defaultHash = config["config_hash"];

  expectStatus(put(s, "/api/trust/config", {{"dq", 0.9}}), 422, "sum to 1");
  expectStatus(put(s, "/api/trust/config", {{"dq", -0.1}, {"freshness", 0.65}}), 422, "≥ 0");
  expectStatus(put(s, "/api/trust/config", {{"quality", 0.3}}), 422, "unknown dimension");
  expectStatus(put(s, "/api/trust/config", {{"dq", "high"}}), 422);
  EXPECT_EQ(getJson(s, "/api/trust/config")["config_hash"], defaultHash) << "nothing was stored";

  // A partial body keeps the other weights: 0.5 + 0.05 + 0.15 + 0.1 + 0.1 + 0.1 = 1.
  const auto changed = put(s, "/api/trust/config", {{"dq", 0.5}, {"freshness", 0.05}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["dq"], 0.5);
  EXPECT_EQ(changed.json()["anomaly"], 0.15);
  EXPECT_NE(changed.json()["config_hash"], defaultHash);
  EXPECT_TRUE(changed.json()["updated_by"].is_string());
  config = getJson(s, "/api/trust/config");
  EXPECT_EQ(config["dq"], 0.5);
  EXPECT_EQ(config["defaults"]["dq"], 0.30);

  // people has no check and no tags: dq and pii are null, the rest weigh 0.45 together.
  completedJob(s, "/api/trust/compute/shop?schema_filter=hr");
  const auto people = getJson(s, "/api/trust/scores/shop/hr/people");
  EXPECT_EQ(people["config_hash"], config["config_hash"]);
  EXPECT_EQ(people["dimensions"]["dq"]["weight"], 0.5);
  EXPECT_EQ(people["confidence"], 0.4) << "0.05 + 0.15 + 0.1 + 0.1 of 1";
}

TEST(TrustScores, BadInputIsAClearError) {
  ServerProcess s;
  seedSql(s.dataDir(), kTrustShop);
  expectStatus(s.post("/api/trust/compute/nowhere", Json()), 404, "nowhere");
  expectStatus(s.post("/api/trust/compute/shop?schema_filter=nope", Json()), 404, "nope");
  expectStatus(s.post("/api/trust/compute/shop?max_stale_hours=-1", Json()), 422);
  expectStatus(s.get("/api/trust/scores/shop/sales/orders"), 404, "shop.sales.orders");
  expectStatus(s.get("/api/trust/scores/shop/sales/orders/history"), 404);
  completedJob(s, "/api/trust/compute/shop");
  expectStatus(s.get("/api/trust/scores/shop/sales/nope"), 404, "shop.sales.nope");
  expectStatus(s.get("/api/trust/scores/shop/sales/orders/history?limit=0"), 422);
  expectStatus(s.get("/api/trust/scores/nowhere"), 404);
  expectStatus(put(s, "/api/trust/config", Json::array()), 422);
}

TEST(Coverage, LiveAndStoredFromChecksRulesAndMonitors) {
  ServerProcess s;
  seedSql(s.dataDir(), kTrustShop);
  expectStatus(s.get("/api/coverage/shop"), 404, "POST /api/coverage/shop/compute");
  expectStatus(s.get("/api/coverage/shop/summary"), 404);
  expectStatus(s.get("/api/coverage/shop/gaps"), 404);

  ASSERT_EQ(s.post("/api/governance/dqx/checks", {{"table_fqn", "shop.sales.orders"},
                                                  {"check_type", "is_not_null"},
                                                  {"arguments", {{"column", "customer"}}}})
                .status,
            200);
  const auto rule =
      s.post("/api/governance/dq/rules",
             {{"table_fqn", "shop.sales.orders"}, {"rule_type", "not_null"}, {"column", "id"}});
  ASSERT_EQ(rule.status, 200) << rule.body;

  const auto live = getJson(s, "/api/data-quality/coverage/shop");
  EXPECT_EQ(live["live"], true);
  EXPECT_EQ(live["total"], 3);
  Json orders;
  for (const auto& t : live["tables"]) {
    if (t["table_fqn"] == "shop.sales.orders") orders = t;
  }
  ASSERT_TRUE(orders.is_object()) << live.dump();
  EXPECT_EQ(orders["has_dqx_check"], true);
  EXPECT_EQ(orders["has_dq_rule"], true);
  EXPECT_EQ(orders["has_sla"], false);
  EXPECT_EQ(orders["has_contract"], false);
  EXPECT_EQ(orders["check_count"], 2);
  EXPECT_EQ(orders["columns_covered"], 2);
  EXPECT_EQ(orders["columns_total"], 3);
  EXPECT_EQ(live["summary"]["covered_tables"], 1);
  EXPECT_NE(live["notes"].dump().find("no SLA"), std::string::npos) << live["notes"];
  EXPECT_EQ(getJson(s, "/api/data-quality/coverage/shop?schema=hr")["total"], 1);

  const auto job = completedJob(s, "/api/coverage/shop/compute");
  EXPECT_EQ(job["gaps"], 2) << job.dump();
  const auto map = getJson(s, "/api/coverage/shop");
  EXPECT_EQ(map["total"], 3);
  EXPECT_EQ(map["covered"], 1);
  EXPECT_EQ(map["snapshot_schema_filter"], nullptr);
  EXPECT_EQ(getJson(s, "/api/coverage/shop?schema=sales")["total"], 2);

  const auto summary = getJson(s, "/api/coverage/shop/summary");
  EXPECT_EQ(summary["total_tables"], 3);
  EXPECT_EQ(summary["coverage_pct"], 33.3);
  EXPECT_EQ(summary["by_family"]["dqx_check"]["tables"], 1);
  EXPECT_EQ(summary["by_family"]["sla"]["tables"], 0);
  ASSERT_EQ(summary["by_schema"].size(), 2u);
  EXPECT_EQ(summary["by_schema"][0]["schema"], "hr");
  EXPECT_EQ(summary["by_schema"][1]["coverage_pct"], 50.0);

  const auto gaps = getJson(s, "/api/coverage/shop/gaps");
  ASSERT_EQ(gaps["total"], 2) << gaps.dump();
  for (const auto& g : gaps["gaps"]) {
    EXPECT_EQ(g["covered"], false);
    EXPECT_TRUE(g["priority"].is_number()) << g.dump();
    EXPECT_FALSE(g["reasons"].empty());
    EXPECT_EQ(g["reasons"].dump().find("lineage"), std::string::npos)
        << "the lineage plugin answers: nothing unknown to say";
  }
  EXPECT_GE(gaps["gaps"][0]["priority"].get<double>(), gaps["gaps"][1]["priority"].get<double>());
  // Both were written once and read by nothing else; people's 40 rows rank it first (on
  // Databricks, where the listing has no row counts, the name breaks the tie the same way).
  EXPECT_EQ(gaps["gaps"][0]["table_fqn"], "shop.hr.people");
  if (s.workspaceKind() == "local") {
    EXPECT_EQ(gaps["gaps"][0]["signals"]["row_count"], 40);
    EXPECT_EQ(gaps["gaps"][0]["signals"]["reads_30d"], 1) << "from system.query.history";
  }
  EXPECT_EQ(getJson(s, "/api/coverage/shop/gaps?limit=1")["gaps"].size(), 1u);

  // A snapshot of one schema answers for that schema only.
  completedJob(s, "/api/coverage/shop/compute?schema_filter=hr");
  const auto hr = getJson(s, "/api/coverage/shop");
  EXPECT_EQ(hr["snapshot_schema_filter"], "hr");
  EXPECT_EQ(hr["total"], 1);
}

TEST(Coverage, BadInputIsAClearError) {
  ServerProcess s;
  seedSql(s.dataDir(), kTrustShop);
  expectStatus(s.get("/api/data-quality/coverage/nowhere"), 404, "nowhere");
  expectStatus(s.get("/api/data-quality/coverage/shop?schema=nope"), 404, "nope");
  expectStatus(s.post("/api/coverage/nowhere/compute", Json()), 404, "nowhere");
  expectStatus(s.post("/api/coverage/shop/compute?schema_filter=nope", Json()), 404, "nope");
  expectStatus(s.get("/api/coverage/nowhere/gaps"), 404, "nowhere");
  completedJob(s, "/api/coverage/shop/compute");
  expectStatus(s.get("/api/coverage/shop/gaps?limit=0"), 422);
}

}  // namespace
}  // namespace clxs::testing
