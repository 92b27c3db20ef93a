// Engine functions for Databricks' sketch functions (KLL, Theta, HLL and Tuple), over the exact
// sketches of exact_sketches. The aggregates are a list aggregate (DuckDB's `list`) folded by
// one of these, so they need no aggregate state here: a NULL list (no rows at all) folds into
// an empty sketch, as Spark's aggregates give one, and NULL elements are skipped. Optional
// arguments the call leaves out arrive as NULL and take Spark's default.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clxs/workspace/types.hpp"
#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"
#include "kernel/workspace/local/functions/exact_sketches.hpp"

namespace clxs::kernel {

namespace {

namespace es = exact_sketch;

constexpr auto kLong = DUCKDB_TYPE_BIGINT;
constexpr auto kDouble = DUCKDB_TYPE_DOUBLE;
constexpr auto kBool = DUCKDB_TYPE_BOOLEAN;
constexpr auto kText = DUCKDB_TYPE_VARCHAR;
constexpr auto kBytes = DUCKDB_TYPE_BLOB;
constexpr auto kAny = DUCKDB_TYPE_ANY;

// ---- Rows ----

// Runs `each(row)` over the chunk. No exception may cross into the engine, so a sketch error
// (already a Databricks error line) and anything else fail the statement here.
template <class Each>
void forRows(duckdb_function_info info, duckdb_data_chunk input, Each each) {
  try {
    const idx_t rows = duckdb_data_chunk_get_size(input);
    for (idx_t r = 0; r < rows; ++r) each(r);
  } catch (const es::SketchError& e) {
    failRows(info, e.what());
  } catch (const std::exception& e) {
    failRows(info, std::string("[INTERNAL_ERROR] ") + e.what() + " SQLSTATE: XX000");
  }
}

duckdb_vector column(duckdb_data_chunk input, idx_t c) {
  return duckdb_data_chunk_get_vector(input, c);
}

bool isValid(duckdb_vector vector, idx_t row) {
  std::uint64_t* validity = duckdb_vector_get_validity(vector);
  return validity == nullptr || duckdb_validity_row_is_valid(validity, row);
}

// Whether the required arguments (the first `count` columns) are all non-NULL at `row`; if
// not, the result there is NULL. The optional ones after them may be NULL (their default).
bool requiredValues(duckdb_data_chunk input, idx_t count, idx_t row, duckdb_vector output) {
  for (idx_t c = 0; c < count; ++c) {
    if (!isValid(column(input, c), row)) {
      setNull(output, row);
      return false;
    }
  }
  return true;
}

void setBytes(duckdb_vector output, idx_t row, const std::string& bytes) {
  duckdb_vector_assign_string_element_len(output, row, bytes.data(), bytes.size());
}

template <class T>
void setValue(duckdb_vector output, idx_t row, T value) {
  static_cast<T*>(duckdb_vector_get_data(output))[row] = value;
}

// Writes `items` as the list at `row` of a LIST result (a missing item as a NULL element).
template <class T>
void setList(duckdb_vector output, idx_t row, const std::vector<std::optional<T>>& items) {
  const idx_t offset = duckdb_list_vector_get_size(output);
  if (duckdb_list_vector_reserve(output, offset + items.size()) != DuckDBSuccess ||
      duckdb_list_vector_set_size(output, offset + items.size()) != DuckDBSuccess) {
    throw es::SketchError("[INTERNAL_ERROR] The engine refused a list result. SQLSTATE: XX000");
  }
  duckdb_vector child = duckdb_list_vector_get_child(output);
  auto* data = static_cast<T*>(duckdb_vector_get_data(child));
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i]) {
      data[offset + i] = *items[i];
    } else {
      setNull(child, offset + i);
    }
  }
  auto* entries = static_cast<duckdb_list_entry*>(duckdb_vector_get_data(output));
  entries[row] = duckdb_list_entry{offset, items.size()};
}

// The optional BIGINT, BOOLEAN or VARCHAR argument in column `c`: none when it is NULL (left
// out by the call).
std::optional<std::int64_t> optionalLong(duckdb_data_chunk input, idx_t c, idx_t row) {
  duckdb_vector v = column(input, c);
  if (!isValid(v, row)) return std::nullopt;
  return vectorAt<std::int64_t>(v, row);
}
std::optional<bool> optionalBool(duckdb_data_chunk input, idx_t c, idx_t row) {
  duckdb_vector v = column(input, c);
  if (!isValid(v, row)) return std::nullopt;
  return vectorAt<bool>(v, row);
}
std::optional<std::string_view> optionalText(duckdb_data_chunk input, idx_t c, idx_t row) {
  duckdb_vector v = column(input, c);
  if (!isValid(v, row)) return std::nullopt;
  return bytesAt(v, row);
}

