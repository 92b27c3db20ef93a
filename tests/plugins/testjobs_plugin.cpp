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

class TestJobsPlugin final : public clxs::Plugin {
 public:
  static constexpr clxs::PluginInfo kInfo{"testjobs", "1.0.0",
                                          "Test fixture: a sleeping, cancellable job", ""};

  void start(clxs::Host& host) override {
    clxs::Jobs* jobs = &host.jobs();
    host.routes().add(
        {.method = clxs::Method::Post,
         .path = "/api/testjobs/sleep",
         .summary = "Queue a job that sleeps",
         .description = "Sleeps in 50 ms steps with progress and a log line per step; "
                        "cancellable between steps.",
         .body = clxs::Model("TestJobsSleep")
                     .field("seconds", clxs::Field::number().min(0).max(60).defaultsTo(1).describe(
                                           "How long to sleep"))
                     .field("fail", clxs::Field::boolean().defaultsTo(false).describe(
                                        "End failed after sleeping"))
                     .field("with_errors", clxs::Field::boolean().defaultsTo(false).describe(
                                               "End completed_with_errors after sleeping")),
         .mutates = true},
        [jobs](const clxs::Request& req) -> clxs::Response {
          const clxs::Json& body = req.body();
          const double seconds = body.value("seconds", 1.0);
          const bool fail = body.value("fail", false);
          const bool withErrors = body.value("with_errors", false);
          const std::string id = jobs->submit(
              clxs::JobSpec{
                  .type = "testjobs.sleep",
                  .params = {{"seconds", seconds}, {"fail", fail}, {"with_errors", withErrors}}},
              [seconds, fail, withErrors](clxs::JobContext& ctx) {
                return sleepJob(ctx, seconds, fail, withErrors);
              });
          return clxs::Json{{"job_id", id},
                            {"status", "queued"},
                            {"message", "testjobs: sleeping " + std::to_string(seconds) + " s"}};
        });
  }
};

}  // namespace

CLXS_PLUGIN(TestJobsPlugin)
