#include "kernel/jobs/job_queue.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "kernel/events/event_bus.hpp"
#include "kernel/jobs/job_test_support.hpp"

namespace clxs::kernel {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::TempDir;
using testing::TestClock;
using testing::waitUntil;

class JobQueueTest : public ::testing::Test {
 protected:
  void start(int maxConcurrent) {
    queue_ = std::make_unique<JobQueue>(*store_, bus_, clock_, maxConcurrent);
  }
  void TearDown() override {
    open_ = true;
    if (queue_) queue_->shutdown(5s);
  }

  std::string submit(GuardedJobFn fn, JobSpec spec = JobSpec{"test", Json::object()},
                     const std::string& owner = "testplugin",
                     std::shared_ptr<const void> keepAlive = nullptr) {
    return queue_->submit(owner, std::move(keepAlive), std::move(spec), std::move(fn));
  }

  /// A job body that waits until the test opens the gate (or the job is cancelled).
  GuardedJobFn blocker(std::atomic<bool>* started = nullptr) {
    return guardJob([this, started](JobContext& ctx) {
      if (started != nullptr) *started = true;
      while (!open_ && !ctx.cancelRequested()) std::this_thread::sleep_for(1ms);
      ctx.checkCancelled();
      return JobOutcome::completed(Json{{"blocked", true}});
    });
  }

  std::string statusOf(const std::string& id) {
    auto r = queue_->get(id);
    return r ? (*r)["status"].get<std::string>() : "<unknown>";
  }

  Json waitForStatus(const std::string& id, const std::string& status,
                     std::chrono::milliseconds timeout = 10s) {
    EXPECT_TRUE(waitUntil([&] { return statusOf(id) == status; }, timeout))
        << "job " << id << " stayed " << statusOf(id) << ", expected " << status;
    return *queue_->get(id);
  }

