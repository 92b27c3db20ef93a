// clxs::WebSocketChannel for the event-driven front end. The route's handler runs on a fiber:
// receive() parks the fiber (not a thread) until a frame arrives; send() queues the frame for
// the event loop, which does all socket I/O. A reader that falls behind by more than the
// queue bound is disconnected with close code 1008 rather than grow the server's memory.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "clxs/routes.hpp"
#include "kernel/http/fiber_thread.hpp"

namespace clxs::kernel {

class Connection;
class EventLoop;

/// Text-frame channel shared by a handler's fiber and the event loop.
class FiberWebSocketChannel final : public WebSocketChannel {
 public:
  /// Frames go to `connection` through `loop`; at most `maxQueuedBytes` may wait unsent. A
  /// `raw` channel carries a streamed response: send() writes the bytes as they are.
  FiberWebSocketChannel(EventLoop& loop, std::weak_ptr<Connection> connection,
                        std::size_t maxQueuedBytes, bool raw = false);

  // The handler's side (its fiber).
  bool send(const std::string& text) override;
  std::optional<std::string> receive(int timeoutMs) override;
  [[nodiscard]] bool closed() const override { return closed_.load(); }
  /// Called on the handler's fiber before the handler runs, so wake-ups find it.
  void attach();
  /// Called when the handler returned: the connection sends its close frame.
  void finish();

  // The event loop's side.
  /// A text or binary message from the peer.
  void deliver(std::string message);
  /// The peer closed, the connection failed or the server is stopping.
  void markClosed();
  /// `bytes` of queued frames reached the socket.
  void written(std::size_t bytes);

 private:
  void wakeLocked();

  EventLoop& loop_;
  std::weak_ptr<Connection> connection_;
  const std::size_t maxQueuedBytes_;
  const bool raw_;
  std::atomic<std::size_t> queued_{0};
  std::atomic<bool> closed_{false};
  std::mutex mu_;
  std::condition_variable cv_;  // for a handler not on a fiber (tests, fallbacks)
  std::deque<std::string> inbox_;
  FiberThread* thread_ = nullptr;
  FiberThread::FiberId fiber_ = 0;
};

}  // namespace clxs::kernel
