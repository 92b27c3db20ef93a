// Databricks SQL queries rewritten for DuckDB: table references become scans of their Delta
// snapshot (time travel included), views expand in their own catalog and schema, literals
// and identifiers are re-quoted, and the few Spark-only spellings are mapped.
#include <algorithm>
#include <set>

#include "kernel/workspace/local/functions/builtin_function.hpp"
#include "kernel/workspace/local/functions/json_path.hpp"
#include "kernel/workspace/local/sql/interval_literal.hpp"
#include "kernel/workspace/local/sql/result_types.hpp"
#include "kernel/workspace/local/sql/spark_types.hpp"
#include "kernel/workspace/local/sql/statement_executor.hpp"

namespace clxs::kernel {

namespace {

constexpr int kMaxViewDepth = 32;

// Words that end a FROM clause at their nesting level.
bool endsFromClause(const Token& t) {
  static const std::set<std::string, std::less<>> kWords{
      "WHERE",     "GROUP",  "HAVING",  "ORDER",  "LIMIT",   "UNION",      "EXCEPT",
      "INTERSECT", "WINDOW", "QUALIFY", "SELECT", "CLUSTER", "DISTRIBUTE", "SORT",
      "OFFSET",    "MINUS",  "SET",     "WHEN",   "VALUES",  "ON",         "USING"};
  return t.kind == TokenKind::Word && kWords.count(upperAscii(t.text)) > 0;
}

// Words that end a select list at its nesting level (EXCEPT only when not `* EXCEPT (…)`).
bool endsSelectList(const Token& t, const Token* before) {
  static const std::set<std::string, std::less<>> kWords{
      "FROM",  "WHERE",  "GROUP",   "HAVING", "ORDER",   "LIMIT",      "UNION", "INTERSECT",
      "MINUS", "WINDOW", "QUALIFY", "INTO",   "CLUSTER", "DISTRIBUTE", "SORT",  "OFFSET"};
  if (t.isSymbol(";")) return true;
  if (t.kind != TokenKind::Word) return false;
  if (t.is("EXCEPT")) return before == nullptr || !before->isSymbol("*");
  return kWords.count(upperAscii(t.text)) > 0;
}

// Whether an interval literal (`INTERVAL 1 YEAR`) ends the tokens [from, to).
bool endsInterval(const std::vector<Token>& toks, std::size_t from, std::size_t to) {
  for (std::size_t k = from; k < to; ++k) {
    if (!toks[k].is("INTERVAL")) continue;
    std::size_t end = k;
    if (readIntervalLiteral(toks, end, to) && end + 1 == to) return true;
  }
  return false;
}

// ` AS "<text>"` for a select-list item [from, to) that is an expression without an alias:
// Spark names such a column after the expression's text, where the engine would name it after
// the translated text (`CAST('…' AS TIMESTAMP WITH TIME ZONE)`) and give two expressions it
// spells alike one name. Only items that plainly end an expression get one (a call, a literal,
// CASE … END), so an implicit alias (`count(*) n`) is never doubled.
// Databricks' `json:path` starting at toks[i] (the colon, or a `:name` token): its steps and
// one past its last token. The colon follows the expression it reads with no space between
// (a named parameter `:name` follows an operator, a comma or a parenthesis).
std::optional<std::size_t> readJsonPath(const std::vector<Token>& toks, std::size_t i,
                                        std::size_t to, std::vector<json_path::Step>& steps) {
  const Token& t = toks[i];
  const bool param = t.kind == TokenKind::Parameter;
  const bool colon = t.isSymbol(":") && i + 1 < to &&
                     (toks[i + 1].isSymbol("[") || toks[i + 1].kind == TokenKind::QuotedIdent);
  if ((!param && !colon) || i == 0 || toks[i - 1].end != t.begin) return std::nullopt;
  const Token& before = toks[i - 1];
  if (!before.isIdentifier() && !before.isSymbol(")") && !before.isSymbol("]")) {
    return std::nullopt;
  }
  using json_path::Step;
  steps.clear();
  std::size_t k = i + 1;
  if (param) {
    steps.push_back({Step::Kind::Key, t.text, 0});
  } else if (toks[i + 1].kind == TokenKind::QuotedIdent) {
    steps.push_back({Step::Kind::Key, toks[i + 1].text, 0});
    k = i + 2;
  }
  for (;;) {
    if (k + 1 < to && toks[k].isSymbol(".") && toks[k + 1].isIdentifier()) {
      steps.push_back({Step::Kind::Key, toks[k + 1].text, 0});
      k += 2;
      continue;
    }
    if (k + 2 >= to || !toks[k].isSymbol("[") || !toks[k + 2].isSymbol("]")) break;
    const Token& inner = toks[k + 1];
    if (inner.kind == TokenKind::String) {
      steps.push_back({Step::Kind::Field, inner.text, 0});
    } else if (inner.kind == TokenKind::Number &&
               inner.text.find_first_not_of("0123456789") == std::string::npos &&
               inner.text.size() < 10) {
      steps.push_back({Step::Kind::Index, {}, std::stoll(inner.text)});
    } else if (inner.isSymbol("*")) {
      steps.push_back({Step::Kind::Wildcard, {}, 0});
    } else {
      break;
    }
    k += 3;
  }
  if (steps.empty()) return std::nullopt;
  return k;
}

std::optional<std::string> itemAlias(const std::vector<Token>& toks, std::string_view src,
                                     std::size_t from, std::size_t to) {
  if (to <= from) return std::nullopt;
  int nested = 0;
  for (std::size_t k = from; k < to; ++k) {
    if (toks[k].isSymbol("(") || toks[k].isSymbol("[")) ++nested;
    if (toks[k].isSymbol(")") || toks[k].isSymbol("]")) --nested;
    if (nested == 0 && toks[k].is("AS")) return std::nullopt;
    // A star (`*`, `t.*`, `* EXCEPT (…)`) stands for columns that keep their names.
    if (nested == 0 && toks[k].isSymbol("*") && (k == from || toks[k - 1].isSymbol("."))) {
      return std::nullopt;
    }
  }
  // `raw:a.b` (with or without `::type`) is named after its last field, as Databricks does;
  // an expression holding a path by its text.
  bool holdsPath = false;
  for (std::size_t k = from; k < to; ++k) {
    std::vector<json_path::Step> steps;
    const auto end = readJsonPath(toks, k, to, steps);
    if (!end) continue;
    holdsPath = true;
    const bool wholeItem = *end == to || (*end + 2 == to && toks[*end].isSymbol("::"));
    const auto named = std::find_if(steps.rbegin(), steps.rend(), [](const auto& s) {
      return s.kind == json_path::Step::Kind::Key || s.kind == json_path::Step::Kind::Field;
    });
    if (wholeItem && k == from + 1 && named != steps.rend()) {
      return " AS " + duckdbIdentifier(named->name) + " ";
    }
    break;
  }
  const Token& last = toks[to - 1];
  const bool expressionEnd =
      holdsPath || last.isSymbol(")") || last.isSymbol("]") || last.kind == TokenKind::Number ||
      last.kind == TokenKind::String || last.kind == TokenKind::Binary || last.is("END") ||
      last.is("NULL") || last.is("TRUE") || last.is("FALSE") || endsInterval(toks, from, to) ||
      (to - from >= 2 && toks[to - 2].isSymbol("::")) ||
      // `1.0 / x`: a name after an operator is an operand, not an alias
      (to - from >= 2 && last.isIdentifier() && toks[to - 2].kind == TokenKind::Symbol &&
       !toks[to - 2].isSymbol(".") && !toks[to - 2].isSymbol(")") && !toks[to - 2].isSymbol("]"));
  if (!expressionEnd) return std::nullopt;
  std::string name;
  if (to - from == 1 && last.kind == TokenKind::String) {
    name = last.text;  // Spark names a string literal after its value
  } else {
    const auto text = src.substr(toks[from].begin, last.end - toks[from].begin);
    for (const char c : text) {
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (space && (name.empty() || name.back() == ' ')) continue;
      name.push_back(space ? ' ' : c);
    }
  }
  return " AS " + duckdbIdentifier(name) + " ";
}

// Words after a relation that are not its alias.
bool notAnAlias(const Token& t) {
  static const std::set<std::string, std::less<>> kWords{
      "WHERE",  "GROUP",   "HAVING",    "ORDER",      "LIMIT",   "UNION",  "EXCEPT",  "INTERSECT",
      "WINDOW", "QUALIFY", "JOIN",      "LEFT",       "RIGHT",   "INNER",  "OUTER",   "FULL",
      "CROSS",  "NATURAL", "ON",        "USING",      "LATERAL", "PIVOT",  "UNPIVOT", "TABLESAMPLE",
      "SEMI",   "ANTI",    "CLUSTER",   "DISTRIBUTE", "SORT",    "OFFSET", "MINUS",   "SET",
      "WHEN",   "VERSION", "TIMESTAMP", "FOR",        "SELECT",  "VALUES", "AS"};
  if (t.kind == TokenKind::QuotedIdent) return false;
  if (t.kind != TokenKind::Word) return true;
  return kWords.count(upperAscii(t.text)) > 0;
}

// Spark function names with a different DuckDB name and the same arguments, where the call
// cannot go through the function library (explode is a generator in the select list).
std::optional<std::string> renamedFunction(const std::string& upper) {
  if (upper == "RAND" || upper == "RANDOM") return "random";
  if (upper == "EXPLODE") return "unnest";
  if (upper == "SIZE" || upper == "CARDINALITY") return "len";
  return std::nullopt;
}

// The argument count a builtin takes, as Databricks words it: "2" or "[1, 2]".
std::string expectedArgs(const BuiltinFunction& f) {
  if (f.minArgs == f.maxArgs) return std::to_string(f.minArgs);
  if (f.maxArgs < 0) return "at least " + std::to_string(f.minArgs);
  std::string out = "[";
  for (int n = f.minArgs; n <= f.maxArgs; ++n) {
    out += (n > f.minArgs ? ", " : "") + std::to_string(n);
  }
  return out + "]";
}

std::string literalFor(const Json& v) {
  if (v.is_null()) return "NULL";
  if (v.is_boolean()) return v.get<bool>() ? "TRUE" : "FALSE";
  if (v.is_number()) return v.dump();
  if (v.is_string()) return duckdbLiteral(v.get<std::string>());
  return duckdbLiteral(v.dump());
}

// Number literal without Spark's type suffixes (10L, 1.5D, 1.5F, 2BD, 3S, 4Y).
std::string numberText(const std::string& text) {
  std::string t = text;
  const auto up = upperAscii(t);
  if (up.size() > 2 && up.ends_with("BD")) return t.substr(0, t.size() - 2);
  // Typed integer literals keep their type: 4L is a BIGINT, 4S a SMALLINT, 4Y a TINYINT.
  if (!up.empty() && (up.back() == 'L' || up.back() == 'S' || up.back() == 'Y')) {
    const char* type = up.back() == 'L' ? "BIGINT" : up.back() == 'S' ? "SMALLINT" : "TINYINT";
    return "CAST(" + t.substr(0, t.size() - 1) + " AS " + type + ")";
  }
  if (!up.empty() && up.back() == 'D' && up.find('X') == std::string::npos) {
    return "CAST(" + t.substr(0, t.size() - 1) + " AS DOUBLE)";
  }
  if (!up.empty() && up.back() == 'F' && up.find('X') == std::string::npos) {
    return "CAST(" + t.substr(0, t.size() - 1) + " AS FLOAT)";
  }
  return t;
}

// Whether a word before a '-' makes it a sign rather than a subtraction.
bool isOperatorKeyword(const Token& t) {
  for (const char* k : {"SELECT", "WHERE", "AND", "OR", "NOT", "WHEN", "THEN", "ELSE", "ON",
                        "HAVING", "BY", "IN", "IS", "VALUES", "RETURN", "BETWEEN", "LIKE"}) {
    if (t.is(k)) return true;
  }
  return false;
}

}  // namespace

// The index of the closing token of the bracket opened at toks[k] ('(' or '['), or `to`.
std::size_t closingBracket(const std::vector<Token>& toks, std::size_t k, std::size_t to) {
  const std::string_view open = toks[k].text;
  const std::string_view close = open == "(" ? ")" : "]";
  for (int level = 0; k < to; ++k) {
    if (toks[k].isSymbol(open)) ++level;
    if (toks[k].isSymbol(close) && --level == 0) return k;
  }
  return to;
}

// The last token of the right operand of a multiplicative operator (`/`, `%`, DIV) starting at
// toks[k]: unary signs, then a literal, name, call (with OVER/FILTER), parenthesised
// expression or CASE … END, then subscripts, fields and `::` casts. None when the operand is
// not one of these (an interval literal, say), so the operator is left as it is.
std::optional<std::size_t> divisorEnd(const std::vector<Token>& toks, std::size_t k,
                                      std::size_t to) {
  while (k < to && (toks[k].isSymbol("-") || toks[k].isSymbol("+") || toks[k].isSymbol("~"))) {
    ++k;
  }
  if (k >= to) return std::nullopt;
  std::size_t e = k;
  const Token& t = toks[k];
  if (t.kind == TokenKind::Number || t.kind == TokenKind::Parameter ||
      t.kind == TokenKind::Binary) {
    e = k;
  } else if (t.kind == TokenKind::String) {
    while (e + 1 < to && toks[e + 1].kind == TokenKind::String) ++e;
  } else if (t.isSymbol("(")) {
    e = closingBracket(toks, k, to);
  } else if (t.is("CASE")) {
    int level = 0;
    for (; e < to; ++e) {
      if (toks[e].is("CASE")) ++level;
      if (toks[e].is("END") && --level == 0) break;
    }
  } else if (t.is("INTERVAL") || t.is("DATE") || t.is("TIMESTAMP") || t.is("TIMESTAMP_NTZ") ||
             t.is("NOT") || t.is("EXISTS")) {
    return std::nullopt;
  } else if (t.isIdentifier()) {
    while (e + 2 < to && toks[e + 1].isSymbol(".") && toks[e + 2].isIdentifier()) e += 2;
    if (e + 1 < to && toks[e + 1].isSymbol("(")) {
      e = closingBracket(toks, e + 1, to);
      if (e + 2 < to && toks[e + 1].is("FILTER") && toks[e + 2].isSymbol("(")) {
        e = closingBracket(toks, e + 2, to);
      }
      if (e + 1 < to && toks[e + 1].is("OVER")) {
        e = e + 2 < to && toks[e + 2].isSymbol("(") ? closingBracket(toks, e + 2, to) : e + 2;
      }
    }
  } else {
    return std::nullopt;
  }
  if (e >= to) return std::nullopt;
  for (;;) {
    if (e + 1 < to && toks[e + 1].isSymbol("[")) {
      e = closingBracket(toks, e + 1, to);
    } else if (e + 2 < to && toks[e + 1].isSymbol(".") && toks[e + 2].isIdentifier()) {
      e += 2;
    } else if (e + 2 < to && toks[e + 1].isSymbol("::") && toks[e + 2].isIdentifier()) {
      e += 2;
      if (e + 1 < to && toks[e + 1].isSymbol("(")) e = closingBracket(toks, e + 1, to);
    } else {
      break;
    }
    if (e >= to) return std::nullopt;
  }
  return e;
}

// The first token of the expression a postfix operator at toks[op] (a subscript, a `::`
// cast) applies to: a name (dotted), a call, a parenthesised expression, or a subscript of
// one, and with `literals` a number or string; none for anything else.
std::optional<std::size_t> postfixBase(const std::vector<Token>& toks, std::size_t from,
                                       std::size_t op, bool literals) {
  if (op == from) return std::nullopt;
  std::size_t k = op - 1;
  if (literals && (toks[k].kind == TokenKind::Number || toks[k].kind == TokenKind::String)) {
    return k;
  }
  const auto matchBack = [&](std::string_view openSym,
                             std::string_view closeSym) -> std::optional<std::size_t> {
    for (int level = 0;; --k) {
      if (toks[k].isSymbol(closeSym)) ++level;
      if (toks[k].isSymbol(openSym) && --level == 0) return k;
      if (k == from) return std::nullopt;
    }
  };
  while (toks[k].isSymbol("]")) {
    const auto o = matchBack("[", "]");
    if (!o || *o == from) return std::nullopt;
    k = *o - 1;
  }
  if (toks[k].isSymbol(")")) {
    const auto o = matchBack("(", ")");
    if (!o) return std::nullopt;
    if (*o == from || !toks[*o - 1].isIdentifier()) return o;
    k = *o - 1;
  } else if (!toks[k].isIdentifier() || toks[k].is("END")) {
    return std::nullopt;
  }
  while (k >= from + 2 && toks[k - 1].isSymbol(".") && toks[k - 2].isIdentifier()) k -= 2;
  return k;
}

// Whether toks[k] ends an operand of a shift operator at its nesting level: a comma, a
// comparison or bitwise operator, another shift, or a clause or logical keyword (arithmetic
// binds tighter than a shift, so + and * do not end one).
bool endsShiftOperand(const Token& t) {
  static const std::set<std::string, std::less<>> kSymbols{
      ",", "=", "==", "<", ">", "<=", ">=", "<>", "!=", "<=>", "&", "|", "^", "||", ";"};
  static const std::set<std::string, std::less<>> kWords{
      "SELECT", "FROM",  "WHERE", "AND",     "OR",        "NOT",      "CASE",  "WHEN",
      "THEN",   "ELSE",  "END",   "ON",      "BY",        "HAVING",   "IS",    "IN",
      "LIKE",   "ILIKE", "RLIKE", "BETWEEN", "AS",        "DISTINCT", "ALL",   "GROUP",
      "ORDER",  "LIMIT", "UNION", "EXCEPT",  "INTERSECT", "QUALIFY",  "WINDOW"};
  if (t.kind == TokenKind::Symbol) return kSymbols.contains(t.text);
  return t.kind == TokenKind::Word && kWords.contains(upperAscii(t.text));
}

// Whether toks[i] starts Spark's `>>>`: three `>` with nothing between them. The lexer keeps
// them apart, since a nested type ends with the same three characters (ARRAY<MAP<K, V>>>).
bool unsignedShiftAt(const std::vector<Token>& toks, std::size_t i, std::size_t to) {
  return i + 3 < to && toks[i].isSymbol(">") && toks[i + 1].isSymbol(">") &&
         toks[i + 2].isSymbol(">") && toks[i].end == toks[i + 1].begin &&
         toks[i + 1].end == toks[i + 2].begin;
}

// The operands of `>>>` at toks[op..op+2]: the first token of the left one, the last of the
// right. `spanStart` maps the last token of an expression a rule already rewrote (an earlier
// shift) to its first.
std::optional<std::pair<std::size_t, std::size_t>> shiftOperands(
    const std::vector<Token>& toks, std::size_t from, std::size_t op, std::size_t to,
    const std::vector<std::size_t>& spanStart) {
  std::size_t start = op;
  for (int depth = 0; start > from;) {
    if (depth == 0 && spanStart[start - 1 - from] != std::string::npos) {
      start = spanStart[start - 1 - from];
      continue;
    }
    const Token& t = toks[start - 1];
    if (t.isSymbol(")") || t.isSymbol("]") || t.is("END")) ++depth;
    if (t.isSymbol("(") || t.isSymbol("[") || t.is("CASE")) {
      if (depth == 0) break;
      --depth;
    } else if (depth == 0 && endsShiftOperand(t)) {
      break;
    }
    --start;
  }
  const auto completes = [](const Token& t) {
    return t.kind == TokenKind::Number || t.kind == TokenKind::String || t.isIdentifier() ||
           t.isSymbol(")") || t.isSymbol("]");
  };
  std::size_t end = op + 3;
  for (int depth = 0; end < to; ++end) {
    const Token& t = toks[end];
    const bool first = end == op + 3;
    if (t.isSymbol("(") || t.isSymbol("[") || t.is("CASE")) {
      ++depth;
      continue;
    }
    if (t.isSymbol(")") || t.isSymbol("]") || (t.is("END") && depth > 0)) {
      if (depth == 0) break;
      --depth;
      continue;
    }
    if (depth > 0 || first) continue;
    // An alias: a name right after a complete operand (not a call's name after a dot).
    if (endsShiftOperand(t) || t.kind == TokenKind::End ||
        (t.isIdentifier() && completes(toks[end - 1]) && !toks[end - 1].isSymbol("."))) {
      break;
    }
  }
  if (start == op || end == op + 3) return std::nullopt;
  return std::pair{start, end - 1};
}

// The engine function that casts to the integral type named at toks[k] (Spark's truncation,
// range and text rules), or none when toks[k] names another type.
std::optional<std::string_view> integralCast(const std::vector<Token>& toks, std::size_t k,
                                             std::size_t to) {
  if (k >= to || toks[k].kind != TokenKind::Word) return std::nullopt;
  if (k + 1 < to && (toks[k + 1].isSymbol("(") || toks[k + 1].isSymbol("<"))) return std::nullopt;
  if (toks[k].is("TINYINT") || toks[k].is("BYTE")) return "clxs_spark_cast_tinyint";
  if (toks[k].is("SMALLINT") || toks[k].is("SHORT")) return "clxs_spark_cast_smallint";
  if (toks[k].is("INT") || toks[k].is("INTEGER")) return "clxs_spark_cast_int";
  if (toks[k].is("BIGINT") || toks[k].is("LONG")) return "clxs_spark_cast_bigint";
  return std::nullopt;
}

bool isQueryStart(const Token& t) {
  return t.is("SELECT") || t.is("WITH") || t.is("FROM") || t.is("VALUES");
}

DeltaSnapshot StatementExecutor::snapshotAt(const DeltaTable& t, const TimeTravel& tt) {
  if (tt.version) {
    const auto latest = t.log().latestVersion();
    if (*tt.version < 0 || !latest || *tt.version > *latest) {
      throw WorkspaceError(WorkspaceErrorClass::NotFound,
                           "[DELTA_VERSION_NOT_FOUND] Cannot time travel Delta table to version " +
                               std::to_string(*tt.version) + ". Available versions: [0, " +
                               std::to_string(latest.value_or(-1)) + "]. SQLSTATE: 22003");
    }
    return t.log().snapshot(*tt.version);
  }
  if (tt.timestamp) {
    const auto ms = duck("SELECT epoch_ms(CAST(" + *tt.timestamp + " AS TIMESTAMPTZ)) AS ms");
    if (ms.rows.empty() || !ms.rows[0][0].is_number()) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[DELTA_TIME_TRAVEL_INVALID_BEGIN_VALUE] The time travel timestamp "
                           "must be a valid timestamp. SQLSTATE: 42604");
    }
    return t.log().snapshot(t.log().versionAt(ms.rows[0][0].get<std::int64_t>()));
  }
  return state_.latestSnapshot(t);
}

