#include "clxs/sql_guard.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/error.hpp"

namespace clxs {
namespace {

// Deep enough for generated SQL; shallow enough that the recursive checks cannot exhaust a
// worker thread's stack.
constexpr std::size_t kMaxDepth = 256;

enum class Kind { Word, Quoted, String, Number, Param, Op, Open, Close, Comma, Semicolon };

struct Token {
  Kind kind;
  std::size_t begin;
  std::size_t end;
  std::string upper;  // words only: the spelling keywords are matched against
};

enum class Subject { Query, Expression };

constexpr auto kQueryStarts =
    std::to_array<std::string_view>({"SELECT", "WITH", "VALUES", "FROM", "TABLE"});

// Words that begin a statement other than a query.
constexpr auto kStatementWords = std::to_array<std::string_view>(
    {"INSERT",  "UPDATE",   "DELETE",  "MERGE",   "CREATE",  "DROP",    "ALTER",    "TRUNCATE",
     "GRANT",   "REVOKE",   "SET",     "RESET",   "USE",     "COPY",    "OPTIMIZE", "VACUUM",
     "REFRESH", "MSCK",     "CALL",    "EXECUTE", "ANALYZE", "CACHE",   "UNCACHE",  "CLEAR",
     "ADD",     "LOAD",     "REPAIR",  "REORG",   "RESTORE", "COMMENT", "DESCRIBE", "DESC",
     "SHOW",    "EXPLAIN",  "REPLACE", "DECLARE", "BEGIN",   "UNDROP",  "SYNC",     "FSCK",
     "CONVERT", "GENERATE", "LIST",    "REMOVE",  "PUT",     "GET"});

// Words that continue an expression: a statement keyword followed by one of these is a
// column or function name (`delete IS NULL`, `CAST(comment AS STRING)`).
constexpr auto kOperatorWords = std::to_array<std::string_view>(
    {"AND", "OR", "NOT", "IS", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP", "BETWEEN", "DIV", "AS",
     "COLLATE", "ESCAPE", "ASC", "DESC", "NULLS"});

// After one of these a clause keyword is being used as a column name (`limit > 5`).
constexpr auto kValueWords =
    std::to_array<std::string_view>({"AND", "OR", "IS", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP",
                                     "BETWEEN", "DIV", "COLLATE", "WHEN", "THEN", "ELSE", "END"});
constexpr auto kValueOps = std::to_array<std::string_view>(
    {"=", "==", "!=", "<>", "<", "<=", ">", ">=", "<=>", "*",   "/",  "%",
     "|", "||", "&",  "^",  ".", "::", "[", "<<", ">>",  ">>>", "!>", "!<"});

// Clause keywords that cannot appear at the top level of a row expression.
constexpr auto kClauseWords = std::to_array<std::string_view>(
    {"FROM", "WHERE", "HAVING", "QUALIFY", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT",
     "MINUS", "JOIN", "INTO", "LATERAL", "WITH", "VALUES", "TABLE"});
constexpr auto kByClauses = std::to_array<std::string_view>(
    {"GROUP", "ORDER", "CLUSTER", "DISTRIBUTE", "SORT", "PARTITION"});

constexpr auto kSetOperators =
    std::to_array<std::string_view>({"UNION", "INTERSECT", "EXCEPT", "MINUS"});
constexpr auto kSetQuantifiers =
    std::to_array<std::string_view>({"ALL", "DISTINCT", "BY", "NAME", "CORRESPONDING"});

// Longest first, so the first match is Spark's maximal munch.
constexpr auto kMultiCharOps =
    std::to_array<std::string_view>({"<=>", ">>>", "==", "<>", "!=", "<=", "!>", ">=", "!<", "<<",
                                     ">>", "||", "::", "->", "=>", "*/", "/*+"});

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

unsigned char byteAt(std::string_view s, std::size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

bool isDigit(std::string_view s, std::size_t i) {
  const auto c = byteAt(s, i);
  return c >= '0' && c <= '9';
}

bool isAsciiLetter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Spark skips these Unicode spaces too; lexing them as word characters would glue
// `INSERT<U+00A0>INTO` into one harmless-looking word.
std::size_t blankLength(std::string_view s, std::size_t i) {
  const auto c = byteAt(s, i);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  const auto c1 = byteAt(s, i + 1);
  const auto c2 = byteAt(s, i + 2);
  if (c == 0xC2 && c1 == 0xA0) return 2;                // U+00A0
  if (c == 0xE1 && c1 == 0x9A && c2 == 0x80) return 3;  // U+1680
  if (c == 0xE2 && c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xAF)) {
    return 3;  // U+2000..U+200A, U+2028, U+202F
  }
  if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;  // U+205F
  if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;  // U+3000
  return 0;
}

// Non-ASCII bytes count as letters: Spark takes Unicode letters, and anything else it
// refuses as an unrecognised token, so gluing it into a word hides nothing Spark would run.
bool isWordByte(std::string_view s, std::size_t i) {
  const auto c = byteAt(s, i);
  if (isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_') return true;
  return c >= 0x80 && blankLength(s, i) == 0;
}

bool isUriByte(std::string_view s, std::size_t i) {
  const auto c = byteAt(s, i);
  if (c == '/' || c == '-' || c == '.' || c == '?' || c == '=' || c == '&' || c == '#' ||
      c == '%') {
    return true;
  }
  return isWordByte(s, i);
}

// Spark matches keywords on Java's toUpperCase, which maps dotless ı to I and long ſ to S:
// `ınsert ınto` is INSERT INTO to the warehouse, so it must be to us.
std::string upperWord(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    const auto next = byteAt(word, i + 1);
    if (c == 0xC4 && next == 0xB1) {
      out.push_back('I');
      ++i;
    } else if (c == 0xC5 && next == 0xBF) {
      out.push_back('S');
      ++i;
    } else if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 'a' + 'A'));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// Characters, not bytes, counted from 1: what an editor shows.
std::size_t position(std::string_view s, std::size_t offset) {
  std::size_t chars = 1;
  for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars;
}

std::string at(std::string_view s, std::size_t offset) {
  return " at position " + std::to_string(position(s, offset));
}

bool startsWith(std::string_view s, std::size_t i, std::string_view prefix) {
  return s.substr(i, prefix.size()) == prefix;
}

// Lexes Databricks SQL as Spark's SqlBaseLexer does, keeping only what the checks need: comments
// and blanks are dropped, literals and quoted identifiers become opaque tokens.
class Lexer {
 public:
  explicit Lexer(std::string_view sql) : s_(sql) {}

