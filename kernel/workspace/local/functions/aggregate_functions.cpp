// Aggregates with Spark's names and NULL rules: collect_list and collect_set skip NULLs,
// percentile interpolates, percentile_approx returns a value of the column, first and last
// take an ignore-nulls flag, kurtosis and skewness are the population's.
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

std::string firstOrLast(const FunctionArgs& a, const char* fn) {
  const bool ignoreNulls = a.size() > 1 && (a[1] == "true" || a[1] == "TRUE");
  std::string out = std::string(fn) + "((" + a[0] + "))";
  if (ignoreNulls) out += " FILTER (WHERE (" + a[0] + ") IS NOT NULL)";
  return out;
}
std::string first(const FunctionArgs& a) {
  return firstOrLast(a, "first");
}
std::string last(const FunctionArgs& a) {
  return firstOrLast(a, "last");
}

// listagg and string_agg: the distinct values in their order (the engine's hash order would
// change from run to run), the separator empty unless given.
std::string listagg(const FunctionArgs& a) {
  const std::string sep = a.size() > 1 ? "(" + a[1] + ")" : std::string("''");
  if (a[0].rfind("DISTINCT ", 0) == 0) {
    const std::string value = a[0].substr(9);
    return "string_agg(DISTINCT " + value + ", " + sep + " ORDER BY " + value + ")";
  }
  return "string_agg(" + a[0] + ", " + sep + ")";
}

constexpr BuiltinFunction kAggregateFunctions[] = {
    {"any", 1, 1, "bool_or($1)"},
    // any_value keeps NULL unless told to ignore it, as first does (DuckDB's skips it always).
    {"any_value", 1, 2, {}, first},
    {"approx_percentile", 2, 3, "quantile_disc($1, $2)"},
    {"kurtosis", 1, 1, "kurtosis_pop($1)"},
    {"bitmap_and_agg", 1, 1, "clxs_spark_bitmap_and(list($1))"},
    {"bitmap_construct_agg", 1, 1, "clxs_spark_bitmap_from_positions(list($1))"},
    {"bitmap_or_agg", 1, 1, "clxs_spark_bitmap_or(list($1))"},
    {"listagg", 1, 2, {}, listagg, false, true},
    {"mode", 1, 2, "mode($1)"},
    {"string_agg", 1, 2, {}, listagg, false, true},
    {"array_agg", 1, 1, "list($1) FILTER (WHERE $1 IS NOT NULL)"},
    {"collect_list", 1, 1, "list($1) FILTER (WHERE $1 IS NOT NULL)"},
    {"collect_set", 1, 1, "list(DISTINCT $1) FILTER (WHERE $1 IS NOT NULL)"},
    {"every", 1, 1, "bool_and($1)"},
    {"first", 1, 2, {}, first},
    {"first_value", 1, 2, {}, first},
    {"last", 1, 2, {}, last},
    {"last_value", 1, 2, {}, last},
    {"percentile", 2, 3, "quantile_cont($1, $2)"},
    {"percentile_approx", 2, 3, "quantile_disc($1, $2)"},
    {"skewness", 1, 1,
     "(skewness($1) * (count($1) - 2) / sqrt(CAST(count($1) AS DOUBLE) * (count($1) - 1)))"},
    {"some", 1, 1, "bool_or($1)"},
    {"try_avg", 1, 1, "avg($1)"},
    {"try_sum", 1, 1,
     "CASE WHEN typeof(sum($1)) = 'HUGEINT' AND abs(sum($1)) > 9223372036854775807 THEN NULL "
     "ELSE sum($1) END"},
    {"std", 1, 1, "stddev_samp($1)"},
};

}  // namespace

std::span<const BuiltinFunction> aggregateFunctions() {
  return kAggregateFunctions;
}

}  // namespace clxs::kernel
