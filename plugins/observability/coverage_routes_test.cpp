#include "plugins/observability/coverage_routes.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <tuple>

#include "clxs/error.hpp"
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

// One DQX check on shop.sales.orders' id.
class OneCheckedTable final : public services::QualityCatalog {
 public:
  std::vector<services::TableChecks> checksIn(const std::string&, const std::string&) override {
    return {{"shop.sales.orders",
             {{"c1", "dqx_check", "id_not_null", "is_not_null", "error", {"id"}, true, false}}}};
  }
};

// Five tables downstream of shop.hr.people, none of any other table.
class PeopleFeedFive final : public services::LineageGraph {
 public:
  services::LineageWalk walk(Workspace&, const std::string& tableFqn, services::LineageDirection,
                             int, const CallOptions&) override {
    services::LineageWalk w;
    w.start = tableFqn;
    if (tableFqn == "shop.hr.people") w.tables = {"a.b.c1", "a.b.c2", "a.b.c3", "a.b.c4", "a.b.c5"};
    return w;
  }
};

class CoverageRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto migrations = CoverageStore::migrations();
    for (auto& m : MonitorStore::migrations()) migrations.push_back(std::move(m));
    sqlite_.migrate(migrations);
    for (const auto& [schema, name, rows] :
         std::vector<std::tuple<std::string, std::string, std::optional<std::int64_t>>>{
             {"sales", "orders", 10},
             {"sales", "items", 10},
             {"hr", "people", 1000},
             {"hr", "notes", std::nullopt}}) {
      TableInfo t;
      t.catalog = "shop";
      t.schema = schema;
      t.name = name;
      t.tableType = "MANAGED";
      t.columns = {{"id", "BIGINT", true, ""}, {"name", "STRING", true, ""}};
      t.rowCount = rows;
      ws_->addTable(t);
    }
    // The query history counts 12 statements for any table; tags cannot be read.
    ws_->onSql([](std::string_view statement) -> ResultSet {
      if (statement.find("system.query.history") == std::string_view::npos)
        throw WorkspaceError(WorkspaceErrorClass::InvalidSql, "no tags here");
      ResultSet r;
      r.columns = {{"n", "BIGINT"}};
      r.rows = {{12}};
      return r;
    });
    MonitorConfig m;
    m.id = "m1";
    m.tableFqn = "shop.sales.items";
    monitors_->save(m);
    registerCoverageRoutes(routes_, {snapshots_, monitors_, &jobs_, &services_, &clock_});
  }

  RequestParts request(Json query = Json::object()) {
    RequestParts p;
    p.pathParams = {{"catalog", "shop"}};
    p.query = std::move(query);
    p.credentials = Credentials{};
    auto w = ws_;
    p.workspaceResolver = [w](const Credentials&) { return w; };
    return p;
  }

  clxs::testing::SqliteTestStore sqlite_;
  clxs::testing::ManualClock clock_;
  clxs::testing::InlineJobs jobs_;
  clxs::testing::MapServices services_;
  clxs::testing::CaptureRoutes routes_;
  std::shared_ptr<clxs::testing::MemoryWorkspace> ws_ =
      std::make_shared<clxs::testing::MemoryWorkspace>("me");
  std::shared_ptr<CoverageStore> snapshots_ = std::make_shared<CoverageStore>(sqlite_);
  std::shared_ptr<MonitorStore> monitors_ = std::make_shared<MonitorStore>(sqlite_);
};

TEST_F(CoverageRoutesTest, WithoutTheQualityCatalogChecksAreUnknownAndSaidSo) {
  const auto r = routes_.call("GET /api/data-quality/coverage/{catalog}", request());
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["total"], 4);
  EXPECT_EQ(r.body()["summary"]["covered_tables"], 1) << "the monitored table";
  EXPECT_EQ(r.body()["tables"][0]["checks_known"], false);
  EXPECT_NE(r.body()["notes"].dump().find("quality.catalog"), std::string::npos);
  EXPECT_NE(r.body()["notes"].dump().find("no SLA"), std::string::npos);
}

TEST_F(CoverageRoutesTest, ASnapshotIsStoredSummarisedAndItsGapsRanked) {
  services_.provide<services::QualityCatalog>(std::make_shared<OneCheckedTable>());
  services_.provide<services::LineageGraph>(std::make_shared<PeopleFeedFive>());
  EXPECT_EQ(routes_.call("GET /api/coverage/{catalog}", request()).status(), 404);
  const auto queued = routes_.call("POST /api/coverage/{catalog}/compute", request());
  ASSERT_EQ(queued.status(), 200) << queued.body().dump();
  const auto& run = jobs_.run(queued.body()["job_id"]);
  EXPECT_EQ(run.outcome.end, JobEnd::Completed) << run.outcome.error;
  EXPECT_EQ(run.outcome.result["gaps"], 2);

  const auto map = routes_.call("GET /api/coverage/{catalog}", request()).body();
  EXPECT_EQ(map["total"], 4);
  EXPECT_EQ(map["covered"], 2);
  const auto summary = routes_.call("GET /api/coverage/{catalog}/summary", request()).body();
  EXPECT_EQ(summary["coverage_pct"], 50.0);
  EXPECT_EQ(summary["by_family"]["dqx_check"]["tables"], 1);
  EXPECT_EQ(summary["by_family"]["monitor"]["tables"], 1);
  EXPECT_EQ(summary["columns_covered"], 1);

  const auto gaps = routes_.call("GET /api/coverage/{catalog}/gaps", request()).body();
  ASSERT_EQ(gaps["total"], 2) << gaps.dump();
  EXPECT_EQ(gaps["gaps"][0]["table_fqn"], "shop.hr.people");
  EXPECT_EQ(gaps["gaps"][0]["signals"]["reads_30d"], 12);
  EXPECT_EQ(gaps["gaps"][0]["signals"]["downstream_tables"], 5);
  EXPECT_EQ(gaps["gaps"][0]["signals"]["certified"], nullptr) << "tags unread";
  EXPECT_EQ(gaps["gaps"][1]["table_fqn"], "shop.hr.notes");
  EXPECT_EQ(routes_.call("GET /api/coverage/{catalog}/gaps", request({{"limit", 1}}))
                .body()["gaps"]
                .size(),
            1u);
  EXPECT_EQ(
      routes_.call("GET /api/coverage/{catalog}", request({{"schema", "hr"}})).body()["total"], 2);
}

TEST_F(CoverageRoutesTest, AnUnknownSchemaIs404) {
  EXPECT_EQ(
      routes_.call("POST /api/coverage/{catalog}/compute", request({{"schema_filter", "nope"}}))
          .status(),
      404);
  EXPECT_EQ(routes_.call("GET /api/data-quality/coverage/{catalog}", request({{"schema", "nope"}}))
                .status(),
            404);
}

}  // namespace
}  // namespace clxs::observability
