// Spark's `conv(num, from_base, to_base)` (NumberConverter, after Hive's UDFConv): the digits
// are read as an unsigned 64-bit number, so a negative input wraps ('-1' is 2^64 - 1) unless
// to_base is negative, which asks for a signed result. Results must equal Spark's character for
// character, quirks included ('-0' stays '-0' in a signed base, an invalid character ends the
// number silently), since reconciliation compares the strings.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace clxs::kernel::spark_conv {

/// A conversion Spark refuses; what() is the whole Databricks error line,
/// "[CLASS] message SQLSTATE: xxxxx".
struct ConvError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The error line for digits that do not fit in 64 bits while ANSI mode is on (Spark 4's and
/// Databricks' default).
inline constexpr std::string_view kOverflowError =
    "[ARITHMETIC_OVERFLOW] Overflow in function conv(). If necessary set \"ansi_mode\" to "
    "\"false\" to bypass this error. SQLSTATE: 22003";

/// conv: `number` read in `fromBase` (2..36), written in |`toBase`| (2..36) with upper-case
/// digits, signed when `toBase` is negative. Spaces (only U+0020) around `number` are ignored;
/// one leading '-' negates; reading stops at the first character that is not a digit of
/// `fromBase`. NULL (nullopt) for a base out of range or an empty `number`. Digits worth more
/// than 2^64 - 1 throw ConvError(kOverflowError) when `failOnOverflow` (ANSI mode), and read as
/// 2^64 - 1 otherwise, as Spark does with ANSI mode off.
std::optional<std::string> convert(std::string_view number, int fromBase, int toBase,
                                   bool failOnOverflow = true);

}  // namespace clxs::kernel::spark_conv
