#include "kernel/http/connection.hpp"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <ctime>

#include "kernel/http/event_loop.hpp"
#include "kernel/http/websocket_channel.hpp"

namespace clxs::kernel {

namespace {

constexpr std::size_t kMaxHeadBytes = 64u << 10;
constexpr std::size_t kReadChunk = 16u << 10;
// Pipelined requests wait while this much of the answers is still unwritten.
constexpr std::size_t kMaxPendingOutput = 1u << 20;
// After the last answer of a closing connection: how long its remaining input is drained, so
// the close does not reset the connection before the client has read the answer.
constexpr auto kLingerTime = std::chrono::seconds(5);
// How long a closing connection may take to accept its last answer before it is dropped.
constexpr auto kFinalWriteTime = std::chrono::seconds(30);
// An answer the client does not read for this long ends the connection.
constexpr auto kWriteStallTime = std::chrono::seconds(60);
// How long the peer has to answer a WebSocket close frame.
constexpr auto kWebSocketCloseWait = std::chrono::seconds(5);

// Deadlines are seconds long and checked a few times a second: the coarse reading of the same
// monotonic clock (a few ms behind, no TSC read) is precise enough, and this is read several
// times per request.
Connection::Clock::time_point coarseNow() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return Connection::Clock::time_point(std::chrono::seconds(ts.tv_sec) +
                                       std::chrono::nanoseconds(ts.tv_nsec));
}

std::string secondsText(std::chrono::milliseconds d) {
  const auto ms = d.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

}  // namespace

struct Connection::WebSocketState {
  explicit WebSocketState(std::size_t maxMessageBytes) : parser(maxMessageBytes) {}
  WebSocketFrameParser parser;
  std::shared_ptr<FiberWebSocketChannel> channel;
  bool raw = false;  // a streamed response: no frames either way, no close handshake
  bool closeSent = false;
  bool closeReceived = false;
  std::size_t dataInOutput = 0;  // bytes of handler frames in out_, for the channel's bound
};

Connection::Connection(int fd, std::string remote, EventLoop& loop, ConnectionHost& host)
    : fd_(fd),
      remote_(std::move(remote)),
      loop_(loop),
      host_(host),
      parser_(HttpParser::Limits{.maxHeadBytes = kMaxHeadBytes,
                                 .maxBodyBytes = host.settings().maxBodyBytes}) {
  // A connection that never sends a byte is closed like a slow head, silently.
  deadline_ = coarseNow() + host_.settings().headerTimeout;
  lastWrite_ = coarseNow();
}

Connection::~Connection() {
  if (fd_ >= 0) ::close(fd_);
}

void Connection::close() {
  std::lock_guard lock(mu_);
  closeLocked();
}

void Connection::closeLocked() {
  if (state_ == State::Closed) return;
  state_ = State::Closed;
  if (ws_ && ws_->channel) ws_->channel->markClosed();
  // Deregistered before the close, while the number still names this socket.
  loop_.unregister(fd_);
  loop_.forget(fd_, shared_from_this());
  ::close(fd_);
  fd_ = -1;
}

void Connection::onEvents(std::uint32_t events) {
  std::lock_guard lock(mu_);
  if (state_ == State::Closed) return;
  if ((events & EPOLLERR) != 0) {
    closeLocked();
    return;
  }
  if ((events & EPOLLOUT) != 0 && outPos_ < out_.size()) {
    flush();
    if (state_ == State::Reading && outPos_ >= out_.size()) processInput();
  }
  if (state_ == State::Closed) return;
  if ((events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP)) != 0 || readPending_) readAndProcess();
}

void Connection::readAndProcess() {
  while (state_ != State::Closed) {
    if (state_ == State::Handling ||
        (state_ == State::Reading && out_.size() - outPos_ > kMaxPendingOutput)) {
      readPending_ = true;
      return;
    }
    std::array<char, kReadChunk> buf;  // NOLINT: filled by recv before use
    const ssize_t n = ::recv(fd_, buf.data(), buf.size(), 0);
    if (n > 0) {
      readPending_ = false;
      if (state_ != State::Lingering) {
        in_.append(buf.data(), static_cast<std::size_t>(n));
        if (state_ == State::WebSocket) {
          processWebSocketInput();
        } else {
          processInput();
        }
      }
      // A short read drained the socket; epoll reports the next bytes as a new edge.
      if (static_cast<std::size_t>(n) < buf.size()) return;
      continue;
    }
    if (n == 0) {
      readPending_ = false;
      peerClosed_ = true;
      switch (state_) {
        case State::Handling:
          return;  // answer first, then close
        case State::Reading:
          // A half-closed client may still read the answers already queued.
          if (outPos_ < out_.size() && !requestStarted_) {
            startLingering();
            return;
          }
          closeLocked();
          return;
        default:
          closeLocked();
          return;
      }
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      readPending_ = false;
      return;
    }
    closeLocked();
    return;
  }
}

