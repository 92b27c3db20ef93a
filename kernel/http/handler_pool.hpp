// The threads that run request handlers. Handlers may block (a long SQL statement, a slow
// workspace), so the pool grows past its core size while every thread is busy, up to a bound,
// and the extra threads leave again once idle: a few slow calls never queue a fast one.
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
  /// Keeps `coreThreads` alive and grows to `maxThreads` under load; extra threads exit after
  /// `idleExit` without work.
  HandlerPool(std::size_t coreThreads, std::size_t maxThreads,
              std::chrono::milliseconds idleExit = std::chrono::seconds(30));
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
  void work();
  void startThreadLocked();

  const std::size_t core_;
  const std::size_t max_;
  const std::chrono::milliseconds idleExit_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  std::vector<std::thread::id> exited_;  // threads that left and wait to be joined
  std::size_t alive_ = 0;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace clxs::kernel
