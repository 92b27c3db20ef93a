// A stackful coroutine on its own small stack. WebSocket handlers are written as blocking
// loops (the SDK's WebSocketChannel::receive waits); running each on a fiber lets a few
// threads carry thousands of them, since a waiting handler parks its fiber, not a thread.
#pragma once

#include <ucontext.h>

#include <cstddef>
#include <functional>

namespace clxs::kernel {

/// Runs `body` on a private stack, switching back to the resumer at each suspend().
/// Not thread-safe: one thread at a time resumes a fiber, and a fiber is always resumed
/// by the thread that created it (thread-local state stays consistent).
class Fiber {
 public:
  /// `stackBytes` of address space is reserved; only the pages the body touches cost memory.
  Fiber(std::function<void()> body, std::size_t stackBytes);
  ~Fiber();
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  /// Runs the body until it suspends or ends.
  void resume();
  /// From inside the body: returns to the resumer until the next resume().
  void suspend();
  /// Whether the body has returned.
  [[nodiscard]] bool finished() const { return finished_; }
  /// The fiber running on this thread, or null.
  static Fiber* current();

 private:
  static void entry(unsigned hi, unsigned lo);
  void run();

  std::function<void()> body_;
  void* stack_ = nullptr;
  std::size_t stackBytes_ = 0;
  ucontext_t fiberContext_{};
  ucontext_t callerContext_{};
  bool finished_ = false;
  // AddressSanitizer's view of the stacks being switched (unused without it).
  void* fakeStack_ = nullptr;
  const void* callerStackBottom_ = nullptr;
  std::size_t callerStackSize_ = 0;
};

}  // namespace clxs::kernel
