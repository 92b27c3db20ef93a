#include "kernel/emulator/emulator_server.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>

#include <cerrno>
#include <stdexcept>
#include <string>
#include <thread>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "kernel/emulator/emulator_stats.hpp"
#include "kernel/emulator/entity_tag_handlers.hpp"
#include "kernel/emulator/error_mapping.hpp"
#include "kernel/emulator/files_handlers.hpp"
#include "kernel/emulator/list_pager.hpp"
#include "kernel/emulator/scim_handlers.hpp"
#include "kernel/emulator/statement_service.hpp"
#include "kernel/emulator/unity_catalog_handlers.hpp"
#include "kernel/emulator/unity_catalog_writes.hpp"
#include "kernel/emulator/warehouse_handlers.hpp"
#include "kernel/emulator/warehouse_state.hpp"
#include "kernel/workspace/local/local_workspace.hpp"

namespace clxs::kernel::emulator {

/// Everything the emulator owns, in construction order.
struct EmulatorState {
  explicit EmulatorState(EmulatorOptions o)
      : options(std::move(o)),
        workspace(localWorkspaceOptions(Json::object(), options.dataDir)),
        auth(options.auth),
        faults(options.faults, options.seed),
        pager(options.pageSize, options.emptyPages, options.seed + 1),
        warehouse(workspace.get<clxs::WarehouseService>().list({}).at(0).id,
                  options.warehouseStartDelay, options.warehouses),
        statements(workspace, warehouse, faults, stats,
                   StatementServiceOptions{options.chunkRows, options.statementWorkers}),
        catalog(workspace, pager),
        catalogWrites(workspace, catalog),
        tags(workspace, catalog),
        files(workspace),
        warehouses(workspace, warehouse) {}

  EmulatorOptions options;
  LocalWorkspace workspace;
  EmulatorAuth auth;
  FaultInjector faults;
  EmulatorStats stats;
  ListPager pager;
  WarehouseState warehouse;
  StatementService statements;
  UnityCatalogHandlers catalog;
  UnityCatalogWrites catalogWrites;
  EntityTagHandlers tags;
  FilesHandlers files;
  WarehouseHandlers warehouses;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  bool stopped = false;
};

namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(EmulatorServer& server) : server_(server) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in,
                     Poco::Net::HTTPServerResponse& out) override {
    EmulatorRequest request;
    request.method = in.getMethod();
    const auto& target = in.getURI();
    const auto question = target.find('?');
    request.rawPath = target.substr(0, question);
    EmulatorResponse response;
    try {
      if (question != std::string::npos) request.query = parseQuery(target.substr(question + 1));
      for (const auto& [name, value] : in) request.headers[lowerAscii(name)] = value;
      const auto host = in.getHost();
      request.baseUrl = "http://" + (host.empty() ? in.serverAddress().toString() : host);
      request.loopback = in.clientAddress().host().isLoopback();
      if (in.hasContentLength() || in.getChunkedTransferEncoding()) {
        Poco::StreamCopier::copyToString(in.stream(), request.body);
      }
      response = server_.dispatch(request);
    } catch (const ApiError& e) {
      response = errorResponse(e.status(), e.code(), e.what());
    }
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    if (!response.contentType.empty()) out.setContentType(response.contentType);
    for (const auto& [name, value] : response.headers) out.set(name, value);
    out.setContentLength(static_cast<std::streamsize>(response.body.size()));
    auto& stream = out.send();
    if (request.method != "HEAD") stream << response.body;
  }

 private:
  EmulatorServer& server_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(EmulatorServer& server) : server_(server) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(server_);  // Poco takes ownership of the handler.
  }

 private:
  EmulatorServer& server_;
};

double number(const Json& body, const char* field, double current) {
  if (!body.contains(field)) return current;
  if (!body[field].is_number()) {
    throw ApiError(400, "INVALID_PARAMETER_VALUE", std::string(field) + " must be a number");
  }
  return body[field].get<double>();
}

}  // namespace

EmulatorServer::EmulatorServer(EmulatorOptions options)
    : state_(std::make_unique<EmulatorState>(std::move(options))) {}

EmulatorServer::~EmulatorServer() {
  stop();
}

