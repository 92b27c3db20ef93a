#include "kernel/workspace/local/sql/sql_cursor.hpp"

#include <charconv>

namespace clxs::kernel {

SqlCursor::SqlCursor(std::string_view source) : source_(source), tokens_(lexSql(source)) {}

const Token& SqlCursor::peek(std::size_t ahead) const {
  const auto i = pos_ + ahead;
  return i < tokens_.size() ? tokens_[i] : tokens_.back();
}

const Token& SqlCursor::next() {
  const Token& t = peek();
  if (pos_ < tokens_.size() - 1) ++pos_;
  return t;
}

bool SqlCursor::accept(std::string_view keyword) {
  if (!peek().is(keyword)) return false;
  next();
  return true;
}

bool SqlCursor::acceptAll(std::initializer_list<std::string_view> keywords) {
  std::size_t k = 0;
  for (auto kw : keywords) {
    if (!peek(k++).is(kw)) return false;
  }
  pos_ += keywords.size();
  return true;
}

bool SqlCursor::acceptSymbol(std::string_view symbol) {
  if (!peek().isSymbol(symbol)) return false;
  next();
  return true;
}

void SqlCursor::fail(std::string_view detail) const {
  const auto& t = peek();
  throwSyntaxError(source_.substr(t.begin, t.end - t.begin), detail);
}

void SqlCursor::expect(std::string_view keyword) {
  if (!accept(keyword)) fail("expected " + std::string(keyword));
}

void SqlCursor::expectSymbol(std::string_view symbol) {
  if (!acceptSymbol(symbol)) fail("expected '" + std::string(symbol) + "'");
}

void SqlCursor::expectEnd() {
  acceptSymbol(";");
  if (!atEnd()) fail("unexpected text after the statement");
}

std::string SqlCursor::identifier() {
  if (!peek().isIdentifier()) fail("expected an identifier");
  return next().text;
}

std::vector<std::string> SqlCursor::qualifiedName(std::size_t maxParts) {
  std::vector<std::string> parts{identifier()};
  while (peek().isSymbol(".") && peek(1).isIdentifier()) {
    if (parts.size() == maxParts) fail("too many name parts");
    next();
    parts.push_back(identifier());
  }
  return parts;
}

std::string SqlCursor::stringLiteral() {
  if (peek().kind != TokenKind::String) fail("expected a string literal");
  return next().text;
}

std::int64_t SqlCursor::integer() {
  const auto& t = peek();
  std::int64_t v = 0;
  std::string digits = t.text;
  if (!digits.empty() && (digits.back() == 'L' || digits.back() == 'l')) digits.pop_back();
  const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (t.kind != TokenKind::Number || ec != std::errc() || p != digits.data() + digits.size()) {
    fail("expected an integer");
  }
  next();
  return v;
}

std::string SqlCursor::text(std::size_t from, std::size_t to) const {
  if (from >= to || from >= tokens_.size()) return {};
  const auto b = tokens_[from].begin;
  const auto e = tokens_[std::min(to, tokens_.size()) - 1].end;
  return std::string(source_.substr(b, e - b));
}

std::string SqlCursor::rest() const {
  auto end = tokens_.size() - 1;  // End
  if (end > pos_ && tokens_[end - 1].isSymbol(";")) --end;
  return text(pos_, end);
}

}  // namespace clxs::kernel
