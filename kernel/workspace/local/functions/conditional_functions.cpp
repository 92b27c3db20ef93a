// Conditionals with Spark's names.
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

constexpr BuiltinFunction kConditionalFunctions[] = {
    {"ifnull", 2, 2, "coalesce($1, $2)"},
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
