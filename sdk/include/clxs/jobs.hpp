// Long work as jobs: persisted, bounded, cancellable, observable.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clxs/cancellation.hpp"
#include "clxs/error.hpp"
#include "clxs/json.hpp"
#include "clxs/visibility.hpp"

namespace clxs {

/// Thrown by JobContext::checkCancelled() when the job was cancelled.
class CLXS_VISIBLE JobCancelled : public std::runtime_error {
 public:
  /// The standard message.
  JobCancelled() : std::runtime_error("job cancelled") {}
};

/// How a job body ended.
enum class JobEnd { Completed, CompletedWithErrors, Failed, Cancelled };

/// What a job body returns: its end state, result JSON and (for Failed) the error text.
struct JobOutcome {
  /// End state.
  JobEnd end = JobEnd::Completed;
  /// Result document (kept with the job, returned by GET /api/clone/{job_id}).
  Json result;
  /// Error text for Failed.
  std::string error;

  /// A completed job with its result.
  static JobOutcome completed(Json r) { return {JobEnd::Completed, std::move(r), {}}; }
  /// A job that finished but had failures inside (e.g. some tables failed).
  static JobOutcome withErrors(Json r) { return {JobEnd::CompletedWithErrors, std::move(r), {}}; }
};

/// What a running job can do: report progress, log, and notice cancellation.
class JobContext {
 public:
  virtual ~JobContext() = default;
  /// The job's id.
  [[nodiscard]] virtual const std::string& id() const = 0;
  /// Parameters the job was submitted with.
  [[nodiscard]] virtual const Json& params() const = 0;
  /// Reports progress; `extra` fields are merged into the progress object.
  virtual void progress(std::int64_t completed, std::int64_t total, const std::string& current = {},
                        const Json& extra = nullptr) = 0;
  /// Appends a log line to this job only (never to another job's log).
  virtual void log(std::string_view line) = 0;
  /// The job's cancellation token: set when the job is cancelled, its plugin disabled or
  /// the server stops. Pass it to workspace calls (CallOptions::cancel) to interrupt them,
  /// wait on it instead of sleeping, or hook a callback with onCancel().
  virtual CancellationToken& cancellation() = 0;
  /// Whether cancellation (or server shutdown) was requested.
  [[nodiscard]] virtual bool cancelRequested() const = 0;
  /// Throws JobCancelled when cancellation was requested. Call between units of work.
  void checkCancelled() const {
    if (cancelRequested()) throw JobCancelled();
  }
};

/// A job body after guarding: never throws.
using GuardedJobFn = std::function<JobOutcome(JobContext&)>;

/// Describes a job to submit.
struct JobSpec {
  /// Job type, e.g. "clone"; names the plugin feature that runs it.
  std::string type;
  /// Parameters (secrets must not be included; they are stored).
  Json params = Json::object();
  /// Labels shown in job listings. The listing (GET /api/clone/jobs, the original's shape)
  /// has the columns source_catalog, destination_catalog and clone_type, read from the labels
  /// of those names; a job that has none leaves them null.
  std::map<std::string, std::string> labels;
  /// What the job writes, such as "catalog:sales" (compared without ASCII case). Jobs that
  /// share an entry run one at a time, in submission order, across every plugin: a later one
  /// waits in the queue, and its log names the job it waits for.
  std::vector<std::string> writes;
};

/// The JobSpec::writes entry of a job that writes to catalog `catalog` (its tables, schemas
/// or the catalog itself); every plugin names a catalog the same way, so their jobs queue
/// behind each other.
inline std::string catalogWrite(std::string_view catalog) {
  return "catalog:" + std::string(catalog);
}

/// Wraps a job body so that no exception leaves the plugin: JobCancelled → Cancelled,
/// anything else → Failed with its message.
template <typename Fn>
GuardedJobFn guardJob(Fn fn) {
  return [fn = std::move(fn)](JobContext& ctx) noexcept -> JobOutcome {
    try {
      return fn(ctx);
    } catch (const JobCancelled&) {
      return {JobEnd::Cancelled, nullptr, "cancelled"};
    } catch (const HttpError& e) {
      return {JobEnd::Failed, nullptr, e.what()};
    } catch (const std::exception& e) {
      return {JobEnd::Failed, nullptr, e.what()};
    } catch (...) {
      return {JobEnd::Failed, nullptr, "unknown error"};
    }
  };
}

/// The job queue, scoped to a plugin: its jobs stop when it is disabled.
class Jobs {
 public:
  virtual ~Jobs() = default;
  /// Queues an already-guarded job body. Prefer submit().
  virtual std::string submitGuarded(JobSpec spec, GuardedJobFn fn) = 0;
  /// Queues `fn(JobContext&) -> JobOutcome` and returns the new job id (UUID v4).
  template <typename Fn>
  std::string submit(JobSpec spec, Fn fn) {
    return submitGuarded(std::move(spec), guardJob(std::move(fn)));
  }
  /// The job record as the status route shows it, or nullopt when unknown.
  [[nodiscard]] virtual std::optional<Json> get(const std::string& id) const = 0;
  /// Records of this plugin's jobs of `type`, newest first (all types when empty).
  [[nodiscard]] virtual std::vector<Json> list(const std::string& type = {}) const = 0;
  /// Requests cancellation; false when unknown or already finished.
  virtual bool cancel(const std::string& id) = 0;
  /// The id of an unfinished job (queued or running, of any plugin) whose JobSpec::writes
  /// holds `resource`, the running one first; nullopt when none. For work that must not
  /// overlap such a job and cannot wait for it (answer 409 naming the job).
  [[nodiscard]] virtual std::optional<std::string> writerOf(const std::string& resource) const {
    (void)resource;
    return std::nullopt;
  }
};

}  // namespace clxs
