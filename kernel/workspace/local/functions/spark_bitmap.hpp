// Spark's bitmap functions: a value maps to a bucket and to a bit position in that bucket's
// fixed 4096-byte (32768-bit) BINARY bitmap, bit p being bit p % 8 (least significant first)
// of byte p / 8. Distinct counts are built from these, so the bytes must equal Spark's for
// bitmaps to combine across engines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace clxs::kernel::spark_bitmap {

/// Bytes in a bitmap.
inline constexpr std::size_t kNumBytes = 4096;
/// Bits in a bitmap, so positions per bucket.
inline constexpr std::int64_t kNumBits = 8 * static_cast<std::int64_t>(kNumBytes);

/// A failure as Databricks reports it: what() is the whole error line,
/// "[CLASS] message SQLSTATE: xxxxx".
struct BitmapError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// bitmap_bit_position: 1..32768 map to 0..32767, and so on per bucket; 0 and negative values
/// take the position of their absolute value, modulo 32768.
std::int64_t bitPosition(std::int64_t value);

/// bitmap_bucket_number: 1..32768 are bucket 1, 32769.. bucket 2; 0 and -1..-32767 bucket 0,
/// -32768.. bucket -1.
std::int64_t bucketNumber(std::int64_t value);

/// bitmap_count: the number of set bits in a bitmap of any length.
std::int64_t count(std::string_view bitmap);

/// bitmap_construct_agg over non-NULL positions: a 4096-byte bitmap with those bits set (all
/// zero when there are none). Throws BitmapError (INVALID_BITMAP_POSITION) for a position
/// outside [0, 32767].
std::string fromPositions(std::span<const std::int64_t> positions);

/// bitmap_or_agg over non-NULL bitmaps: 4096 bytes, each the OR of the inputs' bytes there; a
/// shorter input contributes nothing past its end, a longer one is cut at 4096 bytes. No
/// inputs give all zeros.
std::string orAll(std::span<const std::string_view> bitmaps);

/// bitmap_and_agg over non-NULL bitmaps: 4096 bytes, each the AND of the inputs' bytes there;
/// a shorter input clears every byte past its end, a longer one is cut at 4096 bytes. No
/// inputs give all ones (0xFF bytes), the aggregate's starting value.
std::string andAll(std::span<const std::string_view> bitmaps);

}  // namespace clxs::kernel::spark_bitmap
