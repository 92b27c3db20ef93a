#include "plugins/clone/clone_service.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/config.hpp"
#include "clxs/error.hpp"
#include "clxs/event_types.hpp"
#include "clxs/events.hpp"
#include "clxs/jobs.hpp"
#include "clxs/services.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/clone/audit/delta_audit.hpp"
#include "plugins/clone/body_check.hpp"
#include "plugins/clone/clone_run.hpp"
#include "plugins/clone/rollback_run.hpp"
#include "plugins/clone/snapshot_store.hpp"
#include "plugins/clone/statement_runner.hpp"

namespace clxs::clone {
namespace {

// The warehouse a job of `credentials` will run on (see SqlService::warehouse()).
WarehouseChoice chooseWarehouse(Host& host, const Credentials& credentials,
                                const std::string& named) {
  CallOptions call;
  call.warehouseId = named;
  return host.workspace(credentials)->sql().warehouse(call);
}

/// The job's log, kept for the audit row as well.
class RunLog {
 public:
  explicit RunLog(JobContext& ctx) : ctx_(ctx) {}
  void operator()(const std::string& line) {
    ctx_.log(line);
    std::lock_guard lock(mu_);
    if (lines_.size() < kMaxLines) lines_.push_back(line);
  }
  std::vector<std::string> lines() {
    std::lock_guard lock(mu_);
    return lines_;
  }

