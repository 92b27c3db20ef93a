// Learning the types the engine gives sub-expressions of a statement, without running it: the
// statement is prepared with calls of the probe function (clxs_spark_type_probe(site, a[, b]))
// around the operands of interest, and the probe's bind step records their types here. Spark's
// DECIMAL result rules need the operand types, which only the engine's binder knows.
#pragma once

#include <map>
#include <vector>

namespace clxs::kernel {

/// An operand's type as the engine bound it, in the terms Spark's decimal rules use.
struct ProbedType {
  /// What the operand is.
  enum class Kind {
    Decimal,   ///< DECIMAL(precision, scale)
    Integral,  ///< an integer type or literal, as the DECIMAL(precision, 0) Spark widens it to
    TimestampWithZone,  ///< Spark's TIMESTAMP (an instant, shown in the session's zone)
    SparkText,          ///< a DOUBLE, FLOAT or collection whose text Spark writes its own way
    Other,              ///< anything else (a DOUBLE makes the arithmetic a DOUBLE one)
  };
  Kind kind = Kind::Other;  ///< what it is
  int precision = 0;        ///< digits in all (Decimal, Integral)
  int scale = 0;            ///< digits after the point (Decimal)
  bool operator==(const ProbedType&) const = default;
};

/// The operand types each probe site was bound with, by site number. A site bound twice with
/// different types (the same text in two scopes) keeps every binding.
using ProbedSites = std::map<int, std::vector<std::vector<ProbedType>>>;

/// While alive, the probe function's bind step on this thread records into `sink`. Preparing
/// a statement binds on the calling thread, so each thread probes on its own.
class TypeProbeScope {
 public:
  /// Starts recording into `sink`.
  explicit TypeProbeScope(ProbedSites& sink);
  /// Stops recording (the previous scope of this thread, if any, records again).
  ~TypeProbeScope();
  TypeProbeScope(const TypeProbeScope&) = delete;
  TypeProbeScope& operator=(const TypeProbeScope&) = delete;

 private:
  ProbedSites* previous_;
};

}  // namespace clxs::kernel
