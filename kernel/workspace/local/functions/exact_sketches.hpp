// Databricks' sketch functions (KLL quantiles, Theta and HLL distinct counts, Tuple sketches
// with double or integer summaries) as EXACT sketches. Apache DataSketches keeps a bounded
// sample; here the bytes keep everything (the sorted values with their counts, or the distinct
// 64-bit key hashes, or the hashes with their summaries), so every estimate is exact, which is
// what DataSketches answers too while its sketch is small enough to be exact.
//
// The bytes are our own layout, versioned, and begin with a magic header, so a real
// DataSketches image is refused with the function's Databricks error instead of being misread:
//
//   bytes 0-3  "CXSK"        magic
//   byte  4    1             format version
//   byte  5    family        1 KLL, 2 Theta, 3 HLL, 4 Tuple
//   byte  6    subtype       KLL: 1 BIGINT, 2 FLOAT, 3 DOUBLE; Tuple: 1 DOUBLE, 2 INTEGER; else 0
//   byte  7    0             reserved
//   KLL:    k (u16 LE), n (varint), distinct values (varint), the values ascending (8-byte
//           LE integers, 4-byte LE floats or 8-byte LE doubles), then each one's count (varint)
//   Theta:  lgNomEntries (u8), count (varint), the hashes ascending (u64 LE)
//   HLL:    lgConfigK (u8), count (varint), the hashes ascending (u64 LE)
//   Tuple:  lgNomEntries (u8), count (varint), per key its hash (u64 LE) ascending and its
//           summary (f64 LE or i32 LE)
//
// Keys of Theta, HLL and Tuple sketches are kept as 64-bit hashes (see the key hashing
// functions): two distinct keys share a hash with probability about n^2 / 2^65.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace clxs::kernel::exact_sketch {

/// A failure as Databricks reports it: what() is the whole error line,
/// "[CLASS] message SQLSTATE: xxxxx".
struct SketchError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// KLL's k when the call leaves it out, and its bounds.
inline constexpr std::int64_t kKllDefaultK = 200;
inline constexpr std::int64_t kKllMinK = 8;
inline constexpr std::int64_t kKllMaxK = 65535;
/// Theta and Tuple sketches' lgNomEntries when the call leaves it out, and its bounds.
inline constexpr std::int64_t kDefaultLgNomEntries = 12;
inline constexpr std::int64_t kMinLgNomEntries = 4;
inline constexpr std::int64_t kMaxLgNomEntries = 26;
/// HLL's lgConfigK when the call leaves it out, and its bounds.
inline constexpr std::int64_t kHllDefaultLgConfigK = 12;
inline constexpr std::int64_t kHllMinLgConfigK = 4;
inline constexpr std::int64_t kHllMaxLgConfigK = 21;

// ---- Key hashing (Theta, HLL and Tuple keys) ----
//
// FNV-1a (64-bit) over a type tag and the value's bytes, then the SplitMix64 finalizer. Keys
// hash by kind, as DataSketches updates them: every integer type widened to 64 bits (so 1 and
// 1L are one key), FLOAT widened to DOUBLE with -0.0 as 0.0 and every NaN alike, STRING by
// its UTF-8 bytes and BINARY by its bytes (one kind, so 'a' and X'61' are one key), and an
// array of integers by its elements widened to 64 bits (a NULL element as 0).

/// The hash of an integer key (TINYINT through BIGINT).
std::uint64_t hashInteger(std::int64_t value);
/// The hash of a FLOAT or DOUBLE key.
std::uint64_t hashFloating(double value);
/// The hash of a STRING or BINARY key; none for an empty one, which the sketches ignore.
std::optional<std::uint64_t> hashBytes(std::string_view bytes);
/// The hash of an ARRAY<INT> or ARRAY<BIGINT> key; none for an empty array, which the
/// sketches ignore.
std::optional<std::uint64_t> hashIntegers(std::span<const std::int64_t> values);

// ---- Argument checks ----

