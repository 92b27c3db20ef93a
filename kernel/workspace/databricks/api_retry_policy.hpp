// When the client sends a failed request again and how long it waits first: the rules of the
// official Databricks SDKs (429/503 and known transient messages; transport failures by
// idempotency; never a plain 500) with their jittered backoff and an overall deadline.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "kernel/workspace/databricks/api_client.hpp"
#include "kernel/workspace/databricks/api_error.hpp"
#include "kernel/workspace/databricks/http_transport.hpp"

namespace clxs::kernel::databricks {

/// A retry the policy allows.
struct RetryDecision {
  std::chrono::milliseconds wait{0};  ///< pause before the next attempt
  std::string reason;                 ///< e.g. "HTTP 503", "connection reset"; no secrets
};

/// True when `message` holds one of the messages the SDKs treat as transient (worker
/// environment not ready, "Timed out after", REQUEST_LIMIT_EXCEEDED, ...).
bool isTransientMessage(std::string_view message);

/// Decides retries. Thread-safe when the jitter function is.
class RetryPolicy {
 public:
  /// `jitter` returns a value in [0,1); null means a random one.
  explicit RetryPolicy(std::function<double()> jitter = {});

  /// After attempt number `attempt` (1-based) answered `error`: 429 and 503 always (waiting
  /// Retry-After when the answer gave one); for idempotent requests also a transient message.
  [[nodiscard]] std::optional<RetryDecision> afterError(const ApiError& error,
                                                        Idempotency idempotency, int attempt) const;
  /// After attempt `attempt` failed without an answer: ConnectFailed always (the request was
  /// never sent); Reset and Timeout only for idempotent requests; Tls and Refused never.
  [[nodiscard]] std::optional<RetryDecision> afterFailure(TransportFailure failure,
                                                          Idempotency idempotency,
                                                          int attempt) const;
  /// min(attempt, 10) s plus 50-750 ms of jitter.
  [[nodiscard]] std::chrono::milliseconds backoff(int attempt) const;

 private:
  std::function<double()> jitter_;
};

/// The end of a call's retries: `budget` after `start` or the caller's deadline, whichever
/// comes first. A negative budget means no budget of its own.
class RetryDeadline {
 public:
  /// Which limit stops a wait.
  enum class Limit { None, Budget, CallDeadline };

  RetryDeadline(std::chrono::steady_clock::time_point start, std::chrono::seconds budget,
                std::optional<std::chrono::steady_clock::time_point> callDeadline);
  /// The limit that a wait of `wait` starting at `now` would run past (None: it fits).
  [[nodiscard]] Limit exceededBy(std::chrono::steady_clock::time_point now,
                                 std::chrono::milliseconds wait) const;
  /// Seconds of the budget (for messages).
  [[nodiscard]] std::chrono::seconds budget() const { return budget_; }

 private:
  std::chrono::seconds budget_;
  std::optional<std::chrono::steady_clock::time_point> budgetEnd_;
  std::optional<std::chrono::steady_clock::time_point> callDeadline_;
};

/// Waits `wait` before a retry: through `sleep` when set (tests), else a real sleep in short
/// slices. Returns false when `options.cancel` was set before or during the wait.
bool waitBeforeRetry(std::chrono::milliseconds wait, const CallOptions& options,
                     const std::function<void(std::chrono::milliseconds)>& sleep);

}  // namespace clxs::kernel::databricks
