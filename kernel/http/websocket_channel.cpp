#include "kernel/http/websocket_channel.hpp"

#include <chrono>
#include <stdexcept>

#include "kernel/http/connection.hpp"
#include "kernel/http/event_loop.hpp"
#include "kernel/http/websocket_frame_parser.hpp"

namespace clxs::kernel {

FiberWebSocketChannel::FiberWebSocketChannel(EventLoop& loop, std::weak_ptr<Connection> connection,
                                             std::size_t maxQueuedBytes, bool raw)
    : loop_(loop), connection_(std::move(connection)), maxQueuedBytes_(maxQueuedBytes), raw_(raw) {}

void FiberWebSocketChannel::attach() {
  std::lock_guard lock(mu_);
  thread_ = FiberThread::current();
  if (thread_ != nullptr) fiber_ = thread_->running();
}

void FiberWebSocketChannel::finish() {
  markClosed();
  loop_.post([c = connection_] {
    if (auto conn = c.lock()) conn->onSocketHandlerDone();
  });
}

bool FiberWebSocketChannel::send(const std::string& text) {
  if (closed()) return false;
  std::string frame = raw_ ? text : WebSocketFrameParser::encode(WsOpcode::Text, text);
  const std::size_t size = frame.size();
  if (queued_.fetch_add(size) + size > maxQueuedBytes_) {
    // The reader is too slow: end the connection instead of buffering without bound.
    markClosed();
    loop_.post([c = connection_] {
      if (auto conn = c.lock()) conn->closeWebSocket(WsCloseCode::PolicyViolation);
    });
    return false;
  }
  loop_.post([c = connection_, f = std::move(frame)] {
    if (auto conn = c.lock()) conn->writeWebSocket(f);
  });
  return true;
}

std::optional<std::string> FiberWebSocketChannel::receive(int timeoutMs) {
  const auto deadline = FiberThread::Clock::now() + std::chrono::milliseconds(timeoutMs);
  for (;;) {
    {
      std::unique_lock lock(mu_);
      if (!inbox_.empty()) {
        std::string m = std::move(inbox_.front());
        inbox_.pop_front();
        return m;
      }
      if (closed()) throw std::runtime_error("websocket closed");
      if (FiberThread::Clock::now() >= deadline) return std::nullopt;
      if (thread_ == nullptr || FiberThread::current() != thread_) {
        cv_.wait_until(lock, deadline);
        continue;
      }
    }
    thread_->park(deadline);
  }
}

void FiberWebSocketChannel::wakeLocked() {
  if (thread_ != nullptr) thread_->wake(fiber_);
  cv_.notify_all();
}

void FiberWebSocketChannel::deliver(std::string message) {
  std::lock_guard lock(mu_);
  inbox_.push_back(std::move(message));
  wakeLocked();
}

void FiberWebSocketChannel::markClosed() {
  std::lock_guard lock(mu_);
  closed_ = true;
  wakeLocked();
}

void FiberWebSocketChannel::written(std::size_t bytes) {
  auto cur = queued_.load();
  while (!queued_.compare_exchange_weak(cur, cur > bytes ? cur - bytes : 0)) {
  }
}

}  // namespace clxs::kernel
