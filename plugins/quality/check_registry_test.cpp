#include "plugins/quality/check_registry.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"

namespace clxs::quality {
namespace {

Check make(std::string function, Json arguments, std::string filter = "") {
  Check c;
  c.tableFqn = "main.sales.orders";
  c.function = std::move(function);
  c.arguments = std::move(arguments);
  c.filter = std::move(filter);
  return c;
}

int statusOf(Check c) {
  try {
    validateCheck(c);
  } catch (const HttpError& e) {
    return e.status();
  }
  return 200;
}

Json locOf(Check c) {
  try {
    validateCheck(c);
  } catch (const HttpError& e) {
    return e.detail()[0]["loc"];
  }
  return nullptr;
}

TEST(CheckRegistry, TheCatalogListsEveryCompiledFunctionWithItsArguments) {
  const Json catalog = functionCatalog();
  ASSERT_EQ(catalog.size(), checkFunctions().size());
  bool sawUnique = false;
  for (const auto& f : catalog) {
    ASSERT_NE(findCheckFunction(f["name"].get<std::string>()), nullptr);
    EXPECT_TRUE(f["level"] == "row" || f["level"] == "dataset");
    if (f["name"] == "is_unique") {
      sawUnique = true;
      EXPECT_EQ(f["level"], "dataset");
      EXPECT_EQ(f["args"]["columns"], "list[column]");
      EXPECT_EQ(f["args"]["nulls_distinct"], "bool?");
    }
  }
  EXPECT_TRUE(sawUnique);
  EXPECT_EQ(findCheckFunction("no_such_function"), nullptr);
}

TEST(CheckRegistry, ArgumentsAreCheckedAgainstTheFunction) {
  EXPECT_EQ(statusOf(make("is_not_null", Json{{"column", "id"}})), 200);
  EXPECT_EQ(statusOf(make("no_such_function", Json{{"column", "id"}})), 422);
  EXPECT_EQ(locOf(make("no_such_function", Json::object())), Json::array({"body", "check_type"}));
  EXPECT_EQ(statusOf(make("is_not_null", Json::object())), 422);
  EXPECT_EQ(locOf(make("is_not_null", Json::object())),
            Json::array({"body", "arguments", "column"}));
  EXPECT_EQ(locOf(make("is_not_null", Json{{"column", "id"}, {"colour", "red"}})),
            Json::array({"body", "arguments", "colour"}));
  EXPECT_EQ(locOf(make("is_in_list", Json{{"column", "s"}, {"allowed", "a"}})),
            Json::array({"body", "arguments", "allowed"}));
  EXPECT_EQ(statusOf(make("is_in_list", Json{{"column", "s"}, {"allowed", Json::array()}})), 422);
  EXPECT_EQ(statusOf(make("is_older_than_n_days", Json{{"column", "d"}, {"days", 1.5}})), 422);
  EXPECT_EQ(statusOf(make("is_unique", Json{{"columns", Json::array({"a", ""})}})), 422);
}

TEST(CheckRegistry, SqlThatIsNotOneExpressionIsRefusedBeforeAnythingRuns) {
  EXPECT_EQ(statusOf(make("sql_expression", Json{{"expression", "a > 0"}})), 200);
  EXPECT_EQ(statusOf(make("sql_expression", Json{{"expression", "1; DROP TABLE t"}})), 400);
  EXPECT_EQ(statusOf(make("sql_expression", Json{{"expression", "a > 0 FROM t"}})), 400);
  EXPECT_EQ(statusOf(make("is_not_null", Json{{"column", "id"}}, "x = 1; DELETE FROM t")), 400);
  EXPECT_EQ(statusOf(make("is_not_less_than", Json{{"column", "a"}, {"limit", "b) OR (1"}})), 400);
  EXPECT_EQ(statusOf(make("foreign_key", Json{{"columns", Json::array({"a"})},
                                              {"ref_columns", Json::array({"b"})},
                                              {"ref_table", "main.x"}})),
            400);
}

TEST(CheckRegistry, NamesAreDqxsWhenNotGiven) {
  Check c = make("is_not_null", Json{{"column", "Customer ID"}});
  validateCheck(c);
  EXPECT_EQ(c.name, "customer_id_is_null");
  Check r = make("is_in_range", Json{{"column", "age"}, {"min_limit", 0}, {"max_limit", 120}});
  validateCheck(r);
  EXPECT_EQ(r.name, "age_not_in_range");
  Check u = make("is_unique", Json{{"columns", Json::array({"a", "b"})}});
  validateCheck(u);
  EXPECT_EQ(u.name, "a_b_is_not_unique");
  Check g = make("is_aggr_not_greater_than",
                 Json{{"column", "*"}, {"limit", 10}, {"group_by", Json::array({"region"})}});
  validateCheck(g);
  EXPECT_EQ(g.name, "count_group_by_region_greater_than_limit");
  Check named = make("is_not_null", Json{{"column", "id"}});
  named.name = "mine";
  validateCheck(named);
  EXPECT_EQ(named.name, "mine");
  EXPECT_EQ(normalizeName("  Hello, World!! "), "hello_world");
}

TEST(CheckRegistry, NamesReachSqlQuotedAndValuesAsLiterals) {
  EXPECT_THROW(columnSql(Json("a`b")), HttpError) << "a name with a backtick is quoted: `a``b`";
  EXPECT_EQ(columnSql(Json("`a``b`")), "`a``b`");
  EXPECT_EQ(columnSql(Json("lower(email)")), "(lower(email))");
  EXPECT_EQ(columnSql(Json("s.city")), "`s`.`city`");
  EXPECT_EQ(columnSql(Json("`weird; name`")), "`weird; name`");
  const auto in = compileCheck(
      make("is_in_list", Json{{"column", "status"}, {"allowed", Json::array({"it's", 3, "'x'"})}}),
      0);
  EXPECT_EQ(in.failWhen, "NOT (`status` IN ('it\\'s', 3, 'x'))");
  const auto range = compileCheck(
      make("is_in_range",
           Json{{"column", "d"}, {"min_limit", "2024-01-01"}, {"max_limit", "other_col"}}),
      0);
  EXPECT_EQ(range.failWhen, "(`d` < DATE '2024-01-01' OR `d` > `other_col`)");
}

}  // namespace
}  // namespace clxs::quality
