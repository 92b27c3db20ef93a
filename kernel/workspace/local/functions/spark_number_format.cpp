#include "kernel/workspace/local/functions/spark_number_format.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

namespace clxs::kernel::spark_number {

namespace {

using detail::Token;
using Kind = Token::Kind;

constexpr std::string_view kSqlState = " SQLSTATE: 42601";

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Spark upper-cases the format (Locale.ROOT) before reading it, and its error messages show the
// upper-cased text. Only ASCII letters carry meaning in a format, so only they are folded.
std::string upperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// A string as Spark's toSQLValue shows it: single-quoted, inner quotes escaped with '\'.
std::string sqlQuoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

[[noreturn]] void fail(std::string_view subClass, std::string_view format, std::string_view why) {
  std::string msg = "[INVALID_FORMAT.";
  msg += subClass;
  msg += "] The format is invalid: ";
  msg += sqlQuoted(format);
  msg += ". ";
  msg += why;
  msg += kSqlState;
  throw FormatError(msg);
}

// The byte length of the UTF-8 sequence a lead byte opens (1 for a stray byte), so that an
// unrecognized format character is quoted whole in the error message.
std::size_t utf8Length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// How many bytes of Java whitespace (Character.isWhitespace) start at `pos`, or 0. Spark skips
// whitespace inside the digits of an input, and Java's notion of it reaches past ASCII.
std::size_t whitespaceAt(std::string_view s, std::size_t pos) {
  const auto b = [&](std::size_t i) {
    return pos + i < s.size() ? static_cast<unsigned char>(s[pos + i]) : 0U;
  };
  const unsigned c0 = b(0);
  if ((c0 >= 0x09 && c0 <= 0x0D) || (c0 >= 0x1C && c0 <= 0x20)) return 1;
  const unsigned c1 = b(1);
  const unsigned c2 = b(2);
  if (c0 == 0xE1 && c1 == 0x9A && c2 == 0x80) return 3;  // U+1680
  if (c0 == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;  // U+3000
  if (c0 != 0xE2) return 0;
  // U+2000..U+2006 and U+2008..U+200A (U+2007 is a no-break space), U+2028, U+2029.
  if (c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A && c2 != 0x87) || c2 == 0xA8 || c2 == 0xA9)) {
    return 3;
  }
  if (c1 == 0x81 && c2 == 0x9F) return 3;  // U+205F
  return 0;
}

// Splits the (upper-cased) format into tokens, merging each stretch of digits and separators
// into one digit group, as Spark does before validating or using the format.
std::vector<Token> tokenize(std::string_view f) {
  std::vector<Token> tokens;
  bool pastPoint = false;
  const auto addItem = [&](Token::Item item) {
    if (tokens.empty() || tokens.back().kind != Kind::kDigitGroup) {
      tokens.push_back(Token{Kind::kDigitGroup, {}, {}});
    }
    tokens.back().items.push_back(item);
  };
  const auto add = [&](Kind kind) { tokens.push_back(Token{kind, {}, {}}); };
  std::size_t i = 0;
  while (i < f.size()) {
    const char c = f[i];
    const char next = i + 1 < f.size() ? f[i + 1] : '\0';
    if (c == '0' || c == '9') {
      std::size_t end = i;
      while (end < f.size() && (f[end] == '0' || f[end] == '9')) ++end;
      // A run must be filled exactly only when it starts with '0' left of the decimal point.
      addItem({static_cast<int>(end - i), c == '0' && !pastPoint});
      i = end;
      continue;
    }
    if (c == ',' || c == 'G') {
      addItem({0, false});
    } else if (c == '.' || c == 'D') {
      add(Kind::kPoint);
      pastPoint = true;
    } else if (c == '$') {
      add(Kind::kDollar);
    } else if (c == 'S') {
      add(Kind::kPlusOrMinus);
    } else if (c == 'M' && next == 'I') {
      add(Kind::kMinus);
      ++i;
    } else if (c == 'P' && next == 'R') {
      // The brackets wrap the whole result, wherever PR is written.
      tokens.insert(tokens.begin(), Token{Kind::kOpen, {}, {}});
      add(Kind::kClose);
      ++i;
    } else {
      const std::size_t len = std::min(utf8Length(static_cast<unsigned char>(c)), f.size() - i);
      tokens.push_back(Token{Kind::kUnknown, {}, std::string(f.substr(i, len))});
      i += len;
      continue;
    }
    ++i;
  }
  return tokens;
}

// How Spark names a token in UNEXPECTED_TOKEN (the doubled closing quote is Spark's).
std::string tokenName(const Token& t) {
  switch (t.kind) {
    case Kind::kDigitGroup:
      return "digit sequence";
    case Kind::kPoint:
      return ". or D";
    case Kind::kDollar:
      return "$";
    case Kind::kPlusOrMinus:
      return "S";
    case Kind::kMinus:
      return "MI";
    case Kind::kOpen:
    case Kind::kClose:
      return "PR";
    case Kind::kUnknown:
      break;
  }
  return "character '" + t.text + "''";
}

std::ptrdiff_t firstIndexOf(const std::vector<Token>& tokens, Kind kind) {
  const auto it =
      std::find_if(tokens.begin(), tokens.end(), [&](const Token& t) { return t.kind == kind; });
  return it == tokens.end() ? -1 : it - tokens.begin();
}

// A separator is misplaced at either end of its group or beside another separator.
bool hasMisplacedSeparator(const Token& group) {
  const auto& items = group.items;
  for (std::size_t j = 0; j < items.size(); ++j) {
    if (items[j].digits != 0) continue;
    if (j == 0 || j + 1 == items.size()) return true;
    if (items[j - 1].digits == 0 || items[j + 1].digits == 0) return true;
  }
  return false;
}

bool hasSeparator(const Token& group) {
  return std::any_of(group.items.begin(), group.items.end(),
                     [](const Token::Item& item) { return item.digits == 0; });
}

constexpr unsigned bit(Kind kind) {
  return 1U << static_cast<unsigned>(kind);
}

// Spark's checks, in Spark's order: a format breaking several rules reports the first.
void validate(const std::vector<Token>& tokens, std::string_view format) {
  if (format.empty()) fail("EMPTY", format, "The number format string cannot be empty.");
  const auto firstGroup = firstIndexOf(tokens, Kind::kDigitGroup);
  if (firstGroup < 0) {
    fail("WRONG_NUM_DIGIT", format, "The format string requires at least one number digit.");
  }
  const auto firstDollar = firstIndexOf(tokens, Kind::kDollar);
  if (firstGroup < firstDollar) {
    fail("CUR_MUST_BEFORE_DIGIT", format,
         "Currency characters must appear before digits in the number format.");
  }
  const auto firstPoint = firstIndexOf(tokens, Kind::kPoint);
  if (firstPoint >= 0 && firstPoint < firstDollar) {
    fail("CUR_MUST_BEFORE_DEC", format,
         "Currency characters must appear before any decimal point in the number format.");
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const bool beforePoint = firstPoint < 0 || static_cast<std::ptrdiff_t>(i) < firstPoint;
    if (tokens[i].kind == Kind::kDigitGroup && beforePoint && hasMisplacedSeparator(tokens[i])) {
      fail("CONT_THOUSANDS_SEPS", format,
           "Thousands separators (, or G) must have digits in between them in the number format.");
    }
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const bool afterPoint = firstPoint >= 0 && static_cast<std::ptrdiff_t>(i) > firstPoint;
    if (tokens[i].kind == Kind::kDigitGroup && afterPoint && hasSeparator(tokens[i])) {
      fail("THOUSANDS_SEPS_MUST_BEFORE_DEC", format,
           "Thousands separators (, or G) may not appear after the decimal point in the number "
           "format.");
    }
  }
  // Tokens allowed at most once, under the names Spark's message gives them.
  constexpr std::array<std::pair<Kind, std::string_view>, 5> kSingletons{{
      {Kind::kPoint, ". or D"},
      {Kind::kPlusOrMinus, "S"},
      {Kind::kMinus, "MI"},
      {Kind::kDollar, "$"},
      {Kind::kClose, "PR"},
  }};
  for (const auto& [kind, name] : kSingletons) {
    const auto count = std::count_if(tokens.begin(), tokens.end(),
                                     [kind = kind](const Token& t) { return t.kind == kind; });
    if (count > 1) {
      fail("WRONG_NUM_TOKEN", format,
           "At most one " + std::string(name) + " is allowed in the number format.");
    }
  }
  // The layout [PR] [MI|S] [$] [digits] [.|D] [digits] [$] [PR|MI|S]: each slot takes at most
  // the next token, and any token left over is out of place.
  constexpr std::array<unsigned, 8> kSlots{
      bit(Kind::kOpen),   bit(Kind::kMinus) | bit(Kind::kPlusOrMinus),
      bit(Kind::kDollar), bit(Kind::kDigitGroup),
      bit(Kind::kPoint),  bit(Kind::kDigitGroup),
      bit(Kind::kDollar), bit(Kind::kMinus) | bit(Kind::kPlusOrMinus) | bit(Kind::kClose)};
  std::size_t next = 0;
  for (const unsigned slot : kSlots) {
    if (next < tokens.size() && (slot & bit(tokens[next].kind)) != 0) ++next;
  }
  if (next < tokens.size()) {
    fail("UNEXPECTED_TOKEN", format,
         "Found the unexpected " + tokenName(tokens[next]) +
             " in the format string; the structure of the format string must match: `[MI|S]` "
             "`[$]` `[0|9|G|,]*` `[.|D]` `[0|9]*` `[$]` `[PR|MI|S]`.");
  }
}

int digitCount(const Token& group) {
  int n = 0;
  for (const auto& item : group.items) n += item.digits;
  return n;
}

// Reads one digit group of the input at `pos` into `digits`. Spark takes every digit, comma and
// whitespace in a row, then matches the comma-separated sizes against the format's runs from
// the right, so leading optional runs may go unused. Returns false on a mismatch.
bool readGroup(const Token& group, std::string_view input, std::size_t& pos, std::string& digits) {
  std::vector<int> sizes;  // left to right
  int current = 0;
  while (pos < input.size()) {
    if (const std::size_t ws = whitespaceAt(input, pos); ws > 0) {
      pos += ws;
      continue;
    }
    const char c = input[pos];
    if (isDigit(c)) {
      digits += c;
      ++current;
    } else if (c == ',') {
      sizes.push_back(current);
      current = 0;
    } else {
      break;
    }
    ++pos;
  }
  sizes.push_back(current);
  std::vector<const Token::Item*> runs;  // right to left
  for (auto it = group.items.rbegin(); it != group.items.rend(); ++it) {
    if (it->digits > 0) runs.push_back(&*it);
  }
  // More comma-separated parts than the format has runs: too many separators in the input.
  if (sizes.size() > runs.size()) return false;
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const int actual = k < sizes.size() ? sizes[sizes.size() - 1 - k] : 0;
    if (runs[k]->exact ? actual != runs[k]->digits : actual > runs[k]->digits) return false;
  }
  return true;
}