  std::vector<Token> run() {
    while (i_ < s_.size()) step();
    return std::move(tokens_);
  }

 private:
  void step() {
    const auto c = byteAt(s_, i_);
    if (const auto blank = blankLength(s_, i_); blank > 0) {
      i_ += blank;
      return;
    }
    if (startsWith(s_, i_, "--")) return lineComment();
    // `/*+` opens a hint, whose contents Spark lexes as ordinary tokens.
    if (startsWith(s_, i_, "/*") && !startsWith(s_, i_, "/*+")) return blockComment();
    if (c == '\'' || c == '"') return push(Kind::String, stringEnd(i_ + 1, c, true));
    if (c == '`') return push(Kind::Quoted, quotedEnd());
    if (c >= '0' && c <= '9') return push(Kind::Number, numberEnd());
    if (isWordByte(s_, i_)) return word();
    if (c == ':' && byteAt(s_, i_ + 1) != ':' && isWordByte(s_, i_ + 1)) {
      // A named parameter or JSON path step: never a keyword.
      auto end = i_ + 1;
      while (isWordByte(s_, end)) ++end;
      return push(Kind::Param, end);
    }
    if (c == '?') return push(Kind::Param, i_ + 1);
    if (c == '(') return push(Kind::Open, i_ + 1);
    if (c == ')') return push(Kind::Close, i_ + 1);
    if (c == ',') return push(Kind::Comma, i_ + 1);
    if (c == ';') return push(Kind::Semicolon, i_ + 1);
    for (const auto op : kMultiCharOps) {
      if (startsWith(s_, i_, op)) return push(Kind::Op, i_ + op.size());
    }
    push(Kind::Op, i_ + 1);
  }

