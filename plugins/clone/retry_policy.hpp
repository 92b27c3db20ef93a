// Which failures are worth another attempt, and how long to wait before it.
#pragma once

#include <chrono>
#include <string_view>

#include "clxs/workspace.hpp"

namespace clxs::clone {

/// Whether a failure is transient (network, throttling, 5xx, timeouts) and may succeed when
/// retried. Logical failures (missing objects, permissions, bad SQL, conflicts) never are.
bool isTransient(const WorkspaceError& error);

/// Exponential backoff with full jitter: a random delay in [base·2^(attempt-1) / 2,
/// base·2^(attempt-1)], capped at `cap`. `attempt` counts retries from 1.
std::chrono::milliseconds backoffDelay(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap);

}  // namespace clxs::clone
