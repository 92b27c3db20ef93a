#include "kernel/workspace/local/functions/json_schema_inference.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace clxs::kernel {
namespace {

std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']');
}

TEST(SparkSchemaOfJson, MatchesTheDocumentedExamples) {
  EXPECT_EQ(sparkSchemaOfJson(R"([{"col":0}])"), "ARRAY<STRUCT<col: BIGINT>>");
  EXPECT_EQ(sparkSchemaOfJson(R"({"a":1,"b":[1.5,2]})"), "STRUCT<a: BIGINT, b: ARRAY<DOUBLE>>");
}

TEST(SparkSchemaOfJson, InfersScalars) {
  EXPECT_EQ(sparkSchemaOfJson("1"), "BIGINT");
  EXPECT_EQ(sparkSchemaOfJson("-0"), "BIGINT");
  EXPECT_EQ(sparkSchemaOfJson("1.0"), "DOUBLE");
  EXPECT_EQ(sparkSchemaOfJson("1e3"), "DOUBLE");
  EXPECT_EQ(sparkSchemaOfJson("1E+400"), "DOUBLE");
  EXPECT_EQ(sparkSchemaOfJson(R"("x")"), "STRING");
  EXPECT_EQ(sparkSchemaOfJson("true"), "BOOLEAN");
  EXPECT_EQ(sparkSchemaOfJson("false"), "BOOLEAN");
  // NullType, and "" which Spark takes for null, are printed as STRING; so is no value at all.
  EXPECT_EQ(sparkSchemaOfJson("null"), "STRING");
  EXPECT_EQ(sparkSchemaOfJson(R"("")"), "STRING");
  EXPECT_EQ(sparkSchemaOfJson(""), "STRING");
  EXPECT_EQ(sparkSchemaOfJson(" \n\t"), "STRING");
}

TEST(SparkSchemaOfJson, IntegersPastBigintAreDecimalsUpTo38Digits) {
  EXPECT_EQ(sparkSchemaOfJson("9223372036854775807"), "BIGINT");
  EXPECT_EQ(sparkSchemaOfJson("-9223372036854775808"), "BIGINT");
  EXPECT_EQ(sparkSchemaOfJson("9223372036854775808"), "DECIMAL(19,0)");
  EXPECT_EQ(sparkSchemaOfJson("-9223372036854775809"), "DECIMAL(19,0)");
  EXPECT_EQ(sparkSchemaOfJson("18446744073709551616"), "DECIMAL(20,0)");
  EXPECT_EQ(sparkSchemaOfJson("1" + std::string(37, '0')), "DECIMAL(38,0)");
  EXPECT_EQ(sparkSchemaOfJson("1" + std::string(38, '0')), "DOUBLE");
}

TEST(SparkSchemaOfJson, SortsFieldsByNameAsJavaDoes) {
  EXPECT_EQ(sparkSchemaOfJson(R"({"b":1,"a":"x","C":true})"),
            "STRUCT<C: BOOLEAN, a: STRING, b: BIGINT>");
  EXPECT_EQ(sparkSchemaOfJson(R"({"ab":1,"a":2,"a_":3,"aB":4})"),
            "STRUCT<a: BIGINT, aB: BIGINT, a_: BIGINT, ab: BIGINT>");
  // By UTF-16 code units: a character beyond the BMP sorts before U+E000, unlike in UTF-8.
  EXPECT_EQ(sparkSchemaOfJson(R"({"\ue000":1,"\ud800\udc00":2})"),
            "STRUCT<`\xF0\x90\x80\x80`: BIGINT, `\xEE\x80\x80`: BIGINT>");
}

TEST(SparkSchemaOfJson, KeepsDuplicateNamesInDocumentOrder) {
  EXPECT_EQ(sparkSchemaOfJson(R"({"a":1,"a":"x"})"), "STRUCT<a: BIGINT, a: STRING>");
  EXPECT_EQ(sparkSchemaOfJson(R"([{"a":1,"a":"x"},{"a":2.5}])"),
            "ARRAY<STRUCT<a: DOUBLE, a: STRING>>");
}

