#include "kernel/jobs/job_routes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "kernel/events/event_bus.hpp"
#include "kernel/jobs/job_test_support.hpp"
#include "tests/support/capture_routes.hpp"

namespace clxs::kernel {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using testing::TempDir;
using testing::TestClock;
using testing::waitUntil;

/// CaptureRoutes for HTTP routes, plus the WebSocket handlers it does not keep.
class RecordingRoutes final : public clxs::Routes {
 public:
  void addGuarded(RouteSpec spec, GuardedHandler handler) override {
    http.addGuarded(std::move(spec), std::move(handler));
  }
  void addSocketGuarded(std::string path, std::string, GuardedSocketHandler handler) override {
    sockets.emplace(std::move(path), std::move(handler));
  }
  clxs::testing::CaptureRoutes http;
  std::map<std::string, GuardedSocketHandler> sockets;
};

/// A scripted WebSocket peer.
class FakeChannel final : public WebSocketChannel {
 public:
  bool send(const std::string& text) override {
    std::lock_guard lock(mu_);
    sent_.push_back(Json::parse(text));
    return true;
  }
  std::optional<std::string> receive(int timeoutMs) override {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                 [&] { return !inbound_.empty() || closed_; });
    if (!inbound_.empty()) {
      auto m = std::move(inbound_.front());
      inbound_.pop_front();
      return m;
    }
    if (closed_) throw std::runtime_error("closed");
    return std::nullopt;
  }
  [[nodiscard]] bool closed() const override {
    std::lock_guard lock(mu_);
    return closed_;
  }
  void push(std::string m) {
    std::lock_guard lock(mu_);
    inbound_.push_back(std::move(m));
    cv_.notify_all();
  }
  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }
  std::vector<Json> sent() const {
    std::lock_guard lock(mu_);
    return sent_;
  }
  bool sawType(const std::string& type) const {
    for (const auto& m : sent()) {
      if (m.value("type", "") == type) return true;
    }
    return false;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> inbound_;
  std::vector<Json> sent_;
  bool closed_ = false;
};

class JobRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override { registerJobRoutes(routes_, *queue_, bus_); }
  void TearDown() override {
    open_ = true;
    queue_->shutdown(5s);
  }

  Response call(const std::string& key, const std::string& id = {}, Json query = Json::object()) {
    RequestParts p;
    p.method = key.rfind("DELETE", 0) == 0 ? Method::Delete : Method::Get;
    if (!id.empty()) p.pathParams["job_id"] = id;
    p.query = std::move(query);
    return routes_.http.call(key, std::move(p));
  }

  std::string submit(GuardedJobFn fn, const std::string& type = "test") {
    return queue_->submit("testplugin", nullptr, JobSpec{type, Json::object()}, std::move(fn));
  }
  GuardedJobFn blocker(std::atomic<bool>* started = nullptr) {
    return guardJob([this, started](JobContext& ctx) {
      if (started != nullptr) *started = true;
      while (!open_ && !ctx.cancelRequested()) std::this_thread::sleep_for(1ms);
      ctx.checkCancelled();
      return JobOutcome::completed(nullptr);
    });
  }
  GuardedJobFn quick() {
    return guardJob([](JobContext&) { return JobOutcome::completed(Json{{"ok", true}}); });
  }
  bool hasStatus(const std::string& id, const std::string& status) {
    auto r = queue_->get(id);
    return r && (*r)["status"] == status;
  }
  void runSocket(const std::string& id, FakeChannel& ch) {
    RequestParts p;
    p.pathParams["job_id"] = id;
    routes_.sockets.at("/api/clone/ws/{job_id}")(Request(std::move(p)), ch);
  }

  TempDir dir_;
  std::unique_ptr<StateStore> store_ = std::make_unique<StateStore>(dir_.path());
  EventBus bus_;
  TestClock clock_;
  std::atomic<bool> open_{false};
  std::unique_ptr<JobQueue> queue_ = std::make_unique<JobQueue>(*store_, bus_, clock_, 1);
  RecordingRoutes routes_;
};

TEST_F(JobRoutesTest, RegistersTheFourRoutes) {
  EXPECT_TRUE(routes_.http.has("GET /api/clone/jobs"));
  EXPECT_TRUE(routes_.http.has("GET /api/clone/{job_id}"));
  EXPECT_TRUE(routes_.http.has("DELETE /api/clone/{job_id}"));
  EXPECT_TRUE(routes_.http.spec("DELETE /api/clone/{job_id}").mutates);
  EXPECT_EQ(routes_.sockets.count("/api/clone/ws/{job_id}"), 1U);
  const auto& q = routes_.http.spec("GET /api/clone/jobs").query;
  ASSERT_EQ(q.size(), 3U);
  EXPECT_EQ(q[2].first, "limit");
  EXPECT_TRUE(q[2].second.clamps());
  EXPECT_EQ(q[2].second.maximum(), 1000);
  EXPECT_EQ(q[2].second.defaultValue(), Json(100));
}

