#include "kernel/http/server.hpp"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <cctype>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "kernel/http/access_log.hpp"
#include "kernel/http/websocket_channel.hpp"
#include "kernel/log/json_logger.hpp"
#include "kernel/log/log_context.hpp"

namespace clxs::kernel {

namespace {

bool saneRequestId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

std::optional<Method> parseMethod(const std::string& m) {
  if (m == "GET" || m == "HEAD") return Method::Get;
  if (m == "POST") return Method::Post;
  if (m == "PUT") return Method::Put;
  if (m == "PATCH") return Method::Patch;
  if (m == "DELETE") return Method::Delete;
  return std::nullopt;
}

std::string contentTypeFor(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".js") return "application/javascript";
  if (ext == ".css") return "text/css";
  if (ext == ".png") return "image/png";
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".map" || ext == ".json") return "application/json";
  return "application/octet-stream";
}

constexpr const char* kDocsPage = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>clxs API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui",
  deepLinking: true, docExpansion: "none",
  presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"});
</script></body></html>
)";

constexpr const char* kRedocPage = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>clxs API reference</title></head>
<body><redoc spec-url="/openapi.json"></redoc>
<script src="/redoc/assets/redoc.standalone.js"></script></body></html>
)";

}  // namespace

/// Shared state of all request handlers.
class HttpServer::Dispatcher {
 public:
  Dispatcher(Router& router, RequestEnricher& enricher, ChangeRecorder& changes,
             std::function<Json(const RouteTable&)> openapi, const ServerSettings& settings,
             JsonLogger& log)
      : router_(router),
        enricher_(enricher),
        changes_(changes),
        openapi_(std::move(openapi)),
        settings_(settings),
        log_(log) {}

  void handle(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp);
  std::atomic<bool>& stopping() { return stopping_; }
  int inflight() const { return inflight_.load(); }
  /// Registers or forgets an open connection, so shutdown can close idle ones.
  void track(Poco::Net::StreamSocket& socket, bool open) {
    std::lock_guard lock(connMu_);
    if (open) {
      connections_.insert(&socket);
    } else {
      connections_.erase(&socket);
    }
  }
  /// Shuts down every open connection (their threads then leave their read).
  void closeConnections() {
    std::lock_guard lock(connMu_);
    for (auto* s : connections_) {
      try {
        s->shutdown();
      } catch (...) {  // already closed
      }
    }
  }

 private:
  Response dispatch(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp,
                    const std::string& requestId, const std::string& path, AccessRecord& record,
                    bool& upgraded);
  std::optional<Response> serveStatic(const std::string& method, const std::string& path,
                                      const RouteTable& table);
  std::string openapiText(const std::shared_ptr<const RouteTable>& table);
  void send(Poco::Net::HTTPServerResponse& resp, const Response& r, const std::string& requestId,
            bool head, AccessRecord& record);

  Router& router_;
  RequestEnricher& enricher_;
  ChangeRecorder& changes_;
  std::function<Json(const RouteTable&)> openapi_;
  const ServerSettings& settings_;
  JsonLogger& log_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> inflight_{0};
  std::mutex connMu_;
  std::set<Poco::Net::StreamSocket*> connections_;
  std::mutex openapiMu_;
  std::weak_ptr<const RouteTable> openapiFor_;
  std::string openapiCache_;
};

namespace {

// One keep-alive connection. Poco's HTTPServerConnection polls the socket before every
// request, and its poll creates and closes an epoll descriptor each time (four system calls
// per request); this loop instead blocks in the read itself, bounded by SO_RCVTIMEO.
class KernelConnection final : public Poco::Net::TCPServerConnection {
 public:
  KernelConnection(const Poco::Net::StreamSocket& socket, HttpServer::Dispatcher& d,
                   Poco::Net::HTTPServerParams::Ptr params)
      : TCPServerConnection(socket), d_(d), params_(std::move(params)) {}

