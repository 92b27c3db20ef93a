#include "kernel/workspace/local/delta/deletion_vector.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace clxs::kernel::deletion_vector {
namespace {

std::string fromHex(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return bytes;
}

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

// java.util.UUID(msb, lsb) as Delta turns it into bytes: both halves big-endian.
std::string uuidBytes(std::int64_t msb, std::int64_t lsb) {
  std::string bytes;
  for (const std::int64_t half : {msb, lsb}) {
    const auto bits = static_cast<std::uint64_t>(half);
    for (int shift = 56; shift >= 0; shift -= 8) bytes.push_back(static_cast<char>(bits >> shift));
  }
  return bytes;
}

void expectRoundTrip(const Positions& positions) {
  EXPECT_EQ(deserializeBitmap(serializeBitmap(positions)), positions);
  const DvFile file = fileWithOneBitmap(positions);
  EXPECT_EQ(readFromFile(file.bytes, file.offset, file.sizeInBytes), positions);
}

// A DV file Spark wrote (delta-io/delta kernel test table basic-dv-no-checkpoint), with the
// descriptor {"storageType":"u","pathOrInlineDv":"IjB3V2d3#qUP%s94R0WF","offset":1,
// "sizeInBytes":36,"cardinality":2} that points at it.
constexpr std::string_view kSparkDvFile =
    "0100000024d1d339640100000000000000000000003a30000001000000000001001000000000000100e2be924e";

TEST(DeletionVector, ReadsAFileSparkWrote) {
  const std::string file = fromHex(kSparkDvFile);
  EXPECT_EQ(readFromFile(file, 1, 36), (Positions{0, 1}));
  EXPECT_EQ(relativePathOfUuidDv("IjB3V2d3#qUP%s94R0WF"),
            "deletion_vector_899cef78-06b3-4c14-b024-03860e62cd40.bin");
}

TEST(DeletionVector, WritesTheSameBytesSparkWrites) {
  const DvFile file = fileWithOneBitmap({0, 1});
  EXPECT_EQ(file.bytes, fromHex(kSparkDvFile));
  EXPECT_EQ(file.offset, 1);
  EXPECT_EQ(file.sizeInBytes, 36);
}

TEST(DeletionVector, ReadsEachDvOfAFileSparkFilledWithSeveral) {
  // delta-io/delta test table table-with-dv-large: five one-row DVs in one file, at the
  // offsets its log gives (1, 43, 85, 127, 169), each 34 bytes.
  const std::string file = fromHex(
      "0100000022d1d339640100000000000000000000003a3000000100000000000000100000001a00478b4e6e0000"
      "0022d1d339640100000000000000000000003a3000000100000000000000100000001500c01352a100000022d1"
      "d339640100000000000000000000003a300000010000000000000010000000460051855c3600000022d1d33964"
      "0100000000000000000000003a3000000100000000000000100000000600a1fc133300000022d1d33964010000"
      "0000000000000000003a300000010000000000000010000000200062229017");
  EXPECT_EQ(readFromFile(file, 1, 34), (Positions{26}));
  EXPECT_EQ(readFromFile(file, 43, 34), (Positions{21}));
  EXPECT_EQ(readFromFile(file, 85, 34), (Positions{70}));
  EXPECT_EQ(readFromFile(file, 127, 34), (Positions{6}));
  EXPECT_EQ(readFromFile(file, 169, 34), (Positions{32}));
}

TEST(DeletionVector, RoundTripsSmallSets) {
  expectRoundTrip({});
  expectRoundTrip({0});
  expectRoundTrip({3, 4, 7, 11, 18, 29});
  expectRoundTrip({0, 1, 2, 100, 65535});
}

TEST(DeletionVector, EmptySetIsMagicAndZeroBuckets) {
  EXPECT_EQ(serializeBitmap({}), fromHex("d1d33964"
                                         "0000000000000000"));
}

TEST(DeletionVector, RoundTripsAcross65536) {
  expectRoundTrip({65535, 65536, 65537, 131071, 131072, 1000000});
}

TEST(DeletionVector, RoundTripsAcross2To32) {
  constexpr std::uint64_t k2To32 = 1ULL << 32;
  expectRoundTrip({1, k2To32 - 1, k2To32, k2To32 + 5, 3 * k2To32 + 65536, (1ULL << 62) + 7});
  // Only non-empty buckets are written: one bucket, key 3.
  const std::string bytes = serializeBitmap({3 * k2To32 + 1});
  EXPECT_EQ(bytes.substr(4, 12), fromHex("0100000000000000"
                                         "03000000"));
}

TEST(DeletionVector, UsesABitmapContainerAbove4096Values) {
  Positions many;
  for (std::uint64_t v = 0; v < 10000; v += 2) many.push_back(v);  // 5000 values, one container
  const std::string bytes = serializeBitmap(many);
  // magic, count, key, cookie, container count, descriptor, offset, 8192-byte bitmap.
  EXPECT_EQ(bytes.size(), 4U + 8 + 4 + 4 + 4 + 4 + 4 + 8192);
  expectRoundTrip(many);

  Positions exactly4096;  // still an array container
  for (std::uint64_t v = 0; v < 4096; ++v) exactly4096.push_back(v * 3);
  EXPECT_EQ(serializeBitmap(exactly4096).size(), 4U + 8 + 4 + 4 + 4 + 4 + 4 + 2 * 4096);
  expectRoundTrip(exactly4096);

  Positions full;  // a full container plus neighbours on both sides
  full.push_back(7);
  for (std::uint64_t v = 65536; v < 2 * 65536; ++v) full.push_back(v);
  full.push_back(2 * 65536 + 3);
  expectRoundTrip(full);
}

TEST(DeletionVector, ReadsRunContainers) {
  // One bucket (key 2) holding a 32-bit bitmap with the run cookie and a single run container:
  // runs 10..14 and 100 under container key 1.
  std::string bytes;
  putLe32(bytes, 1681511377);
  putLe64(bytes, 1);
  putLe32(bytes, 2);
  putLe32(bytes, 12347 | (0U << 16));  // one container
  bytes.push_back(0x01);               // container 0 is a run container
  putLe16(bytes, 1);                   // key
  putLe16(bytes, 5);                   // cardinality - 1
  // No offset header: fewer than 4 containers.
  putLe16(bytes, 2);  // runs
  putLe16(bytes, 10);
  putLe16(bytes, 4);
  putLe16(bytes, 100);
  putLe16(bytes, 0);
  const std::uint64_t base = (2ULL << 32) | (1ULL << 16);
  EXPECT_EQ(deserializeBitmap(bytes),
            (Positions{base + 10, base + 11, base + 12, base + 13, base + 14, base + 100}));
}

TEST(DeletionVector, ReadsRunArrayAndBitmapContainersTogether) {
  // Four containers under the run cookie, so the offset header is present: run (key 0),
  // array (key 1), run (key 2), bitmap (key 3, 4097 values).
  std::string bytes;
  putLe32(bytes, 1681511377);
  putLe64(bytes, 1);
  putLe32(bytes, 0);
  putLe32(bytes, 12347 | (3U << 16));
  bytes.push_back(0b0101);
  for (const auto& [key, cardinalityMinus1] :
       {std::pair<int, int>{0, 65535}, {1, 1}, {2, 2}, {3, 4096}}) {
    putLe16(bytes, static_cast<std::uint16_t>(key));
    putLe16(bytes, static_cast<std::uint16_t>(cardinalityMinus1));
  }
  const std::uint32_t headerEnd = 4 + 1 + 16 + 16;
  for (const std::uint32_t offset : {headerEnd, headerEnd + 6, headerEnd + 10, headerEnd + 20}) {
    putLe32(bytes, offset);
  }
  putLe16(bytes, 1);  // key 0: all 65536 values as one run
  putLe16(bytes, 0);
  putLe16(bytes, 65535);
  putLe16(bytes, 5);  // key 1: array {5, 9}
  putLe16(bytes, 9);
  putLe16(bytes, 2);  // key 2: runs {0} and {7, 8}
  putLe16(bytes, 0);
  putLe16(bytes, 0);
  putLe16(bytes, 7);
  putLe16(bytes, 1);
  for (int w = 0; w < 1024; ++w) putLe64(bytes, w < 64 ? ~0ULL : w == 64 ? 1ULL : 0ULL);

  Positions expected;
  for (std::uint64_t v = 0; v < 65536; ++v) expected.push_back(v);
  for (const std::uint64_t v : {5, 9}) expected.push_back(65536 + v);
  for (const std::uint64_t v : {0, 7, 8}) expected.push_back(2 * 65536 + v);
  for (std::uint64_t v = 0; v <= 4096; ++v) expected.push_back(3 * 65536 + v);
  EXPECT_EQ(deserializeBitmap(bytes), expected);
}

TEST(DeletionVector, ReadsTheNativeLayoutDeltaStillAccepts) {
  // Magic 1681511376, an int32 bucket count, then each bucket from key 0 as size + bitmap.
  std::string empty;
  putLe32(empty, 12346);
  putLe32(empty, 0);
  std::string five;
  putLe32(five, 12346);
  putLe32(five, 1);
  putLe16(five, 0);
  putLe16(five, 0);
  putLe32(five, 16);
  putLe16(five, 5);
  std::string bytes;
  putLe32(bytes, 1681511376);
  putLe32(bytes, 2);
  for (const std::string& bucket : {empty, five}) {
    putLe32(bytes, static_cast<std::uint32_t>(bucket.size()));
    bytes += bucket;
  }
  EXPECT_EQ(deserializeBitmap(bytes), (Positions{(1ULL << 32) + 5}));
}

TEST(DeletionVector, RejectsMalformedBitmaps) {
  const std::string good = serializeBitmap({1, 2, 70000});
  EXPECT_THROW(deserializeBitmap(""), DvError);
  EXPECT_THROW(deserializeBitmap(good.substr(0, good.size() - 1)), DvError);  // truncated
  EXPECT_THROW(deserializeBitmap(good + '\0'), DvError);                      // trailing byte
  std::string badMagic = good;
  badMagic[0] ^= 1;
  EXPECT_THROW(deserializeBitmap(badMagic), DvError);
  std::string badCookie = good;
  badCookie[16] ^= 0x40;  // after magic, count and key: 12346 becomes neither cookie
  EXPECT_THROW(deserializeBitmap(badCookie), DvError);
  std::string negativeKey = good;
  negativeKey[15] = static_cast<char>(0x80);
  EXPECT_THROW(deserializeBitmap(negativeKey), DvError);

  std::string runCardinality;  // a run container whose runs disagree with its cardinality
  putLe32(runCardinality, 1681511377);
  putLe64(runCardinality, 1);
  putLe32(runCardinality, 0);
  putLe32(runCardinality, 12347);
  runCardinality.push_back(0x01);
  putLe16(runCardinality, 0);
  putLe16(runCardinality, 9);  // claims 10 values
  putLe16(runCardinality, 1);
  putLe16(runCardinality, 0);
  putLe16(runCardinality, 3);  // holds 4
  EXPECT_THROW(deserializeBitmap(runCardinality), DvError);
}

TEST(DeletionVector, RejectsPositionsItCannotWrite) {
  EXPECT_THROW(serializeBitmap({2, 1}), DvError);
  EXPECT_THROW(serializeBitmap({1, 1}), DvError);
  EXPECT_THROW(serializeBitmap({1ULL << 63}), DvError);
}

TEST(DeletionVector, FileLayoutHasSizeAndChecksumBigEndian) {
  const DvFile file = fileWithOneBitmap({3, 4, 7, 11, 18, 29});
  EXPECT_EQ(file.offset, 1);
  EXPECT_EQ(file.sizeInBytes, 44);
  ASSERT_EQ(file.bytes.size(), 1U + 4 + 44 + 4);
  EXPECT_EQ(file.bytes.substr(0, 5), fromHex("010000002c"));
  EXPECT_EQ(file.bytes.substr(5, 44), serializeBitmap({3, 4, 7, 11, 18, 29}));
}

TEST(DeletionVector, RejectsSizeAndChecksumMismatches) {
  const DvFile file = fileWithOneBitmap({5, 6, 7});
  EXPECT_THROW(readFromFile(file.bytes, file.offset, file.sizeInBytes + 1), DvError);
  EXPECT_THROW(readFromFile(file.bytes, file.offset, file.sizeInBytes - 1), DvError);
  std::string wrongSizeField = file.bytes;
  wrongSizeField[4] ^= 1;
  EXPECT_THROW(readFromFile(wrongSizeField, file.offset, file.sizeInBytes), DvError);
  std::string corruptBitmap = file.bytes;
  corruptBitmap[20] ^= 0x10;
  EXPECT_THROW(readFromFile(corruptBitmap, file.offset, file.sizeInBytes), DvError);
  std::string corruptChecksum = file.bytes;
  corruptChecksum.back() ^= 1;
  EXPECT_THROW(readFromFile(corruptChecksum, file.offset, file.sizeInBytes), DvError);
  std::string wrongVersion = file.bytes;
  wrongVersion[0] = 2;
  EXPECT_THROW(readFromFile(wrongVersion, file.offset, file.sizeInBytes), DvError);
  EXPECT_THROW(readFromFile(file.bytes, 0, file.sizeInBytes), DvError);
  EXPECT_THROW(readFromFile(file.bytes, 2, file.sizeInBytes), DvError);
  EXPECT_THROW(
      readFromFile(file.bytes.substr(0, file.bytes.size() - 1), file.offset, file.sizeInBytes),
      DvError);
  EXPECT_THROW(readFromFile("", 1, 0), DvError);
}

TEST(DeletionVector, Z85MatchesTheSpecAndDeltasUuidVectors) {
  // The Z85 spec's (rfc.zeromq.org/spec/32) test case.
  const std::string hello = fromHex("864fd26fb559f75b");
  EXPECT_EQ(z85Encode(hello), "HelloWorld");
  EXPECT_EQ(z85Decode("HelloWorld"), hello);
  // UUIDs and their encodings from Delta's CodecSuite.
  constexpr std::int64_t kMin = INT64_MIN;
  const std::pair<std::string, std::string_view> uuids[] = {
      {uuidBytes(0, 0), "00000000000000000000"},
      {uuidBytes(kMin, kMin), "Fb/MH00000Fb/MH00000"},
      {uuidBytes(-1, -1), "%nSc0%nSc0%nSc0%nSc0"},
      {uuidBytes(0, INT64_MAX), "0000000000Fb/MG%nSc0"},
      {uuidBytes(0, 1), "00000000000000000001"},
      {uuidBytes(-4124158004264678669LL, -6032951921472435211LL), "-(5oirYA.yTvx6v@H:L>"},
      {uuidBytes(6453181356142382984LL, 8208554093199893996LL), "s=Mlx-0Pp@AQ6uw@k6=D"},
  };
  for (const auto& [bytes, text] : uuids) {
    EXPECT_EQ(z85Encode(bytes), text);
    EXPECT_EQ(z85Decode(text), bytes);
  }
}

TEST(DeletionVector, Z85PadsLikeDeltaForInlineDvs) {
  EXPECT_EQ(z85Encode(""), "");
  EXPECT_EQ(z85Encode(std::string(1, '\x86')), z85Encode(fromHex("86000000")));
  const Positions positions{1, 2, 3};
  const std::string bitmap = serializeBitmap(positions);  // 38 bytes: not a multiple of 4
  ASSERT_EQ(bitmap.size(), 38U);
  const std::string text = z85Encode(bitmap);
  EXPECT_EQ(text.size(), 50U);
  const std::string decoded = z85Decode(text);
  ASSERT_EQ(decoded.size(), 40U);
  EXPECT_EQ(decoded.substr(38), std::string(2, '\0'));
  // A reader cuts the padding off with sizeInBytes before deserializing.
  EXPECT_EQ(deserializeBitmap(decoded.substr(0, bitmap.size())), positions);
  EXPECT_THROW(deserializeBitmap(decoded), DvError);
}

TEST(DeletionVector, Z85RejectsInvalidText) {
  EXPECT_THROW(z85Decode("abc"), DvError);
  EXPECT_THROW(z85Decode("Hello\"orld"), DvError);
  EXPECT_THROW(z85Decode("Hell~"), DvError);
  EXPECT_THROW(z85Decode("#####"), DvError);  // 85^5 - 1 does not fit 32 bits
}

TEST(DeletionVector, DerivesTheFileNameOfAUuidDv) {
  // PROTOCOL.md, "JSON Example 1": prefix "ab" before the 20-character UUID.
  EXPECT_EQ(relativePathOfUuidDv("ab^-aqEH.-t@S}K{vb[*k^"),
            "ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin");
  EXPECT_EQ(relativePathOfUuidDv("^-aqEH.-t@S}K{vb[*k^"),
            "deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin");
  EXPECT_THROW(relativePathOfUuidDv("short"), DvError);
  EXPECT_THROW(relativePathOfUuidDv("ab~-aqEH.-t@S}K{vb[*k^"), DvError);
}

TEST(DeletionVector, NewNamesAreRandomVersion4Uuids) {
  const NewDvName first = newDvName();
  const NewDvName second = newDvName();
  EXPECT_EQ(first.pathOrInlineDv.size(), 20U);
  EXPECT_EQ(relativePathOfUuidDv(first.pathOrInlineDv), first.fileName);
  EXPECT_NE(first.pathOrInlineDv, second.pathOrInlineDv);
  // deletion_vector_xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx.bin
  ASSERT_EQ(first.fileName.size(), 16U + 36 + 4);
  EXPECT_EQ(first.fileName.substr(0, 16), "deletion_vector_");
  EXPECT_EQ(first.fileName[16 + 14], '4');
  EXPECT_NE(std::string_view("89ab").find(first.fileName[16 + 19]), std::string_view::npos);
  EXPECT_EQ(first.fileName.substr(52), ".bin");
}

}  // namespace
}  // namespace clxs::kernel::deletion_vector
