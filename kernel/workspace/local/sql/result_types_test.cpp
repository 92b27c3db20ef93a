#include "kernel/workspace/local/sql/result_types.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel {
namespace {

using K = ProbedType::Kind;

ProbedType dec(int p, int s) {
  return {K::Decimal, p, s};
}

TEST(SparkDecimalResult, FollowsSparksRulesAndBoundsAt38Digits) {
  using Op = DecimalOperation;
  EXPECT_EQ(sparkDecimalResult(Op::Multiply, dec(2, 1), dec(2, 1)), (DecimalType{5, 2}));
  EXPECT_EQ(sparkDecimalResult(Op::Divide, dec(2, 1), {K::Integral, 1, 0}), (DecimalType{7, 6}));
  EXPECT_EQ(sparkDecimalResult(Op::Divide, dec(10, 2), {K::Integral, 10, 0}),
            (DecimalType{21, 13}));
  // 87 digits wanted: the scale gives way, but not below 6.
  EXPECT_EQ(sparkDecimalResult(Op::Divide, dec(38, 10), dec(38, 10)), (DecimalType{38, 6}));
  EXPECT_EQ(sparkDecimalResult(Op::Multiply, dec(38, 20), dec(10, 10)), (DecimalType{38, 19}));
  EXPECT_EQ(sparkDecimalResult(Op::Sum, dec(5, 2)), (DecimalType{15, 2}));
  EXPECT_EQ(sparkDecimalResult(Op::Sum, dec(35, 2)), (DecimalType{38, 2}));
  EXPECT_EQ(sparkDecimalResult(Op::Average, dec(5, 2)), (DecimalType{9, 6}));
  // No decimal, or a DOUBLE in it: the engine's type stands.
  EXPECT_FALSE(sparkDecimalResult(Op::Multiply, {K::Integral, 10, 0}, {K::Integral, 10, 0}));
  EXPECT_FALSE(sparkDecimalResult(Op::Divide, dec(5, 2), {}));
  EXPECT_FALSE(sparkDecimalResult(Op::Divide, dec(2, 1), {K::SparkText, 0, 0}));  // a DOUBLE
  EXPECT_FALSE(sparkDecimalResult(Op::Multiply, {K::TimestampWithZone, 0, 0}, dec(2, 1)));
  EXPECT_FALSE(sparkDecimalResult(Op::Sum, {K::Integral, 20, 0}));
}

class WithSparkDecimalTypes : public ::testing::Test {
 protected:
  DuckDbEngine engine_;
  std::unique_ptr<DuckDbConnection> conn_ = engine_.connect();

