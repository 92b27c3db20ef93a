#include "kernel/jobs/job_queue.hpp"

#include <Poco/UUIDGenerator.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <string_view>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "kernel/log/log_context.hpp"

namespace clxs::kernel {

namespace {

constexpr auto kProgressWriteInterval = std::chrono::milliseconds(200);

const std::vector<Migration>& jobMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "CREATE TABLE kernel_jobs ("
       "  job_id TEXT PRIMARY KEY,"
       "  job_type TEXT NOT NULL,"
       "  owner TEXT NOT NULL,"
       "  status TEXT NOT NULL,"
       "  params TEXT NOT NULL DEFAULT '{}',"
       "  source_catalog TEXT,"
       "  destination_catalog TEXT,"
       "  clone_type TEXT,"
       "  progress TEXT,"
       "  result TEXT,"
       "  error TEXT,"
       "  created_at TEXT NOT NULL,"
       "  started_at TEXT,"
       "  completed_at TEXT);"
       "CREATE INDEX kernel_jobs_status ON kernel_jobs(status);"
       "CREATE INDEX kernel_jobs_created ON kernel_jobs(created_at);"
       // Logs live apart from the job row so that concurrent jobs never share a log and a
       // long log never has to be rewritten.
       "CREATE TABLE kernel_job_logs ("
       "  job_id TEXT NOT NULL REFERENCES kernel_jobs(job_id) ON DELETE CASCADE,"
       "  seq INTEGER NOT NULL,"
       "  ts TEXT NOT NULL,"
       "  line TEXT NOT NULL,"
       "  PRIMARY KEY (job_id, seq)) WITHOUT ROWID;"}};
  return kMigrations;
}

// Plugin text can hold invalid UTF-8 (bytes from a workspace, an exception message); JSON
// output would throw on it later, so it is repaired once on the way in.
std::string validUtf8(const std::string& s) {
  const std::string quoted = Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
  return Json::parse(quoted).get<std::string>();
}

std::string toText(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json parseStored(const Json& v) {
  if (!v.is_string()) return nullptr;
  Json parsed = Json::parse(v.get<std::string>(), nullptr, false);
  return parsed.is_discarded() ? Json(nullptr) : parsed;
}

// A listing column from the job's labels (null when it has none).
Json label(const JobSpec& spec, const std::string& name) {
  auto it = spec.labels.find(name);
  return it == spec.labels.end() ? Json(nullptr) : textOrNull(it->second);
}

bool isSuccess(const std::string& status) {
  return status == "completed" || status == "completed_with_errors";
}

}  // namespace

struct JobQueue::Job {
  // Declared first so it is destroyed last: `fn` is the owner's code and must go before
  // the owner's library may be unloaded. release() does the same explicitly.
  std::shared_ptr<const void> keepAlive;
  GuardedJobFn fn;
  std::string id;
  std::string owner;
  Json params;
  std::vector<std::string> writes;  // lower case
  bool running = false;             // guarded by JobQueue::mu_
  CancellationToken cancel;
  std::atomic<bool> stopForShutdown{false};
  bool cancelledByUser = false;  // guarded by JobQueue::mu_
  std::string cancelReason;      // guarded by JobQueue::mu_

  std::mutex mu;  // guards the fields below
  Json progress;
  std::chrono::steady_clock::time_point lastProgressWrite{};
  bool progressWritten = false;
  std::int64_t logSeq = 0;
};

/// The JobContext handed to a running job body.
class JobQueue::Context final : public JobContext {
 public:
  Context(JobQueue& queue, Job& job) : queue_(queue), job_(job) {}

  [[nodiscard]] const std::string& id() const override { return job_.id; }
  [[nodiscard]] const Json& params() const override { return job_.params; }
  void progress(std::int64_t completed, std::int64_t total, const std::string& current,
                const Json& extra) override {
    Json p = Json::object();
    p["completed"] = completed;
    p["total"] = total;
    p["current"] = validUtf8(current);
    if (extra.is_object()) {
      for (const auto& [k, v] : extra.items()) {
        if (!p.contains(k)) p[k] = v;
      }
    }
    queue_.reportProgress(job_, std::move(p));
  }
  void log(std::string_view line) override { queue_.appendLog(job_, std::string(line)); }
  CancellationToken& cancellation() override { return job_.cancel; }
  [[nodiscard]] bool cancelRequested() const override { return job_.cancel.cancelled.load(); }

