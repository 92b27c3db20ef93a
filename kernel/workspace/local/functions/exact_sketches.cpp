#include "kernel/workspace/local/functions/exact_sketches.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>

namespace clxs::kernel::exact_sketch {

namespace {

// ---- Errors ----

[[noreturn]] void fail(std::string_view errorClass, const std::string& message,
                       std::string_view sqlState) {
  throw SketchError("[" + std::string(errorClass) + "] " + message +
                    " SQLSTATE: " + std::string(sqlState));
}

// Spark names the function in its errors as an identifier: `name`.
std::string id(std::string_view function) {
  return "`" + std::string(function) + "`";
}

enum class Family : std::uint8_t { Kll = 1, Theta = 2, Hll = 3, Tuple = 4 };

std::string familyName(Family f) {
  switch (f) {
    case Family::Kll:
      return "KLL";
    case Family::Theta:
      return "THETA";
    case Family::Hll:
      return "HLL";
    case Family::Tuple:
      return "TUPLE";
  }
  return "UNKNOWN";
}

[[noreturn]] void invalidKll(std::string_view function) {
  fail("KLL_INVALID_INPUT_SKETCH_BUFFER",
       "Invalid call to " + id(function) +
           "; only valid KLL sketch buffers are supported as inputs (such as those produced by "
           "the `kll_sketch_agg` function).",
       "22000");
}

[[noreturn]] void invalidTheta(std::string_view function) {
  fail("THETA_INVALID_INPUT_SKETCH_BUFFER",
       "Invalid call to " + id(function) +
           "; only valid Theta sketch buffers are supported as inputs (such as those produced by "
           "the `theta_sketch_agg` function).",
       "22000");
}

[[noreturn]] void invalidHll(std::string_view function) {
  fail("HLL_INVALID_INPUT_SKETCH_BUFFER",
       "Invalid call to " + id(function) +
           "; only valid HLL sketch buffers are supported as inputs (such as those produced by "
           "the `hll_sketch_agg` function).",
       "22546");
}

[[noreturn]] void invalidTuple(std::string_view function) {
  fail("TUPLE_INVALID_INPUT_SKETCH_BUFFER",
       "Invalid call to " + id(function) +
           "; only valid Tuple sketch buffers are supported as inputs (such as those produced by "
           "the corresponding `tuple_sketch_agg_*` function).",
       "22000");
}

// ---- Bytes ----

constexpr std::array<char, 4> kMagic = {'C', 'X', 'S', 'K'};
constexpr std::uint8_t kFormatVersion = 1;
constexpr std::size_t kHeaderSize = 8;

void putU8(std::string& out, std::uint8_t v) {
  out.push_back(static_cast<char>(v));
}

void putLe(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void putVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

std::string header(Family family, std::uint8_t subtype) {
  std::string out(kMagic.data(), kMagic.size());
  putU8(out, kFormatVersion);
  putU8(out, static_cast<std::uint8_t>(family));
  putU8(out, subtype);
  putU8(out, 0);
  return out;
}

// Reads our layout front to back; every read reports whether the bytes were there, so a short
// or malformed image ends in the caller's error rather than a bad read.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  [[nodiscard]] bool u8(std::uint8_t& v) {
    if (pos_ + 1 > bytes_.size()) return false;
    v = static_cast<std::uint8_t>(bytes_[pos_++]);
    return true;
  }
  [[nodiscard]] bool le(std::uint64_t& v, int bytes) {
    if (pos_ + static_cast<std::size_t>(bytes) > bytes_.size()) return false;
    v = 0;
    for (int i = 0; i < bytes; ++i) {
      v |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(bytes_[pos_ + i])) << (8 * i);
    }
    pos_ += static_cast<std::size_t>(bytes);
    return true;
  }
  [[nodiscard]] bool varint(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      std::uint8_t b = 0;
      if (!u8(b)) return false;
      // The tenth byte may only carry the top bit of a 64-bit value.
      if (shift == 63 && b > 1) return false;
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return true;
    }
    return false;
  }
  [[nodiscard]] std::size_t remaining() const { return bytes_.size() - pos_; }
  [[nodiscard]] bool done() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

// The family and subtype of bytes in our layout, or none when the magic, version or reserved
// byte do not match (a DataSketches image, or any other bytes).
struct Header {
  Family family;
  std::uint8_t subtype;
};

