#include "kernel/workspace/local/functions/spark_hashes.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace clxs::kernel::spark_hash {
namespace {

// Published test vectors of the reference algorithms; Spark's variants agree with them
// wherever Spark does not deviate (Murmur3 on lengths that are a multiple of 4).
TEST(SparkHashes, XxHash64MatchesTheReferenceVectors) {
  EXPECT_EQ(static_cast<std::uint64_t>(xxhash64Bytes("", 0)), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(static_cast<std::uint64_t>(xxhash64Bytes("abc", 0)), 0x44BC2CF5AD770999ULL);
  EXPECT_EQ(static_cast<std::uint64_t>(xxhash64Bytes("Nobody inspects the spammish repetition", 0)),
            0xFBCEA83C8A378BF1ULL);
}

TEST(SparkHashes, XxHash64OfAFixedWidthValueIsThatOfItsLittleEndianBytes) {
  const std::int32_t i = 123456789;
  const std::int64_t l = -987654321012345LL;
  EXPECT_EQ(xxhash64Int(i, 42),
            xxhash64Bytes(std::string_view(reinterpret_cast<const char*>(&i), 4), 42));
  EXPECT_EQ(xxhash64Long(l, 42),
            xxhash64Bytes(std::string_view(reinterpret_cast<const char*>(&l), 8), 42));
}

TEST(SparkHashes, Murmur3MatchesTheReferenceVectorsOnWholeWords) {
  EXPECT_EQ(murmur3Bytes("", 0), 0);
  EXPECT_EQ(static_cast<std::uint32_t>(murmur3Bytes("", 1)), 0x514E28B7U);
  EXPECT_EQ(static_cast<std::uint32_t>(murmur3Bytes("test", 0)), 0xBA6BD213U);
  const std::int32_t i = 123456789;
  EXPECT_EQ(murmur3Int(i, 42),
            murmur3Bytes(std::string_view(reinterpret_cast<const char*>(&i), 4), 42));
  const std::int64_t l = -987654321012345LL;
  EXPECT_EQ(murmur3Long(l, 42),
            murmur3Bytes(std::string_view(reinterpret_cast<const char*>(&l), 8), 42));
}

TEST(SparkHashes, Murmur3TakesTheTailBytesOneAtATimeSignExtendedAsSparkDoes) {
  // The reference algorithm packs "abc" into one word; Spark mixes 'a', 'b', 'c' each.
  EXPECT_NE(static_cast<std::uint32_t>(murmur3Bytes("abc", 0)), 0xB3DD93FAU);
  // A byte of 0x80 and above is a negative int in Java: distinct from its unsigned value.
  EXPECT_NE(murmur3Bytes("\x80", 42), murmur3Int(0x80, 42));
}

TEST(SparkHashes, Crc32IsZlibs) {
  EXPECT_EQ(crc32(""), 0);
  EXPECT_EQ(crc32("123456789"), 0xCBF43926LL);
  EXPECT_EQ(crc32("The quick brown fox jumps over the lazy dog"), 0x414FA339LL);
  EXPECT_EQ(crc32("Spark"), 1557323817);  // Spark's documented example
}

TEST(SparkHashes, FloatingPointBitsFoldNegativeZeroAndNaN) {
  EXPECT_EQ(floatBits(-0.0F), floatBits(0.0F));
  EXPECT_EQ(doubleBits(-0.0), 0);
  EXPECT_EQ(doubleBits(std::numeric_limits<double>::quiet_NaN()), 0x7ff8000000000000LL);
  EXPECT_EQ(doubleBits(-std::numeric_limits<double>::quiet_NaN()), 0x7ff8000000000000LL);
  EXPECT_EQ(doubleBits(1.5), 0x3FF8000000000000LL);
}

}  // namespace
}  // namespace clxs::kernel::spark_hash
