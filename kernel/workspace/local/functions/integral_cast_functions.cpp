// CAST to TINYINT, SMALLINT, INT and BIGINT as Spark does it under ANSI: fractions are cut
// toward zero (the engine rounds), a string must be a whole number ('2.5' is malformed), a
// TIMESTAMP is its seconds since the epoch, a value out of range is CAST_OVERFLOW, and a type
// Spark cannot cast is DATATYPE_MISMATCH. TRY_CAST's form answers NULL instead of failing.
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"
#include "kernel/workspace/local/functions/java_text.hpp"

namespace clxs::kernel {

namespace {

// A failed cast of one row: the Databricks error line.
struct CastFailure {
  std::string message;
};

template <class T>
struct Target;
template <>
struct Target<std::int8_t> {
  static constexpr const char* kName = "TINYINT";
};
template <>
struct Target<std::int16_t> {
  static constexpr const char* kName = "SMALLINT";
};
template <>
struct Target<std::int32_t> {
  static constexpr const char* kName = "INT";
};
template <>
struct Target<std::int64_t> {
  static constexpr const char* kName = "BIGINT";
};

template <class T>
CastFailure overflow(const std::string& valueSql, const std::string& fromType) {
  return {"[CAST_OVERFLOW] The value " + valueSql + " of the type \"" + fromType +
          "\" cannot be cast to \"" + Target<T>::kName +
          "\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead. "
          "SQLSTATE: 22003"};
}

template <class T>
T inRange(__int128 v, const std::string& valueSql, const std::string& fromType) {
  if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
    throw overflow<T>(valueSql, fromType);
  }
  return static_cast<T>(v);
}

// Spark's string to integral: blanks around, an optional sign, digits only.
template <class T>
T fromText(std::string_view s) {
  const auto malformed = [&] {
    return CastFailure{"[CAST_INVALID_INPUT] The value '" + std::string(s) +
                       "' of the type \"STRING\" cannot be cast to \"" + Target<T>::kName +
                       "\" because it is malformed. Correct the value as per the syntax, or "
                       "change its target type. Use `try_cast` to tolerate malformed input and "
                       "return NULL instead. SQLSTATE: 22018"};
  };
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  std::size_t i = b;
  const bool negative = i < e && s[i] == '-';
  if (i < e && (s[i] == '-' || s[i] == '+')) ++i;
  if (i == e) throw malformed();
  __int128 v = 0;
  for (; i < e; ++i) {
    if (s[i] < '0' || s[i] > '9') throw malformed();
    v = v * 10 + (s[i] - '0');
    if (v > static_cast<__int128>(std::numeric_limits<std::int64_t>::max()) + 1) {
      throw malformed();  // Spark reads the text as its target type, so this is not a number
    }
  }
  v = negative ? -v : v;
  if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) throw malformed();
  return static_cast<T>(v);
}

template <class T>
T fromDouble(double d, const std::string& fromType, char suffix) {
  const double cut = std::trunc(d);
  // Every T converts exactly to a double bound; the upper bound is exclusive (2^63 etc.).
  const double low = static_cast<double>(std::numeric_limits<T>::min());
  const double high = -low;
  if (std::isnan(d) || cut < low || cut >= high) {
    throw overflow<T>(javaDoubleText(d) + suffix, fromType);
  }
  return static_cast<T>(cut);
}

template <class T>
T fromDecimal(duckdb_vector v, duckdb_logical_type type, idx_t row) {
  const __int128 unscaled = unscaledDecimal(v, type, row);
  const unsigned scale = duckdb_decimal_scale(type);
  __int128 divisor = 1;
  for (unsigned k = 0; k < scale; ++k) divisor *= 10;
  const __int128 whole = unscaled / divisor;  // toward zero
  if (whole < std::numeric_limits<T>::min() || whole > std::numeric_limits<T>::max()) {
    throw overflow<T>(decimalText(unscaled, static_cast<int>(scale)) + "BD",
                      "DECIMAL(" + std::to_string(duckdb_decimal_width(type)) + "," +
                          std::to_string(scale) + ")");
  }
  return static_cast<T>(whole);
}

// Floor division, as Spark turns microseconds into seconds.
std::int64_t floorSeconds(std::int64_t micros) {
  std::int64_t s = micros / 1000000;
  if (micros % 1000000 < 0) --s;
  return s;
}