  void run() override {
    auto& sock = socket();
    d_.track(sock, true);
    struct Untrack {
      HttpServer::Dispatcher& d;
      Poco::Net::StreamSocket& s;
      ~Untrack() { d.track(s, false); }
    } untrack{d_, sock};
    sock.setReceiveTimeout(params_->getKeepAliveTimeout());
    sock.setNoDelay(true);
    Poco::Net::HTTPServerSession session(sock, params_);
    while (!d_.stopping()) {
      try {
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, params_.get());
        response.setDate(Poco::Timestamp());
        response.setVersion(request.getVersion());
        const bool keepAlive = request.getKeepAlive() && !d_.stopping();
        response.setKeepAlive(keepAlive);
        response.set("Server", "clxs");
        if (request.getExpectContinue()) response.sendContinue();
        d_.handle(request, response);
        if (!keepAlive || !response.getKeepAlive()) break;
      } catch (const Poco::Net::NoMessageException&) {
        break;  // the peer closed an idle connection
      } catch (const Poco::TimeoutException&) {
        break;  // idle past the keep-alive timeout
      } catch (const Poco::Net::MessageException&) {
        sendError(session, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
        break;
      } catch (const Poco::Exception&) {
        break;  // network error: nothing more can be said on this connection
      }
    }
  }

 private:
  static void sendError(Poco::Net::HTTPServerSession& session,
                        Poco::Net::HTTPResponse::HTTPStatus status) {
    try {
      Poco::Net::HTTPServerResponseImpl response(session);
      response.setStatusAndReason(status);
      response.setKeepAlive(false);
      response.setContentType("application/json");
      const std::string body = R"({"detail":"Malformed HTTP request"})";
      response.sendBuffer(body.data(), body.size());
    } catch (...) {  // the peer may be gone
    }
  }

  HttpServer::Dispatcher& d_;
  Poco::Net::HTTPServerParams::Ptr params_;
};

class KernelConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  KernelConnectionFactory(HttpServer::Dispatcher& d, Poco::Net::HTTPServerParams::Ptr params)
      : d_(d), params_(std::move(params)) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    // Poco's TCPServer takes ownership of the connection.
    return std::make_unique<KernelConnection>(socket, d_, params_).release();
  }

 private:
  HttpServer::Dispatcher& d_;
  Poco::Net::HTTPServerParams::Ptr params_;
};

}  // namespace

void HttpServer::Dispatcher::send(Poco::Net::HTTPServerResponse& resp, const Response& r,
                                  const std::string& requestId, bool head, AccessRecord& record) {
  std::string body;
  std::string contentType;
  if (r.isRaw()) {
    body = r.rawBytes();
    contentType = r.contentType();
  } else {
    Json b = r.body();
    if (r.isError() && r.status() >= 500 && b.is_object()) b["request_id"] = requestId;
    body = b.dump(-1, ' ', false, Json::error_handler_t::replace);
    contentType = "application/json";
  }
  resp.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status()));
  resp.setContentType(contentType);
  // add, not set: a handler may send a header more than once (one X-Clxs-Warning per warning).
  for (const auto& [k, v] : r.headers()) resp.add(k, v);
  resp.setContentLength(static_cast<std::streamsize>(body.size()));
  // A refused body was never read, so the connection cannot carry another request.
  if (r.status() == 413) resp.setKeepAlive(false);
  record.status = r.status();
  record.bytes = body.size();
  if (head) {
    resp.send();
    return;
  }
  resp.sendBuffer(body.data(), body.size());
}

std::string HttpServer::Dispatcher::openapiText(const std::shared_ptr<const RouteTable>& table) {
  std::lock_guard lock(openapiMu_);
  if (openapiFor_.lock() != table || openapiCache_.empty()) {
    openapiCache_ = openapi_(*table).dump(-1, ' ', false, Json::error_handler_t::replace);
    openapiFor_ = table;
  }
  return openapiCache_;
}

std::optional<Response> HttpServer::Dispatcher::serveStatic(const std::string& method,
                                                            const std::string& path,
                                                            const RouteTable&) {
  if (method != "GET" && method != "HEAD") return std::nullopt;
  if (path == "/") return Response::raw("", "text/plain", 307).header("Location", "/docs");
  if (path == "/openapi.json")
    return Response::raw(openapiText(router_.snapshot()), "application/json");
  if (path == "/docs" || path == "/docs/")
    return Response::raw(kDocsPage, "text/html; charset=utf-8");
  if (path == "/redoc" || path == "/redoc/")
    return Response::raw(kRedocPage, "text/html; charset=utf-8");
  std::string dir;
  std::string file;
  if (path.rfind("/docs/assets/", 0) == 0) {
    dir = "swagger-ui";
    file = path.substr(13);
  } else if (path.rfind("/redoc/assets/", 0) == 0) {
    dir = "redoc";
    file = path.substr(14);
  } else {
    return std::nullopt;
  }
  // Only plain file names: no separators, no dot-dot, so nothing outside the web root.
  bool ok = !file.empty() && file.size() < 128 && file[0] != '.';
  for (char c : file) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_')
      ok = false;
  }
  if (!ok) return Response::error(404, "Not Found");
  const auto full = settings_.webRoot / dir / file;
  std::ifstream in(full, std::ios::binary);
  if (!in) {
    return Response::error(404, "Web asset '" + file +
                                    "' is not installed; run scripts/setup.sh to install the "
                                    "Swagger UI and ReDoc assets");
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return Response::raw(ss.str(), contentTypeFor(full)).header("Cache-Control", "max-age=3600");
}

