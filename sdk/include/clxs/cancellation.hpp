// Cooperative cancellation: a token that long work checks, waits on, or hooks a callback to
// (for example to interrupt a running statement), instead of polling in a thread of its own.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

#include "clxs/visibility.hpp"

namespace clxs {

class CancellationToken;

/// Keeps a callback registered with CancellationToken::onCancel(); unregisters it when
/// destroyed (waiting for it if it is running on another thread).
class CLXS_VISIBLE CancelCallback {
 public:
  CancelCallback() = default;
  CancelCallback(CancellationToken* token, std::uint64_t id) : token_(token), id_(id) {}
  ~CancelCallback();
  CancelCallback(CancelCallback&& other) noexcept;
  CancelCallback& operator=(CancelCallback&& other) noexcept;
  CancelCallback(const CancelCallback&) = delete;
  CancelCallback& operator=(const CancelCallback&) = delete;

 private:
  void reset();
  CancellationToken* token_ = nullptr;
  std::uint64_t id_ = 0;
};

/// Set once, never reset. Thread-safe.
class CLXS_VISIBLE CancellationToken {
 public:
  CancellationToken() = default;
  CancellationToken(const CancellationToken&) = delete;
  CancellationToken& operator=(const CancellationToken&) = delete;

  /// Whether cancellation was requested (read it between units of work). Only cancel()
  /// should set it: a direct store wakes no waiter and runs no callback.
  std::atomic<bool> cancelled{false};

  /// Requests cancellation: wakes every waitFor() and runs the callbacks, on this thread.
  void cancel();
  /// Sleeps up to `timeout`; returns true (early) when cancelled.
  bool waitFor(std::chrono::steady_clock::duration timeout);
  /// Calls `fn` once on cancellation: on the cancelling thread, or at once on this thread
  /// when cancelled already. Keep the returned handle while `fn`'s captures live.
  [[nodiscard]] CancelCallback onCancel(std::function<void()> fn);

 private:
  friend class CancelCallback;
  void unregister(std::uint64_t id);

  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::uint64_t, std::function<void()>> callbacks_;
  std::uint64_t nextId_ = 1;
  std::uint64_t running_ = 0;  // id of the callback cancel() is running (0: none)
  std::condition_variable doneCv_;
};

}  // namespace clxs
