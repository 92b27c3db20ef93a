#include "plugins/clone/clone_options.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"

namespace clxs::clone {
namespace {

Json body(Json extra = Json::object()) {
  Json b{{"source_catalog", "prod"}, {"destination_catalog", "dev"}};
  for (const auto& [k, v] : extra.items()) b[k] = v;
  return b;
}

int statusOf(const Json& b) {
  try {
    parseCloneOptions(b);
  } catch (const HttpError& e) {
    return e.status();
  }
  return 200;
}

TEST(CloneOptions, DefaultsFollowTheSpec) {
  const auto o = parseCloneOptions(body());
  EXPECT_EQ(o.cloneType, CloneType::Deep);
  EXPECT_EQ(o.loadType, LoadType::Full);
  EXPECT_EQ(o.maxWorkers, 4);
  EXPECT_EQ(o.parallelTables, 1);
  EXPECT_EQ(o.excludeSchemas, (std::vector<std::string>{"information_schema", "default"}));
  EXPECT_TRUE(o.copyPermissions);
  EXPECT_TRUE(o.enableRollback);
  EXPECT_FALSE(o.dryRun);
  EXPECT_EQ(o.targetFormat, "DELTA");
  EXPECT_DOUBLE_EQ(o.dqDriftRollbackPct, 5.0);
}

TEST(CloneOptions, RefusesWhatTheModelCannotExpress) {
  EXPECT_EQ(statusOf(body({{"destination_catalog", "PROD"}})), 422);
  EXPECT_EQ(statusOf(body({{"include_tables_regex", "(unclosed"}})), 422);
  EXPECT_EQ(statusOf(body({{"exclude_tables_regex", "a**"}})), 422);
  EXPECT_EQ(statusOf(body({{"as_of_version", 3}, {"as_of_timestamp", "2026-01-01"}})), 422);
  EXPECT_EQ(statusOf(body({{"where_clauses", {{"*", "1 = 1; DROP TABLE x"}}}})), 422);
  EXPECT_EQ(statusOf(body({{"where_clauses", {{"a.b.c", "x = 1"}}}})), 422);
  EXPECT_EQ(statusOf(body({{"where_clauses", {{"s.t", "  "}}}})), 422);
  EXPECT_EQ(statusOf(body({{"where_clauses", {{"s.t", 5}}}})), 422);
  EXPECT_EQ(statusOf(body({{"auto_mask_pii", true}})), 501);
  EXPECT_EQ(statusOf(body({{"target_workspace", {{"host", "h"}}}})), 501);
}

TEST(CloneOptions, ShallowClonesDropWhereClausesWithAWarning) {
  const auto o =
      parseCloneOptions(body({{"clone_type", "SHALLOW"}, {"where_clauses", {{"*", "x > 1"}}}}));
  EXPECT_TRUE(o.whereClauses.empty());
  ASSERT_EQ(o.warnings.size(), 1u);
  EXPECT_NE(o.warnings[0].find("where_clauses"), std::string::npos);
}

TEST(CloneOptions, ReadsEveryField) {
  const auto o = parseCloneOptions(
      body({{"clone_type", "SHALLOW"},
            {"as_of_version", 7},
            {"order_by_size", "desc"},
            {"include_objects", Json::array({{{"schema", "s"}, {"name", "t"}, {"type", "TABLE"}}})},
            {"clone_tbl_properties", {{"k", "v"}}},
            {"max_tables", 3},
            {"max_rps", 2.5}}));
  EXPECT_EQ(o.cloneType, CloneType::Shallow);
  EXPECT_EQ(o.asOfVersion, 7);
  EXPECT_EQ(o.orderBySize, SizeOrder::Descending);
  ASSERT_EQ(o.includeObjects.size(), 1u);
  EXPECT_EQ(o.includeObjects[0].type, "table");
  EXPECT_EQ(o.cloneTblProperties.at("k"), "v");
  EXPECT_EQ(o.maxTables, 3);
  EXPECT_DOUBLE_EQ(o.maxRps, 2.5);
  const auto j = toJson(o);
  EXPECT_EQ(j["clone_type"], "SHALLOW");
  EXPECT_EQ(j["as_of_version"], 7);
}

}  // namespace
}  // namespace clxs::clone
