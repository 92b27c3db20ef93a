#include "kernel/workspace/local/delta/delta_types.hpp"

#include <algorithm>
#include <cctype>

#include "clxs/text.hpp"
#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/engine/duckdb_engine.hpp"

namespace clxs::kernel {

namespace {

[[noreturn]] void unsupported(std::string_view databricksType) {
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       "[UNSUPPORTED_DATATYPE] Unsupported data type \"" +
                           upperAscii(std::string(databricksType)) +
                           "\" on the local workspace. SQLSTATE: 0A000");
}

// A primitive Databricks type (no nesting) as Delta names it.
std::string primitiveDeltaType(std::string_view databricksType) {
  std::string t;
  for (char c : databricksType) {
    if (c != ' ') t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (t == "bigint" || t == "long") return "long";
  if (t == "int" || t == "integer") return "integer";
  if (t == "smallint" || t == "short") return "short";
  if (t == "tinyint" || t == "byte") return "byte";
  if (t == "double") return "double";
  if (t == "float" || t == "real") return "float";
  if (t == "boolean") return "boolean";
  if (t == "string" || t == "varchar" || t.rfind("varchar(", 0) == 0 || t.rfind("char(", 0) == 0)
    return "string";
  if (t == "binary") return "binary";
  if (t == "date") return "date";
  if (t == "timestamp" || t == "timestamp_ltz") return "timestamp";
  if (t == "timestamp_ntz") return "timestamp_ntz";
  if (t == "decimal" || t == "dec" || t == "numeric") return "decimal(10,0)";
  if (t.rfind("decimal(", 0) == 0 || t.rfind("numeric(", 0) == 0 || t.rfind("dec(", 0) == 0) {
    const auto open = t.find('(');
    const auto inner = t.substr(open + 1, t.size() - open - 2);
    const auto comma = inner.find(',');
    const auto p = inner.substr(0, comma);
    const auto sc = comma == std::string::npos ? std::string("0") : inner.substr(comma + 1);
    auto digits = [](const std::string& v) {
      return !v.empty() && v.size() <= 2 &&
             std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(c) != 0; });
    };
    if (t.back() == ')' && digits(p) && digits(sc) && std::stoi(p) >= 1 && std::stoi(p) <= 38 &&
        std::stoi(sc) <= std::stoi(p)) {
      return "decimal(" + p + "," + sc + ")";
    }
  }
  unsupported(databricksType);
}

// Reads ARRAY<T>, MAP<K, V>, STRUCT<name[:] T [NOT NULL] [COMMENT '…'], …> or a primitive from
// `s` at `pos`, as the Delta schema's JSON for it.
class DatabricksTypeText {
 public:
  explicit DatabricksTypeText(std::string_view s) : s_(s) {}

  Json read() {
    Json t = type();
    skipSpace();
    if (pos_ != s_.size()) unsupported(s_);
    return t;
  }

