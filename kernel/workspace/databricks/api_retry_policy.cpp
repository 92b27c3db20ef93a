#include "kernel/workspace/databricks/api_retry_policy.hpp"

#include <algorithm>
#include <array>
#include <random>
#include <regex>
#include <thread>

namespace clxs::kernel::databricks {
namespace {

constexpr std::array<std::string_view, 10> kTransientMessages = {
    "UnknownWorkerEnvironmentException",
    "does not have any associated worker environments",
    "There is no worker environment with id",
    "Unknown worker environment",
    "ClusterNotReadyException",
    "Timed out after ",
    "deadline exceeded",
    "REQUEST_LIMIT_EXCEEDED",
    "Please try again later or try a faster operation.",
    "RPC token bucket limit has been exceeded",
};

double randomUnit() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace

bool isTransientMessage(std::string_view message) {
  for (const auto pattern : kTransientMessages) {
    if (message.find(pattern) != std::string_view::npos) return true;
  }
  static const std::regex kWorkerEnvNotFound("worker env .* not found");
  return std::regex_search(message.begin(), message.end(), kWorkerEnvNotFound);
}

RetryPolicy::RetryPolicy(std::function<double()> jitter) : jitter_(std::move(jitter)) {}

std::chrono::milliseconds RetryPolicy::backoff(int attempt) const {
  const double unit = std::clamp(jitter_ ? jitter_() : randomUnit(), 0.0, 1.0);
  const auto jitterMs = static_cast<long long>(50 + unit * 700);
  return std::chrono::seconds(std::clamp(attempt, 1, 10)) + std::chrono::milliseconds(jitterMs);
}

std::optional<RetryDecision> RetryPolicy::afterError(const ApiError& error, Idempotency idempotency,
                                                     int attempt) const {
  const std::string status = "HTTP " + std::to_string(error.status);
  if (error.status == 429 || error.status == 503) {
    if (error.retryAfterGiven && error.retryAfter) {
      return RetryDecision{std::chrono::duration_cast<std::chrono::milliseconds>(*error.retryAfter),
                           status};
    }
    return RetryDecision{backoff(attempt), status};
  }
  // A transient message may come with a request that already ran in part; only a request
  // that can safely run twice is sent again.
  if (idempotency != Idempotency::Idempotent) return std::nullopt;
  if (isTransientMessage(error.message) || isTransientMessage(error.errorCode)) {
    return RetryDecision{backoff(attempt), status + " (transient)"};
  }
  return std::nullopt;
}

std::optional<RetryDecision> RetryPolicy::afterFailure(TransportFailure failure,
                                                       Idempotency idempotency, int attempt) const {
  switch (failure) {
    case TransportFailure::ConnectFailed:
      return RetryDecision{backoff(attempt), "connection failure"};
    case TransportFailure::Reset:
      if (idempotency != Idempotency::Idempotent) return std::nullopt;
      return RetryDecision{backoff(attempt), "connection reset"};
    case TransportFailure::Timeout:
      if (idempotency != Idempotency::Idempotent) return std::nullopt;
      return RetryDecision{backoff(attempt), "timeout"};
    case TransportFailure::Tls:
    case TransportFailure::Refused:
      return std::nullopt;
  }
  return std::nullopt;
}

RetryDeadline::RetryDeadline(std::chrono::steady_clock::time_point start,
                             std::chrono::seconds budget,
                             std::optional<std::chrono::steady_clock::time_point> callDeadline)
    : budget_(budget), callDeadline_(callDeadline) {
  if (budget.count() >= 0) budgetEnd_ = start + budget;
}

RetryDeadline::Limit RetryDeadline::exceededBy(std::chrono::steady_clock::time_point now,
                                               std::chrono::milliseconds wait) const {
  const auto resume = now + wait;
  // The caller's deadline wins a tie: its Timeout says more than a spent budget.
  if (callDeadline_ && resume >= *callDeadline_) return Limit::CallDeadline;
  if (budgetEnd_ && resume > *budgetEnd_) return Limit::Budget;
  return Limit::None;
}

bool waitBeforeRetry(std::chrono::milliseconds wait, const CallOptions& options,
                     const std::function<void(std::chrono::milliseconds)>& sleep) {
  const auto cancelled = [&] {
    return options.cancel != nullptr && options.cancel->cancelled.load();
  };
  if (cancelled()) return false;
  if (sleep) {
    sleep(wait);
    return !cancelled();
  }
  // Slices keep a cancelled call from sleeping out a long Retry-After.
  constexpr std::chrono::milliseconds kSlice{100};
  const auto end = std::chrono::steady_clock::now() + wait;
  for (auto now = std::chrono::steady_clock::now(); now < end;
       now = std::chrono::steady_clock::now()) {
    if (cancelled()) return false;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(kSlice, end - now));
  }
  return !cancelled();
}

}  // namespace clxs::kernel::databricks
