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

}  // namespace
}  // namespace clxs::kernel
