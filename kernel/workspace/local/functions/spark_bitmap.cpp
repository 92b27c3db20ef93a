#include "kernel/workspace/local/functions/spark_bitmap.hpp"

#include <algorithm>
#include <bit>

namespace clxs::kernel::spark_bitmap {

std::int64_t bitPosition(std::int64_t value) {
  if (value > 0) return (value - 1) % kNumBits;
  // Spark takes (-value) % 32768 in Java longs, where -Long.MIN_VALUE wraps to itself; unsigned
  // negation gives the same remainder (0) without C++'s overflow.
  return static_cast<std::int64_t>((0 - static_cast<std::uint64_t>(value)) %
                                   static_cast<std::uint64_t>(kNumBits));
}

std::int64_t bucketNumber(std::int64_t value) {
  // Division truncates toward zero, as Java's does.
  if (value > 0) return 1 + (value - 1) / kNumBits;
  return value / kNumBits;
}

std::int64_t count(std::string_view bitmap) {
  std::int64_t bits = 0;
  for (const char byte : bitmap) bits += std::popcount(static_cast<unsigned char>(byte));
  return bits;
}

std::string fromPositions(std::span<const std::int64_t> positions) {
  std::string bitmap(kNumBytes, '\0');
  for (const std::int64_t position : positions) {
    if (position < 0 || position >= kNumBits) {
      throw BitmapError("[INVALID_BITMAP_POSITION] The 0-indexed bitmap position " +
                        std::to_string(position) + " is out of bounds. The bitmap has " +
                        std::to_string(kNumBits) + " bits (" + std::to_string(kNumBytes) +
                        " bytes). SQLSTATE: 22003");
    }
    bitmap[static_cast<std::size_t>(position / 8)] |= static_cast<char>(1 << (position % 8));
  }
  return bitmap;
}

// Databricks cuts inputs longer than a bitmap to 4096 bytes rather than failing (the newest
// open-source Spark raises BITMAP_INPUT_TOO_LARGE instead).
std::string orAll(std::span<const std::string_view> bitmaps) {
  std::string result(kNumBytes, '\0');
  for (const std::string_view bitmap : bitmaps) {
    const std::size_t n = std::min(bitmap.size(), kNumBytes);
    for (std::size_t i = 0; i < n; ++i) result[i] |= bitmap[i];
  }
  return result;
}

std::string andAll(std::span<const std::string_view> bitmaps) {
  std::string result(kNumBytes, static_cast<char>(0xFF));
  for (const std::string_view bitmap : bitmaps) {
    const std::size_t n = std::min(bitmap.size(), kNumBytes);
    for (std::size_t i = 0; i < n; ++i) result[i] &= bitmap[i];
    // Bytes a short input lacks count as zero: X'F0' leaves F0 00 00 …, not F0 FF FF ….
    std::fill(result.begin() + static_cast<std::ptrdiff_t>(n), result.end(), '\0');
  }
  return result;
}

}  // namespace clxs::kernel::spark_bitmap