TEST_F(JobRoutesTest, UnknownJobsAre404) {
  auto r = call("GET /api/clone/{job_id}", "nope");
  EXPECT_EQ(r.status(), 404);
  EXPECT_EQ(r.body(), (Json{{"detail", "Job 'nope' not found"}}));
  r = call("DELETE /api/clone/{job_id}", "nope");
  EXPECT_EQ(r.status(), 404);
  EXPECT_EQ(r.body()["detail"], "Job 'nope' not found");
}

TEST_F(JobRoutesTest, ShowsAJob) {
  const auto id = submit(quick(), "clone");
  ASSERT_TRUE(waitUntil([&] { return hasStatus(id, "completed"); }));
  const auto r = call("GET /api/clone/{job_id}", id);
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["job_id"], id);
  EXPECT_EQ(r.body()["job_type"], "clone");
  EXPECT_EQ(r.body()["result"], (Json{{"ok", true}}));
  EXPECT_TRUE(r.body()["logs"].is_array());
}

TEST_F(JobRoutesTest, DeleteCancelsQueuedAndRunningJobsAnd409sFinishedOnes) {
  std::atomic<bool> started{false};
  const auto running = submit(blocker(&started));
  const auto queued = submit(quick());
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));

  auto r = call("DELETE /api/clone/{job_id}", queued);
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), (Json{{"status", "cancelled"}, {"job_id", queued}}));
  r = call("DELETE /api/clone/{job_id}", running);
  EXPECT_EQ(r.body(), (Json{{"status", "cancelling"}, {"job_id", running}}));
  ASSERT_TRUE(waitUntil([&] { return hasStatus(running, "cancelled"); }));

  r = call("DELETE /api/clone/{job_id}", queued);
  EXPECT_EQ(r.status(), 409);
  EXPECT_THAT(r.body()["detail"].get<std::string>(),
              HasSubstr("already finished with status 'cancelled'"));
  const auto done = submit(quick());
  ASSERT_TRUE(waitUntil([&] { return hasStatus(done, "completed"); }));
  r = call("DELETE /api/clone/{job_id}", done);
  EXPECT_EQ(r.status(), 409);
  EXPECT_THAT(r.body()["detail"].get<std::string>(), HasSubstr("'completed'"));
}

TEST_F(JobRoutesTest, ListFiltersAndClampsTheLimit) {
  // Rows written directly: the list route only reads the table.
  store_->transaction([&] {
    for (int i = 0; i < 1005; ++i) {
      char ts[64];
      std::snprintf(ts, sizeof ts, "2025-01-01T00:%02d:%02d.000Z", i / 60 % 60, i % 60);
      store_->execute(
          "INSERT INTO kernel_jobs(job_id, job_type, owner, status, created_at) "
          "VALUES (?, ?, 'p', ?, ?)",
          {"j" + std::to_string(i), i % 5 == 0 ? "sync" : "clone",
           i % 2 == 0 ? "completed" : "failed", std::string(ts)});
    }
  });
  auto r = call("GET /api/clone/jobs");
  ASSERT_TRUE(r.body().is_array());
  EXPECT_EQ(r.body().size(), 100U);           // default
  EXPECT_EQ(r.body()[0]["job_id"], "j1004");  // newest first
  EXPECT_FALSE(r.body()[0].contains("logs"));
  EXPECT_EQ(call("GET /api/clone/jobs", {}, Json{{"limit", 5000}}).body().size(), 1000U);
  EXPECT_EQ(call("GET /api/clone/jobs", {}, Json{{"limit", 0}}).body().size(), 1U);
  EXPECT_EQ(call("GET /api/clone/jobs", {}, Json{{"limit", 3}}).body().size(), 3U);
  const auto syncs =
      call("GET /api/clone/jobs", {}, Json{{"job_type", "sync"}, {"limit", 1000}}).body();
  EXPECT_EQ(syncs.size(), 201U);
  const auto failedSyncs = call("GET /api/clone/jobs", {},
                                Json{{"job_type", "sync"}, {"status", "failed"}, {"limit", 1000}})
                               .body();
  EXPECT_EQ(failedSyncs.size(), 100U);
  for (const auto& j : failedSyncs) EXPECT_EQ(j["status"], "failed");
}

