#include "plugins/observability/trust_routes.hpp"

#include <gtest/gtest.h>

#include "clxs/clock.hpp"
#include "clxs/http.hpp"
#include "clxs/services/lineage_graph.hpp"
#include "clxs/services/quality_catalog.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/inline_jobs.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/sqlite_test_store.hpp"
#include "tests/support/stand_in_host.hpp"

namespace clxs::observability {
namespace {

// A lineage service that knows one table upstream of every table.
class OneUpstream final : public services::LineageGraph {
 public:
  services::LineageWalk walk(Workspace&, const std::string& tableFqn, services::LineageDirection,
                             int, const CallOptions&) override {
    services::LineageWalk w;
    w.start = tableFqn;
    w.tables = {"shop.raw.orders"};
    return w;
  }
};

// The quality catalog: check c2 on shop.sales.orders, and c1 disabled.
class OnlyC2InForce final : public services::QualityCatalog {
 public:
  std::vector<services::TableChecks> checksIn(const std::string&, const std::string&) override {
    return {{"shop.sales.orders",
             {{"c1", "dqx_check", "a", "is_not_null", "warn", {"id"}, false, false},
              {"c2", "dqx_check", "b", "is_not_null", "warn", {"id"}, true, false}}}};
  }
};

class TrustRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto migrations = CheckEvidenceStore::migrations();
    for (auto& m : TrustStore::migrations()) migrations.push_back(std::move(m));
    for (auto& m : IncidentStore::migrations()) migrations.push_back(std::move(m));
    sqlite_.migrate(migrations);
    TableInfo t;
    t.catalog = "shop";
    t.schema = "sales";
    t.name = "orders";
    t.tableType = "MANAGED";
    t.owner = "me";
    t.comment = "orders";
    t.columns = {{"id", "BIGINT", true, ""}};
    ws_->addTable(t);
    ws_->setHistory({"shop", "sales", "orders"},
                    {{1, isoUtc(clock_.now() - std::chrono::hours(1)), "me", "WRITE",
                      Json::object(), Json::object()},
                     {0, isoUtc(clock_.now() - std::chrono::hours(2)), "me", "CREATE TABLE",
                      Json::object(), Json::object()}});
    registerTrustRoutes(routes_, {scores_, evidence_, incidents_, &jobs_, &services_, &clock_});
  }

  RequestParts request(std::map<std::string, std::string> params = {}, Json query = Json::object(),
                       Json body = nullptr) {
    RequestParts p;
    p.pathParams = std::move(params);
    p.query = std::move(query);
    p.body = std::move(body);
    p.credentials = Credentials{};
    auto w = ws_;
    p.workspaceResolver = [w](const Credentials&) { return w; };
    return p;
  }

  Json compute() {
    const auto r =
        routes_.call("POST /api/trust/compute/{catalog}", request({{"catalog", "shop"}}));
    EXPECT_EQ(r.status(), 200) << r.body().dump();
    return jobs_.run(r.body()["job_id"]).outcome.result;
  }

  clxs::testing::SqliteTestStore sqlite_;
  clxs::testing::ManualClock clock_;
  clxs::testing::InlineJobs jobs_;
  clxs::testing::MapServices services_;
  clxs::testing::CaptureRoutes routes_;
  std::shared_ptr<clxs::testing::MemoryWorkspace> ws_ =
      std::make_shared<clxs::testing::MemoryWorkspace>("me");
  std::shared_ptr<TrustStore> scores_ = std::make_shared<TrustStore>(sqlite_);
  std::shared_ptr<CheckEvidenceStore> evidence_ = std::make_shared<CheckEvidenceStore>(sqlite_);
  std::shared_ptr<IncidentStore> incidents_ = std::make_shared<IncidentStore>(sqlite_);
};

TEST_F(TrustRoutesTest, EveryRouteDeclaresItsResponse) {
  for (const char* key :
       {"GET /api/trust/scores/{catalog}", "GET /api/trust/scores/{catalog}/{schema}/{table}",
        "GET /api/trust/scores/{catalog}/{schema}/{table}/history",
        "POST /api/trust/compute/{catalog}", "GET /api/trust/config", "PUT /api/trust/config"}) {
    ASSERT_TRUE(routes_.has(key)) << key;
    EXPECT_TRUE(routes_.spec(key).response.has_value()) << key;
  }
}