 private:
  static constexpr std::size_t kMaxLines = 10000;
  JobContext& ctx_;
  std::mutex mu_;
  std::vector<std::string> lines_;
};

int configInt(const ConfigView& config, const char* key, int fallback) {
  const Json v = config.value(key);
  return v.is_number_integer() ? v.get<int>() : fallback;
}

std::int64_t failures(const Json& result) {
  std::int64_t n = 0;
  for (const char* kind : {"schemas", "tables", "views", "functions", "volumes"}) {
    if (result.contains(kind) && result[kind].is_object()) n += result[kind].value("failed", 0);
  }
  return n;
}

// A sync's result nests the clone it ran under "clone".
const Json& cloneResultOf(const Json& result) {
  return result.contains("clone") ? result["clone"] : result;
}

// Whether a run ended with nothing failed, aborted or mismatched.
bool clean(const Json& result) {
  const Json& c = cloneResultOf(result);
  if (failures(c) > 0 || c.contains("aborted")) return false;
  if (c.contains("validation") &&
      (c["validation"].value("mismatched", 0) > 0 || c["validation"].value("errors", 0) > 0))
    return false;
  return !(result.contains("errors") && result["errors"].is_array() && !result["errors"].empty());
}

Json runMetrics(const Json& summary, double seconds) {
  Json metrics{{"duration_seconds", seconds}};
  if (!summary.is_object()) return metrics;
  const Json& c = cloneResultOf(summary);
  for (const char* kind : {"tables", "views", "functions", "volumes"}) {
    if (!c.contains(kind) || !c[kind].is_object()) continue;
    for (const char* field : {"success", "failed", "skipped"}) {
      metrics[std::string(kind) + "_" + field] = c[kind].value(field, 0);
    }
  }
  metrics["bytes_copied"] = c.value("bytes_copied", 0);
  const Json calls = c.value("calls", Json::object());
  metrics["retries"] = calls.value("retries", 0) + calls.value("remote_retries", 0);
  return metrics;
}

}  // namespace

const std::vector<std::string>& jobTypes() {
  static const std::vector<std::string> kTypes = {"clone", "sync", "incremental_sync"};
  return kTypes;
}

void requireJobType(const std::string& jobType) {
  if (std::find(jobTypes().begin(), jobTypes().end(), jobType) != jobTypes().end()) return;
  std::string known;
  for (const auto& t : jobTypes()) known += (known.empty() ? "" : ", ") + t;
  throw unprocessable(Json::array({"body", "job_type"}),
                      "job_type must be one of " + known + ", not '" + jobType + "'");
}

JobRequest parseJobRequest(const std::string& jobType, const Json& body) {
  requireJobType(jobType);
  if (jobType == "clone") return parseUnvalidated<CloneRequest>(body);
  if (jobType == "sync") return parseUnvalidated<SyncRequest>(body);
  return parseUnvalidated<IncrementalSyncRequest>(body);
}

CloneService::CloneService(Host& host, std::shared_ptr<CloneStore> store)
    : host_(host), store_(std::move(store)) {}

std::string CloneService::submitClone(CloneRequest request, const Credentials& credentials) {
  CloneOptions options = cloneOptionsOf(request);
  RunIdentity identity;
  if (!options.resumeJobId.empty()) {
    const auto previous = host_.jobs().get(options.resumeJobId);
    if (!previous) throw notFound("No clone job '" + options.resumeJobId + "' to resume");
    const auto status = previous->value("status", std::string());
    if (status == "queued" || status == "running" || status == "cancelling") {
      throw conflict("Job '" + options.resumeJobId + "' is still " + status +
                     "; resume it once it has ended");
    }
    const auto source = previous->value("source_catalog", std::string());
    const auto destination = previous->value("destination_catalog", std::string());
    if (previous->value("job_type", std::string()) != "clone" || source != options.sourceCatalog ||
        destination != options.destinationCatalog) {
      throw unprocessable(Json::array({"body", "resume_job_id"}),
                          "job '" + options.resumeJobId + "' is not a clone of " +
                              options.sourceCatalog + " to " + options.destinationCatalog);
    }
    identity.resumedFrom = options.resumeJobId;
    identity.done = store_->doneObjects(options.resumeJobId);
    if (const auto log = store_->logOfJob(options.resumeJobId))
      identity.rollbackId = log->rollbackId;
  }
  options.maxRetries = configInt(host_.config(), "max_retries", 3);
  if (options.warehouseId.empty()) options.warehouseId = credentials.warehouseId;
  if (!options.sourceSnapshotId.empty()) pinToSnapshot(options);
  JobSpec spec;
  spec.type = "clone";
  RunRequest run;
  run.operation = "clone";
  run.params = CloneRequest::schema().toJson(request);
  run.identity = std::move(identity);
  // Asked for at submission, so a missing provider is the request's 503 (naming the analysis
  // plugin) rather than a failed job; the job holds it, and so its provider, to the end.
  std::shared_ptr<services::TableComparer> comparer;
  if (options.validateAfterClone) comparer = host_.services().get<services::TableComparer>();
  run.body = [comparer](const CloneOptions& o, StatementRunner& runner, CloneStore* store,
                        const RunIdentity& id, const ProgressFn& progress) {
    return runClone(o, runner, store, id, progress, comparer.get());
  };
  run.options = std::move(options);
  return submitRun(std::move(spec), std::move(run), credentials);
}

void CloneService::pinToSnapshot(CloneOptions& options) const {
  const auto snapshot = SnapshotStore(host_.store()).get(options.sourceSnapshotId);
  if (!snapshot) throw notFound("No clone snapshot '" + options.sourceSnapshotId + "'");
  if (!sameName(snapshot->sourceCatalog, options.sourceCatalog)) {
    throw unprocessable(Json::array({"body", "source_snapshot_id"}),
                        "snapshot '" + options.sourceSnapshotId + "' was captured from '" +
                            snapshot->sourceCatalog + "', not from '" + options.sourceCatalog +
                            "'");
  }
  for (const auto& t : snapshot->tables)
    options.tableVersions[lowerAscii(t.schema + "." + t.table)] = t.version;
  options.pinnedBy = "snapshot " + snapshot->snapshotId;
}

std::string CloneService::submitSync(const SyncRequest& request, const Credentials& credentials) {
  return submitSyncRun(syncOptionsOf(request), SyncRequest::schema().toJson(request), "sync",
                       credentials);
}

std::string CloneService::submitIncrementalSync(const IncrementalSyncRequest& request,
                                                const Credentials& credentials) {
  return submitSyncRun(incrementalOptionsOf(request.scope),
                       IncrementalSyncRequest::schema().toJson(request), "incremental_sync",
                       credentials);
}

std::string CloneService::submitSyncRun(SyncOptions options, Json params,
                                        const std::string& jobType,
                                        const Credentials& credentials) {
  options.maxRetries = configInt(host_.config(), "max_retries", 3);
  if (options.warehouseId.empty()) options.warehouseId = credentials.warehouseId;
  JobSpec spec;
  spec.type = jobType;
  RunRequest run;
  run.operation = jobType;
  run.params = std::move(params);
  run.options.sourceCatalog = options.sourceCatalog;
  run.options.destinationCatalog = options.destinationCatalog;
  run.options.warehouseId = options.warehouseId;
  run.options.cloneType = options.cloneType;
  run.options.dryRun = options.dryRun;
  run.options.maxRetries = options.maxRetries;
  Host& host = host_;
  run.body = [options, &host](const CloneOptions&, StatementRunner& runner, CloneStore* store,
                              const RunIdentity& id, const ProgressFn& progress) {
    SyncStateStore state(host.store());
    return runSync(options, runner, store, state, id, progress,
                   [&host] { return isoUtc(host.clock().now()); });
  };
  return submitRun(std::move(spec), std::move(run), credentials);
}

std::string CloneService::submitRun(JobSpec spec, RunRequest run, const Credentials& credentials) {
  // The warehouse is decided now, not in the job: with none named and none or several to
  // choose from, the request is refused (400 naming them) instead of a job that fails.
  std::string warehouseNote;
  if (!credentials.isLocal()) {
    const auto choice = chooseWarehouse(host_, credentials, run.options.warehouseId);
    if (run.options.warehouseId.empty()) run.options.warehouseId = choice.id;
    warehouseNote = onlyWarehouseNote(choice);
  }
  spec.params = run.params;
  spec.labels = {{"source_catalog", run.options.sourceCatalog},
                 {"destination_catalog", run.options.destinationCatalog},
                 {"clone_type", run.options.cloneType == CloneType::Deep ? "DEEP" : "SHALLOW"}};
  // Runs that write one catalog go one at a time, so each sees what the one before made
  // (and its rollback log claims only what it created itself); a dry run writes nothing.
  if (!run.options.dryRun) spec.writes = {catalogWrite(run.options.destinationCatalog)};
  auto store = store_;
  Host& host = host_;
  return host_.jobs().submit(
      spec,
      [run = std::move(run), credentials, store, &host,
       warehouseNote](JobContext& ctx) -> JobOutcome {
        const auto& options = run.options;
        RunIdentity identity = run.identity;
        identity.jobId = ctx.id();
        if (identity.rollbackId.empty()) identity.rollbackId = "rb-" + ctx.id();
        identity.startedAt = isoUtc(host.clock().now());
        RunLog log(ctx);
        // The job's token: a cancel interrupts the statement in flight.
        StatementRunner runner(host.workspace(credentials), runnerSettings(options),
                               ctx.cancellation(), [&log](const std::string& line) { log(line); });
        if (!options.dryRun)
          store->registerRun(ctx.id(), identity.rollbackId, identity.resumedFrom);
        if (!options.dryRun && options.enableRollback) {
          store->openLog({identity.rollbackId, ctx.id(), options.sourceCatalog,
                          options.destinationCatalog, identity.startedAt, "pending", ""});
        }
        log(run.operation + " " + options.sourceCatalog + " -> " + options.destinationCatalog +
            (options.dryRun ? " (dry run)" : "") +
            (identity.resumedFrom.empty() ? "" : ", resuming job " + identity.resumedFrom));
        if (!warehouseNote.empty()) log(warehouseNote);
        const auto started = host.clock().steadyNow();
        auto audit = [&](const std::string& status, const Json& summary) {
          if (options.dryRun) return;
          const double seconds =
              std::chrono::duration<double>(host.clock().steadyNow() - started).count();
          Json op{{"job_id", ctx.id()},
                  {"operation", run.operation},
                  {"source_catalog", options.sourceCatalog},
                  {"destination_catalog", options.destinationCatalog},
                  {"clone_type", options.cloneType == CloneType::Deep ? "DEEP" : "SHALLOW"},
                  {"status", status},
                  {"started_at", identity.startedAt},
                  {"finished_at", isoUtc(host.clock().now())},
                  {"duration_seconds", seconds},
                  {"user_name", credentials.isLocal() ? "local" : credentials.authMethod},
                  {"summary", summary}};
          try {
            store->audit(op, log.lines(), runMetrics(summary, seconds));
          } catch (const std::exception& e) {
            ctx.log(std::string("WARN audit not written: ") + e.what());
            return;
          }
          // The Delta audit tables of POST /api/audit/init, when there are any.
          for (const auto& w : audit::mirrorRunToTargets(host.store(), runner.workspace(), ctx.id(),
                                                         isoUtc(host.clock().now()), run.params)) {
            log("WARN " + w);
          }
        };
        Json result;
        try {
          result =
              run.body(options, runner, store.get(), identity,
                       [&ctx](std::int64_t done, std::int64_t total, const std::string& current,
                              const Json& extra) { ctx.progress(done, total, current, extra); });
        } catch (const JobCancelled&) {
          log("Cancelled; the rollback log " + identity.rollbackId + " holds what was done");
          audit("cancelled", Json{{"rollback_id", identity.rollbackId}});
          throw;
        } catch (const std::exception& e) {
          audit("failed", Json{{"error", e.what()}});
          throw;
        }
        const std::string status = clean(result) ? "completed" : "completed_with_errors";
        audit(status, result);
        // clone.completed, sync.completed or incremental_sync.completed, one payload.
        host.events().publish(
            run.operation + ".completed",
            events::CloneCompleted::schema().toJson(
                {ctx.id(), options.sourceCatalog, options.destinationCatalog, status}));
        return status == "completed" ? JobOutcome::completed(std::move(result))
                                     : JobOutcome::withErrors(std::move(result));
      });
}

std::string CloneService::submitByType(const std::string& jobType, const Json& body,
                                       const Credentials& credentials) {
  JobRequest request = parseJobRequest(jobType, body);
  return std::visit(
      [&](auto& r) -> std::string {
        using R = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<R, CloneRequest>) {
          return submitClone(std::move(r), credentials);
        } else if constexpr (std::is_same_v<R, SyncRequest>) {
          return submitSync(r, credentials);
        } else {
          return submitIncrementalSync(r, credentials);
        }
      },
      request);
}