void Connection::processInput() {
  const auto& settings = host_.settings();
  while (state_ == State::Reading && inPos_ < in_.size()) {
    if (out_.size() - outPos_ > kMaxPendingOutput) {
      readPending_ = true;
      break;
    }
    inPos_ += parser_.feed(std::string_view(in_).substr(inPos_));
    const auto st = parser_.state();
    if (st != ParseState::Empty && !requestStarted_) {
      requestStarted_ = true;
      deadline_ = coarseNow() + settings.headerTimeout;
    }
    if (st == ParseState::Empty || st == ParseState::Head) break;
    if (st == ParseState::Body) {
      if (!bodyStarted_) {
        bodyStarted_ = true;
        deadline_ = coarseNow() + settings.bodyTimeout;
        if (parser_.request().expectContinue) {
          queue("HTTP/1.1 100 Continue\r\n\r\n");
          flush();
        }
      }
      break;
    }
    if (st == ParseState::Failed) {
      const HttpRequest head = parser_.request();
      failRequest(parser_.errorStatus(), parser_.errorDetail(),
                  head.method.empty() ? nullptr : &head);
      break;
    }
    HttpRequest request = parser_.take();
    requestStarted_ = false;
    bodyStarted_ = false;
    state_ = State::Handling;
    deadline_ = Clock::time_point::max();
    // A route that cannot block is answered right here: no hand-off to a handler thread (the
    // wake-ups of that hand-off were most of the server's CPU), and never queued behind slow
    // handlers. The next pipelined request, if any, is parsed in this same loop.
    if (auto answer = host_.answerInline(request, remote_)) {
      if (applyOutcomeLocked(std::move(*answer))) continue;
      break;
    }
    host_.dispatch(shared_from_this(), std::move(request));
    break;
  }
  compactInput();
}

void Connection::compactInput() {
  if (inPos_ == in_.size()) {
    in_.clear();
    inPos_ = 0;
    // An idle connection should not keep a large buffer.
    if (in_.capacity() > 16384) std::string().swap(in_);
  } else if (inPos_ > 65536 && inPos_ * 2 > in_.size()) {
    in_.erase(0, inPos_);
    inPos_ = 0;
  }
}

void Connection::failRequest(int status, const std::string& detail, const HttpRequest* request) {
  queue(host_.frontEndError(status, detail, request, remote_));
  startLingering();
  flush();
}

void Connection::startLingering() {
  state_ = State::Lingering;
  deadline_ = coarseNow() + kFinalWriteTime;
  in_.clear();
  inPos_ = 0;
  if (outPos_ >= out_.size()) finishAfterFlush();
}

void Connection::finishAfterFlush() {
  if (state_ == State::Lingering) {
    // Half-close and drain: the client reads the answer instead of a connection reset.
    ::shutdown(fd_, SHUT_WR);
    deadline_ = coarseNow() + kLingerTime;
    if (peerClosed_) closeLocked();
    return;
  }
  if (state_ == State::WebSocket && ws_->closeSent && ws_->closeReceived) closeLocked();
}

void Connection::onHandled(HandlerOutcome outcome) {
  std::lock_guard lock(mu_);
  if (state_ != State::Handling) return;  // closed meanwhile
  if (!applyOutcomeLocked(std::move(outcome))) return;
  processInput();  // a pipelined request may be waiting
  if (state_ == State::Reading && readPending_) readAndProcess();
}

bool Connection::applyOutcomeLocked(HandlerOutcome outcome) {
  const auto& settings = host_.settings();
  queue(outcome.bytes);
  if (outcome.socket) {
    state_ = State::WebSocket;
    deadline_ = Clock::time_point::max();
    ws_ = std::make_unique<WebSocketState>(settings.websocketMaxMessageBytes);
    ws_->raw = outcome.rawStream;
    ws_->channel = std::make_shared<FiberWebSocketChannel>(
        loop_, weak_from_this(), settings.websocketMaxQueuedBytes, outcome.rawStream);
    host_.runSocket(ws_->channel, std::move(outcome.socket), outcome.requestId);
    flush();
    if (state_ == State::WebSocket) processWebSocketInput();
    if (state_ == State::WebSocket && readPending_) readAndProcess();
    return false;
  }
  if (outcome.close || peerClosed_ || host_.stopping()) {
    startLingering();
    flush();
    return false;
  }
  state_ = State::Reading;
  deadline_ = coarseNow() + settings.keepAliveTimeout;
  flush();
  return state_ == State::Reading;
}

void Connection::queue(std::string_view bytes) {
  if (outPos_ >= out_.size()) {
    out_.clear();
    outPos_ = 0;
    lastWrite_ = coarseNow();
  }
  out_.append(bytes);
}

