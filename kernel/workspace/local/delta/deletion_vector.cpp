#include "kernel/workspace/local/delta/deletion_vector.hpp"

#include <array>
#include <bit>
#include <cstddef>
#include <limits>
#include <random>
#include <span>
#include <utility>

#include "kernel/workspace/local/functions/spark_hashes.hpp"

namespace clxs::kernel::deletion_vector {
namespace {

// Delta's magic numbers for a RoaringBitmapArray: the portable layout it writes and the older
// native one its readers still accept.
constexpr std::uint32_t kPortableMagic = 1681511377;
constexpr std::uint32_t kNativeMagic = 1681511376;
// RoaringFormatSpec constants.
constexpr std::uint32_t kCookieWithoutRuns = 12346;
constexpr std::uint32_t kCookieWithRuns = 12347;
constexpr std::size_t kNoOffsetThreshold = 4;
constexpr std::size_t kMaxContainers = 65536;
constexpr std::size_t kMaxArrayCardinality = 4096;
constexpr std::size_t kBitmapWords = 1024;
// The DV file format this module reads and writes.
constexpr char kFileFormatVersion = 1;
constexpr std::size_t kUuidZ85Length = 20;
constexpr std::string_view kZ85Alphabet =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

void putLe16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value & 0xFFU));
  out.push_back(static_cast<char>(value >> 8));
}

void putLe32(std::string& out, std::uint32_t value) {
  putLe16(out, static_cast<std::uint16_t>(value & 0xFFFFU));
  putLe16(out, static_cast<std::uint16_t>(value >> 16));
}

void putLe64(std::string& out, std::uint64_t value) {
  putLe32(out, static_cast<std::uint32_t>(value & 0xFFFFFFFFU));
  putLe32(out, static_cast<std::uint32_t>(value >> 32));
}

void putBe32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
}

std::uint32_t readBe32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// Delta checks every DV against the IEEE CRC-32 of its bitmap (java.util.zip.CRC32's), the one
// Spark's crc32 function computes.
std::uint32_t crc32(std::string_view bytes) {
  return static_cast<std::uint32_t>(spark_hash::crc32(bytes));
}

// A bounds-checked little-endian cursor over untrusted bitmap bytes.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  std::size_t remaining() const { return bytes_.size() - position_; }

  std::string_view take(std::size_t count) {
    if (count > remaining()) {
      throw DvError("deletion vector bitmap is truncated: needs " + std::to_string(count) +
                    " bytes at offset " + std::to_string(position_) + ", has " +
                    std::to_string(remaining()));
    }
    const std::string_view taken = bytes_.substr(position_, count);
    position_ += count;
    return taken;
  }

  std::uint16_t le16() { return static_cast<std::uint16_t>(littleEndian(2)); }
  std::uint32_t le32() { return static_cast<std::uint32_t>(littleEndian(4)); }
  std::uint64_t le64() { return littleEndian(8); }

 private:
  std::uint64_t littleEndian(std::size_t width) {
    const std::string_view raw = take(width);
    std::uint64_t value = 0;
    for (std::size_t i = width; i > 0; --i) {
      value = value << 8 | static_cast<unsigned char>(raw[i - 1]);
    }
    return value;
  }

  std::string_view bytes_;
  std::size_t position_ = 0;
};

// One 16-bit container of a 32-bit bucket: its key and the low 16 bits of its values.
struct Container {
  std::uint16_t key;
  std::span<const std::uint64_t> values;
};

// Splits the sorted positions of one bucket into containers by their bits 16..31.
std::vector<Container> containersOf(std::span<const std::uint64_t> bucket) {
  std::vector<Container> containers;
  std::size_t begin = 0;
  while (begin < bucket.size()) {
    const std::uint64_t key = (bucket[begin] >> 16) & 0xFFFFU;
    std::size_t end = begin + 1;
    while (end < bucket.size() && ((bucket[end] >> 16) & 0xFFFFU) == key) ++end;
    containers.push_back({static_cast<std::uint16_t>(key), bucket.subspan(begin, end - begin)});
    begin = end;
  }
  return containers;
}

