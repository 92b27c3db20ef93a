// Spark's hash functions, bit for bit: `hash` (Murmur3 x86_32, seed 42) and `xxhash64`
// (XXH64, seed 42) fold each value into the seed left by the one before, by its type;
// `crc32` is zlib's CRC-32. Reconciliation compares rows by these values across engines, so
// they must equal Spark's, not merely be good hashes.
#pragma once

#include <cstdint>
#include <string_view>

namespace clxs::kernel::spark_hash {

/// Spark's seed for `hash` and `xxhash64`.
inline constexpr std::uint64_t kSeed = 42;

/// Murmur3 x86_32 of a 4-byte value (INT, DATE, BOOLEAN as 0/1, FLOAT's bits) under `seed`.
std::int32_t murmur3Int(std::int32_t value, std::int32_t seed);
/// Murmur3 x86_32 of an 8-byte value (BIGINT, TIMESTAMP micros, DOUBLE's bits).
std::int32_t murmur3Long(std::int64_t value, std::int32_t seed);
/// Murmur3 x86_32 of bytes (STRING, BINARY) as Spark computes it: the tail bytes one at a
/// time, each sign-extended (Spark's hashUnsafeBytes, not the reference algorithm's tail).
std::int32_t murmur3Bytes(std::string_view bytes, std::int32_t seed);

/// XXH64 of a 4-byte value under `seed`.
std::int64_t xxhash64Int(std::int32_t value, std::int64_t seed);
/// XXH64 of an 8-byte value.
std::int64_t xxhash64Long(std::int64_t value, std::int64_t seed);
/// XXH64 of bytes.
std::int64_t xxhash64Bytes(std::string_view bytes, std::int64_t seed);

/// CRC-32 (zlib's polynomial) of bytes.
std::int64_t crc32(std::string_view bytes);

/// Java's Float.floatToIntBits and Double.doubleToLongBits after Spark's -0.0 → 0.0: the bits
/// Spark hashes for a FLOAT or DOUBLE (every NaN hashes alike).
std::int32_t floatBits(float value);
/// As floatBits, for a DOUBLE.
std::int64_t doubleBits(double value);

}  // namespace clxs::kernel::spark_hash
