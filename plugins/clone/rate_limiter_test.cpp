#include "plugins/clone/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace clxs::clone {
namespace {

using namespace std::chrono_literals;

struct FakeTime {
  std::chrono::steady_clock::time_point now{};
  std::chrono::steady_clock::duration slept{};
};

TEST(RateLimiter, ZeroRateNeverWaits) {
  FakeTime t;
  RateLimiter limiter(
      0, [&] { return t.now; }, [&](auto d) { t.slept += d; });
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(limiter.acquire());
  EXPECT_EQ(t.slept, std::chrono::steady_clock::duration::zero());
}

TEST(RateLimiter, HoldsTheRateOverManyAcquisitions) {
  FakeTime t;
  RateLimiter limiter(
      20, [&] { return t.now; },
      [&](auto d) {
        t.now += d;
        t.slept += d;
      });
  for (int i = 0; i < 201; ++i) ASSERT_TRUE(limiter.acquire());
  // 201 acquisitions at 20/s: the first is free, the other 200 take 10 s.
  const double seconds = std::chrono::duration<double>(t.slept).count();
  EXPECT_NEAR(seconds, 10.0, 0.05);
}

TEST(RateLimiter, RefillsWhileIdleButNeverBeyondOneSecondOfBurst) {
  FakeTime t;
  RateLimiter limiter(
      5, [&] { return t.now; },
      [&](auto d) {
        t.now += d;
        t.slept += d;
      });
  ASSERT_TRUE(limiter.acquire());
  t.now += 60s;  // idle for a minute
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter.acquire());
  EXPECT_EQ(t.slept, std::chrono::steady_clock::duration::zero());
  ASSERT_TRUE(limiter.acquire());
  EXPECT_NEAR(std::chrono::duration<double>(t.slept).count(), 0.2, 0.01);
}

TEST(RateLimiter, GivesUpWhenCancelledWhileWaiting) {
  FakeTime t;
  RateLimiter limiter(
      1, [&] { return t.now; }, [&](auto d) { t.now += d; });
  ASSERT_TRUE(limiter.acquire());
  EXPECT_FALSE(limiter.acquire([] { return true; }));
}

}  // namespace
}  // namespace clxs::clone