 private:
  JobQueue& queue_;
  Job& job_;
};

/// A plugin's view of the queue.
class JobQueue::Scoped final : public clxs::Jobs {
 public:
  Scoped(JobQueue& queue, std::string owner, std::function<std::shared_ptr<const void>()> lease)
      : queue_(queue), owner_(std::move(owner)), lease_(std::move(lease)) {}

  std::string submitGuarded(JobSpec spec, GuardedJobFn fn) override {
    return queue_.submit(owner_, lease_ ? lease_() : nullptr, std::move(spec), std::move(fn));
  }
  [[nodiscard]] std::optional<Json> get(const std::string& id) const override {
    if (queue_.ownerOf(id) != owner_) return std::nullopt;
    return queue_.get(id);
  }
  [[nodiscard]] std::vector<Json> list(const std::string& type) const override {
    return queue_.list(JobFilter{type, "", owner_, -1});
  }
  bool cancel(const std::string& id) override {
    if (queue_.ownerOf(id) != owner_) return false;
    const auto r = queue_.cancel(id).result;
    return r == CancelResult::Cancelled || r == CancelResult::Cancelling;
  }
  [[nodiscard]] std::optional<std::string> writerOf(const std::string& resource) const override {
    return queue_.writerOf(resource);
  }

 private:
  JobQueue& queue_;
  std::string owner_;
  std::function<std::shared_ptr<const void>()> lease_;
};

JobQueue::JobQueue(StateStore& store, Events& events, const Clock& clock, int maxConcurrent)
    : store_(store), events_(events), clock_(clock) {
  store_.migrate("kernel.jobs", jobMigrations());
  const int n = std::max(1, maxConcurrent);
  workers_.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) workers_.emplace_back([this] { workerLoop(); });
}

JobQueue::~JobQueue() {
  shutdown(std::chrono::milliseconds(0));
}

std::vector<InterruptedJob> JobQueue::recoverInterrupted() {
  std::vector<InterruptedJob> found;
  std::lock_guard lock(mu_);
  const std::string at = now();
  store_.transaction([&] {
    const auto rows = store_.query(
        "SELECT job_id, job_type, owner, status, params FROM kernel_jobs "
        "WHERE status IN ('queued', 'running') ORDER BY created_at, rowid");
    for (const auto& row : rows) {
      const auto id = row["job_id"].get<std::string>();
      if (active_.count(id) != 0) continue;
      const auto status = row["status"].get<std::string>();
      store_.execute(
          "UPDATE kernel_jobs SET status = 'failed', error = ?, completed_at = ? "
          "WHERE job_id = ?",
          {status == "running" ? kInterruptedRunning : kInterruptedQueued, at, id});
      found.push_back(InterruptedJob{id, row["job_type"].get<std::string>(),
                                     row["owner"].get<std::string>(), status,
                                     parseStored(row["params"])});
    }
  });
  return found;
}