TEST_F(JobRoutesTest, SocketOnAnUnknownJobSendsAnErrorAndEnds) {
  FakeChannel ch;
  runSocket("nope", ch);
  EXPECT_EQ(ch.sent(),
            std::vector<Json>{(Json{{"type", "error"}, {"error", "Job 'nope' not found"}})});
}

TEST_F(JobRoutesTest, SocketOnAFinishedJobSendsItsEndAndEnds) {
  const auto id = submit(quick());
  ASSERT_TRUE(waitUntil([&] { return hasStatus(id, "completed"); }));
  FakeChannel ch;
  runSocket(id, ch);
  const auto sent = ch.sent();
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_EQ(sent[0], (Json{{"type", "status"}, {"status", "completed"}}));
  EXPECT_EQ(sent[1],
            (Json{{"type", "completed"}, {"status", "completed"}, {"result", {{"ok", true}}}}));
}

TEST_F(JobRoutesTest, SocketAnswersPingAndEndsWhenThePeerCloses) {
  std::atomic<bool> started{false};
  submit(blocker(&started));
  const auto queued = submit(quick());
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  FakeChannel ch;
  std::thread t([&] { runSocket(queued, ch); });
  ch.push("ping");
  ch.push(" {\"type\":\"ping\"} ");
  ch.push("something else");
  EXPECT_TRUE(waitUntil([&] { return ch.sent().size() >= 3; }, 5s));
  ch.close();
  t.join();  // the handler returned: it noticed the close
  const auto sent = ch.sent();
  ASSERT_EQ(sent.size(), 3U);
  EXPECT_EQ(sent[0], (Json{{"type", "status"}, {"status", "queued"}}));
  EXPECT_EQ(sent[1], (Json{{"type", "pong"}}));
  EXPECT_EQ(sent[2], (Json{{"type", "pong"}}));
  // No subscription is left behind: publishing for the job reaches nobody.
  bus_.publish(JobQueue::kTopic, Json{{"job_id", queued}, {"event", {{"type", "log"}}}});
  EXPECT_EQ(ch.sent().size(), 3U);
}

TEST_F(JobRoutesTest, SocketStreamsALiveJobToItsEnd) {
  std::atomic<int> step{0};
  const auto id = submit(guardJob([&](JobContext& ctx) {
    while (step.load() < 1) std::this_thread::sleep_for(1ms);
    ctx.progress(1, 2, "t1");
    ctx.log("cloned t1");
    while (step.load() < 2) std::this_thread::sleep_for(1ms);
    return JobOutcome::completed(Json{{"tables_cloned", 2}});
  }));
  ASSERT_TRUE(waitUntil([&] { return hasStatus(id, "running"); }));
  FakeChannel ch;
  std::thread t([&] { runSocket(id, ch); });
  ASSERT_TRUE(waitUntil([&] { return ch.sawType("status"); }));
  step = 1;
  ASSERT_TRUE(waitUntil([&] { return ch.sawType("log"); }));
  step = 2;
  t.join();  // ends by itself after the completed event
  const auto sent = ch.sent();
  ASSERT_GE(sent.size(), 5U);
  EXPECT_EQ(sent[0], (Json{{"type", "status"}, {"status", "running"}}));
  EXPECT_EQ(sent[1],
            (Json{{"type", "progress"}, {"completed", 1}, {"total", 2}, {"current", "t1"}}));
  EXPECT_EQ(sent[2], (Json{{"type", "log"}, {"line", "cloned t1"}}));
  EXPECT_EQ(sent[sent.size() - 2], (Json{{"type", "status"}, {"status", "completed"}}));
  EXPECT_EQ(
      sent.back(),
      (Json{{"type", "completed"}, {"status", "completed"}, {"result", {{"tables_cloned", 2}}}}));
}

TEST_F(JobRoutesTest, SocketReportsACancelledJobAsAnError) {
  std::atomic<bool> started{false};
  const auto id = submit(blocker(&started));
  ASSERT_TRUE(waitUntil([&] { return started.load(); }));
  FakeChannel ch;
  std::thread t([&] { runSocket(id, ch); });
  ASSERT_TRUE(waitUntil([&] { return ch.sawType("status"); }));
  call("DELETE /api/clone/{job_id}", id);
  t.join();
  EXPECT_EQ(ch.sent().back(),
            (Json{{"type", "error"}, {"status", "cancelled"}, {"error", "cancelled by request"}}));
}

}  // namespace
}  // namespace clxs::kernel
