#include "kernel/workspace/local/functions/spark_conv.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <string>

namespace clxs::kernel::spark_conv {
namespace {

// Compares through value_or so a failure prints the string (or the marker for NULL).
std::string conv(std::string_view number, int fromBase, int toBase, bool ansi = true) {
  return convert(number, fromBase, toBase, ansi).value_or("<NULL>");
}

TEST(SparkConv, MatchesTheDocumentedExamples) {
  EXPECT_EQ(conv("100", 2, 10), "4");
  EXPECT_EQ(conv("-10", 16, -10), "-16");
  EXPECT_EQ(conv("-10", 16, 10), "18446744073709551600");
  EXPECT_EQ(conv("-1", 10, 10), "18446744073709551615");
  EXPECT_EQ(conv("-1", 10, 16), "FFFFFFFFFFFFFFFF");
  EXPECT_EQ(conv("FFFFFFFFFFFFFFFF", 16, 10), "18446744073709551615");
  EXPECT_EQ(conv("FFFFFFFFFFFFFFFF", 16, -10), "-1");
  EXPECT_EQ(conv("ff", 16, 10), "255");
}

// Spark's NumberConverterSuite and MathExpressionsSuite cases.
TEST(SparkConv, MatchesSparksOwnTests) {
  EXPECT_EQ(conv("3", 10, 2), "11");
  EXPECT_EQ(conv("-15", 10, -16), "-F");
  EXPECT_EQ(conv("-15", 10, 16), "FFFFFFFFFFFFFFF1");
  EXPECT_EQ(conv("big", 36, 16), "3A48");
  EXPECT_EQ(conv("11abc", 10, 16), "B");
  EXPECT_EQ(conv("-10", 11, 7), "45012021522523134134555");
  // The longest result: 64 binary digits and a sign.
  EXPECT_EQ(conv("-9223372036854775808", 10, -2), "-1" + std::string(63, '0'));
  EXPECT_EQ(conv("8" + std::string(15, '0'), 16, -2), "-1" + std::string(63, '0'));
}

TEST(SparkConv, ReadsLettersInEitherCaseAndWritesUpperCase) {
  EXPECT_EQ(conv("FF", 16, 10), "255");
  EXPECT_EQ(conv("fF", 16, 10), "255");
  EXPECT_EQ(conv("255", 10, 16), "FF");
  EXPECT_EQ(conv("zz", 36, 10), "1295");
  EXPECT_EQ(conv("1295", 10, 36), "ZZ");
  EXPECT_EQ(conv("0", 10, 2), "0");
}

TEST(SparkConv, AnOutOfRangeBaseIsNull) {
  EXPECT_FALSE(convert("10", 1, 10));
  EXPECT_FALSE(convert("10", 37, 10));
  EXPECT_FALSE(convert("10", -10, 10));  // only to_base may be negative
  EXPECT_FALSE(convert("10", 10, 1));
  EXPECT_FALSE(convert("10", 10, 0));
  EXPECT_FALSE(convert("10", 10, -1));
  EXPECT_FALSE(convert("10", 10, 37));
  EXPECT_FALSE(convert("10", 10, -37));
  EXPECT_FALSE(convert("10", 10, INT_MIN));
  EXPECT_EQ(conv("10", 10, -36), "A");
  EXPECT_EQ(conv("10", 36, 2), "100100");
}

TEST(SparkConv, TrimsSpacesOnlyAndAnEmptyNumberIsNull) {
  EXPECT_EQ(conv("  11  ", 10, 16), "B");
  EXPECT_FALSE(convert("", 10, 16));
  EXPECT_FALSE(convert("   ", 10, 16));
  // A tab is not trimmed: it is an invalid character, which ends the number at once.
  EXPECT_EQ(conv("\t11", 10, 16), "0");
  EXPECT_EQ(conv("1 1", 10, 16), "1");
}

TEST(SparkConv, AnInvalidCharacterEndsTheNumber) {
  EXPECT_EQ(conv("12", 2, 10), "1");
  EXPECT_EQ(conv("g", 16, 10), "0");
  EXPECT_EQ(conv("+1", 10, 10), "0");
  EXPECT_EQ(conv("1.5", 10, 10), "1");
  EXPECT_EQ(conv("--1", 10, 10), "0");
  EXPECT_EQ(conv("1\xc3\xa9", 10, 10), "1");
  // SPARK-36229: long runs of invalid characters, before and after digits.
  EXPECT_EQ(conv(std::string(64, '?'), 10, 10), "0");
  EXPECT_EQ(conv(std::string(65, '?'), 10, 10), "0");
  EXPECT_EQ(conv("aaaa" + std::string(60, '?'), 16, 10), "43690");
  EXPECT_EQ(conv("aaaa" + std::string(61, '?'), 16, 10), "43690");
  // Leading zeros do not count towards any length limit.
  EXPECT_EQ(conv(std::string(100, '0') + "1", 10, 10), "1");
}

TEST(SparkConv, KeepsSparksSignQuirks) {
  // The input's '-' survives into a signed base even when the value is zero.
  EXPECT_EQ(conv("-0", 10, -10), "-0");
  EXPECT_EQ(conv("-", 10, -10), "-0");
  EXPECT_EQ(conv("-", 10, 10), "0");
  // A negative magnitude past 2^63 pins to 2^64 - 1 in an unsigned base (SPARK-44943 left it).
  EXPECT_EQ(conv("-9223372036854775809", 10, 10), "18446744073709551615");
  EXPECT_EQ(conv("-9223372036854775809", 10, -10), "-9223372036854775807");
  EXPECT_EQ(conv("9223372036854775808", 10, -10), "-9223372036854775808");
  EXPECT_EQ(conv("18446744073709551615", 10, -10), "-1");
}

TEST(SparkConv, DigitsPast64BitsAreAnOverflowInAnsiMode) {
  EXPECT_EQ(conv("18446744073709551615", 10, 10), "18446744073709551615");
  try {
    convert("18446744073709551616", 10, 10);
    ADD_FAILURE() << "expected ConvError";
  } catch (const ConvError& e) {
    EXPECT_STREQ(e.what(),
                 "[ARITHMETIC_OVERFLOW] Overflow in function conv(). If necessary set "
                 "\"ansi_mode\" to \"false\" to bypass this error. SQLSTATE: 22003");
  }
  EXPECT_THROW(convert("FFFFFFFFFFFFFFFFF", 16, 10), ConvError);
  EXPECT_THROW(convert("9223372036854775807", 36, 16), ConvError);
  EXPECT_THROW(convert("-18446744073709551616", 10, -10), ConvError);
  EXPECT_THROW(convert(std::string(65, '1'), 2, 10), ConvError);
  // Digits after an invalid character are never read, so they cannot overflow.
  EXPECT_EQ(conv("1x" + std::string(40, '9'), 10, 10), "1");
}

TEST(SparkConv, WithoutAnsiModeAnOverflowReadsAsAllOnes) {
  EXPECT_EQ(conv("9223372036854775807", 36, 16, false), "FFFFFFFFFFFFFFFF");
  EXPECT_EQ(conv("18446744073709551616", 10, 10, false), "18446744073709551615");
  EXPECT_EQ(conv("18446744073709551616", 10, -10, false), "-1");
  EXPECT_EQ(conv("-18446744073709551616", 10, 10, false), "18446744073709551615");
}

}  // namespace
}  // namespace clxs::kernel::spark_conv
