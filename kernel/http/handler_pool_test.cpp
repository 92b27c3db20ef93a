#include "kernel/http/handler_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>

namespace clxs::kernel {
namespace {

using namespace std::chrono_literals;

TEST(HandlerPool, BlockedThreadsDoNotQueueAQuickTaskForLong) {
  HandlerPool pool(2, 64, 30s, 10ms);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::atomic<int> blocked{0};
  for (int i = 0; i < 20; ++i) {
    pool.submit([gate, &blocked] {
      ++blocked;
      gate.wait();
    });
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::promise<void> quick;
  pool.submit([&quick] { quick.set_value(); });
  EXPECT_EQ(quick.get_future().wait_for(2s), std::future_status::ready);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
  EXPECT_LE(pool.threads(), 64u);
  release.set_value();
}

TEST(HandlerPool, QuickBurstsDoNotGrowThePool) {
  HandlerPool pool(2, 64, 30s, 200ms);
  std::atomic<int> done{0};
  for (int i = 0; i < 10000; ++i) pool.submit([&done] { ++done; });
  while (done.load() < 10000) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(pool.threads(), 2u);
}

TEST(HandlerPool, StopRunsWhatIsQueued) {
  std::atomic<int> done{0};
  {
    HandlerPool pool(1, 1);
    for (int i = 0; i < 100; ++i) pool.submit([&done] { ++done; });
  }
  EXPECT_EQ(done.load(), 100);
}

}  // namespace
}  // namespace clxs::kernel
