#include "kernel/workspace/databricks/api_rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace clxs::kernel::databricks {
namespace {

// Waits are cut into slices so a cancellation is seen within one slice.
constexpr std::chrono::milliseconds kSlice{50};

void throwIfCancelled(const CallOptions& options) {
  if (options.cancel != nullptr && options.cancel->cancelled.load()) {
    throw WorkspaceError(WorkspaceErrorClass::Cancelled,
                         "request cancelled while waiting for the client rate limit");
  }
}

}  // namespace

RateLimiter::RateLimiter(double rate, Clock clock, Sleep sleep)
    : rate_(rate),
      burst_(std::max(1.0, rate)),
      clock_(std::move(clock)),
      sleep_(std::move(sleep)),
      tokens_(burst_),
      refilled_(now()) {}

std::chrono::steady_clock::time_point RateLimiter::now() const {
  return clock_ ? clock_() : std::chrono::steady_clock::now();
}

void RateLimiter::giveBack() {
  std::lock_guard lock(mu_);
  tokens_ = std::min(burst_, tokens_ + 1.0);
}

void RateLimiter::acquire(const CallOptions& options) {
  throwIfCancelled(options);
  if (rate_ <= 0) return;
  std::chrono::steady_clock::time_point ready;
  {
    // Reserve the token now (the balance may go negative) and wait outside the lock, so
    // callers queue in arrival order without holding each other up.
    std::lock_guard lock(mu_);
    const auto t = now();
    const double elapsed = std::chrono::duration<double>(t - refilled_).count();
    refilled_ = t;
    tokens_ = std::min(burst_, tokens_ + std::max(0.0, elapsed) * rate_);
    tokens_ -= 1.0;
    if (tokens_ >= 0) return;
    ready = t + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                    std::chrono::duration<double>(-tokens_ / rate_));
  }
  if (options.deadline && ready > *options.deadline) {
    giveBack();
    throw WorkspaceError(WorkspaceErrorClass::Timeout,
                         "deadline passed while waiting for the client rate limit");
  }
  for (auto t = now(); t < ready; t = now()) {
    if (options.cancel != nullptr && options.cancel->cancelled.load()) {
      giveBack();
      throwIfCancelled(options);
    }
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(ready - t);
    const auto slice = std::min(left, kSlice);
    if (sleep_) {
      sleep_(slice);
    } else {
      std::this_thread::sleep_for(slice);
    }
  }
}

}  // namespace clxs::kernel::databricks