  TempDir dir_;
  std::unique_ptr<StateStore> store_ = std::make_unique<StateStore>(dir_.path());
  EventBus bus_;
  TestClock clock_;
  std::atomic<bool> open_{false};
  std::unique_ptr<JobQueue> queue_;  // last: stopped before what its jobs use
};

TEST_F(JobQueueTest, RunsAJobAndKeepsItsRecord) {
  start(2);
  const auto id = submit(guardJob([](JobContext& ctx) {
                           EXPECT_EQ(ctx.params()["x"], 1);
                           ctx.log("hello");
                           ctx.progress(1, 2, "t1", Json{{"phase", "tables"}});
                           return JobOutcome::completed(Json{{"tables_cloned", 2}});
                         }),
                         JobSpec{"clone",
                                 Json{{"x", 1}},
                                 {{"source_catalog", "prod"},
                                  {"destination_catalog", "prod_clone"},
                                  {"clone_type", "DEEP"}}});
  EXPECT_TRUE(std::regex_match(
      id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  const auto r = waitForStatus(id, "completed");
  EXPECT_EQ(r["job_id"], id);
  EXPECT_EQ(r["job_type"], "clone");
  EXPECT_EQ(r["source_catalog"], "prod");
  EXPECT_EQ(r["destination_catalog"], "prod_clone");
  EXPECT_EQ(r["clone_type"], "DEEP");
  EXPECT_EQ(r["progress"],
            (Json{{"completed", 1}, {"total", 2}, {"current", "t1"}, {"phase", "tables"}}));
  EXPECT_EQ(r["result"], (Json{{"tables_cloned", 2}}));
  EXPECT_TRUE(r["error"].is_null());
  EXPECT_EQ(r["logs"], Json::array({"hello"}));
  const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  for (const char* k : {"created_at", "started_at", "completed_at"}) {
    EXPECT_TRUE(std::regex_match(r[k].get<std::string>(), iso)) << k << ": " << r[k];
  }
  std::vector<std::string> keys;
  for (const auto& [k, v] : r.items()) keys.push_back(k);
  EXPECT_THAT(keys, ElementsAre("job_id", "job_type", "status", "source_catalog",
                                "destination_catalog", "clone_type", "progress", "result", "error",
                                "logs", "created_at", "started_at", "completed_at"));
  // A job without catalogs shows nulls, not empty strings.
  const auto bare = waitForStatus(
      submit(guardJob([](JobContext&) { return JobOutcome::completed(nullptr); })), "completed");
  EXPECT_TRUE(bare["source_catalog"].is_null());
  EXPECT_TRUE(bare["progress"].is_null());
  EXPECT_TRUE(bare["result"].is_null());
}

TEST_F(JobQueueTest, RecordsSurviveARestart) {
  start(1);
  const auto id = submit(guardJob([](JobContext& ctx) {
    ctx.log("line");
    return JobOutcome::completed(Json{{"ok", true}});
  }));
  waitForStatus(id, "completed");
  queue_->shutdown(1s);
  queue_.reset();
  store_ = std::make_unique<StateStore>(dir_.path());
  start(1);
  const auto r = queue_->get(id);
  ASSERT_TRUE(r);
  EXPECT_EQ((*r)["status"], "completed");
  EXPECT_EQ((*r)["logs"], Json::array({"line"}));
  EXPECT_EQ((*r)["result"], (Json{{"ok", true}}));
}

TEST_F(JobQueueTest, RunsJobsInSubmissionOrder) {
  start(1);
  std::mutex mu;
  std::vector<int> order;
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) {
    ids.push_back(submit(guardJob([&, i](JobContext&) {
      std::lock_guard lock(mu);
      order.push_back(i);
      return JobOutcome::completed(nullptr);
    })));
  }
  for (const auto& id : ids) waitForStatus(id, "completed");
  EXPECT_THAT(order, ElementsAre(0, 1, 2, 3, 4, 5));
}

TEST_F(JobQueueTest, NeverRunsMoreThanMaxConcurrent) {
  start(2);
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    ids.push_back(submit(guardJob([&](JobContext&) {
      const int now = ++running;
      int p = peak.load();
      while (now > p && !peak.compare_exchange_weak(p, now)) {
      }
      std::this_thread::sleep_for(30ms);
      --running;
      return JobOutcome::completed(nullptr);
    })));
  }
  EXPECT_TRUE(waitUntil([&] { return queue_->runningCount() == 2; }));
  for (const auto& id : ids) waitForStatus(id, "completed");
  EXPECT_EQ(peak.load(), 2);
  EXPECT_EQ(queue_->runningCount(), 0U);
}

TEST_F(JobQueueTest, JobsThatWriteTheSameCatalogRunOneAtATimeInOrder) {
  start(4);
  const auto writes = [](const char* catalog) {
    JobSpec spec{"test", Json::object()};
    spec.writes = {catalogWrite(catalog)};
    return spec;
  };
  std::atomic<bool> firstStarted{false};
  const auto first = submit(blocker(&firstStarted), writes("Dst"));
  ASSERT_TRUE(waitUntil([&] { return firstStarted.load(); }));
  const auto second = submit(guardJob([](JobContext&) { return JobOutcome::completed(nullptr); }),
                             writes("dst"));  // the same catalog, another case
  const auto third =
      submit(guardJob([](JobContext&) { return JobOutcome::completed(nullptr); }), writes("dst"));
  const auto other = submit(guardJob([](JobContext&) { return JobOutcome::completed(nullptr); }),
                            writes("elsewhere"));
  waitForStatus(other, "completed");  // another catalog does not wait
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(statusOf(second), "queued") << "it waits while the first writes";
  EXPECT_EQ(statusOf(third), "queued");
  const auto waiting = *queue_->get(second);
  ASSERT_FALSE(waiting["logs"].empty());
  EXPECT_NE(waiting["logs"][0].get<std::string>().find(first), std::string::npos)
      << waiting["logs"].dump();
  EXPECT_EQ(queue_->writerOf(catalogWrite("DST")), first) << "the running one first";
  EXPECT_FALSE(queue_->writerOf(catalogWrite("nowhere")).has_value());

  open_ = true;
  const auto a = waitForStatus(second, "completed");
  const auto b = waitForStatus(third, "completed");
  const auto firstDone = (*queue_->get(first))["completed_at"].get<std::string>();
  EXPECT_LE(firstDone, a["started_at"].get<std::string>());
  EXPECT_LE(a["completed_at"].get<std::string>(), b["started_at"].get<std::string>());
  EXPECT_FALSE(queue_->writerOf(catalogWrite("dst")).has_value());
}

TEST_F(JobQueueTest, CancellingTheQueuedJobAheadLetsTheNextWriterStart) {
  start(4);
  JobSpec spec{"test", Json::object()};
  spec.writes = {catalogWrite("dst")};
  const auto first = submit(blocker(), spec);
  waitForStatus(first, "running");
  const auto second = submit(blocker(), spec);
  const auto third =
      submit(guardJob([](JobContext&) { return JobOutcome::completed(nullptr); }), spec);
  EXPECT_EQ(queue_->cancel(second).result, CancelResult::Cancelled);
  EXPECT_EQ(queue_->cancel(first).result, CancelResult::Cancelling);
  waitForStatus(third, "completed");
}

TEST_F(JobQueueTest, ConcurrentJobsKeepSeparateLogs) {
  start(2);
  std::atomic<int> arrived{0};
  const auto body = [&](const std::string& tag) {
    return guardJob([&, tag](JobContext& ctx) {
      ++arrived;
      // Both jobs are running before either logs, so their lines interleave.
      while (arrived.load() < 2) std::this_thread::sleep_for(1ms);
      for (int i = 0; i < 40; ++i) {
        ctx.log(tag + "-" + std::to_string(i));
        if (i % 8 == 0) std::this_thread::yield();
      }
      return JobOutcome::completed(nullptr);
    });
  };
  const auto a = submit(body("A"));
  const auto b = submit(body("B"));
  const auto ra = waitForStatus(a, "completed");
  const auto rb = waitForStatus(b, "completed");
  ASSERT_EQ(ra["logs"].size(), 40U);
  ASSERT_EQ(rb["logs"].size(), 40U);
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(ra["logs"][i], "A-" + std::to_string(i));
    EXPECT_EQ(rb["logs"][i], "B-" + std::to_string(i));
  }
}