Response HttpServer::Dispatcher::dispatch(Poco::Net::HTTPServerRequest& req,
                                          Poco::Net::HTTPServerResponse& resp,
                                          const std::string& requestId, const std::string& path,
                                          AccessRecord& record, bool& upgraded) {
  const std::string& method = req.getMethod();
  auto table = router_.snapshot();
  if (auto s = serveStatic(method, path, *table)) return *s;

  const bool wantsSocket = Poco::icompare(req.get("Upgrade", ""), "websocket") == 0;
  RouteMatch m = table->match(method == "HEAD" ? "GET" : method, path, wantsSocket);
  if (!m.target && !wantsSocket) {
    RouteMatch ws = table->match(method, path, true);
    if (ws.target && !ws.target->disabled) {
      return Response::error(400,
                             "This route is a WebSocket endpoint; connect with a "
                             "WebSocket client (Upgrade: websocket)");
    }
  }
  if (!m.target) {
    if (!m.allowed.empty()) {
      std::string allow;
      for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
      return Response::error(405, "Method Not Allowed").header("Allow", allow);
    }
    return Response::error(404, "Not Found");
  }
  const auto& target = *m.target;
  record.owner = target.owner;
  if (target.disabled) {
    return Response::error(404, "plugin '" + target.owner + "' is disabled");
  }

  RequestParts parts;
  parts.method = target.spec.method;
  parts.path = path;
  parts.requestId = requestId;
  for (const auto& [k, v] : req) parts.headers[Poco::toLower(k)] = v;

  Json issues = Json::array();
  Poco::URI uri(req.getURI());
  std::map<std::string, std::string> rawQuery;
  for (const auto& [k, v] : uri.getQueryParameters()) {
    auto [it, inserted] = rawQuery.emplace(k, v);
    if (!inserted) it->second += "," + v;  // repeated keys form a list
  }
  parts.query = router_.validator().params(target.spec.query, rawQuery, "query", issues);
  Json pathJson = router_.validator().params(target.spec.pathParams, m.params, "path", issues);
  for (const auto& [k, v] : m.params) {
    const auto& pv = pathJson[k];
    parts.pathParams[k] = pv.is_string() ? pv.get<std::string>() : pv.dump();
  }

  if (!target.isSocket() && target.spec.body) {
    // Body was read by the caller into parts later; read here to keep one code path.
    const auto len = req.getContentLength64();
    if (len > 0 && static_cast<std::uint64_t>(len) > settings_.maxBodyBytes) {
      return Response::error(413, "Request body of " + std::to_string(len) +
                                      " bytes exceeds the limit of " +
                                      std::to_string(settings_.maxBodyBytes) + " bytes");
    }
    std::string body;
    auto& in = req.stream();
    char buf[8192];
    while (in) {
      in.read(buf, sizeof buf);
      body.append(buf, static_cast<std::size_t>(in.gcount()));
      if (body.size() > settings_.maxBodyBytes) {
        return Response::error(413, "Request body exceeds the limit of " +
                                        std::to_string(settings_.maxBodyBytes) + " bytes");
      }
    }
    parts.rawBody = std::move(body);
    Json parsed;
    if (parts.rawBody.find_first_not_of(" \t\r\n") == std::string::npos) {
      parsed = Json::object();
      if (std::any_of(target.spec.body->fields().begin(), target.spec.body->fields().end(),
                      [](const auto& f) { return f.second.isRequired(); })) {
        issues.push_back(validationIssue(Json::array({"body"}), "Field required", "missing"));
      }
    } else {
      try {
        parsed = Json::parse(parts.rawBody);
      } catch (const Json::parse_error& e) {
        Json i = validationIssue(Json::array({"body", static_cast<long long>(e.byte)}),
                                 "JSON decode error", "json_invalid");
        i["input"] = Json::object();
        i["ctx"] = Json{{"error", e.what()}};
        return Response::error(422, Json::array({i}));
      }
    }
    if (issues.empty()) parts.body = router_.validator().body(*target.spec.body, parsed, issues);
  }
  if (!issues.empty()) return Response::error(422, issues);

  enricher_.enrich(parts);
  Request request(std::move(parts));

  if (target.isSocket()) {
    if (!wantsSocket) return Response::error(400, "WebSocket upgrade required");
    Poco::Net::WebSocket ws(req, resp);
    upgraded = true;
    record.status = 101;
    PocoWebSocketChannel channel(ws, stopping_);
    target.socket(request, channel);
    try {
      ws.shutdown();
    } catch (...) {  // peer may be gone already
    }
    return Response::raw("", "text/plain", 101);
  }
  Response answer = target.handler(request);
  if (target.spec.mutates) changes_.record(request, target, answer.status());
  return answer;
}

