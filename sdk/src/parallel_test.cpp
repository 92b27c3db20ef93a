#include "clxs/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace clxs {
namespace {

TEST(ParallelFor, RunsEveryIndexOnceWithBoundedConcurrency) {
  std::vector<std::atomic<int>> seen(100);
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  parallelFor(seen.size(), 4, [&](std::size_t i) {
    const int now = ++running;
    int p = peak.load();
    while (now > p && !peak.compare_exchange_weak(p, now)) {
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    ++seen[i];
    --running;
  });
  for (const auto& s : seen) EXPECT_EQ(s.load(), 1);
  EXPECT_LE(peak.load(), 4);
  EXPECT_GE(peak.load(), 2);
}

TEST(ParallelFor, NothingToDoAndOneWorkerAreFine) {
  int calls = 0;
  parallelFor(0, 8, [&](std::size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
  parallelFor(3, 0, [&](std::size_t) { ++calls; });
  EXPECT_EQ(calls, 3);
}

TEST(ParallelFor, RethrowsTheFirstFailureAfterStoppingNewWork) {
  std::atomic<int> started{0};
  // Each item takes a millisecond, so running all 1000 would take the other worker about
  // half a second after the failure: far longer than noticing the stop flag.
  EXPECT_THROW(parallelFor(1000, 2,
                           [&](std::size_t i) {
                             ++started;
                             if (i == 3) throw std::runtime_error("boom");
                             std::this_thread::sleep_for(std::chrono::milliseconds(1));
                           }),
               std::runtime_error);
  EXPECT_LT(started.load(), 1000);
}

TEST(ParallelFor, CancellationStopsAndThrowsCancelled) {
  CancellationToken token;
  std::atomic<int> started{0};
  try {
    parallelFor(
        1000, 3,
        [&](std::size_t i) {
          ++started;
          if (i == 5) token.cancel();
          // Later items wait for the cancellation: otherwise, on a loaded machine, the other
          // workers can run through all 1,000 before the one holding item 5 gets to cancel.
          const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
          while (i > 5 && !token.cancelled.load() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::yield();
          }
        },
        &token);
    FAIL() << "expected Cancelled";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Cancelled);
  }
  EXPECT_LT(started.load(), 1000);
}

}  // namespace
}  // namespace clxs
