#include "plugins/analysis/analysis_routes.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "clxs/testing/memory_workspace.hpp"
#include "plugins/analysis/table_comparison.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"

namespace clxs::analysis {
namespace {

const Field& field(const Model& m, const std::string& name) {
  for (const auto& [n, f] : m.fields()) {
    if (n == name) return f;
  }
  throw std::out_of_range(name);
}

class AnalysisRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* catalog : {"src", "dst"}) {
      TableInfo t;
      t.catalog = catalog;
      t.schema = "sales";
      t.name = "orders";
      t.tableType = "MANAGED";
      t.columns = {{"id", "BIGINT", true, ""}};
      ws->addTable(t);
      ResultSet r;
      r.rows = {{3}};
      ws->onSql(rowCountSql(catalog, "sales", "orders"), r);
    }
    registerAnalysisRoutes(routes, clock);
  }

  RequestParts post(Json body) {
    RequestParts p;
    p.method = Method::Post;
    p.body = std::move(body);
    p.credentials = Credentials{};
    auto w = ws;
    p.workspaceResolver = [w](const Credentials&) { return w; };
    return p;
  }

  std::shared_ptr<testing::MemoryWorkspace> ws = std::make_shared<testing::MemoryWorkspace>("me");
  testing::ManualClock clock;
  testing::CaptureRoutes routes;
};

TEST_F(AnalysisRoutesTest, ModelsDeclareEverySpecFieldWithItsDefault) {
  const Model& v = *routes.spec("POST /api/validate").body;
  EXPECT_EQ(v.name(), "ValidateRequest");
  EXPECT_TRUE(field(v, "source_catalog").isRequired());
  EXPECT_TRUE(field(v, "source_catalog").isIdentifier());
  EXPECT_TRUE(field(v, "destination_catalog").isRequired());
  EXPECT_FALSE(field(v, "warehouse_id").isRequired());
  EXPECT_EQ(field(v, "exclude_schemas").defaultValue(),
            Json::array({"information_schema", "default"}));
  EXPECT_EQ(field(v, "use_checksum").defaultValue(), false);
  EXPECT_EQ(field(v, "max_workers").defaultValue(), 4);
  EXPECT_EQ(field(v, "max_workers").minimum(), 1.0);
  EXPECT_EQ(field(v, "max_workers").maximum(), 64.0);
  const Model& d = *routes.spec("POST /api/diff").body;
  EXPECT_EQ(d.name(), "DiffRequest");
  EXPECT_EQ(d.fields().size(), 4U);
}

TEST_F(AnalysisRoutesTest, SameSourceAndDestinationIs422OnTheDestinationField) {
  for (const char* key : {"POST /api/diff", "POST /api/validate"}) {
    const Response r =
        routes.call(key, post(Json{{"source_catalog", "Prod"}, {"destination_catalog", "prod"}}));
    EXPECT_EQ(r.status(), 422) << key;
    EXPECT_EQ(r.body()["detail"][0]["loc"], Json::array({"body", "destination_catalog"}));
  }
}

TEST_F(AnalysisRoutesTest, UnknownCatalogIs404NamingIt) {
  const Response r = routes.call(
      "POST /api/validate", post(Json{{"source_catalog", "src"}, {"destination_catalog", "nope"}}));
  EXPECT_EQ(r.status(), 404);
  EXPECT_EQ(r.body()["detail"], "Destination catalog `nope` not found.");
}

TEST_F(AnalysisRoutesTest, ValidateAnswersTheSummaryWithDuration) {
  const Response r = routes.call(
      "POST /api/validate", post(Json{{"source_catalog", "src"}, {"destination_catalog", "dst"}}));
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["total_tables"], 1);
  EXPECT_EQ(r.body()["matched"], 1);
  EXPECT_EQ(r.body()["use_checksum"], false);
  EXPECT_EQ(r.body()["source_catalog"], "src");
  EXPECT_TRUE(r.body()["duration_seconds"].is_number());
}

TEST_F(AnalysisRoutesTest, DiffAnswersObjectLists) {
  const Response r = routes.call(
      "POST /api/diff", post(Json{{"source_catalog", "src"}, {"destination_catalog", "dst"}}));
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["matching_tables"], Json::array({"sales.orders"}));
  EXPECT_EQ(r.body()["missing_tables"], Json::array());
  EXPECT_EQ(r.body()["destination_catalog"], "dst");
}

}  // namespace
}  // namespace clxs::analysis
