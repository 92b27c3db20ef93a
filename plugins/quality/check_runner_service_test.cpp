#include "plugins/quality/check_runner_service.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"

namespace clxs::quality {
namespace {

TEST(CheckRunnerService, SpecsBecomeValidatedChecksWithTheirNames) {
  const auto checks = checksOfSpecs(
      "c.s.t", {{"", "is_not_null", Json{{"column", "`id`"}}, "error", ""},
                {"dup", "is_unique", Json{{"columns", Json::array({"`id`"})}}, "warn", "id > 0"}});
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_FALSE(checks[0].name.empty());
  EXPECT_EQ(checks[0].tableFqn, "c.s.t");
  EXPECT_EQ(checks[1].name, "dup");
  EXPECT_EQ(checks[1].criticality, Criticality::Warn);
  EXPECT_EQ(checks[1].filter, "id > 0");
}

TEST(CheckRunnerService, BadSpecsAre422AtTheirIndexAndBadNames400) {
  try {
    checksOfSpecs("c.s.t", {{"a", "is_not_null", Json{{"column", "x"}}, "error", ""},
                            {"b", "no_such_function", Json::object(), "error", ""}});
    FAIL() << "accepted an unknown function";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.detail()[0]["loc"][0], "checks");
    EXPECT_EQ(e.detail()[0]["loc"][1], 1);
    EXPECT_NE(std::string(e.what()).find("'b'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(checksOfSpecs("c.s.t", {{"a", "is_not_null", Json{{"column", "x"}}, "fatal", ""}}),
               HttpError);
  try {
    checksOfSpecs("only_two.parts", {});
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 400);
  }
}

TEST(CheckRunnerService, ValueQueriesJoinTheScanAsScalarSubqueries) {
  const auto checks = checksOfSpecs("c.s.t", {{"", "is_not_null", Json{{"column", "x"}}, "", ""}});
  const auto sql =
      checkRunSql("c.s.t", checks, {{"neg", "SELECT count(*) FROM {{ input_view }} WHERE x < 0"}});
  EXPECT_NE(sql.find("(SELECT count(*) FROM (SELECT * FROM `c`.`s`.`t`) WHERE x < 0) AS __v0"),
            std::string::npos)
      << sql;
  EXPECT_EQ(checkRunSql("c.s.t", checks, {}).find("__v0"), std::string::npos);
  try {
    checkRunSql("c.s.t", checks, {{"bad", "DELETE FROM {{ input_view }}"}});
    FAIL() << "accepted a DELETE";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 400);
  }
}

}  // namespace
}  // namespace clxs::quality