  void push(Kind kind, std::size_t end) {
    Token token{kind, i_, end, {}};
    if (kind == Kind::Word) token.upper = upperWord(s_.substr(i_, end - i_));
    tokens_.push_back(std::move(token));
    i_ = end;
  }

  void lineComment() {
    auto j = i_ + 2;
    for (; j < s_.size() && s_[j] != '\n' && s_[j] != '\r'; ++j) {
      // Spark continues a `--` comment past a backslash-newline; other lexers do not. Refusing
      // the ambiguity keeps hidden text from running under either reading.
      if (s_[j] == '\\' && byteAt(s_, j + 1) == '\n') {
        throw badRequest("The '--' comment" + at(s_, i_) +
                         " ends with a backslash, which continues it onto the next line; "
                         "remove the backslash.");
      }
    }
    i_ = j;
  }

  void blockComment() {
    std::size_t depth = 1;
    auto j = i_ + 2;
    while (j < s_.size()) {
      if (startsWith(s_, j, "*/")) {
        j += 2;
        if (--depth == 0) {
          i_ = j;
          return;
        }
      } else if (startsWith(s_, j, "/*") && !startsWith(s_, j, "/*+")) {
        ++depth;
        j += 2;
      } else {
        ++j;
      }
    }
    throw badRequest("Unterminated comment starting" + at(s_, i_) + ".");
  }

  std::size_t stringEnd(std::size_t from, unsigned char quote, bool escapes) const {
    for (auto j = from; j < s_.size(); ++j) {
      const auto c = static_cast<unsigned char>(s_[j]);
      if (escapes && c == '\\') {
        ++j;
      } else if (c == quote) {
        return j + 1;
      }
    }
    throw badRequest("Unterminated string literal starting" + at(s_, i_) + ".");
  }

  std::size_t quotedEnd() const {
    for (auto j = i_ + 1; j < s_.size(); ++j) {
      if (s_[j] != '`') continue;
      if (byteAt(s_, j + 1) != '`') return j + 1;
      ++j;
    }
    throw badRequest("Unterminated quoted identifier starting" + at(s_, i_) + ".");
  }

  // Ends where Spark's numeric literal or digit-led identifier ends: an exponent's sign and
  // digits belong to the number, and a word after them starts a new token.
  std::size_t numberEnd() const {
    auto j = i_;
    while (j < s_.size()) {
      if (s_[j] == '.' && isDigit(s_, j + 1)) {
        ++j;
        continue;
      }
      if (!isWordByte(s_, j)) break;
      const auto c = byteAt(s_, j++);
      const auto sign = byteAt(s_, j);
      if ((c == 'e' || c == 'E') && (sign == '+' || sign == '-') && isDigit(s_, j + 1)) {
        ++j;
        while (isDigit(s_, j)) ++j;
        const auto suffix = byteAt(s_, j) & ~0x20;  // ASCII upper case
        if (suffix == 'B' && (byteAt(s_, j + 1) & ~0x20) == 'D') return j + 2;
        if (suffix == 'D' || suffix == 'F') return j + 1;
        return j;
      }
    }
    return j;
  }

  void word() {
    auto end = i_;
    bool lettersOnly = true;
    for (; isWordByte(s_, end); ++end) {
      const auto c = byteAt(s_, end);
      if ((c >= '0' && c <= '9') || c == '_') lettersOnly = false;
    }
    const auto next = byteAt(s_, end);
    if (end == i_ + 1 && (s_[i_] == 'r' || s_[i_] == 'R') && (next == '\'' || next == '"')) {
      return push(Kind::String, stringEnd(end + 1, next, false));  // raw: no escapes
    }
    // Spark reads `scheme://path` as one identifier, `--` and all.
    if (lettersOnly && startsWith(s_, end, "://") && isUriByte(s_, end + 3)) {
      end += 3;
      while (isUriByte(s_, end)) ++end;
    }
    push(Kind::Word, end);
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::vector<Token> tokens_;
};

// The structural checks over one text's tokens.
class Guard {
 public:
  Guard(std::string_view sql, Subject subject) : s_(sql), subject_(subject) {
    if (sql.find('\0') != std::string_view::npos) {
      throw badRequest(std::string(subject == Subject::Query ? "The query" : "The expression") +
                       " must not contain a NUL character.");
    }
    tokens_ = Lexer(sql).run();
  }