std::string StatementExecutor::relationFor(const ObjectName& n, const TimeTravel& tt, int depth) {
  if (depth > kMaxViewDepth) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[VIEW_EXCEED_MAX_NESTED_DEPTH] The depth of view " + n.quoted() +
                             " exceeds the maximum view resolution depth (" +
                             std::to_string(kMaxViewDepth) + "). SQLSTATE: 54K00");
  }
  if (upperAscii(n.schema) == "INFORMATION_SCHEMA") {
    if (auto rel = informationSchema(n.catalog, n.name)) return *rel;
    throwTableNotFound(n.quoted());
  }
  if (upperAscii(n.catalog) == "SYSTEM") {
    if (auto rel = systemTable(n)) return *rel;
    throwTableNotFound(n.quoted());
  }
  auto t = findTable(n);
  if (!t) throwTableNotFound(n.quoted());
  // Objects a view reads are checked against the view, not the reader (as the view's owner).
  if (depth == 0 && t->name.catalog != "delta")
    requirePrivilege(Securable::Table, t->name, "SELECT");
  if (!t->delta) {
    if (tt.version || tt.timestamp) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[UNSUPPORTED_FEATURE.TIME_TRAVEL] Time travel on the view " +
                               t->name.quoted() + " is not supported. SQLSTATE: 0A000");
    }
    // A view's unqualified names resolve in the catalog and schema it was created in.
    const auto saved = std::make_pair(session_.catalog, session_.schema);
    session_.catalog = t->name.catalog;
    session_.schema = t->name.schema;
    try {
      auto text = "(" + translateText(t->entry.viewText, depth + 1) + ")";
      std::tie(session_.catalog, session_.schema) = saved;
      return text;
    } catch (...) {
      std::tie(session_.catalog, session_.schema) = saved;
      throw;
    }
  }
  recordRead(t->name);
  const auto snap = snapshotAt(*t->delta, tt);
  const auto columns = DeltaTable::columnsOf(snap);
  lastReadColumns_.clear();
  for (const auto& c : columns) lastReadColumns_.push_back(c.name);
  return governed(*t, t->delta->scan(snap), columns);
}

