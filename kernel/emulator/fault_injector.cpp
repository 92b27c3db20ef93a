#include "kernel/emulator/fault_injector.hpp"

namespace clxs::kernel::emulator {

namespace {

double uniform(std::mt19937_64& rng) {
  // 53 random bits give every double in [0, 1) the same chance, independent of the library's
  // distribution implementation, so seeds reproduce across standard libraries.
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

}  // namespace

FaultInjector::FaultInjector(FaultSettings settings, std::uint64_t seed)
    : settings_(settings), rng_(seed) {}

RequestFault FaultInjector::nextRequestFault() {
  std::lock_guard lock(mutex_);
  if (settings_.errorRate <= 0.0) return RequestFault::None;
  if (uniform(rng_) >= settings_.errorRate) return RequestFault::None;
  return (rng_() & 1U) == 0 ? RequestFault::Unavailable : RequestFault::RateLimited;
}

bool FaultInjector::nextStatementFails() {
  std::lock_guard lock(mutex_);
  if (settings_.failStatementRate <= 0.0) return false;
  return uniform(rng_) < settings_.failStatementRate;
}

double FaultInjector::draw() {
  std::lock_guard lock(mutex_);
  return uniform(rng_);
}

FaultSettings FaultInjector::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

void FaultInjector::setSettings(const FaultSettings& settings) {
  std::lock_guard lock(mutex_);
  settings_ = settings;
}

}  // namespace clxs::kernel::emulator
