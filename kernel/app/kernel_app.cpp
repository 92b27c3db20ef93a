#include "kernel/app/kernel_app.hpp"

#include <cstdlib>

#include "clxs/error.hpp"
#include "clxs/version.hpp"
#include "kernel/app/kernel_routes.hpp"
#include "kernel/app/system_clock.hpp"
#include "kernel/auth/auth_routes.hpp"
#include "kernel/auth/auth_service.hpp"
#include "kernel/cache/cache_routes.hpp"
#include "kernel/cache/metadata_cache.hpp"
#include "kernel/config/config_routes.hpp"
#include "kernel/config/config_service.hpp"
#include "kernel/events/event_bus.hpp"
#include "kernel/http/router.hpp"
#include "kernel/http/server.hpp"
#include "kernel/jobs/job_queue.hpp"
#include "kernel/jobs/job_routes.hpp"
#include "kernel/log/json_logger.hpp"
#include "kernel/openapi/openapi.hpp"
#include "kernel/plugins/plugin_host.hpp"
#include "kernel/plugins/service_registry.hpp"
#include "kernel/scheduler/schedule_runner.hpp"
#include "kernel/store/change_log_store.hpp"
#include "kernel/store/state_store.hpp"
#include "kernel/workspace/databricks/databricks_connector.hpp"
#include "kernel/workspace/local/local_workspace.hpp"
#include "kernel/workspace/workspace_provider.hpp"

namespace clxs::kernel {

namespace {

template <typename T>
T serverSetting(const Json& server, const char* key, T fallback) {
  if (!server.is_object()) return fallback;
  auto it = server.find(key);
  if (it == server.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const Json::exception&) {
    throw std::runtime_error(std::string("config key server.") + key + " has the wrong type");
  }
}

/// Credentials are resolved only when a handler asks for them, so routes that never need
/// them (health, docs, config) stay cheap and work even with a stale session header.
class KernelEnricher final : public RequestEnricher {
 public:
  KernelEnricher(AuthService& auth, WorkspaceProvider& provider, SecretScrubber& scrubber)
      : auth_(auth), provider_(provider), scrubber_(scrubber) {}
  void enrich(RequestParts& parts) override {
    parts.credentialsResolver = [this](const std::map<std::string, std::string>& headers) {
      Credentials c = auth_.resolve(headers);
      // From here on the log masks them wherever they appear.
      scrubber_.remember(c.token);
      scrubber_.remember(c.clientSecret);
      return c;
    };
    parts.workspaceResolver = [this](const Credentials& c) { return provider_.open(c); };
  }

 private:
  AuthService& auth_;
  WorkspaceProvider& provider_;
  SecretScrubber& scrubber_;
};

/// Records calls of mutating routes in the change log, with who made them.
class ChangeLogRecorder final : public ChangeRecorder {
 public:
  ChangeLogRecorder(ChangeLogStore& log, const Clock& clock) : log_(log), clock_(clock) {}
  void record(const Request& request, const RouteTarget& target, int status) override {
    ChangeEntry e;
    e.at = isoUtc(clock_.now());
    e.actor = actor(request);
    e.plugin = target.owner;
    e.method = methodName(target.spec.method);
    e.route = target.spec.path;
    e.path = request.path();
    e.status = status;
    e.requestId = request.requestId();
    log_.record(e);
  }

 private:
  // The auth method and workspace host: enough to tell callers apart, never a secret.
  static std::string actor(const Request& request) {
    try {
      const Credentials& c = request.credentials();
      return c.host.empty() ? c.authMethod : c.authMethod + "@" + c.host;
    } catch (const std::exception&) {
      return "unauthenticated";
    }
  }