std::string CloneService::submitRollback(const std::string& rollbackId, bool dropCatalog,
                                         const Credentials& credentials,
                                         const std::string& warehouseId) {
  const auto log = store_->log(rollbackId);
  if (!log) throw notFound("No rollback log '" + rollbackId + "'");
  if (log->status != "pending") {
    throw conflict("Rollback log '" + rollbackId + "' was already used (" + log->status + " at " +
                   log->executedAt + ")");
  }
  const auto job = host_.jobs().get(log->jobId);
  if (job) {
    const auto status = job->value("status", std::string());
    if (status == "queued" || status == "running" || status == "cancelling") {
      throw conflict("Clone job '" + log->jobId + "' is still " + status +
                     "; cancel it and wait for it to end before rolling back");
    }
  }
  if (const auto writer = host_.jobs().writerOf(catalogWrite(log->destinationCatalog))) {
    throw conflict("Job '" + *writer + "' writes to catalog '" + log->destinationCatalog +
                   "'; roll back once it has ended, so the rollback undoes exactly what the log "
                   "recorded");
  }
  std::string chosenWarehouse = warehouseId.empty() ? credentials.warehouseId : warehouseId;
  std::string warehouseNote;
  if (!credentials.isLocal()) {
    const auto choice = chooseWarehouse(host_, credentials, chosenWarehouse);
    if (chosenWarehouse.empty()) chosenWarehouse = choice.id;
    warehouseNote = onlyWarehouseNote(choice);
  }
  JobSpec spec;
  spec.type = "rollback";
  spec.writes = {catalogWrite(log->destinationCatalog)};
  spec.params = {{"rollback_id", rollbackId}, {"drop_catalog", dropCatalog}};
  spec.labels = {{"source_catalog", log->sourceCatalog},
                 {"destination_catalog", log->destinationCatalog}};
  auto store = store_;
  Host& host = host_;
  return host_.jobs().submit(
      spec,
      [store, info = *log, dropCatalog, credentials, chosenWarehouse, warehouseNote,
       &host](JobContext& ctx) -> JobOutcome {
        RunnerSettings settings;
        settings.warehouseId = chosenWarehouse;
        if (!warehouseNote.empty()) ctx.log(warehouseNote);
        StatementRunner runner(host.workspace(credentials), settings, ctx.cancellation(),
                               [&ctx](const std::string& line) { ctx.log(line); });
        ctx.log("Rolling back " + info.rollbackId + " of job " + info.jobId + " on " +
                info.destinationCatalog);
        auto result =
            runRollback(*store, info, dropCatalog, runner,
                        [&ctx](std::int64_t done, std::int64_t total, const std::string& current,
                               const Json& extra) { ctx.progress(done, total, current, extra); });
        const auto status = result["status"].get<std::string>();
        store->markRolledBack(info.rollbackId, status, isoUtc(host.clock().now()), result);
        return result["failed"].get<std::int64_t>() > 0 ? JobOutcome::withErrors(std::move(result))
                                                        : JobOutcome::completed(std::move(result));
      });
}

}  // namespace clxs::clone
