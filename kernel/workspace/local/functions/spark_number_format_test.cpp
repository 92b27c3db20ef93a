#include "kernel/workspace/local/functions/spark_number_format.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

namespace clxs::kernel::spark_number {
namespace {

std::string toChar(std::string_view decimal, std::string_view format) {
  return NumberFormat::parse(format).write(decimal);
}

std::optional<std::string> toNumber(std::string_view input, std::string_view format) {
  return NumberFormat::parse(format).read(input);
}

// The error line parse() raises for `format`, or "" when it parses.
std::string formatError(std::string_view format) {
  try {
    NumberFormat::parse(format);
  } catch (const FormatError& e) {
    return e.what();
  }
  return "";
}

// The INVALID_FORMAT sub-class of the error parse() raises for `format`.
std::string subClass(std::string_view format) {
  const std::string msg = formatError(format);
  const std::string prefix = "[INVALID_FORMAT.";
  if (msg.rfind(prefix, 0) != 0) return "(none) " + msg;
  return msg.substr(prefix.size(), msg.find(']') - prefix.size());
}

// Spark's documented examples for to_char and to_number.
TEST(SparkNumberFormat, DocumentedToCharExamples) {
  EXPECT_EQ(toChar("454", "999"), "454");
  EXPECT_EQ(toChar("454.00", "000D00"), "454.00");
  EXPECT_EQ(toChar("12454", "99G999"), "12,454");
  EXPECT_EQ(toChar("78.12", "$99.99"), "$78.12");
  EXPECT_EQ(toChar("-12454.8", "99G999D9S"), "12,454.8-");
  EXPECT_EQ(toChar("45.00", "000.00"), "045.00");
  EXPECT_EQ(toChar("12454", "99,999"), "12,454");
}

TEST(SparkNumberFormat, DocumentedToNumberExamples) {
  EXPECT_EQ(toNumber("454", "999"), "454");
  EXPECT_EQ(toNumber("454.00", "000.00"), "454.00");
  EXPECT_EQ(toNumber("12,454", "99,999"), "12454");
  EXPECT_EQ(toNumber("$78.12", "$99.99"), "78.12");
  EXPECT_EQ(toNumber("12,454.8-", "99,999.9S"), "-12454.8");
  EXPECT_EQ(toNumber("-$12,345.67", "S$999,099.99"), "-12345.67");
  EXPECT_EQ(toNumber("$345", "S$999,099.99"), "345.00");
  EXPECT_EQ(toNumber("$045", "S$999,099.99"), "45.00");
  EXPECT_EQ(toNumber("1234-", "999999MI"), "-1234");
  EXPECT_EQ(toNumber("9", "999PR"), "9");
  // try_to_number's NULLs: the '$' is not optional, and '0' demands all its digits.
  EXPECT_EQ(toNumber("$78.12", "99.99"), std::nullopt);
  EXPECT_EQ(toNumber("5", "$9"), std::nullopt);
  EXPECT_EQ(toNumber("$45", "S$999,099.99"), std::nullopt);
}

TEST(SparkNumberFormat, PrecisionAndScaleCountTheDigitPositions) {
  const auto f = NumberFormat::parse("99G999D9S");
  EXPECT_EQ(f.precision(), 6);
  EXPECT_EQ(f.scale(), 1);
  EXPECT_EQ(NumberFormat::parse("$99.99").precision(), 4);
  EXPECT_EQ(NumberFormat::parse("$99.99").scale(), 2);
  EXPECT_EQ(NumberFormat::parse("999").scale(), 0);
  EXPECT_EQ(NumberFormat::parse(".99").precision(), 2);
  EXPECT_EQ(NumberFormat::parse("S$999,099.99").precision(), 8);
}

// Most expectations from here on are results captured from Spark 4; the rest follow from
// Spark's code for the same rules.
TEST(SparkNumberFormat, NinePadsWithBlanksAndZeroPadsWithZeros) {
  EXPECT_EQ(toChar("454", "9999"), " 454");
  EXPECT_EQ(toChar("454", "99999"), "  454");
  EXPECT_EQ(toChar("454", "0999"), "0454");
  EXPECT_EQ(toChar("454", "00999"), "00454");
  // The run's first character decides, for the whole run.
  EXPECT_EQ(toChar("454", "90999"), "  454");
  EXPECT_EQ(toChar("454", "99099"), "  454");
  EXPECT_EQ(toChar("1", "0"), "1");
  EXPECT_EQ(toChar("0", "9"), " ");
  EXPECT_EQ(toChar("0", "99"), "  ");
  EXPECT_EQ(toChar("0", "0"), "0");
  EXPECT_EQ(toChar("0", "00"), "00");
  EXPECT_EQ(toChar("-454", "999"), "454");  // no sign token, no sign
  EXPECT_EQ(toChar("-12.34", "99.99"), "12.34");
}

TEST(SparkNumberFormat, DecimalPointAndFraction) {
  EXPECT_EQ(toChar("0", "99.99"), " 0.00");  // a blank before the point becomes '0'
  EXPECT_EQ(toChar("0", "00.00"), "00.00");
  EXPECT_EQ(toChar("0.0", "9.9"), "0.0");
  EXPECT_EQ(toChar("78", "99.99"), "78.00");
  EXPECT_EQ(toChar("78", "99."), "78 ");  // a point with nothing after it is blanked
  EXPECT_EQ(toChar("78", "99D"), "78 ");
  EXPECT_EQ(toChar("0.45", ".99"), ".45");
  EXPECT_EQ(toChar("0.45", "D99"), ".45");
  EXPECT_EQ(toChar("0.45", "9.99"), "0.45");
  EXPECT_EQ(toChar("0.45", "99.99"), " 0.45");
  EXPECT_EQ(toChar("1", "99.9"), " 1.0");
  // Trailing fraction zeros of the value do not count against the format.
  EXPECT_EQ(toChar("78.1200", "99.99"), "78.12");
  EXPECT_EQ(toChar("78.1000", "99.99"), "78.10");
  EXPECT_EQ(toChar("0.5000", "99.99"), " 0.50");
  EXPECT_EQ(toChar("12454.8000000000", "99G999D9S"), "12,454.8+");
  EXPECT_EQ(toChar("1234567890.098765432100000000", "9999999999.999999999999999999"),
            "1234567890.098765432100000000");
  EXPECT_EQ(toChar("0.123456789012346", "9.99999999999999999"), "0.12345678901234600");
}

TEST(SparkNumberFormat, TooManyDigitsBecomeHashesNotRounding) {
  EXPECT_EQ(toChar("454", "99"), "##");
  EXPECT_EQ(toChar("454", "00"), "##");
  EXPECT_EQ(toChar("78.12", "$9.99"), "$#.##");
  // Extra fraction digits overflow too (Spark does not round), and hash the integer part.
  EXPECT_EQ(toChar("123.456", "999D9"), "###.#");
  EXPECT_EQ(toChar("78.123", "99.9"), "##.#");
  EXPECT_EQ(toChar("0.05", "9.9"), "#.#");
  EXPECT_EQ(toChar("78.12000274658203", "99.99"), "##.##");
  // '#' is no digit, so a separator after it is a blank.
  EXPECT_EQ(toChar("12345", "9,999"), "# ###");
  EXPECT_EQ(toChar("-12345", "S9,999"), "-# ###");
}

TEST(SparkNumberFormat, GroupingSeparators) {
  EXPECT_EQ(toChar("1234", "9,999"), "1,234");
  EXPECT_EQ(toChar("1234", "9G999"), "1,234");
  EXPECT_EQ(toChar("45", "9,999"), "   45");  // beside blanked digits: a blank
  EXPECT_EQ(toChar("45", "0,000"), "0,045");
  EXPECT_EQ(toChar("1234567", "9,999,999"), "1,234,567");
  EXPECT_EQ(toChar("1234567", "9999,999"), "1234,567");
  EXPECT_EQ(toChar("12454", "99G99,9"), "12,45,4");
  EXPECT_EQ(toChar("1234.56", "9,999.99"), "1,234.56");
  EXPECT_EQ(toChar("-45", "S9,999"), "   -45");
}

TEST(SparkNumberFormat, CurrencySign) {
  EXPECT_EQ(toChar("78.12", "$00.00"), "$78.12");
  EXPECT_EQ(toChar("-78.12", "$99.99"), "$78.12");
  EXPECT_EQ(toChar("0.12", "$.99"), "$.12");
  EXPECT_EQ(toChar("0", "$99.99"), "$ 0.00");
  EXPECT_EQ(toChar("-454", "S$999"), "-$454");
  EXPECT_EQ(toChar("-78.12", "S$99.99"), "-$78.12");
  EXPECT_EQ(toChar("-78.12", "$99.99S"), "$78.12-");
}

TEST(SparkNumberFormat, SignAtStartOrEnd) {
  EXPECT_EQ(toChar("454", "S999"), "+454");
  EXPECT_EQ(toChar("-454", "S999"), "-454");
  EXPECT_EQ(toChar("454", "999S"), "454+");
  EXPECT_EQ(toChar("-454", "999S"), "454-");
  // The sign moves across the blanks to sit against the digits.
  EXPECT_EQ(toChar("-1", "S9999"), "   -1");
  EXPECT_EQ(toChar("1", "S9999"), "   +1");
  EXPECT_EQ(toChar("-1", "S0000"), "-0001");
  EXPECT_EQ(toChar("0", "S99"), "  +");
  EXPECT_EQ(toChar("0", "99S"), "+  ");
  EXPECT_EQ(toChar("-0.00", "S9.99"),
            " +.00");  // negative zero is zero; the sign takes the 0's place
  EXPECT_EQ(toChar("-0.1", "S9.9"), " -.1");
  EXPECT_EQ(toChar("-0.1", "9.9S"), "0.1-");
  EXPECT_EQ(toChar("0.1", "9.9S"), "0.1+");
  EXPECT_EQ(toChar("78", "99.S"), "78+ ");
  EXPECT_EQ(toChar("-78", "99.S"), "78- ");
  EXPECT_EQ(toChar("-32768", "S99999"), "-32768");
}

TEST(SparkNumberFormat, MinusSign) {
  EXPECT_EQ(toChar("454", "MI999"), " 454");  // a blank for a positive number
  EXPECT_EQ(toChar("-454", "MI999"), "-454");
  EXPECT_EQ(toChar("454", "999MI"), "454 ");
  EXPECT_EQ(toChar("-454", "999MI"), "454-");
  EXPECT_EQ(toChar("-1", "MI9999"), "   -1");
  EXPECT_EQ(toChar("-1", "9999MI"), "   1-");
  EXPECT_EQ(toChar("-0.1", "9.9MI"), "0.1-");
}

TEST(SparkNumberFormat, AngleBracketsForNegatives) {
  EXPECT_EQ(toChar("454", "999PR"), "454  ");
  EXPECT_EQ(toChar("-454", "999PR"), "<454>");
  EXPECT_EQ(toChar("-454", "9999PR"), " <454>");
  EXPECT_EQ(toChar("-4", "9999PR"), "   <4>");
  EXPECT_EQ(toChar("-78.12", "$99.99PR"), "<$78.12>");
  EXPECT_EQ(toChar("-454", "S999PR"), "<-454>");
  EXPECT_EQ(toChar("-78", "99.PR"), "<78> ");
}

TEST(SparkNumberFormat, FormatLettersAreCaseInsensitive) {
  EXPECT_EQ(toChar("-12454.8", "99g999d9s"), "12,454.8-");
  EXPECT_EQ(toChar("-454", "999pr"), "<454>");
  EXPECT_EQ(toChar("-454", "mi999"), "-454");
  EXPECT_EQ(toChar("78.12", "$99d99"), "$78.12");
  EXPECT_EQ(toNumber("12,454.8-", "99g999d9s"), "-12454.8");
}

TEST(SparkNumberFormat, WideValues) {
  EXPECT_EQ(toChar("9223372036854775807", "9999999999999999999"), "9223372036854775807");
  EXPECT_EQ(
      toChar("12345678901234567890123456789012345678", "99999999999999999999999999999999999999"),
      "12345678901234567890123456789012345678");
  EXPECT_EQ(toChar("1", "9999999999999999999"), std::string(18, ' ') + "1");
}

TEST(SparkNumberFormat, WriteRejectsTextThatIsNoPlainDecimal) {
  const auto f = NumberFormat::parse("999");
  EXPECT_THROW((void)f.write(""), std::invalid_argument);
  EXPECT_THROW((void)f.write("-"), std::invalid_argument);
  EXPECT_THROW((void)f.write("1e3"), std::invalid_argument);
  EXPECT_THROW((void)f.write("1.2.3"), std::invalid_argument);
  EXPECT_EQ(f.write("+12"), " 12");
  EXPECT_EQ(f.write("012"), " 12");
  EXPECT_EQ(f.write(".0"), "   ");
}

TEST(SparkNumberFormat, ReadMatchesGroupsFromTheRight) {
  EXPECT_EQ(toNumber("454", "999.99"), "454.00");  // the point is optional in the input
  EXPECT_EQ(toNumber("45", "999"), "45");
  EXPECT_EQ(toNumber("4540", "999"), std::nullopt);
  EXPECT_EQ(toNumber("0454", "0999"), "454");
  EXPECT_EQ(toNumber("454", "0999"), std::nullopt);  // a leading '0' wants every digit
  EXPECT_EQ(toNumber(".5", "9.99"), "0.50");
  EXPECT_EQ(toNumber("1.234", "9.99"), std::nullopt);
  EXPECT_EQ(toNumber("1.", "9.99"), "1.00");
  // Separators must be where the format puts them, as many as the number needs.
  EXPECT_EQ(toNumber("454", "99,999"), "454");
  EXPECT_EQ(toNumber("12454", "99,999"), std::nullopt);
  EXPECT_EQ(toNumber("1,2,454", "99,999"), std::nullopt);
  EXPECT_EQ(toNumber("1,2454", "99,999"), std::nullopt);
  EXPECT_EQ(toNumber("12,454", "999"), std::nullopt);
  EXPECT_EQ(toNumber("1,234,567", "9,999,999"), "1234567");
  EXPECT_EQ(toNumber("12G454", "99G999"), std::nullopt);  // 'G' reads only ','
}

TEST(SparkNumberFormat, ReadSigns) {
  EXPECT_EQ(toNumber("+454", "S999"), "454");
  EXPECT_EQ(toNumber("-454", "S999"), "-454");
  EXPECT_EQ(toNumber("454-", "999S"), "-454");
  EXPECT_EQ(toNumber("454", "999S"), "454");
  EXPECT_EQ(toNumber("-0", "S9"), "0");
  EXPECT_EQ(toNumber("-0.0", "S9.9"), "0.0");
  EXPECT_EQ(toNumber("+454", "MI999"), std::nullopt);  // MI takes no '+'
  EXPECT_EQ(toNumber("454 ", "999MI"), "454");         // what to_char writes for a positive
  EXPECT_EQ(toNumber("<454>", "999PR"), "-454");
  EXPECT_EQ(toNumber("<454", "999PR"), std::nullopt);
  EXPECT_EQ(toNumber("454>", "999PR"), std::nullopt);
  EXPECT_EQ(toNumber("<$78.12>", "$99.99PR"), "-78.12");
  EXPECT_EQ(toNumber("-$78.12", "S$99.99"), "-78.12");
  EXPECT_EQ(toNumber("$78.12-", "$99.99S"), "-78.12");
}

TEST(SparkNumberFormat, ReadRejectsStrayOrMissingCharacters) {
  EXPECT_EQ(toNumber("xx", "999"), std::nullopt);
  EXPECT_EQ(toNumber("", "999"), std::nullopt);     // no digits at all
  EXPECT_EQ(toNumber("   ", "999"), std::nullopt);  // nor blanks only
  EXPECT_EQ(toNumber("$", "$999"), std::nullopt);
  EXPECT_EQ(toNumber("45x", "999"), std::nullopt);
  EXPECT_EQ(toNumber("4.5", "99"), std::nullopt);  // no point in the format
  EXPECT_EQ(toNumber("12", "$99"), std::nullopt);
}

TEST(SparkNumberFormat, ReadSkipsWhitespaceAmongDigits) {
  // Spark skips Java whitespace wherever it reads digits, including at either end.
  EXPECT_EQ(toNumber(" 454", "999"), "454");
  EXPECT_EQ(toNumber("1 2", "99"), "12");
  EXPECT_EQ(toNumber("12\t", "99"), "12");
  EXPECT_EQ(toNumber("1\u20032", "99"), "12");          // EM SPACE
  EXPECT_EQ(toNumber("1\u00a02", "99"), std::nullopt);  // no-break space is no whitespace
  EXPECT_EQ(toNumber("1 23", "99"), std::nullopt);      // blanks are no digits, three is too many
}

TEST(SparkNumberFormat, ToCharOutputMostlyReadsBack) {
  EXPECT_EQ(toNumber(toChar("-12454.8", "99G999D9S"), "99G999D9S"), "-12454.8");
  EXPECT_EQ(toNumber(toChar("-454", "999PR"), "999PR"), "-454");
  EXPECT_EQ(toNumber(toChar("454", "999PR"), "999PR"), "454");
  EXPECT_EQ(toNumber(toChar("-454", "MI999"), "MI999"), "-454");
  EXPECT_EQ(toNumber(toChar("-454", "999MI"), "999MI"), "-454");
  // But not a leading sign after blanks: Spark's S looks only at the first character, and the
  // digits stop at the '-'.
  EXPECT_EQ(toChar("-123.4", "S9,999.99"), "  -123.40");
  EXPECT_EQ(toNumber("  -123.40", "S9,999.99"), std::nullopt);
}

TEST(SparkNumberFormat, FormatErrorsNameSparksSubClass) {
  EXPECT_EQ(subClass(""), "EMPTY");
  EXPECT_EQ(subClass("S"), "WRONG_NUM_DIGIT");
  EXPECT_EQ(subClass("$"), "WRONG_NUM_DIGIT");
  EXPECT_EQ(subClass("MI"), "WRONG_NUM_DIGIT");
  EXPECT_EQ(subClass("PR"), "WRONG_NUM_DIGIT");
  EXPECT_EQ(subClass("9$9"), "CUR_MUST_BEFORE_DIGIT");
  EXPECT_EQ(subClass("99.99$"), "CUR_MUST_BEFORE_DIGIT");
  EXPECT_EQ(subClass(".99$"), "CUR_MUST_BEFORE_DIGIT");
  EXPECT_EQ(subClass(".$99"), "CUR_MUST_BEFORE_DEC");
  EXPECT_EQ(subClass(",999"), "CONT_THOUSANDS_SEPS");
  EXPECT_EQ(subClass("999,"), "CONT_THOUSANDS_SEPS");
  EXPECT_EQ(subClass("9,,99"), "CONT_THOUSANDS_SEPS");
  EXPECT_EQ(subClass("9G,9"), "CONT_THOUSANDS_SEPS");
  EXPECT_EQ(subClass(","), "CONT_THOUSANDS_SEPS");  // a lone separator counts as digits
  EXPECT_EQ(subClass("99.9,9"), "THOUSANDS_SEPS_MUST_BEFORE_DEC");
  EXPECT_EQ(subClass("9.9.9"), "WRONG_NUM_TOKEN");
  EXPECT_EQ(subClass("SS999"), "WRONG_NUM_TOKEN");
  EXPECT_EQ(subClass("$$999"), "WRONG_NUM_TOKEN");
  EXPECT_EQ(subClass("MI999MI"), "WRONG_NUM_TOKEN");
  EXPECT_EQ(subClass("999PRPR"), "WRONG_NUM_TOKEN");
  EXPECT_EQ(subClass("PR999"), "UNEXPECTED_TOKEN");
  EXPECT_EQ(subClass("999PRMI"), "UNEXPECTED_TOKEN");
  EXPECT_EQ(subClass("x99"), "UNEXPECTED_TOKEN");
  EXPECT_EQ(subClass("99x"), "UNEXPECTED_TOKEN");
  EXPECT_EQ(subClass("99v99"), "UNEXPECTED_TOKEN");
  EXPECT_EQ(subClass("L99,999.9"), "UNEXPECTED_TOKEN");
  EXPECT_EQ(subClass("9 9"), "UNEXPECTED_TOKEN");
  EXPECT_EQ(subClass("M999"), "UNEXPECTED_TOKEN");
  // Allowed: a sign at both ends, and every slot of the layout at once.
  EXPECT_EQ(formatError("S999MI"), "");
  EXPECT_EQ(formatError("S$999,099.99PR"), "");
  EXPECT_EQ(formatError("MI$9G9D9"), "");
}

TEST(SparkNumberFormat, FormatErrorLinesUseSparksWording) {
  EXPECT_EQ(formatError("9,,99"),
            "[INVALID_FORMAT.CONT_THOUSANDS_SEPS] The format is invalid: '9,,99'. Thousands "
            "separators (, or G) must have digits in between them in the number format. "
            "SQLSTATE: 42601");
  EXPECT_EQ(formatError(""),
            "[INVALID_FORMAT.EMPTY] The format is invalid: ''. The number format string cannot be "
            "empty. SQLSTATE: 42601");
  EXPECT_EQ(formatError("mi"),
            "[INVALID_FORMAT.WRONG_NUM_DIGIT] The format is invalid: 'MI'. The format string "
            "requires at least one number digit. SQLSTATE: 42601");
  EXPECT_EQ(formatError("9$9"),
            "[INVALID_FORMAT.CUR_MUST_BEFORE_DIGIT] The format is invalid: '9$9'. Currency "
            "characters must appear before digits in the number format. SQLSTATE: 42601");
  EXPECT_EQ(formatError(".$99"),
            "[INVALID_FORMAT.CUR_MUST_BEFORE_DEC] The format is invalid: '.$99'. Currency "
            "characters must appear before any decimal point in the number format. "
            "SQLSTATE: 42601");
  EXPECT_EQ(formatError("99.9,9"),
            "[INVALID_FORMAT.THOUSANDS_SEPS_MUST_BEFORE_DEC] The format is invalid: '99.9,9'. "
            "Thousands separators (, or G) may not appear after the decimal point in the number "
            "format. SQLSTATE: 42601");
  EXPECT_EQ(formatError("9.9d9"),
            "[INVALID_FORMAT.WRONG_NUM_TOKEN] The format is invalid: '9.9D9'. At most one . or D "
            "is allowed in the number format. SQLSTATE: 42601");
  EXPECT_EQ(formatError("x99"),
            "[INVALID_FORMAT.UNEXPECTED_TOKEN] The format is invalid: 'X99'. Found the unexpected "
            "character 'X'' in the format string; the structure of the format string must match: "
            "`[MI|S]` `[$]` `[0|9|G|,]*` `[.|D]` `[0|9]*` `[$]` `[PR|MI|S]`. SQLSTATE: 42601");
  EXPECT_EQ(formatError("PR999"),
            "[INVALID_FORMAT.UNEXPECTED_TOKEN] The format is invalid: 'PR999'. Found the "
            "unexpected digit sequence in the format string; the structure of the format string "
            "must match: `[MI|S]` `[$]` `[0|9|G|,]*` `[.|D]` `[0|9]*` `[$]` `[PR|MI|S]`. "
            "SQLSTATE: 42601");
  // A quote in the format is escaped as Spark's SQL literals show it; a non-ASCII character is
  // quoted whole.
  EXPECT_NE(formatError("9'9").find("The format is invalid: '9\\'9'."), std::string::npos);
  EXPECT_NE(formatError("9\u00e99").find("character '\u00e9''"), std::string::npos);
}

TEST(SparkNumberFormat, MismatchMessageNamesInputAndFormat) {
  EXPECT_EQ(mismatchMessage("xx", "999"),
            "[INVALID_FORMAT.MISMATCH_INPUT] The format is invalid: 999. The input \"STRING\" xx "
            "does not match the format. SQLSTATE: 42601");
  EXPECT_EQ(mismatchMessage("$78.12", "99d99"),
            "[INVALID_FORMAT.MISMATCH_INPUT] The format is invalid: 99D99. The input \"STRING\" "
            "$78.12 does not match the format. SQLSTATE: 42601");
}

}  // namespace
}  // namespace clxs::kernel::spark_number
