// One client connection as the event loop sees it: reads a request until it is complete
// (bounded by the header and body timeouts and the body cap), hands it to the handler pool,
// writes the answer, then parses the next pipelined request; or, once upgraded, carries
// WebSocket frames between the socket and the handler's channel. The loop thread and the
// handler thread that answers take turns under the connection's mutex: the handler writes its
// answer itself, which saves waking the loop for every response. An idle connection holds no
// thread and only a few hundred bytes.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "kernel/http/connection_host.hpp"
#include "kernel/http/http_parser.hpp"
#include "kernel/http/websocket_frame_parser.hpp"

namespace clxs::kernel {

class EventLoop;
class FiberWebSocketChannel;

/// A non-blocking socket and its HTTP/1.1 or WebSocket state.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Clock = std::chrono::steady_clock;

  /// Takes ownership of `fd` (non-blocking, accepted from `remote`).
  Connection(int fd, std::string remote, EventLoop& loop, ConnectionHost& host);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  /// The client's address (immutable; safe from any thread).
  [[nodiscard]] const std::string& remote() const { return remote_; }

  /// Readiness reported by epoll.
  void onEvents(std::uint32_t events);
  /// The handler's answer to the request in flight.
  void onHandled(HandlerOutcome outcome);
  /// Enforces deadlines; called by the loop a few times a second.
  void onTick(Clock::time_point now);
  /// Server shutdown: idle connections close, WebSockets get close code 1001, requests in
  /// flight finish.
  void beginShutdown();

  /// A text frame from the WebSocket handler.
  void writeWebSocket(const std::string& frame);
  /// Sends a close frame with `code` and ends the connection once the peer answers.
  void closeWebSocket(WsCloseCode code);
  /// The WebSocket handler returned.
  void onSocketHandlerDone();

  /// Closes the socket now and leaves the loop.
  void close();

 private:
  enum class State : std::uint8_t { Reading, Handling, WebSocket, Lingering, Closed };
  struct WebSocketState;

  void closeLocked();
  // Queues an answer and moves on; true when the connection reads its next request.
  bool applyOutcomeLocked(HandlerOutcome outcome);
  void closeWebSocketLocked(WsCloseCode code);
  void readAndProcess();
  void processInput();
  void processWebSocketInput();
  void failRequest(int status, const std::string& detail, const HttpRequest* request);
  void finishAfterFlush();
  void startLingering();
  void queue(std::string_view bytes);
  void flush();
  void compactInput();

  std::mutex mu_;  // every method below holds it
  int fd_;
  std::string remote_;
  EventLoop& loop_;
  ConnectionHost& host_;
  State state_ = State::Reading;
  HttpParser parser_;
  std::string in_;
  std::size_t inPos_ = 0;  // bytes of in_ already parsed
  std::string out_;
  std::size_t outPos_ = 0;  // bytes of out_ already written
  Clock::time_point deadline_;
  Clock::time_point lastWrite_;
  bool requestStarted_ = false;  // a byte of the current request arrived (header timer runs)
  bool bodyStarted_ = false;     // the head is complete (body timer runs)
  bool closeAfterFlush_ = false;
  bool readPending_ = false;  // the socket may hold unread bytes (edge-triggered epoll)
  bool peerClosed_ = false;
  std::unique_ptr<WebSocketState> ws_;  // only once upgraded
};

}  // namespace clxs::kernel