std::optional<Header> readHeader(Reader& r, std::string_view bytes) {
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0) {
    return std::nullopt;
  }
  std::uint64_t skipped = 0;
  std::uint8_t version = 0;
  std::uint8_t family = 0;
  std::uint8_t subtype = 0;
  std::uint8_t reserved = 0;
  if (!r.le(skipped, 4) || !r.u8(version) || !r.u8(family) || !r.u8(subtype) || !r.u8(reserved)) {
    return std::nullopt;
  }
  if (version != kFormatVersion || reserved != 0 || family < 1 || family > 4) return std::nullopt;
  return Header{static_cast<Family>(family), subtype};
}

// ---- Hashing ----

std::uint64_t finalize(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Fnv {
 public:
  void byte(std::uint8_t b) {
    h_ ^= b;
    h_ *= 0x100000001b3ULL;
  }
  void word(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  [[nodiscard]] std::uint64_t done(std::uint64_t length) const { return finalize(h_ ^ length); }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

// Type tags keep an integer, a floating value and bytes with the same 8 bytes apart.
constexpr std::uint8_t kTagInteger = 'I';
constexpr std::uint8_t kTagFloating = 'F';
constexpr std::uint8_t kTagBytes = 'B';
constexpr std::uint8_t kTagIntegers = 'A';

// ---- Numbers ----

template <class T>
std::string numberText(T v) {
  std::array<char, 64> buf{};
  const auto result = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), result.ptr);
}

// Java's Math.min and Math.max on doubles: NaN wins, and -0.0 is below 0.0.
double javaMin(double a, double b) {
  if (std::isnan(a)) return a;
  if (std::isnan(b)) return b;
  if (a == 0.0 && b == 0.0) return std::signbit(a) ? a : b;
  return a <= b ? a : b;
}
double javaMax(double a, double b) {
  if (std::isnan(a)) return a;
  if (std::isnan(b)) return b;
  if (a == 0.0 && b == 0.0) return std::signbit(a) ? b : a;
  return a >= b ? a : b;
}

std::string lowerTrimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ---- Hash sets (Theta and HLL) ----

void putHashes(std::string& out, const std::vector<std::uint64_t>& hashes) {
  putVarint(out, hashes.size());
  for (const std::uint64_t h : hashes) putLe(out, h, 8);
}

// The ascending distinct hashes that end `r`, or none when they are not exactly that.
std::optional<std::vector<std::uint64_t>> readHashes(Reader& r) {
  std::uint64_t count = 0;
  if (!r.varint(count) || count > r.remaining() / 8) return std::nullopt;
  std::vector<std::uint64_t> hashes(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    if (!r.le(hashes[i], 8)) return std::nullopt;
    if (i > 0 && hashes[i] <= hashes[i - 1]) return std::nullopt;
  }
  if (!r.done()) return std::nullopt;
  return hashes;
}

std::vector<std::uint64_t> sortedDistinct(std::vector<std::uint64_t> hashes) {
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  return hashes;
}

std::vector<std::uint64_t> unionOf(const std::vector<std::uint64_t>& a,
                                   const std::vector<std::uint64_t>& b) {
  std::vector<std::uint64_t> out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// ---- KLL ----

template <class T>
struct KllTraits;
template <>
struct KllTraits<std::int64_t> {
  static constexpr std::uint8_t kSubtype = 1;
  static constexpr int kWidth = 8;
  static constexpr const char* kName = "BIGINT";
};
template <>
struct KllTraits<float> {
  static constexpr std::uint8_t kSubtype = 2;
  static constexpr int kWidth = 4;
  static constexpr const char* kName = "FLOAT";
};
template <>
struct KllTraits<double> {
  static constexpr std::uint8_t kSubtype = 3;
  static constexpr int kWidth = 8;
  static constexpr const char* kName = "DOUBLE";
};

template <class T>
std::uint64_t kllBits(T v) {
  if constexpr (std::is_same_v<T, float>) {
    return std::bit_cast<std::uint32_t>(v);
  } else {
    return std::bit_cast<std::uint64_t>(v);
  }
}

template <class T>
T kllFromBits(std::uint64_t bits) {
  if constexpr (std::is_same_v<T, float>) {
    return std::bit_cast<float>(static_cast<std::uint32_t>(bits));
  } else {
    return std::bit_cast<T>(bits);
  }
}

// Whether `v` may be kept: not NaN, and 0.0 rather than -0.0 (the sketch keeps them as one).
template <class T>
bool kllStorable(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    return !std::isnan(v) && !(v == 0 && std::signbit(v));
  } else {
    return true;
  }
}

// ---- Tuple ----

template <class V>
V startingSummary(TupleMode mode) {
  switch (mode) {
    case TupleMode::Sum:
      return 0;
    case TupleMode::Min:
      if constexpr (std::is_same_v<V, double>) return std::numeric_limits<double>::infinity();
      return std::numeric_limits<V>::max();
    case TupleMode::Max:
      if constexpr (std::is_same_v<V, double>) return -std::numeric_limits<double>::infinity();
      return std::numeric_limits<V>::min();
    case TupleMode::AlwaysOne:
      return 1;
  }
  return 0;
}

// One summary folded into another as DataSketches' summaries update (and, through a fresh
// summary updated with both, as their set operations combine two).
template <class V>
V combine(V current, V value, TupleMode mode) {
  switch (mode) {
    case TupleMode::Sum:
      if constexpr (std::is_same_v<V, double>) {
        return current + value;
      } else {
        // Java's int addition wraps.
        return static_cast<std::int32_t>(static_cast<std::uint32_t>(current) +
                                         static_cast<std::uint32_t>(value));
      }
    case TupleMode::Min:
      if constexpr (std::is_same_v<V, double>) return javaMin(current, value);
      return std::min(current, value);
    case TupleMode::Max:
      if constexpr (std::is_same_v<V, double>) return javaMax(current, value);
      return std::max(current, value);
    case TupleMode::AlwaysOne:
      return 1;
  }
  return current;
}

template <class V>
constexpr std::uint8_t tupleSubtype() {
  return std::is_same_v<V, double> ? 1 : 2;
}

}  // namespace

