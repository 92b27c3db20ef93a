#include "kernel/workspace/local/functions/java_text.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace clxs::kernel {
namespace {

TEST(JavaText, DoublesAsDoubleToString) {
  EXPECT_EQ(javaDoubleText(19.95), "19.95");
  EXPECT_EQ(javaDoubleText(100.0), "100.0");
  EXPECT_EQ(javaDoubleText(0.0), "0.0");
  EXPECT_EQ(javaDoubleText(-0.5), "-0.5");
  EXPECT_EQ(javaDoubleText(0.001), "0.001");
  EXPECT_EQ(javaDoubleText(1e20), "1.0E20");
  EXPECT_EQ(javaDoubleText(1.5e-5), "1.5E-5");
  EXPECT_EQ(javaDoubleText(1e7), "1.0E7");
  EXPECT_EQ(javaDoubleText(9999999.0), "9999999.0");
  EXPECT_EQ(javaDoubleText(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(javaDoubleText(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(JavaText, FloatsWithTheirOwnShortestDigits) {
  EXPECT_EQ(javaFloatText(1.1F), "1.1");
  EXPECT_EQ(javaFloatText(3.0e10F), "3.0E10");
}

}  // namespace
}  // namespace clxs::kernel