std::string StatementExecutor::translateText(std::string_view text, int depth) {
  StatementExecutor inner(state_, session_, text, params_, options_);
  inner.conn_ = std::move(conn_);
  inner.listingInformationSchema_ = listingInformationSchema_;
  try {
    const auto& toks = inner.cur_.tokens();
    auto end = toks.size() - 1;
    if (end > 0 && toks[end - 1].isSymbol(";")) --end;
    auto out = inner.translate(0, end, depth);
    conn_ = std::move(inner.conn_);
    reads_.insert(reads_.end(), inner.reads_.begin(), inner.reads_.end());
    return out;
  } catch (...) {
    conn_ = std::move(inner.conn_);
    throw;
  }
}

// `LATERAL VIEW [OUTER] generator(args) table [AS] col, …` (Hive's form) as a lateral join on
// a subquery that runs the generator: explode and posexplode of an array (one column, or pos
// and the element), of a map (key and value, after pos for posexplode), inline of an array of
// structs (a column per field). OUTER keeps rows whose generator gives none.
std::string StatementExecutor::lateralView(std::size_t& i, std::size_t to, int depth) {
  const auto& toks = cur_.tokens();
  std::size_t k = i + 2;
  const bool outer = k < to && toks[k].is("OUTER");
  if (outer) ++k;
  if (k + 1 >= to || toks[k].kind != TokenKind::Word || !toks[k + 1].isSymbol("(")) {
    throwSyntaxError(k < to ? toks[k].text : "LATERAL VIEW", "a generator call must follow");
  }
  std::string fn = lowerAscii(toks[k].text);
  if (fn == "explode_outer" || fn == "posexplode_outer" || fn == "inline_outer") {
    fn.erase(fn.size() - 6);
  }
  std::vector<std::string> args;
  std::size_t argStart = k + 2;
  std::size_t close = to;
  for (int level = 0, j = static_cast<int>(k + 1); j < static_cast<int>(to); ++j) {
    const Token& t = toks[static_cast<std::size_t>(j)];
    if (t.isSymbol("(")) ++level;
    if (t.isSymbol(")") && --level == 0) {
      close = static_cast<std::size_t>(j);
      break;
    }
    if (level == 1 && t.isSymbol(",")) {
      args.push_back(translate(argStart, static_cast<std::size_t>(j), depth + 1));
      argStart = static_cast<std::size_t>(j) + 1;
    }
  }
  if (close == to) throwSyntaxError(toks[k].text, "the call is not closed");
  if (argStart < close) args.push_back(translate(argStart, close, depth + 1));
  k = close + 1;
  if (k >= to || !toks[k].isIdentifier() || toks[k].is("AS")) {
    throwSyntaxError(k < to ? toks[k].text : fn, "LATERAL VIEW needs a table alias");
  }
  const std::string table = toks[k].text;
  std::vector<std::string> columns;
  std::size_t last = k;
  if (k + 1 < to && (toks[k + 1].is("AS") || !notAnAlias(toks[k + 1]))) {
    std::size_t c = toks[k + 1].is("AS") ? k + 2 : k + 1;
    while (c < to && toks[c].isIdentifier()) {
      columns.push_back(toks[c].text);
      last = c;
      if (c + 1 < to && toks[c + 1].isSymbol(",") && c + 2 < to && toks[c + 2].isIdentifier() &&
          !notAnAlias(toks[c + 2])) {
        c += 2;
      } else {
        break;
      }
    }
  }
  if (fn != "explode" && fn != "posexplode" && fn != "inline" && fn != "json_tuple") {
    throwUnsupportedFeature(
        "LATERAL VIEW takes explode, posexplode, inline (and their _outer forms) and "
        "json_tuple on the local workspace, not " +
        fn + ".");
  }
  if (fn == "json_tuple" && args.size() < 2) throwWrongArgCount(fn, "> 1", args.size());
  if (fn != "json_tuple" && args.size() != 1) throwWrongArgCount(fn, "1", args.size());
  const std::string& a = args[0];
  std::string select;
  if (fn == "json_tuple") {
    select = "SELECT " + jsonTupleColumns(args);
    for (std::size_t c = columns.size(); c + 1 < args.size(); ++c) {
      columns.push_back("c" + std::to_string(c));
    }
  } else if (fn == "explode" && columns.size() <= 1) {
    select = "SELECT unnest(" + a + ")";
    if (columns.empty()) columns = {"col"};
  } else if (fn == "explode" && columns.size() == 2) {
    select = "SELECT unnest(map_keys(" + a + ")), unnest(map_values(" + a + "))";
  } else if (fn == "posexplode" && columns.size() <= 2) {
    select = "SELECT generate_subscripts(" + a + ", 1) - 1, unnest(" + a + ")";
    if (columns.empty()) columns = {"pos", "col"};
  } else if (fn == "posexplode" && columns.size() == 3) {
    select = "SELECT generate_subscripts(map_keys(" + a + "), 1) - 1, unnest(map_keys(" + a +
             ")), unnest(map_values(" + a + "))";
  } else if (fn == "inline") {
    select = "SELECT __clxs_s.* FROM (SELECT unnest(" + a + ") AS __clxs_s)";
  } else {
    throwUnsupportedFeature(
        "LATERAL VIEW takes explode, posexplode and inline (and their "
        "_outer forms) on the local workspace, not " +
        fn + " with " + std::to_string(columns.size()) + " column names.");
  }
  std::string names;
  for (const auto& c : columns) names += (names.empty() ? "" : ", ") + duckdbIdentifier(c);
  const std::string relation = "LATERAL (" + select + ") AS " + duckdbIdentifier(table) +
                               (names.empty() ? "" : "(" + names + ")");
  i = last;
  return outer ? " LEFT JOIN " + relation + " ON true " : " CROSS JOIN " + relation + " ";
}