es::TupleMode modeArg(duckdb_data_chunk input, idx_t c, idx_t row, std::string_view function) {
  const auto mode = optionalText(input, c, row);
  return mode ? es::parseTupleMode(*mode, function) : es::TupleMode::Sum;
}

// The list at `row` of a LIST column: its child vector and the range of its elements, empty
// for a NULL list.
struct ListRange {
  duckdb_vector elements;
  idx_t begin;
  idx_t end;
};

ListRange listAt(duckdb_vector lists, idx_t row) {
  duckdb_vector elements = duckdb_list_vector_get_child(lists);
  if (!isValid(lists, row)) return {elements, 0, 0};
  const auto entry = vectorAt<duckdb_list_entry>(lists, row);
  return {elements, entry.offset, entry.offset + entry.length};
}

// The non-NULL values of the list at `row`, each a `T` (the list's element type in memory).
template <class T>
std::vector<T> listValues(duckdb_vector lists, idx_t row) {
  const ListRange list = listAt(lists, row);
  std::vector<T> out;
  out.reserve(list.end - list.begin);
  for (idx_t i = list.begin; i < list.end; ++i) {
    if (isValid(list.elements, i)) out.push_back(vectorAt<T>(list.elements, i));
  }
  return out;
}

// The non-NULL sketches of a LIST(BLOB) at `row`.
std::vector<std::string_view> listBytes(duckdb_vector lists, idx_t row) {
  const ListRange list = listAt(lists, row);
  std::vector<std::string_view> out;
  for (idx_t i = list.begin; i < list.end; ++i) {
    if (isValid(list.elements, i)) out.push_back(bytesAt(list.elements, i));
  }
  return out;
}

// ---- Keys and summaries of any type ----

[[noreturn]] void typeMismatch(std::string_view function, std::string_view ordinal,
                               std::string_view required, duckdb_logical_type actual) {
  throw es::SketchError("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" +
                        std::string(function) + "\" due to data type mismatch: The " +
                        std::string(ordinal) + " parameter requires the " + std::string(required) +
                        " type, however it has the type \"" + databricksTypeOf(actual) +
                        "\". SQLSTATE: 42K09");
}

// The integer at `row` of a vector of any integer type; none for another type.
std::optional<std::int64_t> integerAt(duckdb_vector v, duckdb_type type, idx_t row) {
  switch (type) {
    case DUCKDB_TYPE_TINYINT:
      return vectorAt<std::int8_t>(v, row);
    case DUCKDB_TYPE_SMALLINT:
      return vectorAt<std::int16_t>(v, row);
    case DUCKDB_TYPE_INTEGER:
      return vectorAt<std::int32_t>(v, row);
    case DUCKDB_TYPE_BIGINT:
      return vectorAt<std::int64_t>(v, row);
    case DUCKDB_TYPE_UTINYINT:
      return vectorAt<std::uint8_t>(v, row);
    case DUCKDB_TYPE_USMALLINT:
      return vectorAt<std::uint16_t>(v, row);
    case DUCKDB_TYPE_UINTEGER:
      return vectorAt<std::uint32_t>(v, row);
    case DUCKDB_TYPE_HUGEINT:  // a sum of integers, a BIGINT in Spark
      return static_cast<std::int64_t>(hugeint(vectorAt<duckdb_hugeint>(v, row)));
    default:
      return std::nullopt;
  }
}

bool isIntegerType(duckdb_type type) {
  switch (type) {
    case DUCKDB_TYPE_TINYINT:
    case DUCKDB_TYPE_SMALLINT:
    case DUCKDB_TYPE_INTEGER:
    case DUCKDB_TYPE_BIGINT:
    case DUCKDB_TYPE_UTINYINT:
    case DUCKDB_TYPE_USMALLINT:
    case DUCKDB_TYPE_UINTEGER:
    case DUCKDB_TYPE_HUGEINT:
      return true;
    default:
      return false;
  }
}

// The DECIMAL at `row` as a DOUBLE, as Spark casts it for a DOUBLE parameter.
double decimalAt(duckdb_vector v, duckdb_logical_type type, idx_t row) {
  const __int128 unscaled = unscaledDecimal(v, type, row);
  double value = static_cast<double>(unscaled);
  for (std::uint8_t s = duckdb_decimal_scale(type); s > 0; --s) value /= 10;
  return value;
}

