// A clock tests move by hand.
#pragma once

#include <chrono>

#include "clxs/clock.hpp"

namespace clxs::testing {

/// Starts at a fixed instant; advance() moves both wall and monotonic time.
class ManualClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return wall_; }
  std::chrono::steady_clock::time_point steadyNow() const override { return steady_; }
  /// Moves time forward.
  void advance(std::chrono::steady_clock::duration d) {
    wall_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(d);
    steady_ += d;
  }

 private:
  std::chrono::system_clock::time_point wall_{std::chrono::seconds(1'800'000'000)};
  std::chrono::steady_clock::time_point steady_{std::chrono::hours(1000)};
};

}  // namespace clxs::testing
