// A token bucket shared by every worker of a run, so max_rps bounds the whole run.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>

namespace clxs::clone {

/// Admits at most `rate` acquisitions per second on average, with bursts of at most one
/// second's worth (at least one token). A rate of 0 admits everything at once.
class RateLimiter {
 public:
  /// Sleep function (tests inject a fake clock).
  using SleepFn = std::function<void(std::chrono::steady_clock::duration)>;
  /// Monotonic time source.
  using NowFn = std::function<std::chrono::steady_clock::time_point()>;

  /// A limiter at `rate` per second using the real clock.
  explicit RateLimiter(double rate);
  /// A limiter with injected time (tests).
  RateLimiter(double rate, NowFn now, SleepFn sleep);

  /// Blocks until a token is available, then takes it. `cancelled` is polled while
  /// waiting; returns false (without a token) when it turns true.
  bool acquire(const std::function<bool()>& cancelled = {});

 private:
  double rate_;
  double capacity_;
  double tokens_;
  std::chrono::steady_clock::time_point last_;
  NowFn now_;
  SleepFn sleep_;
  std::mutex mu_;
};

}  // namespace clxs::clone
