#include "clxs/cancellation.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace clxs {
namespace {

using std::chrono::milliseconds;

TEST(CancellationToken, WakesWaitersAndRunsCallbacksOnce) {
  CancellationToken token;
  std::atomic<int> calls{0};
  auto registration = token.onCancel([&] { ++calls; });
  EXPECT_FALSE(token.waitFor(milliseconds(1)));
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(20));
    token.cancel();
  });
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(token.waitFor(std::chrono::seconds(30)));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  canceller.join();
  token.cancel();
  EXPECT_EQ(calls.load(), 1);
  EXPECT_TRUE(token.cancelled.load());
}

TEST(CancellationToken, ACallbackAddedAfterCancellationRunsAtOnce) {
  CancellationToken token;
  token.cancel();
  bool ran = false;
  auto registration = token.onCancel([&] { ran = true; });
  EXPECT_TRUE(ran);
}

TEST(CancellationToken, AnUnregisteredCallbackNeverRuns) {
  CancellationToken token;
  bool ran = false;
  {
    auto registration = token.onCancel([&] { ran = true; });
  }
  token.cancel();
  EXPECT_FALSE(ran);
}

}  // namespace
}  // namespace clxs
