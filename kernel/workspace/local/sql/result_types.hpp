// Spark's result types where they depend on operand types the engine's rules treat otherwise:
// DECIMAL arithmetic (a product has one digit less, a quotient of decimals is a DOUBLE, `sum`
// is always DECIMAL(38, s) and `avg` a DOUBLE) and a TIMESTAMP cast to text (the engine adds
// the zone offset; Spark writes the session's wall-clock time). Only the engine's binder knows
// the operand types, so the translated statement is prepared once with type probes around the
// operands of every `*`, `/`, `sum`, `avg` and cast to text, and the sites that need it are then
// written in Spark's terms.
#pragma once

#include <optional>
#include <string>

#include "kernel/workspace/local/engine/duckdb_engine.hpp"
#include "kernel/workspace/local/functions/type_probe.hpp"

namespace clxs::kernel {

/// A DECIMAL type.
struct DecimalType {
  int precision = 0;  ///< digits in all
  int scale = 0;      ///< digits after the point
  bool operator==(const DecimalType&) const = default;
};

/// The arithmetic Spark types by its decimal rules.
enum class DecimalOperation {
  Multiply,  ///< a * b
  Divide,    ///< a / b
  Sum,       ///< sum(a)
  Average,   ///< avg(a)
};

/// Spark's result type of `op` on operands of these types (b unused for sum and avg), bounded
/// to 38 digits as Spark bounds it (the scale gives way, down to 6); nothing when the result
/// is not a DECIMAL (no decimal operand, or a DOUBLE one).
std::optional<DecimalType> sparkDecimalResult(DecimalOperation op, const ProbedType& a,
                                              const ProbedType& b = {});

/// `sql` (the engine's dialect, as the translator wrote it, one query) with Spark's DECIMAL
/// result types, exact decimal quotients and TIMESTAMP text in the session's wall-clock time.
/// Answers `sql` unchanged when nothing in it needs that, or when the engine cannot prepare it
/// (running it then reports the error).
std::string withSparkResultTypes(DuckDbConnection& conn, const std::string& sql);

}  // namespace clxs::kernel