// ---- Key hashing ----

std::uint64_t hashInteger(std::int64_t value) {
  Fnv f;
  f.byte(kTagInteger);
  f.word(static_cast<std::uint64_t>(value));
  return f.done(8);
}

std::uint64_t hashFloating(double value) {
  if (value == 0.0) value = 0.0;  // -0.0 is the key 0.0
  std::uint64_t bits = std::bit_cast<std::uint64_t>(value);
  if (std::isnan(value)) bits = 0x7ff8000000000000ULL;  // every NaN is one key
  Fnv f;
  f.byte(kTagFloating);
  f.word(bits);
  return f.done(8);
}

std::optional<std::uint64_t> hashBytes(std::string_view bytes) {
  if (bytes.empty()) return std::nullopt;
  Fnv f;
  f.byte(kTagBytes);
  for (const char c : bytes) f.byte(static_cast<std::uint8_t>(c));
  return f.done(bytes.size());
}

std::optional<std::uint64_t> hashIntegers(std::span<const std::int64_t> values) {
  if (values.empty()) return std::nullopt;
  Fnv f;
  f.byte(kTagIntegers);
  for (const std::int64_t v : values) f.word(static_cast<std::uint64_t>(v));
  return f.done(8 * values.size());
}

// ---- Argument checks ----

std::uint16_t checkKllK(std::int64_t k, std::string_view function) {
  if (k < kKllMinK || k > kKllMaxK) {
    fail("KLL_SKETCH_K_OUT_OF_RANGE",
         "For function " + id(function) +
             ", the k parameter must be between 8 and 65535 (inclusive), but got " +
             std::to_string(k) + ".",
         "22003");
  }
  return static_cast<std::uint16_t>(k);
}

std::uint8_t checkLgNomEntries(std::int64_t lgNomEntries, std::string_view function) {
  if (lgNomEntries < kMinLgNomEntries || lgNomEntries > kMaxLgNomEntries) {
    fail("SKETCH_INVALID_LG_NOM_ENTRIES",
         "Invalid call to " + id(function) + "; the `lgNomEntries` value must be between " +
             std::to_string(kMinLgNomEntries) + " and " + std::to_string(kMaxLgNomEntries) +
             ", inclusive: " + std::to_string(lgNomEntries) + ".",
         "22003");
  }
  return static_cast<std::uint8_t>(lgNomEntries);
}

std::uint8_t checkHllLgConfigK(std::int64_t lgConfigK, std::string_view function) {
  if (lgConfigK < kHllMinLgConfigK || lgConfigK > kHllMaxLgConfigK) {
    fail("HLL_INVALID_LG_K",
         "Invalid call to " + id(function) + "; the `lgConfigK` value must be between " +
             std::to_string(kHllMinLgConfigK) + " and " + std::to_string(kHllMaxLgConfigK) +
             ", inclusive: " + std::to_string(lgConfigK) + ".",
         "22546");
  }
  return static_cast<std::uint8_t>(lgConfigK);
}

