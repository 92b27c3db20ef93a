#include "plugins/quality/schema_match.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include "clxs/error.hpp"
#include "clxs/text.hpp"

namespace clxs::quality {

namespace {

[[noreturn]] void badSchema(const std::string& msg) {
  throw unprocessable(Json::array({"body", "arguments", "expected_schema"}), msg, "value_error");
}

// A data type as a tree: a name (upper case, aliases folded), its parameters ("10,2"), and for
// ARRAY, MAP and STRUCT the element types (struct fields with names).
struct Type {
  std::string name;
  std::string params;
  std::vector<std::pair<std::string, Type>> children;
};

std::string canonicalName(std::string name) {
  name = upperAscii(name);
  static const std::map<std::string, std::string> kAliases{
      {"INTEGER", "INT"},     {"LONG", "BIGINT"},  {"SHORT", "SMALLINT"},
      {"BYTE", "TINYINT"},    {"REAL", "FLOAT"},   {"DEC", "DECIMAL"},
      {"NUMERIC", "DECIMAL"}, {"BOOL", "BOOLEAN"}, {"TIMESTAMP_LTZ", "TIMESTAMP"},
      {"TEXT", "STRING"}};
  const auto it = kAliases.find(name);
  return it == kAliases.end() ? name : it->second;
}

std::string render(const Type& t);

// Reads types and field lists from DDL text, Databricks' type text included.
class TypeReader {
 public:
  explicit TypeReader(std::string_view text) : s_(text) {}

  std::vector<ColumnInfo> columns() {
    std::vector<ColumnInfo> out;
    skip();
    if (done()) badSchema("The schema names no column.");
    while (true) {
      ColumnInfo c;
      c.name = identifier();
      skip();
      if (peek() == ':') ++i_;
      const Type t = type();
      c.type = render(t);
      skip();
      if (keyword("NOT")) {
        if (!keyword("NULL")) badSchema("NOT must be followed by NULL" + where());
        c.nullable = false;
      }
      if (keyword("COMMENT")) c.comment = quoted();
      out.push_back(c);
      skip();
      if (done()) return out;
      if (peek() != ',') badSchema("Expected ',' between columns" + where());
      ++i_;
    }
  }

