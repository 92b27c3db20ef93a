#include "plugins/analysis/analysis_drift_routes.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "clxs/testing/memory_workspace.hpp"
#include "plugins/analysis/table_comparison.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"

namespace clxs::analysis {
namespace {

// A configuration holding only what a test puts in it.
class FixedConfig final : public ConfigView {
 public:
  Json effective(const std::string& = {}) const override { return values; }
  Json values = Json::object();
};

const Field& field(const std::vector<std::pair<std::string, Field>>& fields,
                   const std::string& name) {
  for (const auto& [n, f] : fields) {
    if (n == name) return f;
  }
  throw std::out_of_range(name);
}

class AnalysisDriftRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // src.sales.orders (id BIGINT, note STRING); dst.sales.orders (id INT, added DATE);
    // src.tmp.t only; both have sales.same.
    add("src", "sales", "orders", {{"id", "BIGINT", true, ""}, {"note", "STRING", true, ""}});
    add("dst", "sales", "orders", {{"id", "INT", true, ""}, {"added", "DATE", true, ""}});
    add("src", "sales", "same", {{"x", "INT", true, ""}});
    add("dst", "sales", "same", {{"x", "INT", true, ""}});
    add("src", "tmp", "t", {{"x", "INT", true, ""}});
    ws->onSql([](std::string_view statement) {
      ResultSet r;
      r.columns = {{"row_count", "BIGINT"}};
      r.rows = {{statement.find("`src`") != std::string_view::npos ? 4 : 3}};
      return r;
    });
    registerDriftRoutes(routes, clock, config);
  }

  void add(const std::string& catalog, const std::string& schema, const std::string& name,
           std::vector<ColumnInfo> columns) {
    TableInfo t;
    t.catalog = catalog;
    t.schema = schema;
    t.name = name;
    t.tableType = "MANAGED";
    t.columns = std::move(columns);
    ws->addTable(std::move(t));
  }

  RequestParts request(Json body, Json query = Json::object()) {
    RequestParts p;
    p.method = Method::Post;
    p.body = std::move(body);
    p.query = std::move(query);
    p.credentials = Credentials{};
    auto w = ws;
    p.workspaceResolver = [w](const Credentials&) { return w; };
    return p;
  }

  Response call(const std::string& key, const Json& body) {
    return routes.call(key, request(body));
  }

  Response monitor(Json query) {
    query.emplace("check_drift", true);
    query.emplace("check_counts", false);
    return routes.call("POST /api/monitor", request(nullptr, std::move(query)));
  }

  std::shared_ptr<clxs::testing::MemoryWorkspace> ws =
      std::make_shared<clxs::testing::MemoryWorkspace>("me");
  testing::ManualClock clock;
  FixedConfig config;
  testing::CaptureRoutes routes;
  const Json pair{{"source_catalog", "src"}, {"destination_catalog", "dst"}};
};

TEST_F(AnalysisDriftRoutesTest, RegistersFourRoutesWithTheirModels) {
  for (const char* key : {"POST /api/compare", "POST /api/schema-drift", "POST /api/diff-detail",
                          "POST /api/monitor"}) {
    EXPECT_TRUE(routes.has(key)) << key;
    EXPECT_FALSE(routes.spec(key).description.empty()) << key;
  }
  EXPECT_EQ(routes.spec("POST /api/compare").body->name(), "CompareRequest");
  EXPECT_EQ(routes.spec("POST /api/schema-drift").body->name(), "SchemaDriftRequest");
  EXPECT_EQ(routes.spec("POST /api/diff-detail").body->name(), "DiffDetailRequest");
  // The spec's query parameters, or the same fields as a body (the original UI's form).
  EXPECT_EQ(routes.spec("POST /api/monitor").body->name(), "MonitorRequest");
  const auto& q = routes.spec("POST /api/monitor").query;
  EXPECT_TRUE(field(q, "destination_catalog").isIdentifier());
  EXPECT_FALSE(field(q, "warehouse_id").isRequired());
}

TEST_F(AnalysisDriftRoutesTest, MonitorTakesAJsonBodyAsTheOriginalUiSendsIt) {
  Response r = routes.call("POST /api/monitor", request(Json{{"source_catalog", "src"},
                                                             {"destination_catalog", "dst"},
                                                             {"check_drift", true},
                                                             {"check_counts", false}},
                                                        Json::object()));
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["status"], "drift_detected");
  EXPECT_EQ(r.body()["total_tables"], 3);
  EXPECT_EQ(r.body()["matched_tables"], 2);  // tmp.t is missing
  ASSERT_EQ(r.body()["drifted_tables"].size(), 1U);
  EXPECT_EQ(r.body()["drifted_tables"][0]["table"], "sales.orders");
  EXPECT_FALSE(r.body()["drifted_tables"][0]["reason"].get<std::string>().empty());
  EXPECT_TRUE(r.body()["count_mismatches"].is_null()) << "check_counts false in the body";
  r = routes.call("POST /api/monitor", request(Json::object(), Json::object()));
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], Json::array({"body", "source_catalog"}));
  EXPECT_EQ(r.body()["detail"][1]["loc"], Json::array({"body", "destination_catalog"}));
}

