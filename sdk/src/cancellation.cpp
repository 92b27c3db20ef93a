#include "clxs/cancellation.hpp"

#include <utility>
#include <vector>

namespace clxs {

CancelCallback::~CancelCallback() {
  reset();
}

CancelCallback::CancelCallback(CancelCallback&& other) noexcept
    : token_(std::exchange(other.token_, nullptr)), id_(std::exchange(other.id_, 0)) {}

CancelCallback& CancelCallback::operator=(CancelCallback&& other) noexcept {
  if (this != &other) {
    reset();
    token_ = std::exchange(other.token_, nullptr);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

void CancelCallback::reset() {
  if (token_ != nullptr) token_->unregister(id_);
  token_ = nullptr;
  id_ = 0;
}

void CancellationToken::cancel() {
  std::vector<std::pair<std::uint64_t, std::function<void()>>> toRun;
  {
    std::lock_guard lock(mu_);
    if (cancelled.exchange(true)) return;
    toRun.assign(callbacks_.begin(), callbacks_.end());
  }
  cv_.notify_all();
  for (auto& [id, fn] : toRun) {
    {
      std::lock_guard lock(mu_);
      if (callbacks_.count(id) == 0) continue;  // unregistered meanwhile
      running_ = id;
    }
    try {
      fn();
    } catch (...) {  // a callback's failure must not stop the others
    }
    {
      std::lock_guard lock(mu_);
      running_ = 0;
    }
    doneCv_.notify_all();
  }
}

bool CancellationToken::waitFor(std::chrono::steady_clock::duration timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return cancelled.load(); });
}

CancelCallback CancellationToken::onCancel(std::function<void()> fn) {
  {
    std::lock_guard lock(mu_);
    if (!cancelled.load()) {
      const std::uint64_t id = nextId_++;
      callbacks_.emplace(id, std::move(fn));
      return CancelCallback(this, id);
    }
  }
  fn();
  return {};
}

void CancellationToken::unregister(std::uint64_t id) {
  std::unique_lock lock(mu_);
  callbacks_.erase(id);
  // A callback must not outlive its handle: wait while cancel() runs it elsewhere.
  doneCv_.wait(lock, [&] { return running_ != id; });
}

}  // namespace clxs