// table_changes('t', start[, end]): the change data feed of versions start..end (end: the
// latest), each version's change rows with `_change_type`, `_commit_version` and
// `_commit_timestamp`. A version with change files gives their rows; one without (an append,
// a whole-file removal) gives its added files' rows as `insert` and its removed files' rows as
// `delete`. Start and end are versions or timestamps.
std::string StatementExecutor::tableChanges(std::size_t& i, std::size_t to) {
  const auto& toks = cur_.tokens();
  std::vector<const Token*> args;
  std::size_t k = i + 2;
  for (; k < to && !toks[k].isSymbol(")"); ++k) {
    if (toks[k].isSymbol(",")) continue;
    if (toks[k].kind != TokenKind::String && toks[k].kind != TokenKind::Number) {
      throwUnsupportedFeature(
          "table_changes takes a table name and versions or timestamps as "
          "literals on the local workspace.");
    }
    args.push_back(&toks[k]);
  }
  if (k == to) throwSyntaxError("table_changes", "the call is not closed");
  if (args.size() < 2 || args.size() > 3)
    throwWrongArgCount("table_changes", "[2, 3]", args.size());
  std::vector<std::string> parts;
  for (const auto& t : lexSql(args[0]->text)) {
    if (t.isIdentifier()) parts.push_back(t.text);
  }
  if (parts.empty()) throwSyntaxError(args[0]->text, "table_changes needs a table name");
  auto t = table(resolve(parts), false);
  requirePrivilege(Securable::Table, t.name, "SELECT");
  recordRead(t.name);
  const auto latest = state_.latestSnapshot(*t.delta);
  const auto versionOf = [&](const Token& a) -> std::int64_t {
    if (a.kind == TokenKind::Number) return std::stoll(a.text);
    const auto ms = duck("SELECT epoch_ms(CAST(" + duckdbLiteral(a.text) + " AS TIMESTAMPTZ))");
    return t.delta->log().versionAt(ms.rows.at(0).at(0).get<std::int64_t>());
  };
  const std::int64_t from = versionOf(*args[1]);
  const std::int64_t until = args.size() > 2 ? versionOf(*args[2]) : latest.version;
  if (from < 0 || from > until || until > latest.version) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[DELTA_INVALID_CDC_RANGE] CDC range from start " + std::to_string(from) +
                             " to end " + std::to_string(until) +
                             " was invalid. The latest "
                             "version is " +
                             std::to_string(latest.version) + ". SQLSTATE: 22003");
  }
  const auto cfgAt = t.delta->log().snapshot(from).metadata.value("configuration", Json::object());
  const auto on = cfgAt.find("delta.enableChangeDataFeed");
  if (on == cfgAt.end() || !on->is_string() || lowerAscii(on->get<std::string>()) != "true") {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[DELTA_MISSING_CHANGE_DATA] Error getting change data for range [" +
                             std::to_string(from) + " , " + std::to_string(until) +
                             "] as change data was not recorded for version [" +
                             std::to_string(from) +
                             "]. If you've enabled change data feed on "
                             "this table, use `DESCRIBE HISTORY` to see when it was first "
                             "enabled. SQLSTATE: 42K03");
  }
  // A change feed would show the rows and values a row filter or column mask hides.
  if (state_.metastore.rowFilter(t.name.full()) ||
      !state_.metastore.columnMasks(t.name.full()).empty()) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[DELTA_UNSUPPORTED_SOURCE] table_changes is not supported on " +
                             t.name.quoted() +
                             ", which has a row filter or a column mask. SQLSTATE: 0AKDD");
  }
  const auto cols = DeltaTable::columnsOf(latest);
  std::string names;
  for (const auto& c : cols) names += duckdbIdentifier(c.name) + ", ";
  std::string out;
  const auto add = [&](const std::string& select) {
    out += (out.empty() ? "" : " UNION ALL ") + select;
  };
  for (std::int64_t v = from; v <= until; ++v) {
    const std::string stamp = ", CAST(" + std::to_string(v) +
                              " AS BIGINT) AS _commit_version, to_timestamp(" +
                              std::to_string(latest.commitTimes.at(static_cast<std::size_t>(v))) +
                              " / 1000.0) AS _commit_timestamp";
    std::string changeFiles;
    DeltaSnapshot added = latest;
    DeltaSnapshot removed = latest;
    added.files.clear();
    removed.files.clear();
    for (const auto& a : t.delta->log().actions(v)) {
      if (a.contains("cdc")) {
        const auto file = t.delta->fileFor(decodeDeltaPath(a["cdc"].value("path", "")));
        changeFiles += (changeFiles.empty() ? "" : ", ") + duckdbLiteral(file.string());
      } else if (a.contains("add") && a["add"].value("dataChange", true)) {
        added.files[decodeDeltaPath(a["add"].value("path", ""))] = a["add"];
      } else if (a.contains("remove") && a["remove"].value("dataChange", true)) {
        removed.files[decodeDeltaPath(a["remove"].value("path", ""))] = a["remove"];
      }
    }
    if (!changeFiles.empty()) {
      add("SELECT " + names + "_change_type" + stamp + " FROM read_parquet([" + changeFiles +
          "], union_by_name = true)");
      continue;
    }
    if (!added.files.empty()) {
      add("SELECT " + names + "'insert' AS _change_type" + stamp + " FROM " + t.delta->scan(added) +
          " AS c");
    }
    if (!removed.files.empty()) {
      add("SELECT " + names + "'delete' AS _change_type" + stamp + " FROM " +
          t.delta->scan(removed) + " AS c");
    }
  }
  if (out.empty()) {
    DeltaSnapshot none = latest;
    none.files.clear();
    out = "SELECT " + names +
          "CAST(NULL AS VARCHAR) AS _change_type, CAST(NULL AS BIGINT) AS "
          "_commit_version, CAST(NULL AS TIMESTAMPTZ) AS _commit_timestamp FROM " +
          t.delta->scan(none) + " AS c";
  }
  i = k;
  return "(" + out + ")";
}

