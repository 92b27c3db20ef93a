// Tokens of Databricks SQL text, with their byte ranges, so statements can be recognised
// and rewritten for DuckDB without losing what the user wrote.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/text.hpp"

namespace clxs::kernel {

/// What a token is.
enum class TokenKind {
  Word,         ///< keyword or unquoted identifier (text as written)
  QuotedIdent,  ///< `backticked` identifier (text decoded)
  String,       ///< '...' or "..." literal (text decoded: escapes applied; none in r'...')
  Binary,       ///< X'...' literal (text: the hex digits)
  Number,       ///< numeric literal (text as written, suffix included)
  Symbol,       ///< operator or punctuation (text as written)
  Parameter,    ///< :name (text without the colon)
  End,          ///< end of input
};

/// One token.
struct Token {
  TokenKind kind = TokenKind::End;  ///< kind
  std::string text;                 ///< see TokenKind
  std::size_t begin = 0;            ///< first byte in the source
  std::size_t end = 0;              ///< one past the last byte in the source

  /// Whether this is the keyword `kw` (case-insensitive; `kw` in upper case).
  [[nodiscard]] bool is(std::string_view kw) const;
  /// Whether this is the symbol `s`.
  [[nodiscard]] bool isSymbol(std::string_view s) const {
    return kind == TokenKind::Symbol && text == s;
  }
  /// Whether this can name an object (a word or a backticked identifier).
  [[nodiscard]] bool isIdentifier() const {
    return kind == TokenKind::Word || kind == TokenKind::QuotedIdent;
  }
};

/// Tokenizes one statement; the last token is End. Comments are skipped. Throws
/// WorkspaceError InvalidSql ([PARSE_SYNTAX_ERROR]) for unterminated literals or comments.
std::vector<Token> lexSql(std::string_view sql);

/// Splits a script on `;` outside literals and comments; blank statements are dropped.
std::vector<std::string> splitStatements(std::string_view script);

/// A Databricks-style syntax error: "[PARSE_SYNTAX_ERROR] Syntax error at or near '...'".
[[noreturn]] void throwSyntaxError(std::string_view near, std::string_view detail = {});

}  // namespace clxs::kernel
