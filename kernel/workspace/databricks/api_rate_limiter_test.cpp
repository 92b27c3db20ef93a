#include "kernel/workspace/databricks/api_rate_limiter.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace clxs::kernel::databricks {
namespace {

using std::chrono::milliseconds;

// A clock that moves only when the limiter sleeps.
struct FakeTime {
  std::chrono::steady_clock::time_point now =
      std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  milliseconds slept{0};
  RateLimiter make(double rate) {
    return RateLimiter(
        rate, [this] { return now; },
        [this](milliseconds d) {
          now += d;
          slept += d;
        });
  }
};

TEST(RateLimiter, ABurstOfRateRequestsPassesAtOnce) {
  FakeTime t;
  RateLimiter limiter = t.make(15);
  for (int i = 0; i < 15; ++i) limiter.acquire({});
  EXPECT_EQ(t.slept, milliseconds(0));
  limiter.acquire({});
  EXPECT_GE(t.slept, milliseconds(66));
  EXPECT_LE(t.slept, milliseconds(68));
}

TEST(RateLimiter, RefillsOverTime) {
  FakeTime t;
  RateLimiter limiter = t.make(10);
  for (int i = 0; i < 10; ++i) limiter.acquire({});
  t.now += milliseconds(500);
  for (int i = 0; i < 5; ++i) limiter.acquire({});
  EXPECT_EQ(t.slept, milliseconds(0));
  limiter.acquire({});
  EXPECT_GE(t.slept, milliseconds(99));
  // 20 more requests take about two seconds of waiting.
  const auto before = t.slept;
  for (int i = 0; i < 20; ++i) limiter.acquire({});
  EXPECT_NEAR(static_cast<double>((t.slept - before).count()), 2000.0, 5.0);
}

TEST(RateLimiter, NoLimitWhenRateIsZero) {
  FakeTime t;
  RateLimiter limiter = t.make(0);
  for (int i = 0; i < 1000; ++i) limiter.acquire({});
  EXPECT_EQ(t.slept, milliseconds(0));
}

TEST(RateLimiter, FailsFastWhenTheTokenComesAfterTheDeadline) {
  FakeTime t;
  RateLimiter limiter = t.make(1);
  limiter.acquire({});
  CallOptions options;
  options.deadline = t.now + milliseconds(500);
  try {
    limiter.acquire(options);
    FAIL();
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Timeout);
  }
  // The token was given back: a second later one is there for the next caller.
  t.now += milliseconds(1000);
  limiter.acquire({});
  EXPECT_EQ(t.slept, milliseconds(0));
}

TEST(RateLimiter, CancellationStopsTheWait) {
  CancellationToken cancel;
  CallOptions options;
  options.cancel = &cancel;
  RateLimiter limiter(0.1);  // one token per ten seconds
  limiter.acquire({});
  const auto start = std::chrono::steady_clock::now();
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(100));
    cancel.cancel();
  });
  try {
    limiter.acquire(options);
    FAIL();
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Cancelled);
  }
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));

  CancellationToken already;
  already.cancel();
  CallOptions cancelled;
  cancelled.cancel = &already;
  EXPECT_THROW(RateLimiter(0).acquire(cancelled), WorkspaceError);
}

TEST(RateLimiter, IsSafeUnderConcurrentUse) {
  RateLimiter limiter(1000);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 250; ++j) limiter.acquire({});
    });
  }
  const auto start = std::chrono::steady_clock::now();
  for (auto& th : threads) th.join();
  // 1000 requests at 1000/s with a burst of 1000: no long waits.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

}  // namespace
}  // namespace clxs::kernel::databricks
