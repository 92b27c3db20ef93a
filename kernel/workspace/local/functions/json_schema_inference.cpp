#include "kernel/workspace/local/functions/json_schema_inference.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clxs/json.hpp"

namespace clxs::kernel {

namespace {

// ---------------------------------------------------------------------------------------------
// Spark's data types, as far as JSON inference produces them.

struct Type {
  // kNull is Spark's NullType: an empty array's element, null, or "" until merging decides.
  enum class Kind { kNull, kBoolean, kLong, kDouble, kDecimal, kString, kArray, kStruct };
  Kind kind = Kind::kNull;
  int precision = 0;  // DECIMAL only
  int scale = 0;      // DECIMAL only
  // ARRAY: the element type alone; STRUCT: the field types, in order.
  std::vector<Type> children;
  // STRUCT: the field names, beside `children`.
  std::vector<std::string> names;

  bool operator==(const Type&) const = default;
};

Type scalar(Type::Kind kind) {
  Type t;
  t.kind = kind;
  return t;
}
Type decimal(int precision, int scale) {
  Type t = scalar(Type::Kind::kDecimal);
  t.precision = precision;
  t.scale = scale;
  return t;
}
Type arrayOf(Type element) {
  Type t = scalar(Type::Kind::kArray);
  t.children.push_back(std::move(element));
  return t;
}

constexpr int kMaxDecimalPrecision = 38;
// Jackson's default StreamReadConstraints.maxNestingDepth: deeper documents are rejected.
constexpr int kMaxNestingDepth = 1000;

bool isArray(const Type& t) {
  return t.kind == Type::Kind::kArray;
}
bool isStruct(const Type& t) {
  return t.kind == Type::Kind::kStruct;
}
bool isDecimal(const Type& t) {
  return t.kind == Type::Kind::kDecimal;
}

// ---------------------------------------------------------------------------------------------
// Java's String comparisons, which order and match field names.

// Java compares strings by UTF-16 code units, which differs from UTF-8 byte order once
// characters beyond the BMP meet those from U+E000 up. The parser has validated the UTF-8.
std::u16string utf16(std::string_view utf8) {
  std::u16string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
    std::uint32_t cp = extra == 0 ? b : b & (0x3F >> extra);
    for (int k = 1; k <= extra && i + k < utf8.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    i += static_cast<std::size_t>(extra) + 1;
    if (cp < 0x10000) {
      out.push_back(static_cast<char16_t>(cp));
    } else {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    }
  }
  return out;
}

// String.compareTo's sign.
int compareNames(std::string_view a, std::string_view b) {
  return utf16(a).compare(utf16(b));
}

// String.equalsIgnoreCase, Spark's default (case-insensitive) resolver. ASCII letters only:
// other scripts' case pairs are left unequal.
bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [&](char x, char y) { return lower(x) == lower(y); });
}

// ---------------------------------------------------------------------------------------------
// Merging: JsonInferSchema.compatibleType over TypeCoercion.findTightestCommonType.

// DecimalType.isWiderThan(LongType): LongType counts as DECIMAL(20,0).
bool widerThanLong(const Type& d) {
  return d.precision - d.scale >= 20 && d.scale >= 0;
}

// findTightestCommonType: a common type without loss, or none.
std::optional<Type> tightest(const Type& a, const Type& b) {
  using K = Type::Kind;
  if (a == b) {
    return a;
  }
  if (a.kind == K::kNull) {
    return b;
  }
  if (b.kind == K::kNull) {
    return a;
  }
  if (a.kind == K::kLong && isDecimal(b) && widerThanLong(b)) {
    return b;
  }
  if (isDecimal(a) && b.kind == K::kLong && widerThanLong(a)) {
    return a;
  }
  const auto integralOrFloating = [](const Type& t) {
    return t.kind == K::kLong || t.kind == K::kDouble;
  };
  if (integralOrFloating(a) && integralOrFloating(b)) {
    return scalar(K::kDouble);  // BIGINT and DOUBLE: the wider of the two
  }
  if (isArray(a) && isArray(b)) {
    auto element = tightest(a.children.front(), b.children.front());
    return element ? std::optional<Type>(arrayOf(std::move(*element))) : std::nullopt;
  }
  // Structs of as many fields, pairwise equal names up to case: field by field, keeping the
  // first struct's names. Failing that, compatibleType merges them by exact name.
  if (isStruct(a) && isStruct(b) && a.names.size() == b.names.size()) {
    Type merged = a;
    for (std::size_t i = 0; i < a.names.size(); ++i) {
      if (!equalsIgnoreCase(a.names[i], b.names[i])) {
        return std::nullopt;
      }
      auto field = tightest(a.children[i], b.children[i]);
      if (!field) {
        return std::nullopt;
      }
      merged.children[i] = std::move(*field);
    }
    return merged;
  }
  return std::nullopt;
}