void Connection::flush() {
  while (outPos_ < out_.size()) {
    const ssize_t n = ::send(fd_, out_.data() + outPos_, out_.size() - outPos_, MSG_NOSIGNAL);
    if (n > 0) {
      outPos_ += static_cast<std::size_t>(n);
      lastWrite_ = coarseNow();
      if (ws_ && ws_->dataInOutput > 0) {
        const auto d = std::min(ws_->dataInOutput, static_cast<std::size_t>(n));
        ws_->dataInOutput -= d;
        ws_->channel->written(d);
      }
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;  // EPOLLOUT resumes
    closeLocked();
    return;
  }
  out_.clear();
  outPos_ = 0;
  if (out_.capacity() > 65536) std::string().swap(out_);
  finishAfterFlush();
}

void Connection::onTick(Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (state_ == State::Closed) return;
  if (outPos_ < out_.size() && now - lastWrite_ > kWriteStallTime) {
    closeLocked();
    return;
  }
  if (now < deadline_) return;
  const auto& settings = host_.settings();
  switch (state_) {
    case State::Reading:
      if (!requestStarted_) {
        closeLocked();  // idle keep-alive connection (or one that never spoke)
        return;
      }
      if (bodyStarted_) {
        const HttpRequest head = parser_.request();
        failRequest(408,
                    "The request body did not arrive within " + secondsText(settings.bodyTimeout) +
                        " of its headers",
                    &head);
      } else {
        failRequest(
            408, "The request headers did not arrive within " + secondsText(settings.headerTimeout),
            nullptr);
      }
      return;
    case State::WebSocket:
    case State::Lingering:
      closeLocked();
      return;
    case State::Handling:
    case State::Closed:
      return;
  }
}

void Connection::beginShutdown() {
  std::lock_guard lock(mu_);
  switch (state_) {
    case State::Reading:
      if (!requestStarted_ && outPos_ >= out_.size()) closeLocked();
      return;
    case State::WebSocket:
      closeWebSocketLocked(WsCloseCode::GoingAway);
      return;
    default:
      return;
  }
}

void Connection::processWebSocketInput() {
  if (ws_->raw) {
    inPos_ = in_.size();  // a streamed response reads nothing more from the client
    compactInput();
    return;
  }
  std::vector<WsMessage> messages;
  inPos_ += ws_->parser.feed(std::string_view(in_).substr(inPos_), messages);
  for (auto& m : messages) {
    switch (m.opcode) {
      case WsOpcode::Text:
      case WsOpcode::Binary:
        if (!ws_->closeReceived) ws_->channel->deliver(std::move(m.payload));
        break;
      case WsOpcode::Ping:
        if (!ws_->closeSent) queue(WebSocketFrameParser::encode(WsOpcode::Pong, m.payload));
        break;
      case WsOpcode::Close:
        ws_->closeReceived = true;
        ws_->channel->markClosed();
        if (!ws_->closeSent) {
          // Echo the peer's status code (RFC 6455 5.5.1).
          queue(WebSocketFrameParser::encode(WsOpcode::Close, m.payload.substr(0, 2)));
          ws_->closeSent = true;
        }
        deadline_ = coarseNow() + kWebSocketCloseWait;
        break;
      default:
        break;
    }
  }
  compactInput();
  if (ws_->parser.failed() && !ws_->closeSent) {
    ws_->channel->markClosed();
    queue(WebSocketFrameParser::encodeClose(ws_->parser.error()));
    ws_->closeSent = true;
    startLingering();
  }
  flush();
}

void Connection::writeWebSocket(const std::string& frame) {
  std::lock_guard lock(mu_);
  if (state_ != State::WebSocket || ws_->closeSent) {
    if (ws_) ws_->channel->written(frame.size());
    return;
  }
  ws_->dataInOutput += frame.size();
  queue(frame);
  flush();
}

void Connection::closeWebSocket(WsCloseCode code) {
  std::lock_guard lock(mu_);
  closeWebSocketLocked(code);
}

void Connection::closeWebSocketLocked(WsCloseCode code) {
  if (state_ != State::WebSocket || ws_->closeSent) return;
  ws_->channel->markClosed();
  if (ws_->raw) {
    // A streamed response ends with the connection: what was written goes out, then FIN.
    ws_->closeSent = true;
    startLingering();
    flush();
    return;
  }
  queue(WebSocketFrameParser::encodeClose(code));
  ws_->closeSent = true;
  deadline_ = coarseNow() + kWebSocketCloseWait;
  flush();
}

void Connection::onSocketHandlerDone() {
  std::lock_guard lock(mu_);
  if (state_ == State::WebSocket) closeWebSocketLocked(WsCloseCode::Normal);
}

}  // namespace clxs::kernel
