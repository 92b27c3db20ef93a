#include "kernel/workspace/local/sql/spark_types.hpp"

#include "clxs/json.hpp"
#include "clxs/text.hpp"
#include "kernel/workspace/local/engine/duckdb_engine.hpp"

namespace clxs::kernel {

namespace {

class TypeReader {
 public:
  TypeReader(const std::vector<Token>& toks, std::size_t& i, std::size_t to)
      : toks_(toks), i_(i), to_(to) {}

  // Returns {DuckDB type, JSON structure} of the type at i.
  std::pair<std::string, std::string> type() {
    if (i_ >= to_ || !toks_[i_].isIdentifier()) fail("a type");
    const std::string name = toks_[i_].text;
    const auto u = upperAscii(name);
    ++i_;
    if (u == "ARRAY" && at("<")) {
      ++i_;
      const auto [element, json] = type();
      expect(">");
      return {element + "[]", "[" + json + "]"};
    }
    if (u == "MAP" && at("<")) {
      ++i_;
      const auto key = type().first;
      expect(",");
      const auto value = type().first;
      expect(">");
      const std::string map = "MAP(" + key + ", " + value + ")";
      return {map, "\"" + map + "\""};
    }
    if (u == "STRUCT" && at("<")) {
      ++i_;
      std::string duck = "STRUCT(";
      std::string json = "{";
      bool first = true;
      while (!at(">")) {
        if (!first) expect(",");
        const auto [fieldName, fieldType, fieldJson] = field();
        duck += (first ? "" : ", ") + duckdbIdentifier(fieldName) + " " + fieldType;
        json += std::string(first ? "" : ",") + Json(fieldName).dump() + ":" + fieldJson;
        first = false;
      }
      expect(">");
      return {duck + ")", json + "}"};
    }
    std::string duck = duckdbSimpleType(name);
    if (at("(")) {  // DECIMAL(10,2), VARCHAR(20)
      duck += "(";
      ++i_;
      while (i_ < to_ && !toks_[i_].isSymbol(")")) duck += toks_[i_++].text;
      expect(")");
      duck += ")";
      if (upperAscii(name) == "VARCHAR" || upperAscii(name) == "CHAR") duck = "VARCHAR";
    }
    return {duck, "\"" + duck + "\""};
  }

  // name [:] type [NOT NULL] [COMMENT '…']
  std::tuple<std::string, std::string, std::string> field() {
    if (i_ >= to_ || !toks_[i_].isIdentifier()) fail("a field name");
    const std::string name = toks_[i_++].text;
    std::pair<std::string, std::string> t;
    if (i_ < to_ && toks_[i_].kind == TokenKind::Parameter) {
      // `a:INT` reads as a parameter token; its text is a simple type.
      t.first = duckdbSimpleType(toks_[i_++].text);
      t.second = "\"" + t.first + "\"";
    } else {
      if (at(":")) ++i_;
      t = type();
    }
    if (i_ + 1 < to_ && toks_[i_].is("NOT") && toks_[i_ + 1].is("NULL")) i_ += 2;
    if (i_ + 1 < to_ && toks_[i_].is("COMMENT")) i_ += 2;
    return {name, t.first, t.second};
  }

  [[nodiscard]] bool done() const { return i_ >= to_; }
  [[nodiscard]] bool at(std::string_view s) const { return i_ < to_ && toks_[i_].isSymbol(s); }
  void expect(std::string_view s) {
    if (!at(s)) fail("'" + std::string(s) + "'");
    ++i_;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throwSyntaxError(i_ < to_ ? toks_[i_].text : "", "expected " + what + " in a type");
  }
  const std::vector<Token>& toks_;
  std::size_t& i_;
  std::size_t to_;
};

}  // namespace

std::string duckdbSimpleType(std::string_view name) {
  auto u = upperAscii(name);
  if (u == "INT" || u == "INTEGER") return "INTEGER";
  if (u == "LONG" || u == "BIGINT") return "BIGINT";
  if (u == "SHORT" || u == "SMALLINT") return "SMALLINT";
  if (u == "BYTE" || u == "TINYINT") return "TINYINT";
  if (u == "STRING" || u == "VARCHAR" || u == "CHAR") return "VARCHAR";
  if (u == "BINARY") return "BLOB";
  if (u == "TIMESTAMP" || u == "TIMESTAMP_LTZ") return "TIMESTAMPTZ";
  if (u == "TIMESTAMP_NTZ") return "TIMESTAMP";
  if (u == "REAL") return "FLOAT";
  return u;  // BOOLEAN, DOUBLE, FLOAT, DATE, DECIMAL, INTERVAL, VOID
}

std::string duckdbTypeSpec(const std::vector<Token>& toks, std::size_t& i, std::size_t to) {
  return TypeReader(toks, i, to).type().first;
}

std::string duckdbJsonStructure(std::string_view schema) {
  const auto toks = lexSql(schema);
  std::size_t i = 0;
  const std::size_t to = toks.size() - 1;
  TypeReader reader(toks, i, to);
  // One type (ARRAY<…>, STRUCT<…>, MAP<…>) or a list of fields.
  if (to >= 2 && toks[1].isSymbol("<")) {
    auto json = reader.type().second;
    if (!reader.done()) throwSyntaxError(toks[i].text, "unexpected text after the schema");
    return json;
  }
  std::string json = "{";
  bool first = true;
  while (!reader.done()) {
    if (!first) reader.expect(",");
    const auto [name, type, fieldJson] = reader.field();
    json += std::string(first ? "" : ",") + Json(name).dump() + ":" + fieldJson;
    first = false;
  }
  return json + "}";
}

}  // namespace clxs::kernel