// compatibleType: the most general type of two; STRING when nothing else fits.
Type compatible(const Type& a, const Type& b) {
  using K = Type::Kind;
  if (auto t = tightest(a, b)) {
    return std::move(*t);
  }
  if ((a.kind == K::kDouble && isDecimal(b)) || (isDecimal(a) && b.kind == K::kDouble)) {
    return scalar(K::kDouble);
  }
  if (isDecimal(a) && isDecimal(b)) {
    const int scale = std::max(a.scale, b.scale);
    const int range = std::max(a.precision - a.scale, b.precision - b.scale);
    return range + scale > kMaxDecimalPrecision ? scalar(K::kDouble)
                                                : decimal(range + scale, scale);
  }
  if (isStruct(a) && isStruct(b)) {
    // Both field lists are sorted by name, so one merge pass takes their union; a name on both
    // sides merges its types. Duplicate names pair off in order, as in Spark.
    Type merged = scalar(K::kStruct);
    std::size_t i = 0;
    std::size_t j = 0;
    const auto take = [&merged](const Type& from, std::size_t k) {
      merged.names.push_back(from.names[k]);
      merged.children.push_back(from.children[k]);
    };
    while (i < a.names.size() && j < b.names.size()) {
      const int order = compareNames(a.names[i], b.names[j]);
      if (order == 0) {
        merged.names.push_back(a.names[i]);
        merged.children.push_back(compatible(a.children[i], b.children[j]));
        ++i;
        ++j;
      } else if (order < 0) {
        take(a, i++);
      } else {
        take(b, j++);
      }
    }
    for (; i < a.names.size(); ++i) {
      take(a, i);
    }
    for (; j < b.names.size(); ++j) {
      take(b, j);
    }
    return merged;
  }
  if (isArray(a) && isArray(b)) {
    return arrayOf(compatible(a.children.front(), b.children.front()));
  }
  // A BIGINT that the DECIMAL is too narrow for: widen both as decimals.
  if (a.kind == K::kLong && isDecimal(b)) {
    return compatible(decimal(20, 0), b);
  }
  if (isDecimal(a) && b.kind == K::kLong) {
    return compatible(a, decimal(20, 0));
  }
  return scalar(K::kString);
}

// ---------------------------------------------------------------------------------------------
// Reading: Jackson's leniencies under Spark's defaults, then a SAX pass of nlohmann's parser.