/// `k` itself; throws KLL_SKETCH_K_OUT_OF_RANGE outside [8, 65535].
std::uint16_t checkKllK(std::int64_t k, std::string_view function);
/// `lgNomEntries` itself; throws SKETCH_INVALID_LG_NOM_ENTRIES outside [4, 26].
std::uint8_t checkLgNomEntries(std::int64_t lgNomEntries, std::string_view function);
/// `lgConfigK` itself; throws HLL_INVALID_LG_K outside [4, 21].
std::uint8_t checkHllLgConfigK(std::int64_t lgConfigK, std::string_view function);

/// How a Tuple sketch combines the summaries of one key.
enum class TupleMode : std::uint8_t { Sum, Min, Max, AlwaysOne };
/// The mode named `text` ('sum', 'min', 'max' or 'alwaysone', any case, surrounding spaces
/// ignored); throws TUPLE_INVALID_SKETCH_MODE otherwise.
TupleMode parseTupleMode(std::string_view text, std::string_view function);

// ---- KLL ----

/// An exact KLL quantiles sketch over BIGINT (`std::int64_t`), FLOAT or DOUBLE values: every
/// value with its count. NaN values are ignored (as DataSketches does) and -0.0 is kept as 0.0.
/// Ranks and quantiles use DataSketches' INCLUSIVE criterion, Spark's default.
template <class T>
class KllSketch {
  static_assert(std::is_same_v<T, std::int64_t> || std::is_same_v<T, float> ||
                std::is_same_v<T, double>);

 public:
  /// An empty sketch; throws KLL_SKETCH_K_OUT_OF_RANGE for a bad `k`.
  static KllSketch create(std::int64_t k, std::string_view function);
  /// kll_sketch_agg_*: a sketch of `values`.
  static KllSketch build(std::span<const T> values, std::int64_t k, std::string_view function);
  /// The sketch in `bytes`; throws KLL_INVALID_INPUT_SKETCH_BUFFER unless they are a sketch of
  /// this value type in our layout.
  static KllSketch deserialize(std::string_view bytes, std::string_view function);
  /// kll_merge_agg_*: `sketches` merged, with `k` when given, else the first one's k (200
  /// when there are none).
  static KllSketch mergeAll(std::span<const std::string_view> sketches,
                            std::optional<std::int64_t> k, std::string_view function);

  /// The bytes (see the layout above).
  [[nodiscard]] std::string serialize() const;
  /// Adds one value.
  void update(T value);
  /// kll_sketch_merge_*: adds `other`'s values, keeping this sketch's k.
  void merge(const KllSketch& other);

  /// The accuracy parameter the sketch was made with.
  [[nodiscard]] std::uint16_t k() const { return k_; }
  /// kll_sketch_get_n_*: how many values it holds.
  [[nodiscard]] std::uint64_t n() const { return n_; }
  /// kll_sketch_get_quantile_*: the smallest value whose inclusive rank reaches `rank`; none
  /// for an empty sketch. Throws KLL_SKETCH_INVALID_QUANTILE_RANGE outside [0, 1].
  [[nodiscard]] std::optional<T> quantile(double rank, std::string_view function) const;
  /// kll_sketch_get_rank_*: the fraction of values at most `value`; none for an empty sketch.
  [[nodiscard]] std::optional<double> rank(T value) const;
  /// kll_sketch_to_string_*: a readable summary (kind, k, n, min and max).
  [[nodiscard]] std::string toString() const;

 private:
  explicit KllSketch(std::uint16_t k) : k_(k) {}
  void add(T value, std::uint64_t count);

  std::uint16_t k_;
  std::uint64_t n_ = 0;
  std::vector<T> values_;              // distinct, ascending
  std::vector<std::uint64_t> counts_;  // per value, each at least 1
};

extern template class KllSketch<std::int64_t>;
extern template class KllSketch<float>;
extern template class KllSketch<double>;

// ---- Theta ----

