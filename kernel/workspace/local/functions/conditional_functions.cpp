// Conditionals and NULL predicates with Spark's names.
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

constexpr BuiltinFunction kConditionalFunctions[] = {
    {"equal_null", 2, 2, "($1 IS NOT DISTINCT FROM $2)"},
    {"ifnull", 2, 2, "coalesce($1, $2)"},
    {"isnotnull", 1, 1, "($1 IS NOT NULL)"},
    {"isnull", 1, 1, "($1 IS NULL)"},
    {"nvl", 2, 2, "coalesce($1, $2)"},
    {"nvl2", 3, 3, "CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END"},
    {"nullifzero", 1, 1, "nullif($1, 0)"},
    {"zeroifnull", 1, 1, "coalesce($1, 0)"},
};

}  // namespace

std::span<const BuiltinFunction> conditionalFunctions() {
  return kConditionalFunctions;
}

}  // namespace clxs::kernel