TEST_F(JobQueueTest, KeepsEveryLogLineButShowsTheLast500) {
  start(1);
  const auto id = submit(guardJob([](JobContext& ctx) {
    for (int i = 0; i < 620; ++i) ctx.log("line " + std::to_string(i) + "\n");
    ctx.log(std::string("bad \xff byte"));
    return JobOutcome::completed(nullptr);
  }));
  const auto r = waitForStatus(id, "completed");
  ASSERT_EQ(r["logs"].size(), 500U);
  EXPECT_EQ(r["logs"][0], "line 121");
  EXPECT_EQ(r["logs"][498], "line 619");
  EXPECT_NO_THROW((void)r.dump());  // invalid UTF-8 was repaired on the way in
  EXPECT_EQ(
      store_->query("SELECT COUNT(*) AS n FROM kernel_job_logs WHERE job_id = ?", {id}).at(0)["n"],
      621);
}

TEST_F(JobQueueTest, CancellingAQueuedJobMeansItNeverRuns) {
  start(1);
  std::atomic<bool> firstStarted{false};
  std::atomic<bool> secondRan{false};
  const auto first = submit(blocker(&firstStarted));
  const auto second = submit(guardJob([&](JobContext&) {
    secondRan = true;
    return JobOutcome::completed(nullptr);
  }));
  ASSERT_TRUE(waitUntil([&] { return firstStarted.load(); }));
  EXPECT_EQ(statusOf(second), "queued");

  const auto outcome = queue_->cancel(second);
  EXPECT_EQ(outcome.result, CancelResult::Cancelled);
  const auto r = *queue_->get(second);
  EXPECT_EQ(r["status"], "cancelled");  // at once, not eventually
  EXPECT_FALSE(r["completed_at"].is_null());
  EXPECT_TRUE(r["started_at"].is_null());

  open_ = true;
  waitForStatus(first, "completed");
  // A later job still runs, so the worker had passed the cancelled one by.
  waitForStatus(submit(guardJob([](JobContext&) { return JobOutcome::completed(nullptr); })),
                "completed");
  EXPECT_FALSE(secondRan.load());
  EXPECT_EQ(statusOf(second), "cancelled");
  const auto again = queue_->cancel(second);
  EXPECT_EQ(again.result, CancelResult::AlreadyFinished);
  EXPECT_EQ(again.status, "cancelled");
  EXPECT_EQ(queue_->cancel("no-such-job").result, CancelResult::NotFound);
}

