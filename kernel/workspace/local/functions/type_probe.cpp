// The type probe of type_probe.hpp: clxs_spark_type_probe(site, a[, b]) is a function whose bind
// step records the engine's types of a and b for the thread's TypeProbeScope.
#include "kernel/workspace/local/functions/type_probe.hpp"

#include <optional>
#include <string>
#include <vector>

#include "kernel/workspace/local/engine/duckdb_vector_reader.hpp"
#include "kernel/workspace/local/functions/engine_function_registry.hpp"

namespace clxs::kernel {

namespace {

// The sink of this thread's innermost TypeProbeScope; a plain pointer (no construction order).
thread_local ProbedSites* tProbeSink = nullptr;

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
  if (id == DUCKDB_TYPE_TIMESTAMP_TZ) return {ProbedType::Kind::TimestampWithZone, 0, 0};
  const bool collection =
      id == DUCKDB_TYPE_LIST || id == DUCKDB_TYPE_STRUCT || id == DUCKDB_TYPE_MAP;
  if ((id == DUCKDB_TYPE_DOUBLE || id == DUCKDB_TYPE_FLOAT || collection) &&
      typeSparkRenders(type.get())) {
    return {ProbedType::Kind::SparkText, 0, 0};
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

// An argument expression of a bind, destroyed on every way out.
class ArgumentExpression {
 public:
  ArgumentExpression(duckdb_bind_info info, idx_t index)
      : e_(duckdb_scalar_function_bind_get_argument(info, index)) {}
  ~ArgumentExpression() { duckdb_destroy_expression(&e_); }
  ArgumentExpression(const ArgumentExpression&) = delete;
  ArgumentExpression& operator=(const ArgumentExpression&) = delete;
  [[nodiscard]] duckdb_expression get() const { return e_; }

 private:
  duckdb_expression e_;
};

void recordProbe(duckdb_bind_info info) {
  const idx_t count = duckdb_scalar_function_bind_get_argument_count(info);
  if (count == 0) return;
  std::optional<std::string> siteText;
  {
    const ArgumentExpression site(info, 0);
    siteText = foldedText(info, site.get());
  }
  if (!siteText) return;
  const int site = std::stoi(*siteText);
  std::vector<ProbedType> types;
  for (idx_t i = 1; i < count; ++i) {
    const ArgumentExpression e(info, i);
    types.push_back(probedType(info, e.get()));
  }
  auto& seen = (*tProbeSink)[site];
  for (const auto& s : seen) {
    if (s == types) return;
  }
  seen.push_back(std::move(types));
}

// No exception may cross into the engine: a probe that cannot record leaves its site as the
// engine types it.
void probeBind(duckdb_bind_info info) {
  if (tProbeSink == nullptr) return;
  try {
    recordProbe(info);
  } catch (const std::exception&) {
  }
}

// A probe is only ever prepared, never run; should it run, it lets every row through.
void probeRows(duckdb_function_info, duckdb_data_chunk input, duckdb_vector output) {
  auto* out = static_cast<bool*>(duckdb_vector_get_data(output));
  const idx_t rows = duckdb_data_chunk_get_size(input);
  for (idx_t r = 0; r < rows; ++r) out[r] = true;
}

}  // namespace

TypeProbeScope::TypeProbeScope(ProbedSites& sink) : previous_(tProbeSink) {
  tProbeSink = &sink;
}

TypeProbeScope::~TypeProbeScope() {
  tProbeSink = previous_;
}

void registerTypeProbeFunction(duckdb_connection conn) {
  using enum duckdb_type;
  // NULL operands still reach the bind, and the call is never folded away before it binds.
  EngineOverload one{{DUCKDB_TYPE_INTEGER, DUCKDB_TYPE_ANY}, DUCKDB_TYPE_BOOLEAN, probeRows};
  one.seesNulls = true;
  one.bind = probeBind;
  one.isVolatile = true;
  EngineOverload two = one;
  two.params = {DUCKDB_TYPE_INTEGER, DUCKDB_TYPE_ANY, DUCKDB_TYPE_ANY};
  registerEngineFunction(conn, "clxs_spark_type_probe", {one, two});
}

}  // namespace clxs::kernel
