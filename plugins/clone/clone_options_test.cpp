#include "plugins/clone/clone_options.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "clxs/error.hpp"
#include "plugins/clone/body_check.hpp"

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
}

TEST(CloneOptions, TheJobParametersAreTheRequestAsRun) {
  auto request = parseUnvalidated<CloneRequest>(body({{"clone_type", "shallow"},
                                                      {"as_of_version", 7},
                                                      {"where_clauses", {{"*", "x > 1"}}},
                                                      {"iceberg_physical", true}}));
  const auto options = cloneOptionsOf(request);
  EXPECT_EQ(options.warnings.size(), 2u);
  const Json params = CloneRequest::schema().toJson(request);
  EXPECT_EQ(params["source_catalog"], "prod");
  EXPECT_EQ(params["clone_type"], "SHALLOW") << "normalised as the route's validator does";
  EXPECT_EQ(params["as_of_version"], 7);
  EXPECT_EQ(params["where_clauses"], Json::object()) << "what the run ignores is not shown";
  EXPECT_EQ(params["iceberg_physical"], false);
  EXPECT_EQ(params["exclude_schemas"], (Json{"information_schema", "default"}));
  EXPECT_TRUE(params["order_by_size"].is_null());
  EXPECT_EQ(CloneRequest::schema().parse(params).catalogs.destination, "dev")
      << "the parameters parse back";
}

TEST(CloneOptions, TheModelDeclaresEveryFieldOnceWithItsDefault) {
  const Model& m = CloneRequest::schema().model();
  std::set<std::string> names;
  for (const auto& [name, field] : m.fields()) {
    EXPECT_TRUE(names.insert(name).second) << name << " declared twice";
  }
  const auto field = [&](const std::string& name) -> const Field& {
    for (const auto& [n, f] : m.fields()) {
      if (n == name) return f;
    }
    throw std::out_of_range(name);
  };
  EXPECT_TRUE(field("source_catalog").isRequired());
  EXPECT_TRUE(field("destination_catalog").isIdentifier());
  EXPECT_EQ(*field("clone_type").defaultValue(), "DEEP");
  EXPECT_EQ(*field("max_workers").defaultValue(), 4);
  EXPECT_EQ(*field("exclude_schemas").defaultValue(), (Json{"information_schema", "default"}));
  EXPECT_EQ(*field("dq_drift_rollback_pct").defaultValue(), 5.0);
  EXPECT_TRUE(field("as_of_version").isNullable());
  EXPECT_FALSE(field("as_of_version").defaultValue().has_value());
  EXPECT_EQ(field("include_objects").items().at(0).properties().size(), 3u);
  EXPECT_EQ(m.fields().back().first, "resume_job_id");
}

TEST(CloneOptions, ABodyOutsideARequestIsCheckedAsTheRouteChecksIt) {
  auto refusal = [](const Json& b) {
    try {
      (void)parseUnvalidated<CloneRequest>(b);
    } catch (const HttpError& e) {
      return e.detail()[0];
    }
    return Json();
  };
  EXPECT_EQ(refusal(body({{"max_workers", "four"}}))["msg"], "max_workers must be an integer");
  EXPECT_EQ(refusal(body({{"clone_type", "MEDIUM"}}))["msg"],
            "clone_type must be one of DEEP, SHALLOW");
  EXPECT_EQ(refusal(Json{{"destination_catalog", "dev"}})["loc"], (Json{"body", "source_catalog"}));
  EXPECT_EQ(refusal(Json{{"source_catalog", "dev"}})["loc"], (Json{"body", "destination_catalog"}));
  EXPECT_EQ(refusal(body({{"destination_catalog", "Prod"}}))["msg"],
            "destination_catalog must differ from source_catalog");
  EXPECT_TRUE(refusal(body({{"as_of_version", nullptr}, {"clone_type", nullptr}})).is_null())
      << "null is absent";
}

}  // namespace
}  // namespace clxs::clone
