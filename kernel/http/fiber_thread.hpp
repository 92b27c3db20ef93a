// One thread that runs many fibers: the home of WebSocket handlers. A handler waiting for a
// frame parks its fiber with a deadline; the event loop wakes it when a frame arrives.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

namespace clxs::kernel {

class Fiber;

/// A cooperative scheduler on a thread of its own.
class FiberThread {
 public:
  using FiberId = std::uint64_t;
  using Clock = std::chrono::steady_clock;

  /// Each fiber gets `stackBytes` of stack.
  explicit FiberThread(std::size_t stackBytes);
  /// Waits for the fibers to end (stop() first makes that finite), then ends the thread.
  ~FiberThread();
  FiberThread(const FiberThread&) = delete;
  FiberThread& operator=(const FiberThread&) = delete;

  /// Runs `body` on a new fiber of this thread; while it runs, log lines carry `requestId`.
  FiberId spawn(std::function<void()> body, std::string requestId);
  /// From inside one of this thread's fibers: parks it until wake() or `deadline`.
  void park(Clock::time_point deadline);
  /// From any thread: makes the fiber runnable, or its next park() return at once.
  void wake(FiberId id);
  /// The fiber this thread is running (0 outside fibers).
  [[nodiscard]] FiberId running() const { return running_; }
  /// Fibers not yet finished.
  [[nodiscard]] std::size_t live() const;
  /// The scheduler running the calling fiber, or null outside fibers.
  static FiberThread* current();
  /// Ends the thread once no fiber is left.
  void stop();

 private:
  struct Slot {
    std::function<void()> body;  // until the fiber is created on this thread
    std::unique_ptr<Fiber> fiber;
    std::string requestId;
    bool parked = false;
    bool woken = false;
    std::multimap<Clock::time_point, FiberId>::iterator timer;
    bool hasTimer = false;
  };
  void run();

  std::size_t stackBytes_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<FiberId, Slot> fibers_;
  std::deque<FiberId> ready_;
  std::multimap<Clock::time_point, FiberId> timers_;
  FiberId nextId_ = 0;
  FiberId running_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace clxs::kernel
