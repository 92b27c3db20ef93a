// Spark's number format patterns, as `to_char`/`to_varchar` write numbers with them and
// `to_number`/`try_to_number` read strings by them ('999', '$99.99', '99G999D9S', '000D00',
// 'S9,999.99', 'MI999', '999PR', ...). Databricks follows Apache Spark 4 here, quirks included:
// a number too wide for the format comes out as '#'s (never rounded), grouping separators next
// to blanked digits turn into spaces, and a sign swaps places with the blanks beside it. Results
// must equal Spark's character for character, since reconciliation compares the strings.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace clxs::kernel::spark_number {

/// A format string Spark rejects; the message is the Databricks error line
/// ("[INVALID_FORMAT.<SUB_CLASS>] The format is invalid: '<FORMAT>'. ... SQLSTATE: 42601").
struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

namespace detail {

/// One element of a parsed format. Consecutive digits and grouping separators form one digit
/// group, as Spark groups them; 'PR' yields an opening bracket first and a closing one last.
struct Token {
  /// What the element stands for.
  enum class Kind { kDigitGroup, kPoint, kDollar, kPlusOrMinus, kMinus, kOpen, kClose, kUnknown };
  /// A part of a digit group: `digits` consecutive 0/9 positions, or a separator when 0.
  struct Item {
    /// How many 0/9 positions the run has; 0 marks a grouping separator.
    int digits = 0;
    /// Whether the run must be filled exactly (it starts with '0' before the decimal point).
    bool exact = false;
  };
  /// The element's kind.
  Kind kind = Kind::kUnknown;
  /// A digit group's runs and separators, left to right.
  std::vector<Item> items;
  /// An unrecognized character, for the error message.
  std::string text;
};

}  // namespace detail

/// A parsed Spark number format ('999', '$99.99', '99G999D9S', '000D00', 'S9,999.99', 'MI999',
/// '999PR', ...). Letters are case-insensitive, as Spark upper-cases the format first.
class NumberFormat {
 public:
  /// Parses `format`; throws FormatError with Spark's INVALID_FORMAT sub-class for a bad one.
  static NumberFormat parse(std::string_view format);

  /// The DECIMAL precision to_number returns: every 0/9 position of the format. It may exceed
  /// 38; the caller decides what that means, as Spark's DecimalType does.
  int precision() const { return precision_; }
  /// The DECIMAL scale to_number returns: the 0/9 positions after the decimal point.
  int scale() const { return scale_; }

  /// to_number: `input` read by the format, as plain decimal text with exactly scale() fraction
  /// digits ("-12454.8", "454.00"); std::nullopt when the input does not match (to_number then
  /// raises mismatchMessage(), try_to_number returns NULL).
  std::optional<std::string> read(std::string_view input) const;

  /// to_char: `decimal` (plain decimal text: optional sign, digits, optional fraction, such as
  /// "-12454.8" or "454.00") written by the format. Like Spark, a number with more integer or
  /// (non-zero) fraction digits than the format holds is not rounded: every digit position is
  /// written as '#'. Throws std::invalid_argument when `decimal` is not plain decimal text.
  std::string write(std::string_view decimal) const;

 private:
  std::vector<detail::Token> tokens_;
  int precision_ = 0;
  int scale_ = 0;
};

/// The error line to_number raises when read() returns nothing: Spark's
/// INVALID_FORMAT.MISMATCH_INPUT, naming the input and the (upper-cased) format.
std::string mismatchMessage(std::string_view input, std::string_view format);

}  // namespace clxs::kernel::spark_number