/// An exact Theta sketch: the distinct key hashes (theta stays 1).
class ThetaSketch {
 public:
  /// theta_sketch_agg: a sketch of the key hashes `hashes` (any order, repeats allowed);
  /// throws SKETCH_INVALID_LG_NOM_ENTRIES for a bad `lgNomEntries`.
  static ThetaSketch build(std::vector<std::uint64_t> hashes, std::int64_t lgNomEntries,
                           std::string_view function);
  /// The sketch in `bytes`; throws THETA_INVALID_INPUT_SKETCH_BUFFER (or ..._FAMILY for another
  /// of our sketches) unless they are a Theta sketch in our layout.
  static ThetaSketch deserialize(std::string_view bytes, std::string_view function);
  /// theta_union: the keys in either.
  static ThetaSketch unite(const ThetaSketch& a, const ThetaSketch& b, std::int64_t lgNomEntries,
                           std::string_view function);
  /// theta_intersection: the keys in both.
  static ThetaSketch intersect(const ThetaSketch& a, const ThetaSketch& b);
  /// theta_difference: the keys of `a` not in `b`.
  static ThetaSketch subtract(const ThetaSketch& a, const ThetaSketch& b);
  /// theta_union_agg: the keys in any of `sketches`.
  static ThetaSketch uniteAll(std::span<const std::string_view> sketches, std::int64_t lgNomEntries,
                              std::string_view function);
  /// theta_intersection_agg: the keys in all of `sketches` (an empty sketch when none).
  static ThetaSketch intersectAll(std::span<const std::string_view> sketches,
                                  std::string_view function);

  /// The bytes (see the layout above).
  [[nodiscard]] std::string serialize() const;
  /// theta_sketch_estimate: the number of distinct keys.
  [[nodiscard]] std::int64_t estimate() const { return static_cast<std::int64_t>(hashes_.size()); }
  /// The distinct key hashes, ascending.
  [[nodiscard]] const std::vector<std::uint64_t>& hashes() const { return hashes_; }
  /// The lgNomEntries it was made with.
  [[nodiscard]] std::uint8_t lgNomEntries() const { return lg_; }

 private:
  ThetaSketch(std::uint8_t lg, std::vector<std::uint64_t> hashes)
      : lg_(lg), hashes_(std::move(hashes)) {}

  std::uint8_t lg_;
  std::vector<std::uint64_t> hashes_;  // distinct, ascending
};

// ---- HLL ----

/// An exact HLL sketch: the distinct key hashes, with the lgConfigK it was made with (which
/// decides whether two sketches may be united).
class HllSketch {
 public:
  /// hll_sketch_agg: a sketch of the key hashes `hashes`; throws HLL_INVALID_LG_K for a bad
  /// `lgConfigK`.
  static HllSketch build(std::vector<std::uint64_t> hashes, std::int64_t lgConfigK,
                         std::string_view function);
  /// The sketch in `bytes`; throws HLL_INVALID_INPUT_SKETCH_BUFFER unless they are an HLL
  /// sketch in our layout.
  static HllSketch deserialize(std::string_view bytes, std::string_view function);
  /// hll_union: the keys in either, at the smaller lgConfigK; throws HLL_UNION_DIFFERENT_LG_K
  /// when the lgConfigK values differ and `allowDifferentLgConfigK` is false.
  static HllSketch unite(const HllSketch& a, const HllSketch& b, bool allowDifferentLgConfigK,
                         std::string_view function);
  /// hll_union_agg: `sketches` united in order (a default empty sketch when none).
  static HllSketch uniteAll(std::span<const std::string_view> sketches,
                            bool allowDifferentLgConfigK, std::string_view function);

  /// The bytes (see the layout above).
  [[nodiscard]] std::string serialize() const;
  /// hll_sketch_estimate: the number of distinct keys.
  [[nodiscard]] std::int64_t estimate() const { return static_cast<std::int64_t>(hashes_.size()); }
  /// The lgConfigK it was made with.
  [[nodiscard]] std::uint8_t lgConfigK() const { return lg_; }

 private:
  HllSketch(std::uint8_t lg, std::vector<std::uint64_t> hashes)
      : lg_(lg), hashes_(std::move(hashes)) {}

  std::uint8_t lg_;
  std::vector<std::uint64_t> hashes_;  // distinct, ascending
};

// ---- Tuple ----

/// An exact Tuple sketch: each distinct key hash with its summary, a DOUBLE (`double`) or an
/// INTEGER (`std::int32_t`, whose sums wrap as Java's int does). Summaries combine as
/// DataSketches' DoubleSummary and IntegerSummary do in the given mode; a key that only a
/// Theta sketch brings gets the mode's starting summary (0 for sum, +infinity or INT_MAX for
/// min, -infinity or INT_MIN for max, 1 for alwaysone).
template <class V>
class TupleSketch {
  static_assert(std::is_same_v<V, double> || std::is_same_v<V, std::int32_t>);