  ChangeLogStore& log_;
  const Clock& clock_;
};

/// Credentials naming a ~/.databrickscfg profile without a host (the stateless target
/// routes pass only the name) get the profile's connection; a request without a warehouse
/// gets $DATABRICKS_WAREHOUSE_ID, as the SDKs read it.
Credentials withProfileAndWarehouse(Credentials c, const AuthService& auth) {
  if (c.source == CredentialSource::Profile && c.host.empty()) {
    const auto cfg = auth.databricksCfg().current();
    const DatabricksProfile* profile = cfg->find(c.profile);
    if (profile == nullptr || profile->host.empty()) {
      throw WorkspaceError(WorkspaceErrorClass::Unauthenticated,
                           "Databricks CLI profile '" + c.profile +
                               "' does not exist or has no host in " +
                               auth.databricksCfg().path().string());
    }
    const std::string warehouse = c.warehouseId;
    c = CredentialResolver::fromProfile(*profile);
    if (!warehouse.empty()) c.warehouseId = warehouse;
  }
  if (c.warehouseId.empty()) {
    if (const char* w = std::getenv("DATABRICKS_WAREHOUSE_ID"); w != nullptr) c.warehouseId = w;
  }
  return c;
}

}  // namespace

struct KernelApp::Impl {
  explicit Impl(ServerOptions o) : options(std::move(o)) {}