std::string StatementExecutor::translate(std::size_t from, std::size_t to, int depth,
                                         bool startsWithRelation) {
  const auto& toks = cur_.tokens();
  const auto src = cur_.source();
  struct Level {
    bool query = false;       // a SELECT lives at this level, so FROM introduces relations
    bool inFrom = false;      // inside its FROM clause
    bool expectRel = false;   // the next token starts a relation
    bool cast = false;        // opened by CAST( / TRY_CAST(
    bool tryCast = false;     // by TRY_CAST(
    std::size_t castOut = 0;  // where the cast's operand starts in `out`
  };
  std::vector<Level> stack{Level{true, startsWithRelation, startsWithRelation, false}};
  std::string out;
  if (from >= to) return out;
  std::size_t prevEnd = toks[from].begin;
  auto prevSignificant = [&](std::size_t i) -> const Token* {
    return i > from ? &toks[i - 1] : nullptr;
  };
  // The outermost select list's items, named after their text (itemAlias).
  bool inSelectList = false;
  std::size_t itemStart = 0;
  const auto nameItem = [&](std::size_t end) {
    if (auto alias = itemAlias(toks, src, itemStart, end)) out += *alias;
  };
  // Where each token's translation starts in `out` (npos: written by another token's rule).
  std::vector<std::size_t> outAt(to - from, std::string::npos);
  // Spark's `x[i]`: an array's index counts from 0, a map's is a key. Which one x is shows
  // only when the engine binds, so both are written and the engine keeps one (typeof of an
  // expression is a constant). A string literal key is a map's for sure.
  const auto subscript = [&](std::size_t& open) {
    const std::size_t close = closingBracket(toks, open, to);
    const auto base = postfixBase(toks, from, open, false);
    if (close >= to || !base || outAt[*base - from] == std::string::npos ||
        (close == open + 2 && toks[open + 1].kind == TokenKind::String)) {
      return false;
    }
    const std::string x = "(" + out.substr(outAt[*base - from]) + ")";
    out.resize(outAt[*base - from]);
    const std::string key = translate(open + 1, close, depth);
    out += "(CASE WHEN typeof(" + x + ") LIKE 'MAP%' THEN " + x + "[" + key + "] ELSE " + x +
           "[clxs_spark_array_index(" + key + ", clxs_spark_size(" + x + "))] END)";
    prevEnd = toks[close].end;
    open = close;
    return true;
  };
  // Where an expression a rule wrote whole (a JSON path) starts, by its last token.
  std::vector<std::size_t> spanStart(to - from, std::string::npos);
  const auto baseOf = [&](std::size_t op, bool literals) -> std::optional<std::size_t> {
    if (op > from && spanStart[op - 1 - from] != std::string::npos) return spanStart[op - 1 - from];
    return postfixBase(toks, from, op, literals);
  };
  // Databricks' `json:path` (`raw:store.fruit[0].type`, `` raw:`zip code` ``, `raw:['k']`,
  // `[*]`): written against the expression before the colon, which it follows with no space
  // (a named parameter `:name` follows an operator, a comma or a parenthesis).
  const auto jsonPath = [&](std::size_t& i) {
    std::vector<json_path::Step> steps;
    const auto end = readJsonPath(toks, i, to, steps);
    if (!end) return false;
    const auto base = baseOf(i, false);
    if (!base || outAt[*base - from] == std::string::npos) return false;
    const std::size_t k = *end;
    const std::size_t last = k - 1;
    const std::string x = out.substr(outAt[*base - from]);
    out.resize(outAt[*base - from]);
    out += "clxs_spark_json_path(CAST(" + x + " AS VARCHAR), " +
           duckdbLiteral(json_path::encode(steps)) + ")";
    spanStart[last - from] = *base;
    prevEnd = toks[last].end;
    i = last;
    return true;
  };
  // `x::INT`: Spark's conversion to an integral type, as CAST(x AS INT) does it.
  const auto castSuffix = [&](std::size_t& op) {
    const auto fn = integralCast(toks, op + 1, to);
    const auto base = baseOf(op, true);
    if (!fn || !base || outAt[*base - from] == std::string::npos) return false;
    const std::string x = out.substr(outAt[*base - from]);
    out.resize(outAt[*base - from]);
    out += std::string(*fn) + "(" + x + ", false)";
    prevEnd = toks[op + 1].end;
    op = op + 1;
    return true;
  };
  // ANSI division: the divisor of the operator at toks[op] raises DIVIDE_BY_ZERO when it is 0
  // (the engine answers NULL or Infinity). Consumes the divisor's tokens.
  const auto divisor = [&](std::size_t& op) {
    const auto end = divisorEnd(toks, op + 1, to);
    if (!end) return;
    const std::string d = translate(op + 1, *end + 1, depth);
    out += " CASE WHEN (" + d + ") = 0 THEN error('Division by zero') ELSE (" + d + ") END";
    prevEnd = toks[*end].end;
    op = *end;
  };
  for (std::size_t i = from; i < to; ++i) {
    const Token& t = toks[i];
    if (const auto r = replace_.find(i); r != replace_.end()) {
      out.append(src.substr(prevEnd, t.begin - prevEnd));
      out += r->second;
      prevEnd = t.end;
      continue;
    }
    if (i < skip_.size() && skip_[i]) {
      out.append(src.substr(prevEnd, t.begin - prevEnd));
      prevEnd = t.end;
      continue;
    }
    out.append(src.substr(prevEnd, t.begin - prevEnd));
    prevEnd = t.end;
    outAt[i - from] = out.size();
    if (depth == 0 && stack.size() == 1) {
      if (inSelectList && (t.isSymbol(",") || endsSelectList(t, prevSignificant(i)))) {
        nameItem(i);
        inSelectList = t.isSymbol(",");
        itemStart = i + 1;
      }
      if (t.is("SELECT")) {
        inSelectList = true;
        itemStart = i + 1;
      } else if (inSelectList && itemStart == i && (t.is("DISTINCT") || t.is("ALL"))) {
        itemStart = i + 1;
      }
    }
    auto& lv = stack.back();
    if (t.isSymbol("(")) {
      const Token* before = prevSignificant(i);
      Level next;
      next.query = i + 1 < to && isQueryStart(toks[i + 1]);
      next.cast = before != nullptr && (before->is("CAST") || before->is("TRY_CAST"));
      next.tryCast = before != nullptr && before->is("TRY_CAST");
      next.castOut = out.size() + 1;
      lv.expectRel = false;
      stack.push_back(next);
      out += "(";
      continue;
    }
    if (t.isSymbol(")")) {
      if (stack.size() > 1) stack.pop_back();
      out += ")";
      continue;
    }
    if (lv.query && (t.is("FROM") || t.is("JOIN"))) {
      lv.inFrom = true;
      lv.expectRel = true;
      out += t.text;
      continue;
    }
    if (lv.inFrom && t.isSymbol(",")) {
      lv.expectRel = true;
      out += ",";
      continue;
    }
    if (lv.inFrom && endsFromClause(t)) lv.inFrom = false;
    if (lv.expectRel) {
      lv.expectRel = false;
      if (t.isIdentifier() && !toks[i + 1].isSymbol("(") && !t.is("LATERAL") && !t.is("VALUES")) {
        // A (possibly qualified) table name, then optional time travel and alias.
        std::vector<std::string> parts{t.text};
        std::size_t j = i + 1;
        while (j + 1 < to && toks[j].isSymbol(".") && toks[j + 1].isIdentifier() &&
               parts.size() < 3) {
          parts.push_back(toks[j + 1].text);
          j += 2;
        }
        TimeTravel tt;
        // FOR SYSTEM_TIME / SYSTEM_VERSION AS OF are the SQL-standard spellings.
        if (j + 1 < to && toks[j].is("FOR") &&
            (toks[j + 1].is("SYSTEM_TIME") || toks[j + 1].is("SYSTEM_VERSION") ||
             toks[j + 1].is("TIMESTAMP") || toks[j + 1].is("VERSION"))) {
          ++j;
        }
        const bool versionWord = j < to && (toks[j].is("VERSION") || toks[j].is("SYSTEM_VERSION"));
        const bool timeWord = j < to && (toks[j].is("TIMESTAMP") || toks[j].is("SYSTEM_TIME"));
        if (versionWord && j + 2 < to && toks[j + 1].is("AS") && toks[j + 2].is("OF")) {
          j += 3;
          if (j >= to || toks[j].kind != TokenKind::Number) {
            throwSyntaxError(j < to ? toks[j].text : "", "VERSION AS OF takes an integer");
          }
          tt.version = std::stoll(numberText(toks[j].text));
          ++j;
        } else if (timeWord && j + 2 < to && toks[j + 1].is("AS") && toks[j + 2].is("OF")) {
          j += 3;
          const std::size_t exprStart = j;
          int parens = 0;
          while (j < to) {
            if (toks[j].isSymbol("(")) ++parens;
            if (toks[j].isSymbol(")")) {
              if (parens == 0) break;
              --parens;
            }
            if (parens == 0 &&
                (toks[j].isSymbol(",") || (notAnAlias(toks[j]) && toks[j].kind == TokenKind::Word &&
                                           !toks[j].is("INTERVAL") && !toks[j].is("TIMESTAMP")))) {
              break;
            }
            if (parens == 0 && j > exprStart && toks[j].kind == TokenKind::Word &&
                !toks[j].is("INTERVAL") && toks[j - 1].kind != TokenKind::Symbol &&
                !toks[j - 1].is("INTERVAL") && !toks[j - 1].is("TIMESTAMP")) {
              break;  // an alias after the expression
            }
            ++j;
          }
          if (j == exprStart) throwSyntaxError("", "TIMESTAMP AS OF takes a timestamp");
          tt.timestamp = translate(exprStart, j, depth);
        } else if (j + 1 < to && toks[j].isSymbol("@")) {
          const auto& spec = toks[j + 1].text;
          if (spec.size() > 1 && (spec[0] == 'v' || spec[0] == 'V')) {
            tt.version = std::stoll(spec.substr(1));
          } else if (spec.size() == 17) {
            // yyyyMMddHHmmssSSS
            tt.timestamp = duckdbLiteral(spec.substr(0, 4) + "-" + spec.substr(4, 2) + "-" +
                                         spec.substr(6, 2) + " " + spec.substr(8, 2) + ":" +
                                         spec.substr(10, 2) + ":" + spec.substr(12, 2) + "." +
                                         spec.substr(14, 3));
          } else {
            throwSyntaxError(spec, "expected @v<version> or @yyyyMMddHHmmssSSS");
          }
          j += 2;
        }
        const auto name = resolve(parts);
        const auto readsBefore = reads_.size();
        out += relationFor(name, tt, depth);
        if (depth == 0 && reads_.size() > readsBefore) {
          // A base table read at the top level: remember its alias for column lineage.
          std::string alias = parts.back();
          if (j + 1 < to && toks[j].is("AS")) {
            alias = toks[j + 1].text;
          } else if (j < to && !notAnAlias(toks[j])) {
            alias = toks[j].text;
          }
          relationAliases_.push_back({lowerAscii(alias), reads_.back(), lastReadColumns_});
        }
        if (j >= to || notAnAlias(toks[j])) {
          if (j < to && toks[j].is("AS")) {
            // explicit alias follows
          } else {
            out += " AS " + duckdbIdentifier(parts.back());
          }
        }
        prevEnd = toks[j - 1].end;
        i = j - 1;
        continue;
      }
    }
    if (t.isIdentifier()) {
      // a.b.f(...) or b.f(...), any part quoted or not: a SQL function of the metastore.
      const Token* before = prevSignificant(i);
      if (before == nullptr || !before->isSymbol(".")) {
        std::vector<std::string> parts{t.text};
        std::size_t k = i + 1;
        while (k + 1 < to && toks[k].isSymbol(".") && toks[k + 1].isIdentifier() &&
               parts.size() < 3) {
          parts.push_back(toks[k + 1].text);
          k += 2;
        }
        if (parts.size() > 1 && k < to && toks[k].isSymbol("(")) {
          out += *sqlFunction(parts, true);
          prevEnd = toks[k - 1].end;
          i = k - 1;
          continue;
        }
      }
    }
    if (jsonPath(i)) continue;
    switch (t.kind) {
      case TokenKind::QuotedIdent:
        out += duckdbIdentifier(t.text);
        break;
      case TokenKind::String: {
        // Adjacent literals concatenate, as in Spark SQL ('a' 'b' is 'ab').
        std::string text = t.text;
        while (i + 1 < to && toks[i + 1].kind == TokenKind::String) {
          text += toks[++i].text;
          prevEnd = toks[i].end;
        }
        out += duckdbLiteral(text);
        break;
      }
      case TokenKind::Number:
        out += numberText(t.text);
        break;
      case TokenKind::Binary:
        // An odd number of digits has a leading zero nibble, as in Spark.
        out += "unhex(" + duckdbLiteral(t.text.size() % 2 == 0 ? t.text : "0" + t.text) + ")";
        break;
      case TokenKind::Parameter: {
        const auto it = std::find_if(params_.begin(), params_.end(),
                                     [&](const SqlParam& p) { return p.name == t.text; });
        if (it == params_.end()) {
          throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                               "[UNBOUND_SQL_PARAMETER] Found the unbound parameter: " + t.text +
                                   ". Please, fix `args` and provide a mapping of the parameter "
                                   "to a SQL literal. SQLSTATE: 42P02");
        }
        out += literalFor(it->value);
        break;
      }
      case TokenKind::Symbol:
        if (t.text == "<=>") {
          out += " IS NOT DISTINCT FROM ";
        } else if (t.text == "==") {
          out += "=";
        } else if (t.text == "!") {
          out += " NOT ";  // Spark's logical not
        } else if (unsignedShiftAt(toks, i, to)) {
          // Spark's unsigned shift, as its function form.
          const auto operands = shiftOperands(toks, from, i, to, spanStart);
          if (!operands || outAt[operands->first - from] == std::string::npos) {
            throwSyntaxError(">>>", "the operator needs an operand on each side");
          }
          const std::string left = out.substr(outAt[operands->first - from]);
          out.resize(outAt[operands->first - from]);
          out += writeBuiltin(*findBuiltin("shiftrightunsigned"),
                              {left, translate(i + 3, operands->second + 1, depth)});
          spanStart[operands->second - from] = operands->first;
          prevEnd = toks[operands->second].end;
          i = operands->second;
        } else if (t.text == "::" && castSuffix(i)) {
          // written by castSuffix
        } else if (t.text == "[" && subscript(i)) {
          // written by subscript
        } else if ((t.text == "/" || t.text == "%") && prevSignificant(i) != nullptr) {
          out += t.text;
          divisor(i);
        } else if (t.text == "-" && i + 1 < to && toks[i + 1].kind == TokenKind::Number &&
                   (toks[i + 1].text == "2147483648" ||
                    toks[i + 1].text == "9223372036854775808") &&
                   [&] {
                     const Token* b = prevSignificant(i);
                     return b == nullptr ||
                            (b->kind == TokenKind::Symbol && !b->isSymbol(")") &&
                             !b->isSymbol("]")) ||
                            (b->kind == TokenKind::Word && isOperatorKeyword(*b));
                   }()) {
          // The smallest INT and BIGINT are literals of their type in Spark, not a negated
          // literal of the next wider type.
          out += toks[i + 1].text == "2147483648" ? "CAST(-2147483648 AS INTEGER)"
                                                  : "CAST(-9223372036854775808 AS BIGINT)";
          prevEnd = toks[i + 1].end;
          ++i;
        } else {
          out += t.text;
        }
        break;
      case TokenKind::Word: {
        const Token* before = prevSignificant(i);
        if (t.is("AS") && lv.cast && i + 1 < to) {
          if (const auto fn = integralCast(toks, i + 1, to)) {
            // CAST(x AS INT): Spark's conversion, then the engine's (now a no-op) cast.
            out.insert(lv.castOut, std::string(*fn) + "(");
            out += std::string(", ") + (lv.tryCast ? "true" : "false") + ") AS";
            break;
          }
        }
        const bool typePosition =
            before != nullptr && ((before->is("AS") && lv.cast) || before->isSymbol("::"));
        if (typePosition) {
          if (i + 1 < to && toks[i + 1].isSymbol("<")) {
            std::size_t j = i;  // ARRAY<…>, MAP<…>, STRUCT<…>
            out += duckdbTypeSpec(toks, j, to);
            prevEnd = toks[j - 1].end;
            i = j - 1;
            break;
          }
          out += duckdbSimpleType(t.text);
          break;
        }
        const auto upper = upperAscii(t.text);
        if ((upper == "TIMESTAMP" || upper == "TIMESTAMP_NTZ") && i + 1 < to &&
            toks[i + 1].kind == TokenKind::String) {
          out += upper == "TIMESTAMP" ? "TIMESTAMPTZ" : "TIMESTAMP";
          break;
        }
        const bool qualified = before != nullptr && before->isSymbol(".");
        const bool call = i + 1 < to && toks[i + 1].isSymbol("(");
        if (upper == "LATERAL" && i + 1 < to && toks[i + 1].is("VIEW")) {
          out += lateralView(i, to, depth);
          prevEnd = toks[i].end;
          break;
        }
        if (upper == "TABLE_CHANGES" && call && !qualified) {
          out += tableChanges(i, to);
          prevEnd = toks[i].end;
          break;
        }
        if (upper == "INTERVAL" && !call && !qualified) {
          if (const auto v = readIntervalLiteral(toks, i, to)) {
            out += duckdbInterval(*v);
            prevEnd = toks[i].end;
            break;
          }
        }
        if (upper == "EXCEPT" && before != nullptr && before->isSymbol("*") && i + 1 < to &&
            toks[i + 1].isSymbol("(")) {
          out += "EXCLUDE";  // SELECT * EXCEPT (a, b)
          break;
        }
        if ((upper == "LIKE" || upper == "ILIKE") && !call && !qualified && i + 1 < to &&
            toks[i + 1].kind == TokenKind::String && (i + 2 >= to || !toks[i + 2].is("ESCAPE"))) {
          // Spark's LIKE escapes with a backslash unless told otherwise; DuckDB's has no escape.
          out += upper + " " + duckdbLiteral(toks[i + 1].text) + " ESCAPE '\\'";
          prevEnd = toks[i + 1].end;
          ++i;
          break;
        }
        if ((upper == "RLIKE" || upper == "REGEXP") && !call && !qualified && i + 1 < to &&
            toks[i + 1].kind == TokenKind::String && before != nullptr) {
          // `s RLIKE 'p'`: Spark's regex operator finds p anywhere in s; the engine's operator
          // form matches whole strings, so p is wrapped to match anywhere (across newlines).
          out += "SIMILAR TO " + duckdbLiteral("(?s:.*)(?:" + toks[i + 1].text + ")(?s:.*)");
          prevEnd = toks[i + 1].end;
          ++i;
          break;
        }
        if (upper == "DIV" && !call && !qualified && before != nullptr) {
          out += "//";  // Spark's integral division operator
          divisor(i);
          break;
        }
        if (upper == "EXISTS" && call && i + 2 < to && isQueryStart(toks[i + 2])) {
          out += t.text;  // EXISTS (SELECT …), not the exists(array, function) lambda
          break;
        }
        if (upper == "FILTER" && call && before != nullptr && before->isSymbol(")") && i + 2 < to &&
            toks[i + 2].is("WHERE")) {
          out += t.text;  // an aggregate's FILTER (WHERE …) clause, not the filter function
          break;
        }
        if (call && !qualified) {
          const bool emptyCall = i + 2 < to && toks[i + 2].isSymbol(")");
          if (emptyCall &&
              (upper == "CURRENT_TIMESTAMP" || upper == "CURRENT_DATE" || upper == "NOW")) {
            out += upper == "NOW" ? "CURRENT_TIMESTAMP" : upper;
            prevEnd = toks[i + 2].end;
            i += 2;
            break;
          }
          if (emptyCall && upper == "CURRENT_PATH") {
            // The path unqualified names resolve on: builtins, session objects, then the
            // current schema.
            out += duckdbLiteral("system.builtin,system.session," + session_.catalog + "." +
                                 session_.schema);
            prevEnd = toks[i + 2].end;
            i += 2;
            break;
          }
          if (emptyCall && (upper == "CURRENT_USER" || upper == "USER" || upper == "SESSION_USER" ||
                            upper == "CURRENT_CATALOG" || upper == "CURRENT_SCHEMA" ||
                            upper == "CURRENT_DATABASE")) {
            out += duckdbLiteral(upper == "CURRENT_CATALOG" ? session_.catalog
                                 : (upper == "CURRENT_SCHEMA" || upper == "CURRENT_DATABASE")
                                     ? session_.schema
                                     : user());
            prevEnd = toks[i + 2].end;
            i += 2;
            break;
          }
          if (auto fn = sqlFunction({t.text}, false)) {
            out += *fn;
            break;
          }
          if (const BuiltinFunction* f = findBuiltin(t.text)) {
            // The arguments: token ranges between top-level commas up to the matching
            // parenthesis, each translated on its own, then the library writes the call.
            std::vector<std::pair<std::size_t, std::size_t>> ranges;
            std::size_t argStart = i + 2;
            std::size_t close = to;
            int d = 0;
            for (std::size_t k = i + 1; k < to; ++k) {
              if (toks[k].isSymbol("(")) ++d;
              if (toks[k].isSymbol(")") && --d == 0) {
                close = k;
                break;
              }
              if (d == 1 && toks[k].isSymbol(",")) {
                ranges.emplace_back(argStart, k);
                argStart = k + 1;
              }
            }
            if (close == to) throwSyntaxError(t.text, "the call is not closed");
            if (!emptyCall) ranges.emplace_back(argStart, close);
            if (ranges.size() == 1 && f->keywordArguments) {
              // The SQL-standard form: substr(s FROM p FOR l), overlay(s PLACING r FROM p ...).
              std::vector<std::pair<std::size_t, std::size_t>> split;
              std::size_t start = ranges[0].first;
              int nested = 0;
              for (std::size_t k = ranges[0].first; k < ranges[0].second; ++k) {
                if (toks[k].isSymbol("(")) ++nested;
                if (toks[k].isSymbol(")")) --nested;
                if (nested == 0 &&
                    (toks[k].is("FROM") || toks[k].is("FOR") || toks[k].is("PLACING"))) {
                  split.emplace_back(start, k);
                  start = k + 1;
                }
              }
              split.emplace_back(start, ranges[0].second);
              if (split.size() > 1) ranges = std::move(split);
            }
            const auto argc = static_cast<int>(ranges.size());
            if (argc < f->minArgs || (f->maxArgs >= 0 && argc > f->maxArgs)) {
              throwWrongArgCount(lowerAscii(t.text), expectedArgs(*f), ranges.size());
            }
            bool distinct = false;
            if (!ranges.empty() && ranges[0].second - ranges[0].first > 1 &&
                toks[ranges[0].first].is("DISTINCT")) {
              distinct = true;
              ++ranges[0].first;
            }
            FunctionArgs args;
            args.reserve(ranges.size());
            for (auto [a, b] : ranges) {
              // A named argument (`collection => array(1)`) is taken by its position.
              if (b - a > 2 && toks[a].kind == TokenKind::Word && toks[a + 1].isSymbol("=>")) {
                a += 2;
              }
              args.push_back(translate(a, b, depth));
            }
            if (distinct && f->seesDistinct) {
              args[0].insert(0, "DISTINCT ");
              distinct = false;
            }
            std::string call = writeBuiltin(*f, args);
            if (distinct) {
              // An aggregate over distinct values: DISTINCT opens the written call's arguments.
              const auto open = call.find('(');
              if (open != std::string::npos && call.compare(open + 1, 9, "DISTINCT ") != 0) {
                call.insert(open + 1, "DISTINCT ");
              }
            }
            if (f->seesDistinct && close + 3 < to && toks[close + 1].is("WITHIN") &&
                toks[close + 2].is("GROUP") && toks[close + 3].isSymbol("(")) {
              // listagg(x) WITHIN GROUP (ORDER BY …): the order goes inside the engine's call.
              std::size_t end = close + 3;
              for (int level = 0; end < to; ++end) {
                if (toks[end].isSymbol("(")) ++level;
                if (toks[end].isSymbol(")") && --level == 0) break;
              }
              if (end == to) throwSyntaxError("WITHIN GROUP", "the order is not closed");
              const auto ours = call.rfind(" ORDER BY ");
              call.erase(ours == std::string::npos ? call.size() - 1 : ours);
              call += " " + translate(close + 4, end, depth) + ")";
              close = end;
            }
            out += call;
            prevEnd = toks[close].end;
            i = close;
            break;
          }
          if (auto renamed = renamedFunction(upper)) {
            out += *renamed;
            break;
          }
        }
        out += t.text;
        break;
      }
      case TokenKind::End:
        break;
    }
  }
  if (inSelectList && stack.size() == 1) nameItem(to);
  return out;
}