 private:
  void skipSpace() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_])) != 0) ++pos_;
  }
  bool accept(char c) {
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!accept(c)) unsupported(s_);
  }
  std::string word() {
    skipSpace();
    const auto start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) != 0 || s_[pos_] == '_')) {
      ++pos_;
    }
    return std::string(s_.substr(start, pos_ - start));
  }
  // A field name: a word or a backticked name (`` `a b` ``, doubled backticks inside).
  std::string name() {
    skipSpace();
    if (pos_ < s_.size() && s_[pos_] == '`') {
      std::string out;
      for (++pos_; pos_ < s_.size(); ++pos_) {
        if (s_[pos_] == '`') {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '`') {
            out.push_back('`');
            ++pos_;
            continue;
          }
          ++pos_;
          return out;
        }
        out.push_back(s_[pos_]);
      }
      unsupported(s_);
    }
    std::string out = word();
    if (out.empty()) unsupported(s_);
    return out;
  }
  Json type() {
    const auto start = pos_;
    const std::string w = upperAscii(word());
    if (w == "ARRAY") {
      expect('<');
      Json element = type();
      expect('>');
      return Json{{"type", "array"}, {"elementType", element}, {"containsNull", true}};
    }
    if (w == "MAP") {
      expect('<');
      Json key = type();
      expect(',');
      Json value = type();
      expect('>');
      return Json{
          {"type", "map"}, {"keyType", key}, {"valueType", value}, {"valueContainsNull", true}};
    }
    if (w == "STRUCT") {
      expect('<');
      Json fields = Json::array();
      if (!accept('>')) {
        do {
          Json field{{"name", name()}};
          accept(':');
          field["type"] = type();
          field["nullable"] = true;
          Json meta = Json::object();
          while (true) {
            const auto save = pos_;
            const std::string next = upperAscii(word());
            if (next == "NOT" && upperAscii(word()) == "NULL") {
              field["nullable"] = false;
            } else if (next == "COMMENT") {
              skipSpace();
              if (pos_ >= s_.size() || s_[pos_] != '\'') unsupported(s_);
              const auto close = s_.find('\'', pos_ + 1);
              if (close == std::string_view::npos) unsupported(s_);
              meta["comment"] = std::string(s_.substr(pos_ + 1, close - pos_ - 1));
              pos_ = close + 1;
            } else {
              pos_ = save;
              break;
            }
          }
          field["metadata"] = meta;
          fields.push_back(field);
        } while (accept(','));
        expect('>');
      }
      return Json{{"type", "struct"}, {"fields", fields}};
    }
    if (w.empty()) unsupported(s_);
    // A primitive, with its (precision, scale) or (length) if any.
    if (accept('(')) {
      while (pos_ < s_.size() && s_[pos_] != ')') ++pos_;
      expect(')');
    }
    return primitiveDeltaType(s_.substr(start, pos_ - start));
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

std::string primitiveDuckdbType(const std::string& t) {
  if (t == "long") return "BIGINT";
  if (t == "integer") return "INTEGER";
  if (t == "short") return "SMALLINT";
  if (t == "byte") return "TINYINT";
  if (t == "double") return "DOUBLE";
  if (t == "float") return "FLOAT";
  if (t == "boolean") return "BOOLEAN";
  if (t == "string") return "VARCHAR";
  if (t == "binary") return "BLOB";
  if (t == "date") return "DATE";
  if (t == "timestamp") return "TIMESTAMPTZ";
  if (t == "timestamp_ntz") return "TIMESTAMP";
  if (t.rfind("decimal(", 0) == 0) return "DECIMAL" + t.substr(7);
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql, "unsupported Delta type '" + t + "'");
}

std::string primitiveDatabricksType(const std::string& t) {
  if (t == "long") return "bigint";
  if (t == "integer") return "int";
  if (t == "short") return "smallint";
  if (t == "byte") return "tinyint";
  return t;
}

std::string duckdbOf(const Json& t) {
  if (t.is_string()) return primitiveDuckdbType(t.get<std::string>());
  const std::string kind = t.value("type", "");
  if (kind == "array") return duckdbOf(t.at("elementType")) + "[]";
  if (kind == "map") {
    return "MAP(" + duckdbOf(t.at("keyType")) + ", " + duckdbOf(t.at("valueType")) + ")";
  }
  if (kind == "struct") {
    std::string out = "STRUCT(";
    bool first = true;
    for (const auto& f : t.at("fields")) {
      out += (first ? "" : ", ") + duckdbIdentifier(f.at("name").get<std::string>()) + " " +
             duckdbOf(f.at("type"));
      first = false;
    }
    return out + ")";
  }
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql, "unsupported Delta type " + t.dump());
}

std::string databricksOf(const Json& t) {
  if (t.is_string()) return primitiveDatabricksType(t.get<std::string>());
  const std::string kind = t.value("type", "");
  if (kind == "array") return "array<" + databricksOf(t.at("elementType")) + ">";
  if (kind == "map") {
    return "map<" + databricksOf(t.at("keyType")) + "," + databricksOf(t.at("valueType")) + ">";
  }
  std::string out = "struct<";
  bool first = true;
  for (const auto& f : t.at("fields")) {
    out += (first ? "" : ",") + f.at("name").get<std::string>() + ":" + databricksOf(f.at("type"));
    first = false;
  }
  return out + ">";
}

}  // namespace

std::string deltaTypeFor(std::string_view databricksType) {
  const Json t = DatabricksTypeText(databricksType).read();
  return t.is_string() ? t.get<std::string>() : t.dump();
}

Json deltaTypeJson(const std::string& deltaType) {
  if (!deltaType.empty() && deltaType.front() == '{') return Json::parse(deltaType);
  return deltaType;
}

std::string databricksTypeFor(const std::string& deltaType) {
  return databricksOf(deltaTypeJson(deltaType));
}

std::string duckdbTypeFor(const std::string& deltaType) {
  return duckdbOf(deltaTypeJson(deltaType));
}

}  // namespace clxs::kernel
