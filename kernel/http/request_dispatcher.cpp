#include "kernel/http/request_dispatcher.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <Poco/SHA1Engine.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string_view>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "kernel/http/change_recorder.hpp"
#include "kernel/http/http_response.hpp"
#include "kernel/http/request_enricher.hpp"
#include "kernel/log/access_record.hpp"
#include "kernel/log/json_logger.hpp"
#include "kernel/log/log_context.hpp"

namespace clxs::kernel {

namespace {

// A streamed response's writing end over the connection's raw channel.
class ChannelStream final : public ResponseStream {
 public:
  explicit ChannelStream(WebSocketChannel& channel) : channel_(channel) {}
  bool write(const std::string& bytes) override { return channel_.send(bytes); }
  [[nodiscard]] bool closed() const override { return channel_.closed(); }

 private:
  WebSocketChannel& channel_;
};

// The path of an origin-form target with no escape (nearly every request), split by hand;
// empty for the rest: escapes, absolute forms and "//x" (an authority to Poco::URI).
std::optional<std::string_view> plainPath(std::string_view target) {
  const std::string_view path = target.substr(0, target.find_first_of("?#"));
  if (path.empty() || path.front() != '/' || path.find('%') != std::string_view::npos ||
      path.rfind("//", 0) == 0) {
    return std::nullopt;
  }
  return path;
}

// The decoded path of a request target: plainPath's, else Poco::URI's (which also throws
// SyntaxException on a malformed target).
std::string targetPath(const std::string& target) {
  if (const auto path = plainPath(target)) return std::string(*path);
  return Poco::URI(target).getPath();
}

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

bool hasToken(const std::string& value, const std::string& token) {
  std::istringstream in(value);
  std::string t;
  while (std::getline(in, t, ',')) {
    if (Poco::icompare(Poco::trim(t), token) == 0) return true;
  }
  return false;
}

// Sec-WebSocket-Accept for a client's key (RFC 6455 4.2.2).
std::string websocketAccept(const std::string& key) {
  Poco::SHA1Engine sha1;
  sha1.update(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
  const auto& digest = sha1.digest();
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.write(reinterpret_cast<const char*>(digest.data()),
                static_cast<std::streamsize>(digest.size()));
  encoder.close();
  return out.str();
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

RequestDispatcher::RequestDispatcher(Router& router, RequestEnricher& enricher,
                                     ChangeRecorder& changes,
                                     std::function<Json(const RouteTable&)> openapi,
                                     const ServerSettings& settings, JsonLogger& log)
    : router_(router),
      enricher_(enricher),
      changes_(changes),
      openapi_(std::move(openapi)),
      settings_(settings),
      log_(log) {}

std::string RequestDispatcher::serialize(const Response& r, const std::string& requestId, bool head,
                                         bool keepAlive, int versionMinor, AccessRecord& record) {
  std::string dumped;
  std::string_view body;
  std::string_view contentType;
  if (r.isRaw()) {
    body = r.rawBytes();
    contentType = r.contentType();
  } else {
    Json b = r.body();
    if (r.isError() && r.status() >= 500 && b.is_object()) b["request_id"] = requestId;
    dumped = b.dump(-1, ' ', false, Json::error_handler_t::replace);
    body = dumped;
    contentType = "application/json";
  }
  HttpResponseHead h;
  h.status = r.status();
  h.keepAlive = keepAlive;
  h.versionMinor = versionMinor;
  h.headers.reserve(r.headers().size() + 2);
  h.headers.emplace_back("X-Request-Id", requestId);
  h.headers.emplace_back("Content-Type", contentType);
  // A handler may send a header more than once (one X-Clxs-Warning per warning).
  for (const auto& kv : r.headers()) h.headers.push_back(kv);
  record.status = r.status();
  record.bytes = body.size();
  return formatHttpResponse(h, body, head);
}

std::optional<HandlerOutcome> RequestDispatcher::answerOnLoop(HttpRequest& req,
                                                              const std::string& remote,
                                                              bool stopping) {
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  if (!req.header("Upgrade").empty()) return std::nullopt;
  // Escapes and absolute-form targets are left to the full parse on the pool.
  const auto plain = plainPath(req.target);
  if (!plain) return std::nullopt;
  const std::string_view path = *plain;
  if (path == "/" || path == "/docs" || path == "/docs/" || path == "/redoc" || path == "/redoc/") {
    return handle(req, remote, stopping, nullptr);  // constant pages
  }
  auto table = router_.snapshot();
  if (path == "/openapi.json") {
    // Building the document takes milliseconds: only the cached copy is served on the loop.
    {
      std::lock_guard lock(openapiMu_);
      if (openapiCache_.empty() || openapiFor_.lock() != table) return std::nullopt;
    }
    return handle(req, remote, stopping, nullptr);
  }
  auto match = table->match("GET", path);
  Matched matched{.table = std::move(table), .match = std::move(match)};
  const auto& t = matched.match.target;
  if (!t || !t->onLoop || t->disabled) return std::nullopt;
  return handle(req, remote, stopping, &matched);
}

std::string RequestDispatcher::openapiText(const std::shared_ptr<const RouteTable>& table) {
  std::lock_guard lock(openapiMu_);
  if (openapiFor_.lock() != table || openapiCache_.empty()) {
    openapiCache_ = openapi_(*table).dump(-1, ' ', false, Json::error_handler_t::replace);
    openapiFor_ = table;
  }
  return openapiCache_;
}

std::optional<Response> RequestDispatcher::serveStatic(const std::string& method,
                                                       const std::string& path) {
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

Response RequestDispatcher::dispatch(HttpRequest& req, const std::string& requestId,
                                     const std::string& path, AccessRecord& record,
                                     HandlerOutcome& upgrade, Matched* matched) {
  const std::string& method = req.method;
  const bool wantsSocket = Poco::icompare(req.header("Upgrade"), "websocket") == 0;
  std::shared_ptr<const RouteTable> table;
  RouteMatch m;
  if (matched != nullptr) {
    table = std::move(matched->table);
    m = std::move(matched->match);
  } else {
    if (auto s = serveStatic(method, path)) return *s;
    table = router_.snapshot();
    m = table->match(method == "HEAD" ? "GET" : method, path, wantsSocket);
  }
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
  const auto target = m.target;
  record.owner = target->owner;
  if (target->disabled) {
    return Response::error(404, "plugin '" + target->owner + "' is disabled");
  }

  RequestParts parts;
  parts.method = target->spec.method;
  parts.path = path;
  parts.requestId = requestId;
  for (const auto& [k, v] : req.headers) parts.headers[Poco::toLower(k)] = v;

  Json issues = Json::array();
  std::map<std::string, std::string> rawQuery;
  if (req.target.find('?') != std::string::npos) {
    for (const auto& [k, v] : Poco::URI(req.target).getQueryParameters()) {
      auto [it, inserted] = rawQuery.emplace(k, v);
      if (!inserted) it->second += "," + v;  // repeated keys form a list
    }
  }
  parts.query = router_.validator().params(target->spec.query, rawQuery, "query", issues);
  Json pathJson = router_.validator().params(target->spec.pathParams, m.params, "path", issues);
  for (const auto& [k, v] : m.params) {
    const auto& pv = pathJson[k];
    parts.pathParams[k] = pv.is_string() ? pv.get<std::string>() : pv.dump();
  }

  if (!target->isSocket() && target->spec.body) {
    // The front end read the whole body already, within the limit.
    if (req.body.size() > settings_.maxBodyBytes) {
      return Response::error(413, "Request body of " + std::to_string(req.body.size()) +
                                      " bytes exceeds the limit of " +
                                      std::to_string(settings_.maxBodyBytes) + " bytes");
    }
    parts.rawBody = std::move(req.body);
    Json parsed;
    if (parts.rawBody.find_first_not_of(" \t\r\n") == std::string::npos) {
      parsed = Json::object();
      if (std::any_of(target->spec.body->fields().begin(), target->spec.body->fields().end(),
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
    if (issues.empty()) parts.body = router_.validator().body(*target->spec.body, parsed, issues);
  }
  if (!issues.empty()) return Response::error(422, issues);

  enricher_.enrich(parts);
  auto request = std::make_shared<Request>(std::move(parts));

  if (target->isSocket()) {
    if (!wantsSocket) return Response::error(400, "WebSocket upgrade required");
    const std::string key = req.header("Sec-WebSocket-Key");
    if (method != "GET" || !hasToken(req.header("Connection"), "upgrade") || key.empty()) {
      return Response::error(400, "Malformed WebSocket handshake");
    }
    if (req.header("Sec-WebSocket-Version") != "13") {
      return Response::error(426, "Only WebSocket version 13 is supported")
          .header("Sec-WebSocket-Version", "13");
    }
    const std::string accept = websocketAccept(key);
    HttpResponseHead h;
    h.status = 101;
    h.headers = {{"Upgrade", "websocket"},
                 {"Connection", "Upgrade"},
                 {"Sec-WebSocket-Accept", accept},
                 {"X-Request-Id", requestId}};
    upgrade.bytes = formatHttpResponse(h, {});
    record.status = 101;
    // The target keeps its owner's code loaded for as long as the socket lives.
    upgrade.socket = [target, request](WebSocketChannel& ch) { target->socket(*request, ch); };
    return Response::raw("", "text/plain", 101);
  }
  Response answer = target->handler(*request);
  if (target->spec.mutates) changes_.record(*request, *target, answer.status());
  if (answer.isStream()) {
    // The head goes now; the plugin's writer then runs on a handler fiber, its bytes sent as
    // they come, and the target keeps the plugin's code loaded until it returns.
    HttpResponseHead h;
    h.status = 200;
    h.unbounded = true;
    h.headers = {{"X-Request-Id", requestId},
                 {"Content-Type", answer.contentType()},
                 {"Cache-Control", "no-cache"},
                 {"X-Accel-Buffering", "no"}};
    for (const auto& kv : answer.headers()) h.headers.emplace_back(kv.first, kv.second);
    upgrade.bytes = formatHttpResponse(h, {});
    upgrade.rawStream = true;
    record.status = 200;
    upgrade.socket = [target, writer = answer.streamWriter()](WebSocketChannel& ch) {
      ChannelStream stream(ch);
      writer(stream);
    };
  }
  return answer;
}

HandlerOutcome RequestDispatcher::handle(HttpRequest& req, const std::string& remote,
                                         bool stopping) {
  return handle(req, remote, stopping, nullptr);
}

HandlerOutcome RequestDispatcher::handle(HttpRequest& req, const std::string& remote, bool stopping,
                                         Matched* matched) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string incoming = req.header("X-Request-Id");
  const std::string requestId = saneRequestId(incoming) ? incoming : clxs::newUuid();
  LogScope logScope(requestId, "");
  AccessRecord record;
  record.requestId = requestId;
  record.method = req.method;
  record.remote = remote;
  const bool head = req.method == "HEAD";
  HandlerOutcome out;
  out.requestId = requestId;
  Response r;
  try {
    const std::string path = targetPath(req.target);
    record.path = path;
    if (!parseMethod(req.method)) {
      r = Response::error(405, "Method Not Allowed");
    } else {
      r = dispatch(req, requestId, path, record, out, matched);
    }
  } catch (const HttpError& e) {
    r = Response::error(e.status(), e.detail());
  } catch (const Poco::SyntaxException& e) {
    r = Response::error(400, "Malformed request URI: " + e.message());
  } catch (const std::exception& e) {
    log_.error("request failed", Json{{"error", e.what()}});
    r = Response::error(500, "Internal server error (request id " + requestId + ")").markInternal();
  }
  if (out.socket) {
    // Logged when the socket ends, with the session's duration.
    auto inner = std::move(out.socket);
    out.socket = [this, inner = std::move(inner), record, t0](WebSocketChannel& ch) mutable {
      inner(ch);
      record.durationMs =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      log_.access(record);
    };
    return out;
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
  const bool keepAlive = req.keepAlive && !stopping && r.status() != 413;
  out.bytes = serialize(r, requestId, head, keepAlive, req.versionMinor, record);
  out.close = !keepAlive;
  record.durationMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  log_.access(record);
  return out;
}

std::string RequestDispatcher::frontEndError(int status, const std::string& detail,
                                             const HttpRequest* request,
                                             const std::string& remote) {
  const std::string incoming = request != nullptr ? request->header("X-Request-Id") : "";
  const std::string requestId = saneRequestId(incoming) ? incoming : clxs::newUuid();
  AccessRecord record;
  record.requestId = requestId;
  record.remote = remote;
  if (request != nullptr) {
    record.method = request->method;
    try {
      record.path = targetPath(request->target);
    } catch (const Poco::Exception&) {  // the path stays empty in the log
    }
  }
  std::string bytes = serialize(Response::error(status, detail), requestId, false, false,
                                request != nullptr ? request->versionMinor : 1, record);
  log_.access(record);
  return bytes;
}

}  // namespace clxs::kernel