TEST(SparkSchemaOfJson, BackquotesNamesThatAreNotPlainIdentifiers) {
  EXPECT_EQ(sparkSchemaOfJson(R"({"a b":1,"1a":2,"_x":3,"x`y":4,"ok_1":5,"select":6})"),
            "STRUCT<`1a`: BIGINT, _x: BIGINT, `a b`: BIGINT, ok_1: BIGINT, select: BIGINT, "
            "`x``y`: BIGINT>");
  EXPECT_EQ(sparkSchemaOfJson(R"({"\u00e9":1,"a.b":2})"),
            "STRUCT<`a.b`: BIGINT, `\xC3\xA9`: BIGINT>");
}

TEST(SparkSchemaOfJson, MergesArrayElementsAsSparkDoes) {
  EXPECT_EQ(sparkSchemaOfJson("[1, 2.5]"), "ARRAY<DOUBLE>");
  EXPECT_EQ(sparkSchemaOfJson("[2.5, 1]"), "ARRAY<DOUBLE>");
  EXPECT_EQ(sparkSchemaOfJson(R"([1, "a"])"), "ARRAY<STRING>");
  EXPECT_EQ(sparkSchemaOfJson("[1, true]"), "ARRAY<STRING>");
  EXPECT_EQ(sparkSchemaOfJson("[true, false]"), "ARRAY<BOOLEAN>");
  EXPECT_EQ(sparkSchemaOfJson("[null, 1]"), "ARRAY<BIGINT>");
  EXPECT_EQ(sparkSchemaOfJson(R"(["", 1])"), "ARRAY<BIGINT>");
  EXPECT_EQ(sparkSchemaOfJson("[]"), "ARRAY<STRING>");
  EXPECT_EQ(sparkSchemaOfJson("[null]"), "ARRAY<STRING>");
  EXPECT_EQ(sparkSchemaOfJson("[[1], [2.5]]"), "ARRAY<ARRAY<DOUBLE>>");
  EXPECT_EQ(sparkSchemaOfJson(R"([[1], ["a"]])"), "ARRAY<ARRAY<STRING>>");
  EXPECT_EQ(sparkSchemaOfJson("[[], [1]]"), "ARRAY<ARRAY<BIGINT>>");
  EXPECT_EQ(sparkSchemaOfJson("[[1], 2]"), "ARRAY<STRING>");
  EXPECT_EQ(sparkSchemaOfJson(R"([{"a":1}, [1]])"), "ARRAY<STRING>");
  EXPECT_EQ(sparkSchemaOfJson(R"([{"a":1}, 1])"), "ARRAY<STRING>");
}

TEST(SparkSchemaOfJson, MergesDecimalsAsSparkDoes) {
  // DECIMAL(19,0) cannot hold every BIGINT: both widen to DECIMAL(20,0).
  EXPECT_EQ(sparkSchemaOfJson("[1, 9223372036854775808]"), "ARRAY<DECIMAL(20,0)>");
  EXPECT_EQ(sparkSchemaOfJson("[18446744073709551616, 1]"), "ARRAY<DECIMAL(20,0)>");
  EXPECT_EQ(sparkSchemaOfJson("[9223372036854775808, 100000000000000000000]"),
            "ARRAY<DECIMAL(21,0)>");
  EXPECT_EQ(sparkSchemaOfJson("[9223372036854775808, 1.5]"), "ARRAY<DOUBLE>");
  EXPECT_EQ(sparkSchemaOfJson("[1.5, 9223372036854775808]"), "ARRAY<DOUBLE>");
  EXPECT_EQ(sparkSchemaOfJson(R"([9223372036854775808, "x"])"), "ARRAY<STRING>");
}

TEST(SparkSchemaOfJson, MergesStructsByTheUnionOfTheirFields) {
  EXPECT_EQ(sparkSchemaOfJson(R"([{"a":1},{"b":"x"}])"), "ARRAY<STRUCT<a: BIGINT, b: STRING>>");
  EXPECT_EQ(sparkSchemaOfJson(R"([{"a":1},{"a":1.5,"c":null}])"),
            "ARRAY<STRUCT<a: DOUBLE, c: STRING>>");
  EXPECT_EQ(sparkSchemaOfJson(R"([{"a":{"x":1}},{"a":{"y":[true]}}])"),
            "ARRAY<STRUCT<a: STRUCT<x: BIGINT, y: ARRAY<BOOLEAN>>>>");
  EXPECT_EQ(sparkSchemaOfJson(R"([{"a":1},{"a":{"x":1}}])"), "ARRAY<STRUCT<a: STRING>>");
}

TEST(SparkSchemaOfJson, MatchesStructsOfTheSameShapeIgnoringCase) {
  // The tightest common type pairs fields up to case and keeps the first struct's names...
  EXPECT_EQ(sparkSchemaOfJson(R"([{"A":1},{"a":2}])"), "ARRAY<STRUCT<A: BIGINT>>");
  EXPECT_EQ(sparkSchemaOfJson(R"([{"a":1},{"A":2.5}])"), "ARRAY<STRUCT<a: DOUBLE>>");
  // ...but only when every pair has one; otherwise names merge exactly.
  EXPECT_EQ(sparkSchemaOfJson(R"([{"A":1},{"a":"x"}])"), "ARRAY<STRUCT<A: BIGINT, a: STRING>>");
  EXPECT_EQ(sparkSchemaOfJson(R"([{"A":1},{"a":2,"b":3}])"),
            "ARRAY<STRUCT<A: BIGINT, a: BIGINT, b: BIGINT>>");
}

TEST(SparkSchemaOfJson, DropsEmptyStructsAndNamelessFields) {
  EXPECT_EQ(sparkSchemaOfJson("{}"), "STRUCT<>");
  EXPECT_EQ(sparkSchemaOfJson("[{}]"), "ARRAY<STRUCT<>>");
  EXPECT_EQ(sparkSchemaOfJson(R"({"a":{}})"), "STRUCT<>");
  EXPECT_EQ(sparkSchemaOfJson(R"({"a":{},"b":1})"), "STRUCT<b: BIGINT>");
  EXPECT_EQ(sparkSchemaOfJson(R"({"a":[{}],"b":[]})"), "STRUCT<b: ARRAY<STRING>>");
  EXPECT_EQ(sparkSchemaOfJson(R"({"":1,"b":2})"), "STRUCT<b: BIGINT>");
  // Only a top-level struct, or array of structs, is kept when empty: deeper, the type is gone.
  EXPECT_EQ(sparkSchemaOfJson("[[{}]]"), "STRING");
}

TEST(SparkSchemaOfJson, AcceptsWhatSparksReaderAcceptsByDefault) {
  EXPECT_EQ(sparkSchemaOfJson("{'a': 'b'}"), "STRUCT<a: STRING>");
  EXPECT_EQ(sparkSchemaOfJson(R"({'a"b': 1, "it\'s": 2})"),
            "STRUCT<`a\"b`: BIGINT, `it's`: BIGINT>");
  EXPECT_EQ(sparkSchemaOfJson(R"({"a": NaN})"), "STRUCT<a: DOUBLE>");
  EXPECT_EQ(sparkSchemaOfJson("[Infinity, -Infinity, +Infinity, +INF, -INF]"), "ARRAY<DOUBLE>");
  EXPECT_EQ(sparkSchemaOfJson("[1, NaN]"), "ARRAY<DOUBLE>");
  EXPECT_EQ(sparkSchemaOfJson("NaN"), "DOUBLE");
  EXPECT_EQ(sparkSchemaOfJson("-Infinity"), "DOUBLE");
  // Spark reads the first value and nothing after it.
  EXPECT_EQ(sparkSchemaOfJson(R"({"a":1} garbage)"), "STRUCT<a: BIGINT>");
  EXPECT_EQ(sparkSchemaOfJson("[1] ["), "ARRAY<BIGINT>");
  EXPECT_EQ(sparkSchemaOfJson("1 x"), "BIGINT");
  EXPECT_EQ(sparkSchemaOfJson("true,"), "BOOLEAN");
  EXPECT_EQ(sparkSchemaOfJson("  \r\n[1]"), "ARRAY<BIGINT>");
}

TEST(SparkSchemaOfJson, RejectsWhatSparksReaderRejects) {
  for (const char* json :
       {R"({"a":})", "[1,]",  R"({"a":1,})", "{a:1}", R"({"a":1)", "]",     "01",
        "[01]",      "1x",    "1,",          "1.",    "[.5]",      "+1",    "truex",
        "[NaNx]",    "[nan]", "INF",         "'abc",  "/* c */ 1", "[1 2]", "{\"a\":\"\x01\"}"}) {
    EXPECT_THROW(sparkSchemaOfJson(json), std::invalid_argument) << json;
  }
  // allowNumericLeadingZeros is off by default, so the documented example needs its option.
  EXPECT_THROW(sparkSchemaOfJson(R"([{"col":01}])"), std::invalid_argument);
}

TEST(SparkSchemaOfJson, NestsAsDeepAsJacksonAllows) {
  std::string expected;
  for (int i = 0; i < 1000; ++i) {
    expected += "ARRAY<";
  }
  expected += "STRING" + std::string(1000, '>');
  EXPECT_EQ(sparkSchemaOfJson(nested(1000)), expected);
  EXPECT_THROW(sparkSchemaOfJson(nested(1001)), std::invalid_argument);
}

}  // namespace
}  // namespace clxs::kernel