TEST_F(JobQueueTest, CancellingARunningJobStopsItAtItsNextCheck) {
  start(1);
  std::atomic<int> units{0};
  const auto id = submit(guardJob([&](JobContext& ctx) {
    for (;;) {
      ctx.checkCancelled();
      ++units;
      std::this_thread::sleep_for(2ms);
    }
    return JobOutcome::completed(nullptr);
  }));
  ASSERT_TRUE(waitUntil([&] { return units.load() > 3; }));
  const auto outcome = queue_->cancel(id);
  EXPECT_EQ(outcome.result, CancelResult::Cancelling);
  const auto r = waitForStatus(id, "cancelled", 2s);
  EXPECT_EQ(r["error"], "cancelled by request");
  const int after = units.load();
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(units.load(), after);  // it really stopped
  EXPECT_EQ(queue_->cancel(id).result, CancelResult::AlreadyFinished);
}

TEST_F(JobQueueTest, AJobThatReturnsAfterCancelIsCancelled) {
  start(1);
  std::atomic<bool> started{false};
  const auto id = submit(guardJob([&](JobContext& ctx) {
    started = true;
    while (!ctx.cancelRequested()) std::this_thread::sleep_for(1ms);
    return JobOutcome::completed(Json{{"partial", true}});  // ignores the request's meaning
  }));
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  queue_->cancel(id);
  waitForStatus(id, "cancelled");
}

TEST_F(JobQueueTest, CompletedWithErrorsAndFailedKeepTheirDetails) {
  start(2);
  const auto partial = submit(guardJob([](JobContext&) {
    return JobOutcome::withErrors(Json{{"tables_failed", 1}});
  }));
  const auto failing = submit(guardJob([](JobContext& ctx) -> JobOutcome {
    ctx.log("about to fail");
    throw std::runtime_error("warehouse unreachable");
  }));
  const auto r1 = waitForStatus(partial, "completed_with_errors");
  EXPECT_EQ(r1["result"], (Json{{"tables_failed", 1}}));
  const auto r2 = waitForStatus(failing, "failed");
  EXPECT_EQ(r2["error"], "warehouse unreachable");
  EXPECT_EQ(r2["logs"], Json::array({"about to fail"}));
  // An unguarded body that throws is contained too.
  const auto raw = submit([](JobContext&) -> JobOutcome { throw std::logic_error("raw"); });
  EXPECT_EQ(waitForStatus(raw, "failed")["error"], "raw");
  const auto silent = submit([](JobContext&) { return JobOutcome{JobEnd::Failed, nullptr, ""}; });
  EXPECT_THAT(waitForStatus(silent, "failed")["error"].get<std::string>(),
              HasSubstr("without giving a reason"));
}

TEST_F(JobQueueTest, ProgressIsPublishedAlwaysButWrittenAtMostEvery200ms) {
  start(1);
  std::atomic<int> step{0};
  std::atomic<int> done{0};
  const auto id = submit(guardJob([&](JobContext& ctx) {
    for (int i = 1; i <= 3; ++i) {
      while (step.load() < i) std::this_thread::sleep_for(1ms);
      ctx.progress(i, 10, "t" + std::to_string(i));
      done = i;
    }
    while (step.load() < 4) std::this_thread::sleep_for(1ms);
    return JobOutcome::completed(nullptr);
  }));
  std::atomic<int> events{0};
  const auto sub = bus_.subscribe(JobQueue::kTopic, [&](const Json& p) {
    if (p["job_id"] == id && p["event"]["type"] == "progress") ++events;
  });
  const auto stored = [&] {
    const auto v =
        store_->query("SELECT progress FROM kernel_jobs WHERE job_id = ?", {id}).at(0)["progress"];
    return v.is_null() ? Json(nullptr) : Json::parse(v.get<std::string>());
  };
  step = 1;
  ASSERT_TRUE(waitUntil([&] { return done.load() == 1; }));
  EXPECT_EQ(stored()["completed"], 1);  // the first report is written
  step = 2;
  ASSERT_TRUE(waitUntil([&] { return done.load() == 2; }));
  EXPECT_EQ(stored()["completed"], 1);                        // too soon: throttled
  EXPECT_EQ((*queue_->get(id))["progress"]["completed"], 2);  // but get() shows it live
  clock_.advance(200ms);
  step = 3;
  ASSERT_TRUE(waitUntil([&] { return done.load() == 3; }));
  EXPECT_EQ(stored()["completed"], 3);
  step = 4;
  waitForStatus(id, "completed");
  bus_.unsubscribe(sub);
  EXPECT_EQ(events.load(), 3);
}

