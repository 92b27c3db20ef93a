// The emulated SQL warehouse's life cycle: RUNNING, STOPPED, and STARTING for a moment after
// a start, so clients see the states they poll for on a real workspace.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

namespace clxs::kernel::emulator {

/// One warehouse's state. Thread-safe.
class WarehouseState {
 public:
  /// A RUNNING warehouse called `id` that takes `startDelay` to start; with `count` > 1 the
  /// workspace lists more warehouses (`id`-2, `id`-3, ...) that share its engine and state,
  /// for clients that must choose one.
  WarehouseState(std::string id, std::chrono::milliseconds startDelay, int count = 1);

  /// The first warehouse's id.
  [[nodiscard]] const std::string& id() const { return id_; }
  /// Every warehouse id, the first one first.
  [[nodiscard]] const std::vector<std::string>& ids() const { return ids_; }
  /// Whether `id` names one of them.
  [[nodiscard]] bool knows(const std::string& id) const;
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
  std::vector<std::string> ids_;
  std::chrono::milliseconds startDelay_;
  std::mutex mutex_;
  enum class Phase { Running, Starting, Stopped } phase_ = Phase::Running;
  std::chrono::steady_clock::time_point runningAt_{};
  void settle();
};

}  // namespace clxs::kernel::emulator
