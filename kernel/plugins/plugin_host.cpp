#include "kernel/plugins/plugin_host.hpp"

#include <algorithm>
#include <boost/dll/shared_library.hpp>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "clxs/error.hpp"
#include "clxs/plugin.hpp"
#include "kernel/events/event_bus.hpp"
#include "kernel/http/router.hpp"
#include "kernel/jobs/job_queue.hpp"
#include "kernel/log/json_logger.hpp"
#include "kernel/plugins/scoped_host.hpp"
#include "kernel/plugins/service_registry.hpp"
#include "kernel/store/state_store.hpp"

namespace clxs::kernel {

/// An opened library and the descriptor it exported. Everything that holds plugin code
/// holds a shared_ptr to this.
struct LoadedLibrary {
  boost::dll::shared_library lib;
  const PluginDescriptor* descriptor = nullptr;
};

/// What everything carrying a plugin's code holds (its routes, jobs and subscriptions, through
/// ScopedHost): the library, the plugin instance and its host. The last holder to let go
/// destroys them in that safe order: instance, then host, then library.
struct PluginLease {
  std::shared_ptr<LoadedLibrary> library;
  std::unique_ptr<ScopedHost> host;
  void* self = nullptr;
  PluginLease() = default;
  PluginLease(const PluginLease&) = delete;
  PluginLease& operator=(const PluginLease&) = delete;
  ~PluginLease() {
    if (self != nullptr) library->descriptor->destroy(self);
    host.reset();
  }
};

struct PluginHost::Record {
  std::filesystem::path file;
  std::string name;
  std::string version;
  std::string description;
  std::vector<std::string> depends;
  std::vector<std::string> provides;  // services
  std::vector<std::string> uses;      // services
  // Guarded by PluginHost::mu_ (read by the health check and the list).
  bool enabled = true;
  bool running = false;
  std::string error;
  // Only touched with PluginHost::opMu_ held.
  std::shared_ptr<PluginLease> lease;  // null while stopped
};

namespace {

std::vector<std::string> splitList(const char* text) {
  std::vector<std::string> out;
  std::stringstream ss(text == nullptr ? "" : text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// Opens a library and validates its descriptor. Throws std::runtime_error with a message
// meant for the plugin list.
std::shared_ptr<LoadedLibrary> openLibrary(const std::filesystem::path& file) {
  auto loaded = std::make_shared<LoadedLibrary>();
  boost::dll::fs::error_code ec;
  loaded->lib.load(file.string(),
                   boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local, ec);
  if (ec) throw std::runtime_error("cannot load library: " + ec.message());
  if (!loaded->lib.has("clxs_plugin_v1")) {
    throw std::runtime_error("not a clxs plugin: the symbol clxs_plugin_v1 is missing");
  }
  using DescriptorFn = const PluginDescriptor*();
  auto& fn = loaded->lib.get_alias<DescriptorFn>("clxs_plugin_v1");
  const PluginDescriptor* d = fn();
  if (d == nullptr) throw std::runtime_error("the plugin returned no descriptor");
  if (d->abi_version != kPluginAbiVersion) {
    throw std::runtime_error("plugin ABI version " + std::to_string(d->abi_version) +
                             " does not match the server's " + std::to_string(kPluginAbiVersion) +
                             "; rebuild it against this SDK");
  }
  const std::string tag = d->abi_tag == nullptr ? "" : d->abi_tag;
  if (tag != CLXS_ABI_STRING) {
    throw std::runtime_error("plugin was built for SDK ABI '" + tag + "' but this server is '" +
                             CLXS_ABI_STRING + "'; rebuild it against this SDK");
  }
  if (d->info.name == nullptr || *d->info.name == '\0' || d->create == nullptr ||
      d->destroy == nullptr || d->start == nullptr || d->stop == nullptr) {
    throw std::runtime_error("the plugin descriptor is incomplete");
  }
  loaded->descriptor = d;
  return loaded;
}

}  // namespace

PluginHost::PluginHost(HostServices services, std::filesystem::path pluginsDir)
    : services_(std::move(services)), pluginsDir_(std::move(pluginsDir)) {
  // Remembered so that a plugin disabled at start-up still answers "disabled", not
  // "Not Found", on the routes it had.
  services_.store.migrate("kernel_plugin_routes",
                          {{1,
                            "CREATE TABLE kernel_plugin_routes (plugin TEXT NOT NULL, "
                            "method TEXT NOT NULL, path TEXT NOT NULL, "
                            "PRIMARY KEY (plugin, method, path))"}});
}

void PluginHost::rememberRoutes(const std::string& name) {
  const auto routes = services_.router.ownedRoutes(name);
  services_.store.transaction([&] {
    services_.store.execute("DELETE FROM kernel_plugin_routes WHERE plugin = ?", {name});
    for (const auto& [method, path] : routes) {
      services_.store.execute(
          "INSERT OR IGNORE INTO kernel_plugin_routes (plugin, method, path) VALUES (?, ?, ?)",
          {name, method, path});
    }
  });
}

PluginHost::~PluginHost() {
  stopAll();
}

void PluginHost::loadAll() {
  std::lock_guard op(opMu_);
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(pluginsDir_, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".so") files.push_back(e.path());
  }
  if (ec) {
    services_.log.error("cannot read the plugin directory",
                        Json{{"dir", pluginsDir_.string()}, {"error", ec.message()}});
  }
  std::sort(files.begin(), files.end());

  std::vector<std::unique_ptr<Record>> found;
  std::map<std::string, std::shared_ptr<LoadedLibrary>> libs;
  for (const auto& f : files) {
    auto r = std::make_unique<Record>();
    r->file = f;
    r->name = f.stem().string();
    if (r->name.rfind("lib", 0) == 0) r->name = r->name.substr(3);
    try {
      auto lib = openLibrary(f);
      const auto& info = lib->descriptor->info;
      r->name = info.name;
      r->version = info.version == nullptr ? "" : info.version;
      r->description = info.description == nullptr ? "" : info.description;
      r->depends = splitList(info.depends);
      r->provides = splitList(info.provides);
      r->uses = splitList(info.uses);
      bool duplicate = false;
      for (const auto& other : found) duplicate = duplicate || other->name == r->name;
      if (duplicate) {
        r->error = "another plugin named '" + r->name + "' was loaded first";
      } else {
        libs[r->name] = std::move(lib);
      }
    } catch (const std::exception& e) {
      r->error = e.what();
    }
    const auto stored = services_.store.pluginEnabled(r->name);
    r->enabled = stored.value_or(true);
    found.push_back(std::move(r));
  }

  // Dependency order (depth-first); cycles and missing dependencies become errors. The
  // providers of the services a plugin uses start before it, when installed.
  std::map<std::string, Record*> byName;
  std::map<std::string, std::vector<Record*>> providers;
  for (auto& r : found) {
    if (!r->error.empty()) continue;
    byName[r->name] = r.get();
    for (const auto& service : r->provides) {
      providers[service].push_back(r.get());
      services_.services.declare(service, r->name);
    }
  }
  std::set<std::string> done;
  std::set<std::string> visiting;
  std::vector<Record*> order;
  std::function<bool(Record&)> visit = [&](Record& r) -> bool {
    if (done.count(r.name)) return r.error.empty();
    if (visiting.count(r.name)) {
      r.error = "dependency cycle through '" + r.name + "'";
      return false;
    }
    visiting.insert(r.name);
    for (const auto& dep : r.depends) {
      auto it = byName.find(dep);
      if (it == byName.end()) {
        if (r.error.empty()) r.error = "depends on '" + dep + "', which is not installed";
        continue;
      }
      if (!visit(*it->second) && r.error.empty()) {
        r.error = "depends on '" + dep + "', which failed to load: " + it->second->error;
      }
    }
    for (const auto& service : r.uses) {
      for (Record* p : providers[service]) {
        if (p != &r && !visiting.count(p->name)) visit(*p);
      }
    }
    visiting.erase(r.name);
    done.insert(r.name);
    order.push_back(&r);
    return r.error.empty();
  };
  for (auto& r : found) {
    if (r->error.empty()) visit(*r);
  }
  for (auto& r : found) {
    if (std::find(order.begin(), order.end(), r.get()) == order.end()) order.push_back(r.get());
  }
  std::vector<std::unique_ptr<Record>> ordered;
  for (Record* p : order) {
    for (auto& r : found) {
      if (r.get() == p) ordered.push_back(std::move(r));
    }
  }
  {
    Editing lock(*this);
    records_ = std::move(ordered);
  }

  for (auto& r : records_) {
    if (!r->enabled) {
      std::vector<std::pair<std::string, std::string>> remembered;
      for (const auto& row : services_.store.query(
               "SELECT method, path FROM kernel_plugin_routes WHERE plugin = ?", {r->name})) {
        remembered.emplace_back(row["method"].get<std::string>(), row["path"].get<std::string>());
      }
      services_.router.addTombstones(r->name, remembered);
      continue;
    }
    if (!r->error.empty()) continue;
    bool depsRunning = true;
    for (const auto& dep : r->depends) {
      Record* d = find(dep);
      if (d == nullptr || !d->lease) {
        depsRunning = false;
        Editing lock(*this);
        r->error =
            "depends on '" + dep + "', which is " + (d && !d->enabled ? "disabled" : "not running");
      }
    }
    if (!depsRunning) continue;
    auto opened = libs.find(r->name);
    startRecord(*r, opened == libs.end() ? nullptr : opened->second);
  }
}

PluginHost::Record* PluginHost::find(const std::string& name) {
  for (auto& r : records_) {
    if (r->name == name) return r.get();
  }
  return nullptr;
}

void PluginHost::startRecord(Record& r, std::shared_ptr<LoadedLibrary> lib) {
  const auto fail = [&](std::string error) {
    Editing lock(*this);
    r.error = std::move(error);
  };
  // At start-up the library was opened and checked already; on enable it is opened again.
  if (!lib) {
    try {
      lib = openLibrary(r.file);
    } catch (const std::exception& e) {
      fail(e.what());
      return;
    }
  }
  const PluginDescriptor* d = lib->descriptor;
  auto lease = std::make_shared<PluginLease>();
  lease->library = lib;
  lease->self = d->create();
  if (lease->self == nullptr) {
    fail("the plugin could not be constructed");
    return;
  }
  lease->host =
      std::make_unique<ScopedHost>(services_, r.name, r.provides, std::weak_ptr<const void>(lease));
  char err[1024] = {0};
  if (d->start(lease->self, lease->host.get(), err, sizeof err) != 0) {
    lease->host->release();
    fail(std::string("start failed: ") + err);
    return;
  }
  r.lease = std::move(lease);
  {
    Editing lock(*this);
    r.running = true;
    r.error.clear();
  }
  rememberRoutes(r.name);
}

void PluginHost::stopRecord(Record& r) {
  if (!r.lease) return;
  // Unrouted first, so no new request reaches a plugin that is stopping; requests and jobs
  // already in flight keep their lease and finish (jobs are asked to cancel).
  r.lease->host->release();
  {
    Editing lock(*this);
    r.running = false;
  }
  char err[1024] = {0};
  if (r.lease->library->descriptor->stop(r.lease->self, err, sizeof err) != 0) {
    services_.log.error("plugin stop failed", Json{{"plugin", r.name}, {"error", err}});
  }
  r.lease.reset();  // the instance goes with the last in-flight request or job
}

void PluginHost::stopAll() {
  std::lock_guard op(opMu_);
  for (auto it = records_.rbegin(); it != records_.rend(); ++it) stopRecord(**it);
}

Json PluginHost::entry(const Record& r) const {
  Json deps = Json::array();
  for (const auto& d : r.depends) deps.push_back(d);
  Json uses = Json::array();
  for (const auto& service : r.uses) {
    Json providedBy = Json::array();
    for (const auto& p : services_.services.providersOf(service)) providedBy.push_back(p);
    uses.push_back(Json{{"service", service},
                        {"provided_by", providedBy},
                        {"available", services_.services.available(service)}});
  }
  return Json{{"id", r.name},
              {"name", r.name},
              {"version", r.version},
              {"description", r.description},
              {"enabled", r.enabled},
              {"loaded", r.running},
              {"error", r.error.empty() ? Json(nullptr) : Json(r.error)},
              {"routes", r.running ? services_.router.countOwned(r.name) : 0},
              {"depends", deps},
              {"provides", r.provides},
              {"uses", uses},
              {"file", r.file.filename().string()}};
}

Json PluginHost::list() const {
  std::lock_guard lock(mu_);
  Json out = Json::array();
  for (const auto& r : records_) out.push_back(entry(*r));
  return out;
}

PluginHost::Counts PluginHost::counts() const {
  const PackedCounts p = packedCounts_.load(std::memory_order_acquire);
  return Counts{.total = p.total, .loaded = p.loaded, .enabled = p.enabled, .failed = p.failed};
}

void PluginHost::recountLocked() {
  int total = 0;
  int loaded = 0;
  int enabled = 0;
  int failed = 0;
  for (const auto& r : records_) {
    ++total;
    loaded += r->running ? 1 : 0;
    enabled += r->enabled ? 1 : 0;
    failed += (r->enabled && !r->error.empty()) ? 1 : 0;
  }
  const auto field = [](int n) { return static_cast<std::uint16_t>(std::min(n, 0xFFFF)); };
  packedCounts_.store(PackedCounts{.total = field(total),
                                   .loaded = field(loaded),
                                   .enabled = field(enabled),
                                   .failed = field(failed)},
                      std::memory_order_release);
}

Json PluginHost::setEnabled(const std::string& name, bool enabled) {
  // opMu_ serialises toggles (a slow start() or stop() delays only other toggles); mu_ is
  // held only to change the fields the health check and the list read.
  std::lock_guard op(opMu_);
  Record* r = find(name);
  if (r == nullptr) throw notFound("Plugin '" + name + "' not found");
  if (enabled) {
    for (const auto& dep : r->depends) {
      Record* d = find(dep);
      if (d == nullptr) {
        throw conflict("Plugin '" + name + "' depends on '" + dep + "', which is not installed");
      }
      if (!d->lease) {
        throw conflict("Plugin '" + name + "' depends on '" + dep + "'; enable '" + dep +
                       "' first");
      }
    }
    {
      Editing lock(*this);
      r->enabled = true;
    }
    services_.store.setPluginEnabled(name, true);
    if (!r->lease) {
      startRecord(*r);
      if (!r->lease) {
        std::lock_guard lock(mu_);
        throw HttpError(500, "Plugin '" + name + "' could not be started: " + r->error);
      }
    }
  } else {
    std::vector<std::string> dependents;
    for (const auto& o : records_) {
      if (o->lease && std::find(o->depends.begin(), o->depends.end(), name) != o->depends.end()) {
        dependents.push_back(o->name);
      }
    }
    if (!dependents.empty()) {
      std::string list;
      for (const auto& d : dependents) list += (list.empty() ? "'" : ", '") + d + "'";
      throw conflict("Plugin '" + name + "' is needed by " + list + "; disable " +
                     (dependents.size() == 1 ? "it" : "them") + " first");
    }
    {
      Editing lock(*this);
      r->enabled = false;
    }
    services_.store.setPluginEnabled(name, false);
    stopRecord(*r);
    Editing lock(*this);
    if (r->error.rfind("depends on", 0) != 0) r->error.clear();
  }
  std::lock_guard lock(mu_);
  return entry(*r);
}

}  // namespace clxs::kernel
