// Seeded, thread-safe fault injection: extra latency, 503/429 answers and failed statement
// submissions, so clients prove their retry rules against the emulator.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>

namespace clxs::kernel::emulator {

/// Fault settings; each can be changed while the emulator runs.
struct FaultSettings {
  double errorRate = 0.0;          ///< fraction of /api/ requests answered 503 or 429
  double failStatementRate = 0.0;  ///< fraction of statement submissions ending FAILED
  int latencyMs = 0;               ///< delay added to every /api/ request
  int retryAfterS = 1;             ///< Retry-After of injected 503/429 answers
};

/// What to do with one request.
enum class RequestFault {
  None,         ///< serve it
  Unavailable,  ///< 503 TEMPORARILY_UNAVAILABLE
  RateLimited,  ///< 429 REQUEST_LIMIT_EXCEEDED
};

/// Draws faults from one seeded generator, so a run with the same seed and the same request
/// order injects the same faults.
class FaultInjector {
 public:
  FaultInjector(FaultSettings settings, std::uint64_t seed);

  /// The fault for the next /api/ request.
  RequestFault nextRequestFault();
  /// Whether the next statement submission fails without running.
  bool nextStatementFails();
  /// A uniform draw in [0, 1) from the same generator (empty list pages and the like).
  double draw();

  /// The settings in effect.
  [[nodiscard]] FaultSettings settings() const;
  /// Replaces the settings.
  void setSettings(const FaultSettings& settings);

 private:
  mutable std::mutex mutex_;
  FaultSettings settings_;
  std::mt19937_64 rng_;
};

}  // namespace clxs::kernel::emulator
