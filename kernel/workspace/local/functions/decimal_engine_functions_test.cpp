#include <gtest/gtest.h>

#include "kernel/workspace/local/engine/duckdb_engine.hpp"

namespace clxs::kernel {
namespace {

class DecimalEngineFunctions : public ::testing::Test {
 protected:
  DuckDbEngine engine_;
  std::unique_ptr<DuckDbConnection> conn_ = engine_.connect();

  std::string value(const std::string& sql) {
    const auto rs = conn_->query(sql);
    return rs.rows.at(0).at(0).is_null() ? "NULL" : rs.rows[0][0].get<std::string>();
  }
};

TEST_F(DecimalEngineFunctions, DividesExactlyAndRoundsHalfUp) {
  EXPECT_EQ(value("SELECT clxs_spark_decimal_divide(2.0, 3, 7, 6)"), "0.666667");
  EXPECT_EQ(value("SELECT clxs_spark_decimal_divide(-2.0, 3, 7, 6)"), "-0.666667");
  EXPECT_EQ(value("SELECT clxs_spark_decimal_divide(1, -8, 4, 2)"), "-0.13");
  EXPECT_EQ(value("SELECT clxs_spark_decimal_divide(0.5, 1000000, 9, 8)"), "0.00000050");
  // 38 digits, shifted 38 places: far beyond 128 bits in between.
  EXPECT_EQ(value("SELECT clxs_spark_decimal_divide("
                  "12345678901234567890123456789012345678::DECIMAL(38,0), 7, 38, 0)"),
            "1763668414462081127160493827001763668");
  EXPECT_EQ(value("SELECT clxs_spark_decimal_divide(NULL::DECIMAL(4,2), 3, 7, 6)"), "NULL");
}

TEST_F(DecimalEngineFunctions, FailsWithSparksErrorsOnOverflowAndZero) {
  const auto error = [&](const std::string& sql) {
    try {
      (void)conn_->query(sql);
    } catch (const WorkspaceError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error("SELECT clxs_spark_decimal_divide(1000.0, 1, 3, 0)")
                .find("[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION] 1000 cannot be represented "
                      "as Decimal(3, 0)"),
            std::string::npos);
  EXPECT_NE(error("SELECT clxs_spark_decimal_divide(1.0, 0.0, 7, 6)").find("[DIVIDE_BY_ZERO]"),
            std::string::npos);
}

}  // namespace
}  // namespace clxs::kernel
