#include "plugins/analysis/catalog_validation.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs::analysis {
namespace {

// A table with one column, so validation has something to compare.
TableInfo oneColumnTable(const std::string& catalog, const std::string& schema,
                         const std::string& name, const std::string& type = "MANAGED") {
  TableInfo t = testing::makeTable(catalog, schema, name, type);
  t.columns = {{"id", "BIGINT", true, ""}};
  return t;
}

ResultSet count(std::int64_t n) {
  ResultSet r;
  r.columns = {{"row_count", "BIGINT"}};
  r.rows = {{n}};
  return r;
}

class CatalogValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Source: sales.{orders, refunds, v_orders (view)}, hr.people, default.scratch,
    // archive.old (schema missing on the destination).
    for (const auto& [schema, name, type, n] :
         std::vector<std::tuple<std::string, std::string, std::string, int>>{
             {"sales", "orders", "MANAGED", 10},
             {"sales", "refunds", "EXTERNAL", 3},
             {"sales", "v_orders", "VIEW", 0},
             {"hr", "people", "MANAGED", 7},
             {"default", "scratch", "MANAGED", 1},
             {"archive", "old", "MANAGED", 2}}) {
      ws.addTable(oneColumnTable("src", schema, name, type));
      ws.onSql(rowCountSql("src", schema, name), count(n));
    }
    // Destination: orders equal, refunds differs, people missing, an extra table.
    ws.addTable(oneColumnTable("dst", "sales", "orders"));
    ws.onSql(rowCountSql("dst", "sales", "orders"), count(10));
    ws.addTable(oneColumnTable("dst", "sales", "refunds", "EXTERNAL"));
    ws.onSql(rowCountSql("dst", "sales", "refunds"), count(2));
    ws.addTable(oneColumnTable("dst", "sales", "v_orders", "VIEW"));
    ws.addTable(oneColumnTable("dst", "hr", "someone_else"));
  }

  testing::MemoryWorkspace ws{"me"};
};

TEST_F(CatalogValidationTest, ComparesEverySourceTableAndReportsMissingOnesAsErrors) {
  ValidationOptions options;
  std::vector<std::string> progress;
  options.onProgress = [&](std::size_t done, std::size_t total, const std::string& current) {
    EXPECT_EQ(total, 4U);
    EXPECT_EQ(done, progress.size() + 1);
    progress.push_back(current);
  };
  const Json s = validateCatalog(ws, "src", ws, "dst", options, CallOptions{});
  EXPECT_EQ(s["total_tables"], 4);
  EXPECT_EQ(s["matched"], 1);
  EXPECT_EQ(s["mismatched"], 1);
  EXPECT_EQ(s["errors"], 2);
  EXPECT_EQ(s["checksum_mismatches"], 0);
  ASSERT_EQ(s["details"].size(), 4U) << s.dump(2);
  // Sorted by schema, then table.
  EXPECT_EQ(s["details"][0]["schema"], "archive");
  EXPECT_NE(s["details"][0]["error"].get<std::string>().find("schema `dst`.`archive`"),
            std::string::npos);
  EXPECT_EQ(s["details"][1]["table"], "people");
  EXPECT_EQ(s["details"][1]["error"],
            "Table `dst`.`hr`.`people` does not exist in the destination.");
  EXPECT_EQ(s["details"][2]["table"], "orders");
  EXPECT_EQ(s["details"][2]["match"], true);
  EXPECT_EQ(s["details"][3]["table"], "refunds");
  EXPECT_EQ(s["details"][3]["source_count"], 3);
  EXPECT_EQ(s["details"][3]["dest_count"], 2);
  ASSERT_EQ(s["mismatched_tables"].size(), 1U);
  EXPECT_EQ(s["mismatched_tables"][0]["table"], "refunds");
  EXPECT_EQ(progress.size(), 4U);
}

TEST_F(CatalogValidationTest, ExcludedSchemasAreSkippedAndInformationSchemaAlways) {
  ws.addTable(oneColumnTable("src", "information_schema", "tables"));
  ValidationOptions options;
  options.excludeSchemas = {"archive", "hr"};
  options.maxWorkers = 1;
  Json s = validateCatalog(ws, "src", ws, "dst", options, CallOptions{});
  EXPECT_EQ(s["total_tables"], 3);  // sales.orders, sales.refunds and default.scratch
  options.excludeSchemas = {};
  s = validateCatalog(ws, "src", ws, "dst", options, CallOptions{});
  EXPECT_EQ(s["total_tables"], 5);  // information_schema never counts
}

TEST_F(CatalogValidationTest, UnknownCatalogsAreNotFoundNamingTheirRole) {
  try {
    validateCatalog(ws, "nope", ws, "dst", ValidationOptions{}, CallOptions{});
    FAIL();
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_STREQ(e.what(), "Source catalog `nope` not found.");
  }
  try {
    validateCatalog(ws, "src", ws, "gone", ValidationOptions{}, CallOptions{});
    FAIL();
  } catch (const WorkspaceError& e) {
    EXPECT_STREQ(e.what(), "Destination catalog `gone` not found.");
  }
}

TEST(Summarize, CountsLikeTheOriginal) {
  TableComparison ok;
  ok.match = true;
  TableComparison checksum;
  checksum.checksumMatch = false;
  TableComparison broken;
  broken.error = "x";
  const Json s = summarize({ok, checksum, broken});
  EXPECT_EQ(s["total_tables"], 3);
  EXPECT_EQ(s["matched"], 1);
  EXPECT_EQ(s["mismatched"], 1);
  EXPECT_EQ(s["errors"], 1);
  EXPECT_EQ(s["checksum_mismatches"], 1);
  EXPECT_EQ(s["mismatched_tables"].size(), 1U);
  EXPECT_EQ(summarize({})["total_tables"], 0);
}

TEST(EvaluateThreshold, FailuresAreMismatchesPlusErrorsAndTheThresholdItselfPasses) {
  const Json s{{"total_tables", 8}, {"mismatched", 1}, {"errors", 1}, {"checksum_mismatches", 1}};
  Json r = evaluateThreshold(s, 25.0);
  EXPECT_EQ(r["passed"], true);
  EXPECT_DOUBLE_EQ(r["mismatch_pct"].get<double>(), 25.0);
  EXPECT_EQ(r["mismatched_count"], 2);
  EXPECT_EQ(r["failed_checks"].size(), 3U);
  EXPECT_EQ(evaluateThreshold(s, 24.99)["passed"], false);
  r = evaluateThreshold(Json{{"total_tables", 3}, {"mismatched", 1}}, 0);
  EXPECT_DOUBLE_EQ(r["mismatch_pct"].get<double>(), 33.33);
  EXPECT_EQ(evaluateThreshold(Json{{"total_tables", 0}}, 0)["passed"], true);
}

}  // namespace
}  // namespace clxs::analysis