// A 32-bit RoaringBitmap in the portable format, without run containers, so always the
// 12346 cookie with its offset header (the layout Java's RoaringBitmap.serialize gives).
void appendRoaring32(std::string& out, std::span<const std::uint64_t> bucket) {
  const std::vector<Container> containers = containersOf(bucket);
  const auto count = static_cast<std::uint32_t>(containers.size());
  putLe32(out, kCookieWithoutRuns);
  putLe32(out, count);
  for (const Container& c : containers) {
    putLe16(out, c.key);
    putLe16(out, static_cast<std::uint16_t>(c.values.size() - 1));
  }
  // Offsets count from the cookie: cookie, count, then 4 + 4 bytes of header per container.
  std::uint32_t offset = 8 + 8 * count;
  for (const Container& c : containers) {
    putLe32(out, offset);
    offset += static_cast<std::uint32_t>(
        c.values.size() <= kMaxArrayCardinality ? 2 * c.values.size() : 8 * kBitmapWords);
  }
  for (const Container& c : containers) {
    if (c.values.size() <= kMaxArrayCardinality) {
      for (const std::uint64_t v : c.values) putLe16(out, static_cast<std::uint16_t>(v & 0xFFFFU));
      continue;
    }
    std::array<std::uint64_t, kBitmapWords> words{};
    for (const std::uint64_t v : c.values) words[(v & 0xFFFFU) / 64] |= 1ULL << (v % 64);
    for (const std::uint64_t word : words) putLe64(out, word);
  }
}

// Appends the values of one serialized 32-bit RoaringBitmap to `out`, each with `high` as its
// upper 32 bits. Keys and values come out ascending, so `out` stays sorted.
void readRoaring32(Reader& in, std::uint64_t high, Positions& out) {
  const std::uint32_t cookie = in.le32();
  std::size_t count = 0;
  std::string_view runFlags;
  bool hasRuns = false;
  if (cookie == kCookieWithoutRuns) {
    count = in.le32();
  } else if ((cookie & 0xFFFFU) == kCookieWithRuns) {
    hasRuns = true;
    count = (cookie >> 16) + 1;
    runFlags = in.take((count + 7) / 8);
  } else {
    throw DvError("not a RoaringBitmap: cookie " + std::to_string(cookie));
  }
  if (count > kMaxContainers) {
    throw DvError("RoaringBitmap claims " + std::to_string(count) + " containers");
  }
  // Read the whole descriptive header first: a bogus count then fails on length, not on memory.
  const std::string_view header = in.take(4 * count);
  if (!hasRuns || count >= kNoOffsetThreshold) in.take(4 * count);  // offsets: we read in order
  const auto header16 = [&](std::size_t i) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(header[2 * i]) |
                                      static_cast<unsigned char>(header[2 * i + 1]) << 8);
  };
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint16_t key = header16(2 * i);
    const std::size_t cardinality = std::size_t{header16(2 * i + 1)} + 1;
    if (i > 0 && key <= header16(2 * i - 2)) {
      throw DvError("RoaringBitmap container keys are not ascending");
    }
    const std::uint64_t base = high << 32 | std::uint64_t{key} << 16;
    const bool isRun =
        hasRuns && (static_cast<unsigned char>(runFlags[i / 8]) >> (i % 8) & 1U) != 0;
    if (isRun) {
      const std::uint16_t runs = in.le16();
      std::size_t total = 0;
      std::uint32_t next = 0;  // the lowest value the next run may start at
      for (std::uint16_t r = 0; r < runs; ++r) {
        const std::uint32_t start = in.le16();
        const std::uint32_t last = start + in.le16();
        if (start < next || last > 0xFFFFU) {
          throw DvError("RoaringBitmap run container has overlapping or overflowing runs");
        }
        for (std::uint32_t v = start; v <= last; ++v) out.push_back(base | v);
        total += last - start + 1;
        next = last + 1;
      }
      if (total != cardinality) throw DvError("RoaringBitmap run container cardinality mismatch");
      continue;
    }
    if (cardinality <= kMaxArrayCardinality) {
      for (std::size_t j = 0; j < cardinality; ++j) {
        const std::uint16_t v = in.le16();
        if (j > 0 && v <= (out.back() & 0xFFFFU)) {
          throw DvError("RoaringBitmap array container values are not ascending");
        }
        out.push_back(base | v);
      }
      continue;
    }
    std::size_t total = 0;
    for (std::size_t w = 0; w < kBitmapWords; ++w) {
      std::uint64_t word = in.le64();
      total += static_cast<std::size_t>(std::popcount(word));
      for (; word != 0; word &= word - 1) {
        out.push_back(base | (w * 64 + static_cast<std::size_t>(std::countr_zero(word))));
      }
    }
    if (total != cardinality) throw DvError("RoaringBitmap bitmap container cardinality mismatch");
  }
}

