// Spark's DECIMAL result types on the engine. The engine's rules differ: a product has one
// digit less, a quotient of decimals is a DOUBLE, `sum` is always DECIMAL(38, s) and `avg` a
// DOUBLE. Which rule applies depends on the operand types, which only the engine's binder
// knows, so the translated statement is prepared once with type probes around the operands
// of every `*`, `/`, `sum` and `avg`, and the decimal ones are then written in Spark's terms.
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
/// result types and exact decimal quotients. Answers `sql` unchanged when it holds no decimal
/// arithmetic, or when the engine cannot prepare it (running it then reports the error).
std::string withSparkDecimalTypes(DuckDbConnection& conn, const std::string& sql);

}  // namespace clxs::kernel
