// The kernel's HTTP server: epoll event loops that hold every connection without a thread,
// a bounded handler pool that runs the kernel's dispatch, and fibers for WebSocket handlers.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "clxs/http.hpp"
#include "kernel/http/change_recorder.hpp"
#include "kernel/http/connection_host.hpp"
#include "kernel/http/request_enricher.hpp"
#include "kernel/http/router.hpp"
#include "kernel/http/server_settings.hpp"

namespace clxs::kernel {

class JsonLogger;
class EventLoop;
class FiberThread;
class HandlerPool;
class RequestDispatcher;

/// Serves the router's live snapshot plus /openapi.json, /docs and /redoc.
class HttpServer final : public ConnectionHost {
 public:
  /// `openapi` builds the OpenAPI document for a route table; errors and the access log go
  /// to `log`; mutating calls are reported to `changes`.
  HttpServer(Router& router, RequestEnricher& enricher, ChangeRecorder& changes,
             std::function<Json(const RouteTable&)> openapi, ServerSettings settings,
             JsonLogger& log);
  ~HttpServer() override;
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds and starts accepting. Raises the process's open-file limit to its hard limit,
  /// since every connection is a descriptor.
  void start();
  /// The bound port.
  [[nodiscard]] int port() const { return port_; }
  /// Stops accepting, closes idle connections and WebSockets (code 1001), waits up to
  /// `grace` for requests in flight, then closes the rest.
  void stop(std::chrono::milliseconds grace);

  // ConnectionHost
  [[nodiscard]] const ServerSettings& settings() const override { return settings_; }
  [[nodiscard]] bool stopping() const override { return stopping_.load(); }
  void dispatch(std::shared_ptr<Connection> connection, HttpRequest request) override;
  std::optional<HandlerOutcome> answerInline(HttpRequest& request,
                                             const std::string& remote) override;
  std::string frontEndError(int status, const std::string& detail, const HttpRequest* request,
                            const std::string& remote) override;
  void runSocket(std::shared_ptr<FiberWebSocketChannel> channel,
                 std::function<void(WebSocketChannel&)> handler,
                 const std::string& requestId) override;

 private:
  ServerSettings settings_;
  std::unique_ptr<RequestDispatcher> dispatcher_;
  std::unique_ptr<HandlerPool> pool_;
  std::vector<std::unique_ptr<FiberThread>> fiberThreads_;
  std::vector<std::unique_ptr<EventLoop>> loops_;
  std::atomic<std::size_t> open_{0};  // connections of every loop
  std::atomic<bool> stopping_{false};
  std::atomic<int> inflight_{0};
  std::atomic<int> sockets_{0};
  std::atomic<std::size_t> nextFiberThread_{0};
  bool started_ = false;
  int port_ = 0;
};

}  // namespace clxs::kernel
