#include "kernel/http/fiber_thread.hpp"

#include "kernel/http/fiber.hpp"
#include "kernel/log/log_context.hpp"

namespace clxs::kernel {

namespace {
thread_local FiberThread* tFiberThread = nullptr;
}  // namespace

FiberThread::FiberThread(std::size_t stackBytes) : stackBytes_(stackBytes) {
  thread_ = std::thread([this] { run(); });
}

FiberThread::~FiberThread() {
  stop();
  if (thread_.joinable()) thread_.join();
}

FiberThread* FiberThread::current() {
  return tFiberThread;
}

FiberThread::FiberId FiberThread::spawn(std::function<void()> body, std::string requestId) {
  std::lock_guard lock(mu_);
  const FiberId id = ++nextId_;
  Slot& s = fibers_[id];
  s.body = std::move(body);
  s.requestId = std::move(requestId);
  ready_.push_back(id);
  cv_.notify_one();
  return id;
}

void FiberThread::park(Clock::time_point deadline) {
  Fiber* self = Fiber::current();
  {
    std::lock_guard lock(mu_);
    auto it = fibers_.find(running_);
    if (it == fibers_.end() || self == nullptr) return;
    Slot& s = it->second;
    if (s.woken) {  // a wake-up came between the caller's check and this park
      s.woken = false;
      return;
    }
    s.parked = true;
    s.timer = timers_.emplace(deadline, running_);
    s.hasTimer = true;
  }
  self->suspend();
}

void FiberThread::wake(FiberId id) {
  std::lock_guard lock(mu_);
  auto it = fibers_.find(id);
  if (it == fibers_.end()) return;
  Slot& s = it->second;
  if (!s.parked) {
    s.woken = true;
    return;
  }
  s.parked = false;
  if (s.hasTimer) timers_.erase(s.timer);
  s.hasTimer = false;
  ready_.push_back(id);
  cv_.notify_one();
}

std::size_t FiberThread::live() const {
  std::lock_guard lock(mu_);
  return fibers_.size();
}

void FiberThread::stop() {
  std::lock_guard lock(mu_);
  stopping_ = true;
  cv_.notify_one();
}

void FiberThread::run() {
  tFiberThread = this;
  std::unique_lock lock(mu_);
  for (;;) {
    const auto now = Clock::now();
    while (!timers_.empty() && timers_.begin()->first <= now) {
      const FiberId id = timers_.begin()->second;
      timers_.erase(timers_.begin());
      Slot& s = fibers_.at(id);
      s.hasTimer = false;
      s.parked = false;
      ready_.push_back(id);
    }
    if (ready_.empty()) {
      if (stopping_ && fibers_.empty()) break;
      if (timers_.empty()) {
        cv_.wait(lock);
      } else {
        // A copy: wake() may erase the timer while this waits.
        const Clock::time_point next = timers_.begin()->first;
        cv_.wait_until(lock, next);
      }
      continue;
    }
    const FiberId id = ready_.front();
    ready_.pop_front();
    auto it = fibers_.find(id);
    if (it == fibers_.end()) continue;
    Slot& s = it->second;
    // Created here so that the fiber's context is taken on the thread that runs it.
    if (!s.fiber) s.fiber = std::make_unique<Fiber>(std::move(s.body), stackBytes_);
    Fiber* fiber = s.fiber.get();
    const std::string requestId = s.requestId;
    running_ = id;
    lock.unlock();
    {
      // Fibers interleave on this thread: each run sees its own request id.
      LogScope scope(requestId, "");
      fiber->resume();
    }
    lock.lock();
    running_ = 0;
    if (fiber->finished()) {
      auto done = fibers_.find(id);
      if (done != fibers_.end()) {
        if (done->second.hasTimer) timers_.erase(done->second.timer);
        fibers_.erase(done);
      }
    }
  }
  tFiberThread = nullptr;
}

}  // namespace clxs::kernel