  std::string query() {
    if (tokens_.empty()) throw badRequest("The query is empty; send one SELECT statement.");
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].kind != Kind::Semicolon) continue;
      if (i + 1 < tokens_.size()) {
        throw badRequest(
            "The query must be one SELECT statement; found a second statement "
            "after ';'" +
            at(s_, tokens_[i].begin) + ".");
      }
      tokens_.pop_back();
    }
    if (tokens_.empty()) throw badRequest("The query is empty; send one SELECT statement.");
    matchParentheses();
    checkQuery(0, tokens_.size());
    return text();
  }

  std::string expression() {
    if (tokens_.empty()) {
      throw badRequest("The expression is empty; send one SQL expression such as price > 0.");
    }
    for (const auto& t : tokens_) {
      if (t.kind == Kind::Semicolon) {
        throw badRequest("The expression must be one SQL expression; found ';'" + at(s_, t.begin) +
                         ".");
      }
    }
    matchParentheses();
    if (looksLikeStatement(0, tokens_.size())) throw notAllowed(0);
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const auto& t = tokens_[i];
      if (t.kind == Kind::Open) {
        checkGroup(i);
        i = match_[i];
        continue;
      }
      if (t.kind == Kind::Comma) {
        throw badRequest("The expression must be one SQL expression; found ','" + at(s_, t.begin) +
                         " (combine conditions with AND).");
      }
      if (!isKeyword(i)) continue;
      checkClauseWord(i);
      checkPhrase(i, tokens_.size());
    }
    return text();
  }

 private:
  std::string text() const {
    const auto begin = tokens_.front().begin;
    return std::string(s_.substr(begin, tokens_.back().end - begin));
  }

  std::string show(std::size_t i) const {
    if (i >= tokens_.size()) return "the end of the text";
    const auto& t = tokens_[i];
    auto word = s_.substr(t.begin, t.end - t.begin);
    std::string shown(word.substr(0, 40));
    if (word.size() > 40) {
      while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) {
        shown.pop_back();
      }
      if (!shown.empty()) shown.pop_back();
      shown += "…";
    }
    // Literals and quoted names carry their own quotes.
    if (t.kind == Kind::String || t.kind == Kind::Quoted) return shown + at(s_, t.begin);
    return "'" + shown + "'" + at(s_, t.begin);
  }

  void matchParentheses() {
    match_.assign(tokens_.size(), 0);
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].kind == Kind::Open) {
        if (open.size() == kMaxDepth) {
          throw badRequest("Parentheses nest more than " + std::to_string(kMaxDepth) + " deep" +
                           at(s_, tokens_[i].begin) + "; simplify the SQL.");
        }
        open.push_back(i);
      } else if (tokens_[i].kind == Kind::Close) {
        if (open.empty()) {
          throw badRequest("Unbalanced parentheses: ')'" + at(s_, tokens_[i].begin) +
                           " has no matching '('.");
        }
        match_[open.back()] = i;
        match_[i] = open.back();
        open.pop_back();
      }
    }
    if (!open.empty()) {
      throw badRequest("Unbalanced parentheses: '('" + at(s_, tokens_[open.front()].begin) +
                       " is never closed.");
    }
  }

  bool isWord(std::size_t i, std::string_view upper) const {
    return i < tokens_.size() && tokens_[i].kind == Kind::Word && tokens_[i].upper == upper;
  }
  bool isKind(std::size_t i, Kind kind) const {
    return i < tokens_.size() && tokens_[i].kind == kind;
  }
  bool isName(std::size_t i) const { return isKind(i, Kind::Word) || isKind(i, Kind::Quoted); }
  // A word after `.` is a field name (`t.delete`), never a keyword.
  bool isKeyword(std::size_t i) const {
    if (!isKind(i, Kind::Word)) return false;
    if (i == 0 || tokens_[i - 1].kind != Kind::Op) return true;
    return tokens_[i - 1].end - tokens_[i - 1].begin != 1 || s_[tokens_[i - 1].begin] != '.';
  }

  HttpError notAllowed(std::size_t i) const {
    const std::string what = subject_ == Subject::Query ? "The query must be a SELECT"
                                                        : "The expression must be one SQL "
                                                          "expression";
    return badRequest(what + "; " + tokens_[i].upper + " statements are not allowed here.");
  }

  // A statement keyword opening [b, e) followed by another name: `DROP TABLE t`, not
  // `delete IS NULL` or `replace(a, 'x', 'y')`.
  bool looksLikeStatement(std::size_t b, std::size_t e) const {
    if (!isKind(b, Kind::Word) || !contains(kStatementWords, tokens_[b].upper)) return false;
    if (b + 1 >= e) return false;
    if (isKind(b + 1, Kind::Quoted)) return true;
    if (!isKind(b + 1, Kind::Word)) return false;
    // Only DELETE starts a statement with FROM; `substring(comment FROM 2)` is an expression.
    if (tokens_[b + 1].upper == "FROM") return tokens_[b].upper == "DELETE";
    return !contains(kOperatorWords, tokens_[b + 1].upper);
  }

  bool startsQuery(std::size_t b, std::size_t e) const {
    if (!isKind(b, Kind::Word)) return false;
    if (tokens_[b].upper != "WITH") return contains(kQueryStarts, tokens_[b].upper);
    return b + 2 < e && isName(b + 1) &&
           (isName(b + 2) || isKind(b + 2, Kind::Open));  // WITH [RECURSIVE] name …
  }

  // [b, e) must be a query; loops rather than recursing over `WITH … WITH …` chains.
  void checkQuery(std::size_t b, std::size_t e) {
    while (true) {
      if (b == e) {
        throw badRequest("The query must be a SELECT; found empty parentheses" +
                         at(s_, tokens_[b - 1].begin) + " where a query belongs.");
      }
      const auto& t = tokens_[b];
      if (t.kind == Kind::Open) {
        checkQuery(b + 1, match_[b]);
        scan(match_[b] + 1, e);
        return;
      }
      if (t.kind == Kind::Word && t.upper == "WITH") {
        b = checkCtes(b, e);
        continue;
      }
      if (t.kind == Kind::Word && contains(kQueryStarts, t.upper)) {
        scan(b + 1, e);
        return;
      }
      if (t.kind == Kind::Word && contains(kStatementWords, t.upper)) throw notAllowed(b);
      throw badRequest(
          "The query must start with SELECT, WITH, VALUES, FROM, TABLE or '('; found " + show(b) +
          ".");
    }
  }

  // Checks `WITH [RECURSIVE] name [(cols)] [MAX RECURSION LEVEL n] [AS] (query), …` starting
  // at b and returns where the statement after it starts.
  std::size_t checkCtes(std::size_t b, std::size_t e) {
    auto i = b + 1;
    if (isWord(i, "RECURSIVE") && i + 1 < e && isName(i + 1) && !isWord(i + 1, "AS")) ++i;
    while (true) {
      if (i >= e || !isName(i)) throw badCte(i);
      ++i;
      if (i < e && isKind(i, Kind::Open)) {
        const auto after = match_[i] + 1;
        if (after < e &&
            (isWord(after, "AS") || isWord(after, "MAX") || isKind(after, Kind::Open))) {
          i = after;  // a column list
        }
      }
      if (isWord(i, "MAX") && isWord(i + 1, "RECURSION") && isWord(i + 2, "LEVEL") && i + 3 < e) {
        i += 4;
      }
      if (i < e && isWord(i, "AS")) ++i;
      if (i >= e || !isKind(i, Kind::Open)) throw badCte(i);
      checkQuery(i + 1, match_[i]);
      i = match_[i] + 1;
      if (i < e && isKind(i, Kind::Comma)) {
        ++i;
        continue;
      }
      if (i >= e) throw badRequest("The query must end with a SELECT after its WITH clause.");
      return i;
    }
  }

  HttpError badCte(std::size_t i) const {
    return badRequest("The WITH clause must name each query as name AS (SELECT …); found " +
                      show(i) + ".");
  }

  // A parenthesised group: a subquery is checked as a query, anything else as expressions.
  void checkGroup(std::size_t open) {
    const auto b = open + 1;
    const auto e = match_[open];
    if (b == e) return;
    if (startsQuery(b, e)) return checkQuery(b, e);
    if (looksLikeStatement(b, e)) throw notAllowed(b);
    scan(b, e);
  }

  void scan(std::size_t b, std::size_t e) {
    for (auto i = b; i < e; ++i) {
      if (tokens_[i].kind == Kind::Open) {
        checkGroup(i);
        i = match_[i];
        continue;
      }
      if (isKeyword(i)) checkPhrase(i, e);
    }
  }

  // Statement phrases that can hide inside a query's text.
  void checkPhrase(std::size_t i, std::size_t e) const {
    const auto& word = tokens_[i].upper;
    // Spark's `FROM t INSERT INTO u SELECT …` is a statement that starts like a query.
    if (word == "INSERT" && i + 1 < e && (isWord(i + 1, "INTO") || isWord(i + 1, "OVERWRITE"))) {
      throw notAllowed(i);
    }
    // TRANSFORM/MAP/REDUCE … USING 'program' runs a program on the cluster.
    if (word == "USING" && i + 1 < e && isKind(i + 1, Kind::String)) {
      throw badRequest("Script transforms are not allowed here; found USING " + show(i + 1) + ".");
    }
    if (!contains(kSetOperators, word)) return;
    auto j = i + 1;
    while (j < e && isKind(j, Kind::Word) && contains(kSetQuantifiers, tokens_[j].upper)) ++j;
    if (j < e && isKeyword(j) && contains(kStatementWords, tokens_[j].upper)) {
      throw notAllowed(j);
    }
  }

  // True when a clause keyword is followed by an operator or ends the text: then it names a
  // column (`limit > 5`, `x AND values`) rather than opening a clause.
  bool usedAsValue(std::size_t i) const {
    if (i + 1 >= tokens_.size()) return true;
    const auto& next = tokens_[i + 1];
    if (next.kind == Kind::Word) return contains(kValueWords, next.upper);
    if (next.kind != Kind::Op) return false;
    return contains(kValueOps, s_.substr(next.begin, next.end - next.begin));
  }

  void checkClauseWord(std::size_t i) const {
    const auto& word = tokens_[i].upper;
    if (word == "SELECT") {
      throw badRequest(
          "The expression must be one SQL expression; a subquery must be in "
          "parentheses, found " +
          show(i) + ".");
    }
    if (contains(kByClauses, word)) {
      if (isWord(i + 1, "BY")) throw clause(i);
      return;
    }
    if (word == "FROM" && i > 0 && isWord(i - 1, "DISTINCT")) return;  // IS DISTINCT FROM
    if (contains(kClauseWords, word) && !usedAsValue(i)) throw clause(i);
  }

  HttpError clause(std::size_t i) const {
    return badRequest("The expression must be one SQL expression; found the clause keyword " +
                      show(i) + ".");
  }

  std::string_view s_;
  Subject subject_;
  std::vector<Token> tokens_;
  std::vector<std::size_t> match_;  // for each parenthesis, the index of its partner
};

}  // namespace

std::string requireSingleQuery(std::string_view sql) {
  return Guard(sql, Subject::Query).query();
}

std::string requireSingleExpression(std::string_view sql) {
  return Guard(sql, Subject::Expression).expression();
}

}  // namespace clxs