// Moves a just-appended sign or bracket left past the blanks before it, so it hugs the digits.
void appendBeforeBlanks(std::string& out, char c) {
  out += c;
  for (std::size_t i = out.size() - 1; i >= 1 && out[i - 1] == ' ' && out[i] == c; --i) {
    std::swap(out[i - 1], out[i]);
  }
}

// Appends a blank, moving a leading sign or '<' right past it, so the sign hugs the digits.
void appendBlankAfterSign(std::string& out) {
  out += ' ';
  for (std::size_t i = out.size() - 1; i >= 1 && out[i] == ' '; --i) {
    const char prev = out[i - 1];
    if (prev != '+' && prev != '-' && prev != '<') break;
    std::swap(out[i - 1], out[i]);
  }
}

// A decimal point with no digits after it is blanked, as Spark does.
void blankLonePoint(std::string& out) {
  const auto i = out.find('.');
  if (i == std::string::npos) return;
  if (i + 1 == out.size() || out[i + 1] == ' ') out[i] = ' ';
}

}  // namespace

NumberFormat NumberFormat::parse(std::string_view format) {
  const std::string upper = upperAscii(format);
  NumberFormat nf;
  nf.tokens_ = tokenize(upper);
  validate(nf.tokens_, upper);
  bool pastPoint = false;
  for (const auto& t : nf.tokens_) {
    if (t.kind == Kind::kPoint) pastPoint = true;
    if (t.kind != Kind::kDigitGroup) continue;
    const int n = digitCount(t);
    nf.precision_ += n;
    if (pastPoint) nf.scale_ += n;
  }
  return nf;
}

