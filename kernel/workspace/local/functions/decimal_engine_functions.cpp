// Spark's DECIMAL arithmetic where the engine's differs: a quotient of decimals is a DECIMAL
// (the engine makes it a DOUBLE), computed exactly and rounded half up, first to 38 places and
// then to the result's scale, as Spark's Decimal division does. And the type probe of
// type_probe.hpp, whose bind step records the types of its arguments.
#include <boost/multiprecision/cpp_int.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"
#include "kernel/workspace/local/functions/type_probe.hpp"

namespace clxs::kernel {

namespace {

using BigInt = boost::multiprecision::cpp_int;

// The sink of this thread's innermost TypeProbeScope; a plain pointer (no construction order).
thread_local ProbedSites* tProbeSink = nullptr;

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

// The text of the constant `e` folds to, or nothing when it is not a constant.
std::optional<std::string> foldedText(duckdb_bind_info info, duckdb_expression e) {
  if (!duckdb_expression_is_foldable(e)) return std::nullopt;
  duckdb_client_context context = nullptr;
  duckdb_scalar_function_get_client_context(info, &context);
  duckdb_value value = nullptr;
  duckdb_error_data error = duckdb_expression_fold(context, e, &value);
  std::optional<std::string> out;
  if (!duckdb_error_data_has_error(error) && value != nullptr) {
    char* t = duckdb_get_varchar(value);
    if (t != nullptr) out = std::string(t);
    duckdb_free(t);
  }
  if (value != nullptr) duckdb_destroy_value(&value);
  duckdb_destroy_error_data(&error);
  duckdb_destroy_client_context(&context);
  return out;
}

// The DECIMAL(p, 0) Spark widens an integer type to.
std::optional<int> integralDigits(duckdb_type id) {
  switch (id) {
    case DUCKDB_TYPE_TINYINT:
    case DUCKDB_TYPE_UTINYINT:
      return 3;
    case DUCKDB_TYPE_SMALLINT:
    case DUCKDB_TYPE_USMALLINT:
      return 5;
    case DUCKDB_TYPE_INTEGER:
    case DUCKDB_TYPE_UINTEGER:
    case DUCKDB_TYPE_INTEGER_LITERAL:
      return 10;
    case DUCKDB_TYPE_BIGINT:
    case DUCKDB_TYPE_UBIGINT:
    case DUCKDB_TYPE_HUGEINT:  // the engine's sum of BIGINTs, a BIGINT in Spark
      return 20;
    default:
      return std::nullopt;
  }
}

ProbedType probedType(duckdb_bind_info info, duckdb_expression e) {
  const TypeHandle type(duckdb_expression_return_type(e));
  const duckdb_type id = duckdb_get_type_id(type.get());
  if (id == DUCKDB_TYPE_DECIMAL) {
    return {ProbedType::Kind::Decimal, duckdb_decimal_width(type.get()),
            duckdb_decimal_scale(type.get())};
  }
  const auto digits = integralDigits(id);
  if (!digits) return {};
  // Spark gives an integer literal next to a decimal the fewest digits that hold it.
  if (auto folded = foldedText(info, e)) {
    if (!folded->empty() && folded->front() == '-') folded->erase(0, 1);
    if (!folded->empty()) return {ProbedType::Kind::Integral, static_cast<int>(folded->size()), 0};
  }
  return {ProbedType::Kind::Integral, *digits, 0};
}

void probeBind(duckdb_bind_info info) {
  if (tProbeSink == nullptr) return;
  const idx_t count = duckdb_scalar_function_bind_get_argument_count(info);
  if (count == 0) return;
  duckdb_expression siteExpr = duckdb_scalar_function_bind_get_argument(info, 0);
  const auto siteText = foldedText(info, siteExpr);
  duckdb_destroy_expression(&siteExpr);
  if (!siteText) return;
  const int site = std::stoi(*siteText);
  std::vector<ProbedType> types;
  for (idx_t i = 1; i < count; ++i) {
    duckdb_expression e = duckdb_scalar_function_bind_get_argument(info, i);
    types.push_back(probedType(info, e));
    duckdb_destroy_expression(&e);
  }
  auto& seen = (*tProbeSink)[site];
  for (const auto& s : seen) {
    if (s == types) return;
  }
  seen.push_back(std::move(types));
}

// A probe is only ever prepared, never run; should it run, it lets every row through.
void probeRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  auto* out = static_cast<bool*>(duckdb_vector_get_data(output));
  const idx_t rows = duckdb_data_chunk_get_size(input);
  for (idx_t r = 0; r < rows; ++r) out[r] = true;
}

void registerProbe(duckdb_connection conn) {
  duckdb_scalar_function_set set = duckdb_create_scalar_function_set("clxs_spark_type_probe");
  bool ok = true;
  for (int operands = 1; operands <= 2; ++operands) {
    duckdb_scalar_function f = duckdb_create_scalar_function();
    duckdb_scalar_function_set_name(f, "clxs_spark_type_probe");
    duckdb_logical_type site = duckdb_create_logical_type(DUCKDB_TYPE_INTEGER);
    duckdb_scalar_function_add_parameter(f, site);
    duckdb_destroy_logical_type(&site);
    for (int i = 0; i < operands; ++i) {
      duckdb_logical_type any = duckdb_create_logical_type(DUCKDB_TYPE_ANY);
      duckdb_scalar_function_add_parameter(f, any);
      duckdb_destroy_logical_type(&any);
    }
    duckdb_logical_type out = duckdb_create_logical_type(DUCKDB_TYPE_BOOLEAN);
    duckdb_scalar_function_set_return_type(f, out);
    duckdb_destroy_logical_type(&out);
    duckdb_scalar_function_set_special_handling(f);  // NULL operands still reach the bind
    duckdb_scalar_function_set_volatile(f);          // never folded away before binding ends
    duckdb_scalar_function_set_bind(f, probeBind);
    duckdb_scalar_function_set_function(f, probeRows);
    ok = ok && duckdb_add_scalar_function_to_set(set, f) == DuckDBSuccess;
    duckdb_destroy_scalar_function(&f);
  }
  ok = ok && duckdb_register_scalar_function_set(conn, set) == DuckDBSuccess;
  duckdb_destroy_scalar_function_set(&set);
  if (!ok) {
    throw WorkspaceError(WorkspaceErrorClass::Unavailable,
                         "the engine refused the function clxs_spark_type_probe");
  }
}

}  // namespace

TypeProbeScope::TypeProbeScope(ProbedSites& sink) : previous_(tProbeSink) {
  tProbeSink = &sink;
}

TypeProbeScope::~TypeProbeScope() {
  tProbeSink = previous_;
}

void registerDecimalFunctions(duckdb_connection conn) {
  using enum duckdb_type;
  registerEngineFunction(
      conn, "clxs_spark_decimal_divide",
      {{{DUCKDB_TYPE_ANY, DUCKDB_TYPE_ANY, DUCKDB_TYPE_INTEGER, DUCKDB_TYPE_INTEGER},
        DUCKDB_TYPE_VARCHAR,
        divideRows}});
  registerProbe(conn);
}

}  // namespace clxs::kernel
