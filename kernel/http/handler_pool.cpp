#include "kernel/http/handler_pool.hpp"

#include <algorithm>

namespace clxs::kernel {

HandlerPool::HandlerPool(std::size_t coreThreads, std::size_t maxThreads,
                         std::chrono::milliseconds idleExit, std::chrono::milliseconds stallAfter)
    : core_(std::max<std::size_t>(coreThreads, 1)),
      max_(std::max(maxThreads, std::max<std::size_t>(coreThreads, 1))),
      idleExit_(idleExit),
      stallAfter_(stallAfter) {
  std::lock_guard lock(mu_);
  for (std::size_t i = 0; i < core_; ++i) startThreadLocked();
  watcher_ = std::thread([this] { watch(); });
}

HandlerPool::~HandlerPool() {
  stop();
}

void HandlerPool::startThreadLocked() {
  // Reap threads that exited on idleness before adding one.
  for (auto id : exited_) {
    auto it = std::find_if(threads_.begin(), threads_.end(),
                           [id](const std::thread& t) { return t.get_id() == id; });
    if (it != threads_.end()) {
      it->join();
      threads_.erase(it);
    }
  }
  exited_.clear();
  ++alive_;
  threads_.emplace_back([this] { work(); });
}

void HandlerPool::submit(std::function<void()> task) {
  std::lock_guard lock(mu_);
  queue_.emplace_back(Clock::now(), std::move(task));
  if (idle_ > 0) cv_.notify_one();
  // More work than idle threads: the watcher times it (once; it keeps polling meanwhile).
  if (!watching_ && idle_ < queue_.size()) watchCv_.notify_one();
}

void HandlerPool::watch() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (queue_.empty()) {
      watching_ = false;
      watchCv_.wait(lock);
      continue;
    }
    watching_ = true;
    const auto waited = Clock::now() - queue_.front().first;
    if (waited >= stallAfter_) {
      // Every thread is busy (blocked in slow handlers, most likely): add one per task that
      // is waiting, so a quick request is not queued behind the slow ones.
      for (std::size_t n = queue_.size(); n > 0 && alive_ < max_; --n) startThreadLocked();
      watchCv_.wait_for(lock, stallAfter_);
    } else {
      watchCv_.wait_for(lock, stallAfter_ - std::min<Clock::duration>(waited, stallAfter_) +
                                  std::chrono::milliseconds(1));
    }
  }
}

std::size_t HandlerPool::threads() const {
  std::lock_guard lock(mu_);
  return alive_;
}

void HandlerPool::work() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (queue_.empty()) {
      if (stopping_) break;
      ++idle_;
      const bool woke =
          cv_.wait_for(lock, idleExit_, [this] { return !queue_.empty() || stopping_; });
      --idle_;
      if (!woke && alive_ > core_) break;  // idle extra thread: leave
      continue;
    }
    auto task = std::move(queue_.front().second);
    queue_.pop_front();
    lock.unlock();
    task();
    task = nullptr;  // release what the task captured before taking the lock
    lock.lock();
  }
  --alive_;
  if (!stopping_) exited_.push_back(std::this_thread::get_id());
}

void HandlerPool::stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    cv_.notify_all();
    watchCv_.notify_all();
    threads.swap(threads_);
  }
  if (watcher_.joinable()) watcher_.join();
  for (auto& t : threads) {
    if (t.joinable()) t.join();
  }
}

}  // namespace clxs::kernel
