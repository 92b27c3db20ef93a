#include "kernel/workspace/local/functions/spark_conv.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace clxs::kernel::spark_conv {

namespace {

constexpr int kMinRadix = 2;   // Java's Character.MIN_RADIX
constexpr int kMaxRadix = 36;  // Java's Character.MAX_RADIX

// Java's Character.digit on one byte of the UTF-8 input: Spark hands the bytes over one by
// one, so only ASCII letters and digits can be digits; -1 for anything else.
int digitOf(char c, int radix) {
  int value = -1;
  if (c >= '0' && c <= '9') {
    value = c - '0';
  } else if (c >= 'a' && c <= 'z') {
    value = c - 'a' + 10;
  } else if (c >= 'A' && c <= 'Z') {
    value = c - 'A' + 10;
  }
  return value < radix ? value : -1;
}

char digitChar(std::uint64_t digit) {
  return static_cast<char>(digit < 10 ? '0' + digit : 'A' + (digit - 10));
}

}  // namespace

std::optional<std::string> convert(std::string_view number, int fromBase, int toBase,
                                   bool failOnOverflow) {
  // Widened before negating: Java's Math.abs(Int.MinValue) stays negative, so out of range.
  const std::int64_t toRadix = toBase < 0 ? -static_cast<std::int64_t>(toBase) : toBase;
  if (fromBase < kMinRadix || fromBase > kMaxRadix || toRadix < kMinRadix || toRadix > kMaxRadix) {
    return std::nullopt;
  }
  // UTF8String.trim(): ASCII spaces only, not tabs or other white space.
  const auto begin = number.find_first_not_of(' ');
  if (begin == std::string_view::npos) {
    return std::nullopt;
  }
  number = number.substr(begin, number.find_last_not_of(' ') - begin + 1);

  bool negative = number.front() == '-';
  // Spark's arithmetic is on a Java long taken as unsigned; unsigned words wrap the same way.
  std::uint64_t value = 0;
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  for (const char c : number.substr(negative ? 1 : 0)) {
    const int digit = digitOf(c, fromBase);
    if (digit < 0) {
      break;
    }
    if (value > (kMax - static_cast<std::uint64_t>(digit)) / static_cast<std::uint64_t>(fromBase)) {
      if (failOnOverflow) {
        throw ConvError(std::string(kOverflowError));
      }
      value = kMax;  // MySQL's and Spark's answer to an overflow without ANSI mode
      break;
    }
    value = value * static_cast<std::uint64_t>(fromBase) + static_cast<std::uint64_t>(digit);
  }

  const auto signedValue = [](std::uint64_t v) { return static_cast<std::int64_t>(v); };
  if (negative && toBase > 0) {
    // An unsigned result: the two's complement, except that a magnitude past 2^63 pins to -1.
    value = signedValue(value) < 0 ? kMax : 0 - value;
  }
  if (toBase < 0 && signedValue(value) < 0) {
    value = 0 - value;
    negative = true;
  }

  std::string digits;
  do {
    digits.push_back(digitChar(value % static_cast<std::uint64_t>(toRadix)));
    value /= static_cast<std::uint64_t>(toRadix);
  } while (value != 0);
  // The input's own sign counts here as well, so '-0' converts to '-0' in a signed base.
  if (negative && toBase < 0) {
    digits.push_back('-');
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

}  // namespace clxs::kernel::spark_conv
