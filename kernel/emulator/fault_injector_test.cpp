#include "kernel/emulator/fault_injector.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace clxs::kernel::emulator {
namespace {

std::vector<RequestFault> draws(FaultInjector& f, int n) {
  std::vector<RequestFault> out;
  for (int i = 0; i < n; ++i) out.push_back(f.nextRequestFault());
  return out;
}

TEST(FaultInjector, TheSameSeedInjectsTheSameFaults) {
  FaultInjector a({0.3, 0.0, 0, 1}, 42);
  FaultInjector b({0.3, 0.0, 0, 1}, 42);
  FaultInjector c({0.3, 0.0, 0, 1}, 43);
  const auto first = draws(a, 200);
  EXPECT_EQ(first, draws(b, 200));
  EXPECT_NE(first, draws(c, 200));
  const auto faults = std::count_if(first.begin(), first.end(),
                                    [](RequestFault f) { return f != RequestFault::None; });
  EXPECT_GT(faults, 30);
  EXPECT_LT(faults, 90);
}

TEST(FaultInjector, RateZeroNeverAndRateOneAlwaysWithBothKinds) {
  FaultInjector none({0.0, 0.0, 0, 1}, 7);
  for (auto f : draws(none, 100)) EXPECT_EQ(f, RequestFault::None);
  FaultInjector all({1.0, 1.0, 0, 1}, 7);
  const auto faults = draws(all, 100);
  EXPECT_EQ(std::count(faults.begin(), faults.end(), RequestFault::None), 0);
  EXPECT_GT(std::count(faults.begin(), faults.end(), RequestFault::Unavailable), 20);
  EXPECT_GT(std::count(faults.begin(), faults.end(), RequestFault::RateLimited), 20);
  EXPECT_TRUE(all.nextStatementFails());
  EXPECT_FALSE(none.nextStatementFails());
}

TEST(FaultInjector, SettingsChangeAtRunTime) {
  FaultInjector f({0.0, 0.0, 0, 1}, 1);
  EXPECT_EQ(f.nextRequestFault(), RequestFault::None);
  f.setSettings({1.0, 0.5, 20, 3});
  EXPECT_NE(f.nextRequestFault(), RequestFault::None);
  EXPECT_EQ(f.settings().latencyMs, 20);
  EXPECT_EQ(f.settings().retryAfterS, 3);
  const double d = f.draw();
  EXPECT_GE(d, 0.0);
  EXPECT_LT(d, 1.0);
}

}  // namespace
}  // namespace clxs::kernel::emulator
