// The Databricks built-in functions the local workspace writes in DuckDB's terms, with
// Databricks' semantics (argument order, 0- or 1-based indexes, NULL handling, result shape).
// One file per family says how each of its functions is written; the query translator looks
// a call up here, translates its arguments and writes the call.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clxs::kernel {

/// A call's arguments, each already translated to DuckDB SQL.
using FunctionArgs = std::vector<std::string>;

/// How one builtin is written for DuckDB.
struct BuiltinFunction {
  std::string_view name;  ///< Databricks name, lower case
  int minArgs = 0;        ///< fewest arguments
  int maxArgs = 0;        ///< most arguments; -1: any number
  /// DuckDB SQL with `$1`…`$9` for the arguments and `$*` for all of them, comma-separated.
  std::string_view pattern;
  /// Writes the call when a pattern cannot (variadic shapes, literal arguments); else null.
  std::string (*build)(const FunctionArgs& args) = nullptr;
  /// Also takes its arguments separated by FROM, FOR or PLACING (the SQL-standard forms).
  bool keywordArguments = false;
  /// `build` sees `DISTINCT` as the start of its first argument (else the library puts it
  /// after the written call's first parenthesis).
  bool seesDistinct = false;
};

/// The builtin named `name` (any case), or null when the library has none by that name.
const BuiltinFunction* findBuiltin(std::string_view name);

/// `f` called with `args` (their count checked by the caller against minArgs/maxArgs).
std::string writeBuiltin(const BuiltinFunction& f, const FunctionArgs& args);

/// Whether `arg` (translated SQL) is one string literal; if so, sets `text` to its value.
bool literalText(std::string_view arg, std::string& text);

/// Whether `arg` is a lambda (`x -> …` or `(x, y) -> …`), which must not be parenthesised.
bool isLambda(std::string_view arg);

/// A lambda argument split into its parameter names and its body.
struct Lambda {
  std::vector<std::string> params;  ///< as written
  std::string body;                 ///< translated SQL
};

/// Splits `arg` when it is a lambda with `arity` parameters; throws Databricks'
/// INVALID_LAMBDA_FUNCTION_CALL otherwise.
Lambda lambdaOf(const std::string& function, std::string_view arg, std::size_t arity);

/// The lambda's body with each parameter (an unqualified, uncalled name) replaced by the
/// expression at the same index of `values`, parenthesised.
std::string applyLambda(const Lambda& lambda, const std::vector<std::string>& values);

/// Throws Databricks' WRONG_NUM_ARGS: `function` requires `expected` ("2", "[1, 2]",
/// "an even number of") parameters and got `actual`.
[[noreturn]] void throwWrongArgCount(std::string_view function, const std::string& expected,
                                     std::size_t actual);

/// The key/value pairs of an options map the library wrote from literals
/// (`map('sep', ';', 'quote', '"')`), in order.
std::vector<std::pair<std::string, std::string>> optionPairs(const std::string& options);

/// The value of option `key` (any case) in an options map the library wrote from literals
/// (`map('sortKeys', 'true')`), or nothing when it is not there.
std::optional<std::string> optionValue(const std::string& options, std::string_view key);

/// json_tuple's columns for `args` (the JSON, then the keys): one expression per key, comma
/// separated, for LATERAL VIEW json_tuple(…).
std::string jsonTupleColumns(const FunctionArgs& args);

/// `args` joined with ", " (each as it is).
std::string joinArgs(const FunctionArgs& args, std::size_t from = 0);

/// The families (one file each).
std::span<const BuiltinFunction> arrayFunctions();
std::span<const BuiltinFunction> mapAndStructFunctions();
std::span<const BuiltinFunction> stringFunctions();
std::span<const BuiltinFunction> mathFunctions();
std::span<const BuiltinFunction> datetimeFunctions();
std::span<const BuiltinFunction> hashFunctions();
std::span<const BuiltinFunction> conditionalFunctions();
std::span<const BuiltinFunction> csvFunctions();
std::span<const BuiltinFunction> aggregateFunctions();
std::span<const BuiltinFunction> jsonFunctions();
std::span<const BuiltinFunction> urlFunctions();
std::span<const BuiltinFunction> miscFunctions();
std::span<const BuiltinFunction> castFunctions();
std::span<const BuiltinFunction> sketchFunctions();

/// Spark's url_decode of `arg` (translated SQL): `+` is a space, a `%` not followed by two hex
/// digits is NULL when `orNull`, else Databricks' CANNOT_DECODE_URL.
std::string urlDecodeSql(const std::string& arg, bool orNull);

}  // namespace clxs::kernel
