#include "kernel/emulator/arrow_stream.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace clxs::kernel::emulator {
namespace {

template <typename T>
std::string bytesOf(T value) {
  std::string out(sizeof(T), '\0');
  std::memcpy(out.data(), &value, sizeof(T));
  return out;
}

std::int32_t int32At(const std::string& s, std::size_t at) {
  std::int32_t v = 0;
  std::memcpy(&v, s.data() + at, sizeof(v));
  return v;
}

// The encapsulated messages of a stream: {metadata length, body offset} each, EOS checked.
std::vector<std::size_t> metadataLengths(const std::string& stream) {
  std::vector<std::size_t> out;
  std::size_t at = 0;
  while (at + 8 <= stream.size()) {
    EXPECT_EQ(int32At(stream, at), -1) << "continuation marker at " << at;
    const auto length = static_cast<std::size_t>(int32At(stream, at + 4));
    if (length == 0) {
      EXPECT_EQ(at + 8, stream.size()) << "the end-of-stream marker ends the stream";
      return out;
    }
    out.push_back(length);
    at += 8 + length;
    if (out.size() == 2) break;  // the record batch: its body follows
  }
  return out;
}

TEST(ArrowStream, FramesASchemaAndOneBatchWithTypedValues) {
  const std::vector<ResultColumn> columns{{"id", "BIGINT"},         {"amount", "DECIMAL(10,2)"},
                                          {"day", "DATE"},          {"at", "TIMESTAMP"},
                                          {"name", "STRING"},       {"ok", "BOOLEAN"},
                                          {"tags", "ARRAY<STRING>"}};
  const std::vector<Json> rows{
      Json::array({"123456789", "-12.5", "2024-01-02", "2024-01-02T03:04:05.123456Z", "héllo",
                   "true", R"(["a"])"}),
      Json::array({nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr})};
  const auto stream = arrowStream(columns, rows, 0, 2);
  EXPECT_EQ(stream.size() % 8, 0u);
  const auto lengths = metadataLengths(stream);
  ASSERT_EQ(lengths.size(), 2u);
  for (const auto l : lengths) EXPECT_EQ(l % 8, 0u);
  EXPECT_EQ(stream.substr(stream.size() - 8), bytesOf(std::uint32_t{0xFFFFFFFF}) + bytesOf(0));
  // The values, typed: int64, 128-bit unscaled decimal, days, microseconds since the epoch.
  EXPECT_NE(stream.find(bytesOf(std::int64_t{123456789})), std::string::npos);
  EXPECT_NE(stream.find(bytesOf(std::int64_t{-1250}) + bytesOf(std::int64_t{-1})),
            std::string::npos);
  EXPECT_NE(stream.find(bytesOf(std::int32_t{19724})), std::string::npos);
  EXPECT_NE(stream.find(bytesOf(std::int64_t{1704164645123456})), std::string::npos);
  EXPECT_NE(stream.find("héllo"), std::string::npos);
  EXPECT_NE(stream.find(R"(["a"])"), std::string::npos) << "an ARRAY as its JSON text";
  EXPECT_NE(stream.find("Etc/UTC"), std::string::npos);
  for (const auto* name : {"id", "amount", "day", "at", "name", "ok", "tags"}) {
    EXPECT_NE(stream.find(name), std::string::npos) << name;
  }
}

TEST(ArrowStream, TimestampsTakeTheirOffsetAndChunksTheirRows) {
  const std::vector<ResultColumn> columns{{"at", "TIMESTAMP"}, {"n", "INT"}};
  const std::vector<Json> rows{Json::array({"1970-01-01T01:00:00+01:00", "70000007"}),
                               Json::array({"1970-01-01 00:00:01.5", "80000008"})};
  const auto second = arrowStream(columns, rows, 1, 1);
  EXPECT_NE(second.find(bytesOf(std::int64_t{1500000})), std::string::npos);
  EXPECT_NE(second.find(bytesOf(std::int32_t{80000008})), std::string::npos);
  EXPECT_EQ(second.find(bytesOf(std::int32_t{70000007})), std::string::npos) << "not row 0";
  const auto first = arrowStream(columns, rows, 0, 1);
  EXPECT_NE(first.find(std::string(8, '\0')), std::string::npos) << "01:00+01:00 is the epoch";
}

TEST(ArrowStream, AValueThatDoesNotParseAsItsTypeThrows) {
  EXPECT_THROW(arrowStream({{"n", "INT"}}, {Json::array({"x"})}, 0, 1), std::invalid_argument);
  EXPECT_THROW(arrowStream({{"d", "DATE"}}, {Json::array({"2024/01/02"})}, 0, 1),
               std::invalid_argument);
  EXPECT_THROW(arrowStream({{"m", "DECIMAL(4,1)"}}, {Json::array({"1.25"})}, 0, 1),
               std::invalid_argument);
  EXPECT_THROW(arrowStream({{"b", "BOOLEAN"}}, {Json::array({"yes"})}, 0, 1),
               std::invalid_argument);
  EXPECT_THROW(arrowStream({{"t", "TIMESTAMP"}}, {Json::array({"2024-01-02T03:04:05+1"})}, 0, 1),
               std::invalid_argument);
  EXPECT_NO_THROW(arrowStream({{"m", "DECIMAL(4,1)"}}, {Json::array({"1.2"})}, 0, 1));
}

}  // namespace
}  // namespace clxs::kernel::emulator