bool isJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Whether `c` may continue a word (Java's isJavaIdentifierPart, for ASCII; non-ASCII bytes are
// taken as letters). Jackson rejects a literal such as NaN or true glued to such a character.
bool continuesWord(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Length of a non-numeric number (allowNonNumericNumbers, on by default) starting at `i`, or 0.
std::size_t nonNumericNumberAt(std::string_view text, std::size_t i) {
  for (const std::string_view token :
       {"NaN", "Infinity", "+Infinity", "-Infinity", "+INF", "-INF"}) {
    if (text.substr(i, token.size()) == token &&
        (i + token.size() == text.size() || !continuesWord(text[i + token.size()]))) {
      return token.size();
    }
  }
  return 0;
}

// A number token at `i` as JSON writes it: its length (0 if malformed, for the parser to
// reject), and whether Spark types it DOUBLE (a fraction or an exponent, or more than 38
// digits). nlohmann's parser refuses a DOUBLE beyond the double range that Jackson takes, so
// the caller stands in a plain one for those.
struct NumberToken {
  std::size_t length = 0;
  bool isDouble = false;
};

NumberToken numberAt(std::string_view text, std::size_t i) {
  const auto digitAt = [text](std::size_t k) {
    return k < text.size() && text[k] >= '0' && text[k] <= '9';
  };
  std::size_t j = i;
  if (j < text.size() && text[j] == '-') {
    ++j;
  }
  const std::size_t integerStart = j;
  if (j < text.size() && text[j] == '0') {
    ++j;  // no leading zeros (allowNumericLeadingZeros is off): "01" is two tokens
  } else {
    while (digitAt(j)) {
      ++j;
    }
  }
  if (j == integerStart) {
    return {};
  }
  bool isDouble = j - integerStart > static_cast<std::size_t>(kMaxDecimalPrecision);
  if (j < text.size() && text[j] == '.') {
    std::size_t k = j + 1;
    while (digitAt(k)) {
      ++k;
    }
    if (k == j + 1) {
      return {};
    }
    j = k;
    isDouble = true;
  }
  if (j < text.size() && (text[j] == 'e' || text[j] == 'E')) {
    std::size_t k = j + 1;
    if (k < text.size() && (text[k] == '+' || text[k] == '-')) {
      ++k;
    }
    const std::size_t exponentStart = k;
    while (digitAt(k)) {
      ++k;
    }
    if (k == exponentStart) {
      return {};
    }
    j = k;
    isDouble = true;
  }
  return {j - i, isDouble};
}

// Rewrites what Spark's default reader accepts beyond strict JSON into strict JSON:
// single-quoted strings (allowSingleQuotes), the escape \' in any string, and NaN, Infinity,
// +Infinity, -Infinity, +INF, -INF (allowNonNumericNumbers). Every DOUBLE, those included,
// becomes a plain 0.0, since only its type matters. Anything else passes through for the parser
// to accept or reject.
std::string strictJson(std::string_view text) {
  // Spaced apart so that it cannot fuse with a neighbouring token into a valid one.
  constexpr std::string_view kDouble = " 0.0 ";
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      out += '"';
      ++i;
      while (i < text.size() && text[i] != c) {
        if (text[i] == '\\' && i + 1 < text.size()) {
          if (text[i + 1] == '\'') {
            out += '\'';
          } else {
            out.append(text.substr(i, 2));
          }
          i += 2;
        } else {
          if (text[i] == '"') {
            out += '\\';  // a double quote inside single quotes
          }
          out += text[i++];
        }
      }
      if (i < text.size()) {
        out += '"';
        ++i;
      }
      continue;
    }
    if (const std::size_t length = nonNumericNumberAt(text, i); length > 0) {
      out += kDouble;
      i += length;
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      if (const NumberToken number = numberAt(text, i); number.length > 0) {
        if (number.isDouble) {
          out += kDouble;
        } else {
          out.append(text.substr(i, number.length));
        }
        i += number.length;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

// Builds the inferred type of a document from the parser's events (JsonInferSchema.inferField).
class InferringSax {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  bool null() { return value(scalar(Type::Kind::kNull)); }
  bool boolean(bool /*value*/) { return value(scalar(Type::Kind::kBoolean)); }
  bool number_integer(number_integer_t /*value*/) { return value(scalar(Type::Kind::kLong)); }
  bool number_unsigned(number_unsigned_t v) {
    // Jackson's BIG_INTEGER: DECIMAL of as many digits.
    if (v > static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max())) {
      return value(decimal(static_cast<int>(std::to_string(v).size()), 0));
    }
    return value(scalar(Type::Kind::kLong));
  }
  bool number_float(number_float_t /*value*/, const string_t& text) {
    // The parser falls back to a float for an integer too wide for 64 bits: Jackson keeps it a
    // BIG_INTEGER, a DECIMAL when it has at most 38 digits.
    if (text.find_first_of(".eE") == std::string::npos) {
      const auto digits = static_cast<int>(text.size() - (text.front() == '-' ? 1 : 0));
      if (digits <= kMaxDecimalPrecision) {
        return value(decimal(digits, 0));
      }
    }
    return value(scalar(Type::Kind::kDouble));
  }
  bool string(string_t& text) {
    // An empty string counts as null until merging decides (Spark's reading of "" as null).
    return value(scalar(text.empty() ? Type::Kind::kNull : Type::Kind::kString));
  }
  bool binary(binary_t& /*value*/) { return value(scalar(Type::Kind::kString)); }
  bool start_object(std::size_t /*elements*/) { return open(true); }
  bool key(string_t& name) {
    frames_.back().key = std::move(name);
    return true;
  }
  bool end_object() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    // Sorted by name, stably: Spark keeps duplicate names, in document order.
    std::vector<std::size_t> order(frame.fields.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<std::u16string> keys;
    keys.reserve(frame.fields.size());
    for (const auto& field : frame.fields) {
      keys.push_back(utf16(field.first));
    }
    std::stable_sort(order.begin(), order.end(),
                     [&keys](std::size_t x, std::size_t y) { return keys[x] < keys[y]; });
    Type result = scalar(Type::Kind::kStruct);
    for (const std::size_t k : order) {
      result.names.push_back(std::move(frame.fields[k].first));
      result.children.push_back(std::move(frame.fields[k].second));
    }
    return value(std::move(result));
  }
  bool start_array(std::size_t /*elements*/) { return open(false); }
  bool end_array() {
    Type element = std::move(frames_.back().element);
    frames_.pop_back();
    return value(arrayOf(std::move(element)));
  }
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const Json::exception& e) {
    error_ = e.what();
    return false;
  }

  /// The document's type, once the parse has succeeded.
  Type& root() { return root_; }
  /// Why the parse stopped, when it failed.
  const std::string& error() const { return error_; }

 private:
  struct Frame {
    bool object = false;
    std::string key;                                   // objects: the name of the next value
    std::vector<std::pair<std::string, Type>> fields;  // objects: fields in document order
    Type element;                                      // arrays: the elements merged so far
  };

  bool open(bool object) {
    if (frames_.size() >= static_cast<std::size_t>(kMaxNestingDepth)) {
      error_ = "the document nests deeper than " + std::to_string(kMaxNestingDepth) + " levels";
      return false;
    }
    frames_.emplace_back().object = object;
    return true;
  }

  bool value(Type type) {
    if (frames_.empty()) {
      root_ = std::move(type);
    } else if (Frame& frame = frames_.back(); frame.object) {
      frame.fields.emplace_back(std::move(frame.key), std::move(type));
    } else if (frame.element.kind == Type::Kind::kNull) {
      frame.element = std::move(type);  // elements merge from NullType, which yields to any
    } else if (!(frame.element == type)) {
      frame.element = compatible(frame.element, type);  // left to right, as Spark merges
    }
    return true;
  }

  std::vector<Frame> frames_;
  Type root_;
  std::string error_;
};

Type inferDocument(std::string_view json) {
  const std::size_t start = std::find_if_not(json.begin(), json.end(), isJsonSpace) - json.begin();
  if (start == json.size()) {
    return scalar(Type::Kind::kNull);  // no token at all: Spark's NullType
  }
  std::string text;
  bool strict = false;
  if (const char first = json[start];
      first == '{' || first == '[' || first == '"' || first == '\'') {
    // Spark reads one value and ignores whatever follows it.
    text = strictJson(json.substr(start));
  } else {
    // A bare scalar: Jackson reads the word it starts, and insists that a number be followed by
    // white space or the end.
    std::size_t end = start;
    while (end < json.size() &&
           (continuesWord(json[end]) || json[end] == '.' || json[end] == '+' || json[end] == '-')) {
      ++end;
    }
    const std::string_view word = json.substr(start, end - start);
    if (word.empty()) {
      throw std::invalid_argument("malformed JSON: no value at the start");
    }
    const bool number =
        (word.front() >= '0' && word.front() <= '9') ||
        (word.size() > 1 && word.front() == '-' && word[1] >= '0' && word[1] <= '9');
    if (number && end < json.size() && !isJsonSpace(json[end])) {
      throw std::invalid_argument("malformed JSON: a number must be followed by white space");
    }
    text = strictJson(word);
    strict = true;
  }
  InferringSax sax;
  if (!Json::sax_parse(text, &sax, Json::input_format_t::json, strict)) {
    throw std::invalid_argument("malformed JSON: " + sax.error());
  }
  return std::move(sax.root());
}

// ---------------------------------------------------------------------------------------------
// canonicalizeType and DataType.sql.

// NullType becomes STRING; empty-named fields, and structs left with no field, disappear.
std::optional<Type> canonical(const Type& t) {
  if (isArray(t)) {
    auto element = canonical(t.children.front());
    return element ? std::optional<Type>(arrayOf(std::move(*element))) : std::nullopt;
  }
  if (isStruct(t)) {
    Type kept = scalar(Type::Kind::kStruct);
    for (std::size_t i = 0; i < t.names.size(); ++i) {
      if (t.names[i].empty()) {
        continue;
      }
      if (auto field = canonical(t.children[i])) {
        kept.names.push_back(t.names[i]);
        kept.children.push_back(std::move(*field));
      }
    }
    return kept.names.empty() ? std::nullopt : std::optional<Type>(std::move(kept));
  }
  if (t.kind == Type::Kind::kNull) {
    return scalar(Type::Kind::kString);
  }
  return t;
}

// QuotingUtils.quoteIfNeeded: backquoted unless a plain identifier (not starting with a digit).
std::string quoteIfNeeded(const std::string& name) {
  const auto plain = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (!name.empty() && !(name.front() >= '0' && name.front() <= '9') &&
      std::all_of(name.begin(), name.end(), plain)) {
    return name;
  }
  std::string quoted = "`";
  for (const char c : name) {
    quoted += c;
    if (c == '`') {
      quoted += '`';
    }
  }
  return quoted + "`";
}

void appendSql(const Type& t, std::string& out) {
  switch (t.kind) {
    case Type::Kind::kNull:
      out += "VOID";
      break;
    case Type::Kind::kBoolean:
      out += "BOOLEAN";
      break;
    case Type::Kind::kLong:
      out += "BIGINT";
      break;
    case Type::Kind::kDouble:
      out += "DOUBLE";
      break;
    case Type::Kind::kDecimal:
      out += "DECIMAL(" + std::to_string(t.precision) + "," + std::to_string(t.scale) + ")";
      break;
    case Type::Kind::kString:
      out += "STRING";
      break;
    case Type::Kind::kArray:
      out += "ARRAY<";
      appendSql(t.children.front(), out);
      out += ">";
      break;
    case Type::Kind::kStruct:
      out += "STRUCT<";
      for (std::size_t i = 0; i < t.names.size(); ++i) {
        out += i == 0 ? "" : ", ";
        out += quoteIfNeeded(t.names[i]);
        out += ": ";
        appendSql(t.children[i], out);
      }
      out += ">";
      break;
  }
}

}  // namespace

std::string sparkSchemaOfJson(std::string_view json) {
  const Type inferred = inferDocument(json);
  // SchemaOfJsonEvaluator: a struct, and an array of structs, survive canonicalization even when
  // it would drop them, as an empty struct.
  Type result;
  if (isStruct(inferred)) {
    result = canonical(inferred).value_or(scalar(Type::Kind::kStruct));
  } else if (isArray(inferred) && isStruct(inferred.children.front())) {
    result = arrayOf(canonical(inferred.children.front()).value_or(scalar(Type::Kind::kStruct)));
  } else {
    result = canonical(inferred).value_or(scalar(Type::Kind::kString));
  }
  std::string out;
  appendSql(result, out);
  return out;
}

}  // namespace clxs::kernel