// `text` quoted for an error message, cut short: inline DVs can be kilobytes of Z85.
std::string quoted(std::string_view text) {
  constexpr std::size_t kMaxQuoted = 40;
  if (text.size() <= kMaxQuoted) return "\"" + std::string(text) + "\"";
  return "\"" + std::string(text.substr(0, kMaxQuoted)) + "...\"";
}

std::string uuidText(std::string_view bytes) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    const auto b = static_cast<unsigned char>(bytes[i]);
    text.push_back(kHex[b >> 4]);
    text.push_back(kHex[b & 0xFU]);
  }
  return text;
}

std::string dvFileName(std::string_view uuidBytes) {
  return "deletion_vector_" + uuidText(uuidBytes) + ".bin";
}

}  // namespace

std::string serializeBitmap(const Positions& positions) {
  for (std::size_t i = 0; i < positions.size(); ++i) {
    if (positions[i] >> 63 != 0) {
      throw DvError("deletion vector position " + std::to_string(positions[i]) +
                    " is not below 2^63");
    }
    if (i > 0 && positions[i] <= positions[i - 1]) {
      throw DvError("deletion vector positions must be sorted and unique");
    }
  }
  // Buckets by the upper 32 bits; only non-empty ones are written (Delta fills the gaps).
  std::vector<std::span<const std::uint64_t>> buckets;
  const std::span<const std::uint64_t> all(positions);
  std::size_t begin = 0;
  while (begin < all.size()) {
    std::size_t end = begin + 1;
    while (end < all.size() && all[end] >> 32 == all[begin] >> 32) ++end;
    buckets.push_back(all.subspan(begin, end - begin));
    begin = end;
  }
  std::string out;
  putLe32(out, kPortableMagic);
  putLe64(out, buckets.size());
  for (const auto bucket : buckets) {
    putLe32(out, static_cast<std::uint32_t>(bucket.front() >> 32));
    appendRoaring32(out, bucket);
  }
  return out;
}

Positions deserializeBitmap(std::string_view bytes) {
  Reader in(bytes);
  const std::uint32_t magic = in.le32();
  Positions positions;
  if (magic == kPortableMagic) {
    const std::uint64_t buckets = in.le64();
    // Each bucket takes at least 12 bytes (key, cookie, container count).
    if (buckets > in.remaining() / 12) {
      throw DvError("RoaringBitmapArray claims " + std::to_string(buckets) + " buckets");
    }
    for (std::uint64_t b = 0; b < buckets; ++b) {
      const std::uint32_t key = in.le32();
      // Delta reads keys as Java ints and rejects negative ones.
      if (key >> 31 != 0) throw DvError("RoaringBitmapArray bucket key has its top bit set");
      if (!positions.empty() && key <= positions.back() >> 32) {
        throw DvError("RoaringBitmapArray bucket keys are not ascending");
      }
      readRoaring32(in, key, positions);
    }
  } else if (magic == kNativeMagic) {
    // Older layout: an int32 count, then every bucket from key 0 as an int32 size and a bitmap.
    const std::uint32_t buckets = in.le32();
    if (buckets >> 31 != 0) throw DvError("RoaringBitmapArray has a negative bucket count");
    for (std::uint32_t key = 0; key < buckets; ++key) {
      const std::uint32_t size = in.le32();
      Reader bucket(in.take(size));
      readRoaring32(bucket, key, positions);
      if (bucket.remaining() != 0) throw DvError("RoaringBitmapArray bucket size mismatch");
    }
  } else {
    throw DvError("not a Delta RoaringBitmapArray: magic number " + std::to_string(magic));
  }
  if (in.remaining() != 0) {
    throw DvError("deletion vector bitmap has " + std::to_string(in.remaining()) +
                  " trailing bytes");
  }
  return positions;
}

DvFile fileWithOneBitmap(const Positions& positions) {
  const std::string bitmap = serializeBitmap(positions);
  if (bitmap.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw DvError("deletion vector bitmap is too large for a DV file");
  }
  std::string bytes;
  bytes.reserve(1 + 4 + bitmap.size() + 4);
  bytes.push_back(kFileFormatVersion);
  const auto offset = static_cast<std::int32_t>(bytes.size());
  putBe32(bytes, static_cast<std::uint32_t>(bitmap.size()));
  bytes += bitmap;
  putBe32(bytes, crc32(bitmap));
  return {std::move(bytes), offset, static_cast<std::int32_t>(bitmap.size())};
}