TupleMode parseTupleMode(std::string_view text, std::string_view function) {
  const std::string mode = lowerTrimmed(text);
  if (mode == "sum") return TupleMode::Sum;
  if (mode == "min") return TupleMode::Min;
  if (mode == "max") return TupleMode::Max;
  if (mode == "alwaysone") return TupleMode::AlwaysOne;
  fail("TUPLE_INVALID_SKETCH_MODE",
       "Invalid call to " + id(function) + ": mode '" + std::string(text) +
           "' is not supported. Valid modes are: sum, min, max, alwaysone.",
       "22023");
}

// ---- KLL ----

template <class T>
KllSketch<T> KllSketch<T>::create(std::int64_t k, std::string_view function) {
  return KllSketch(checkKllK(k, function));
}

template <class T>
KllSketch<T> KllSketch<T>::build(std::span<const T> values, std::int64_t k,
                                 std::string_view function) {
  KllSketch sketch = create(k, function);
  std::vector<T> sorted;
  sorted.reserve(values.size());
  for (T v : values) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(v)) continue;  // DataSketches' KLL ignores NaN
      if (v == 0) v = 0;            // -0.0 and 0.0 compare equal; keep one of them
    }
    sorted.push_back(v);
  }
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i + 1;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    sketch.values_.push_back(sorted[i]);
    sketch.counts_.push_back(j - i);
    i = j;
  }
  sketch.n_ = sorted.size();
  return sketch;
}

template <class T>
KllSketch<T> KllSketch<T>::deserialize(std::string_view bytes, std::string_view function) {
  Reader r(bytes);
  const auto head = readHeader(r, bytes);
  if (!head || head->family != Family::Kll || head->subtype != KllTraits<T>::kSubtype) {
    invalidKll(function);
  }
  std::uint64_t k = 0;
  std::uint64_t n = 0;
  std::uint64_t distinct = 0;
  if (!r.le(k, 2) || k < kKllMinK || !r.varint(n) || !r.varint(distinct) || distinct > n ||
      distinct > r.remaining() / KllTraits<T>::kWidth) {
    invalidKll(function);
  }
  KllSketch sketch(static_cast<std::uint16_t>(k));
  sketch.values_.reserve(distinct);
  for (std::uint64_t i = 0; i < distinct; ++i) {
    std::uint64_t bits = 0;
    if (!r.le(bits, KllTraits<T>::kWidth)) invalidKll(function);
    const T v = kllFromBits<T>(bits);
    if (!kllStorable(v) || (i > 0 && !(sketch.values_.back() < v))) invalidKll(function);
    sketch.values_.push_back(v);
  }
  std::uint64_t total = 0;
  sketch.counts_.reserve(distinct);
  for (std::uint64_t i = 0; i < distinct; ++i) {
    std::uint64_t count = 0;
    if (!r.varint(count) || count == 0 || count > n - total) invalidKll(function);
    total += count;
    sketch.counts_.push_back(count);
  }
  if (total != n || !r.done()) invalidKll(function);
  sketch.n_ = n;
  return sketch;
}

template <class T>
KllSketch<T> KllSketch<T>::mergeAll(std::span<const std::string_view> sketches,
                                    std::optional<std::int64_t> k, std::string_view function) {
  if (k) checkKllK(*k, function);
  std::optional<KllSketch> out;
  for (const std::string_view bytes : sketches) {
    KllSketch next = deserialize(bytes, function);
    if (!out) {
      out = std::move(next);
      continue;
    }
    out->merge(next);
  }
  if (!out) return create(k.value_or(kKllDefaultK), function);
  if (k) out->k_ = static_cast<std::uint16_t>(*k);
  return std::move(*out);
}

template <class T>
std::string KllSketch<T>::serialize() const {
  std::string out = header(Family::Kll, KllTraits<T>::kSubtype);
  putLe(out, k_, 2);
  putVarint(out, n_);
  putVarint(out, values_.size());
  for (const T v : values_) putLe(out, kllBits(v), KllTraits<T>::kWidth);
  for (const std::uint64_t c : counts_) putVarint(out, c);
  return out;
}

template <class T>
void KllSketch<T>::add(T value, std::uint64_t count) {
  const auto it = std::lower_bound(values_.begin(), values_.end(), value);
  const auto at = static_cast<std::size_t>(it - values_.begin());
  if (it != values_.end() && *it == value) {
    counts_[at] += count;
  } else {
    values_.insert(it, value);
    counts_.insert(counts_.begin() + static_cast<std::ptrdiff_t>(at), count);
  }
  n_ += count;
}