std::string JobQueue::submit(const std::string& owner, std::shared_ptr<const void> keepAlive,
                             JobSpec spec, GuardedJobFn fn) {
  auto job = std::make_shared<Job>();
  job->keepAlive = std::move(keepAlive);
  job->fn = std::move(fn);
  job->owner = owner;
  job->params = spec.params.is_null() ? Json::object() : std::move(spec.params);
  for (const auto& w : spec.writes) job->writes.push_back(lowerAscii(w));
  std::string waitsFor;  // an unfinished job that writes what this one does
  std::string sharedResource;

  // Two steps so that the `queued` event is published (outside the lock) before any
  // worker can publish `running`.
  {
    std::lock_guard lock(mu_);
    if (stopping_) {
      throw HttpError(503, "The server is shutting down; submit the job again once it runs.");
    }
    job->id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    store_.execute(
        "INSERT INTO kernel_jobs(job_id, job_type, owner, status, params, source_catalog, "
        "destination_catalog, clone_type, created_at) "
        "VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?)",
        {job->id, spec.type, owner, toText(job->params), label(spec, "source_catalog"),
         label(spec, "destination_catalog"), label(spec, "clone_type"), now()});
    active_.emplace(job->id, job);
  }
  std::string id = job->id;
  publish(id, Json{{"type", "status"}, {"status", "queued"}});

  bool interrupted = false;
  {
    std::lock_guard lock(mu_);
    if (active_.count(id) == 0) return id;  // cancelled in between
    if (stopping_) {
      active_.erase(id);
      interrupted = true;
      try {
        store_.execute(
            "UPDATE kernel_jobs SET status = 'failed', error = ?, completed_at = ? "
            "WHERE job_id = ? AND status = 'queued'",
            {kInterruptedQueued, now(), id});
      } catch (const std::exception&) {  // recoverInterrupted() fixes the row next start
      }
    } else {
      // The job this one will run after: a running writer of the same resource, else the
      // last queued one (queue order is the order jobs sharing a resource run in).
      for (const auto& w : job->writes) {
        for (const auto& other : queue_) {
          if (std::find(other->writes.begin(), other->writes.end(), w) != other->writes.end()) {
            waitsFor = other->id;
            sharedResource = w;
          }
        }
        for (const auto& [otherId, other] : active_) {
          if (other->running &&
              std::find(other->writes.begin(), other->writes.end(), w) != other->writes.end()) {
            waitsFor = otherId;
            sharedResource = w;
          }
        }
      }
      queue_.push_back(job);
    }
  }
  if (interrupted) {
    publishEnd(id, "failed", nullptr, kInterruptedQueued);
    release(*job);
    return id;
  }
  if (!waitsFor.empty()) {
    appendLog(*job, "Waiting for job " + waitsFor + ", which also writes " + sharedResource +
                        "; this job starts when that one ends.");
  }
  workCv_.notify_one();
  return id;
}

std::optional<Json> JobQueue::get(const std::string& id) const {
  return load(id, true);
}

std::vector<Json> JobQueue::list(const JobFilter& filter) const {
  const auto rows = store_.query(
      "SELECT * FROM kernel_jobs "
      "WHERE (?1 = '' OR job_type = ?1) AND (?2 = '' OR status = ?2) AND (?3 = '' OR owner = ?3) "
      "ORDER BY created_at DESC, rowid DESC LIMIT ?4",
      {filter.type, filter.status, filter.owner, filter.limit < 0 ? -1 : filter.limit});
  std::vector<Json> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(toRecord(row));
  return out;
}

std::optional<std::string> JobQueue::ownerOf(const std::string& id) const {
  const auto rows = store_.query("SELECT owner FROM kernel_jobs WHERE job_id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return rows.front()["owner"].get<std::string>();
}

CancelOutcome JobQueue::cancel(const std::string& id, const std::string& reason) {
  std::shared_ptr<Job> dropped;
  {
    std::unique_lock lock(mu_);
    auto it = active_.find(id);
    if (it != active_.end() && it->second->running) {
      auto job = it->second;
      if (!job->cancelledByUser) job->cancelReason = reason;
      job->cancelledByUser = true;
      // Outside the lock: the token's callbacks are the job's code (e.g. interrupting a
      // statement).
      lock.unlock();
      job->cancel.cancel();
      return {CancelResult::Cancelling, "running"};
    }
    if (it != active_.end()) {
      auto job = it->second;
      queue_.erase(std::remove(queue_.begin(), queue_.end(), job), queue_.end());
      active_.erase(it);
      dropped = std::move(job);
    }
    const auto rows = store_.query("SELECT status FROM kernel_jobs WHERE job_id = ?", {id});
    if (rows.empty()) return {CancelResult::NotFound, ""};
    const auto status = rows.front()["status"].get<std::string>();
    if (!dropped && status != "queued" && status != "running") {
      return {CancelResult::AlreadyFinished, status};
    }
    // A queued job of this queue, or a stale row no worker owns (left by a crash before
    // recoverInterrupted() ran): either way it will never run.
    store_.execute(
        "UPDATE kernel_jobs SET status = 'cancelled', error = ?, completed_at = ? "
        "WHERE job_id = ? AND status IN ('queued', 'running')",
        {reason, now(), id});
  }
  publishEnd(id, "cancelled", nullptr, reason);
  // A job queued behind the dropped one (for what it writes) may start now.
  if (dropped && !dropped->writes.empty()) workCv_.notify_all();
  if (dropped) release(*dropped);
  return {CancelResult::Cancelled, "cancelled"};
}

std::size_t JobQueue::cancelOwnedBy(const std::string& owner, const std::string& reason) {
  std::vector<std::string> ids;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, job] : active_) {
      if (job->owner == owner) ids.push_back(id);
    }
  }
  std::size_t n = 0;
  for (const auto& id : ids) {
    const auto r = cancel(id, reason).result;
    if (r == CancelResult::Cancelled || r == CancelResult::Cancelling) ++n;
  }
  return n;
}