// The key types each family takes, named as Spark names them in its type errors.
enum class KeyTypes { ThetaOrTuple, Hll };

constexpr std::string_view kThetaKeyTypes =
    "(\"ARRAY<INT>\" or \"ARRAY<BIGINT>\" or \"BINARY\" or \"DOUBLE\" or \"FLOAT\" or \"INT\" or "
    "\"BIGINT\" or \"STRING\")";
constexpr std::string_view kHllKeyTypes = "(\"INT\" or \"BIGINT\" or \"STRING\" or \"BINARY\")";

// The hash of the key at `row` of `v` (of type `type`); none for a NULL key or one the
// sketches ignore (an empty string, binary or array).
std::optional<std::uint64_t> keyHashAt(duckdb_vector v, duckdb_logical_type type, idx_t row,
                                       KeyTypes keys, std::string_view function) {
  if (!isValid(v, row)) return std::nullopt;
  const duckdb_type id = duckdb_get_type_id(type);
  if (const auto i = integerAt(v, id, row)) return es::hashInteger(*i);
  const bool theta = keys == KeyTypes::ThetaOrTuple;
  switch (id) {
    case DUCKDB_TYPE_SQLNULL:
      return std::nullopt;
    case DUCKDB_TYPE_VARCHAR:
    case DUCKDB_TYPE_BLOB:
      return es::hashBytes(bytesAt(v, row));
    case DUCKDB_TYPE_FLOAT:
      if (theta) return es::hashFloating(vectorAt<float>(v, row));
      break;
    case DUCKDB_TYPE_DOUBLE:
      if (theta) return es::hashFloating(vectorAt<double>(v, row));
      break;
    case DUCKDB_TYPE_DECIMAL:
      if (theta) return es::hashFloating(decimalAt(v, type, row));
      break;
    case DUCKDB_TYPE_LIST: {
      if (!theta) break;
      const TypeHandle child(duckdb_list_type_child_type(type));
      const duckdb_type childId = duckdb_get_type_id(child.get());
      if (!isIntegerType(childId) && childId != DUCKDB_TYPE_SQLNULL) break;
      const ListRange list = listAt(v, row);
      std::vector<std::int64_t> values;
      values.reserve(list.end - list.begin);
      for (idx_t i = list.begin; i < list.end; ++i) {
        // A NULL element counts as 0, as Spark reads an array of integers.
        values.push_back(
            isValid(list.elements, i) ? integerAt(list.elements, childId, i).value_or(0) : 0);
      }
      return es::hashIntegers(values);
    }
    default:
      break;
  }
  typeMismatch(function, "first", theta ? kThetaKeyTypes : kHllKeyTypes, type);
}

// The hashes of the keys in the list at `row` of `lists` (a LIST of any key type).
std::vector<std::uint64_t> keyHashes(duckdb_vector lists, idx_t row, KeyTypes keys,
                                     std::string_view function) {
  const TypeHandle listType(duckdb_vector_get_column_type(lists));
  const TypeHandle elementType(duckdb_list_type_child_type(listType.get()));
  const ListRange list = listAt(lists, row);
  std::vector<std::uint64_t> out;
  out.reserve(list.end - list.begin);
  for (idx_t i = list.begin; i < list.end; ++i) {
    if (const auto h = keyHashAt(list.elements, elementType.get(), i, keys, function)) {
      out.push_back(*h);
    }
  }
  return out;
}

// A Tuple summary at `row` of `v`: a DOUBLE (from any number, as Spark casts one) or an INT
// (from an integer no wider than INT).
template <class V>
V summaryAt(duckdb_vector v, duckdb_logical_type type, idx_t row, std::string_view function) {
  const duckdb_type id = duckdb_get_type_id(type);
  if constexpr (std::is_same_v<V, double>) {
    if (const auto i = integerAt(v, id, row)) return static_cast<double>(*i);
    if (id == DUCKDB_TYPE_DOUBLE) return vectorAt<double>(v, row);
    if (id == DUCKDB_TYPE_FLOAT) return vectorAt<float>(v, row);
    if (id == DUCKDB_TYPE_DECIMAL) return decimalAt(v, type, row);
    typeMismatch(function, "second", "\"DOUBLE\"", type);
  } else {
    switch (id) {
      case DUCKDB_TYPE_TINYINT:
      case DUCKDB_TYPE_SMALLINT:
      case DUCKDB_TYPE_INTEGER:
      case DUCKDB_TYPE_UTINYINT:
      case DUCKDB_TYPE_USMALLINT:
        return static_cast<std::int32_t>(*integerAt(v, id, row));
      default:
        typeMismatch(function, "second", "\"INT\"", type);
    }
  }
}