template <class T>
void KllSketch<T>::update(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(value)) return;
    if (value == 0) value = 0;
  }
  add(value, 1);
}

template <class T>
void KllSketch<T>::merge(const KllSketch& other) {
  std::vector<T> values;
  std::vector<std::uint64_t> counts;
  values.reserve(values_.size() + other.values_.size());
  counts.reserve(values.capacity());
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < values_.size() || j < other.values_.size()) {
    if (j == other.values_.size() || (i < values_.size() && values_[i] < other.values_[j])) {
      values.push_back(values_[i]);
      counts.push_back(counts_[i++]);
    } else if (i == values_.size() || other.values_[j] < values_[i]) {
      values.push_back(other.values_[j]);
      counts.push_back(other.counts_[j++]);
    } else {
      values.push_back(values_[i]);
      counts.push_back(counts_[i++] + other.counts_[j++]);
    }
  }
  values_ = std::move(values);
  counts_ = std::move(counts);
  n_ += other.n_;
}

template <class T>
std::optional<T> KllSketch<T>::quantile(double rank, std::string_view function) const {
  if (std::isnan(rank) || rank < 0.0 || rank > 1.0) {
    fail("KLL_SKETCH_INVALID_QUANTILE_RANGE",
         "For function " + id(function) +
             ", the quantile value must be between 0.0 and 1.0 (inclusive).",
         "22003");
  }
  if (n_ == 0) return std::nullopt;
  // DataSketches' natural rank: rounded to 7 decimals for n up to 1e7 (so 0.3 * 10 is 3, not
  // 3.0000000000000004), then the ceiling for the INCLUSIVE criterion.
  double natural = rank * static_cast<double>(n_);
  if (static_cast<double>(n_) <= 1e7) natural = std::round(natural * 1e7) / 1e7;
  const auto target = static_cast<std::uint64_t>(std::ceil(natural));
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    cumulative += counts_[i];
    if (cumulative >= target) return values_[i];
  }
  return values_.back();
}

template <class T>
std::optional<double> KllSketch<T>::rank(T value) const {
  if (n_ == 0) return std::nullopt;
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(value)) return 0.0;  // no value compares at most NaN
  }
  std::uint64_t atMost = 0;
  for (std::size_t i = 0; i < values_.size() && !(value < values_[i]); ++i) atMost += counts_[i];
  return static_cast<double>(atMost) / static_cast<double>(n_);
}

template <class T>
std::string KllSketch<T>::toString() const {
  const std::string none = "none";
  std::string out = "\n### KLL sketch summary:\n";
  out += "   Type            : " + std::string(KllTraits<T>::kName) + "\n";
  out += "   K               : " + std::to_string(k_) + "\n";
  out += "   N               : " + std::to_string(n_) + "\n";
  out += "   Distinct items  : " + std::to_string(values_.size()) + "\n";
  out += "   Min item        : " + (values_.empty() ? none : numberText(values_.front())) + "\n";
  out += "   Max item        : " + (values_.empty() ? none : numberText(values_.back())) + "\n";
  out += "   Estimation mode : false (exact: every item is kept)\n";
  out += "### End sketch summary\n";
  return out;
}

template class KllSketch<std::int64_t>;
template class KllSketch<float>;
template class KllSketch<double>;

// ---- Theta ----

ThetaSketch ThetaSketch::build(std::vector<std::uint64_t> hashes, std::int64_t lgNomEntries,
                               std::string_view function) {
  const std::uint8_t lg = checkLgNomEntries(lgNomEntries, function);
  return ThetaSketch(lg, sortedDistinct(std::move(hashes)));
}

ThetaSketch ThetaSketch::deserialize(std::string_view bytes, std::string_view function) {
  Reader r(bytes);
  const auto head = readHeader(r, bytes);
  if (!head) invalidTheta(function);
  if (head->family != Family::Theta) {
    fail("THETA_INVALID_INPUT_SKETCH_BUFFER_FAMILY",
         "Invalid call to " + id(function) + ": expected THETA sketch family but received " +
             familyName(head->family) +
             ". Only valid Theta sketch buffers (produced by `theta_sketch_agg`) are supported "
             "as inputs.",
         "22000");
  }
  std::uint8_t lg = 0;
  if (head->subtype != 0 || !r.u8(lg) || lg < kMinLgNomEntries || lg > kMaxLgNomEntries) {
    invalidTheta(function);
  }
  auto hashes = readHashes(r);
  if (!hashes) invalidTheta(function);
  return ThetaSketch(lg, std::move(*hashes));
}

