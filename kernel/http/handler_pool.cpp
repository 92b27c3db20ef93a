#include "kernel/http/handler_pool.hpp"

#include <algorithm>

namespace clxs::kernel {

HandlerPool::HandlerPool(std::size_t coreThreads, std::size_t maxThreads,
                         std::chrono::milliseconds idleExit)
    : core_(std::max<std::size_t>(coreThreads, 1)),
      max_(std::max(maxThreads, std::max<std::size_t>(coreThreads, 1))),
      idleExit_(idleExit) {
  std::lock_guard lock(mu_);
  for (std::size_t i = 0; i < core_; ++i) startThreadLocked();
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
  queue_.push_back(std::move(task));
  if (idle_ < queue_.size() && alive_ < max_ && !stopping_) startThreadLocked();
  cv_.notify_one();
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
    auto task = std::move(queue_.front());
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
    threads.swap(threads_);
  }
  for (auto& t : threads) {
    if (t.joinable()) t.join();
  }
}

}  // namespace clxs::kernel
