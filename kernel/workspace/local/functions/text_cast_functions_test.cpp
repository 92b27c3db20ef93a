#include <gtest/gtest.h>

#include "kernel/workspace/local/engine/duckdb_engine.hpp"

namespace clxs::kernel {
namespace {

class TextCastFunctions : public ::testing::Test {
 protected:
  DuckDbEngine engine_;
  std::unique_ptr<DuckDbConnection> conn_ = engine_.connect();

  std::string text(const std::string& value) {
    const auto rs = conn_->query("SELECT clxs_spark_text(" + value + ")");
    return rs.rows.at(0).at(0).is_null() ? "NULL" : rs.rows[0][0].get<std::string>();
  }
};

TEST_F(TextCastFunctions, WritesValuesAsSparksCastToStringDoes) {
  EXPECT_EQ(text("1e10::DOUBLE"), "1.0E10");
  EXPECT_EQ(text("0.00001::DOUBLE"), "1.0E-5");
  EXPECT_EQ(text("1.1::FLOAT"), "1.1");
  EXPECT_EQ(text("'NaN'::DOUBLE"), "NaN");
  EXPECT_EQ(text("[1, NULL, 3]"), "[1, null, 3]");
  EXPECT_EQ(text("['a', 'b c']"), "[a, b c]");
  EXPECT_EQ(text("{'x': 1, 'y': 'a'}"), "{1, a}");
  EXPECT_EQ(text("MAP {1: 'a', 2: NULL}"), "{1 -> a, 2 -> null}");
  EXPECT_EQ(text("[[1.5::DOUBLE], []]"), "[[1.5], []]");
  EXPECT_EQ(text("[DATE '2020-01-02', NULL]"), "[2020-01-02, null]");
  EXPECT_EQ(text("[TIMESTAMP '2020-01-02 03:04:05.5']"), "[2020-01-02 03:04:05.5]");
  EXPECT_EQ(text("[1.50::DECIMAL(4,2)]"), "[1.50]");
  EXPECT_EQ(text("NULL::INTEGER[]"), "NULL");
}

}  // namespace
}  // namespace clxs::kernel
