#include "plugins/governance/odcs_validation.hpp"

#include <gtest/gtest.h>

namespace clxs::governance {
namespace {

TEST(OdcsValidation, IsoTimesAndSlaUnitsBecomeSeconds) {
  EXPECT_EQ(odcsIsoSeconds("1970-01-02T00:00:00.000Z"), 86400.0);
  EXPECT_EQ(odcsIsoSeconds("2026-12-08T01:00:00Z"), 1796691600.0);
  EXPECT_FALSE(odcsIsoSeconds("yesterday"));
  EXPECT_EQ(odcsSlaSeconds(2, "h"), 7200.0);
  EXPECT_EQ(odcsSlaSeconds(1, "day"), 86400.0);
  EXPECT_EQ(odcsSlaSeconds(30, "Minutes"), 1800.0);
  EXPECT_EQ(odcsSlaSeconds(1, "w"), 604800.0);
  EXPECT_FALSE(odcsSlaSeconds(1, "fortnight"));
}

}  // namespace
}  // namespace clxs::governance