  ServerOptions options;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  JsonLogger log{options.logLevel};
  SystemClock clock;
  EventBus events;
  std::unique_ptr<StateStore> store;
  std::unique_ptr<ChangeLogStore> changes;
  std::unique_ptr<ChangeRecorder> changeRecorder;
  ServiceRegistry services;
  std::unique_ptr<ScheduleRunner> scheduler;
  std::unique_ptr<ConfigService> config;
  std::unique_ptr<AuthService> auth;
  std::unique_ptr<MetadataCache> cache;
  Router router;
  WorkspaceProvider workspaces;
  std::shared_ptr<LocalWorkspace> local;
  std::unique_ptr<databricks::DatabricksConnector> databricks;
  std::unique_ptr<JobQueue> jobs;
  std::unique_ptr<PluginHost> plugins;
  std::unique_ptr<RequestEnricher> enricher;
  std::unique_ptr<HttpServer> server;
  bool stopped = false;
};

KernelApp::KernelApp(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  auto& s = *impl_;
  resolveDefaults(s.options);
  std::filesystem::create_directories(s.options.dataDir);
  std::filesystem::create_directories(s.options.configDir);
  ConfigService::seedDefaults(s.options.shareDir / "config", s.options.configDir);

  s.store = std::make_unique<StateStore>(s.options.dataDir);
  s.config = std::make_unique<ConfigService>(s.options.configDir);
  const Json server = s.config->value("server", Json::object());
  // One local workspace for the process: it is thread-safe and shares its root with any
  // `clxs sql` run against the same data directory.
  s.local = std::make_shared<LocalWorkspace>(
      localWorkspaceOptions(s.config->value("local_workspace", Json::object()), s.options.dataDir));
  s.workspaces.setLocal([local = s.local](const Credentials&) { return local; });
  s.auth = std::make_unique<AuthService>(s.clock, s.config.get());
  s.databricks = std::make_unique<databricks::DatabricksConnector>(
      s.config->value("databricks", Json::object()));
  s.workspaces.setDatabricks([&s](const Credentials& c) {
    return s.databricks->open(withProfileAndWarehouse(c, *s.auth));
  });
  // A login or status check must answer within a request's time, not the client's full
  // retry budget, even when the workspace does not answer.
  s.auth->setWhoAmI([&s](const Credentials& c) {
    CallOptions o;
    o.deadline = std::chrono::steady_clock::now() + AuthService::kVerifyTimeout;
    return s.workspaces.open(c)->identity().currentUser(o);
  });
  s.cache = std::make_unique<MetadataCache>(
      s.clock, std::chrono::duration<double>(serverSetting(server, "cache_ttl_seconds", 300.0)));
  s.jobs = std::make_unique<JobQueue>(*s.store, s.events, s.clock,
                                      serverSetting(server, "max_concurrent_jobs", 4));
  const auto interrupted = s.jobs->recoverInterrupted();
  if (!interrupted.empty()) {
    s.log.warn("jobs were interrupted by the previous shutdown and are marked failed",
               Json{{"jobs", interrupted.size()}});
  }
  s.changes = std::make_unique<ChangeLogStore>(*s.store);
  s.changeRecorder = std::make_unique<ChangeLogRecorder>(*s.changes, s.clock);
  s.scheduler = std::make_unique<ScheduleRunner>(*s.store, s.clock, s.log, s.events);

  OwnedRoutes kernelRoutes(s.router, "kernel", {});
  registerConfigRoutes(kernelRoutes, *s.config);
  registerAuthRoutes(kernelRoutes, *s.auth);
  registerCacheRoutes(kernelRoutes, *s.cache);
  registerJobRoutes(kernelRoutes, *s.jobs, s.events);

  HostServices services{
      s.router,         *s.jobs,    *s.store,
      s.events,         s.clock,    *s.cache,
      *s.config,        s.log,      s.services,
      *s.scheduler,     *s.changes, [&s](const Credentials& c) { return s.workspaces.open(c); },
      s.options.dataDir};
  s.plugins = std::make_unique<PluginHost>(std::move(services), s.options.pluginsDir);
  registerHealthRoutes(kernelRoutes, *s.plugins, s.started);
  // The health check reads PluginHost::counts() (one atomic load) and keeps its answer per
  // thread: it cannot block, so the I/O loop answers it, and monitoring gets its answer even
  // while every handler thread is busy.
  s.router.answerOnLoop(Method::Get, "/api/health");
  registerPluginRoutes(kernelRoutes, *s.plugins);
  s.plugins->loadAll();

  ServerSettings settings;
  settings.host = s.options.host.value_or(serverSetting<std::string>(server, "host", "127.0.0.1"));
  settings.port = s.options.port.value_or(serverSetting(server, "port", 8080));
  settings.threads = serverSetting(server, "threads", 32);
  settings.ioThreads = serverSetting(server, "io_threads", defaultIoThreads());
  settings.maxThreads = std::max(settings.threads, serverSetting(server, "max_threads", 256));
  settings.maxBodyBytes = serverSetting<std::size_t>(server, "max_body_bytes", 10u << 20);
  settings.maxConnections = serverSetting<std::size_t>(server, "max_connections", 10000);
  const auto seconds = [&server](const char* key, double fallback) {
    return std::chrono::milliseconds(
        static_cast<std::int64_t>(serverSetting(server, key, fallback) * 1000));
  };
  settings.headerTimeout = seconds("header_timeout_seconds", 10);
  settings.keepAliveTimeout = seconds("keep_alive_timeout_seconds", 15);
  settings.bodyTimeout = seconds("body_timeout_seconds", 60);
  settings.websocketMaxMessageBytes =
      serverSetting<std::size_t>(server, "websocket_max_message_bytes", 1u << 20);
  settings.websocketMaxQueuedBytes =
      serverSetting<std::size_t>(server, "websocket_max_queued_bytes", 1u << 20);
  settings.webRoot = s.options.shareDir / "web";
  s.log.openAccessLog(s.options.dataDir / "logs" / "access.log");
  s.enricher = std::make_unique<KernelEnricher>(*s.auth, s.workspaces, s.log.scrubber());
  s.server = std::make_unique<HttpServer>(
      s.router, *s.enricher, *s.changeRecorder,
      [](const RouteTable& t) { return buildOpenApi(t, CLXS_SDK_VERSION); }, settings, s.log);
}

KernelApp::~KernelApp() {
  shutdown(std::chrono::milliseconds(0));
}

int KernelApp::start() {
  auto& s = *impl_;
  s.server->start();
  s.scheduler->start();
  const int port = s.server->port();
  if (!s.options.portFile.empty()) writePortFile(s.options.portFile, port);
  return port;
}

Logger& KernelApp::log() {
  return impl_->log;
}

void KernelApp::shutdown(std::chrono::milliseconds grace) {
  auto& s = *impl_;
  if (s.stopped) return;
  s.stopped = true;
  if (s.server) s.server->stop(grace);
  if (s.scheduler) s.scheduler->stop();
  if (s.jobs) s.jobs->shutdown(grace);
  if (s.plugins) s.plugins->stopAll();
}

}  // namespace clxs::kernel