  Type type() {
    skip();
    Type t;
    const std::size_t start = i_;
    while (!done() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_')) ++i_;
    if (i_ == start) badSchema("Expected a type" + where());
    t.name = canonicalName(std::string(s_.substr(start, i_ - start)));
    skip();
    if (peek() == '(') {
      const std::size_t close = s_.find(')', i_);
      if (close == std::string_view::npos) badSchema("Unclosed '('" + where());
      for (const char ch : s_.substr(i_ + 1, close - i_ - 1)) {
        if (!std::isspace(static_cast<unsigned char>(ch))) t.params += ch;
      }
      i_ = close + 1;
    }
    skip();
    if (peek() != '<') {
      if (t.name == "ARRAY" || t.name == "MAP" || t.name == "STRUCT") {
        badSchema(t.name + " needs its element types in <…>" + where());
      }
      return t;
    }
    ++i_;
    if (t.name == "STRUCT") {
      skip();
      while (peek() != '>') {
        const std::string field = identifier();
        skip();
        if (peek() == ':') ++i_;
        Type ft = type();
        skip();
        if (keyword("NOT")) keyword("NULL");
        if (keyword("COMMENT")) quoted();
        t.children.emplace_back(field, std::move(ft));
        skip();
        if (peek() == ',') ++i_;
        skip();
        if (done()) badSchema("Unclosed STRUCT<" + where());
      }
    } else {
      t.children.emplace_back("", type());
      skip();
      if (peek() == ',') {
        ++i_;
        t.children.emplace_back("", type());
        skip();
      }
    }
    if (peek() != '>') badSchema("Expected '>'" + where());
    ++i_;
    if ((t.name == "ARRAY" && t.children.size() != 1) ||
        (t.name == "MAP" && t.children.size() != 2)) {
      badSchema(t.name + " has the wrong number of element types");
    }
    return t;
  }

  [[nodiscard]] bool done() const { return i_ >= s_.size(); }

  void skip() {
    while (!done() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }

 private:
  [[nodiscard]] char peek() const { return done() ? '\0' : s_[i_]; }

  [[nodiscard]] std::string where() const {
    return " at character " + std::to_string(i_ + 1) + " of '" + std::string(s_) + "'";
  }

  std::string identifier() {
    skip();
    if (peek() == '`') {
      std::string out;
      for (++i_; !done(); ++i_) {
        if (s_[i_] == '`') {
          if (i_ + 1 < s_.size() && s_[i_ + 1] == '`') {
            out += '`';
            ++i_;
            continue;
          }
          ++i_;
          return out;
        }
        out += s_[i_];
      }
      badSchema("Unclosed '`'" + where());
    }
    const std::size_t start = i_;
    while (!done() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_')) ++i_;
    if (i_ == start) badSchema("Expected a column name" + where());
    return std::string(s_.substr(start, i_ - start));
  }

  bool keyword(std::string_view word) {
    skip();
    if (i_ + word.size() > s_.size()) return false;
    if (upperAscii(std::string(s_.substr(i_, word.size()))) != word) return false;
    const std::size_t after = i_ + word.size();
    if (after < s_.size() &&
        (std::isalnum(static_cast<unsigned char>(s_[after])) || s_[after] == '_')) {
      return false;
    }
    i_ = after;
    return true;
  }

  std::string quoted() {
    skip();
    const char q = peek();
    if (q != '\'' && q != '"') badSchema("COMMENT needs a quoted text" + where());
    std::string out;
    for (++i_; !done(); ++i_) {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
        out += s_[++i_];
        continue;
      }
      if (s_[i_] == q && i_ + 1 < s_.size() && s_[i_ + 1] == q) {
        out += q;
        ++i_;
        continue;
      }
      if (s_[i_] == q) {
        ++i_;
        return out;
      }
      out += s_[i_];
    }
    badSchema("Unclosed quote" + where());
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

Type parseType(std::string_view text) {
  TypeReader r(text);
  Type t = r.type();
  r.skip();
  if (!r.done()) badSchema("Unexpected text after the type '" + std::string(text) + "'");
  return t;
}

std::string render(const Type& t) {
  std::string out = t.name;
  if (!t.params.empty()) out += "(" + t.params + ")";
  if (t.children.empty()) return out;
  out += "<";
  for (std::size_t i = 0; i < t.children.size(); ++i) {
    if (i > 0) out += ",";
    if (t.name == "STRUCT") out += t.children[i].first + ":";
    out += render(t.children[i].second);
  }
  return out + ">";
}

// The family DQX lets one type widen to another within.
int family(const std::string& name) {
  static const std::set<std::string> kNumeric{"TINYINT", "SMALLINT", "INT",   "BIGINT",
                                              "DECIMAL", "FLOAT",    "DOUBLE"};
  static const std::set<std::string> kText{"STRING", "VARCHAR", "CHAR"};
  static const std::set<std::string> kTime{"DATE", "TIMESTAMP", "TIMESTAMP_NTZ"};
  if (kNumeric.contains(name)) return 1;
  if (kText.contains(name)) return 2;
  if (kTime.contains(name)) return 3;
  return 0;
}

bool compatible(const Type& actual, const Type& expected) {
  if (render(actual) == render(expected)) return true;
  if (actual.name == "VARIANT") return true;
  if (actual.children.empty() && expected.children.empty()) {
    const int f = family(actual.name);
    return f != 0 && f == family(expected.name);
  }
  if (actual.name != expected.name || actual.children.size() != expected.children.size()) {
    return false;
  }
  for (std::size_t i = 0; i < actual.children.size(); ++i) {
    if (lowerAscii(actual.children[i].first) != lowerAscii(expected.children[i].first)) {
      return false;
    }
    if (!compatible(actual.children[i].second, expected.children[i].second)) return false;
  }
  return true;
}

// A column's type as a tree; a type the reader does not know the shape of (INTERVAL DAY TO
// SECOND, say) is kept whole, so it still compares equal to itself.
Type typeTree(const ColumnInfo& c) {
  try {
    return parseType(c.type);
  } catch (const HttpError&) {
    return Type{upperAscii(c.type), "", {}};
  }
}

std::string typeOf(const ColumnInfo& c) {
  return render(typeTree(c));
}

}  // namespace

std::vector<ColumnInfo> parseSchemaDdl(std::string_view ddl) {
  TypeReader r(ddl);
  return r.columns();
}

std::vector<std::string> schemaDifferences(const std::vector<ColumnInfo>& actual,
                                           const std::vector<ColumnInfo>& expected, bool strict) {
  std::vector<std::string> errors;
  if (strict) {
    const std::size_t n = std::max(actual.size(), expected.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (i >= actual.size()) {
        errors.push_back("Column '" + expected[i].name +
                         "' in expected schema not present in checked data");
        continue;
      }
      if (i >= expected.size()) {
        errors.push_back("Column '" + actual[i].name +
                         "' in checked data not present in expected schema");
        continue;
      }
      const auto& a = actual[i];
      const auto& e = expected[i];
      if (lowerAscii(a.name) != lowerAscii(e.name)) {
        errors.push_back("Column with index " + std::to_string(i) +
                         " has incorrect name, expected '" + e.name + "', got '" + a.name + "'");
      }
      if (typeOf(a) != typeOf(e)) {
        errors.push_back("Column '" + a.name + "' has incorrect type, expected '" + typeOf(e) +
                         "', got '" + typeOf(a) + "'");
      }
      if (a.nullable != e.nullable) {
        errors.push_back("Column '" + a.name + "' has incorrect nullability, expected '" +
                         (e.nullable ? "True" : "False") + "', got '" +
                         (a.nullable ? "True" : "False") + "'");
      }
    }
    return errors;
  }
  for (const auto& e : expected) {
    const auto a = std::find_if(actual.begin(), actual.end(), [&](const ColumnInfo& c) {
      return lowerAscii(c.name) == lowerAscii(e.name);
    });
    if (a == actual.end()) {
      errors.push_back("Column '" + e.name + "' in expected schema not present in checked data");
      continue;
    }
    if (!compatible(typeTree(*a), typeTree(e))) {
      errors.push_back("Column '" + e.name + "' has incompatible type, expected '" + typeOf(e) +
                       "', got '" + typeOf(*a) + "'");
    }
  }
  return errors;
}

}  // namespace clxs::quality
