// The check functions the quality engine compiles, with DQX's names, arguments and
// semantics: each becomes a SQL condition that is TRUE for a failing row (NULL passes, as in
// DQX), over the checked table's columns; dataset-level functions add a join to a grouped
// subquery, so every check of a table still runs in one query.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"
#include "plugins/quality/check.hpp"

namespace clxs::quality {

/// Whether a function judges each row alone or needs the whole table (or another one).
enum class Level { Row, Dataset };

/// What an argument holds, for validation and for `GET …/dqx/functions`.
enum class ArgType {
  Column,      ///< a column name (or a SQL expression over columns)
  Columns,     ///< a non-empty list of column names
  Value,       ///< a number, an ISO date/timestamp, a quoted literal or a SQL expression
  Values,      ///< a non-empty list of literal values
  Integer,     ///< a whole number
  Number,      ///< any number
  Boolean,     ///< true or false
  Text,        ///< a string taken as it is (a regex, a format, an aggregate name)
  Expression,  ///< a boolean SQL expression over the row
  Table,       ///< a catalog.schema.table name
};

/// The name `GET …/dqx/functions` shows for an argument type ("column", "list[str]", …).
std::string_view argTypeName(ArgType t);

/// One argument of a function.
struct ArgSpec {
  std::string_view name;  ///< DQX's argument name
  ArgType type;           ///< what it holds
  bool required;          ///< whether a check must give it
};

/// The SQL one check adds to the table's scan.
struct CompiledCheck {
  std::string failWhen;  ///< TRUE for a failing row; NULL or FALSE passes
  std::string join;      ///< a LEFT JOIN clause the condition reads, or empty
  std::string filter;    ///< the check's row filter as SQL, or empty for every row
};

/// One function of the registry.
struct FunctionSpec {
  std::string_view name;          ///< DQX's function name
  Level level;                    ///< row or dataset
  std::string_view category;      ///< for grouping in the function list
  std::string_view description;   ///< one sentence
  std::span<const ArgSpec> args;  ///< its arguments
  /// Writes the check's SQL; `index` numbers the aliases of its join. Throws HttpError 400 or
  /// 422 for arguments it cannot use.
  CompiledCheck (*compile)(const Check& check, std::size_t index) = nullptr;
  /// DQX's name for a check that has none.
  std::string (*autoName)(const Json& arguments) = nullptr;
};

/// Every function the engine compiles.
std::span<const FunctionSpec> checkFunctions();

/// The function named `name`, or null.
const FunctionSpec* findCheckFunction(std::string_view name);

/// `GET …/dqx/functions`: each function with its level, category, description and arguments
/// (name → type, with `?` after optional ones).
Json functionCatalog();

/// Checks `check`'s function and arguments against the registry: an unknown function, a
/// missing required argument, an unknown argument or one of the wrong type is a 422 at
/// `loc` (e.g. {"body","arguments","column"}); then compiles it once so that SQL the engine
/// refuses (a filter or expression that is not one expression) is a 400 before anything is
/// stored. Fills in the name when it is empty.
void validateCheck(Check& check);

/// The check's SQL (validateCheck first).
CompiledCheck compileCheck(const Check& check, std::size_t index);

/// A column argument as SQL: a name (dotted for struct fields) quoted part by part, or an
/// expression checked to be one expression.
std::string columnSql(const Json& column);

/// DQX's normalised name text: lower case, runs of other characters than letters and digits
/// as one `_`, no trailing `_`, at most 255 characters.
std::string normalizeName(std::string_view text);

}  // namespace clxs::quality
