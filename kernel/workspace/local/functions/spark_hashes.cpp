#include "kernel/workspace/local/functions/spark_hashes.hpp"

#include <array>
#include <bit>
#include <cmath>
#include <cstring>

namespace clxs::kernel::spark_hash {

namespace {

// Arithmetic is on unsigned words (wrapping, as Java's int and long do); results are cast
// back to Java's signed types.
std::uint32_t load32(const char* p) {
  std::uint32_t v = 0;
  std::memcpy(&v, p, sizeof v);  // little-endian, as Spark reads on x86
  return v;
}
std::uint64_t load64(const char* p) {
  std::uint64_t v = 0;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Murmur3 x86_32.
constexpr std::uint32_t kC1 = 0xcc9e2d51U;
constexpr std::uint32_t kC2 = 0x1b873593U;

std::uint32_t mixK1(std::uint32_t k1) {
  return std::rotl(k1 * kC1, 15) * kC2;
}
std::uint32_t mixH1(std::uint32_t h1, std::uint32_t k1) {
  return std::rotl(h1 ^ k1, 13) * 5 + 0xe6546b64U;
}
std::int32_t fmix32(std::uint32_t h1, std::uint32_t length) {
  h1 ^= length;
  h1 ^= h1 >> 16;
  h1 *= 0x85ebca6bU;
  h1 ^= h1 >> 13;
  h1 *= 0xc2b2ae35U;
  h1 ^= h1 >> 16;
  return static_cast<std::int32_t>(h1);
}

// XXH64.
constexpr std::uint64_t kP1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kP2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t kP3 = 0x165667B19E3779F9ULL;
constexpr std::uint64_t kP4 = 0x85EBCA77C2B2AE63ULL;
constexpr std::uint64_t kP5 = 0x27D4EB2F165667C5ULL;

std::uint64_t round64(std::uint64_t acc, std::uint64_t input) {
  return std::rotl(acc + input * kP2, 31) * kP1;
}
std::uint64_t merge64(std::uint64_t acc, std::uint64_t v) {
  return (acc ^ round64(0, v)) * kP1 + kP4;
}
std::int64_t fmix64(std::uint64_t h) {
  h ^= h >> 33;
  h *= kP2;
  h ^= h >> 29;
  h *= kP3;
  h ^= h >> 32;
  return static_cast<std::int64_t>(h);
}

}  // namespace

std::int32_t murmur3Int(std::int32_t value, std::int32_t seed) {
  const auto h1 = mixH1(static_cast<std::uint32_t>(seed), mixK1(static_cast<std::uint32_t>(value)));
  return fmix32(h1, 4);
}

std::int32_t murmur3Long(std::int64_t value, std::int32_t seed) {
  const auto v = static_cast<std::uint64_t>(value);
  auto h1 = mixH1(static_cast<std::uint32_t>(seed), mixK1(static_cast<std::uint32_t>(v)));
  h1 = mixH1(h1, mixK1(static_cast<std::uint32_t>(v >> 32)));
  return fmix32(h1, 8);
}

std::int32_t murmur3Bytes(std::string_view bytes, std::int32_t seed) {
  auto h1 = static_cast<std::uint32_t>(seed);
  const std::size_t aligned = bytes.size() - bytes.size() % 4;
  for (std::size_t i = 0; i < aligned; i += 4) h1 = mixH1(h1, mixK1(load32(bytes.data() + i)));
  for (std::size_t i = aligned; i < bytes.size(); ++i) {
    // Java's byte is signed: a byte of 0x80 and above widens to a negative int.
    // NOLINTNEXTLINE(bugprone-signed-char-misuse): the sign extension is Spark's
    const auto halfWord = static_cast<std::int32_t>(static_cast<signed char>(bytes[i]));
    h1 = mixH1(h1, mixK1(static_cast<std::uint32_t>(halfWord)));
  }
  return fmix32(h1, static_cast<std::uint32_t>(bytes.size()));
}

std::int64_t xxhash64Int(std::int32_t value, std::int64_t seed) {
  std::uint64_t h = static_cast<std::uint64_t>(seed) + kP5 + 4;
  h ^= static_cast<std::uint64_t>(static_cast<std::uint32_t>(value)) * kP1;
  h = std::rotl(h, 23) * kP2 + kP3;
  return fmix64(h);
}

std::int64_t xxhash64Long(std::int64_t value, std::int64_t seed) {
  std::uint64_t h = static_cast<std::uint64_t>(seed) + kP5 + 8;
  h ^= round64(0, static_cast<std::uint64_t>(value));
  h = std::rotl(h, 27) * kP1 + kP4;
  return fmix64(h);
}

std::int64_t xxhash64Bytes(std::string_view bytes, std::int64_t seed) {
  const auto s = static_cast<std::uint64_t>(seed);
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  std::uint64_t h = 0;
  if (bytes.size() >= 32) {
    std::uint64_t v1 = s + kP1 + kP2;
    std::uint64_t v2 = s + kP2;
    std::uint64_t v3 = s;
    std::uint64_t v4 = s - kP1;
    for (; p + 32 <= end; p += 32) {
      v1 = round64(v1, load64(p));
      v2 = round64(v2, load64(p + 8));
      v3 = round64(v3, load64(p + 16));
      v4 = round64(v4, load64(p + 24));
    }
    h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
    h = merge64(h, v1);
    h = merge64(h, v2);
    h = merge64(h, v3);
    h = merge64(h, v4);
  } else {
    h = s + kP5;
  }
  h += bytes.size();
  for (; p + 8 <= end; p += 8) h = std::rotl(h ^ round64(0, load64(p)), 27) * kP1 + kP4;
  if (p + 4 <= end) {
    h = std::rotl(h ^ (static_cast<std::uint64_t>(load32(p)) * kP1), 23) * kP2 + kP3;
    p += 4;
  }
  for (; p < end; ++p) {
    h = std::rotl(h ^ (static_cast<std::uint64_t>(static_cast<unsigned char>(*p)) * kP5), 11) * kP1;
  }
  return fmix64(h);
}

std::int64_t crc32(std::string_view bytes) {
  static constexpr auto kTable = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFU;
  for (const char ch : bytes) c = kTable[(c ^ static_cast<unsigned char>(ch)) & 0xFFU] ^ (c >> 8);
  return static_cast<std::int64_t>(c ^ 0xFFFFFFFFU);
}

std::int32_t floatBits(float value) {
  if (value == 0.0F) return 0;               // -0.0 hashes as 0.0
  if (std::isnan(value)) return 0x7fc00000;  // Java's canonical NaN
  return std::bit_cast<std::int32_t>(value);
}

std::int64_t doubleBits(double value) {
  if (value == 0.0) return 0;
  if (std::isnan(value)) return 0x7ff8000000000000LL;
  return std::bit_cast<std::int64_t>(value);
}

}  // namespace clxs::kernel::spark_hash