Positions readFromFile(std::string_view fileBytes, std::int32_t offset, std::int32_t sizeInBytes) {
  if (fileBytes.empty() || fileBytes[0] != kFileFormatVersion) {
    throw DvError("not a version 1 deletion vector file");
  }
  // Offset 0 is the version byte, never a DV (an absent descriptor offset is not usable here).
  if (offset < 1 || sizeInBytes < 0) {
    throw DvError("invalid deletion vector range: offset " + std::to_string(offset) + ", size " +
                  std::to_string(sizeInBytes));
  }
  const auto at = static_cast<std::size_t>(offset);
  const auto size = static_cast<std::size_t>(sizeInBytes);
  if (at > fileBytes.size() || fileBytes.size() - at < 4 + size + 4) {
    throw DvError("deletion vector at offset " + std::to_string(offset) + " with size " +
                  std::to_string(sizeInBytes) + " runs past the end of its " +
                  std::to_string(fileBytes.size()) + "-byte file");
  }
  const std::uint32_t storedSize = readBe32(fileBytes, at);
  if (storedSize != size) {
    throw DvError("deletion vector size mismatch: descriptor says " + std::to_string(size) +
                  ", file says " + std::to_string(storedSize));
  }
  const std::string_view bitmap = fileBytes.substr(at + 4, size);
  if (readBe32(fileBytes, at + 4 + size) != crc32(bitmap)) {
    throw DvError("deletion vector checksum mismatch at offset " + std::to_string(offset));
  }
  return deserializeBitmap(bitmap);
}

std::string z85Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 3) / 4 * 5);
  for (std::size_t at = 0; at < bytes.size(); at += 4) {
    std::uint32_t block = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const unsigned char b = at + i < bytes.size() ? static_cast<unsigned char>(bytes[at + i]) : 0;
      block = block << 8 | b;
    }
    std::array<char, 5> digits{};
    for (std::size_t i = 5; i > 0; --i) {
      digits[i - 1] = kZ85Alphabet[block % 85];
      block /= 85;
    }
    out.append(digits.data(), digits.size());
  }
  return out;
}

std::string z85Decode(std::string_view text) {
  if (text.size() % 5 != 0) {
    throw DvError("Z85 text length " + std::to_string(text.size()) + " is not a multiple of 5");
  }
  std::string out;
  out.reserve(text.size() / 5 * 4);
  for (std::size_t at = 0; at < text.size(); at += 5) {
    std::uint64_t block = 0;
    for (std::size_t i = 0; i < 5; ++i) {
      const std::size_t digit = kZ85Alphabet.find(text[at + i]);
      if (digit == std::string_view::npos) {
        throw DvError("invalid Z85 character in " + quoted(text));
      }
      block = block * 85 + digit;
    }
    if (block > 0xFFFFFFFFU) throw DvError("Z85 block overflows in " + quoted(text));
    putBe32(out, static_cast<std::uint32_t>(block));
  }
  return out;
}

std::string relativePathOfUuidDv(std::string_view pathOrInlineDv) {
  if (pathOrInlineDv.size() < kUuidZ85Length) {
    throw DvError("'u' deletion vector " + quoted(pathOrInlineDv) + " is shorter than a Z85 UUID");
  }
  const std::size_t prefixLength = pathOrInlineDv.size() - kUuidZ85Length;
  const std::string fileName = dvFileName(z85Decode(pathOrInlineDv.substr(prefixLength)));
  if (prefixLength == 0) return fileName;
  return std::string(pathOrInlineDv.substr(0, prefixLength)) + "/" + fileName;
}

NewDvName newDvName() {
  std::random_device device;
  std::uniform_int_distribution<unsigned int> byteOf(0, 255);
  std::string uuid(16, '\0');
  for (char& b : uuid) b = static_cast<char>(byteOf(device));
  // RFC 4122 version 4 (random) and variant bits, as java.util.UUID.randomUUID sets them.
  uuid[6] = static_cast<char>((static_cast<unsigned char>(uuid[6]) & 0x0FU) | 0x40U);
  uuid[8] = static_cast<char>((static_cast<unsigned char>(uuid[8]) & 0x3FU) | 0x80U);
  return {z85Encode(uuid), dvFileName(uuid)};
}

}  // namespace clxs::kernel::deletion_vector
