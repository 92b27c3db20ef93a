#include "kernel/workspace/databricks/api_retry_policy.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace clxs::kernel::databricks {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

ApiError error(int status, std::string code = "", std::string message = "m",
               std::optional<seconds> retryAfter = std::nullopt) {
  ApiError e;
  e.status = status;
  e.errorCode = std::move(code);
  e.message = std::move(message);
  e.retryAfterGiven = retryAfter.has_value();
  e.retryAfter = retryAfter
                     ? retryAfter
                     : (status == 429 || status == 503 ? std::optional(seconds(1)) : std::nullopt);
  return e;
}

TEST(RetryPolicy, BacksOffLinearlyUpToTenSecondsWithJitter) {
  const RetryPolicy low([] { return 0.0; });
  const RetryPolicy high([] { return 0.999999; });
  EXPECT_EQ(low.backoff(1), milliseconds(1050));
  EXPECT_EQ(low.backoff(3), milliseconds(3050));
  EXPECT_EQ(low.backoff(25), milliseconds(10050));
  EXPECT_EQ(high.backoff(1), milliseconds(1749));
  const RetryPolicy random;
  for (int i = 0; i < 100; ++i) {
    const auto b = random.backoff(2);
    EXPECT_GE(b, milliseconds(2050));
    EXPECT_LE(b, milliseconds(2750));
  }
}

TEST(RetryPolicy, Retries429And503ForEveryRequest) {
  const RetryPolicy p([] { return 0.0; });
  for (const auto idem : {Idempotency::Idempotent, Idempotency::NonIdempotent}) {
    const auto a = p.afterError(error(429), idem, 1);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->wait, milliseconds(1050));
    EXPECT_EQ(a->reason, "HTTP 429");
    const auto b = p.afterError(error(503, "", "m", seconds(7)), idem, 4);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->wait, seconds(7));
    EXPECT_EQ(b->reason, "HTTP 503");
  }
}

TEST(RetryPolicy, NeverRetriesAPlain500OrClientErrors) {
  const RetryPolicy p([] { return 0.0; });
  for (const int status : {400, 401, 403, 404, 409, 500, 501, 502, 504}) {
    EXPECT_FALSE(p.afterError(error(status), Idempotency::Idempotent, 1)) << status;
  }
}

TEST(RetryPolicy, RetriesTransientMessagesOfIdempotentRequests) {
  const RetryPolicy p([] { return 0.0; });
  const char* transient[] = {
      "UnknownWorkerEnvironmentException: x",
      "Cluster 1 does not have any associated worker environments",
      "There is no worker environment with id 5",
      "Unknown worker environment abc",
      "ClusterNotReadyException",
      "worker env WE-123 not found",
      "Timed out after 30s",
      "rpc deadline exceeded",
      "REQUEST_LIMIT_EXCEEDED: too many",
      "Please try again later or try a faster operation.",
      "RPC token bucket limit has been exceeded",
  };
  for (const char* m : transient) {
    const auto d = p.afterError(error(500, "", m), Idempotency::Idempotent, 2);
    ASSERT_TRUE(d) << m;
    EXPECT_EQ(d->wait, milliseconds(2050));
    EXPECT_FALSE(p.afterError(error(500, "", m), Idempotency::NonIdempotent, 2)) << m;
  }
  EXPECT_TRUE(
      p.afterError(error(400, "REQUEST_LIMIT_EXCEEDED", "slow down"), Idempotency::Idempotent, 1));
  EXPECT_FALSE(isTransientMessage("worker environment ready"));
  EXPECT_FALSE(isTransientMessage("Table not found"));
}

TEST(RetryPolicy, TransportFailuresByIdempotency) {
  const RetryPolicy p([] { return 0.5; });
  const auto connect =
      p.afterFailure(TransportFailure::ConnectFailed, Idempotency::NonIdempotent, 1);
  ASSERT_TRUE(connect);
  EXPECT_EQ(connect->wait, milliseconds(1400));
  EXPECT_EQ(connect->reason, "connection failure");
  EXPECT_TRUE(p.afterFailure(TransportFailure::Reset, Idempotency::Idempotent, 1));
  EXPECT_TRUE(p.afterFailure(TransportFailure::Timeout, Idempotency::Idempotent, 1));
  EXPECT_FALSE(p.afterFailure(TransportFailure::Reset, Idempotency::NonIdempotent, 1));
  EXPECT_FALSE(p.afterFailure(TransportFailure::Timeout, Idempotency::NonIdempotent, 1));
  for (const auto idem : {Idempotency::Idempotent, Idempotency::NonIdempotent}) {
    EXPECT_FALSE(p.afterFailure(TransportFailure::Tls, idem, 1));
    EXPECT_FALSE(p.afterFailure(TransportFailure::Refused, idem, 1));
  }
}

TEST(RetryDeadline, StopsAtTheBudgetOrTheCallDeadline) {
  const auto t0 = std::chrono::steady_clock::time_point{} + seconds(1000);
  const RetryDeadline budgetOnly(t0, seconds(10), std::nullopt);
  EXPECT_EQ(budgetOnly.exceededBy(t0 + seconds(5), seconds(5)), RetryDeadline::Limit::None);
  EXPECT_EQ(budgetOnly.exceededBy(t0 + seconds(5), milliseconds(5001)),
            RetryDeadline::Limit::Budget);

  const RetryDeadline both(t0, seconds(10), t0 + seconds(3));
  EXPECT_EQ(both.exceededBy(t0, seconds(2)), RetryDeadline::Limit::None);
  EXPECT_EQ(both.exceededBy(t0, seconds(3)), RetryDeadline::Limit::CallDeadline);

  const RetryDeadline forever(t0, seconds(-1), std::nullopt);
  EXPECT_EQ(forever.exceededBy(t0 + seconds(100000), seconds(10)), RetryDeadline::Limit::None);
}

TEST(WaitBeforeRetry, UsesTheInjectedSleepAndSeesCancellation) {
  CancellationToken cancel;
  CallOptions options;
  options.cancel = &cancel;
  milliseconds slept{0};
  EXPECT_TRUE(waitBeforeRetry(milliseconds(1500), options, [&](milliseconds d) { slept += d; }));
  EXPECT_EQ(slept, milliseconds(1500));
  EXPECT_FALSE(waitBeforeRetry(milliseconds(10), options, [&](milliseconds) { cancel.cancel(); }));
  EXPECT_FALSE(waitBeforeRetry(milliseconds(10), options, {}));
}

TEST(WaitBeforeRetry, RealSleepEndsEarlyOnCancellation) {
  CancellationToken cancel;
  CallOptions options;
  options.cancel = &cancel;
  const auto start = std::chrono::steady_clock::now();
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(150));
    cancel.cancel();
  });
  EXPECT_FALSE(waitBeforeRetry(seconds(30), options, {}));
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, seconds(5));
}

}  // namespace
}  // namespace clxs::kernel::databricks
