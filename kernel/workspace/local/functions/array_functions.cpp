// Arrays, as Spark defines them: 1-based element_at and array_position (0 when absent), a
// 0-based get, NULL elements kept by array_distinct and friends, first-occurrence order.
// Lambda parameters of our own are named __clxs_*, so they cannot capture a user's column.
#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/functions/builtin_function.hpp"

namespace clxs::kernel {

namespace {

// The elements of `list` once each, in first-occurrence order, NULL included.
std::string distinctOf(const std::string& list) {
  return "list_filter(" + list + ", (__clxs_x, __clxs_i) -> list_position(" + list +
         ", __clxs_x) = __clxs_i)";
}

std::string array(const FunctionArgs& args) {
  return args.empty() ? "[]" : "list_value(" + joinArgs(args) + ")";
}

std::string arrayDistinct(const FunctionArgs& a) {
  return distinctOf("(" + a[0] + ")");
}

std::string arrayExcept(const FunctionArgs& a) {
  return distinctOf("list_filter((" + a[0] + "), __clxs_y -> list_position((" + a[1] +
                    "), __clxs_y) IS NULL)");
}

std::string arrayIntersect(const FunctionArgs& a) {
  return distinctOf("list_filter((" + a[0] + "), __clxs_y -> list_position((" + a[1] +
                    "), __clxs_y) IS NOT NULL)");
}

std::string arrayUnion(const FunctionArgs& a) {
  return distinctOf("list_concat((" + a[0] + "), (" + a[1] + "))");
}

std::string arrayJoin(const FunctionArgs& a) {
  if (a.size() == 2) {
    return "array_to_string(list_filter((" + a[0] + "), __clxs_x -> __clxs_x IS NOT NULL), (" +
           a[1] + "))";
  }
  return "array_to_string(list_transform((" + a[0] +
         "), __clxs_x -> coalesce(CAST(__clxs_x AS VARCHAR), (" + a[2] + "))), (" + a[1] + "))";
}

std::string arraysZip(const FunctionArgs& a) {
  if (a.empty()) return "[]";
  std::string longest = "greatest(";
  std::string fields;
  for (std::size_t i = 0; i < a.size(); ++i) {
    longest += (i > 0 ? ", " : "") + std::string("len(") + a[i] + ")";
    fields += (i > 0 ? ", " : "") + std::string("\"") + std::to_string(i) + "\" := (" + a[i] +
              ")[__clxs_i + 1]";
  }
  return "list_transform(range(" + longest + ")), __clxs_i -> struct_pack(" + fields + "))";
}

std::string sortArray(const FunctionArgs& a) {
  const bool descending = a.size() > 1 && (a[1] == "false" || a[1] == "FALSE");
  return descending ? "list_sort((" + a[0] + "), 'DESC', 'NULLS LAST')"
                    : "list_sort((" + a[0] + "), 'ASC', 'NULLS FIRST')";
}

std::string sequence(const FunctionArgs& a) {
  if (a.size() == 3) return "generate_series((" + a[0] + "), (" + a[1] + "), (" + a[2] + "))";
  return "generate_series((" + a[0] + "), (" + a[1] + "), CASE WHEN (" + a[0] + ") <= (" + a[1] +
         ") THEN 1 ELSE -1 END)";
}

std::string aggregate(const FunctionArgs& a) {
  std::string reduced = "list_reduce((" + a[0] + "), " + a[2] + ", (" + a[1] + "))";
  if (a.size() == 3) return reduced;
  return "list_transform([" + reduced + "], " + a[3] + ")[1]";
}

// filter and transform: a lambda's second parameter is Spark's 0-based index (DuckDB counts
// from 1).
std::string indexed(const char* function, const char* duck, const FunctionArgs& a) {
  // One parameter: the lambda goes to DuckDB as written.
  const std::string_view arg = a[1];
  const auto arrow = arg.find("->");
  const bool two = isLambda(arg) && arg.substr(0, arrow).find(',') != std::string_view::npos;
  if (!two) return std::string(duck) + "((" + a[0] + "), " + a[1] + ")";
  const Lambda l = lambdaOf(function, arg, 2);
  return std::string(duck) + "((" + a[0] + "), (__clxs_x, __clxs_i) -> " +
         applyLambda(l, {"__clxs_x", "__clxs_i - 1"}) + ")";
}
std::string filter(const FunctionArgs& a) {
  return indexed("filter", "list_filter", a);
}
std::string transform(const FunctionArgs& a) {
  return indexed("transform", "list_transform", a);
}

// Spark's three-valued exists and forall: NULL when no element decides and one is NULL.
std::string exists(const FunctionArgs& a) {
  const std::string t = "list_transform((" + a[0] + "), " + a[1] + ")";
  return "CASE WHEN (" + a[0] + ") IS NULL THEN NULL WHEN len(list_filter(" + t +
         ", __clxs_b -> __clxs_b)) > 0 THEN true WHEN len(list_filter(" + t +
         ", __clxs_b -> __clxs_b IS NULL)) > 0 THEN NULL ELSE false END";
}
std::string forall(const FunctionArgs& a) {
  const std::string t = "list_transform((" + a[0] + "), " + a[1] + ")";
  return "CASE WHEN (" + a[0] + ") IS NULL THEN NULL WHEN len(list_filter(" + t +
         ", __clxs_b -> NOT __clxs_b)) > 0 THEN false WHEN len(list_filter(" + t +
         ", __clxs_b -> __clxs_b IS NULL)) > 0 THEN NULL ELSE true END";
}

std::string zipWith(const FunctionArgs& a) {
  const Lambda l = lambdaOf("zip_with", a[2], 2);
  return "list_transform(range(greatest(len((" + a[0] + ")), len((" + a[1] + ")))), __clxs_i -> " +
         applyLambda(l, {"(" + a[0] + ")[__clxs_i + 1]", "(" + a[1] + ")[__clxs_i + 1]"}) + ")";
}

// array_sort with a comparator: each element's rank is the number of elements that sort
// before it (ties by position), and the result lists the elements by rank. Quadratic, as
// arrays in SQL are small.
std::string arraySort(const FunctionArgs& a) {
  if (a.size() == 1) return "list_sort((" + a[0] + "), 'ASC', 'NULLS LAST')";
  const Lambda l = lambdaOf("array_sort", a[1], 2);
  const std::string list = "(" + a[0] + ")";
  const std::string cmp = applyLambda(l, {"__clxs_y", "__clxs_x"});
  const std::string ranks =
      "list_transform(" + list + ", (__clxs_x, __clxs_i) -> len(list_filter(" + list +
      ", (__clxs_y, __clxs_j) -> " + cmp + " < 0 OR (" + cmp + " = 0 AND __clxs_j < __clxs_i))))";
  return "list_transform(range(len(" + list + ")), __clxs_p -> " + list + "[list_position(" +
         ranks + ", __clxs_p)])";
}

// stack(n, v1, v2, …): the values in n rows of ceil(count / n) columns col0, col1, …, the last
// row padded with NULLs.
std::string stack(const FunctionArgs& a) {
  std::size_t rows = 0;
  try {
    rows = std::stoul(a[0]);
  } catch (const std::exception&) {
    rows = 0;
  }
  if (rows == 0) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] The first argument of `stack` "
                         "must be a positive integer literal. SQLSTATE: 42K09");
  }
  const std::size_t values = a.size() - 1;
  const std::size_t cols = (values + rows - 1) / rows;
  std::string out = "unnest([";
  for (std::size_t r = 0; r < rows; ++r) {
    out += (r > 0 ? ", " : "") + std::string("struct_pack(");
    for (std::size_t c = 0; c < cols; ++c) {
      const std::size_t v = 1 + r * cols + c;
      out += (c > 0 ? ", " : "") + std::string("col") + std::to_string(c) +
             " := " + (v < a.size() ? a[v] : std::string("NULL"));
    }
    out += ")";
  }
  return out + "], recursive := true)";
}