TEST_F(JobQueueTest, PublishesTheJobsEventsInOrder) {
  start(1);
  std::mutex mu;
  std::vector<Json> seen;
  bus_.subscribe(JobQueue::kTopic, [&](const Json& p) {
    std::lock_guard lock(mu);
    seen.push_back(p);
  });
  const auto ok = submit(guardJob([](JobContext& ctx) {
    ctx.progress(1, 1, "a");
    ctx.log("done a");
    return JobOutcome::completed(Json{{"n", 1}});
  }));
  waitForStatus(ok, "completed");
  const auto bad =
      submit(guardJob([](JobContext&) -> JobOutcome { throw std::runtime_error("nope"); }));
  waitForStatus(bad, "failed");
  ASSERT_TRUE(waitUntil([&] {
    std::lock_guard lock(mu);
    return seen.size() >= 10;
  }));
  std::lock_guard lock(mu);
  std::vector<Json> okEvents;
  std::vector<Json> badEvents;
  for (const auto& p : seen) (p["job_id"] == ok ? okEvents : badEvents).push_back(p["event"]);
  ASSERT_EQ(okEvents.size(), 6U);
  EXPECT_EQ(okEvents[0], (Json{{"type", "status"}, {"status", "queued"}}));
  EXPECT_EQ(okEvents[1], (Json{{"type", "status"}, {"status", "running"}}));
  EXPECT_EQ(okEvents[2],
            (Json{{"type", "progress"}, {"completed", 1}, {"total", 1}, {"current", "a"}}));
  EXPECT_EQ(okEvents[3], (Json{{"type", "log"}, {"line", "done a"}}));
  EXPECT_EQ(okEvents[4], (Json{{"type", "status"}, {"status", "completed"}}));
  EXPECT_EQ(okEvents[5],
            (Json{{"type", "completed"}, {"status", "completed"}, {"result", {{"n", 1}}}}));
  ASSERT_EQ(badEvents.size(), 4U);
  EXPECT_EQ(badEvents[3], (Json{{"type", "error"}, {"status", "failed"}, {"error", "nope"}}));
}

TEST_F(JobQueueTest, RecoverInterruptedFailsWhatAPreviousRunLeftUnfinished) {
  start(1);
  std::atomic<bool> started{false};
  const auto live = submit(blocker(&started));
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  // Rows as a crashed server would have left them.
  store_->execute(
      "INSERT INTO kernel_jobs(job_id, job_type, owner, status, params, created_at, started_at) "
      "VALUES ('crashed-running', 'clone', 'clone', 'running', '{\"source_catalog\":\"a\"}', "
      "'2025-01-01T00:00:00.000Z', '2025-01-01T00:00:01.000Z')");
  store_->execute(
      "INSERT INTO kernel_jobs(job_id, job_type, owner, status, params, created_at) "
      "VALUES ('crashed-queued', 'sync', 'sync', 'queued', '{}', '2025-01-01T00:00:02.000Z')");

  const auto found = queue_->recoverInterrupted();
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].id, "crashed-running");
  EXPECT_EQ(found[0].owner, "clone");
  EXPECT_EQ(found[0].previousStatus, "running");
  EXPECT_EQ(found[0].params, (Json{{"source_catalog", "a"}}));
  EXPECT_EQ(found[1].id, "crashed-queued");

  const auto r = *queue_->get("crashed-running");
  EXPECT_EQ(r["status"], "failed");
  EXPECT_EQ(r["error"], "interrupted: the server stopped while this job was running");
  EXPECT_FALSE(r["completed_at"].is_null());
  EXPECT_THAT((*queue_->get("crashed-queued"))["error"].get<std::string>(),
              HasSubstr("interrupted"));
  EXPECT_EQ(statusOf(live), "running");  // this run's job is not touched
  EXPECT_TRUE(queue_->recoverInterrupted().empty());
}

