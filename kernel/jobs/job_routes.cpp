#include "kernel/jobs/job_routes.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "clxs/error.hpp"

namespace clxs::kernel {

namespace {

constexpr std::int64_t kDefaultLimit = 100;
constexpr std::int64_t kMaxLimit = 1000;
constexpr int kReceiveWaitMs = 200;
// Re-reads the record now and then, in case the job ended without an event reaching us.
constexpr auto kRecheckInterval = std::chrono::seconds(5);
// A client that reads slower than a chatty job writes loses progress and log events past
// this many, never the status and end events.
constexpr std::size_t kMaxPendingEvents = 5000;

const std::vector<Json>& jobStatuses() {
  static const std::vector<Json> kStatuses = {
      "queued", "running", "completed", "completed_with_errors", "failed", "cancelled"};
  return kStatuses;
}

bool isTerminal(const std::string& status) {
  return status != "queued" && status != "running";
}

std::string notFoundMessage(const std::string& id) {
  return "Job '" + id + "' not found";
}

std::string text(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string stringParam(const Json& query, const char* name) {
  if (!query.is_object()) return {};
  auto it = query.find(name);
  return it != query.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t limitParam(const Json& query) {
  if (!query.is_object()) return kDefaultLimit;
  auto it = query.find("limit");
  if (it == query.end() || !it->is_number()) return kDefaultLimit;
  return std::clamp(it->get<std::int64_t>(), std::int64_t{1}, kMaxLimit);
}

/// The event that closes a job's stream, rebuilt from its record.
Json terminalEvent(const Json& record) {
  const auto status = record["status"].get<std::string>();
  if (status == "completed" || status == "completed_with_errors") {
    return Json{{"type", "completed"}, {"status", status}, {"result", record["result"]}};
  }
  return Json{{"type", "error"}, {"status", status}, {"error", record["error"]}};
}

bool isPing(std::string msg) {
  const auto first = msg.find_first_not_of(" \t\r\n");
  const auto last = msg.find_last_not_of(" \t\r\n");
  msg = first == std::string::npos ? std::string() : msg.substr(first, last - first + 1);
  if (msg == "ping") return true;
  const Json j = Json::parse(msg, nullptr, false);
  return j.is_object() && j.value("type", "") == "ping";
}

/// Job events for one id, collected on publishing threads and drained by the socket.
struct Inbox {
  std::mutex mu;
  std::deque<Json> events;
};

/// Subscribes for its lifetime, so every exit path of the socket handler unsubscribes.
class Subscription {
 public:
  Subscription(Events& events, const std::string& topic, std::function<void(const Json&)> fn)
      : events_(events), id_(events.subscribe(topic, std::move(fn))) {}
  ~Subscription() { events_.unsubscribe(id_); }
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

 private:
  Events& events_;
  std::uint64_t id_;
};

void streamJob(const Request& req, WebSocketChannel& ch, JobQueue& queue, Events& events) {
  const std::string id = req.param("job_id");
  // The inbox is shared with the handler: the bus may still be calling it on another
  // thread after this function unsubscribed and returned.
  auto inbox = std::make_shared<Inbox>();
  // Subscribe before taking the snapshot so that nothing between the two is missed.
  Subscription sub(events, JobQueue::kTopic, [inbox, id](const Json& payload) {
    if (!payload.is_object() || payload.value("job_id", "") != id) return;
    const Json& event = payload["event"];
    std::lock_guard lock(inbox->mu);
    const auto type = event.value("type", "");
    if (inbox->events.size() >= kMaxPendingEvents && (type == "progress" || type == "log")) {
      return;
    }
    inbox->events.push_back(event);
  });

  auto record = queue.get(id);
  if (!record) {
    ch.send(text(Json{{"type", "error"}, {"error", notFoundMessage(id)}}));
    return;
  }
  const auto status = (*record)["status"].get<std::string>();
  if (!ch.send(text(Json{{"type", "status"}, {"status", status}}))) return;
  if ((*record)["progress"].is_object()) {
    Json p = Json{{"type", "progress"}};
    for (const auto& [k, v] : (*record)["progress"].items()) p[k] = v;
    if (!ch.send(text(p))) return;
  }
  if (isTerminal(status)) {
    ch.send(text(terminalEvent(*record)));
    return;
  }

  auto nextRecheck = std::chrono::steady_clock::now() + kRecheckInterval;
  for (;;) {
    std::deque<Json> pending;
    {
      std::lock_guard lock(inbox->mu);
      pending.swap(inbox->events);
    }
    for (const auto& event : pending) {
      if (!ch.send(text(event))) return;
      const auto type = event.value("type", "");
      if (type == "completed" || type == "error") return;
    }
    if (ch.closed()) return;
    if (std::chrono::steady_clock::now() >= nextRecheck) {
      nextRecheck = std::chrono::steady_clock::now() + kRecheckInterval;
      const auto now = queue.get(id);
      if (!now) {
        ch.send(text(Json{{"type", "error"}, {"error", notFoundMessage(id)}}));
        return;
      }
      if (isTerminal((*now)["status"].get<std::string>())) {
        bool drained = false;
        {
          std::lock_guard lock(inbox->mu);
          drained = inbox->events.empty();
        }
        // Otherwise deliver what arrived meanwhile first; the end event is among it.
        if (!drained) continue;
        ch.send(text(Json{{"type", "status"}, {"status", (*now)["status"]}}));
        ch.send(text(terminalEvent(*now)));
        return;
      }
    }
    const auto msg = ch.receive(kReceiveWaitMs);  // throws when the peer has gone
    if (msg && isPing(*msg) && !ch.send(text(Json{{"type", "pong"}}))) return;
  }
}

struct JobCancelled {
  std::string status;
  std::string jobId;
  static const Schema<JobCancelled>& schema() {
    static const auto s =
        Schema<JobCancelled>("JobCancelled")
            .field("status", &JobCancelled::status,
                   Field::string()
                       .required()
                       .oneOf({"cancelled", "cancelling"})
                       .describe("cancelled for a queued job, cancelling for a running one"))
            .field("job_id", &JobCancelled::jobId, Field::string().required().describe("Job ID"));
    return s;
  }
};

// A job as GET /api/clone/{job_id} answers it (JobQueue::get).
Model jobRecordModel() {
  const auto text = [](const char* what) {
    return Field::string().required().nullable().describe(what);
  };
  return Model("JobRecord")
      .field("job_id", Field::string().required().describe("Job ID"))
      .field("job_type", Field::string().required().describe("Job type, e.g. clone or demo_data"))
      .field("status", Field::string().required().oneOf(jobStatuses()).describe("Job state"))
      .field("source_catalog", text("Catalog the job reads"))
      .field("destination_catalog", text("Catalog the job writes"))
      .field("clone_type", text("DEEP or SHALLOW for clone jobs"))
      .field("progress", Field::object().required().nullable().describe("Latest progress report"))
      .field("result", Field::any().required().describe("What the job answered when it ended"))
      .field("error", text("Why the job failed"))
      .field("logs", Field::array(Field::string()).required().describe("The last 500 log lines"))
      .field("created_at", Field::string().required().describe("When it was submitted (ISO 8601)"))
      .field("started_at", text("When it started running"))
      .field("completed_at", text("When it ended"));
}

}  // namespace

void registerJobRoutes(Routes& routes, JobQueue& queue, Events& events) {
  const Field jobId = Field::string().required().describe("Job ID");

  routes.get("/api/clone/jobs")
      .summary("List jobs")
      .description(
          "Every job of every plugin, newest first, without logs. Filters by job_type and "
          "status; limit defaults to 100 and is clamped to 1000.")
      .query("job_type", Field::string().describe("Only jobs of this type"))
      .query("status", Field::string().oneOf(jobStatuses()).describe("Only jobs in this state"))
      .query("limit", Field::integer()
                          .min(1)
                          .max(static_cast<double>(kMaxLimit))
                          .clampToMax()
                          .defaultsTo(kDefaultLimit)
                          .describe("At most this many jobs"))
      .returnsListOf(jobRecordModel())
      .handle([&queue](const Request& r) {
        JobFilter filter;
        filter.type = stringParam(r.query(), "job_type");
        filter.status = stringParam(r.query(), "status");
        filter.limit = limitParam(r.query());
        Json out = Json::array();
        for (auto& job : queue.list(filter)) out.push_back(std::move(job));
        return out;
      });

  routes.get("/api/clone/{job_id}")
      .summary("Job status")
      .description("Status, progress, result, error and the last 500 log lines of a job.")
      .pathParam("job_id", jobId)
      .returns(jobRecordModel())
      .handle([&queue](const Request& r) {
        const auto& id = r.param("job_id");
        auto record = queue.get(id);
        if (!record) throw notFound(notFoundMessage(id));
        return std::move(*record);
      });

  const auto cancel = [&queue](const Request& r) {
    const auto& id = r.param("job_id");
    const auto outcome = queue.cancel(id);
    switch (outcome.result) {
      case CancelResult::NotFound:
        throw notFound(notFoundMessage(id));
      case CancelResult::AlreadyFinished:
        throw conflict("Job '" + id + "' already finished with status '" + outcome.status +
                       "'; only queued or running jobs can be cancelled.");
      case CancelResult::Cancelled:
        return JobCancelled{.status = "cancelled", .jobId = id};
      case CancelResult::Cancelling:
        break;
    }
    return JobCancelled{.status = "cancelling", .jobId = id};
  };
  const std::string cancelText =
      "A queued job is cancelled at once and never runs (status `cancelled`). A running job "
      "is asked to stop and ends `cancelled` at its next check (status `cancelling`). A job "
      "that already ended answers 409.";
  routes.del("/api/clone/{job_id}")
      .summary("Cancel a job")
      .description(cancelText)
      .pathParam("job_id", jobId)
      .returns<JobCancelled>()
      .mutates()
      .handle(cancel);
  // The form the original web UI's demo-data page sends.
  routes.post("/api/clone/{job_id}/cancel")
      .summary("Cancel a job (POST form)")
      .description(cancelText + " The same as DELETE /api/clone/{job_id}.")
      .pathParam("job_id", jobId)
      .returns<JobCancelled>()
      .mutates()
      .handle(cancel);

  routes.websocket("/api/clone/ws/{job_id}",
                   "Live job events: status, progress, log, then completed or error; send "
                   "\"ping\" for {\"type\":\"pong\"}",
                   [&queue, &events](const Request& r, WebSocketChannel& ch) {
                     streamJob(r, ch, queue, events);
                   });
}

}  // namespace clxs::kernel
