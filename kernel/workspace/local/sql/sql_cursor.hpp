// A cursor over the tokens of one statement, for the hand-written recognisers of the
// Databricks statements DuckDB does not know (DDL, SHOW, DESCRIBE, clone, governance).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/workspace/local/sql/sql_lexer.hpp"

namespace clxs::kernel {

/// Walks tokens; every expect* throws a PARSE_SYNTAX_ERROR naming the token it stopped at.
class SqlCursor {
 public:
  /// `source` must outlive the cursor; it is lexed here.
  explicit SqlCursor(std::string_view source);

  /// The token `ahead` positions from the current one (End past the last).
  [[nodiscard]] const Token& peek(std::size_t ahead = 0) const;
  /// Returns the current token and moves past it.
  const Token& next();
  /// Whether the current token is End.
  [[nodiscard]] bool atEnd() const { return peek().kind == TokenKind::End; }
  /// Moves past the keyword when it is current.
  bool accept(std::string_view keyword);
  /// Moves past the keyword sequence when all of it is current.
  bool acceptAll(std::initializer_list<std::string_view> keywords);
  /// Moves past the symbol when it is current.
  bool acceptSymbol(std::string_view symbol);
  /// Requires the keyword.
  void expect(std::string_view keyword);
  /// Requires the symbol.
  void expectSymbol(std::string_view symbol);
  /// Requires the end of the statement.
  void expectEnd();
  /// An identifier (word or backticked), as written / decoded.
  std::string identifier();
  /// A dotted name of 1..maxParts identifiers.
  std::vector<std::string> qualifiedName(std::size_t maxParts = 3);
  /// A string literal's decoded text.
  std::string stringLiteral();
  /// An integer literal.
  std::int64_t integer();
  /// The source text from the current token to the end of the statement (trimmed).
  [[nodiscard]] std::string rest() const;
  /// The source text of tokens [from, to).
  [[nodiscard]] std::string text(std::size_t from, std::size_t to) const;
  /// Index of the current token.
  [[nodiscard]] std::size_t position() const { return pos_; }
  /// Moves to token index `p`.
  void seek(std::size_t p) { pos_ = p; }
  /// All tokens (End last).
  [[nodiscard]] const std::vector<Token>& tokens() const { return tokens_; }
  /// The statement text.
  [[nodiscard]] std::string_view source() const { return source_; }
  /// Throws a syntax error at the current token.
  [[noreturn]] void fail(std::string_view detail = {}) const;

 private:
  std::string_view source_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

}  // namespace clxs::kernel
