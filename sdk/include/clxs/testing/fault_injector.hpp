// A workspace decorator for tests and benchmarks that injects latency and failures into every
// call of every service, so a plugin can check that it retries what is transient and reports
// what is not.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/visibility.hpp"
#include "clxs/workspace.hpp"

namespace clxs::testing {

/// What a FaultInjector injects.
struct FaultSettings {
  /// Delay before every call (statements and metadata calls alike), as a remote workspace's
  /// round trip. The wait honours CallOptions::cancel (Cancelled) and CallOptions::deadline
  /// (Timeout).
  std::chrono::steady_clock::duration latency{0};
  /// Probability in [0, 1] that a call fails with WorkspaceError(Remote,
  /// "[TEMPORARILY_UNAVAILABLE] ...") after its latency, without reaching the
  /// service.
  double transientRate = 0;
  /// Selects the calls that may fail transiently (given the same text as permanentFailure).
  /// Empty: every call may.
  std::function<bool(std::string_view call)> transientCalls;
  /// Selects the calls that always fail (unless a transient failure came first), without
  /// reaching the service. It is given WorkspaceCall::describe(): the statement text for SQL,
  /// otherwise the method name then its arguments separated by spaces, e.g. "tables main
  /// sales", "grants TABLE main.sales.orders", "readFile /Volumes/main/sales/landing/a.csv".
  /// Empty: nothing fails permanently.
  std::function<bool(std::string_view call)> permanentFailure;
  /// Class of the permanent failures (PermissionDenied, InvalidSql, NotFound, ...).
  WorkspaceErrorClass permanentClass = WorkspaceErrorClass::PermissionDenied;
  /// Seed of the random draws. With a seed, a caller that makes its calls one at a time sees
  /// the same failures on every run; concurrent callers share one sequence of draws, so
  /// which call gets which draw depends on their interleaving. Without one the seed is
  /// random.
  std::optional<std::uint64_t> seed;
};

/// Counts of what a FaultInjector did, since it was made.
struct FaultCounters {
  std::int64_t calls = 0;                ///< every call, failed or not
  std::int64_t forwarded = 0;            ///< calls let through to the service
  std::int64_t injectedTransient = 0;    ///< transient failures injected
  std::int64_t injectedPermanent = 0;    ///< permanent failures injected
  std::int64_t cancelledOrTimedOut = 0;  ///< calls ended during their latency
};

/// Sees every call of every service of the workspaces it is installed on (as a
/// CallInterceptor) and, on each, waits `latency`, then fails at random with a transient
/// error or, for selected calls, with a permanent one; otherwise lets the call through.
/// Thread-safe. Not for production use: it exists for unit tests and benchmarks.
class CLXS_VISIBLE FaultInjector final : public CallInterceptor {
 public:
  /// An injector of the faults of `settings` (std::invalid_argument when they are invalid).
  explicit FaultInjector(FaultSettings settings);

  /// Makes an injector and installs it on `workspace`.
  static std::shared_ptr<FaultInjector> install(Workspace& workspace, FaultSettings settings);

  /// Counts so far (each figure is read atomically; together they are a near snapshot).
  [[nodiscard]] FaultCounters counters() const;

  /// Waits, then throws the fault `call` draws, if any; counts the call as forwarded if not.
  void before(const WorkspaceCall& call) override;

 private:
  void wait(const CallOptions& options);
  bool drawTransient(std::string_view call);

  FaultSettings settings_;
  std::mutex rngMu_;
  std::mt19937_64 rng_;
  std::atomic<std::int64_t> calls_{0};
  std::atomic<std::int64_t> forwarded_{0};
  std::atomic<std::int64_t> transient_{0};
  std::atomic<std::int64_t> permanent_{0};
  std::atomic<std::int64_t> interrupted_{0};
};

}  // namespace clxs::testing
