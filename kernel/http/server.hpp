// The kernel's HTTP server: Poco HTTPServer, one dispatching handler, one error handler.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "clxs/http.hpp"
#include "kernel/http/router.hpp"

namespace Poco {
class ThreadPool;
namespace Net {
class TCPServer;
}
}  // namespace Poco

namespace clxs::kernel {

class JsonLogger;

/// Server settings (from the config's `server:` block and the command line).
struct ServerSettings {
  std::string host = "127.0.0.1";        ///< bind address
  int port = 8080;                       ///< 0 picks a free port
  int threads = 32;                      ///< connection worker threads
  std::size_t maxBodyBytes = 10u << 20;  ///< larger bodies get 413
  std::filesystem::path webRoot;         ///< share/clxs/web (Swagger UI, ReDoc)
};

/// Fills the per-request parts the router cannot know: credentials and the workspace
/// resolver. May throw HttpError.
class RequestEnricher {
 public:
  virtual ~RequestEnricher() = default;
  /// Sets `parts.credentials` and `parts.workspaceResolver`.
  virtual void enrich(RequestParts& parts) = 0;
};

/// Told of every answered call of a route declared mutates() (the kernel's change log).
class ChangeRecorder {
 public:
  virtual ~ChangeRecorder() = default;
  /// `request` to `target` was answered with `status`. Must not throw.
  virtual void record(const Request& request, const RouteTarget& target, int status) = 0;
};

/// Serves the router's live snapshot plus /openapi.json, /docs and /redoc.
class HttpServer {
 public:
  /// `openapi` builds the OpenAPI document for a route table; errors and the access log go
  /// to `log`; mutating calls are reported to `changes`.
  HttpServer(Router& router, RequestEnricher& enricher, ChangeRecorder& changes,
             std::function<Json(const RouteTable&)> openapi, ServerSettings settings,
             JsonLogger& log);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds and starts accepting.
  void start();
  /// The bound port.
  [[nodiscard]] int port() const { return port_; }
  /// Stops accepting, waits up to `grace` for in-flight requests, then closes the rest.
  void stop(std::chrono::milliseconds grace);

  class Dispatcher;

 private:
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::TCPServer> server_;
  ServerSettings settings_;
  int port_ = 0;
};

}  // namespace clxs::kernel