// ---- KLL ----

template <class T>
struct KllType;
template <>
struct KllType<std::int64_t> {
  static constexpr duckdb_type kType = DUCKDB_TYPE_BIGINT;
  static constexpr std::string_view kSuffix = "bigint";
};
template <>
struct KllType<float> {
  static constexpr duckdb_type kType = DUCKDB_TYPE_FLOAT;
  static constexpr std::string_view kSuffix = "float";
};
template <>
struct KllType<double> {
  static constexpr duckdb_type kType = DUCKDB_TYPE_DOUBLE;
  static constexpr std::string_view kSuffix = "double";
};

template <class T>
std::string kllName(std::string_view prefix) {
  return std::string(prefix) + std::string(KllType<T>::kSuffix);
}

// kll_sketch_agg_*(list(values), k)
template <class T>
void kllBuildRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = kllName<T>("kll_sketch_agg_");
  forRows(info, input, [&](idx_t r) {
    const auto values = listValues<T>(column(input, 0), r);
    const auto k = optionalLong(input, 1, r).value_or(es::kKllDefaultK);
    setBytes(output, r, es::KllSketch<T>::build(values, k, name).serialize());
  });
}

// kll_merge_agg_*(list(sketches), k)
template <class T>
void kllMergeAggRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = kllName<T>("kll_merge_agg_");
  forRows(info, input, [&](idx_t r) {
    const auto sketches = listBytes(column(input, 0), r);
    setBytes(output, r,
             es::KllSketch<T>::mergeAll(sketches, optionalLong(input, 1, r), name).serialize());
  });
}

template <class T>
void kllNRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = kllName<T>("kll_sketch_get_n_");
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    const auto sketch = es::KllSketch<T>::deserialize(bytesAt(column(input, 0), r), name);
    setValue(output, r, static_cast<std::int64_t>(sketch.n()));
  });
}

template <class T>
void kllToStringRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = kllName<T>("kll_sketch_to_string_");
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    setBytes(output, r,
             es::KllSketch<T>::deserialize(bytesAt(column(input, 0), r), name).toString());
  });
}

template <class T>
void kllMergeRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = kllName<T>("kll_sketch_merge_");
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    auto left = es::KllSketch<T>::deserialize(bytesAt(column(input, 0), r), name);
    left.merge(es::KllSketch<T>::deserialize(bytesAt(column(input, 1), r), name));
    setBytes(output, r, left.serialize());
  });
}

// kll_sketch_get_quantile_*(sketch, rank): NULL for an empty sketch.
template <class T>
void kllQuantileRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = kllName<T>("kll_sketch_get_quantile_");
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    const auto sketch = es::KllSketch<T>::deserialize(bytesAt(column(input, 0), r), name);
    const auto q = sketch.quantile(vectorAt<double>(column(input, 1), r), name);
    if (!q) return setNull(output, r);
    setValue(output, r, *q);
  });
}

// kll_sketch_get_quantile_*(sketch, array of ranks): every rank is checked; NULL for an empty
// sketch.
template <class T>
void kllQuantilesRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = kllName<T>("kll_sketch_get_quantile_");
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    const auto sketch = es::KllSketch<T>::deserialize(bytesAt(column(input, 0), r), name);
    const ListRange ranks = listAt(column(input, 1), r);
    std::vector<std::optional<T>> out;
    for (idx_t i = ranks.begin; i < ranks.end; ++i) {
      if (!isValid(ranks.elements, i)) {
        out.emplace_back();
        continue;
      }
      out.push_back(sketch.quantile(vectorAt<double>(ranks.elements, i), name));
    }
    if (sketch.n() == 0) return setNull(output, r);
    setList(output, r, out);
  });
}

// kll_sketch_get_rank_*(sketch, value): NULL for an empty sketch.
template <class T>
void kllRankRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = kllName<T>("kll_sketch_get_rank_");
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    const auto sketch = es::KllSketch<T>::deserialize(bytesAt(column(input, 0), r), name);
    const auto rank = sketch.rank(vectorAt<T>(column(input, 1), r));
    if (!rank) return setNull(output, r);
    setValue(output, r, *rank);
  });
}

