#include "kernel/workspace/local/sql/sql_lexer.hpp"

#include <cctype>

#include "clxs/workspace.hpp"

namespace clxs::kernel {

namespace {

bool identStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool identPart(char c) {
  return identStart(c) || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '$';
}

// Spark SQL string escapes (the parser's default `spark.sql.parser.escapedStringLiterals=false`).
char unescape(char c) {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    case 'b':
      return '\b';
    case 'Z':
      return '\x1a';
    default:
      return c;
  }
}

// Skips whitespace and comments from `i`; returns false on an unterminated block comment.
bool skipSpace(std::string_view s, std::size_t& i) {
  while (i < s.size()) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      const auto close = s.find("*/", i + 2);
      if (close == std::string_view::npos) return false;
      i = close + 2;
    } else {
      break;
    }
  }
  return true;
}

// Reads a quoted run starting at s[i] == quote; returns the decoded text and moves i past it.
// Backticks double to escape; string literals take backslash escapes.
std::string readQuoted(std::string_view s, std::size_t& i) {
  const char quote = s[i];
  const std::size_t start = i;
  std::string out;
  ++i;
  while (i < s.size()) {
    const char c = s[i];
    if (quote != '`' && c == '\\' && i + 1 < s.size()) {
      out.push_back(unescape(s[i + 1]));
      i += 2;
      continue;
    }
    if (c == quote) {
      if (quote == '`' && i + 1 < s.size() && s[i + 1] == '`') {
        out.push_back('`');
        i += 2;
        continue;
      }
      ++i;
      return out;
    }
    out.push_back(c);
    ++i;
  }
  throwSyntaxError(s.substr(start, 20), "unterminated quoted text");
}

// Where the quote of a binary literal starting with the X at `i` is (X'FF' or X 'FF'), or npos
// when the X is a name or part of one.
std::size_t xLiteralQuote(std::string_view s, std::size_t i) {
  if (i > 0 && (std::isalnum(static_cast<unsigned char>(s[i - 1])) != 0 || s[i - 1] == '_')) {
    return std::string_view::npos;
  }
  std::size_t j = i + 1;
  while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
  return j < s.size() && s[j] == '\'' ? j : std::string_view::npos;
}

}  // namespace

bool Token::is(std::string_view kw) const {
  if (kind != TokenKind::Word || text.size() != kw.size()) return false;
  for (std::size_t i = 0; i < kw.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != kw[i]) return false;
  }
  return true;
}

void throwSyntaxError(std::string_view near, std::string_view detail) {
  std::string msg = "[PARSE_SYNTAX_ERROR] Syntax error at or near '" + std::string(near) + "'";
  if (near.empty()) msg = "[PARSE_SYNTAX_ERROR] Syntax error at end of input";
  if (!detail.empty()) msg += ": " + std::string(detail);
  msg += ". SQLSTATE: 42601";
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql, msg);
}

std::vector<Token> lexSql(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (true) {
    if (!skipSpace(s, i)) throwSyntaxError("/*", "unterminated comment");
    if (i >= s.size()) break;
    Token t;
    t.begin = i;
    const char c = s[i];
    if (c == '`') {
      t.kind = TokenKind::QuotedIdent;
      t.text = readQuoted(s, i);
    } else if (c == '\'' || c == '"') {
      t.kind = TokenKind::String;
      t.text = readQuoted(s, i);
    } else if ((c == 'r' || c == 'R') && i + 1 < s.size() &&
               (s[i + 1] == '\'' || s[i + 1] == '"')) {
      // A raw string: backslashes are themselves (r'\d+').
      const char quote = s[i + 1];
      const auto close = s.find(quote, i + 2);
      if (close == std::string_view::npos) {
        throwSyntaxError(s.substr(i, 20), "unterminated quoted text");
      }
      t.kind = TokenKind::String;
      t.text = std::string(s.substr(i + 2, close - i - 2));
      i = close + 1;
    } else if ((c == 'x' || c == 'X') && xLiteralQuote(s, i) != std::string_view::npos) {
      // X'FF', and Spark's typed-literal form X 'FF' (like DATE '…').
      i = xLiteralQuote(s, i);
      t.kind = TokenKind::Binary;
      t.text = readQuoted(s, i);
      for (const char h : t.text) {
        if (std::isxdigit(static_cast<unsigned char>(h)) == 0) {
          throwSyntaxError(s.substr(t.begin, i - t.begin), "a binary literal holds hex digits");
        }
      }
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0 ||
               (c == '.' && i + 1 < s.size() &&
                std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      t.kind = TokenKind::Number;
      while (i < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[i])) != 0 || s[i] == '.' ||
              ((s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E')))) {
        ++i;
      }
      t.text = std::string(s.substr(t.begin, i - t.begin));
    } else if (identStart(c)) {
      t.kind = TokenKind::Word;
      while (i < s.size() && identPart(s[i])) ++i;
      t.text = std::string(s.substr(t.begin, i - t.begin));
    } else if (c == ':' && i + 1 < s.size() && identStart(s[i + 1])) {
      t.kind = TokenKind::Parameter;
      ++i;
      while (i < s.size() && identPart(s[i])) ++i;
      t.text = std::string(s.substr(t.begin + 1, i - t.begin - 1));
    } else {
      t.kind = TokenKind::Symbol;
      static constexpr std::string_view kThree[] = {"<=>"};
      static constexpr std::string_view kTwo[] = {
          "<=", ">=", "<>", "!=", "==", "||", "::", "=>", "->"};
      std::size_t len = 1;
      for (auto op : kThree) {
        if (s.substr(i, 3) == op) len = 3;
      }
      if (len == 1) {
        for (auto op : kTwo) {
          if (s.substr(i, 2) == op) len = 2;
        }
      }
      t.text = std::string(s.substr(i, len));
      i += len;
    }
    t.end = i;
    out.push_back(std::move(t));
  }
  Token end;
  end.begin = end.end = s.size();
  out.push_back(end);
  return out;
}

std::vector<std::string> splitStatements(std::string_view script) {
  std::vector<std::string> out;
  std::size_t start = 0;
  std::size_t i = 0;
  auto flush = [&](std::size_t stop) {
    std::string_view part = script.substr(start, stop - start);
    std::size_t k = 0;
    // A statement made only of comments and blanks is dropped.
    if (skipSpace(part, k) && k < part.size()) out.emplace_back(part);
  };
  while (i < script.size()) {
    const char c = script[i];
    if (c == '\'' || c == '"' || c == '`') {
      (void)readQuoted(script, i);
    } else if (c == '-' && i + 1 < script.size() && script[i + 1] == '-') {
      while (i < script.size() && script[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < script.size() && script[i + 1] == '*') {
      const auto close = script.find("*/", i + 2);
      if (close == std::string_view::npos) throwSyntaxError("/*", "unterminated comment");
      i = close + 2;
    } else if (c == ';') {
      flush(i);
      start = ++i;
    } else {
      ++i;
    }
  }
  flush(script.size());
  return out;
}

}  // namespace clxs::kernel