ThetaSketch ThetaSketch::unite(const ThetaSketch& a, const ThetaSketch& b,
                               std::int64_t lgNomEntries, std::string_view function) {
  const std::uint8_t lg = checkLgNomEntries(lgNomEntries, function);
  return ThetaSketch(lg, unionOf(a.hashes_, b.hashes_));
}

ThetaSketch ThetaSketch::intersect(const ThetaSketch& a, const ThetaSketch& b) {
  std::vector<std::uint64_t> out;
  std::set_intersection(a.hashes_.begin(), a.hashes_.end(), b.hashes_.begin(), b.hashes_.end(),
                        std::back_inserter(out));
  return ThetaSketch(a.lg_, std::move(out));
}

ThetaSketch ThetaSketch::subtract(const ThetaSketch& a, const ThetaSketch& b) {
  std::vector<std::uint64_t> out;
  std::set_difference(a.hashes_.begin(), a.hashes_.end(), b.hashes_.begin(), b.hashes_.end(),
                      std::back_inserter(out));
  return ThetaSketch(a.lg_, std::move(out));
}

ThetaSketch ThetaSketch::uniteAll(std::span<const std::string_view> sketches,
                                  std::int64_t lgNomEntries, std::string_view function) {
  const std::uint8_t lg = checkLgNomEntries(lgNomEntries, function);
  std::vector<std::uint64_t> all;
  for (const std::string_view bytes : sketches) {
    const ThetaSketch next = deserialize(bytes, function);
    all.insert(all.end(), next.hashes_.begin(), next.hashes_.end());
  }
  return ThetaSketch(lg, sortedDistinct(std::move(all)));
}

ThetaSketch ThetaSketch::intersectAll(std::span<const std::string_view> sketches,
                                      std::string_view function) {
  std::optional<ThetaSketch> out;
  for (const std::string_view bytes : sketches) {
    ThetaSketch next = deserialize(bytes, function);
    out = out ? intersect(*out, next) : std::move(next);
  }
  if (!out) return ThetaSketch(static_cast<std::uint8_t>(kDefaultLgNomEntries), {});
  return std::move(*out);
}

std::string ThetaSketch::serialize() const {
  std::string out = header(Family::Theta, 0);
  putU8(out, lg_);
  putHashes(out, hashes_);
  return out;
}

// ---- HLL ----

HllSketch HllSketch::build(std::vector<std::uint64_t> hashes, std::int64_t lgConfigK,
                           std::string_view function) {
  const std::uint8_t lg = checkHllLgConfigK(lgConfigK, function);
  return HllSketch(lg, sortedDistinct(std::move(hashes)));
}

HllSketch HllSketch::deserialize(std::string_view bytes, std::string_view function) {
  Reader r(bytes);
  const auto head = readHeader(r, bytes);
  std::uint8_t lg = 0;
  if (!head || head->family != Family::Hll || head->subtype != 0 || !r.u8(lg) ||
      lg < kHllMinLgConfigK || lg > kHllMaxLgConfigK) {
    invalidHll(function);
  }
  auto hashes = readHashes(r);
  if (!hashes) invalidHll(function);
  return HllSketch(lg, std::move(*hashes));
}

HllSketch HllSketch::unite(const HllSketch& a, const HllSketch& b, bool allowDifferentLgConfigK,
                           std::string_view function) {
  if (a.lg_ != b.lg_ && !allowDifferentLgConfigK) {
    fail("HLL_UNION_DIFFERENT_LG_K",
         "Sketches have different `lgConfigK` values: " + std::to_string(a.lg_) + " and " +
             std::to_string(b.lg_) +
             ". Set the `allowDifferentLgConfigK` parameter to true to call " + id(function) +
             " with different `lgConfigK` values.",
         "22000");
  }
  return HllSketch(std::min(a.lg_, b.lg_), unionOf(a.hashes_, b.hashes_));
}

HllSketch HllSketch::uniteAll(std::span<const std::string_view> sketches,
                              bool allowDifferentLgConfigK, std::string_view function) {
  std::optional<HllSketch> out;
  for (const std::string_view bytes : sketches) {
    HllSketch next = deserialize(bytes, function);
    out = out ? unite(*out, next, allowDifferentLgConfigK, function) : std::move(next);
  }
  if (!out) return HllSketch(static_cast<std::uint8_t>(kHllDefaultLgConfigK), {});
  return std::move(*out);
}

std::string HllSketch::serialize() const {
  std::string out = header(Family::Hll, 0);
  putU8(out, lg_);
  putHashes(out, hashes_);
  return out;
}