TEST_F(JobQueueTest, ARestartAfterACrashFailsTheJobThatWasRunning) {
  start(1);
  std::atomic<bool> started{false};
  const auto id = submit(blocker(&started));
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  // A second server process on the same data directory sees the running row as left over.
  StateStore otherStore(dir_.path());
  EventBus otherBus;
  JobQueue other(otherStore, otherBus, clock_, 1);
  const auto found = other.recoverInterrupted();
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].id, id);
  EXPECT_EQ((*other.get(id))["status"], "failed");
  other.shutdown(1s);
}

TEST_F(JobQueueTest, ShutdownFailsQueuedAndRunningJobsAsInterrupted) {
  start(1);
  std::atomic<bool> started{false};
  const auto running = submit(blocker(&started));
  const auto queued = submit(blocker());
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  queue_->shutdown(5s);
  const auto r1 = *queue_->get(running);
  EXPECT_EQ(r1["status"], "failed");
  EXPECT_EQ(r1["error"], JobQueue::kInterruptedRunning);
  const auto r2 = *queue_->get(queued);
  EXPECT_EQ(r2["status"], "failed");
  EXPECT_EQ(r2["error"], JobQueue::kInterruptedQueued);
  try {
    submit(blocker());
    ADD_FAILURE() << "submit after shutdown must throw";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 503);
  }
}

TEST_F(JobQueueTest, ShutdownLetsAJobThatFinishesInTimeKeepItsResult) {
  start(1);
  std::atomic<bool> started{false};
  const auto id = submit(guardJob([&](JobContext&) {
    started = true;
    std::this_thread::sleep_for(50ms);  // does not look at cancellation, but is quick
    return JobOutcome::completed(Json{{"ok", true}});
  }));
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  queue_->shutdown(5s);
  EXPECT_EQ(statusOf(id), "completed");
}

TEST_F(JobQueueTest, ShutdownMarksAStubbornJobFailedAfterTheGrace) {
  start(1);
  std::atomic<bool> started{false};
  std::atomic<bool> finish{false};
  const auto id = submit(guardJob([&](JobContext&) {
    started = true;
    while (!finish) std::this_thread::sleep_for(1ms);  // ignores cancellation
    return JobOutcome::completed(nullptr);
  }));
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  std::thread stopper([&] { queue_->shutdown(30ms); });
  // The record is failed while the body is still running...
  EXPECT_TRUE(waitUntil([&] { return statusOf(id) == "failed"; }, 5s));
  finish = true;
  stopper.join();
  // ...and the body's late return does not overwrite it.
  EXPECT_EQ(statusOf(id), "failed");
  EXPECT_EQ((*queue_->get(id))["error"], JobQueue::kInterruptedRunning);
}

/// Records whether the library handle was still held each time the job body was destroyed.
struct Probe {
  std::weak_ptr<const void> library;
  std::shared_ptr<std::atomic<int>> destroyedWithoutLibrary;
  std::shared_ptr<std::atomic<int>> destroyed;
  Probe(std::weak_ptr<const void> lib, std::shared_ptr<std::atomic<int>> bad,
        std::shared_ptr<std::atomic<int>> all)
      : library(std::move(lib)),
        destroyedWithoutLibrary(std::move(bad)),
        destroyed(std::move(all)) {}
  Probe(const Probe&) = default;
  ~Probe() {
    ++*destroyed;
    if (library.expired()) ++*destroyedWithoutLibrary;
  }
};

TEST_F(JobQueueTest, ReleasesTheLibraryOnlyAfterTheJobBodyIsGone) {
  start(1);
  const auto bad = std::make_shared<std::atomic<int>>(0);
  const auto all = std::make_shared<std::atomic<int>>(0);
  for (const bool cancelWhileQueued : {false, true}) {
    std::atomic<bool> started{false};
    const auto gate = submit(blocker(&started));
    ASSERT_TRUE(waitUntil([&] { return started.load(); }));
    auto library = std::make_shared<int>(42);
    const std::weak_ptr<const void> weak = library;
    std::string id;
    {
      Probe probe(weak, bad, all);
      id = submit(guardJob([probe](JobContext&) { return JobOutcome::completed(nullptr); }),
                  JobSpec{"t", Json::object()}, "testplugin", library);
    }
    library.reset();  // now only the queue holds the library
    EXPECT_FALSE(weak.expired());
    if (cancelWhileQueued) queue_->cancel(id);
    queue_->cancel(gate);
    waitForStatus(id, cancelWhileQueued ? "cancelled" : "completed");
    EXPECT_TRUE(waitUntil([&] { return weak.expired(); })) << "the queue kept the library";
  }
  EXPECT_GT(all->load(), 0);
  EXPECT_EQ(bad->load(), 0) << "a job body was destroyed after its library was released";
}