template <class T>
void kllRanksRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = kllName<T>("kll_sketch_get_rank_");
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    const auto sketch = es::KllSketch<T>::deserialize(bytesAt(column(input, 0), r), name);
    if (sketch.n() == 0) return setNull(output, r);
    const ListRange values = listAt(column(input, 1), r);
    std::vector<std::optional<double>> out;
    for (idx_t i = values.begin; i < values.end; ++i) {
      out.push_back(isValid(values.elements, i) ? sketch.rank(vectorAt<T>(values.elements, i))
                                                : std::nullopt);
    }
    setList(output, r, out);
  });
}

// ---- Theta ----

void thetaBuildRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  constexpr std::string_view kName = "theta_sketch_agg";
  forRows(info, input, [&](idx_t r) {
    auto hashes = keyHashes(column(input, 0), r, KeyTypes::ThetaOrTuple, kName);
    const auto lg = optionalLong(input, 1, r).value_or(es::kDefaultLgNomEntries);
    setBytes(output, r, es::ThetaSketch::build(std::move(hashes), lg, kName).serialize());
  });
}

void thetaUnionRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  constexpr std::string_view kName = "theta_union";
  forRows(info, input, [&](idx_t r) {
    if (!requiredValues(input, 2, r, output)) return;
    const auto a = es::ThetaSketch::deserialize(bytesAt(column(input, 0), r), kName);
    const auto b = es::ThetaSketch::deserialize(bytesAt(column(input, 1), r), kName);
    const auto lg = optionalLong(input, 2, r).value_or(es::kDefaultLgNomEntries);
    setBytes(output, r, es::ThetaSketch::unite(a, b, lg, kName).serialize());
  });
}

template <bool kIntersect>
void thetaSetRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  constexpr std::string_view kName = kIntersect ? "theta_intersection" : "theta_difference";
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    const auto a = es::ThetaSketch::deserialize(bytesAt(column(input, 0), r), kName);
    const auto b = es::ThetaSketch::deserialize(bytesAt(column(input, 1), r), kName);
    setBytes(output, r,
             (kIntersect ? es::ThetaSketch::intersect(a, b) : es::ThetaSketch::subtract(a, b))
                 .serialize());
  });
}

void thetaUnionAggRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  constexpr std::string_view kName = "theta_union_agg";
  forRows(info, input, [&](idx_t r) {
    const auto sketches = listBytes(column(input, 0), r);
    const auto lg = optionalLong(input, 1, r).value_or(es::kDefaultLgNomEntries);
    setBytes(output, r, es::ThetaSketch::uniteAll(sketches, lg, kName).serialize());
  });
}

void thetaIntersectionAggRows(duckdb_function_info info, duckdb_data_chunk input,
                              duckdb_vector output) {
  constexpr std::string_view kName = "theta_intersection_agg";
  forRows(info, input, [&](idx_t r) {
    const auto sketches = listBytes(column(input, 0), r);
    setBytes(output, r, es::ThetaSketch::intersectAll(sketches, kName).serialize());
  });
}

void thetaEstimateRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    setValue(output, r,
             es::ThetaSketch::deserialize(bytesAt(column(input, 0), r), "theta_sketch_estimate")
                 .estimate());
  });
}

// ---- HLL ----

void hllBuildRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  constexpr std::string_view kName = "hll_sketch_agg";
  forRows(info, input, [&](idx_t r) {
    auto hashes = keyHashes(column(input, 0), r, KeyTypes::Hll, kName);
    const auto lg = optionalLong(input, 1, r).value_or(es::kHllDefaultLgConfigK);
    setBytes(output, r, es::HllSketch::build(std::move(hashes), lg, kName).serialize());
  });
}

void hllUnionRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  constexpr std::string_view kName = "hll_union";
  forRows(info, input, [&](idx_t r) {
    if (!requiredValues(input, 2, r, output)) return;
    const auto a = es::HllSketch::deserialize(bytesAt(column(input, 0), r), kName);
    const auto b = es::HllSketch::deserialize(bytesAt(column(input, 1), r), kName);
    const bool allow = optionalBool(input, 2, r).value_or(false);
    setBytes(output, r, es::HllSketch::unite(a, b, allow, kName).serialize());
  });
}

void hllUnionAggRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  constexpr std::string_view kName = "hll_union_agg";
  forRows(info, input, [&](idx_t r) {
    const auto sketches = listBytes(column(input, 0), r);
    const bool allow = optionalBool(input, 1, r).value_or(false);
    setBytes(output, r, es::HllSketch::uniteAll(sketches, allow, kName).serialize());
  });
}

void hllEstimateRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    setValue(
        output, r,
        es::HllSketch::deserialize(bytesAt(column(input, 0), r), "hll_sketch_estimate").estimate());
  });
}

// ---- Tuple ----