// array_insert(array, pos, value): pos counts from 1, or from the end when negative (-1
// appends); a position past either end pads with NULLs; 0 is an error.
std::string arrayInsert(const FunctionArgs& a) {
  const std::string arr = "(" + a[0] + ")";
  const std::string value = "[(" + a[2] + ")]";
  const std::string pos = "(CASE WHEN (" + a[1] + ") > 0 THEN (" + a[1] + ") ELSE len" + arr +
                          " + (" + a[1] + ") + 2 END)";
  const auto nulls = [](const std::string& n) {
    return "list_transform(range(" + n + "), __clxs_n -> NULL)";
  };
  return "CASE WHEN " + arr + " IS NULL OR (" + a[1] + ") IS NULL THEN NULL WHEN (" + a[1] +
         ") = 0 THEN error('[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be "
         "either < 0 or > 0 (the first element has index 1). SQLSTATE: 22003') WHEN " +
         pos + " < 1 THEN list_concat(" + value + ", list_concat(" + nulls("1 - " + pos) + ", " +
         arr + ")) WHEN " + pos + " > len" + arr + " + 1 THEN list_concat(" + arr +
         ", list_concat(" + nulls(pos + " - len" + arr + " - 1") + ", " + value +
         ")) ELSE list_concat(list_concat(" + arr + "[1:" + pos + " - 1], " + value + "), " + arr +
         "[" + pos + ":]) END";
}

