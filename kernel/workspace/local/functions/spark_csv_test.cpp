#include "kernel/workspace/local/functions/spark_csv.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// Expected values come from Spark's documentation and its own tests (CsvFunctionsSuite,
// CSVExprUtilsSuite, the csvExpressions examples), or, where marked, from reading univocity
// 2.9.1, the parser and writer Spark 3.5 delegates to.

namespace clxs::kernel::spark_csv {
namespace {

using Fields = std::vector<std::optional<std::string>>;
using OptionList = std::vector<std::pair<std::string, std::string>>;

Options reading(const OptionList& map = {}) {
  return parseOptions(map, false);
}
Options writing(const OptionList& map = {}) {
  return parseOptions(map, true);
}

Fields read(std::string_view text, const OptionList& map = {}) {
  return readRecord(text, reading(map));
}

// to_csv's answer, with NULL spelled out so a failure prints it.
std::string toCsv(const Fields& cells, const OptionList& map = {}) {
  return writeRecord(cells, writing(map)).value_or("<NULL>");
}

std::string type(std::optional<std::string> field, const OptionList& map = {}) {
  return inferFieldType(field, reading(map));
}

std::string optionError(const OptionList& map, bool forWriting = false) {
  try {
    parseOptions(map, forWriting);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(SparkCsvSchemaOf, MatchesTheDocumentedExamples) {
  EXPECT_EQ(schemaOf("1,abc", reading()), "STRUCT<_c0: INT, _c1: STRING>");
  EXPECT_EQ(schemaOf("0.1,1", reading()), "STRUCT<_c0: DOUBLE, _c1: INT>");
  EXPECT_EQ(schemaOf("0.1 1", reading({{"sep", " "}})), "STRUCT<_c0: DOUBLE, _c1: INT>");
  EXPECT_EQ(schemaOf("0.1,1,a", reading()), "STRUCT<_c0: DOUBLE, _c1: INT, _c2: STRING>");
}

TEST(SparkCsvSchemaOf, InfersEveryColumnOfAMixedRecord) {
  EXPECT_EQ(schemaOf("1,2147483648,12345678901234567890,1.5,true,2015-08-26,"
                     "2015-08-26 18:00:00,abc,",
                     reading()),
            "STRUCT<_c0: INT, _c1: BIGINT, _c2: DECIMAL(20,0), _c3: DOUBLE, _c4: BOOLEAN, "
            "_c5: DATE, _c6: TIMESTAMP, _c7: STRING, _c8: STRING>");
}

TEST(SparkCsvSchemaOf, KeepsTheNewlineAsData) {
  // SPARK-38955: from_csv(csv, schema_of_csv("1,2\n2")) reads Row(1, "2\n2").
  EXPECT_EQ(schemaOf("1,2\n2", reading()), "STRUCT<_c0: INT, _c1: STRING>");
}

TEST(SparkCsvSchemaOf, FailsWithoutARecord) {
  EXPECT_THROW(schemaOf("", reading()), std::invalid_argument);
}

TEST(SparkCsvInfer, TriesIntegersFirst) {
  EXPECT_EQ(type("1"), "INT");
  EXPECT_EQ(type("-2147483648"), "INT");
  EXPECT_EQ(type("+7"), "INT");
  EXPECT_EQ(type("2147483648"), "BIGINT");
  EXPECT_EQ(type("-9223372036854775808"), "BIGINT");
}

TEST(SparkCsvInfer, OverflowsIntoDecimalThenDouble) {
  EXPECT_EQ(type("9223372036854775808"), "DECIMAL(19,0)");
  EXPECT_EQ(type("12345678901234567890"), "DECIMAL(20,0)");
  EXPECT_EQ(type(std::string(38, '9')), "DECIMAL(38,0)");
  EXPECT_EQ(type(std::string(39, '9')), "DOUBLE");  // DecimalType caps precision at 38
  EXPECT_EQ(type("1e10"), "DOUBLE");                // negative scale is not a DecimalType
}

TEST(SparkCsvInfer, ReadsFractionsAndSpecialValuesAsDouble) {
  EXPECT_EQ(type("1.5"), "DOUBLE");
  EXPECT_EQ(type("0.1"), "DOUBLE");
  EXPECT_EQ(type("-1.5E-3"), "DOUBLE");
  EXPECT_EQ(type("NaN"), "DOUBLE");
  EXPECT_EQ(type("Inf"), "DOUBLE");
  EXPECT_EQ(type("-Inf"), "DOUBLE");
  EXPECT_EQ(type("Infinity"), "DOUBLE");
  EXPECT_EQ(type("#", {{"nanValue", "#"}}), "DOUBLE");
}

TEST(SparkCsvInfer, RecognisesBooleansDatesAndTimestamps) {
  EXPECT_EQ(type("true"), "BOOLEAN");
  EXPECT_EQ(type("FALSE"), "BOOLEAN");
  EXPECT_EQ(type("2015-08-26"), "DATE");
  EXPECT_EQ(type("2015-08-26", {{"preferDate", "false"}}), "TIMESTAMP");
  EXPECT_EQ(type("2015-08-26 18:00:00"), "TIMESTAMP");
  EXPECT_EQ(type("2021-08-12T15:16:23.000"), "TIMESTAMP");
  EXPECT_EQ(type("2021-08-12T15:16:23.000+11:00"), "TIMESTAMP");
  EXPECT_EQ(type("2015-02-30"), "STRING");  // no such day
  EXPECT_EQ(type("yes"), "STRING");
}

TEST(SparkCsvInfer, LeavesNullsAndEmptyFieldsToString) {
  EXPECT_EQ(type(std::nullopt), "STRING");
  EXPECT_EQ(type(""), "STRING");
  EXPECT_EQ(type("-", {{"nullValue", "-"}}), "STRING");
}

TEST(SparkCsvRead, SplitsOnTheSeparator) {
  EXPECT_EQ(read("1"), (Fields{"1"}));
  EXPECT_EQ(read("a,b"), (Fields{"a", "b"}));
  EXPECT_EQ(read("1,2\n2"), (Fields{"1", "2\n2"}));  // SPARK-38955
}

TEST(SparkCsvRead, UnquotesFields) {
  EXPECT_EQ(read(R"(1,"haa")"), (Fields{"1", "haa"}));
  EXPECT_EQ(read(R"("a,b",c)"), (Fields{"a,b", "c"}));
  EXPECT_EQ(read(R"("a\"b")"), (Fields{"a\"b"}));
  // charToEscapeQuoteEscaping defaults to the escape when quote and escape differ.
  EXPECT_EQ(read(R"("a\\b",c)"), (Fields{"a\\b", "c"}));
}

TEST(SparkCsvRead, UsesTheEscapeOption) {
  EXPECT_EQ(read(R"("#"")", {{"escape", "#"}}), (Fields{"\""}));
  EXPECT_EQ(read(R"("a""b")", {{"escape", "\""}}), (Fields{"a\"b"}));
}

TEST(SparkCsvRead, KeepsUnescapedQuotesUpToTheSeparator) {
  // unescapedQuoteHandling STOP_AT_DELIMITER (the default) reads the value as unquoted.
  EXPECT_EQ(read(R"("ab"c,d)"), (Fields{"\"ab\"c", "d"}));
  // So, with the default escape '\', a doubled quote is not an escaped quote.
  EXPECT_EQ(read(R"("a""b")"), (Fields{"\"a\"\"b\""}));
  // Quotes inside an unquoted value are plain characters.
  EXPECT_EQ(read(R"(a"b,c)"), (Fields{"a\"b", "c"}));
}

TEST(SparkCsvRead, TrimsWhitespaceOnlyWhenAsked) {
  EXPECT_EQ(read(" a   "), (Fields{" a   "}));
  EXPECT_EQ(read(" a   ", {{"ignoreLeadingWhiteSpace", "true"}}), (Fields{"a   "}));
  EXPECT_EQ(read(" a   ", {{"ignoreTrailingWhiteSpace", "true"}}), (Fields{" a"}));
  EXPECT_EQ(read(R"( "a" ,b)", {{"ignoreLeadingWhiteSpace", "true"}}), (Fields{"a", "b"}));
}

TEST(SparkCsvRead, ReadsNullValueAsNull) {
  EXPECT_EQ(read("-", {{"nullValue", "-"}}), (Fields{std::nullopt}));
  // nullSafeDatum compares the unquoted token, so a quoted one is NULL as well.
  EXPECT_EQ(read(R"(a,"-")", {{"nullValue", "-"}}), (Fields{"a", std::nullopt}));
  EXPECT_EQ(read("a,,b", {{"nullValue", "-"}}), (Fields{"a", std::nullopt, "b"}));
}

TEST(SparkCsvRead, ReadsEmptyFields) {
  // With nullValue and emptyValue both "", empty fields, quoted or not, are NULL.
  EXPECT_EQ(read("a,,b"), (Fields{"a", std::nullopt, "b"}));
  EXPECT_EQ(read("a,"), (Fields{"a", std::nullopt}));
  EXPECT_EQ(read(R"(a,"")"), (Fields{"a", std::nullopt}));
  EXPECT_EQ(read(R"(a,"",c)", {{"emptyValue", "E"}}), (Fields{"a", "E", "c"}));
  EXPECT_EQ(read("a,,c", {{"emptyValue", "E"}}), (Fields{"a", std::nullopt, "c"}));
}

TEST(SparkCsvRead, SplitsOnCustomSeparators) {
  EXPECT_EQ(read("a\tb", {{"sep", "\\t"}}), (Fields{"a", "b"}));
  EXPECT_EQ(read("a\tb", {{"sep", "\t"}}), (Fields{"a", "b"}));
  EXPECT_EQ(read("a;b,c", {{"delimiter", ";"}}), (Fields{"a", "b,c"}));
  EXPECT_EQ(read("a||b||c", {{"sep", "||"}}), (Fields{"a", "b", "c"}));
  EXPECT_EQ(read(R"("x||y"||z)", {{"sep", "||"}}), (Fields{"x||y", "z"}));
  EXPECT_EQ(read("a|b||c", {{"sep", "||"}}), (Fields{"a|b", "c"}));
}

TEST(SparkCsvRead, SkipsCommentLinesOnlyWhenCommentIsSet) {
  EXPECT_TRUE(read("# This line is commented", {{"comment", "#"}}).empty());
  EXPECT_EQ(read("# not a comment"), (Fields{"# not a comment"}));
  EXPECT_TRUE(read("").empty());
}

TEST(SparkCsvWrite, MatchesSparksToCsvTests) {
  EXPECT_EQ(toCsv({"1"}), "1");
  EXPECT_EQ(toCsv({"\""}, {{"escape", "#"}}), "\"#\"\"");
  EXPECT_EQ(toCsv({"test \"escapeQuotes\""}, {{"escapeQuotes", "false"}}), "test \"escapeQuotes\"");
  EXPECT_EQ(toCsv({"  a, b  , c  "}, {{"ignoreLeadingWhiteSpace", "false"}}), "\"  a, b  , c\"");
  EXPECT_EQ(toCsv({"  a, b  , c  "}, {{"ignoreTrailingWhiteSpace", "false"}}), "\"a, b  , c  \"");
  EXPECT_EQ(toCsv({std::nullopt}, {{"nullValue", "-"}}), "-");
  EXPECT_EQ(toCsv({""}, {{"emptyValue", "-"}}), "-");
  EXPECT_EQ(toCsv({"2", "Alice", std::nullopt, "y"}), "2,Alice,,y");
  EXPECT_EQ(toCsv({"2", "Alice", std::nullopt, "y"}, {{"nullValue", "-"}}), "2,Alice,-,y");
  EXPECT_EQ(toCsv({"2", "Alice", "[100, 200,, 300]"}), "2,Alice,\"[100, 200,, 300]\"");
  EXPECT_EQ(toCsv({"2", "Alice", "[61]"}), "2,Alice,[61]");
  EXPECT_EQ(toCsv({"2021-08-12T15:16:23.000"}), "2021-08-12T15:16:23.000");
}

TEST(SparkCsvWrite, QuotesWhatWouldOtherwiseBreakTheRecord) {
  EXPECT_EQ(toCsv({"a\"b"}), R"("a\"b")");
  EXPECT_EQ(toCsv({"a\nb", "c\rd"}), "\"a\nb\",\"c\rd\"");
  EXPECT_EQ(toCsv({"\"quoted\""}), R"("\"quoted\"")");
  EXPECT_EQ(toCsv({"a\\b"}), "a\\b");  // an escape alone needs no quotes
  EXPECT_EQ(toCsv({"a\\b,c"}), R"("a\\b,c")");
  EXPECT_EQ(toCsv({"1", "2"}, {{"quoteAll", "true"}}), R"("1","2")");
}

TEST(SparkCsvWrite, WritesEmptyStringsAsEmptyValue) {
  EXPECT_EQ(toCsv({"a", ""}), R"(a,"")");
  EXPECT_EQ(toCsv({"   "}), R"("")");  // all blank is empty once leading blanks are skipped
}

TEST(SparkCsvWrite, ReturnsNullForAnEmptyRecord) {
  // univocity's writeRowToString returns null for a row that writes nothing (skipEmptyLines),
  // which is why Spark's own NullType test sets nullValue.
  EXPECT_EQ(toCsv({std::nullopt}), "<NULL>");
  EXPECT_EQ(toCsv({std::nullopt, std::nullopt}), ",");
}

TEST(SparkCsvWrite, TrimsWhitespaceByDefault) {
  EXPECT_EQ(toCsv({"  a  ", "b "}), "a,b");
  // Kept blanks are not a reason to quote in univocity.
  EXPECT_EQ(toCsv({"  a  "},
                  {{"ignoreLeadingWhiteSpace", "false"}, {"ignoreTrailingWhiteSpace", "false"}}),
            "  a  ");
}

TEST(SparkCsvWrite, UsesCustomSeparators) {
  EXPECT_EQ(toCsv({"a b", "c"}, {{"sep", "\\t"}}), "a b\tc");
  EXPECT_EQ(toCsv({"a\tb", "c"}, {{"sep", "\\t"}}), "\"a\tb\"\tc");
  EXPECT_EQ(toCsv({"a", "b"}, {{"sep", "||"}}), "a||b");
  EXPECT_EQ(toCsv({"a||b", "c|d"}, {{"sep", "||"}}), "\"a||b\"||c|d");
}

TEST(SparkCsvWrite, QuotesAFirstFieldStartingWithTheCommentChar) {
  // univocity's CsvWriter quotes it so it cannot read back as a comment; Spark leaves the
  // format's comment at '#' unless the option is set.
  EXPECT_EQ(toCsv({"#x", "#y"}), "\"#x\",#y");
}

TEST(SparkCsvOptions, ParsesSeparatorsLikeCsvExprUtils) {
  EXPECT_EQ(reading({{"sep", "\\t"}}).sep, "\t");
  EXPECT_EQ(reading({{"sep", "\\\\"}}).sep, "\\");
  EXPECT_EQ(reading({{"sep", "|||"}}).sep, "|||");
  EXPECT_EQ(reading({{"sep", ".\\t."}}).sep, ".\t.");
  EXPECT_EQ(reading({{"sep", "\\\\."}}).sep, "\\.");
  EXPECT_EQ(reading({{"sep", "\x01"}}).sep, "\x01");  // what SQL makes of '\u0001'
  EXPECT_EQ(reading({{"SEP", ";"}, {"delimiter", "|"}}).sep, ";");
  EXPECT_EQ(reading({{"Delimiter", "|"}}).sep, "|");
}

TEST(SparkCsvOptions, ReportsBadSeparatorsInSparksWords) {
  EXPECT_EQ(optionError({{"sep", ""}}),
            "[INVALID_DELIMITER_VALUE.EMPTY_STRING] Invalid value for delimiter. Delimiter cannot "
            "be empty string. SQLSTATE: 42602");
  EXPECT_EQ(optionError({{"sep", "\\"}}),
            "[INVALID_DELIMITER_VALUE.SINGLE_BACKSLASH] Invalid value for delimiter. Single "
            "backslash is prohibited. It has special meaning as beginning of an escape sequence. "
            "To get the backslash character, pass a string with two backslashes as the "
            "delimiter. SQLSTATE: 42602");
  EXPECT_EQ(optionError({{"sep", "\\1"}}),
            "[INVALID_DELIMITER_VALUE.UNSUPPORTED_SPECIAL_CHARACTER] Invalid value for "
            "delimiter. Unsupported special character for delimiter: \\1. SQLSTATE: 42602");
  // The "\." example of toDelimiterStr's documentation.
  EXPECT_NE(optionError({{"sep", "\\."}}), "<no error>");
}

TEST(SparkCsvOptions, ReportsOtherBadValuesInSparksWords) {
  EXPECT_EQ(optionError({{"quote", "ab"}}), "quote cannot be more than one character.");
  EXPECT_EQ(optionError({{"escape", "\\\\"}}), "escape cannot be more than one character.");
  EXPECT_EQ(optionError({{"escapeQuotes", "yes"}}), "escapeQuotes flag can be true or false.");
  EXPECT_EQ(optionError({{"maxColumns", "many"}}), "maxColumns should be an integer. Found many.");
  EXPECT_EQ(optionError({{"lineSep", ""}}, true),
            "requirement failed: 'lineSep' cannot be an empty string.");
  EXPECT_EQ(optionError({{"lineSep", ""}}, false), "<no error>");  // from_csv overrides it
}

TEST(SparkCsvOptions, AppliesSparksDefaults) {
  const Options read = reading();
  EXPECT_EQ(read.sep, ",");
  EXPECT_EQ(read.quote, '"');
  EXPECT_EQ(read.escape, '\\');
  EXPECT_FALSE(read.ignoreLeadingWhiteSpace);
  EXPECT_FALSE(read.ignoreTrailingWhiteSpace);
  EXPECT_EQ(read.mode, ParseMode::kPermissive);
  const Options write = writing();
  EXPECT_TRUE(write.ignoreLeadingWhiteSpace);
  EXPECT_TRUE(write.ignoreTrailingWhiteSpace);
  EXPECT_EQ(reading({{"quote", ""}}).quote, '\0');
  EXPECT_EQ(reading({{"MODE", "failfast"}}).mode, ParseMode::kFailFast);
  EXPECT_EQ(reading({{"mode", "nonsense"}}).mode, ParseMode::kPermissive);
  EXPECT_FALSE(reading({{"comment", ""}}).comment.has_value());
  EXPECT_EQ(reading({{"unknown", "whatever"}}).sep, ",");
}

}  // namespace
}  // namespace clxs::kernel::spark_csv
