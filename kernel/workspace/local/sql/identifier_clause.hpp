// Databricks' IDENTIFIER clause: `IDENTIFIER('main.s.t')` or `IDENTIFIER(:name)` stands for
// the name the string holds, wherever a name may be written (a table, a column, a function, a
// name in DDL). Statements are rewritten with the names in place before they are read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clxs/workspace/types.hpp"

namespace clxs::kernel {

/// `sql` with each IDENTIFIER(…) clause replaced by the backticked name its string literal or
/// named parameter holds. Throws Databricks' INVALID_IDENTIFIER when the string is not a
/// (qualified) name, UNBOUND_SQL_PARAMETER for a parameter not given, and
/// NOT_A_CONSTANT_STRING when the clause holds anything else.
std::string withIdentifierClauses(std::string_view sql, const std::vector<SqlParam>& params);

}  // namespace clxs::kernel