std::size_t JobQueue::runningCount() const {
  std::lock_guard lock(mu_);
  return running_;
}

void JobQueue::shutdown(std::chrono::milliseconds grace) {
  std::vector<std::shared_ptr<Job>> dropped;
  std::vector<std::shared_ptr<Job>> runningJobs;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    const std::string at = now();
    for (const auto& job : queue_) {
      active_.erase(job->id);
      dropped.push_back(job);
      try {
        store_.execute(
            "UPDATE kernel_jobs SET status = 'failed', error = ?, completed_at = ? "
            "WHERE job_id = ? AND status = 'queued'",
            {kInterruptedQueued, at, job->id});
      } catch (const std::exception&) {  // recoverInterrupted() fixes the row next start
      }
    }
    queue_.clear();
    for (const auto& [id, job] : active_) {
      job->stopForShutdown = true;
      runningJobs.push_back(job);
    }
  }
  workCv_.notify_all();
  for (const auto& job : runningJobs) job->cancel.cancel();
  for (const auto& job : dropped) {
    publishEnd(job->id, "failed", nullptr, kInterruptedQueued);
    release(*job);
  }

  std::vector<std::string> abandoned;
  {
    std::unique_lock lock(mu_);
    idleCv_.wait_for(lock, grace, [&] { return running_ == 0; });
    const std::string at = now();
    for (const auto& [id, job] : active_) {
      if (!job->running) continue;
      try {
        // The worker's own final write is conditional on `running`, so this one stands.
        if (store_.execute("UPDATE kernel_jobs SET status = 'failed', error = ?, "
                           "completed_at = ? WHERE job_id = ? AND status = 'running'",
                           {kInterruptedRunning, at, id}) > 0) {
          abandoned.push_back(id);
        }
      } catch (const std::exception&) {
      }
    }
  }
  for (const auto& id : abandoned) publishEnd(id, "failed", nullptr, kInterruptedRunning);
  for (auto& w : workers_) {
    if (w.joinable()) w.join();
  }
}

std::unique_ptr<clxs::Jobs> JobQueue::scoped(const std::string& owner,
                                             std::function<std::shared_ptr<const void>()> lease) {
  return std::make_unique<Scoped>(*this, owner, std::move(lease));
}

std::deque<std::shared_ptr<JobQueue::Job>>::iterator JobQueue::runnable() {
  std::set<std::string> taken;  // by queued jobs ahead that cannot start yet
  for (auto it = queue_.begin(); it != queue_.end(); ++it) {
    const auto& writes = (*it)->writes;
    const bool free = std::none_of(writes.begin(), writes.end(), [&](const std::string& w) {
      return held_.count(w) > 0 || taken.count(w) > 0;
    });
    if (free) return it;
    taken.insert(writes.begin(), writes.end());
  }
  return queue_.end();
}