void HttpServer::Dispatcher::handle(Poco::Net::HTTPServerRequest& req,
                                    Poco::Net::HTTPServerResponse& resp) {
  const auto t0 = std::chrono::steady_clock::now();
  ++inflight_;
  struct Done {
    std::atomic<int>& n;
    ~Done() { --n; }
  } done{inflight_};
  const std::string incoming = req.get("X-Request-Id", "");
  const std::string requestId = saneRequestId(incoming) ? incoming : clxs::newUuid();
  LogScope logScope(requestId, "");
  resp.set("X-Request-Id", requestId);
  AccessRecord record;
  record.requestId = requestId;
  record.method = req.getMethod();
  record.remote = req.clientAddress().host().toString();
  const bool head = req.getMethod() == "HEAD";
  bool upgraded = false;
  Response r;
  std::string path;
  try {
    path = Poco::URI(req.getURI()).getPath();
    record.path = path;
    if (!parseMethod(req.getMethod())) {
      r = Response::error(405, "Method Not Allowed");
    } else {
      r = dispatch(req, resp, requestId, path, record, upgraded);
    }
  } catch (const HttpError& e) {
    r = Response::error(e.status(), e.detail());
  } catch (const Poco::SyntaxException& e) {
    r = Response::error(400, "Malformed request URI: " + e.message());
  } catch (const std::exception& e) {
    log_.error("request failed", Json{{"error", e.what()}});
    r = Response::error(500, "Internal server error (request id " + requestId + ")").markInternal();
  }
  if (r.isInternal()) {
    // The guard's message may carry internal detail: log it, answer with the id only.
    log_.error("handler failed", Json{{"owner", record.owner}, {"error", r.body()}});
    r = Response::error(500, "Internal server error" +
                                 (record.owner.empty() || record.owner == "kernel"
                                      ? std::string()
                                      : " in plugin '" + record.owner + "'") +
                                 " (request id " + requestId + ")");
  }
  if (!upgraded) {
    try {
      send(resp, r, requestId, head, record);
    } catch (const std::exception&) {  // client went away mid-response
    }
  }
  record.durationMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  log_.access(accessFields(record));
}

HttpServer::HttpServer(Router& router, RequestEnricher& enricher, ChangeRecorder& changes,
                       std::function<Json(const RouteTable&)> openapi, ServerSettings settings,
                       JsonLogger& log)
    : settings_(std::move(settings)) {
  dispatcher_ =
      std::make_unique<Dispatcher>(router, enricher, changes, std::move(openapi), settings_, log);
}

HttpServer::~HttpServer() {
  if (server_) stop(std::chrono::milliseconds(0));
}

void HttpServer::start() {
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress(settings_.host, static_cast<Poco::UInt16>(settings_.port)),
              true);
  socket.listen(256);
  port_ = socket.address().port();
  auto params = Poco::makeAuto<Poco::Net::HTTPServerParams>();
  params->setMaxThreads(settings_.threads);
  params->setMaxQueued(1024);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(0);
  params->setKeepAliveTimeout(Poco::Timespan(15, 0));
  params->setServerName("clxs");
  // Poco takes ownership of the factory.
  pool_ = std::make_unique<Poco::ThreadPool>(2, settings_.threads + 4);
  server_ =
      std::make_unique<Poco::Net::TCPServer>(new KernelConnectionFactory(*dispatcher_, params),
                                             *pool_, socket, params);  // NOLINT: Poco owns it
  server_->start();
}

void HttpServer::stop(std::chrono::milliseconds grace) {
  if (!server_) return;
  dispatcher_->stopping() = true;
  server_->stop();
  // Wait for requests in progress, not for idle keep-alive connections.
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (dispatcher_->inflight() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  dispatcher_->closeConnections();
  server_.reset();
  pool_->joinAll();
}

}  // namespace clxs::kernel