// reverse of an array or a string. The engine's functions are typed (list_reverse, reverse) and
// the argument's type is not known here, so an argument the library wrote as a list (an array
// constructor or a function returning one) reverses as a list; anything else as a string, and
// an array column there fails with a type error that names the type, never a wrong answer.
std::string reverse(const FunctionArgs& a) {
  static constexpr std::string_view kLists[] = {"[",
                                                "list_",
                                                "array_",
                                                "string_split(",
                                                "str_split(",
                                                "flatten(",
                                                "map_keys(",
                                                "map_values(",
                                                "range(",
                                                "generate_series(",
                                                "regexp_split_to_array(",
                                                "regexp_extract_all(",
                                                "(list_",
                                                "(array_"};
  const std::string_view arg = a[0];
  for (const auto prefix : kLists) {
    if (arg.starts_with(prefix)) return "list_reverse(" + a[0] + ")";
  }
  return "reverse(" + a[0] + ")";
}

constexpr BuiltinFunction kArrayFunctions[] = {
    {"reverse", 1, 1, {}, reverse},
    {"array", 0, -1, {}, array},
    {"array_append", 2, 2, "CASE WHEN $1 IS NOT NULL THEN list_append($1, $2) END"},
    {"array_insert", 3, 3, {}, arrayInsert},
    {"array_compact", 1, 1, "list_filter($1, __clxs_x -> __clxs_x IS NOT NULL)"},
    {"array_contains", 2, 2,
     "CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL WHEN list_contains($1, $2) THEN true "
     "WHEN list_position($1, NULL) IS NOT NULL THEN NULL ELSE false END"},
    {"array_distinct", 1, 1, {}, arrayDistinct},
    {"array_except", 2, 2, {}, arrayExcept},
    {"array_intersect", 2, 2, {}, arrayIntersect},
    {"array_join", 2, 3, {}, arrayJoin},
    {"array_max", 1, 1, "list_max($1)"},
    {"array_min", 1, 1, "list_min($1)"},
    {"array_position", 2, 2,
     "CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL ELSE coalesce(list_position($1, $2), 0) END"},
    {"array_prepend", 2, 2, "CASE WHEN $1 IS NOT NULL THEN list_prepend($2, $1) END"},
    {"array_remove", 2, 2,
     "CASE WHEN $2 IS NULL THEN NULL ELSE list_filter($1, __clxs_x -> __clxs_x IS NULL OR "
     "__clxs_x <> $2) END"},
    {"array_repeat", 2, 2, "list_transform(range(greatest($2, 0)), __clxs_i -> $1)"},
    {"array_size", 1, 1, "len($1)"},
    {"size", 1, 1, "clxs_spark_size($1)"},
    {"cardinality", 1, 1, "clxs_spark_size($1)"},
    {"array_sort", 1, 2, {}, arraySort},
    {"array_union", 2, 2, {}, arrayUnion},
    {"arrays_overlap", 2, 2,
     "CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL WHEN len(list_filter($1, __clxs_x -> "
     "list_contains($2, __clxs_x))) > 0 THEN true WHEN len($1) > 0 AND len($2) > 0 AND "
     "(list_position($1, NULL) IS NOT NULL OR list_position($2, NULL) IS NOT NULL) THEN NULL "
     "ELSE false END"},
    {"arrays_zip", 0, -1, {}, arraysZip},
    {"flatten", 1, 1, "flatten($1)"},
    // Generators: one row per element, in the select list.
    {"explode_outer", 1, 1, "unnest($1)"},
    {"inline", 1, 1, "unnest($1, recursive := true)"},
    {"inline_outer", 1, 1, "unnest($1, recursive := true)"},
    {"posexplode", 1, 1,
     "unnest(list_transform(range(len($1)), __clxs_i -> struct_pack(pos := __clxs_i, col := "
     "($1)[__clxs_i + 1])), recursive := true)"},
    {"posexplode_outer", 1, 1,
     "unnest(list_transform(range(len($1)), __clxs_i -> struct_pack(pos := __clxs_i, col := "
     "($1)[__clxs_i + 1])), recursive := true)"},
    {"stack", 2, -1, {}, stack},
    {"get", 2, 2, "CASE WHEN $2 < 0 THEN NULL ELSE ($1)[$2 + 1] END"},
    {"sequence", 2, 3, {}, sequence},
    {"slice", 3, 3,
     "list_slice($1, CASE WHEN $2 < 0 THEN len($1) + $2 + 1 ELSE $2 END, CASE WHEN $2 < 0 THEN "
     "len($1) + $2 + 1 ELSE $2 END + $3 - 1)"},
    {"sort_array", 1, 2, {}, sortArray},
    // Higher-order functions: the lambda goes to DuckDB as written (same arrow syntax).
    {"aggregate", 3, 4, {}, aggregate},
    {"exists", 2, 2, {}, exists},
    {"filter", 2, 2, {}, filter},
    {"forall", 2, 2, {}, forall},
    {"reduce", 3, 4, {}, aggregate},
    {"transform", 2, 2, {}, transform},
    {"zip_with", 3, 3, {}, zipWith},
};

}  // namespace

std::span<const BuiltinFunction> arrayFunctions() {
  return kArrayFunctions;
}

}  // namespace clxs::kernel