TEST_F(TrustRoutesTest, AComputeStoresScoresFromTheEvidence) {
  EXPECT_EQ(
      routes_.call("GET /api/trust/scores/{catalog}", request({{"catalog", "shop"}})).status(),
      404);
  evidence_->record({"dqx", "shop.sales.orders", "c1", "not_null_id", "warn", false, 10, 100, "r",
                     "me", isoUtc(clock_.now())});
  const auto job = compute();
  EXPECT_EQ(job["tables_scored"], 1) << job.dump();
  EXPECT_EQ(job["failed"], 0);

  const auto r =
      routes_.call("GET /api/trust/scores/{catalog}/{schema}/{table}",
                   request({{"catalog", "shop"}, {"schema", "sales"}, {"table", "orders"}}));
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  const auto& s = r.body();
  EXPECT_EQ(s["table_fqn"], "shop.sales.orders");
  EXPECT_EQ(s["dimensions"]["dq"]["score"], 90.0);
  EXPECT_EQ(s["dimensions"]["freshness"]["score"], 100.0);
  EXPECT_EQ(s["dimensions"]["lineage"]["evidence"]["upstream"], nullptr)
      << "no lineage service here";
  // dq 90·0.3, freshness 100·0.25, anomaly 100·0.15, schema 100·0.1, lineage 100·0.1 (owner and
  // description; certification unknown without tags) over 0.9.
  EXPECT_EQ(s["score"], 96.7);
  EXPECT_EQ(s["confidence"], 0.9);
  EXPECT_EQ(s["grade"], "A");

  // With the lineage service, upstream is known.
  services_.provide<services::LineageGraph>(std::make_shared<OneUpstream>());
  compute();
  const auto history = routes_.call(
      "GET /api/trust/scores/{catalog}/{schema}/{table}/history",
      request({{"catalog", "shop"}, {"schema", "sales"}, {"table", "orders"}}, {{"limit", 10}}));
  ASSERT_EQ(history.status(), 200);
  EXPECT_EQ(history.body()["total"], 2);
  const auto latest =
      routes_.call("GET /api/trust/scores/{catalog}", request({{"catalog", "shop"}})).body();
  EXPECT_EQ(latest["total"], 1);
  EXPECT_EQ(latest["tables"][0]["dimensions"]["lineage"]["evidence"]["upstream"], true);
  EXPECT_EQ(latest["by_grade"]["A"], 1);
}

TEST_F(TrustRoutesTest, OnlyChecksInForceCountWhenTheQualityCatalogSaysWhich) {
  evidence_->record({"dqx", "shop.sales.orders", "c1", "a", "error", false, 50, 100, "r", "me",
                     isoUtc(clock_.now())});
  evidence_->record({"dqx", "shop.sales.orders", "c2", "b", "warn", true, 0, 100, "r", "me",
                     isoUtc(clock_.now())});
  compute();
  EXPECT_EQ(scores_->latestOf("shop.sales.orders")->at("dimensions")["dq"]["score"], 50.0)
      << "without the catalog every result counts";
  services_.provide<services::QualityCatalog>(std::make_shared<OnlyC2InForce>());
  compute();
  const auto dq = scores_->latestOf("shop.sales.orders")->at("dimensions")["dq"];
  EXPECT_EQ(dq["score"], 100.0) << dq.dump();
  EXPECT_EQ(dq["evidence"]["checks"], 1) << "the disabled check's failure is left out";
}

TEST_F(TrustRoutesTest, UnknownTablesAndCatalogsAre404) {
  EXPECT_EQ(routes_
                .call("GET /api/trust/scores/{catalog}/{schema}/{table}",
                      request({{"catalog", "shop"}, {"schema", "sales"}, {"table", "orders"}}))
                .status(),
            404);
  EXPECT_EQ(
      routes_.call("POST /api/trust/compute/{catalog}", request({{"catalog", "nowhere"}})).status(),
      404);
  EXPECT_EQ(routes_
                .call("POST /api/trust/compute/{catalog}",
                      request({{"catalog", "shop"}}, {{"schema_filter", "nope"}}))
                .status(),
            404);
}

TEST_F(TrustRoutesTest, TheConfigIsMergedValidatedAndStored) {
  auto r = routes_.call("GET /api/trust/config", request());
  EXPECT_EQ(r.body()["dq"], 0.3);
  r = routes_.call("PUT /api/trust/config", request({}, Json::object(), {{"dq", 0.9}}));
  EXPECT_EQ(r.status(), 422);
  r = routes_.call("PUT /api/trust/config",
                   request({}, Json::object(), {{"dq", 0.35}, {"freshness", 0.2}}));
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["dq"], 0.35);
  EXPECT_EQ(r.body()["updated_by"], "me");
  EXPECT_EQ(scores_->weights().weights.freshness, 0.2);
}

}  // namespace
}  // namespace clxs::observability