// ---- Tuple ----

template <class V>
TupleSketch<V> TupleSketch<V>::create(std::int64_t lgNomEntries, std::string_view function) {
  return TupleSketch(checkLgNomEntries(lgNomEntries, function));
}

template <class V>
TupleSketch<V> TupleSketch<V>::build(std::vector<std::pair<std::uint64_t, V>> rows,
                                     std::int64_t lgNomEntries, TupleMode mode,
                                     std::string_view function) {
  TupleSketch sketch = create(lgNomEntries, function);
  // Stable, so each key's values fold in their order (a double sum depends on it).
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < rows.size();) {
    V summary = startingSummary<V>(mode);
    std::size_t j = i;
    for (; j < rows.size() && rows[j].first == rows[i].first; ++j) {
      summary = combine(summary, rows[j].second, mode);
    }
    sketch.entries_.emplace_back(rows[i].first, summary);
    i = j;
  }
  return sketch;
}

template <class V>
TupleSketch<V> TupleSketch<V>::deserialize(std::string_view bytes, std::string_view function) {
  Reader r(bytes);
  const auto head = readHeader(r, bytes);
  if (!head) invalidTuple(function);
  if (head->family != Family::Tuple) {
    fail("TUPLE_INVALID_INPUT_SKETCH_BUFFER_FAMILY",
         "Invalid call to " + id(function) + ": expected TUPLE sketch family but received " +
             familyName(head->family) +
             ". Only valid Tuple sketch buffers (produced by `tuple_sketch_agg_*` functions) are "
             "supported as inputs.",
         "22000");
  }
  constexpr int kWidth = std::is_same_v<V, double> ? 8 : 4;
  std::uint8_t lg = 0;
  std::uint64_t count = 0;
  if (head->subtype != tupleSubtype<V>() || !r.u8(lg) || lg < kMinLgNomEntries ||
      lg > kMaxLgNomEntries || !r.varint(count) || count > r.remaining() / (8 + kWidth)) {
    invalidTuple(function);
  }
  TupleSketch sketch(lg);
  sketch.entries_.reserve(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t hash = 0;
    std::uint64_t bits = 0;
    if (!r.le(hash, 8) || !r.le(bits, kWidth)) invalidTuple(function);
    if (i > 0 && hash <= sketch.entries_.back().first) invalidTuple(function);
    if constexpr (std::is_same_v<V, double>) {
      sketch.entries_.emplace_back(hash, std::bit_cast<double>(bits));
    } else {
      sketch.entries_.emplace_back(hash,
                                   std::bit_cast<std::int32_t>(static_cast<std::uint32_t>(bits)));
    }
  }
  if (!r.done()) invalidTuple(function);
  return sketch;
}

template <class V>
TupleSketch<V> TupleSketch<V>::unite(const TupleSketch& a, const TupleSketch& b,
                                     std::int64_t lgNomEntries, TupleMode mode,
                                     std::string_view function) {
  TupleSketch out = create(lgNomEntries, function);
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.entries_.size() || j < b.entries_.size()) {
    if (j == b.entries_.size() ||
        (i < a.entries_.size() && a.entries_[i].first < b.entries_[j].first)) {
      out.entries_.push_back(a.entries_[i++]);
    } else if (i == a.entries_.size() || b.entries_[j].first < a.entries_[i].first) {
      out.entries_.push_back(b.entries_[j++]);
    } else {
      out.entries_.emplace_back(a.entries_[i].first,
                                combine(a.entries_[i].second, b.entries_[j].second, mode));
      ++i;
      ++j;
    }
  }
  return out;
}

template <class V>
TupleSketch<V> TupleSketch<V>::uniteTheta(const TupleSketch& a, const ThetaSketch& theta,
                                          std::int64_t lgNomEntries, TupleMode mode,
                                          std::string_view function) {
  TupleSketch fromTheta(a.lg_);
  const V start = startingSummary<V>(mode);
  for (const std::uint64_t h : theta.hashes()) fromTheta.entries_.emplace_back(h, start);
  return unite(a, fromTheta, lgNomEntries, mode, function);
}

template <class V>
TupleSketch<V> TupleSketch<V>::intersect(const TupleSketch& a, const TupleSketch& b,
                                         TupleMode mode) {
  TupleSketch out(a.lg_);
  std::size_t j = 0;
  for (const auto& [hash, value] : a.entries_) {
    while (j < b.entries_.size() && b.entries_[j].first < hash) ++j;
    if (j < b.entries_.size() && b.entries_[j].first == hash) {
      out.entries_.emplace_back(hash, combine(value, b.entries_[j].second, mode));
    }
  }
  return out;
}

