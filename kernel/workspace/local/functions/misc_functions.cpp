// Functions about values rather than of them: typeof names a value's type as Spark does
// (`int`, `array<int>`, `struct<a:int>`), computed by an engine function from the argument's
// type, NULL included.
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

constexpr BuiltinFunction kMiscFunctions[] = {
    {"typeof", 1, 1, "clxs_spark_typeof($1)"},
};

}  // namespace

std::span<const BuiltinFunction> miscFunctions() {
  return kMiscFunctions;
}

}  // namespace clxs::kernel
