// Delta Lake deletion vectors (DVs), byte for byte as the Delta protocol defines them: the
// RoaringBitmapArray a DV serializes to, the DV file that stores it with a size and a CRC-32,
// Delta's Z85 (Base85) text and the file name a 'u' descriptor derives from a UUID. Tables are
// shared with Databricks and open-source Delta, so what we write must be what they read and the
// other way round; "close enough" here means silently resurrected or lost rows.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace clxs::kernel::deletion_vector {

/// Row positions (0-based, 64-bit) a deletion vector marks deleted, sorted, unique.
using Positions = std::vector<std::uint64_t>;

/// A malformed or mismatching deletion vector (bad magic, truncated bitmap, size or CRC
/// mismatch, invalid Z85, unsorted positions).
struct DvError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Serializes `positions` (sorted, unique, each below 2^63 because Delta reads the 32-bit
/// bucket keys as signed) as Delta's RoaringBitmapArray in its portable format: magic
/// 1681511377, an int64 count of the non-empty 32-bit buckets, then each bucket's int32 key and
/// its RoaringBitmap in the portable format, all little-endian. Containers are arrays up to 4096
/// values and bitmaps above; no run containers. Throws DvError when `positions` breaks the
/// precondition.
std::string serializeBitmap(const Positions& positions);

/// The inverse of serializeBitmap for anything Delta writes: array, bitmap and run containers
/// (cookies 12346 and 12347), sparse bucket keys, and also Delta's older "native" layout (magic
/// 1681511376), which Delta's readers still accept. `bytes` must be exactly the bitmap (for an
/// inline DV: the Z85-decoded text cut to sizeInBytes). Throws DvError on malformed input.
Positions deserializeBitmap(std::string_view bytes);

/// A DV file holding one bitmap, with where the descriptor must point.
struct DvFile {
  /// The whole file: format version 1, the bitmap's size, the bitmap and its CRC-32.
  std::string bytes;
  /// The descriptor's `offset`: where the size field starts (1, just after the version byte).
  std::int32_t offset;
  /// The descriptor's `sizeInBytes`: the bitmap's size, without size field or checksum.
  std::int32_t sizeInBytes;
};

/// A DV file with `positions` as its only bitmap: the version byte 1, then the bitmap's size as
/// a 4-byte big-endian int, the bitmap (serializeBitmap), and the CRC-32 of the bitmap bytes
/// alone as a 4-byte big-endian int.
DvFile fileWithOneBitmap(const Positions& positions);

/// Reads the bitmap whose size field starts at `offset` in a DV file's bytes (the descriptor's
/// offset and sizeInBytes), after checking the file's version, that the stored size equals
/// `sizeInBytes` and that the stored CRC-32 matches the bitmap. Throws DvError otherwise.
Positions readFromFile(std::string_view fileBytes, std::int32_t offset, std::int32_t sizeInBytes);

/// Z85 as Delta encodes it: each 4-byte big-endian block as 5 characters, input that is not a
/// multiple of 4 bytes padded with zero bytes first (so a 16-byte UUID gives 20 characters and
/// an inline DV of n bytes gives 5 * ceil(n / 4)).
std::string z85Encode(std::string_view bytes);

/// The bytes of Z85 `text` (a multiple of 5 characters), padding included: an inline DV's
/// bitmap is the first sizeInBytes of them. Throws DvError on invalid text.
std::string z85Decode(std::string_view text);

/// The file, relative to the table directory, that a 'u' descriptor names: `pathOrInlineDv` is
/// an optional random prefix followed by the 20-character Z85 of a UUID, and the file is
/// "<prefix>/deletion_vector_<uuid as 8-4-4-4-12 lowercase hex>.bin" ("deletion_vector_….bin"
/// when the prefix is empty). Throws DvError when the text is too short or not Z85.
std::string relativePathOfUuidDv(std::string_view pathOrInlineDv);

/// A name for a new 'u' DV file.
struct NewDvName {
  /// The descriptor's `pathOrInlineDv`: the 20-character Z85 of the UUID, without a prefix.
  std::string pathOrInlineDv;
  /// The file name in the table directory: "deletion_vector_<uuid>.bin".
  std::string fileName;
};

/// A new random (version 4) UUID's descriptor text and matching file name.
NewDvName newDvName();

}  // namespace clxs::kernel::deletion_vector