std::optional<std::string> NumberFormat::read(std::string_view input) const {
  std::string whole;
  std::string fraction;
  // Digits count as fraction only once the input itself has shown a '.'.
  bool inputPastPoint = false;
  bool opened = false;
  bool closed = false;
  bool negative = false;
  std::size_t pos = 0;
  for (const auto& t : tokens_) {
    const bool more = pos < input.size();
    const char c = more ? input[pos] : '\0';
    switch (t.kind) {
      case Kind::kDigitGroup:
        if (!readGroup(t, input, pos, inputPastPoint ? fraction : whole)) return std::nullopt;
        break;
      case Kind::kPoint:  // optional in the input
        if (more && c == '.') {
          inputPastPoint = true;
          ++pos;
        }
        break;
      case Kind::kDollar:  // required, unless the input has already ended
        if (!more) break;
        if (c != '$') return std::nullopt;
        ++pos;
        break;
      case Kind::kPlusOrMinus:
        if (more && (c == '+' || c == '-')) {
          negative = negative != (c == '-');
          ++pos;
        }
        break;
      case Kind::kMinus:
        if (more && c == '-') {
          negative = !negative;
          ++pos;
        }
        break;
      case Kind::kOpen:
        if (more && c == '<') {
          if (opened) return std::nullopt;
          opened = true;
          ++pos;
        }
        break;
      case Kind::kClose:
        if (more && c == '>') {
          if (!opened) return std::nullopt;
          closed = true;
          negative = !negative;
          ++pos;
        }
        break;
      case Kind::kUnknown:  // rejected by parse()
        return std::nullopt;
    }
  }
  if (pos < input.size() || opened != closed) return std::nullopt;
  // No digits at all (an empty or blank input) is a mismatch, not zero (SPARK-54843).
  if (whole.empty() && fraction.empty()) return std::nullopt;
  const auto scale = static_cast<std::size_t>(scale_);
  if (fraction.size() < scale) fraction.append(scale - fraction.size(), '0');
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
  if (whole.empty()) whole = "0";
  const bool zero = whole == "0" && fraction.find_first_not_of('0') == std::string::npos;
  std::string out = negative && !zero ? "-" : "";
  out += whole;
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

std::string NumberFormat::write(std::string_view decimal) const {
  std::string_view text = decimal;
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const auto point = text.find('.');
  std::string before(text.substr(0, point));
  std::string after(point == std::string_view::npos ? std::string_view{} : text.substr(point + 1));
  const auto allDigits = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), isDigit);
  };
  if (before.size() + after.size() == 0 || !allDigits(before) || !allDigits(after)) {
    throw std::invalid_argument("not a plain decimal: " + std::string(decimal));
  }
  // Spark drops leading integer zeros and trailing fraction zeros before fitting the format.
  before.erase(0, std::min(before.find_first_not_of('0'), before.size()));
  after.erase(std::min(after.find_last_not_of('0') + 1, after.size()));
  negative = negative && !(before.empty() && after.empty());  // -0.00 is zero, not negative

  std::size_t formatBefore = 0;
  std::size_t formatAfter = 0;
  bool pastPoint = false;
  for (const auto& t : tokens_) {
    if (t.kind == Kind::kPoint) pastPoint = true;
    if (t.kind == Kind::kDigitGroup) {
      (pastPoint ? formatAfter : formatBefore) += static_cast<std::size_t>(digitCount(t));
    }
  }
  if (before.size() > formatBefore || after.size() > formatAfter) {
    before.assign(formatBefore, '#');
    after.assign(formatAfter, '#');
  }
  // Unfilled integer positions are blanks (zeros for an exact run); fraction ones are zeros.
  before.insert(0, formatBefore - before.size(), ' ');
  after.append(formatAfter - after.size(), '0');

  std::string out;
  std::size_t nextBefore = 0;
  std::size_t nextAfter = 0;
  pastPoint = false;
  for (const auto& t : tokens_) {
    switch (t.kind) {
      case Kind::kDigitGroup:
        for (const auto& item : t.items) {
          if (item.digits == 0) {  // a separator shows only right after a digit
            if (!out.empty() && isDigit(out.back())) {
              out += ',';
            } else {
              appendBlankAfterSign(out);
            }
            continue;
          }
          for (int k = 0; k < item.digits; ++k) {
            if (pastPoint) {
              out += after[nextAfter++];
              continue;
            }
            const char c = before[nextBefore++];
            if (c != ' ') {
              out += c;
            } else if (item.exact) {
              out += '0';
            } else {
              appendBlankAfterSign(out);
            }
          }
        }
        break;
      case Kind::kPoint:
        // A number below one still shows a zero before the point, if a position is free.
        if (!out.empty() && out.back() == ' ') out.back() = '0';
        out += '.';
        pastPoint = true;
        break;
      case Kind::kDollar:
        out += '$';
        break;
      case Kind::kPlusOrMinus:
        blankLonePoint(out);
        appendBeforeBlanks(out, negative ? '-' : '+');
        break;
      case Kind::kMinus:
        if (!negative) {
          out += ' ';
          break;
        }
        blankLonePoint(out);
        appendBeforeBlanks(out, '-');
        break;
      case Kind::kOpen:
        if (negative) out += '<';
        break;
      case Kind::kClose:
        blankLonePoint(out);
        if (negative) {
          appendBeforeBlanks(out, '>');
        } else {
          out += "  ";
        }
        break;
      case Kind::kUnknown:  // rejected by parse()
        break;
    }
  }
  blankLonePoint(out);
  if (out.empty() || out == "+" || out == "-") return "0";
  return out;
}

std::string mismatchMessage(std::string_view input, std::string_view format) {
  std::string msg = "[INVALID_FORMAT.MISMATCH_INPUT] The format is invalid: ";
  msg += upperAscii(format);
  msg += ". The input \"STRING\" ";
  msg += input;
  msg += " does not match the format.";
  msg += kSqlState;
  return msg;
}

}  // namespace clxs::kernel::spark_number
