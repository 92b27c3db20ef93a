// The kernel's job queue: SQLite-persisted, a fixed pool of workers, cooperative
// cancellation, per-job progress and logs, live events on the bus.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/events.hpp"
#include "clxs/jobs.hpp"
#include "clxs/json.hpp"
#include "kernel/store/state_store.hpp"

namespace clxs::kernel {

/// Which jobs list() returns. Empty strings match everything.
struct JobFilter {
  std::string type;          ///< job_type
  std::string status;        ///< queued, running, completed, ...
  std::string owner;         ///< owning plugin
  std::int64_t limit = 100;  ///< at most this many, newest first; negative: no limit
};

/// What cancel() did.
enum class CancelResult {
  NotFound,         ///< no such job
  AlreadyFinished,  ///< it had ended; `status` names its end state
  Cancelled,        ///< it was queued and will never run
  Cancelling,       ///< it is running and will stop at its next check
};

/// Answer of cancel().
struct CancelOutcome {
  CancelResult result = CancelResult::NotFound;
  std::string status;  ///< the job's status after the call (empty when NotFound)
};

/// A job that a previous run of the server left unfinished (see recoverInterrupted()).
struct InterruptedJob {
  std::string id;              ///< job id
  std::string type;            ///< job_type
  std::string owner;           ///< owning plugin (which may offer to resume it)
  std::string previousStatus;  ///< queued or running
  Json params;                 ///< parameters it was submitted with
};

/// Runs jobs on `maxConcurrent` worker threads in submission order. Job records live in
/// the tables `kernel_jobs` and `kernel_job_logs`; every change is also published on the
/// bus topic `job.event` as `{"job_id": ..., "event": {...}}`.
class JobQueue {
 public:
  /// Bus topic of job events.
  static constexpr const char* kTopic = "job.event";
  /// Log lines returned by get(); older lines stay in the database.
  static constexpr std::int64_t kLogLinesShown = 500;
  /// Error recorded for jobs the server stopped under.
  static constexpr const char* kInterruptedRunning =
      "interrupted: the server stopped while this job was running";
  /// Error recorded for queued jobs the server stopped before they started.
  static constexpr const char* kInterruptedQueued =
      "interrupted: the server stopped before this job started";

  /// Creates the job tables if needed and starts the workers.
  JobQueue(StateStore& store, Events& events, const Clock& clock, int maxConcurrent = 4);
  /// Shuts down without grace if shutdown() was not called.
  ~JobQueue();
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  /// At start-up: marks every job a previous run left queued or running as failed
  /// (`interrupted: ...`, completed_at set) and returns them so their owners may offer
  /// to resume. Jobs of this queue are never touched.
  std::vector<InterruptedJob> recoverInterrupted();

  /// Queues `fn` for `owner` and returns the new job id. `keepAlive` (the owner's library)
  /// is released only after `fn` has been destroyed. Throws HttpError 503 after shutdown.
  std::string submit(const std::string& owner, std::shared_ptr<const void> keepAlive, JobSpec spec,
                     GuardedJobFn fn);

  /// The status record (with the last kLogLinesShown log lines), or nullopt when unknown.
  [[nodiscard]] std::optional<Json> get(const std::string& id) const;
  /// Status records without logs, newest first.
  [[nodiscard]] std::vector<Json> list(const JobFilter& filter = {}) const;
  /// Owning plugin of a job, or nullopt when unknown.
  [[nodiscard]] std::optional<std::string> ownerOf(const std::string& id) const;

  /// Cancels a queued job at once, or asks a running one to stop at its next check.
  /// `reason` becomes the job's error text.
  CancelOutcome cancel(const std::string& id, const std::string& reason = "cancelled by request");
  /// See clxs::Jobs::writerOf(): an unfinished job that writes `resource`, running first.
  [[nodiscard]] std::optional<std::string> writerOf(const std::string& resource) const;
  /// Cancels every queued or running job of `owner` (the plugin is being disabled);
  /// returns how many were affected.
  std::size_t cancelOwnedBy(const std::string& owner,
                            const std::string& reason = "cancelled: its plugin was disabled");
  /// Number of jobs currently running.
  [[nodiscard]] std::size_t runningCount() const;

  /// Stops taking jobs, fails queued ones as interrupted, asks running ones to stop,
  /// waits up to `grace`, marks any still running as failed (interrupted), then joins the
  /// workers (which waits for job bodies that ignore cancellation to return).
  void shutdown(std::chrono::milliseconds grace);

  /// The clxs::Jobs a plugin receives: submits as `owner`, and only sees and cancels the
  /// jobs `owner` submitted. Each submitted job holds what `lease()` returns (the owner's
  /// lease on its code and host) until it ends; `lease` may throw (HttpError 503) when the
  /// owner is being disabled, and then nothing is queued.
  std::unique_ptr<clxs::Jobs> scoped(const std::string& owner,
                                     std::function<std::shared_ptr<const void>()> lease);

 private:
  struct Job;
  class Context;
  class Scoped;

  void workerLoop();
  // The first queued job that writes nothing a running job or an earlier queued job writes
  // (so jobs sharing a resource keep their order), or queue_.end(). Under mu_.
  std::deque<std::shared_ptr<Job>>::iterator runnable();
  void runJob(const std::shared_ptr<Job>& job);
  void finishJob(Job& job, JobOutcome outcome);
  void reportProgress(Job& job, Json progress);
  void appendLog(Job& job, std::string line);
  void publish(const std::string& id, Json event);
  void publishEnd(const std::string& id, const std::string& status, const Json& result,
                  const std::string& error);
  static void release(Job& job);
  std::optional<Json> load(const std::string& id, bool withLogs) const;
  Json toRecord(const Json& row) const;
  std::string now() const;

  StateStore& store_;
  Events& events_;
  const Clock& clock_;

  mutable std::mutex mu_;
  std::condition_variable workCv_;
  std::condition_variable idleCv_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::map<std::string, std::shared_ptr<Job>> active_;  // queued and running, by id
  std::map<std::string, int> held_;                     // JobSpec::writes of the running jobs
  std::size_t running_ = 0;
  bool stopping_ = false;
  bool joined_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace clxs::kernel
