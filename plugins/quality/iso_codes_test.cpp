#include "plugins/quality/iso_codes.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "clxs/error.hpp"

namespace clxs::quality {
namespace {

bool has(const std::vector<std::string>& codes, const std::string& code) {
  return std::binary_search(codes.begin(), codes.end(), code);
}

TEST(IsoCodes, ReadsEveryListInEachFormat) {
  EXPECT_TRUE(has(isoCodes(IsoStandard::Country, "alpha-2"), "FR"));
  EXPECT_FALSE(has(isoCodes(IsoStandard::Country, "alpha-2"), "EU"));
  EXPECT_TRUE(has(isoCodes(IsoStandard::Country, "alpha-3"), "FRA"));
  EXPECT_TRUE(has(isoCodes(IsoStandard::Country, "numeric"), "004"));
  EXPECT_GE(isoCodes(IsoStandard::Country, "alpha-2").size(), 249U);
  EXPECT_TRUE(has(isoCodes(IsoStandard::Currency, "alphabetic"), "EUR"));
  EXPECT_TRUE(has(isoCodes(IsoStandard::Currency, "numeric"), "978"));
  EXPECT_TRUE(has(isoCodes(IsoStandard::Language, "alpha-2"), "eu"));
  EXPECT_TRUE(has(isoCodes(IsoStandard::Language, "alpha-3"), "eus"));
  EXPECT_GT(isoCodes(IsoStandard::Language, "alpha-3").size(), 7000U);
  EXPECT_TRUE(has(isoCodes(IsoStandard::Subdivision, ""), "US-CA"));
}

TEST(IsoCodes, AnUnknownFormatIs422NamingTheFormatsThereAre) {
  try {
    isoCodes(IsoStandard::Currency, "alpha-2");
    FAIL() << "an unknown format was accepted";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_NE(std::string(e.what()).find("alphabetic, numeric"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace clxs::quality
