#include "plugins/clone/retry_policy.hpp"

#include <gtest/gtest.h>

namespace clxs::clone {
namespace {

using namespace std::chrono_literals;

TEST(RetryPolicy, OnlyTransientFailuresAreRetried) {
  EXPECT_TRUE(isTransient(WorkspaceError(WorkspaceErrorClass::Remote, "503 Service Unavailable")));
  EXPECT_TRUE(isTransient(WorkspaceError(WorkspaceErrorClass::Timeout, "deadline")));
  EXPECT_TRUE(isTransient(
      WorkspaceError(WorkspaceErrorClass::Conflict, "[DELTA_CONCURRENT_APPEND] lost a race")));
  EXPECT_FALSE(isTransient(
      WorkspaceError(WorkspaceErrorClass::Conflict, "[TABLE_OR_VIEW_ALREADY_EXISTS] t")));
  EXPECT_FALSE(isTransient(WorkspaceError(WorkspaceErrorClass::NotFound, "no such table")));
  EXPECT_FALSE(isTransient(WorkspaceError(WorkspaceErrorClass::PermissionDenied, "denied")));
  EXPECT_FALSE(isTransient(WorkspaceError(WorkspaceErrorClass::InvalidSql, "syntax")));
}

TEST(RetryPolicy, BackoffDoublesWithJitterAndIsCapped) {
  for (int i = 0; i < 50; ++i) {
    const auto first = backoffDelay(1, 100ms, 10s);
    EXPECT_GE(first, 50ms);
    EXPECT_LE(first, 100ms);
    const auto third = backoffDelay(3, 100ms, 10s);
    EXPECT_GE(third, 200ms);
    EXPECT_LE(third, 400ms);
    const auto late = backoffDelay(30, 100ms, 10s);
    EXPECT_GE(late, 5s);
    EXPECT_LE(late, 10s);
  }
}

}  // namespace
}  // namespace clxs::clone
