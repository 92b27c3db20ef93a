// The threads that run request handlers. Handlers may block (a long SQL statement, a slow
// workspace), so when queued work has waited too long while every thread is busy, the pool
// grows past its core size, up to a bound, and the extra threads leave again once idle: slow
// calls never queue a fast one for long. A mere burst of quick requests does not grow it
// (more threads than cores only add context switches).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace clxs::kernel {

/// A bounded, elastic thread pool with a FIFO queue.
class HandlerPool {
 public:
  /// Keeps `coreThreads` alive and grows to `maxThreads` when the oldest queued task has waited
  /// `stallAfter` with no thread free; extra threads exit after `idleExit` without work.
  HandlerPool(std::size_t coreThreads, std::size_t maxThreads,
              std::chrono::milliseconds idleExit = std::chrono::seconds(30),
              std::chrono::milliseconds stallAfter = std::chrono::milliseconds(20));
  /// Runs what is queued, then joins every thread.
  ~HandlerPool();
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  /// Queues `task`; it runs on a pool thread in submission order with the other tasks.
  void submit(std::function<void()> task);
  /// Threads alive now.
  [[nodiscard]] std::size_t threads() const;
  /// Finishes queued tasks and joins the threads.
  void stop();

 private:
  using Clock = std::chrono::steady_clock;
  void work();
  void watch();
  void startThreadLocked();

  const std::size_t core_;
  const std::size_t max_;
  const std::chrono::milliseconds idleExit_;
  const std::chrono::milliseconds stallAfter_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable watchCv_;
  std::deque<std::pair<Clock::time_point, std::function<void()>>> queue_;
  std::thread watcher_;
  std::vector<std::thread> threads_;
  std::vector<std::thread::id> exited_;  // threads that left and wait to be joined
  std::size_t alive_ = 0;
  std::size_t idle_ = 0;
  bool stopping_ = false;
  bool watching_ = false;  // the watcher polls the queue's age (queue not empty)
};

}  // namespace clxs::kernel