template <class V>
struct TupleType;
template <>
struct TupleType<double> {
  static constexpr std::string_view kSuffix = "double";
  static constexpr duckdb_type kTotal = DUCKDB_TYPE_DOUBLE;
};
template <>
struct TupleType<std::int32_t> {
  static constexpr std::string_view kSuffix = "integer";
  static constexpr duckdb_type kTotal = DUCKDB_TYPE_BIGINT;
};

template <class V>
std::string tupleName(std::string_view prefix) {
  return std::string(prefix) + std::string(TupleType<V>::kSuffix);
}

template <class V>
using Tuple = es::TupleSketch<V>;

// tuple_sketch_agg_*(list(struct_pack(k := key, s := summary)), lgNomEntries, mode): rows with
// a NULL key or summary are skipped.
template <class V>
void tupleBuildRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = tupleName<V>("tuple_sketch_agg_");
  forRows(info, input, [&](idx_t r) {
    duckdb_vector lists = column(input, 0);
    const TypeHandle listType(duckdb_vector_get_column_type(lists));
    const TypeHandle rowType(duckdb_list_type_child_type(listType.get()));
    const TypeHandle keyType(duckdb_struct_type_child_type(rowType.get(), 0));
    const TypeHandle summaryType(duckdb_struct_type_child_type(rowType.get(), 1));
    const ListRange list = listAt(lists, r);
    duckdb_vector keys = duckdb_struct_vector_get_child(list.elements, 0);
    duckdb_vector summaries = duckdb_struct_vector_get_child(list.elements, 1);
    std::vector<std::pair<std::uint64_t, V>> rows;
    for (idx_t i = list.begin; i < list.end; ++i) {
      if (!isValid(list.elements, i) || !isValid(summaries, i)) continue;
      const auto hash = keyHashAt(keys, keyType.get(), i, KeyTypes::ThetaOrTuple, name);
      if (!hash) continue;
      rows.emplace_back(*hash, summaryAt<V>(summaries, summaryType.get(), i, name));
    }
    const auto lg = optionalLong(input, 1, r).value_or(es::kDefaultLgNomEntries);
    const es::TupleMode mode = modeArg(input, 2, r, name);
    setBytes(output, r, Tuple<V>::build(std::move(rows), lg, mode, name).serialize());
  });
}

template <class V>
void tupleEstimateRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = tupleName<V>("tuple_sketch_estimate_");
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    setValue(output, r, Tuple<V>::deserialize(bytesAt(column(input, 0), r), name).estimate());
  });
}

template <class V>
void tupleThetaRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = tupleName<V>("tuple_sketch_theta_");
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    (void)Tuple<V>::deserialize(bytesAt(column(input, 0), r), name);  // checks the bytes
    setValue(output, r, Tuple<V>::theta());
  });
}

template <class V>
void tupleSummaryRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = tupleName<V>("tuple_sketch_summary_");
  forRows(info, input, [&](idx_t r) {
    if (!requiredValues(input, 1, r, output)) return;
    const es::TupleMode mode = modeArg(input, 1, r, name);
    setValue(output, r, Tuple<V>::deserialize(bytesAt(column(input, 0), r), name).summary(mode));
  });
}

// tuple_union_*(a, b, lgNomEntries, mode), and with kTheta tuple_union_theta_*(tuple, theta,
// ...).
template <class V, bool kTheta>
void tupleUnionRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = tupleName<V>(kTheta ? "tuple_union_theta_" : "tuple_union_");
  forRows(info, input, [&](idx_t r) {
    if (!requiredValues(input, 2, r, output)) return;
    const auto lg = optionalLong(input, 2, r).value_or(es::kDefaultLgNomEntries);
    es::checkLgNomEntries(lg, name);
    const es::TupleMode mode = modeArg(input, 3, r, name);
    const auto a = Tuple<V>::deserialize(bytesAt(column(input, 0), r), name);
    const std::string_view second = bytesAt(column(input, 1), r);
    if constexpr (kTheta) {
      const auto theta = es::ThetaSketch::deserialize(second, name);
      setBytes(output, r, Tuple<V>::uniteTheta(a, theta, lg, mode, name).serialize());
    } else {
      const auto b = Tuple<V>::deserialize(second, name);
      setBytes(output, r, Tuple<V>::unite(a, b, lg, mode, name).serialize());
    }
  });
}