ResultSet StatementExecutor::query(std::size_t from) {
  const auto& toks = cur_.tokens();
  auto end = toks.size() - 1;
  if (end > from && toks[end - 1].isSymbol(";")) --end;
  const auto sql = sparkTyped(translate(from, end, 0));
  auto result = duck(sql);
  // Databricks names an unaliased count(*) column `count(1)`.
  for (auto& c : result.columns) {
    if (c.name == "count_star()") c.name = "count(1)";
  }
  return result;
}

}  // namespace clxs::kernel

namespace clxs::kernel {

std::optional<std::string> StatementExecutor::sqlFunction(const std::vector<std::string>& parts,
                                                          bool required) {
  const auto n = resolve(parts);
  if (parts.size() == 1) {
    // An unqualified call is a builtin unless the current schema defines it.
    if (!state_.metastore.function(n.catalog, n.schema, n.name)) return std::nullopt;
  }
  const auto f = state_.metastore.function(n.catalog, n.schema, n.name);
  if (!f) {
    if (!required) return std::nullopt;
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "[UNRESOLVED_ROUTINE] Cannot resolve routine " + n.quoted() +
                             " on search path [`system`.`builtin`, " + backtick(session_.catalog) +
                             "." + backtick(session_.schema) + "]. SQLSTATE: 42883");
  }
  if (!governing_) {
    requirePrivilege(Securable::Function, {f->catalog, f->schema, f->name}, "EXECUTE");
  }
  // The macro's name is derived from the function's full name; its body is the RETURN
  // expression translated in the function's own catalog and schema.
  std::string macro = "clxs_fn";
  for (const auto& p : {f->catalog, f->schema, f->name}) {
    macro += "_";
    for (char c : p) {
      const auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u) != 0) {
        macro.push_back(static_cast<char>(std::tolower(u)));
      } else {
        static constexpr char kHex[] = "0123456789abcdef";
        macro += 'x';
        macro += kHex[u >> 4];
        macro += kHex[u & 0xF];
      }
    }
  }
  std::string params;
  for (const auto& p : f->parameters) {
    params += (params.empty() ? "" : ", ") + duckdbIdentifier(p.value("name", ""));
  }
  const auto saved = std::make_pair(session_.catalog, session_.schema);
  session_.catalog = f->catalog;
  session_.schema = f->schema;
  std::string body;
  try {
    body = translateText(f->body, 1);
  } catch (...) {
    std::tie(session_.catalog, session_.schema) = saved;
    throw;
  }
  std::tie(session_.catalog, session_.schema) = saved;
  const auto type = duckdbTypeFor(deltaTypeFor(f->returnType));
  state_.ensureMacro(conn(), macro,
                     "CREATE OR REPLACE MACRO " + macro + "(" + params + ") AS CAST((" + body +
                         ") AS " + type + ")");
  return macro;
}

}  // namespace clxs::kernel
