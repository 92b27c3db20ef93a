// The kernel's request dispatch, independent of the transport: static pages, routing,
// validation, the enricher, the handler, the error model, the access log and the change
// recorder. The front end calls it on a handler-pool thread with a complete request.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "clxs/http.hpp"
#include "kernel/http/connection_host.hpp"
#include "kernel/http/http_parser.hpp"
#include "kernel/http/router.hpp"
#include "kernel/http/server_settings.hpp"

namespace clxs::kernel {

class JsonLogger;
class RequestEnricher;
class ChangeRecorder;
struct AccessRecord;

/// Turns a complete request into the bytes of its answer (or a WebSocket upgrade).
class RequestDispatcher {
 public:
  RequestDispatcher(Router& router, RequestEnricher& enricher, ChangeRecorder& changes,
                    std::function<Json(const RouteTable&)> openapi, const ServerSettings& settings,
                    JsonLogger& log);

  /// Answers `request` here, on the I/O loop thread, when that cannot block: a GET or HEAD of
  /// a kernel route marked RouteTarget::onLoop, of the built-in pages held in memory and of
  /// /openapi.json once cached. Conservative: anything unusual (an upgrade, an escaped path)
  /// gets nullopt and goes to the handler pool. Never throws.
  std::optional<HandlerOutcome> answerOnLoop(HttpRequest& request, const std::string& remote,
                                             bool stopping);
  /// Dispatches `request` from `remote`. `stopping` adds `Connection: close`. Never throws.
  HandlerOutcome handle(HttpRequest& request, const std::string& remote, bool stopping);
  /// The answer the front end gives itself (a 4xx/5xx from framing), access-logged.
  std::string frontEndError(int status, const std::string& detail, const HttpRequest* request,
                            const std::string& remote);

 private:
  // A route matched already (by answerOnLoop), so dispatch() does not match it again.
  struct Matched {
    std::shared_ptr<const RouteTable> table;
    RouteMatch match;
  };
  HandlerOutcome handle(HttpRequest& request, const std::string& remote, bool stopping,
                        Matched* matched);
  Response dispatch(HttpRequest& req, const std::string& requestId, const std::string& path,
                    AccessRecord& record, HandlerOutcome& upgrade, Matched* matched);
  std::optional<Response> serveStatic(const std::string& method, const std::string& path);
  std::string openapiText(const std::shared_ptr<const RouteTable>& table);
  static std::string serialize(const Response& r, const std::string& requestId, bool head,
                               bool keepAlive, int versionMinor, AccessRecord& record);

  Router& router_;
  RequestEnricher& enricher_;
  ChangeRecorder& changes_;
  std::function<Json(const RouteTable&)> openapi_;
  const ServerSettings& settings_;
  JsonLogger& log_;
  std::mutex openapiMu_;
  std::weak_ptr<const RouteTable> openapiFor_;
  std::string openapiCache_;
};

}  // namespace clxs::kernel
