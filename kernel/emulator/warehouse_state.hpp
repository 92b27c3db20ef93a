// The emulated SQL warehouse's life cycle: RUNNING, STOPPED, and STARTING for a moment after
// a start, so clients see the states they poll for on a real workspace.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace clxs::kernel::emulator {

/// One warehouse's state. Thread-safe.
class WarehouseState {
 public:
  /// A RUNNING warehouse called `id` that takes `startDelay` to start.
  WarehouseState(std::string id, std::chrono::milliseconds startDelay);

  /// The warehouse id.
  [[nodiscard]] const std::string& id() const { return id_; }
  /// STARTING, RUNNING or STOPPED.
  [[nodiscard]] std::string state();
  /// Whether statements can run now.
  [[nodiscard]] bool running();
  /// Starts a STOPPED warehouse (STARTING, then RUNNING after the start delay); no-op
  /// otherwise.
  void start();
  /// Stops the warehouse.
  void stop();

 private:
  std::string id_;
  std::chrono::milliseconds startDelay_;
  std::mutex mutex_;
  enum class Phase { Running, Starting, Stopped } phase_ = Phase::Running;
  std::chrono::steady_clock::time_point runningAt_{};
  void settle();
};

}  // namespace clxs::kernel::emulator