template <class T>
T castValue(duckdb_vector v, duckdb_logical_type type, idx_t row) {
  switch (duckdb_get_type_id(type)) {
    case DUCKDB_TYPE_BOOLEAN:
      return vectorAt<bool>(v, row) ? 1 : 0;
    case DUCKDB_TYPE_TINYINT: {
      const auto x = vectorAt<std::int8_t>(v, row);
      return inRange<T>(x, std::to_string(x) + "Y", "TINYINT");
    }
    case DUCKDB_TYPE_SMALLINT: {
      const auto x = vectorAt<std::int16_t>(v, row);
      return inRange<T>(x, std::to_string(x) + "S", "SMALLINT");
    }
    case DUCKDB_TYPE_INTEGER: {
      const auto x = vectorAt<std::int32_t>(v, row);
      return inRange<T>(x, std::to_string(x), "INT");
    }
    case DUCKDB_TYPE_BIGINT: {
      const auto x = vectorAt<std::int64_t>(v, row);
      return inRange<T>(x, std::to_string(x) + "L", "BIGINT");
    }
    case DUCKDB_TYPE_UTINYINT:
      return inRange<T>(vectorAt<std::uint8_t>(v, row),
                        std::to_string(vectorAt<std::uint8_t>(v, row)), "SMALLINT");
    case DUCKDB_TYPE_USMALLINT:
      return inRange<T>(vectorAt<std::uint16_t>(v, row),
                        std::to_string(vectorAt<std::uint16_t>(v, row)), "INT");
    case DUCKDB_TYPE_UINTEGER:
      return inRange<T>(vectorAt<std::uint32_t>(v, row),
                        std::to_string(vectorAt<std::uint32_t>(v, row)) + "L", "BIGINT");
    case DUCKDB_TYPE_UBIGINT:
      return inRange<T>(vectorAt<std::uint64_t>(v, row),
                        std::to_string(vectorAt<std::uint64_t>(v, row)) + "BD", "DECIMAL(20,0)");
    case DUCKDB_TYPE_HUGEINT: {
      // The engine's sum of BIGINTs: a BIGINT in Spark.
      const __int128 x = hugeint(vectorAt<duckdb_hugeint>(v, row));
      return inRange<T>(x, int128Text(x) + "L", "BIGINT");
    }
    case DUCKDB_TYPE_FLOAT:
      return fromDouble<T>(vectorAt<float>(v, row), "FLOAT", 'F');
    case DUCKDB_TYPE_DOUBLE:
      return fromDouble<T>(vectorAt<double>(v, row), "DOUBLE", 'D');
    case DUCKDB_TYPE_DECIMAL:
      return fromDecimal<T>(v, type, row);
    case DUCKDB_TYPE_VARCHAR:
      return fromText<T>(bytesAt(v, row));
    case DUCKDB_TYPE_TIMESTAMP_TZ: {
      const std::int64_t seconds = floorSeconds(vectorAt<std::int64_t>(v, row));
      return inRange<T>(seconds, std::to_string(seconds) + "L", "BIGINT");
    }
    default:
      break;
  }
  const std::string from = databricksTypeOf(type);
  throw CastFailure{"[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] Cannot resolve \"CAST(value AS " +
                    std::string(Target<T>::kName) +
                    ")\" due to data type mismatch: cannot cast \"" + from + "\" to \"" +
                    Target<T>::kName + "\". SQLSTATE: 42K09"};
}

// (value ANY, tolerant BOOLEAN): tolerant is TRY_CAST's form, NULL where the cast fails.
template <class T>
void castRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector value = duckdb_data_chunk_get_vector(input, 0);
  duckdb_vector tolerantFlags = duckdb_data_chunk_get_vector(input, 1);
  const TypeHandle type(duckdb_vector_get_column_type(value));
  auto* out = static_cast<T*>(duckdb_vector_get_data(output));
  const idx_t rows = duckdb_data_chunk_get_size(input);
  for (idx_t r = 0; r < rows; ++r) {
    if (!rowHasValues(input, r, output)) continue;
    try {
      out[r] = castValue<T>(value, type.get(), r);
    } catch (const CastFailure& failure) {
      if (vectorAt<bool>(tolerantFlags, r)) {
        setNull(output, r);
        continue;
      }
      failRows(info, failure.message);
      return;
    }
  }
}

}  // namespace

void registerIntegralCastFunctions(duckdb_connection conn) {
  using enum duckdb_type;
  registerEngineFunction(
      conn, "clxs_spark_cast_tinyint",
      {{{DUCKDB_TYPE_ANY, DUCKDB_TYPE_BOOLEAN}, DUCKDB_TYPE_TINYINT, castRows<std::int8_t>}});
  registerEngineFunction(
      conn, "clxs_spark_cast_smallint",
      {{{DUCKDB_TYPE_ANY, DUCKDB_TYPE_BOOLEAN}, DUCKDB_TYPE_SMALLINT, castRows<std::int16_t>}});
  registerEngineFunction(
      conn, "clxs_spark_cast_int",
      {{{DUCKDB_TYPE_ANY, DUCKDB_TYPE_BOOLEAN}, DUCKDB_TYPE_INTEGER, castRows<std::int32_t>}});
  registerEngineFunction(
      conn, "clxs_spark_cast_bigint",
      {{{DUCKDB_TYPE_ANY, DUCKDB_TYPE_BOOLEAN}, DUCKDB_TYPE_BIGINT, castRows<std::int64_t>}});
}

}  // namespace clxs::kernel
