// The client-wide request rate limit of the Databricks SDKs: a token bucket of `rate`
// requests per second holding at most `rate` tokens.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>

#include "clxs/workspace.hpp"

namespace clxs::kernel::databricks {

/// Token bucket shared by every request of one client. Thread-safe.
class RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  using Sleep = std::function<void(std::chrono::milliseconds)>;

  /// `rate` requests per second (burst `rate`, at least 1); zero or less means no limit.
  /// `clock` and `sleep` default to the steady clock and a real sleep (tests pin both).
  explicit RateLimiter(double rate, Clock clock = {}, Sleep sleep = {});

  /// Takes one token, waiting for it. Throws WorkspaceError Cancelled when `options.cancel`
  /// is set, before or while waiting, and Timeout when the token would come after
  /// `options.deadline`.
  void acquire(const CallOptions& options);

 private:
  [[nodiscard]] std::chrono::steady_clock::time_point now() const;
  void giveBack();

  double rate_;
  double burst_;
  Clock clock_;
  Sleep sleep_;
  std::mutex mu_;
  double tokens_;
  std::chrono::steady_clock::time_point refilled_;
};

}  // namespace clxs::kernel::databricks