int EmulatorServer::start() {
  auto& s = *state_;
  // Poco's address constructor also sets SO_REUSEPORT, which lets a second emulator bind the
  // same port silently and take half of the connections; bind with SO_REUSEADDR alone.
  Poco::Net::ServerSocket socket;
  try {
    socket.bind(Poco::Net::SocketAddress(s.options.host, static_cast<Poco::UInt16>(s.options.port)),
                true, false);
    socket.listen(1024);
  } catch (const Poco::Exception& e) {
    if (e.code() == EADDRINUSE) {
      throw std::runtime_error("port " + std::to_string(s.options.port) + " on " + s.options.host +
                               " is in use");
    }
    throw std::runtime_error("cannot listen on " + s.options.host + ":" +
                             std::to_string(s.options.port) + ": " + e.displayText());
  }
  const int port = socket.address().port();
  auto params = Poco::AutoPtr<Poco::Net::HTTPServerParams>(new Poco::Net::HTTPServerParams);
  params->setMaxThreads(s.options.httpThreads);
  params->setMaxQueued(1024);
  params->setKeepAlive(true);
  params->setTimeout(Poco::Timespan(120, 0));
  s.pool = std::make_unique<Poco::ThreadPool>(2, s.options.httpThreads + 2);
  s.server = std::make_unique<Poco::Net::HTTPServer>(
      Poco::SharedPtr<Poco::Net::HTTPRequestHandlerFactory>(new HandlerFactory(*this)), *s.pool,
      socket, params);
  s.server->start();
  return port;
}

void EmulatorServer::stop() {
  auto& s = *state_;
  if (s.stopped) return;
  s.stopped = true;
  if (s.server) s.server->stop();
  s.statements.shutdown();
  if (s.server) s.server->stopAll(true);
  if (s.pool) s.pool->joinAll();
}

EmulatorResponse EmulatorServer::dispatch(const EmulatorRequest& request) {
  try {
    return route(request, pathSegments(request.rawPath));
  } catch (const ApiError& e) {
    return errorResponse(e.status(), e.code(), e.what());
  } catch (const WorkspaceError& e) {
    const auto mapped = restError(e.errorClass(), e.what());
    return errorResponse(mapped.status(), mapped.code(), mapped.what());
  } catch (const HttpError& e) {
    const bool client = e.status() >= 400 && e.status() < 500;
    return errorResponse(client ? 400 : 500, client ? "INVALID_PARAMETER_VALUE" : "INTERNAL_ERROR",
                         e.what());
  } catch (const std::exception& e) {
    return errorResponse(500, "INTERNAL_ERROR", e.what());
  }
}

EmulatorResponse EmulatorServer::route(const EmulatorRequest& request,
                                       const std::vector<std::string>& segments) {
  auto& s = *state_;
  const std::string first = segments.empty() ? std::string() : segments[0];
  if (first == "_emulator") return admin(request, segments);
  if (first == "_external" && segments.size() == 2) {
    return s.statements.download(request, segments[1]);
  }
  if (first == ".well-known" && segments.size() == 2 && segments[1] == "databricks-config" &&
      request.method == "GET") {
    return EmulatorAuth::hostMetadata(request);
  }
  if (first == "oidc") {
    if (segments.size() == 3 && segments[1] == ".well-known" &&
        segments[2] == "oauth-authorization-server" && request.method == "GET") {
      return s.auth.discovery(request);
    }
    if (segments.size() == 3 && segments[1] == "v1" && segments[2] == "token") {
      return s.auth.issueToken(request);
    }
  }
  if (first == "api") {
    s.stats.countRequest();
    const auto faults = s.faults.settings();
    if (faults.latencyMs > 0) {
      s.stats.countFault("latency");
      std::this_thread::sleep_for(std::chrono::milliseconds(faults.latencyMs));
    }
    // Injected before anything is looked at, so a refused request is never half-applied.
    const auto fault = s.faults.nextRequestFault();
    if (fault != RequestFault::None) {
      const bool unavailable = fault == RequestFault::Unavailable;
      s.stats.countFault(unavailable ? "503" : "429");
      auto r = unavailable
                   ? errorResponse(503, "TEMPORARILY_UNAVAILABLE",
                                   "[EMULATED_FAULT] the service is temporarily unavailable")
                   : errorResponse(429, "REQUEST_LIMIT_EXCEEDED",
                                   "[EMULATED_FAULT] too many requests; retry later");
      r.headers["Retry-After"] = std::to_string(faults.retryAfterS);
      return r;
    }
    s.auth.check(request);
    return api(request, segments);
  }
  throw ApiError(404, "ENDPOINT_NOT_FOUND",
                 "no API found for '" + request.method + " " + request.rawPath + "'");
}

