// Spark's result types where they depend on operand types the engine's rules treat otherwise:
// DECIMAL arithmetic (a product has one digit less, a quotient of decimals is a DOUBLE, `sum`
// is always DECIMAL(38, s) and `avg` a DOUBLE) and a TIMESTAMP cast to text (the engine adds
// the zone offset; Spark writes the session's wall-clock time). Only the engine's binder knows
// the operand types, so the translated statement is prepared once with type probes around the
// operands of every `*`, `/`, `sum`, `avg` and cast to text, and the sites that need it are then
// written in Spark's terms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

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

/// The statements withSparkResultTypes() already wrote, by their text, so a statement run again
/// is not prepared again with probes (each probe round is a full bind by the engine). The
/// written form depends only on the operand types, and those only on the text: a table scan
/// names its immutable data files, or casts its columns when it has none. The one exception,
/// a SQL function's macro, clears the cache when its definition changes. Thread-safe; the
/// least recently used statements leave first.
class ResultTypeCache {
 public:
  /// Keeps at most `capacity` statements, each of at most `maxStatementBytes`.
  explicit ResultTypeCache(std::size_t capacity = 512, std::size_t maxStatementBytes = 64 * 1024)
      : capacity_(capacity), maxBytes_(maxStatementBytes) {}
  /// The written form of `sql`, when cached.
  std::optional<std::string> find(const std::string& sql);
  /// The count of clear() calls so far; taken before probing, given to put().
  [[nodiscard]] std::uint64_t generation() const;
  /// Remembers the written form of `sql`, probed since `generation` (ignored when the cache
  /// was cleared meanwhile, or when `sql` is too long to keep).
  void put(const std::string& sql, std::string written, std::uint64_t generation);
  /// Forgets everything (a SQL function changed).
  void clear();
  /// Statements kept.
  [[nodiscard]] std::size_t size() const;

 private:
  using Order = std::list<std::string>;  // most recently used first
  struct Entry {
    std::string written;
    Order::iterator at;
  };
  mutable std::mutex mu_;
  std::size_t capacity_;
  std::size_t maxBytes_;
  std::uint64_t generation_ = 0;
  Order order_;
  std::unordered_map<std::string, Entry> entries_;
};

/// `sql` (the engine's dialect, as the translator wrote it, one query) with Spark's DECIMAL
/// result types, exact decimal quotients and TIMESTAMP text in the session's wall-clock time.
/// Answers `sql` unchanged when nothing in it needs that, or when the engine cannot prepare it
/// (running it then reports the error). With a cache, a statement written before is answered
/// from it.
std::string withSparkResultTypes(DuckDbConnection& conn, const std::string& sql,
                                 ResultTypeCache* cache = nullptr);

}  // namespace clxs::kernel