TEST_F(JobQueueTest, ListsNewestFirstWithFiltersAndWithoutLogs) {
  start(1);
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) {
    ids.push_back(submit(guardJob([](JobContext& ctx) {
                           ctx.log("x");
                           return JobOutcome::completed(nullptr);
                         }),
                         JobSpec{i % 2 == 0 ? "clone" : "sync", Json::object()},
                         i < 3 ? "clone" : "sync"));
    waitForStatus(ids.back(), "completed");
  }
  const auto all = queue_->list();
  ASSERT_EQ(all.size(), 4U);
  EXPECT_EQ(all[0]["job_id"], ids[3]);
  EXPECT_EQ(all[3]["job_id"], ids[0]);
  EXPECT_FALSE(all[0].contains("logs"));
  EXPECT_EQ(queue_->list(JobFilter{"clone", "", "", 100}).size(), 2U);
  EXPECT_EQ(queue_->list(JobFilter{"", "failed", "", 100}).size(), 0U);
  EXPECT_EQ(queue_->list(JobFilter{"", "completed", "sync", 100}).size(), 1U);
  const auto two = queue_->list(JobFilter{"", "", "", 2});
  ASSERT_EQ(two.size(), 2U);
  EXPECT_EQ(two[1]["job_id"], ids[2]);
  EXPECT_EQ(queue_->ownerOf(ids[3]), "sync");
  EXPECT_EQ(queue_->ownerOf("nope"), std::nullopt);
}

TEST_F(JobQueueTest, AScopedFacadeOnlySeesItsOwnersJobs) {
  start(2);
  auto mine = queue_->scoped("mine", nullptr);
  auto theirs = queue_->scoped("theirs", nullptr);
  const auto a = mine->submit(JobSpec{"x", Json::object()},
                              [](JobContext&) { return JobOutcome::completed(nullptr); });
  const auto b = theirs->submit(JobSpec{"y", Json::object()},
                                [](JobContext&) { return JobOutcome::completed(nullptr); });
  waitForStatus(a, "completed");
  waitForStatus(b, "completed");
  ASSERT_EQ(mine->list().size(), 1U);
  EXPECT_EQ(mine->list()[0]["job_id"], a);
  EXPECT_TRUE(mine->list("y").empty());
  EXPECT_TRUE(mine->get(a));
  EXPECT_FALSE(mine->get(b));
  EXPECT_FALSE(mine->cancel(b));

  std::atomic<bool> started{false};
  const auto c = theirs->submit(JobSpec{"y", Json::object()}, [&](JobContext& ctx) {
    started = true;
    while (!ctx.cancelRequested()) std::this_thread::sleep_for(1ms);
    return JobOutcome::completed(nullptr);
  });
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  EXPECT_FALSE(mine->cancel(c));
  EXPECT_EQ(statusOf(c), "running");
  EXPECT_TRUE(theirs->cancel(c));
  waitForStatus(c, "cancelled");
}

TEST_F(JobQueueTest, CancelOwnedByStopsAllOfAPluginsJobs) {
  start(1);
  std::atomic<bool> started{false};
  const auto running = submit(blocker(&started), JobSpec{"t", Json::object()}, "p");
  const auto queued = submit(blocker(), JobSpec{"t", Json::object()}, "p");
  const auto other = submit(guardJob([](JobContext&) { return JobOutcome::completed(nullptr); }),
                            JobSpec{"t", Json::object()}, "q");
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  EXPECT_EQ(queue_->cancelOwnedBy("p"), 2U);
  EXPECT_EQ(statusOf(queued), "cancelled");
  const auto r = waitForStatus(running, "cancelled");
  EXPECT_THAT(r["error"].get<std::string>(), HasSubstr("plugin was disabled"));
  waitForStatus(other, "completed");
}

}  // namespace
}  // namespace clxs::kernel