std::optional<std::string> JobQueue::writerOf(const std::string& resource) const {
  const std::string r = lowerAscii(resource);
  std::optional<std::string> queued;
  std::lock_guard lock(mu_);
  for (const auto& [id, job] : active_) {
    if (std::find(job->writes.begin(), job->writes.end(), r) == job->writes.end()) continue;
    if (job->running) return id;
    if (!queued) queued = id;
  }
  return queued;
}

void JobQueue::workerLoop() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mu_);
      workCv_.wait(lock, [&] { return stopping_ || runnable() != queue_.end(); });
      if (stopping_) return;
      const auto next = runnable();
      job = std::move(*next);
      queue_.erase(next);
      job->running = true;
      for (const auto& w : job->writes) ++held_[w];
      ++running_;
      try {
        store_.execute("UPDATE kernel_jobs SET status = 'running', started_at = ? WHERE job_id = ?",
                       {now(), job->id});
      } catch (const std::exception&) {  // the job still runs; its end is written later
      }
    }
    publish(job->id, Json{{"type", "status"}, {"status", "running"}});
    runJob(job);
  }
}

void JobQueue::runJob(const std::shared_ptr<Job>& job) {
  JobOutcome outcome;
  {
    LogScope logScope("", job->id);
    Context ctx(*this, *job);
    try {
      outcome = job->fn ? job->fn(ctx) : JobOutcome{JobEnd::Failed, nullptr, "the job has no body"};
    } catch (const std::exception& e) {
      outcome = JobOutcome{JobEnd::Failed, nullptr, e.what()};
    } catch (...) {
      outcome = JobOutcome{JobEnd::Failed, nullptr, "unknown error"};
    }
  }
  job->fn = nullptr;  // the owner's code goes before anything can release its library
  finishJob(*job, std::move(outcome));
  release(*job);
}

void JobQueue::finishJob(Job& job, JobOutcome outcome) {
  std::string status;
  std::string error;
  Json result = std::move(outcome.result);
  bool written = false;
  {
    std::lock_guard lock(mu_);
    if (job.cancelledByUser) {
      // Whatever the body returned: the user asked for it to stop, and it did.
      status = "cancelled";
      error = job.cancelReason;
    } else if (job.stopForShutdown && outcome.end != JobEnd::Completed &&
               outcome.end != JobEnd::CompletedWithErrors) {
      status = "failed";
      error = kInterruptedRunning;
    } else {
      switch (outcome.end) {
        case JobEnd::Completed:
          status = "completed";
          break;
        case JobEnd::CompletedWithErrors:
          status = "completed_with_errors";
          error = validUtf8(outcome.error);
          break;
        case JobEnd::Failed:
          status = "failed";
          error = outcome.error.empty() ? "the job failed without giving a reason"
                                        : validUtf8(outcome.error);
          break;
        case JobEnd::Cancelled:
          status = "cancelled";
          error = outcome.error.empty() ? "cancelled" : validUtf8(outcome.error);
          break;
      }
    }
    Json progress;
    {
      std::lock_guard jobLock(job.mu);
      progress = job.progress;
    }
    try {
      written = store_.execute(
                    "UPDATE kernel_jobs SET status = ?, progress = ?, result = ?, error = ?, "
                    "completed_at = ? WHERE job_id = ? AND status = 'running'",
                    {status, progress.is_null() ? Json(nullptr) : Json(toText(progress)),
                     result.is_null() ? Json(nullptr) : Json(toText(result)), textOrNull(error),
                     now(), job.id}) > 0;
    } catch (const std::exception&) {  // recoverInterrupted() fixes the row next start
    }
    active_.erase(job.id);
    --running_;
    for (const auto& w : job.writes) {
      if (--held_[w] <= 0) held_.erase(w);
    }
  }
  idleCv_.notify_all();
  // A job that waited for what this one wrote may start now.
  if (!job.writes.empty()) workCv_.notify_all();
  if (written) publishEnd(job.id, status, result, error);
}

