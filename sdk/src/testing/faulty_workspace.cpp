#include "clxs/testing/faulty_workspace.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <utility>

namespace clxs::testing {
namespace {

using Clock = std::chrono::steady_clock;

// Cancellation is noticed within this much of being requested.
constexpr auto kCancelPoll = std::chrono::milliseconds(5);

std::string describe(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const auto p : parts) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

std::uint64_t seedOf(const FaultSettings& s) {
  if (s.seed) return *s.seed;
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

}  // namespace

FaultyWorkspace::FaultyWorkspace(std::shared_ptr<Workspace> inner, FaultSettings settings)
    : inner_(std::move(inner)), settings_(std::move(settings)), rng_(seedOf(settings_)) {
  if (!inner_) throw std::invalid_argument("FaultyWorkspace needs a workspace to wrap");
  if (!(settings_.transientRate >= 0 && settings_.transientRate <= 1)) {
    throw std::invalid_argument("FaultyWorkspace: transientRate must be in [0, 1]");
  }
}

FaultCounters FaultyWorkspace::counters() const {
  return {calls_.load(), forwarded_.load(), transient_.load(), permanent_.load(),
          interrupted_.load()};
}

void FaultyWorkspace::wait(const CallOptions& options) {
  const auto until = Clock::now() + settings_.latency;
  auto cancelled = [&] { return options.cancel != nullptr && options.cancel->cancelled.load(); };
  for (;;) {
    if (cancelled()) {
      ++interrupted_;
      throw WorkspaceError(WorkspaceErrorClass::Cancelled, "Cancelled during injected latency");
    }
    const auto now = Clock::now();
    if (options.deadline && *options.deadline <= now && *options.deadline < until) {
      ++interrupted_;
      throw WorkspaceError(WorkspaceErrorClass::Timeout, "Deadline passed during injected latency");
    }
    if (now >= until) return;
    auto next = std::min(until, now + kCancelPoll);
    if (options.deadline) next = std::min(next, *options.deadline);
    // Sleeping to an absolute time point keeps the total wait at `latency` however many
    // polls it takes.
    std::this_thread::sleep_until(next);
  }
}

bool FaultyWorkspace::drawTransient(std::string_view call) {
  if (settings_.transientRate <= 0) return false;
  if (settings_.transientCalls && !settings_.transientCalls(call)) return false;
  std::lock_guard lock(rngMu_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < settings_.transientRate;
}

void FaultyWorkspace::before(std::string_view call, const CallOptions& options) {
  ++calls_;
  wait(options);
  if (drawTransient(call)) {
    ++transient_;
    throw WorkspaceError(WorkspaceErrorClass::Remote,
                         "[TEMPORARILY_UNAVAILABLE] injected transient failure of " +
                             std::string(call.substr(0, 200)));
  }
  if (settings_.permanentFailure && settings_.permanentFailure(call)) {
    ++permanent_;
    throw WorkspaceError(settings_.permanentClass,
                         "injected permanent failure of " + std::string(call.substr(0, 200)));
  }
  ++forwarded_;
}

std::string FaultyWorkspace::kind() const {
  return inner_->kind();
}

std::string FaultyWorkspace::host() const {
  return inner_->host();
}

ResultSet FaultyWorkspace::sql(std::string_view statement, const std::vector<SqlParam>& params,
                               const CallOptions& options) {
  before(statement, options);
  return inner_->sql(statement, params, options);
}

std::vector<CatalogInfo> FaultyWorkspace::catalogs(const CallOptions& options) {
  before("catalogs", options);
  return inner_->catalogs(options);
}

std::vector<SchemaInfo> FaultyWorkspace::schemas(const std::string& catalog,
                                                 const CallOptions& options) {
  before(describe({"schemas", catalog}), options);
  return inner_->schemas(catalog, options);
}

std::vector<TableInfo> FaultyWorkspace::tables(const std::string& catalog,
                                               const std::string& schema,
                                               const CallOptions& options) {
  before(describe({"tables", catalog, schema}), options);
  return inner_->tables(catalog, schema, options);
}

std::string FaultyWorkspace::currentUser(const CallOptions& options) {
  before("currentUser", options);
  return inner_->currentUser(options);
}

std::vector<WarehouseInfo> FaultyWorkspace::warehouses(const CallOptions& options) {
  before("warehouses", options);
  return inner_->warehouses(options);
}

std::vector<FunctionInfo> FaultyWorkspace::functions(const std::string& catalog,
                                                     const std::string& schema,
                                                     const CallOptions& options) {
  before(describe({"functions", catalog, schema}), options);
  return inner_->functions(catalog, schema, options);
}

std::vector<VolumeInfo> FaultyWorkspace::volumes(const std::string& catalog,
                                                 const std::string& schema,
                                                 const CallOptions& options) {
  before(describe({"volumes", catalog, schema}), options);
  return inner_->volumes(catalog, schema, options);
}

std::vector<GrantInfo> FaultyWorkspace::grants(const std::string& objectType,
                                               const std::string& fullName,
                                               const CallOptions& options) {
  before(describe({"grants", objectType, fullName}), options);
  return inner_->grants(objectType, fullName, options);
}

std::vector<TagInfo> FaultyWorkspace::tags(const std::string& objectType,
                                           const std::string& fullName,
                                           const CallOptions& options) {
  before(describe({"tags", objectType, fullName}), options);
  return inner_->tags(objectType, fullName, options);
}

std::vector<HistoryEntry> FaultyWorkspace::history(const std::string& fullName,
                                                   std::optional<std::int64_t> limit,
                                                   const CallOptions& options) {
  before(describe({"history", fullName}), options);
  return inner_->history(fullName, limit, options);
}

std::vector<FileEntry> FaultyWorkspace::listDirectory(const std::string& path,
                                                      const CallOptions& options) {
  before(describe({"listDirectory", path}), options);
  return inner_->listDirectory(path, options);
}

std::string FaultyWorkspace::readFile(const std::string& path, const CallOptions& options) {
  before(describe({"readFile", path}), options);
  return inner_->readFile(path, options);
}

void FaultyWorkspace::writeFile(const std::string& path, std::string_view contents, bool overwrite,
                                const CallOptions& options) {
  before(describe({"writeFile", path}), options);
  inner_->writeFile(path, contents, overwrite, options);
}

}  // namespace clxs::testing
