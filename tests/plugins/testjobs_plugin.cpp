// Fixture: a job that sleeps in 50 ms steps, reporting progress and logs and honouring
// cancellation, so the job queue can be tested end to end through a real plugin.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>

#include "clxs/jobs.hpp"
#include "clxs/plugin.hpp"
#include "clxs/routes.hpp"

namespace {

constexpr std::chrono::milliseconds kStep{50};

clxs::JobOutcome sleepJob(clxs::JobContext& ctx, double seconds, bool fail, bool withErrors) {
  const auto total = static_cast<std::int64_t>(std::ceil(seconds * 1000.0 / kStep.count()));
  ctx.progress(0, total, "starting");
  for (std::int64_t i = 1; i <= total; ++i) {
    ctx.checkCancelled();
    std::this_thread::sleep_for(kStep);
    ctx.checkCancelled();
    const std::string step = "step " + std::to_string(i);
    ctx.progress(i, total, step);
    ctx.log(step);
  }
  if (fail) throw std::runtime_error("testjobs: failed on purpose");
  const clxs::Json result{{"slept", seconds}};
  return withErrors ? clxs::JobOutcome::withErrors(result) : clxs::JobOutcome::completed(result);
}

// The body of POST /api/testjobs/sleep, which is also the job's parameters.
struct TestJobsSleep {
  double seconds = 1;
  bool fail = false;
  bool withErrors = false;
  static const clxs::Schema<TestJobsSleep>& schema() {
    static const auto s =
        clxs::Schema<TestJobsSleep>("TestJobsSleep")
            .field("seconds", &TestJobsSleep::seconds,
                   clxs::Field::number().min(0).max(60).describe("How long to sleep"))
            .field("fail", &TestJobsSleep::fail, "End failed after sleeping")
            .field("with_errors", &TestJobsSleep::withErrors,
                   "End completed_with_errors after sleeping");
    return s;
  }
};

struct TestJobsQueued {
  std::string jobId;
  std::string status = "queued";
  std::string message;
  static const clxs::Schema<TestJobsQueued>& schema() {
    static const auto s =
        clxs::Schema<TestJobsQueued>("TestJobsQueued")
            .field("job_id", &TestJobsQueued::jobId, "Follow it with GET /api/clone/{job_id}")
            .field("status", &TestJobsQueued::status, "Always queued")
            .field("message", &TestJobsQueued::message, "How long the job sleeps");
    return s;
  }
};

class TestJobsPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"testjobs", "1.0.0",
                                          "Test fixture: a sleeping, cancellable job", ""};

  void start(clxs::Host& host) override {
    clxs::Jobs* jobs = &host.jobs();
    host.routes()
        .post("/api/testjobs/sleep")
        .summary("Queue a job that sleeps")
        .description(
            "Sleeps in 50 ms steps with progress and a log line per step; cancellable between "
            "steps.")
        .body<TestJobsSleep>()
        .returns<TestJobsQueued>()
        .mutates()
        .handle([jobs](const clxs::Request&, const TestJobsSleep& body) {
          const std::string id =
              jobs->submit(clxs::JobSpec{.type = "testjobs.sleep",
                                         .params = TestJobsSleep::schema().toJson(body)},
                           [body](clxs::JobContext& ctx) {
                             return sleepJob(ctx, body.seconds, body.fail, body.withErrors);
                           });
          return TestJobsQueued{
              .jobId = id, .message = "testjobs: sleeping " + std::to_string(body.seconds) + " s"};
        });
  }
};

}  // namespace

CLXS_PLUGIN(TestJobsPlugin)
