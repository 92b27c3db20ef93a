// Databricks' sketch functions (KLL quantiles, Theta and HLL distinct counts, Tuple sketches) as
// engine functions over exact sketches (exact_sketches, registered by sketch_functions). An
// aggregate is DuckDB's `list` of its input folded by an engine function; a Tuple sketch's key
// and summary travel together as one list of structs so that they stay paired. An optional
// argument left out is NULL in the call, which the engine functions read as Spark's default.
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

constexpr BuiltinFunction kSketchFunctions[] = {
    // KLL quantiles: BIGINT, FLOAT and DOUBLE sketches.
    {"kll_merge_agg_bigint", 1, 2, "clxs_spark_kll_merge_agg_bigint(list($1), $2)"},
    {"kll_sketch_agg_bigint", 1, 2, "clxs_spark_kll_build_bigint(list($1), $2)"},
    {"kll_sketch_get_n_bigint", 1, 1, "clxs_spark_kll_n_bigint($1)"},
    {"kll_sketch_get_quantile_bigint", 2, 2, "clxs_spark_kll_quantile_bigint($1, $2)"},
    {"kll_sketch_get_rank_bigint", 2, 2, "clxs_spark_kll_rank_bigint($1, $2)"},
    {"kll_sketch_merge_bigint", 2, 2, "clxs_spark_kll_merge_bigint($1, $2)"},
    {"kll_sketch_to_string_bigint", 1, 1, "clxs_spark_kll_to_string_bigint($1)"},
    {"kll_merge_agg_float", 1, 2, "clxs_spark_kll_merge_agg_float(list($1), $2)"},
    {"kll_sketch_agg_float", 1, 2, "clxs_spark_kll_build_float(list($1), $2)"},
    {"kll_sketch_get_n_float", 1, 1, "clxs_spark_kll_n_float($1)"},
    {"kll_sketch_get_quantile_float", 2, 2, "clxs_spark_kll_quantile_float($1, $2)"},
    {"kll_sketch_get_rank_float", 2, 2, "clxs_spark_kll_rank_float($1, $2)"},
    {"kll_sketch_merge_float", 2, 2, "clxs_spark_kll_merge_float($1, $2)"},
    {"kll_sketch_to_string_float", 1, 1, "clxs_spark_kll_to_string_float($1)"},
    {"kll_merge_agg_double", 1, 2, "clxs_spark_kll_merge_agg_double(list($1), $2)"},
    {"kll_sketch_agg_double", 1, 2, "clxs_spark_kll_build_double(list($1), $2)"},
    {"kll_sketch_get_n_double", 1, 1, "clxs_spark_kll_n_double($1)"},
    {"kll_sketch_get_quantile_double", 2, 2, "clxs_spark_kll_quantile_double($1, $2)"},
    {"kll_sketch_get_rank_double", 2, 2, "clxs_spark_kll_rank_double($1, $2)"},
    {"kll_sketch_merge_double", 2, 2, "clxs_spark_kll_merge_double($1, $2)"},
    {"kll_sketch_to_string_double", 1, 1, "clxs_spark_kll_to_string_double($1)"},
    // HLL distinct counts.
    {"hll_sketch_agg", 1, 2, "clxs_spark_hll_build(list($1), $2)"},
    {"hll_sketch_estimate", 1, 1, "clxs_spark_hll_estimate($1)"},
    {"hll_union", 2, 3, "clxs_spark_hll_union($1, $2, $3)"},
    {"hll_union_agg", 1, 2, "clxs_spark_hll_union_agg(list($1), $2)"},
    // Theta distinct counts and set operations.
    {"theta_difference", 2, 2, "clxs_spark_theta_difference($1, $2)"},
    {"theta_intersection", 2, 2, "clxs_spark_theta_intersection($1, $2)"},
    {"theta_intersection_agg", 1, 1, "clxs_spark_theta_intersection_agg(list($1))"},
    {"theta_sketch_agg", 1, 2, "clxs_spark_theta_build(list($1), $2)"},
    {"theta_sketch_estimate", 1, 1, "clxs_spark_theta_estimate($1)"},
    {"theta_union", 2, 3, "clxs_spark_theta_union($1, $2, $3)"},
    {"theta_union_agg", 1, 2, "clxs_spark_theta_union_agg(list($1), $2)"},
    // Tuple sketches: distinct keys with DOUBLE or INTEGER summaries.
    {"tuple_difference_double", 2, 2, "clxs_spark_tuple_difference_double($1, $2)"},
    {"tuple_difference_theta_double", 2, 2, "clxs_spark_tuple_difference_theta_double($1, $2)"},
    {"tuple_intersection_double", 2, 3, "clxs_spark_tuple_intersection_double($1, $2, $3)"},
    {"tuple_intersection_agg_double", 1, 2,
     "clxs_spark_tuple_intersection_agg_double(list($1), $2)"},
    {"tuple_intersection_theta_double", 2, 3,
     "clxs_spark_tuple_intersection_theta_double($1, $2, $3)"},
    {"tuple_sketch_agg_double", 2, 4,
     "clxs_spark_tuple_build_double(list(struct_pack(k := $1, s := $2)), $3, $4)"},
    {"tuple_sketch_estimate_double", 1, 1, "clxs_spark_tuple_estimate_double($1)"},
    {"tuple_sketch_summary_double", 1, 2, "clxs_spark_tuple_summary_double($1, $2)"},
    {"tuple_sketch_theta_double", 1, 1, "clxs_spark_tuple_theta_double($1)"},
    {"tuple_union_double", 2, 4, "clxs_spark_tuple_union_double($1, $2, $3, $4)"},
    {"tuple_union_agg_double", 1, 3, "clxs_spark_tuple_union_agg_double(list($1), $2, $3)"},
    {"tuple_union_theta_double", 2, 4, "clxs_spark_tuple_union_theta_double($1, $2, $3, $4)"},
    {"tuple_difference_integer", 2, 2, "clxs_spark_tuple_difference_integer($1, $2)"},
    {"tuple_difference_theta_integer", 2, 2, "clxs_spark_tuple_difference_theta_integer($1, $2)"},
    {"tuple_intersection_integer", 2, 3, "clxs_spark_tuple_intersection_integer($1, $2, $3)"},
    {"tuple_intersection_agg_integer", 1, 2,
     "clxs_spark_tuple_intersection_agg_integer(list($1), $2)"},
    {"tuple_intersection_theta_integer", 2, 3,
     "clxs_spark_tuple_intersection_theta_integer($1, $2, $3)"},
    {"tuple_sketch_agg_integer", 2, 4,
     "clxs_spark_tuple_build_integer(list(struct_pack(k := $1, s := $2)), $3, $4)"},
    {"tuple_sketch_estimate_integer", 1, 1, "clxs_spark_tuple_estimate_integer($1)"},
    {"tuple_sketch_summary_integer", 1, 2, "clxs_spark_tuple_summary_integer($1, $2)"},
    {"tuple_sketch_theta_integer", 1, 1, "clxs_spark_tuple_theta_integer($1)"},
    {"tuple_union_integer", 2, 4, "clxs_spark_tuple_union_integer($1, $2, $3, $4)"},
    {"tuple_union_agg_integer", 1, 3, "clxs_spark_tuple_union_agg_integer(list($1), $2, $3)"},
    {"tuple_union_theta_integer", 2, 4, "clxs_spark_tuple_union_theta_integer($1, $2, $3, $4)"},
};

}  // namespace

std::span<const BuiltinFunction> sketchFunctions() {
  return kSketchFunctions;
}

}  // namespace clxs::kernel
