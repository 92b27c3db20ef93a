#include "kernel/workspace/local/functions/spark_bitmap.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <string>
#include <vector>

namespace clxs::kernel::spark_bitmap {
namespace {

// Spark's examples show hex(bitmap), cut by substring() or trim(TRAILING X'00').
std::string hex(std::string_view bytes) {
  constexpr std::string_view kDigits = "0123456789ABCDEF";
  std::string out;
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

std::string trimTrailingZeros(std::string bytes) {
  while (!bytes.empty() && bytes.back() == '\0') bytes.pop_back();
  return bytes;
}

std::string construct(std::vector<std::int64_t> positions) {
  return fromPositions(positions);
}
std::string orOf(std::vector<std::string_view> bitmaps) {
  return orAll(bitmaps);
}
std::string andOf(std::vector<std::string_view> bitmaps) {
  return andAll(bitmaps);
}

TEST(SparkBitmap, BitPositionMatchesTheDocumentedExamples) {
  EXPECT_EQ(bitPosition(1), 0);
  EXPECT_EQ(bitPosition(123), 122);
}

TEST(SparkBitmap, BitPositionWrapsPerBucketAndMirrorsNegatives) {
  EXPECT_EQ(bitPosition(32768), 32767);
  EXPECT_EQ(bitPosition(32769), 0);
  EXPECT_EQ(bitPosition(0), 0);
  EXPECT_EQ(bitPosition(-1), 1);
  EXPECT_EQ(bitPosition(-32767), 32767);
  EXPECT_EQ(bitPosition(-32768), 0);
  EXPECT_EQ(bitPosition(std::numeric_limits<std::int64_t>::max()), 32766);
  EXPECT_EQ(bitPosition(std::numeric_limits<std::int64_t>::min()), 0);  // as Java's wrap
}

TEST(SparkBitmap, BucketNumberMatchesTheDocumentedExamples) {
  EXPECT_EQ(bucketNumber(123), 1);
  EXPECT_EQ(bucketNumber(0), 0);
}

TEST(SparkBitmap, BucketNumberSplitsAt32768) {
  EXPECT_EQ(bucketNumber(1), 1);
  EXPECT_EQ(bucketNumber(32768), 1);
  EXPECT_EQ(bucketNumber(32769), 2);
  EXPECT_EQ(bucketNumber(-1), 0);
  EXPECT_EQ(bucketNumber(-32767), 0);
  EXPECT_EQ(bucketNumber(-32768), -1);
  EXPECT_EQ(bucketNumber(std::numeric_limits<std::int64_t>::max()), 281474976710656);
  EXPECT_EQ(bucketNumber(std::numeric_limits<std::int64_t>::min()), -281474976710656);
}

TEST(SparkBitmap, CountMatchesTheDocumentedExamples) {
  EXPECT_EQ(count("\x10\x10"), 2);
  EXPECT_EQ(count("\xFF\xFF"), 16);
  EXPECT_EQ(count(std::string(1, '\0')), 0);
  EXPECT_EQ(count(""), 0);
}

TEST(SparkBitmap, ConstructSetsLeastSignificantBitFirst) {
  // Spark: bitmap_construct_agg(bitmap_bit_position(col)) over 1, 2, 3, then over 1, 1, 1.
  const std::string bitmap = construct({bitPosition(1), bitPosition(2), bitPosition(3)});
  EXPECT_EQ(bitmap.size(), kNumBytes);
  EXPECT_EQ(hex(bitmap).substr(0, 6), "070000");
  EXPECT_EQ(hex(construct({0, 0, 0})).substr(0, 6), "010000");
  // Databricks: hex(trim(TRAILING X'00' FROM bitmap_construct_agg(val))).
  EXPECT_EQ(hex(trimTrailingZeros(construct({0}))), "01");
  EXPECT_EQ(hex(trimTrailingZeros(construct({15}))), "0080");
  EXPECT_EQ(hex(trimTrailingZeros(construct({1, 3, 7, 15, 31}))), "8A800080");
  EXPECT_EQ(static_cast<unsigned char>(construct({32767}).back()), 0x80);
  EXPECT_EQ(construct({}), std::string(kNumBytes, '\0'));
}

TEST(SparkBitmap, ConstructRejectsPositionsOutsideTheBitmap) {
  for (const std::int64_t bad : {std::int64_t{-1}, std::int64_t{32768}}) {
    try {
      construct({1, bad});
      ADD_FAILURE() << bad;
    } catch (const BitmapError& e) {
      EXPECT_EQ(std::string(e.what()),
                "[INVALID_BITMAP_POSITION] The 0-indexed bitmap position " + std::to_string(bad) +
                    " is out of bounds. The bitmap has 32768 bits (4096 bytes). SQLSTATE: 22003");
    }
  }
}

TEST(SparkBitmap, CountsDistinctValuesPerBucketAsDatabricksDocuments) {
  // sum(bitmap_count(bitmap_construct_agg(bitmap_bit_position(val)))) grouped by bucket over
  // 1, 2, 1, -1, 5, 0, 5 is 5.
  std::map<std::int64_t, std::vector<std::int64_t>> byBucket;
  for (const std::int64_t v : {1, 2, 1, -1, 5, 0, 5}) {
    byBucket[bucketNumber(v)].push_back(bitPosition(v));
  }
  std::int64_t distinct = 0;
  for (const auto& [bucket, positions] : byBucket) distinct += count(fromPositions(positions));
  EXPECT_EQ(distinct, 5);
}

TEST(SparkBitmap, OrMatchesTheDocumentedExamples) {
  EXPECT_EQ(hex(orOf({"\x10", "\x20", "\x40"})).substr(0, 6), "700000");
  EXPECT_EQ(hex(orOf({"\x10", "\x10", "\x10"})).substr(0, 6), "100000");
  EXPECT_EQ(hex(trimTrailingZeros(orOf({"\x10", "\x02"}))), "12");
}

TEST(SparkBitmap, OrIsAlways4096BytesAndCutsLongerInputs) {
  EXPECT_EQ(orOf({}), std::string(kNumBytes, '\0'));
  const std::string full = construct({0, 32767});
  EXPECT_EQ(orOf({"\x01", full}), full);
  std::string longer(kNumBytes + 10, '\x01');
  const std::string cut = orOf({longer});
  EXPECT_EQ(cut, std::string(kNumBytes, '\x01'));
}

TEST(SparkBitmap, AndMatchesTheDocumentedExamples) {
  EXPECT_EQ(hex(andOf({"\xFF", "\xFF", "\xFF"})).substr(0, 6), "FF0000");
  EXPECT_EQ(hex(andOf({"\xF0", "\x70", "\x30"})).substr(0, 6), "300000");
  EXPECT_EQ(hex(trimTrailingZeros(andOf({"\xF0", "\x70", "\x30"}))), "30");
}

TEST(SparkBitmap, AndStartsFromAllOnesAndClearsWhatShortInputsLack) {
  EXPECT_EQ(andOf({}), std::string(kNumBytes, '\xFF'));
  const std::string a = construct({1, 2, 3, 40000 % 32768});
  const std::string b = construct({2, 3, 4, 40000 % 32768});
  EXPECT_EQ(andOf({a, b}), construct({2, 3, 40000 % 32768}));
  EXPECT_EQ(andOf({a, ""}), std::string(kNumBytes, '\0'));
  const std::string longer(kNumBytes + 10, '\x0F');
  EXPECT_EQ(andOf({longer}), std::string(kNumBytes, '\x0F'));
}

}  // namespace
}  // namespace clxs::kernel::spark_bitmap
