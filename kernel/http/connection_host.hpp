// What a Connection needs from the server around it: the settings, the handler pool with the
// kernel's dispatch, front-end error answers and the WebSocket fibers.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kernel/http/http_parser.hpp"
#include "kernel/http/server_settings.hpp"

namespace clxs {
class WebSocketChannel;
}

namespace clxs::kernel {

class Connection;
class FiberWebSocketChannel;

/// The result of dispatching one request.
struct HandlerOutcome {
  std::string bytes;   ///< the whole response (for an upgrade: the 101 head)
  bool close = false;  ///< the connection ends after these bytes
  /// Set when the request was upgraded: the route's handler for the channel.
  std::function<void(WebSocketChannel&)> socket;
  /// With `socket`: a streamed response, not a WebSocket. The channel's messages go out as
  /// they are (no frames), input is ignored, and the connection ends when the handler does.
  bool rawStream = false;
  std::string requestId;  ///< of the request
};

/// The server side of a connection.
class ConnectionHost {
 public:
  virtual ~ConnectionHost() = default;
  [[nodiscard]] virtual const ServerSettings& settings() const = 0;
  /// Whether the server is shutting down (responses then close their connection).
  [[nodiscard]] virtual bool stopping() const = 0;
  /// Runs the request on the handler pool; the answer comes back through
  /// Connection::onHandled on the loop thread.
  virtual void dispatch(std::shared_ptr<Connection> connection, HttpRequest request) = 0;
  /// Answers `request` at once on the calling thread (the I/O loop, or the handler thread
  /// that just wrote the previous answer) when its route cannot block; otherwise nullopt and
  /// the caller dispatch()es it. Same dispatch as the pool: error model, access log, ids.
  virtual std::optional<HandlerOutcome> answerInline(HttpRequest& request,
                                                     const std::string& remote) = 0;
  /// An answer the front end gives itself (400, 408, 413, 431, 503...), closing the
  /// connection; `request` is the head as far as it was read (may be null). Access-logged.
  virtual std::string frontEndError(int status, const std::string& detail,
                                    const HttpRequest* request, const std::string& remote) = 0;
  /// Starts the WebSocket handler on a fiber.
  virtual void runSocket(std::shared_ptr<FiberWebSocketChannel> channel,
                         std::function<void(WebSocketChannel&)> handler,
                         const std::string& requestId) = 0;
};

}  // namespace clxs::kernel