 public:
  /// What tuple_sketch_summary_* returns: DOUBLE, or BIGINT for integer summaries.
  using Total = std::conditional_t<std::is_same_v<V, double>, double, std::int64_t>;

  /// An empty sketch; throws SKETCH_INVALID_LG_NOM_ENTRIES for a bad `lgNomEntries`.
  static TupleSketch create(std::int64_t lgNomEntries, std::string_view function);
  /// tuple_sketch_agg_*: a sketch of `rows` (key hash, summary value), each key's values folded
  /// in their order by `mode`.
  static TupleSketch build(std::vector<std::pair<std::uint64_t, V>> rows, std::int64_t lgNomEntries,
                           TupleMode mode, std::string_view function);
  /// The sketch in `bytes`; throws TUPLE_INVALID_INPUT_SKETCH_BUFFER (or ..._FAMILY for another
  /// of our sketches) unless they are a Tuple sketch of this summary type in our layout.
  static TupleSketch deserialize(std::string_view bytes, std::string_view function);
  /// tuple_union_*: the keys in either, the summaries of a key in both combined.
  static TupleSketch unite(const TupleSketch& a, const TupleSketch& b, std::int64_t lgNomEntries,
                           TupleMode mode, std::string_view function);
  /// tuple_union_theta_*: `a` with the keys of `theta` added at the mode's starting summary.
  static TupleSketch uniteTheta(const TupleSketch& a, const ThetaSketch& theta,
                                std::int64_t lgNomEntries, TupleMode mode,
                                std::string_view function);
  /// tuple_intersection_*: the keys in both, their summaries combined.
  static TupleSketch intersect(const TupleSketch& a, const TupleSketch& b, TupleMode mode);
  /// tuple_intersection_theta_*: the keys of `a` also in `theta`, each summary combined with
  /// the mode's starting summary.
  static TupleSketch intersectTheta(const TupleSketch& a, const ThetaSketch& theta, TupleMode mode);
  /// tuple_difference_*: the keys of `a` not in `b`, with `a`'s summaries.
  static TupleSketch subtract(const TupleSketch& a, const TupleSketch& b);
  /// tuple_difference_theta_*: the keys of `a` not in `theta`.
  static TupleSketch subtractTheta(const TupleSketch& a, const ThetaSketch& theta);
  /// tuple_union_agg_*: `sketches` united in order.
  static TupleSketch uniteAll(std::span<const std::string_view> sketches, std::int64_t lgNomEntries,
                              TupleMode mode, std::string_view function);
  /// tuple_intersection_agg_*: `sketches` intersected in order (an empty sketch when none).
  static TupleSketch intersectAll(std::span<const std::string_view> sketches, TupleMode mode,
                                  std::string_view function);

  /// The bytes (see the layout above).
  [[nodiscard]] std::string serialize() const;
  /// tuple_sketch_agg_*: folds `value` into the summary of the key hashed `hash`.
  void update(std::uint64_t hash, V value, TupleMode mode);
  /// tuple_sketch_estimate_*: the number of distinct keys.
  [[nodiscard]] double estimate() const { return static_cast<double>(entries_.size()); }
  /// tuple_sketch_theta_*: the sampling probability, 1 for an exact sketch.
  [[nodiscard]] static double theta() { return 1.0; }
  /// tuple_sketch_summary_*: the summaries aggregated by `mode` (sum, min, max, or the number
  /// of keys for alwaysone); 0 for an empty sketch.
  [[nodiscard]] Total summary(TupleMode mode) const;
  /// The keys' hashes with their summaries, by hash.
  [[nodiscard]] const std::vector<std::pair<std::uint64_t, V>>& entries() const { return entries_; }

 private:
  explicit TupleSketch(std::uint8_t lg) : lg_(lg) {}

  std::uint8_t lg_;
  std::vector<std::pair<std::uint64_t, V>> entries_;  // by hash, distinct
};

extern template class TupleSketch<double>;
extern template class TupleSketch<std::int32_t>;

}  // namespace clxs::kernel::exact_sketch
