#include "kernel/emulator/warehouse_state.hpp"

#include <algorithm>
#include <string>

namespace clxs::kernel::emulator {

WarehouseState::WarehouseState(std::string id, std::chrono::milliseconds startDelay, int count)
    : id_(std::move(id)), startDelay_(startDelay) {
  ids_.push_back(id_);
  for (int i = 2; i <= count; ++i) ids_.push_back(id_ + "-" + std::to_string(i));
}

bool WarehouseState::knows(const std::string& id) const {
  return std::find(ids_.begin(), ids_.end(), id) != ids_.end();
}

void WarehouseState::settle() {
  if (phase_ == Phase::Starting && std::chrono::steady_clock::now() >= runningAt_) {
    phase_ = Phase::Running;
  }
}

std::string WarehouseState::state() {
  std::lock_guard lock(mutex_);
  settle();
  switch (phase_) {
    case Phase::Running:
      return "RUNNING";
    case Phase::Starting:
      return "STARTING";
    case Phase::Stopped:
      break;
  }
  return "STOPPED";
}

bool WarehouseState::running() {
  std::lock_guard lock(mutex_);
  settle();
  return phase_ == Phase::Running;
}

void WarehouseState::start() {
  std::lock_guard lock(mutex_);
  if (phase_ != Phase::Stopped) return;
  phase_ = Phase::Starting;
  runningAt_ = std::chrono::steady_clock::now() + startDelay_;
}

void WarehouseState::stop() {
  std::lock_guard lock(mutex_);
  phase_ = Phase::Stopped;
}

}  // namespace clxs::kernel::emulator