void JobQueue::reportProgress(Job& job, Json progress) {
  {
    std::lock_guard lock(job.mu);
    job.progress = progress;
    const auto t = clock_.steadyNow();
    // Events carry every update; the database only needs one every so often (get() reads
    // the live value of running jobs anyway).
    if (!job.progressWritten || t - job.lastProgressWrite >= kProgressWriteInterval) {
      job.progressWritten = true;
      job.lastProgressWrite = t;
      try {
        store_.execute(
            "UPDATE kernel_jobs SET progress = ? WHERE job_id = ? AND status = 'running'",
            {toText(progress), job.id});
      } catch (const std::exception&) {  // progress is advisory; the job goes on
      }
    }
  }
  Json event = Json{{"type", "progress"}};
  for (auto& [k, v] : progress.items()) event[k] = std::move(v);
  publish(job.id, std::move(event));
}

void JobQueue::appendLog(Job& job, std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  line = validUtf8(line);
  {
    std::lock_guard lock(job.mu);
    const auto seq = ++job.logSeq;
    try {
      store_.execute("INSERT INTO kernel_job_logs(job_id, seq, ts, line) VALUES (?, ?, ?, ?)",
                     {job.id, seq, now(), line});
    } catch (const std::exception&) {  // a lost log line must not fail the job
    }
  }
  publish(job.id, Json{{"type", "log"}, {"line", std::move(line)}});
}

void JobQueue::publish(const std::string& id, Json event) {
  events_.publish(kTopic, Json{{"job_id", id}, {"event", std::move(event)}});
}

void JobQueue::publishEnd(const std::string& id, const std::string& status, const Json& result,
                          const std::string& error) {
  publish(id, Json{{"type", "status"}, {"status", status}});
  if (isSuccess(status)) {
    publish(id, Json{{"type", "completed"}, {"status", status}, {"result", result}});
  } else {
    publish(id, Json{{"type", "error"}, {"status", status}, {"error", error}});
  }
}

void JobQueue::release(Job& job) {
  job.fn = nullptr;
  job.keepAlive.reset();
}

std::optional<Json> JobQueue::load(const std::string& id, bool withLogs) const {
  const auto rows = store_.query("SELECT * FROM kernel_jobs WHERE job_id = ?", {id});
  if (rows.empty()) return std::nullopt;
  Json record = toRecord(rows.front());
  if (!withLogs) return record;
  Json logs = Json::array();
  for (const auto& r :
       store_.query("SELECT line FROM (SELECT seq, line FROM kernel_job_logs WHERE job_id = ? "
                    "ORDER BY seq DESC LIMIT ?) ORDER BY seq",
                    {id, kLogLinesShown})) {
    logs.push_back(r["line"]);
  }
  // Keep the documented key order: logs come after error.
  Json ordered = Json::object();
  for (auto& [k, v] : record.items()) {
    if (k == "created_at") ordered["logs"] = logs;
    ordered[k] = std::move(v);
  }
  return ordered;
}

Json JobQueue::toRecord(const Json& row) const {
  const auto id = row["job_id"].get<std::string>();
  const auto status = row["status"].get<std::string>();
  Json progress = parseStored(row["progress"]);
  if (status == "running") {
    // The database copy is throttled; a running job's latest progress is in memory.
    std::lock_guard lock(mu_);
    auto it = active_.find(id);
    if (it != active_.end()) {
      std::lock_guard jobLock(it->second->mu);
      if (!it->second->progress.is_null()) progress = it->second->progress;
    }
  }
  Json r = Json::object();
  r["job_id"] = id;
  r["job_type"] = row["job_type"];
  r["status"] = status;
  r["source_catalog"] = row["source_catalog"];
  r["destination_catalog"] = row["destination_catalog"];
  r["clone_type"] = row["clone_type"];
  r["progress"] = std::move(progress);
  r["result"] = parseStored(row["result"]);
  r["error"] = row["error"];
  r["created_at"] = row["created_at"];
  r["started_at"] = row["started_at"];
  r["completed_at"] = row["completed_at"];
  return r;
}

std::string JobQueue::now() const {
  return isoUtc(clock_.now());
}

}  // namespace clxs::kernel
