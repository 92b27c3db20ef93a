// Spark's functions named after a type (`int('5')`, `date('2020-01-01')`, `timestamp(…)`): each
// is CAST to that type, with CAST's Databricks semantics.
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

constexpr BuiltinFunction kCastFunctions[] = {
    {"bigint", 1, 1, "clxs_spark_cast_bigint($1, false)"},
    {"binary", 1, 1, "CAST($1 AS BLOB)"},
    {"boolean", 1, 1, "CAST($1 AS BOOLEAN)"},
    {"date", 1, 1, "CAST($1 AS DATE)"},
    {"decimal", 1, 1, "CAST($1 AS DECIMAL(10, 0))"},
    {"double", 1, 1, "CAST($1 AS DOUBLE)"},
    {"float", 1, 1, "CAST($1 AS FLOAT)"},
    {"int", 1, 1, "clxs_spark_cast_int($1, false)"},
    {"smallint", 1, 1, "clxs_spark_cast_smallint($1, false)"},
    {"string", 1, 1, "CAST($1 AS VARCHAR)"},
    {"timestamp", 1, 1, "CAST($1 AS TIMESTAMPTZ)"},
    {"tinyint", 1, 1, "clxs_spark_cast_tinyint($1, false)"},
};

}  // namespace

std::span<const BuiltinFunction> castFunctions() {
  return kCastFunctions;
}

}  // namespace clxs::kernel
