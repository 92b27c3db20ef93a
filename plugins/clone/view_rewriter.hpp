// Reading and rewriting the object names in a view or function definition, by token.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clxs::clone {

/// Rewrites every reference to catalog `from` into `to`: only an identifier that starts a
/// dotted name of three or more parts (catalog.schema.object[.column]) and equals `from`
/// (case-insensitively, quoted or not) is replaced, by `to` quoted. String literals,
/// comments and every other identifier are left exactly as they were.
std::string rewriteCatalogReferences(std::string_view sql, std::string_view from,
                                     std::string_view to);

/// Every dotted name in `sql` (outside literals and comments), each as its unquoted parts:
/// what a view may depend on, for ordering views by dependency.
std::vector<std::vector<std::string>> referencedNames(std::string_view sql);

/// Whether `predicate` is one boolean expression that cannot end the statement it is put
/// in: parentheses balance and there is no `;` or comment outside string literals.
bool isSingleExpression(std::string_view predicate);

}  // namespace clxs::clone
