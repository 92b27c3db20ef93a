// Spark's DECIMAL arithmetic where the engine's differs: a quotient of decimals is a DECIMAL
// (the engine makes it a DOUBLE), computed exactly and rounded half up, first to 38 places and
// then to the result's scale, as Spark's Decimal division does.
#include <boost/multiprecision/cpp_int.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"

namespace clxs::kernel {

namespace {

using BigInt = boost::multiprecision::cpp_int;

// An exact operand: unscaled / 10^scale.
struct Exact {
  BigInt unscaled;
  int scale = 0;
};

std::optional<Exact> exactAt(duckdb_vector v, duckdb_logical_type type, idx_t row) {
  switch (duckdb_get_type_id(type)) {
    case DUCKDB_TYPE_DECIMAL:
      return Exact{BigInt(unscaledDecimal(v, type, row)), duckdb_decimal_scale(type)};
    case DUCKDB_TYPE_TINYINT:
      return Exact{BigInt(vectorAt<std::int8_t>(v, row))};
    case DUCKDB_TYPE_SMALLINT:
      return Exact{BigInt(vectorAt<std::int16_t>(v, row))};
    case DUCKDB_TYPE_INTEGER:
      return Exact{BigInt(vectorAt<std::int32_t>(v, row))};
    case DUCKDB_TYPE_BIGINT:
      return Exact{BigInt(vectorAt<std::int64_t>(v, row))};
    case DUCKDB_TYPE_UTINYINT:
      return Exact{BigInt(vectorAt<std::uint8_t>(v, row))};
    case DUCKDB_TYPE_USMALLINT:
      return Exact{BigInt(vectorAt<std::uint16_t>(v, row))};
    case DUCKDB_TYPE_UINTEGER:
      return Exact{BigInt(vectorAt<std::uint32_t>(v, row))};
    case DUCKDB_TYPE_UBIGINT:
      return Exact{BigInt(vectorAt<std::uint64_t>(v, row))};
    case DUCKDB_TYPE_HUGEINT:
      return Exact{BigInt(hugeint(vectorAt<duckdb_hugeint>(v, row)))};
    default:
      return std::nullopt;
  }
}

BigInt pow10(int n) {
  BigInt p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// n / d rounded half away from zero (Java's HALF_UP); d is not 0.
BigInt divideHalfUp(const BigInt& n, const BigInt& d) {
  BigInt q = n / d;
  const BigInt r = n % d;
  if (2 * abs(r) >= abs(d)) q += (n < 0) == (d < 0) ? 1 : -1;
  return q;
}

std::string quotientText(const BigInt& unscaled, int scale) {
  std::string digits = BigInt(abs(unscaled)).str();
  if (scale > 0) {
    if (digits.size() <= static_cast<std::size_t>(scale)) {
      digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<std::size_t>(scale), ".");
  }
  return (unscaled < 0 ? "-" : "") + digits;
}

// (dividend ANY, divisor ANY, precision INTEGER, scale INTEGER) -> the quotient's text, which
// the caller casts to DECIMAL(precision, scale).
void divideRows(duckdb_function_info info, duckdb_data_chunk input, duckdb_vector output) {
  duckdb_vector a = duckdb_data_chunk_get_vector(input, 0);
  duckdb_vector b = duckdb_data_chunk_get_vector(input, 1);
  duckdb_vector precisions = duckdb_data_chunk_get_vector(input, 2);
  duckdb_vector scales = duckdb_data_chunk_get_vector(input, 3);
  const TypeHandle aType(duckdb_vector_get_column_type(a));
  const TypeHandle bType(duckdb_vector_get_column_type(b));
  const idx_t rows = duckdb_data_chunk_get_size(input);
  for (idx_t r = 0; r < rows; ++r) {
    if (!rowHasValues(input, r, output)) continue;
    const auto x = exactAt(a, aType.get(), r);
    const auto y = exactAt(b, bType.get(), r);
    if (!x || !y) {
      failRows(info,
               "[INTERNAL_ERROR] a decimal quotient of a value that is not exact. "
               "SQLSTATE: XX000");
      return;
    }
    if (y->unscaled == 0) {
      failRows(info,
               "[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor "
               "being 0 and return NULL instead. SQLSTATE: 22012");
      return;
    }
    const int precision = vectorAt<std::int32_t>(precisions, r);
    const int scale = vectorAt<std::int32_t>(scales, r);
    constexpr int kMaxScale = 38;
    const BigInt at38 =
        divideHalfUp(x->unscaled * pow10(kMaxScale + y->scale - x->scale), y->unscaled);
    const BigInt q = divideHalfUp(at38, pow10(kMaxScale - scale));
    if (abs(q) >= pow10(precision)) {
      failRows(info, "[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION] " + quotientText(q, scale) +
                         " cannot be represented as Decimal(" + std::to_string(precision) + ", " +
                         std::to_string(scale) +
                         "). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass "
                         "this error, and return NULL instead. SQLSTATE: 22003");
      return;
    }
    const std::string s = quotientText(q, scale);
    duckdb_vector_assign_string_element_len(output, r, s.data(), s.size());
  }
}

}  // namespace

void registerDecimalFunctions(duckdb_connection conn) {
  using enum duckdb_type;
  registerEngineFunction(
      conn, "clxs_spark_decimal_divide",
      {{{DUCKDB_TYPE_ANY, DUCKDB_TYPE_ANY, DUCKDB_TYPE_INTEGER, DUCKDB_TYPE_INTEGER},
        DUCKDB_TYPE_VARCHAR,
        divideRows}});
}

}  // namespace clxs::kernel
