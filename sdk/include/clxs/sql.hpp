// Identifier quoting and literal escaping: the only way names and values reach SQL text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clxs {

/// Throws HttpError 400 unless `name` is a valid identifier: non-empty, no NUL, at most
/// 255 characters. `what` names it in the message ("catalog").
void validateIdentifier(std::string_view name, std::string_view what = "identifier");

/// Quotes one identifier with backticks, doubling embedded backticks: a`b → `a``b`.
/// Validates first.
std::string quoteIdentifier(std::string_view name);

/// Quotes each part and joins with dots: {"c","s","t"} → `c`.`s`.`t`.
std::string quoteQualified(const std::vector<std::string>& parts);

/// Joins parts with dots, unquoted: {"c","s","t"} → c.s.t (the full name REST APIs take).
std::string joinDotted(const std::vector<std::string>& parts);

/// Splits "catalog.schema.table" honouring backtick quoting; throws HttpError 400 when a
/// part is empty or a quote is unterminated.
std::vector<std::string> splitQualified(std::string_view name);

/// A single-quoted SQL string literal with quotes and backslashes escaped.
std::string quoteLiteral(std::string_view value);

}  // namespace clxs
