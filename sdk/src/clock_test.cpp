#include "clxs/clock.hpp"

#include <gtest/gtest.h>

namespace clxs {
namespace {

TEST(ParseIsoUtc, ReadsWhatIsoUtcWritesAndTheFormsWorkspacesAnswerWith) {
  const auto t = parseIsoUtc("2026-12-07T19:20:30.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(isoUtc(*t), "2026-12-07T19:20:30.123Z");
  EXPECT_EQ(isoUtc(*parseIsoUtc("2026-12-07 19:20:30")), "2026-12-07T19:20:30.000Z");
  EXPECT_EQ(isoUtc(*parseIsoUtc("2026-12-07T19:20")), "2026-12-07T19:20:00.000Z");
  EXPECT_EQ(isoUtc(*parseIsoUtc("2026-12-07")), "2026-12-07T00:00:00.000Z");
  EXPECT_EQ(isoUtc(*parseIsoUtc("2026-12-07T19:20:30.5+02:00")), "2026-12-07T17:20:30.500Z");
  EXPECT_EQ(isoUtc(*parseIsoUtc("2026-12-07T00:20:30.123456-0530")), "2026-12-07T05:50:30.123Z");
  EXPECT_EQ(isoUtc(*parseIsoUtc("2024-02-29T23:59:59Z")), "2024-02-29T23:59:59.000Z");
}

TEST(ParseIsoUtc, RefusesWhatIsNotATimestamp) {
  for (const char* bad : {"", "yesterday", "2026-13-01", "2025-02-29", "2026-12-07T25:00",
                          "2026-12-07T19:20:30.Z", "2026-12-07T19:20:30Zjunk", "2026-1-7"}) {
    EXPECT_FALSE(parseIsoUtc(bad)) << bad;
  }
}

}  // namespace
}  // namespace clxs