  std::string value(const std::string& sql) {
    const auto rs = conn_->query(withSparkResultTypes(*conn_, sql));
    return rs.rows.at(0).at(0).is_string() ? rs.rows[0][0].get<std::string>()
                                           : rs.rows[0][0].dump();
  }
};

TEST_F(WithSparkDecimalTypes, LeavesStatementsWithoutDecimalArithmeticAsTheyAre) {
  for (const std::string sql :
       {"SELECT 1 / 2", "SELECT * FROM range(3)", "SELECT count(*) FROM range(3)",
        "SELECT sum(range) * 2 FROM range(3)", "SELECT 'a/b*c', 2.0::DOUBLE / 3",
        "SELECT nope / 1.5 FROM range(1)", "SELECT t.* FROM range(2) AS t",
        "SELECT 10.0 / (SELECT 2)"}) {
    EXPECT_EQ(withSparkResultTypes(*conn_, sql), sql) << sql;
  }
}

TEST_F(WithSparkDecimalTypes, WritesQuotientsProductsSumsAndAveragesInSparksTypes) {
  EXPECT_EQ(value("SELECT 1.0 / 3"), "0.333333");
  EXPECT_EQ(value("SELECT -1.0 / 6"), "-0.166667");
  EXPECT_EQ(value("SELECT typeof(2.5 * 1.5)"), "DECIMAL(5,2)");
  EXPECT_EQ(value("SELECT typeof(sum(x)) FROM (SELECT 1.25 AS x)"), "DECIMAL(13,2)");
  EXPECT_EQ(value("SELECT avg(x) FROM (VALUES (1.0), (2.0), (2.0)) AS t(x)"), "1.66667");
  // A quotient inside a quotient: the outer one sees the inner one's DECIMAL(7,6).
  EXPECT_EQ(value("SELECT (1.0 / 3) / 3"), "0.11111100");
  // The same text in the select list and GROUP BY stays one expression to the engine.
  EXPECT_EQ(value("SELECT x / 2 FROM (VALUES (1.0), (1.0)) AS t(x) GROUP BY x / 2"), "0.500000");
  // Comments and strings around the arithmetic are kept.
  EXPECT_EQ(value("SELECT /* a/b */ 'x*y' || (1.0 / 4) -- c/d"), "x*y0.250000");
}

TEST_F(WithSparkDecimalTypes, WritesTimestampsAsTextInTheSessionsWallClockTime) {
  conn_->setTimeZone("America/Los_Angeles");
  EXPECT_EQ(value("SELECT CAST(TIMESTAMPTZ '2020-01-01 09:55:10+00' AS VARCHAR)"),
            "2020-01-01 01:55:10");
  EXPECT_EQ(value("SELECT TRY_CAST(TIMESTAMPTZ '2020-01-01 09:55:10.5+00' AS VARCHAR)"),
            "2020-01-01 01:55:10.5");
  EXPECT_EQ(value("SELECT (TIMESTAMPTZ '2020-01-01 09:55:10+00')::VARCHAR"), "2020-01-01 01:55:10");
  // Other casts to text are left alone.
  for (const std::string sql :
       {"SELECT CAST(1 AS VARCHAR)", "SELECT CAST(DATE '2020-01-02' AS VARCHAR)",
        "SELECT 'x'::VARCHAR"}) {
    EXPECT_EQ(withSparkResultTypes(*conn_, sql), sql) << sql;
  }
}

TEST_F(WithSparkDecimalTypes, AStatementWrittenOnceIsAnsweredFromTheCache) {
  ResultTypeCache cache;
  const std::string sql = "SELECT 1.0 / 3";
  const auto first = withSparkResultTypes(*conn_, sql, &cache);
  EXPECT_NE(first, sql);
  EXPECT_EQ(cache.size(), 1U);
  // The cache answers without the engine: a closed-over engine that cannot bind would fail.
  cache.put("SELECT nope * 1.5", "SELECT 7", cache.generation());
  EXPECT_EQ(withSparkResultTypes(*conn_, "SELECT nope * 1.5", &cache), "SELECT 7");
  EXPECT_EQ(withSparkResultTypes(*conn_, sql, &cache), first);
  // A statement the engine cannot prepare is not kept: it may bind later.
  EXPECT_EQ(withSparkResultTypes(*conn_, "SELECT missing / 1.5", &cache), "SELECT missing / 1.5");
  EXPECT_EQ(cache.size(), 2U);
  // Statements with nothing to write never reach the cache.
  EXPECT_EQ(withSparkResultTypes(*conn_, "SELECT 1", &cache), "SELECT 1");
  EXPECT_EQ(cache.size(), 2U);
}

TEST(ResultTypeCache, DropsTheLeastRecentlyUsedAndTooLongStatements) {
  ResultTypeCache cache(2, 16);
  cache.put("a", "A", cache.generation());
  cache.put("b", "B", cache.generation());
  EXPECT_EQ(cache.find("a"), "A");  // a is now the most recent
  cache.put("c", "C", cache.generation());
  EXPECT_FALSE(cache.find("b"));
  EXPECT_EQ(cache.find("a"), "A");
  EXPECT_EQ(cache.find("c"), "C");
  cache.put(std::string(17, 'x'), "X", cache.generation());
  EXPECT_FALSE(cache.find(std::string(17, 'x')));
  EXPECT_EQ(cache.size(), 2U);
}

TEST(ResultTypeCache, ForgetsEverythingAndRefusesProbesFromBeforeAClear) {
  ResultTypeCache cache;
  const auto before = cache.generation();
  cache.put("a", "A", before);
  cache.clear();
  EXPECT_EQ(cache.size(), 0U);
  // A probe that began before the clear saw the old function: not kept.
  cache.put("b", "B", before);
  EXPECT_FALSE(cache.find("b"));
  cache.put("b", "B", cache.generation());
  EXPECT_EQ(cache.find("b"), "B");
}

}  // namespace
}  // namespace clxs::kernel