template <class V>
TupleSketch<V> TupleSketch<V>::intersectTheta(const TupleSketch& a, const ThetaSketch& theta,
                                              TupleMode mode) {
  TupleSketch fromTheta(a.lg_);
  const V start = startingSummary<V>(mode);
  for (const std::uint64_t h : theta.hashes()) fromTheta.entries_.emplace_back(h, start);
  return intersect(a, fromTheta, mode);
}

template <class V>
TupleSketch<V> TupleSketch<V>::subtract(const TupleSketch& a, const TupleSketch& b) {
  TupleSketch out(a.lg_);
  std::size_t j = 0;
  for (const auto& entry : a.entries_) {
    while (j < b.entries_.size() && b.entries_[j].first < entry.first) ++j;
    if (j == b.entries_.size() || b.entries_[j].first != entry.first) {
      out.entries_.push_back(entry);
    }
  }
  return out;
}

template <class V>
TupleSketch<V> TupleSketch<V>::subtractTheta(const TupleSketch& a, const ThetaSketch& theta) {
  TupleSketch out(a.lg_);
  const auto& hashes = theta.hashes();
  for (const auto& entry : a.entries_) {
    if (!std::binary_search(hashes.begin(), hashes.end(), entry.first)) {
      out.entries_.push_back(entry);
    }
  }
  return out;
}

template <class V>
TupleSketch<V> TupleSketch<V>::uniteAll(std::span<const std::string_view> sketches,
                                        std::int64_t lgNomEntries, TupleMode mode,
                                        std::string_view function) {
  TupleSketch out = create(lgNomEntries, function);
  for (const std::string_view bytes : sketches) {
    out = unite(out, deserialize(bytes, function), lgNomEntries, mode, function);
  }
  return out;
}

template <class V>
TupleSketch<V> TupleSketch<V>::intersectAll(std::span<const std::string_view> sketches,
                                            TupleMode mode, std::string_view function) {
  std::optional<TupleSketch> out;
  for (const std::string_view bytes : sketches) {
    TupleSketch next = deserialize(bytes, function);
    out = out ? intersect(*out, next, mode) : std::move(next);
  }
  if (!out) return TupleSketch(static_cast<std::uint8_t>(kDefaultLgNomEntries));
  return std::move(*out);
}

template <class V>
std::string TupleSketch<V>::serialize() const {
  std::string out = header(Family::Tuple, tupleSubtype<V>());
  putU8(out, lg_);
  putVarint(out, entries_.size());
  for (const auto& [hash, value] : entries_) {
    putLe(out, hash, 8);
    if constexpr (std::is_same_v<V, double>) {
      putLe(out, std::bit_cast<std::uint64_t>(value), 8);
    } else {
      putLe(out, std::bit_cast<std::uint32_t>(value), 4);
    }
  }
  return out;
}

template <class V>
void TupleSketch<V>::update(std::uint64_t hash, V value, TupleMode mode) {
  const auto it = std::lower_bound(entries_.begin(), entries_.end(), hash,
                                   [](const auto& e, std::uint64_t h) { return e.first < h; });
  if (it != entries_.end() && it->first == hash) {
    it->second = combine(it->second, value, mode);
    return;
  }
  entries_.insert(it, {hash, combine(startingSummary<V>(mode), value, mode)});
}

template <class V>
typename TupleSketch<V>::Total TupleSketch<V>::summary(TupleMode mode) const {
  if (entries_.empty()) return 0;
  // As Spark folds the summaries: Scala's Numeric plus, min and max (no wrapping, as integer
  // summaries add up as longs).
  Total out = static_cast<Total>(entries_.front().second);
  switch (mode) {
    case TupleMode::Sum:
      out = 0;
      for (const auto& e : entries_) out += static_cast<Total>(e.second);
      return out;
    case TupleMode::Min:
      for (const auto& e : entries_) {
        const auto v = static_cast<Total>(e.second);
        out = out <= v ? out : v;
      }
      return out;
    case TupleMode::Max:
      for (const auto& e : entries_) {
        const auto v = static_cast<Total>(e.second);
        out = out >= v ? out : v;
      }
      return out;
    case TupleMode::AlwaysOne:
      return static_cast<Total>(entries_.size());
  }
  return out;
}

template class TupleSketch<double>;
template class TupleSketch<std::int32_t>;

}  // namespace clxs::kernel::exact_sketch
