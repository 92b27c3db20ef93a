#include "kernel/workspace/databricks/call_wait.hpp"

#include <algorithm>
#include <string>
#include <thread>

namespace clxs::kernel::databricks {

Interrupt interrupted(const CallOptions& options) {
  if (options.cancel != nullptr && options.cancel->cancelled.load()) return Interrupt::Cancelled;
  if (options.deadline && std::chrono::steady_clock::now() >= *options.deadline) {
    return Interrupt::Deadline;
  }
  return Interrupt::None;
}

void pause(std::chrono::milliseconds delay, const CallOptions& options) {
  // Short slices so that a cancellation is seen within a few milliseconds.
  constexpr std::chrono::milliseconds kSlice{10};
  auto until = std::chrono::steady_clock::now() + delay;
  if (options.deadline) until = std::min(until, *options.deadline);
  while (interrupted(options) == Interrupt::None) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= until) return;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(kSlice, until - now));
  }
}

void throwIfInterrupted(Interrupt interrupt, const std::string& what) {
  switch (interrupt) {
    case Interrupt::None:
      return;
    case Interrupt::Cancelled:
      throw WorkspaceError(WorkspaceErrorClass::Cancelled, what + " was cancelled");
    case Interrupt::Deadline:
      throw WorkspaceError(WorkspaceErrorClass::Timeout,
                           what + " did not finish before its deadline");
  }
}

}  // namespace clxs::kernel::databricks