template <class V, bool kTheta>
void tupleIntersectionRows(duckdb_function_info info, duckdb_data_chunk input,
                           duckdb_vector output) {
  const std::string name =
      tupleName<V>(kTheta ? "tuple_intersection_theta_" : "tuple_intersection_");
  forRows(info, input, [&](idx_t r) {
    if (!requiredValues(input, 2, r, output)) return;
    const es::TupleMode mode = modeArg(input, 2, r, name);
    const auto a = Tuple<V>::deserialize(bytesAt(column(input, 0), r), name);
    const std::string_view second = bytesAt(column(input, 1), r);
    if constexpr (kTheta) {
      const auto theta = es::ThetaSketch::deserialize(second, name);
      setBytes(output, r, Tuple<V>::intersectTheta(a, theta, mode).serialize());
    } else {
      const auto b = Tuple<V>::deserialize(second, name);
      setBytes(output, r, Tuple<V>::intersect(a, b, mode).serialize());
    }
  });
}

template <class V, bool kTheta>
void tupleDifferenceRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = tupleName<V>(kTheta ? "tuple_difference_theta_" : "tuple_difference_");
  forRows(info, input, [&](idx_t r) {
    if (!rowHasValues(input, r, output)) return;
    const auto a = Tuple<V>::deserialize(bytesAt(column(input, 0), r), name);
    const std::string_view second = bytesAt(column(input, 1), r);
    if constexpr (kTheta) {
      const auto theta = es::ThetaSketch::deserialize(second, name);
      setBytes(output, r, Tuple<V>::subtractTheta(a, theta).serialize());
    } else {
      setBytes(output, r, Tuple<V>::subtract(a, Tuple<V>::deserialize(second, name)).serialize());
    }
  });
}

template <class V>
void tupleUnionAggRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  const std::string name = tupleName<V>("tuple_union_agg_");
  forRows(info, input, [&](idx_t r) {
    const auto sketches = listBytes(column(input, 0), r);
    const auto lg = optionalLong(input, 1, r).value_or(es::kDefaultLgNomEntries);
    const es::TupleMode mode = modeArg(input, 2, r, name);
    setBytes(output, r, Tuple<V>::uniteAll(sketches, lg, mode, name).serialize());
  });
}

template <class V>
void tupleIntersectionAggRows(duckdb_function_info info, duckdb_data_chunk input,
                              duckdb_vector output) {
  const std::string name = tupleName<V>("tuple_intersection_agg_");
  forRows(info, input, [&](idx_t r) {
    const auto sketches = listBytes(column(input, 0), r);
    const es::TupleMode mode = modeArg(input, 1, r, name);
    setBytes(output, r, Tuple<V>::intersectAll(sketches, mode, name).serialize());
  });
}

// ---- Registration ----

std::string engineName(std::string_view base, std::string_view suffix = {}) {
  return "clxs_spark_" + std::string(base) + std::string(suffix);
}

template <class T>
void registerKll(duckdb_connection conn) {
  constexpr duckdb_type kT = KllType<T>::kType;
  constexpr std::string_view s = KllType<T>::kSuffix;
  registerEngineFunction(conn, engineName("kll_build_", s).c_str(),
                         {{{{DUCKDB_TYPE_LIST, kT}, kLong}, kBytes, kllBuildRows<T>, false, true}});
  registerEngineFunction(
      conn, engineName("kll_merge_agg_", s).c_str(),
      {{{{DUCKDB_TYPE_LIST, kBytes}, kLong}, kBytes, kllMergeAggRows<T>, false, true}});
  registerEngineFunction(conn, engineName("kll_n_", s).c_str(), {{{kBytes}, kLong, kllNRows<T>}});
  registerEngineFunction(conn, engineName("kll_to_string_", s).c_str(),
                         {{{kBytes}, kText, kllToStringRows<T>}});
  registerEngineFunction(conn, engineName("kll_merge_", s).c_str(),
                         {{{kBytes, kBytes}, kBytes, kllMergeRows<T>}});
  registerEngineFunction(
      conn, engineName("kll_quantile_", s).c_str(),
      {{{kBytes, kDouble}, kT, kllQuantileRows<T>},
       {{kBytes, {DUCKDB_TYPE_LIST, kDouble}}, {DUCKDB_TYPE_LIST, kT}, kllQuantilesRows<T>}});
  registerEngineFunction(
      conn, engineName("kll_rank_", s).c_str(),
      {{{kBytes, kT}, kDouble, kllRankRows<T>},
       {{kBytes, {DUCKDB_TYPE_LIST, kT}}, {DUCKDB_TYPE_LIST, kDouble}, kllRanksRows<T>}});
}