TEST_F(AnalysisDriftRoutesTest, CompareAnswersPerTableColumnsAndTotals) {
  const Response r = call("POST /api/compare", pair);
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  const Json& b = r.body();
  EXPECT_EQ(b["source_catalog"], "src");
  EXPECT_EQ(b["destination_catalog"], "dst");
  EXPECT_TRUE(b["duration_seconds"].is_number());
  ASSERT_EQ(b["tables"].size(), 2U);
  EXPECT_EQ(b["tables"][0]["table_fqn"], "sales.orders");
  EXPECT_EQ(b["tables"][0]["type_changes"][0]["dest_type"], "INT");
  EXPECT_EQ(b["missing_tables"], Json::array({"tmp.t"}));
  EXPECT_EQ(b["summary"]["tables_with_differences"], 1);
  // exclude_schemas narrows the comparison.
  Json narrowed = pair;
  narrowed["exclude_schemas"] = {"tmp"};
  EXPECT_EQ(call("POST /api/compare", narrowed).body()["missing_tables"], Json::array());
}

TEST_F(AnalysisDriftRoutesTest, SchemaDriftAnswersAddedRemovedModified) {
  const Response r = call("POST /api/schema-drift", pair);
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["summary"]["added_columns"], 1);
  EXPECT_EQ(r.body()["summary"]["removed_columns"], 1);
  EXPECT_EQ(r.body()["summary"]["modified_columns"], 1);
  EXPECT_EQ(r.body()["tables"][0]["added_columns"][0]["column"], "added");
}

TEST_F(AnalysisDriftRoutesTest, DiffDetailAnswersObjectsAndDrift) {
  const Response r = call("POST /api/diff-detail", pair);
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["schemas"]["missing"], Json::array({"tmp"}));
  EXPECT_EQ(r.body()["tables"]["matching"], Json::array({"sales.orders", "sales.same"}));
  ASSERT_EQ(r.body()["drift"].size(), 1U);
  EXPECT_EQ(r.body()["drift"][0]["removed_columns"], Json::array({"note"}));
  EXPECT_EQ(r.body()["summary"]["total_matching_tables"], 2);
  EXPECT_EQ(r.body()["in_sync"], false);
}

TEST_F(AnalysisDriftRoutesTest, MonitorReadsTheQueryAndTheConfiguredExclusions) {
  Response r = monitor(
      Json{{"source_catalog", "src"}, {"destination_catalog", "dst"}, {"check_counts", true}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["status"], "drift_detected");
  EXPECT_EQ(r.body()["checked_at"], "2027-01-15T08:00:00.000Z");
  EXPECT_EQ(r.body()["missing_schemas"], Json::array({"tmp"}));
  EXPECT_EQ(r.body()["drift"]["tables_with_drift"], 1);
  EXPECT_EQ(r.body()["count_mismatches"].size(), 2U);
  EXPECT_TRUE(r.body()["duration_seconds"].is_number());

  config.values = Json{{"exclude_schemas", {"tmp"}}};
  r = monitor(
      Json{{"source_catalog", "src"}, {"destination_catalog", "dst"}, {"check_drift", false}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["missing_schemas"], Json::array());
  EXPECT_TRUE(r.body()["drift"].is_null());
  EXPECT_EQ(r.body()["status"], "in_sync");
}

TEST_F(AnalysisDriftRoutesTest, UnknownCatalogsAre404AndTheSameCatalogTwiceIs422) {
  for (const char* key : {"POST /api/compare", "POST /api/schema-drift", "POST /api/diff-detail"}) {
    Response r = call(key, Json{{"source_catalog", "src"}, {"destination_catalog", "nope"}});
    EXPECT_EQ(r.status(), 404) << key;
    EXPECT_EQ(r.body()["detail"], "Destination catalog `nope` not found.");
    r = call(key, Json{{"source_catalog", "gone"}, {"destination_catalog", "dst"}});
    EXPECT_EQ(r.body()["detail"], "Source catalog `gone` not found.") << key;
    r = call(key, Json{{"source_catalog", "SRC"}, {"destination_catalog", "src"}});
    EXPECT_EQ(r.status(), 422) << key;
    EXPECT_EQ(r.body()["detail"][0]["loc"], Json::array({"body", "destination_catalog"}));
  }
  Response r = monitor(Json{{"source_catalog", "src"}, {"destination_catalog", "nope"}});
  EXPECT_EQ(r.status(), 404);
  EXPECT_EQ(r.body()["detail"], "Destination catalog `nope` not found.");
  r = monitor(Json{{"source_catalog", "dst"}, {"destination_catalog", "Dst"}});
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], Json::array({"query", "destination_catalog"}));
}

}  // namespace
}  // namespace clxs::analysis
