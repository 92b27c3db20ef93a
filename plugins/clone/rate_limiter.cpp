#include "plugins/clone/rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace clxs::clone {

RateLimiter::RateLimiter(double rate)
    : RateLimiter(
          rate, [] { return std::chrono::steady_clock::now(); },
          [](std::chrono::steady_clock::duration d) { std::this_thread::sleep_for(d); }) {}

RateLimiter::RateLimiter(double rate, NowFn now, SleepFn sleep)
    : rate_(rate),
      // A full bucket at the start would let a burst of `rate` statements through at once,
      // which breaks the promise over a short run; start with a single token.
      capacity_(std::max(1.0, rate)),
      tokens_(1.0),
      now_(std::move(now)),
      sleep_(std::move(sleep)) {
  last_ = now_();
}

bool RateLimiter::acquire(const std::function<bool()>& cancelled) {
  if (rate_ <= 0) return true;
  // Waiters take turns: holding the lock while sleeping keeps the order fair and the
  // arithmetic simple; the wait of each is at most one token's worth.
  std::lock_guard lock(mu_);
  for (;;) {
    const auto now = now_();
    const double elapsed = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    tokens_ = std::min(capacity_, tokens_ + elapsed * rate_);
    if (tokens_ >= 1.0) {
      tokens_ -= 1.0;
      return true;
    }
    if (cancelled && cancelled()) return false;
    const double wait = (1.0 - tokens_) / rate_;
    // Wake at least every 100 ms to notice cancellation.
    sleep_(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(std::min(wait, 0.1))));
  }
}

}  // namespace clxs::clone
