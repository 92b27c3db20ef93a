// Shared by the job unit tests: a temporary data directory, a clock whose monotonic time
// the test moves, and polling helpers.
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include "clxs/clock.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::kernel::testing {

using clxs::testing::TempDir;

/// Wall time is real; monotonic time only moves when the test advances it.
class TestClock final : public Clock {
 public:
  [[nodiscard]] std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
  [[nodiscard]] std::chrono::steady_clock::time_point steadyNow() const override {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(steadyMs_.load()));
  }
  void advance(std::chrono::milliseconds d) { steadyMs_ += d.count(); }

 private:
  std::atomic<long long> steadyMs_{1000000};
};

/// Polls `pred` every 2 ms until it holds or `timeout` passes.
inline bool waitUntil(const std::function<bool()>& pred,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return pred();
}

}  // namespace clxs::kernel::testing
