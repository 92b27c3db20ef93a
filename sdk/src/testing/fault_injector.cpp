// Fault injection as a call interceptor.
#include "clxs/testing/fault_injector.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <utility>

namespace clxs::testing {
namespace {

using Clock = std::chrono::steady_clock;

// Cancellation is noticed within this much of being requested.
constexpr auto kCancelPoll = std::chrono::milliseconds(5);

std::uint64_t seedOf(const FaultSettings& s) {
  if (s.seed) return *s.seed;
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

}  // namespace

FaultInjector::FaultInjector(FaultSettings settings)
    : settings_(std::move(settings)), rng_(seedOf(settings_)) {
  if (!(settings_.transientRate >= 0 && settings_.transientRate <= 1)) {
    throw std::invalid_argument("FaultInjector: transientRate must be in [0, 1]");
  }
}

std::shared_ptr<FaultInjector> FaultInjector::install(Workspace& workspace,
                                                      FaultSettings settings) {
  auto injector = std::make_shared<FaultInjector>(std::move(settings));
  workspace.intercept(injector);
  return injector;
}

FaultCounters FaultInjector::counters() const {
  return {calls_.load(), forwarded_.load(), transient_.load(), permanent_.load(),
          interrupted_.load()};
}

void FaultInjector::wait(const CallOptions& options) {
  const auto until = Clock::now() + settings_.latency;
  auto cancelled = [&] { return options.cancel != nullptr && options.cancel->cancelled.load(); };
  for (;;) {
    if (cancelled()) {
      ++interrupted_;
      throw WorkspaceError(WorkspaceErrorClass::Cancelled, "Cancelled during injected latency");
    }
    const auto now = Clock::now();
    if (options.deadline && *options.deadline <= now && *options.deadline < until) {
      ++interrupted_;
      throw WorkspaceError(WorkspaceErrorClass::Timeout, "Deadline passed during injected latency");
    }
    if (now >= until) return;
    auto next = std::min(until, now + kCancelPoll);
    if (options.deadline) next = std::min(next, *options.deadline);
    // Sleeping to an absolute time point keeps the total wait at `latency` however many
    // polls it takes.
    std::this_thread::sleep_until(next);
  }
}

bool FaultInjector::drawTransient(std::string_view call) {
  if (settings_.transientRate <= 0) return false;
  if (settings_.transientCalls && !settings_.transientCalls(call)) return false;
  std::lock_guard lock(rngMu_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < settings_.transientRate;
}

void FaultInjector::before(const WorkspaceCall& workspaceCall) {
  ++calls_;
  wait(workspaceCall.options);
  const auto text = workspaceCall.describe();
  const std::string_view call = text;
  if (drawTransient(call)) {
    ++transient_;
    throw WorkspaceError(WorkspaceErrorClass::Remote,
                         "[TEMPORARILY_UNAVAILABLE] injected transient failure of " +
                             std::string(call.substr(0, 200)));
  }
  if (settings_.permanentFailure && settings_.permanentFailure(call)) {
    ++permanent_;
    throw WorkspaceError(settings_.permanentClass,
                         "injected permanent failure of " + std::string(call.substr(0, 200)));
  }
  ++forwarded_;
}

}  // namespace clxs::testing
