// Waiting inside a call without ignoring the caller: every wait wakes up for cancellation
// and never runs past the call's deadline.
#pragma once

#include <chrono>

#include "clxs/workspace.hpp"

namespace clxs::kernel::databricks {

/// Why a call must stop now.
enum class Interrupt {
  None,       ///< go on
  Cancelled,  ///< the caller's cancellation token is set
  Deadline,   ///< the caller's deadline has passed
};

/// Whether `options` asks the call to stop now.
Interrupt interrupted(const CallOptions& options);

/// Sleeps up to `delay`, returning early when the call is cancelled or its deadline comes.
void pause(std::chrono::milliseconds delay, const CallOptions& options);

/// Throws WorkspaceError Cancelled or Timeout for an interrupt (nothing for None); `what`
/// names the call in the message.
void throwIfInterrupted(Interrupt interrupt, const std::string& what);

}  // namespace clxs::kernel::databricks