EmulatorResponse EmulatorServer::api(const EmulatorRequest& request,
                                     const std::vector<std::string>& segments) {
  auto& s = *state_;
  const auto at = [&](std::size_t i) { return i < segments.size() ? segments[i] : std::string(); };
  const auto after = [&](std::size_t i) {
    return std::vector<std::string>(segments.begin() + static_cast<std::ptrdiff_t>(i),
                                    segments.end());
  };
  if (at(1) == "2.0" && at(2) == "sql" && at(3) == "statements") {
    return s.statements.handle(request, after(4));
  }
  if (at(1) == "2.0" && at(2) == "sql" && at(3) == "warehouses") {
    return s.warehouses.handle(request, after(4));
  }
  if (at(1) == "2.1" && at(2) == "unity-catalog") {
    if (at(3) == "entity-tag-assignments") return s.tags.handle(request, after(4));
    if (request.method == "GET" || at(3) == "permissions") {
      return s.catalog.handle(request, after(3));
    }
    return s.catalogWrites.handle(request, after(3));
  }
  if (at(1) == "2.0" && at(2) == "fs") return s.files.handle(request, after(3));
  if (request.method == "GET" && segments.size() == 6 && at(1) == "2.0" && at(2) == "preview" &&
      at(3) == "scim" && at(4) == "v2" && at(5) == "Me") {
    return scimMe(s.workspace);
  }
  if (request.method == "GET" && segments.size() == 3 && at(1) == "2.0" &&
      at(2) == "serving-endpoints") {
    Json endpoints = Json::array();
    try {
      endpoints = s.workspace.get<clxs::ServingService>().endpoints({});
    } catch (const WorkspaceError&) {
      // Model Serving has no local counterpart: the list is empty.
    }
    return jsonResponse(Json{{"endpoints", endpoints}});
  }
  if (request.method == "GET" && segments.size() == 4 && at(1) == "2.0" && at(2) == "genie" &&
      at(3) == "spaces") {
    Json spaces = Json::array();
    try {
      spaces = s.workspace.get<clxs::GenieService>().spaces({});
    } catch (const WorkspaceError&) {
      // Genie has no local counterpart: the list is empty.
    }
    return jsonResponse(Json{{"spaces", spaces}});
  }
  throw ApiError(404, "ENDPOINT_NOT_FOUND",
                 "no API found for '" + request.method + " " + request.rawPath + "'");
}

EmulatorResponse EmulatorServer::admin(const EmulatorRequest& request,
                                       const std::vector<std::string>& segments) {
  auto& s = *state_;
  if (!request.loopback) {
    throw ApiError(403, "PERMISSION_DENIED", "the emulator's admin routes answer loopback only");
  }
  const std::string what = segments.size() == 2 ? segments[1] : std::string();
  if (what == "stats" && request.method == "GET") return jsonResponse(s.stats.toJson());
  if (what == "reset-stats" && request.method == "POST") {
    s.stats.reset();
    return jsonResponse(Json::object());
  }
  if (what == "faults" && request.method == "POST") {
    const auto body = request.jsonBody();
    auto settings = s.faults.settings();
    settings.errorRate = number(body, "error_rate", settings.errorRate);
    settings.failStatementRate = number(body, "fail_statement_rate", settings.failStatementRate);
    settings.latencyMs = static_cast<int>(number(body, "latency_ms", settings.latencyMs));
    settings.retryAfterS = static_cast<int>(number(body, "retry_after_s", settings.retryAfterS));
    if (settings.errorRate < 0 || settings.errorRate > 1 || settings.failStatementRate < 0 ||
        settings.failStatementRate > 1 || settings.latencyMs < 0 || settings.retryAfterS < 0) {
      throw ApiError(400, "INVALID_PARAMETER_VALUE",
                     "rates are from 0 to 1; latency_ms and retry_after_s are not negative");
    }
    s.faults.setSettings(settings);
    return jsonResponse(Json{{"error_rate", settings.errorRate},
                             {"fail_statement_rate", settings.failStatementRate},
                             {"latency_ms", settings.latencyMs},
                             {"retry_after_s", settings.retryAfterS}});
  }
  throw ApiError(404, "ENDPOINT_NOT_FOUND",
                 "no API found for '" + request.method + " " + request.rawPath + "'");
}

}  // namespace clxs::kernel::emulator