template <class V>
void registerTuple(duckdb_connection conn) {
  constexpr std::string_view s = TupleType<V>::kSuffix;
  registerEngineFunction(conn, engineName("tuple_build_", s).c_str(),
                         {{{kAny, kLong, kText}, kBytes, tupleBuildRows<V>, false, true}});
  registerEngineFunction(conn, engineName("tuple_estimate_", s).c_str(),
                         {{{kBytes}, kDouble, tupleEstimateRows<V>}});
  registerEngineFunction(conn, engineName("tuple_theta_", s).c_str(),
                         {{{kBytes}, kDouble, tupleThetaRows<V>}});
  registerEngineFunction(
      conn, engineName("tuple_summary_", s).c_str(),
      {{{kBytes, kText}, TupleType<V>::kTotal, tupleSummaryRows<V>, false, true}});
  registerEngineFunction(
      conn, engineName("tuple_union_", s).c_str(),
      {{{kBytes, kBytes, kLong, kText}, kBytes, tupleUnionRows<V, false>, false, true}});
  registerEngineFunction(
      conn, engineName("tuple_union_theta_", s).c_str(),
      {{{kBytes, kBytes, kLong, kText}, kBytes, tupleUnionRows<V, true>, false, true}});
  registerEngineFunction(
      conn, engineName("tuple_intersection_", s).c_str(),
      {{{kBytes, kBytes, kText}, kBytes, tupleIntersectionRows<V, false>, false, true}});
  registerEngineFunction(
      conn, engineName("tuple_intersection_theta_", s).c_str(),
      {{{kBytes, kBytes, kText}, kBytes, tupleIntersectionRows<V, true>, false, true}});
  registerEngineFunction(conn, engineName("tuple_difference_", s).c_str(),
                         {{{kBytes, kBytes}, kBytes, tupleDifferenceRows<V, false>}});
  registerEngineFunction(conn, engineName("tuple_difference_theta_", s).c_str(),
                         {{{kBytes, kBytes}, kBytes, tupleDifferenceRows<V, true>}});
  registerEngineFunction(
      conn, engineName("tuple_union_agg_", s).c_str(),
      {{{{DUCKDB_TYPE_LIST, kBytes}, kLong, kText}, kBytes, tupleUnionAggRows<V>, false, true}});
  registerEngineFunction(
      conn, engineName("tuple_intersection_agg_", s).c_str(),
      {{{{DUCKDB_TYPE_LIST, kBytes}, kText}, kBytes, tupleIntersectionAggRows<V>, false, true}});
}

}  // namespace

void registerSketchFunctions(duckdb_connection conn) {
  registerKll<std::int64_t>(conn);
  registerKll<float>(conn);
  registerKll<double>(conn);

  registerEngineFunction(conn, "clxs_spark_theta_build",
                         {{{kAny, kLong}, kBytes, thetaBuildRows, false, true}});
  registerEngineFunction(conn, "clxs_spark_theta_union",
                         {{{kBytes, kBytes, kLong}, kBytes, thetaUnionRows, false, true}});
  registerEngineFunction(conn, "clxs_spark_theta_intersection",
                         {{{kBytes, kBytes}, kBytes, thetaSetRows<true>}});
  registerEngineFunction(conn, "clxs_spark_theta_difference",
                         {{{kBytes, kBytes}, kBytes, thetaSetRows<false>}});
  registerEngineFunction(
      conn, "clxs_spark_theta_union_agg",
      {{{{DUCKDB_TYPE_LIST, kBytes}, kLong}, kBytes, thetaUnionAggRows, false, true}});
  registerEngineFunction(
      conn, "clxs_spark_theta_intersection_agg",
      {{{{DUCKDB_TYPE_LIST, kBytes}}, kBytes, thetaIntersectionAggRows, false, true}});
  registerEngineFunction(conn, "clxs_spark_theta_estimate", {{{kBytes}, kLong, thetaEstimateRows}});

  registerEngineFunction(conn, "clxs_spark_hll_build",
                         {{{kAny, kLong}, kBytes, hllBuildRows, false, true}});
  registerEngineFunction(conn, "clxs_spark_hll_union",
                         {{{kBytes, kBytes, kBool}, kBytes, hllUnionRows, false, true}});
  registerEngineFunction(
      conn, "clxs_spark_hll_union_agg",
      {{{{DUCKDB_TYPE_LIST, kBytes}, kBool}, kBytes, hllUnionAggRows, false, true}});
  registerEngineFunction(conn, "clxs_spark_hll_estimate", {{{kBytes}, kLong, hllEstimateRows}});

  registerTuple<double>(conn);
  registerTuple<std::int32_t>(conn);
}

}  // namespace clxs::kernel
