#include "kernel/workspace/local/sql/result_types.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <map>
#include <set>
#include <string_view>
#include <vector>

namespace clxs::kernel {

namespace {

// --- tokens of the engine's dialect ('' in strings, "" in names, -- and /* */ comments)

enum class Kind { Word, Quoted, String, Number, Symbol, Parameter };

struct Tok {
  Kind kind = Kind::Symbol;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;  // words upper-cased; symbols as written
  [[nodiscard]] bool sym(std::string_view s) const { return kind == Kind::Symbol && text == s; }
  [[nodiscard]] bool word(std::string_view w) const { return kind == Kind::Word && text == w; }
};

bool wordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The tokens of `s`; nothing when a literal or comment is left open.
std::optional<std::vector<Tok>> scan(const std::string& s) {
  std::vector<Tok> out;
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (c == '-' && i + 1 < n && s[i + 1] == '-') {
      while (i < n && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      const auto close = s.find("*/", i + 2);
      if (close == std::string::npos) return std::nullopt;
      i = close + 2;
    } else if (c == '\'' || c == '"') {
      std::size_t j = i + 1;
      for (;; ++j) {
        if (j >= n) return std::nullopt;
        if (s[j] == c) {
          if (j + 1 < n && s[j + 1] == c) {
            ++j;
            continue;
          }
          break;
        }
      }
      out.push_back({c == '\'' ? Kind::String : Kind::Quoted, i, j + 1, {}});
      i = j + 1;
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0 ||
               (c == '.' && i + 1 < n && std::isdigit(static_cast<unsigned char>(s[i + 1])) != 0)) {
      std::size_t j = i;
      while (j < n &&
             (std::isalnum(static_cast<unsigned char>(s[j])) != 0 || s[j] == '.' || s[j] == '_' ||
              ((s[j] == '+' || s[j] == '-') && (s[j - 1] == 'e' || s[j - 1] == 'E')))) {
        ++j;
      }
      out.push_back({Kind::Number, i, j, s.substr(i, j - i)});
      i = j;
    } else if (c == '$' && i + 1 < n && std::isdigit(static_cast<unsigned char>(s[i + 1])) != 0) {
      std::size_t j = i + 1;
      while (j < n && std::isdigit(static_cast<unsigned char>(s[j])) != 0) ++j;
      out.push_back({Kind::Parameter, i, j, s.substr(i, j - i)});
      i = j;
    } else if (wordChar(c)) {
      std::size_t j = i;
      while (j < n && wordChar(s[j])) ++j;
      std::string w = s.substr(i, j - i);
      std::transform(w.begin(), w.end(), w.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
      out.push_back({Kind::Word, i, j, std::move(w)});
      i = j;
    } else if (c == '?') {
      out.push_back({Kind::Parameter, i, i + 1, "?"});
      ++i;
    } else {
      static constexpr std::string_view kPairs[] = {
          "::", "->", "<=", ">=", "<>", "!=", "==", "||", "//", "**", "=>", "<<", ">>", ":="};
      std::size_t len = 1;
      for (const auto p : kPairs) {
        if (s.compare(i, 2, p) == 0) len = 2;
      }
      out.push_back({Kind::Symbol, i, i + len, s.substr(i, len)});
      i += len;
    }
  }
  return out;
}

// Words that cannot end an operand (a clause or operator keyword); END can (CASE … END).
bool clauseWord(const Tok& t) {
  static const std::set<std::string, std::less<>> kWords{
      "SELECT", "FROM",      "WHERE",     "AND",       "OR",        "NOT",         "WHEN",
      "THEN",   "ELSE",      "CASE",      "ON",        "BY",        "HAVING",      "AS",
      "IN",     "IS",        "LIKE",      "ILIKE",     "BETWEEN",   "DISTINCT",    "ALL",
      "UNION",  "EXCEPT",    "INTERSECT", "JOIN",      "LIMIT",     "OFFSET",      "QUALIFY",
      "WINDOW", "RETURN",    "USING",     "SIMILAR",   "GLOB",      "ESCAPE",      "ANY",
      "SOME",   "EXISTS",    "ORDER",     "GROUP",     "PARTITION", "ROWS",        "RANGE",
      "GROUPS", "PRECEDING", "FOLLOWING", "UNBOUNDED", "FILTER",    "OVER",        "WITH",
      "VALUES", "INTERVAL",  "DATE",      "TIMESTAMP", "TIME",      "TIMESTAMPTZ", "ASC",
      "DESC",   "NULLS",     "LEFT",      "RIGHT",     "INNER",     "OUTER",       "FULL",
      "CROSS",  "NATURAL",   "LATERAL",   "SET",       "INTO"};
  return t.kind == Kind::Word && kWords.contains(t.text);
}

bool typedLiteralWord(const Tok& t) {
  return t.word("DATE") || t.word("TIMESTAMP") || t.word("TIME") || t.word("INTERVAL") ||
         t.word("TIMESTAMPTZ");
}

bool endsOperand(const Tok& t) {
  switch (t.kind) {
    case Kind::String:
    case Kind::Number:
    case Kind::Quoted:
    case Kind::Parameter:
      return true;
    case Kind::Symbol:
      return t.text == ")" || t.text == "]" || t.text == "}";
    case Kind::Word:
      return !clauseWord(t);
  }
  return false;
}

// What a site is: decimal arithmetic, or a cast to text (of a TIMESTAMP, Spark writes the
// session's wall-clock time; the engine appends the zone offset).
enum class SiteKind { Multiply, Divide, Sum, Average, StringCast };

DecimalOperation decimalOp(SiteKind k) {
  switch (k) {
    case SiteKind::Multiply:
      return DecimalOperation::Multiply;
    case SiteKind::Divide:
      return DecimalOperation::Divide;
    case SiteKind::Sum:
      return DecimalOperation::Sum;
    default:
      return DecimalOperation::Average;
  }
}

// How a cast to text is written: the engine's cast, the session's wall-clock time of a
// TIMESTAMP, or Spark's text of a double or a collection (clxs_spark_text).
enum class TextForm { Engine, WallClock, Spark };

// What a site becomes: Spark's DECIMAL type, or (a cast to text) its text form.
struct Resolution {
  DecimalType decimal;
  TextForm text = TextForm::Engine;
  bool operator==(const Resolution&) const = default;
};
using Resolved = std::map<int, Resolution>;

// One place where Spark's rules may give another type or text than the engine's.
struct Site {
  SiteKind op = SiteKind::Multiply;
  std::size_t start = 0;  // first token
  std::size_t end = 0;    // last token
  std::size_t at = 0;     // the operator, or the aggregate's name
  std::size_t argFrom = 0;
  std::size_t argTo = 0;  // the aggregate's argument tokens [argFrom, argTo); argTo is its ')'
  bool distinct = false;
  int key = 0;  // the probe's site number: one per operation and text
};

class DecimalRewriter {
 public:
  DecimalRewriter(const std::string& sql, std::vector<Tok> toks)
      : sql_(sql), toks_(std::move(toks)) {
    findSites();
  }

  [[nodiscard]] bool empty() const { return sites_.empty(); }

  // The statement with each site in its resolved form, and with probes around the operands
  // of every site when `probe`.
  [[nodiscard]] std::string emit(bool probe, const Resolved& resolved) const {
    return range(0, toks_.size(), probe, resolved);
  }

  // Spark's type of each site from what a probe saw; a site seen with two different operand
  // types (one text in two scopes) keeps the engine's type.
  [[nodiscard]] Resolved resolve(const ProbedSites& seen) const {
    Resolved out;
    for (const Site& s : sites_) {
      const auto found = seen.find(s.key);
      if (found == seen.end() || found->second.size() != 1) continue;
      const auto& types = found->second.front();
      if (s.op == SiteKind::StringCast) {
        if (types.size() == 1 && types[0].kind == ProbedType::Kind::TimestampWithZone) {
          out[s.key] = Resolution{{}, TextForm::WallClock};
        } else if (types.size() == 1 && types[0].kind == ProbedType::Kind::SparkText) {
          out[s.key] = Resolution{{}, TextForm::Spark};
        }
        continue;
      }
      const bool binary = s.op == SiteKind::Multiply || s.op == SiteKind::Divide;
      if (types.size() != (binary ? 2U : 1U)) continue;
      const auto t =
          sparkDecimalResult(decimalOp(s.op), types[0], binary ? types[1] : ProbedType{});
      if (t) out[s.key] = Resolution{*t, TextForm::Engine};
    }
    return out;
  }

 private:
  std::optional<std::size_t> matchForward(std::size_t k) const {
    const std::string open = toks_[k].text;
    const std::string close = open == "(" ? ")" : open == "[" ? "]" : "}";
    for (int level = 0; k < toks_.size(); ++k) {
      if (toks_[k].sym(open)) ++level;
      if (toks_[k].sym(close) && --level == 0) return k;
    }
    return std::nullopt;
  }

  std::optional<std::size_t> matchBack(std::size_t k) const {
    const std::string close = toks_[k].text;
    const std::string open = close == ")" ? "(" : close == "]" ? "[" : "{";
    for (int level = 0;; --k) {
      if (toks_[k].sym(close)) ++level;
      if (toks_[k].sym(open) && --level == 0) return k;
      if (k == 0) return std::nullopt;
    }
  }

  // The first token of the operand (unary signs, casts and subscripts included) whose last
  // token is toks_[j].
  std::optional<std::size_t> operandStart(std::size_t j) const {
    const Tok& t = toks_[j];
    std::size_t k = j;
    if (t.sym(")") || t.sym("]") || t.sym("}")) {
      const auto o = matchBack(j);
      if (!o) return std::nullopt;
      k = *o;
      if (k > 0 && (toks_[k - 1].word("OVER") || toks_[k - 1].word("FILTER"))) {
        if (k < 2) return std::nullopt;
        const auto call = operandStart(k - 2);
        if (!call) return std::nullopt;
        k = *call;
      } else if (k > 0 && t.sym(")") && toks_[k - 1].kind == Kind::Word &&
                 !clauseWord(toks_[k - 1])) {
        k = k - 1;  // a call
      } else if (k > 0 && t.sym("]") && endsOperand(toks_[k - 1])) {
        const auto base = operandStart(k - 1);  // a subscript
        if (!base) return std::nullopt;
        k = *base;
      }
    } else if (t.word("END")) {
      int level = 0;
      for (;; --k) {
        if (toks_[k].word("END")) ++level;
        if (toks_[k].word("CASE") && --level == 0) break;
        if (k == 0) return std::nullopt;
      }
    } else if (t.kind == Kind::String) {
      if (k > 0 && typedLiteralWord(toks_[k - 1])) --k;
    } else if (!endsOperand(t)) {
      return std::nullopt;
    } else if (t.kind == Kind::Word && k >= 2 && toks_[k - 2].word("INTERVAL")) {
      k -= 2;  // INTERVAL 2 DAY
    }
    while (k >= 2 && toks_[k - 1].sym(".") &&
           (toks_[k - 2].kind == Kind::Word || toks_[k - 2].kind == Kind::Quoted)) {
      k -= 2;
    }
    if (k >= 2 && toks_[k - 1].sym(".") && endsOperand(toks_[k - 2])) {
      return operandStart(k - 2);  // (expr).field
    }
    if (k >= 2 && toks_[k - 1].sym("::")) return operandStart(k - 2);
    while (k >= 1 && (toks_[k - 1].sym("-") || toks_[k - 1].sym("+") || toks_[k - 1].sym("~")) &&
           (k == 1 || !endsOperand(toks_[k - 2]))) {
      --k;  // a unary sign binds tighter than * and /
    }
    return k;
  }

  // The last token of the operand starting at toks_[k].
  std::optional<std::size_t> operandEnd(std::size_t k) const {
    while (k < toks_.size() && (toks_[k].sym("-") || toks_[k].sym("+") || toks_[k].sym("~"))) {
      ++k;
    }
    if (k >= toks_.size()) return std::nullopt;
    const Tok& t = toks_[k];
    std::optional<std::size_t> e;
    if (t.sym("(") || t.sym("[") || t.sym("{")) {
      e = matchForward(k);
    } else if (t.word("CASE")) {
      int level = 0;
      for (std::size_t j = k; j < toks_.size(); ++j) {
        if (toks_[j].word("CASE")) ++level;
        if (toks_[j].word("END") && --level == 0) {
          e = j;
          break;
        }
      }
    } else if (typedLiteralWord(t) && k + 1 < toks_.size() && toks_[k + 1].kind == Kind::String) {
      e = k + 1;
      if (t.word("INTERVAL") && k + 2 < toks_.size() && toks_[k + 2].kind == Kind::Word &&
          !clauseWord(toks_[k + 2])) {
        e = k + 2;
      }
    } else if (t.kind == Kind::String || t.kind == Kind::Number || t.kind == Kind::Parameter) {
      e = k;
    } else if (t.kind == Kind::Quoted || (t.kind == Kind::Word && !clauseWord(t))) {
      std::size_t j = k;
      while (j + 2 < toks_.size() && toks_[j + 1].sym(".") &&
             (toks_[j + 2].kind == Kind::Word || toks_[j + 2].kind == Kind::Quoted)) {
        j += 2;
      }
      if (j + 1 < toks_.size() && toks_[j + 1].sym("(")) {
        const auto close = matchForward(j + 1);
        if (!close) return std::nullopt;
        j = *close;
        if (j + 2 < toks_.size() && toks_[j + 1].word("FILTER") && toks_[j + 2].sym("(")) {
          const auto f = matchForward(j + 2);
          if (!f) return std::nullopt;
          j = *f;
        }
        if (j + 2 < toks_.size() && toks_[j + 1].word("OVER")) {
          if (toks_[j + 2].sym("(")) {
            const auto w = matchForward(j + 2);
            if (!w) return std::nullopt;
            j = *w;
          } else {
            j += 2;
          }
        }
      }
      e = j;
    }
    if (!e) return std::nullopt;
    for (;;) {
      const std::size_t j = *e;
      if (j + 1 < toks_.size() && toks_[j + 1].sym("[")) {
        e = matchForward(j + 1);
      } else if (j + 2 < toks_.size() && toks_[j + 1].sym(".") &&
                 (toks_[j + 2].kind == Kind::Word || toks_[j + 2].kind == Kind::Quoted)) {
        e = j + 2;
      } else if (j + 2 < toks_.size() && toks_[j + 1].sym("::") &&
                 toks_[j + 2].kind == Kind::Word) {
        e = j + 2;
        if (j + 3 < toks_.size() && toks_[j + 3].sym("(")) e = matchForward(j + 3);
      } else {
        break;
      }
      if (!e) return std::nullopt;
    }
    return e;
  }

  void addSite(Site s) {
    // The engine cannot hand a probe a subquery among its arguments (it fails to copy one and
    // leaks), so arithmetic on a scalar subquery keeps the engine's type.
    for (std::size_t k = s.start; k <= s.end; ++k) {
      if (toks_[k].word("SELECT")) return;
    }
    const std::string text =
        std::to_string(static_cast<int>(s.op)) + ":" +
        sql_.substr(toks_[s.start].begin, toks_[s.end].end - toks_[s.start].begin);
    const auto [it, added] = keys_.try_emplace(text, static_cast<int>(keys_.size()));
    s.key = it->second;
    sites_.push_back(s);
  }

  void findSites() {
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      const Tok& t = toks_[i];
      if ((t.sym("*") || t.sym("/")) && i > 0 && endsOperand(toks_[i - 1])) {
        const auto right = operandEnd(i + 1);
        auto left = operandStart(i - 1);
        while (left && *left >= 2 &&
               (toks_[*left - 1].sym("*") || toks_[*left - 1].sym("/") ||
                toks_[*left - 1].sym("%") || toks_[*left - 1].sym("//"))) {
          left = operandStart(*left - 2);  // left-associative: a * b / c is (a * b) / c
        }
        if (!right || !left || (*left > 0 && endsOperand(toks_[*left - 1]))) continue;
        addSite({t.sym("*") ? SiteKind::Multiply : SiteKind::Divide, *left, *right, i});
      } else if ((t.word("SUM") || t.word("AVG") || t.word("MEAN")) && i + 1 < toks_.size() &&
                 toks_[i + 1].sym("(") && (i == 0 || !toks_[i - 1].sym("."))) {
        aggregateSite(i);
      } else if ((t.word("CAST") || t.word("TRY_CAST")) && i + 1 < toks_.size() &&
                 toks_[i + 1].sym("(")) {
        castSite(i);
      } else if (t.sym("::") && i > 0 && i + 1 < toks_.size() && textType(toks_[i + 1]) &&
                 (i + 2 >= toks_.size() || !toks_[i + 2].sym("["))) {
        // `-x::VARCHAR` casts x only: a leading sign is not part of the operand here.
        const auto left = operandStart(i - 1);
        if (left && !toks_[*left].sym("-") && !toks_[*left].sym("+") && !toks_[*left].sym("~")) {
          Site c{SiteKind::StringCast, *left, i + 1, i};
          c.argFrom = *left;
          c.argTo = i;
          addSite(c);
        }
      }
    }
    for (const Site& s : sites_) byStart_[s.start].push_back(&s - sites_.data());
    for (auto& [start, list] : byStart_) {
      std::sort(list.begin(), list.end(),
                [&](std::size_t a, std::size_t b) { return sites_[a].end > sites_[b].end; });
    }
  }

  static bool textType(const Tok& t) {
    return t.word("VARCHAR") || t.word("STRING") || t.word("TEXT");
  }

  // CAST(x AS VARCHAR) and TRY_CAST(x AS VARCHAR): x is the tokens before the last AS at the
  // call's own level.
  void castSite(std::size_t i) {
    const auto close = matchForward(i + 1);
    if (!close || *close < i + 4) return;
    std::optional<std::size_t> as;
    for (std::size_t j = i + 2, level = 0; j < *close; ++j) {
      if (toks_[j].sym("(") || toks_[j].sym("[") || toks_[j].sym("{")) ++level;
      if (toks_[j].sym(")") || toks_[j].sym("]") || toks_[j].sym("}")) --level;
      if (level == 0 && toks_[j].word("AS")) as = j;
    }
    if (!as || *as + 2 != *close || !textType(toks_[*as + 1]) || *as == i + 2) return;
    Site c{SiteKind::StringCast, i, *close, i};
    c.argFrom = i + 2;
    c.argTo = *as;
    addSite(c);
  }

  void aggregateSite(std::size_t i) {
    const auto close = matchForward(i + 1);
    if (!close) return;
    Site s{toks_[i].word("SUM") ? SiteKind::Sum : SiteKind::Average, i, *close, i};
    s.argFrom = i + 2;
    s.argTo = *close;
    if (s.argFrom < s.argTo &&
        (toks_[s.argFrom].word("DISTINCT") || toks_[s.argFrom].word("ALL"))) {
      s.distinct = toks_[s.argFrom].word("DISTINCT");
      ++s.argFrom;
    }
    if (s.argFrom >= s.argTo) return;
    for (std::size_t j = s.argFrom, level = 0; j < s.argTo; ++j) {
      if (toks_[j].sym("(") || toks_[j].sym("[") || toks_[j].sym("{")) ++level;
      if (toks_[j].sym(")") || toks_[j].sym("]") || toks_[j].sym("}")) --level;
      if (level == 0 && (toks_[j].sym(",") || toks_[j].word("ORDER"))) return;  // not sum(x)
    }
    std::size_t e = *close;
    if (e + 2 < toks_.size() && toks_[e + 1].word("FILTER") && toks_[e + 2].sym("(")) {
      const auto f = matchForward(e + 2);
      if (!f) return;
      e = *f;
    }
    if (e + 2 < toks_.size() && toks_[e + 1].word("OVER")) {
      if (toks_[e + 2].sym("(")) {
        const auto w = matchForward(e + 2);
        if (!w) return;
        e = *w;
      } else {
        e += 2;
      }
    }
    s.end = e;
    addSite(s);
  }

  // Tokens [from, to) as text, each site in it (entirely inside) written by site().
  std::string range(std::size_t from, std::size_t to, bool probe, const Resolved& resolved) const {
    if (from >= to) return {};
    std::string out;
    std::size_t pos = toks_[from].begin;
    for (std::size_t i = from; i < to;) {
      const Site* found = nullptr;
      if (const auto it = byStart_.find(i); it != byStart_.end()) {
        for (const std::size_t idx : it->second) {
          if (sites_[idx].end < to) {
            found = &sites_[idx];
            break;
          }
        }
      }
      if (found == nullptr) {
        ++i;
        continue;
      }
      out.append(sql_, pos, toks_[i].begin - pos);
      out += site(*found, probe, resolved);
      pos = toks_[found->end].end;
      i = found->end + 1;
    }
    out.append(sql_, pos, toks_[to - 1].end - pos);
    return out;
  }

  std::string site(const Site& s, bool probe, const Resolved& resolved) const {
    if (s.op == SiteKind::StringCast) return castText(s, probe, resolved);
    return s.op == SiteKind::Multiply || s.op == SiteKind::Divide
               ? binarySite(s, probe, resolved)
               : aggregateText(s, probe, resolved);
  }

  static std::string typeName(const DecimalType& t) {
    return "DECIMAL(" + std::to_string(t.precision) + ", " + std::to_string(t.scale) + ")";
  }

  std::string binarySite(const Site& s, bool probe, const Resolved& resolved) const {
    const std::string left = range(s.start, s.at, probe, resolved);
    const std::string right = range(s.at + 1, s.end + 1, probe, resolved);
    std::string body;
    if (const auto r = resolved.find(s.key); r != resolved.end()) {
      const DecimalType& d = r->second.decimal;
      const std::string type = typeName(d);
      body = s.op == SiteKind::Multiply ? "CAST((" + left + ") * (" + right + ") AS " + type + ")"
                                        : "CAST(clxs_spark_decimal_divide(" + left + ", " + right +
                                              ", " + std::to_string(d.precision) + ", " +
                                              std::to_string(d.scale) + ") AS " + type + ")";
    } else {
      body = left + sql_.substr(toks_[s.at - 1].end, toks_[s.at + 1].begin - toks_[s.at - 1].end) +
             right;
    }
    if (!probe) return body;
    // The translator guards a divisor as CASE WHEN (d) = 0 THEN error(…) ELSE (d) END; the
    // probe looks at d, so a literal divisor keeps its literal precision.
    std::size_t divisorFrom = s.at + 1;
    std::size_t divisorTo = s.end + 1;
    if (s.op == SiteKind::Divide && toks_[divisorFrom].word("CASE") &&
        divisorFrom + 2 < divisorTo && toks_[divisorFrom + 1].word("WHEN") &&
        toks_[divisorFrom + 2].sym("(")) {
      const auto close = matchForward(divisorFrom + 2);
      if (close && *close + 4 < divisorTo && toks_[*close + 1].sym("=") &&
          toks_[*close + 2].text == "0" && toks_[*close + 3].word("THEN") &&
          toks_[*close + 4].word("ERROR")) {
        divisorTo = *close;
        divisorFrom += 3;
      }
    }
    return "(CASE WHEN clxs_spark_type_probe(" + std::to_string(s.key) + ", " +
           range(s.start, s.at, false, resolved) + ", " +
           range(divisorFrom, divisorTo, false, resolved) + ") THEN " + body + " END)";
  }

  // A cast to text: as written, or of the session's wall-clock time (the engine's cast of a
  // TIMESTAMP to TIMESTAMP without zone takes the session zone's local time).
  std::string castText(const Site& s, bool probe, const Resolved& resolved) const {
    std::string arg = range(s.argFrom, s.argTo, probe, resolved);
    if (probe) {
      arg = "(CASE WHEN clxs_spark_type_probe(" + std::to_string(s.key) + ", " +
            range(s.argFrom, s.argTo, false, resolved) + ") THEN " + arg + " END)";
    }
    const auto r = resolved.find(s.key);
    const TextForm form = r == resolved.end() ? TextForm::Engine : r->second.text;
    if (form == TextForm::Spark) return "clxs_spark_text(" + arg + ")";
    if (form == TextForm::WallClock) arg = "CAST(" + arg + " AS TIMESTAMP)";
    const std::string head =
        sql_.substr(toks_[s.start].begin, toks_[s.argFrom].begin - toks_[s.start].begin);
    const std::string tail =
        sql_.substr(toks_[s.argTo - 1].end, toks_[s.end].end - toks_[s.argTo - 1].end);
    return head + arg + tail;
  }

  std::string aggregateText(const Site& s, bool probe, const Resolved& resolved) const {
    std::string arg = range(s.argFrom, s.argTo, probe, resolved);
    if (probe) {
      arg = "CASE WHEN clxs_spark_type_probe(" + std::to_string(s.key) + ", " +
            range(s.argFrom, s.argTo, false, resolved) + ") THEN " + arg + " END";
    }
    std::string suffix;
    if (s.end > s.argTo) {
      suffix = sql_.substr(toks_[s.argTo].end, toks_[s.argTo + 1].begin - toks_[s.argTo].end) +
               range(s.argTo + 1, s.end + 1, probe, resolved);
    }
    const std::string head =
        sql_.substr(toks_[s.at].begin, toks_[s.argFrom].begin - toks_[s.at].begin);
    const auto r = resolved.find(s.key);
    if (r == resolved.end()) return head + arg + ")" + suffix;
    const std::string type = typeName(r->second.decimal);
    if (s.op == SiteKind::Sum) return "CAST(" + head + arg + ")" + suffix + " AS " + type + ")";
    const std::string distinct = s.distinct ? "DISTINCT " : "";
    return "CAST(clxs_spark_decimal_divide(sum(" + distinct + arg + ")" + suffix + ", count(" +
           distinct + arg + ")" + suffix + ", " + std::to_string(r->second.decimal.precision) +
           ", " + std::to_string(r->second.decimal.scale) + ") AS " + type + ")";
  }

  const std::string& sql_;
  std::vector<Tok> toks_;
  std::vector<Site> sites_;
  std::map<std::string, int> keys_;
  std::map<std::size_t, std::vector<std::size_t>> byStart_;
};

DecimalType bounded(int precision, int scale) {
  constexpr int kMax = 38;
  if (precision <= kMax) return {precision, scale};
  const int intDigits = precision - scale;
  const int minScale = std::min(scale, 6);
  return {kMax, std::max(kMax - intDigits, minScale)};
}

}  // namespace

std::optional<DecimalType> sparkDecimalResult(DecimalOperation op, const ProbedType& a,
                                              const ProbedType& b) {
  using K = ProbedType::Kind;
  if (op == DecimalOperation::Sum || op == DecimalOperation::Average) {
    if (a.kind != K::Decimal) return std::nullopt;
    if (op == DecimalOperation::Sum) return DecimalType{std::min(38, a.precision + 10), a.scale};
    return DecimalType{std::min(38, a.precision + 4), std::min(38, a.scale + 4)};
  }
  // A DOUBLE (or anything but a decimal or an integer) makes the arithmetic a DOUBLE one.
  const auto exact = [](const ProbedType& t) {
    return t.kind == K::Decimal || t.kind == K::Integral;
  };
  if (!exact(a) || !exact(b)) return std::nullopt;
  if (a.kind != K::Decimal && b.kind != K::Decimal) return std::nullopt;
  if (op == DecimalOperation::Multiply) {
    return bounded(a.precision + b.precision + 1, a.scale + b.scale);
  }
  const int scale = std::max(6, a.scale + b.precision + 1);
  return bounded(a.precision - a.scale + b.scale + scale, scale);
}

std::optional<std::string> ResultTypeCache::find(const std::string& sql) {
  const std::lock_guard lock(mu_);
  const auto it = entries_.find(sql);
  if (it == entries_.end()) return std::nullopt;
  order_.splice(order_.begin(), order_, it->second.at);
  return it->second.written;
}

std::uint64_t ResultTypeCache::generation() const {
  const std::lock_guard lock(mu_);
  return generation_;
}

void ResultTypeCache::put(const std::string& sql, std::string written, std::uint64_t generation) {
  if (sql.size() > maxBytes_ || capacity_ == 0) return;
  const std::lock_guard lock(mu_);
  if (generation != generation_) return;  // probed against a function since replaced
  if (const auto it = entries_.find(sql); it != entries_.end()) {
    it->second.written = std::move(written);
    order_.splice(order_.begin(), order_, it->second.at);
    return;
  }
  if (entries_.size() >= capacity_) {
    entries_.erase(order_.back());
    order_.pop_back();
  }
  order_.push_front(sql);
  entries_.emplace(sql, Entry{std::move(written), order_.begin()});
}

void ResultTypeCache::clear() {
  const std::lock_guard lock(mu_);
  ++generation_;
  entries_.clear();
  order_.clear();
}

std::size_t ResultTypeCache::size() const {
  const std::lock_guard lock(mu_);
  return entries_.size();
}

std::string withSparkResultTypes(DuckDbConnection& conn, const std::string& sql,
                                 ResultTypeCache* cache) {
  auto toks = scan(sql);
  if (!toks || toks->empty()) return sql;
  const DecimalRewriter rewriter(sql, std::move(*toks));
  if (rewriter.empty()) return sql;
  const std::uint64_t generation = cache ? cache->generation() : 0;
  if (cache) {
    if (auto written = cache->find(sql)) return std::move(*written);
  }
  // Each round probes the statement as the last one resolved it; a decimal result can make an
  // enclosing operation decimal too, so it repeats until the types stop changing.
  Resolved resolved;
  constexpr int kMaxRounds = 6;
  for (int round = 0; round < kMaxRounds; ++round) {
    ProbedSites seen;
    {
      const TypeProbeScope scope(seen);
      // Not cached: the engine's error may pass (a file restored, a function created).
      if (!conn.prepares(rewriter.emit(true, resolved))) return sql;
    }
    auto next = rewriter.resolve(seen);
    if (next == resolved) break;
    resolved = std::move(next);
  }
  std::string written = resolved.empty() ? sql : rewriter.emit(false, resolved);
  if (cache) cache->put(sql, written, generation);
  return written;
}

}  // namespace clxs::kernel
