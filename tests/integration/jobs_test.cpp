// The job routes end to end: GET /api/clone/jobs, GET and DELETE /api/clone/{job_id} and
// WebSocket /api/clone/ws/{job_id}, against the real binary.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/Timespan.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

using namespace std::chrono_literals;

bool waitUntil(const std::function<bool()>& pred, std::chrono::milliseconds timeout = 15s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return pred();
}

/// A WebSocket client for one job stream.
class JobSocket {
 public:
  JobSocket(int port, const std::string& path)
      : session_("127.0.0.1", static_cast<Poco::UInt16>(port)) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::HTTPResponse response;
    ws_ = std::make_unique<Poco::Net::WebSocket>(session_, request, response);
  }

  void send(const std::string& text) {
    ws_->sendFrame(text.data(), static_cast<int>(text.size()), Poco::Net::WebSocket::FRAME_TEXT);
  }

  /// The next text frame as JSON; nullopt when the server closed the stream or `timeout`
  /// passed.
  std::optional<Json> next(std::chrono::milliseconds timeout = 10s) {
    ws_->setReceiveTimeout(Poco::Timespan(static_cast<long>(timeout.count()) * 1000));
    std::vector<char> buf(1 << 20);
    for (;;) {
      int flags = 0;
      int n = 0;
      try {
        n = ws_->receiveFrame(buf.data(), static_cast<int>(buf.size()), flags);
      } catch (const Poco::TimeoutException&) {
        return std::nullopt;
      } catch (const Poco::Exception&) {
        closed_ = true;
        return std::nullopt;
      }
      const int op = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
      if (n == 0 && flags == 0) {
        closed_ = true;
        return std::nullopt;
      }
      if (op == Poco::Net::WebSocket::FRAME_OP_CLOSE) {
        closed_ = true;
        return std::nullopt;
      }
      if (op != Poco::Net::WebSocket::FRAME_OP_TEXT) continue;  // control frames
      return Json::parse(std::string(buf.data(), static_cast<std::size_t>(n)));
    }
  }

  /// Frames until one of type `type` arrives (included), or the stream ends.
  std::vector<Json> until(const std::string& type, std::chrono::milliseconds timeout = 15s) {
    std::vector<Json> got;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto m = next(std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()));
      if (!m) break;
      got.push_back(*m);
      if ((*m).value("type", "") == type) break;
    }
    return got;
  }

  /// Whether the server ended the stream (reads until close or `timeout`).
  bool endsWithin(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_ && std::chrono::steady_clock::now() < deadline) {
      next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                 std::chrono::steady_clock::now()));
    }
    return closed_;
  }

 private:
  Poco::Net::HTTPClientSession session_;
  std::unique_ptr<Poco::Net::WebSocket> ws_;
  bool closed_ = false;
};

bool hasType(const std::vector<Json>& frames, const std::string& type) {
  for (const auto& f : frames) {
    if (f.value("type", "") == type) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Without any job-running plugin.
// ---------------------------------------------------------------------------------------

TEST(JobRoutes, UnknownJobsAre404WithTheirId) {
  ServerProcess s;
  auto r = s.get("/api/clone/0000-nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json(), (Json{{"detail", "Job '0000-nope' not found"}}));
  r = s.request("DELETE", "/api/clone/0000-nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json(), (Json{{"detail", "Job '0000-nope' not found"}}));
}

TEST(JobRoutes, ListIsAnArrayAndValidatesItsQuery) {
  ServerProcess s;
  auto r = s.get("/api/clone/jobs");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), Json::array());
  EXPECT_EQ(s.get("/api/clone/jobs?limit=5000").status, 200);  // clamped, not rejected
  EXPECT_EQ(s.get("/api/clone/jobs?limit=10&job_type=clone&status=running").status, 200);

  r = s.get("/api/clone/jobs?limit=0");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["detail"][0]["loc"], (Json{"query", "limit"}));
  r = s.get("/api/clone/jobs?status=sleeping");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["detail"][0]["loc"], (Json{"query", "status"}));
}

TEST(JobRoutes, SocketOnAnUnknownJobSendsAnErrorAndCloses) {
  ServerProcess s;
  JobSocket ws(s.port(), "/api/clone/ws/0000-nope");
  const auto m = ws.next();
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, (Json{{"type", "error"}, {"error", "Job '0000-nope' not found"}}));
  EXPECT_TRUE(ws.endsWithin(5s));
}

TEST(JobRoutes, OpenApiListsTheJobSocket) {
  ServerProcess s;
  const auto doc = s.get("/openapi.json").json();
  EXPECT_TRUE(doc["paths"].contains("/api/clone/jobs"));
  EXPECT_TRUE(doc["paths"].contains("/api/clone/{job_id}"));
  EXPECT_TRUE(doc["paths"]["/api/clone/{job_id}"].contains("delete"));
  EXPECT_NE(doc["x-websocket-routes"].dump().find("/api/clone/ws/{job_id}"), std::string::npos);
}

// ---------------------------------------------------------------------------------------
// With the `testjobs` fixture plugin (tests/plugins/testjobs_plugin.cpp):
//   POST /api/testjobs/sleep {"seconds": n, "fail": bool, "with_errors": bool} → {"job_id"}
// It sleeps in 50 ms steps; before the first step it reports progress (0, total,
// "starting"), after step i progress (i, total, "step i") and the log line "step i"; it
// checks cancellation around every step. Its result is {"slept": n}.
// ---------------------------------------------------------------------------------------

std::filesystem::path testPluginsDir() {
  // <build>/lib/clxs/plugins → <build>/tests/plugins/good
  return ServerProcess::buildPluginsDir().parent_path().parent_path().parent_path() / "tests" /
         "plugins" / "good";
}

class JobsWithPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(testPluginsDir())) {
      GTEST_SKIP() << "fixture plugins not built (target clxs_test_plugins): " << testPluginsDir();
    }
    ServerOptions o;
    o.pluginsDir = testPluginsDir();
    server_ = std::make_unique<ServerProcess>(o);
    const auto plugins = server_->get("/api/plugins").json();
    bool loaded = false;
    for (const auto& p : plugins) {
      if (p.value("name", "") == "testjobs" && p.value("loaded", false)) loaded = true;
    }
    if (!loaded) GTEST_SKIP() << "plugin testjobs is not loaded: " << plugins.dump();
  }

  std::string sleep(double seconds, Json extra = Json::object()) {
    Json body = std::move(extra);
    body["seconds"] = seconds;
    const auto r = server_->post("/api/testjobs/sleep", body);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["job_id"].get<std::string>();
  }
  Json job(const std::string& id) {
    const auto r = server_->get("/api/clone/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  std::string status(const std::string& id) { return job(id)["status"].get<std::string>(); }
  Json waitForStatus(const std::string& id, const std::string& want,
                     std::chrono::milliseconds timeout = 15s) {
    EXPECT_TRUE(waitUntil([&] { return status(id) == want; }, timeout))
        << "job " << id << " is " << status(id) << ", expected " << want;
    return job(id);
  }

  std::unique_ptr<ServerProcess> server_;
};

TEST_F(JobsWithPlugin, AJobRunsToCompletionWithProgressLogsAndResult) {
  const auto id = sleep(0.2);
  EXPECT_TRUE(std::regex_match(
      id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  const auto r = waitForStatus(id, "completed");
  EXPECT_EQ(r["job_type"], "testjobs.sleep");
  EXPECT_EQ(r["progress"], (Json{{"completed", 4}, {"total", 4}, {"current", "step 4"}}));
  EXPECT_EQ(r["logs"], (Json{"step 1", "step 2", "step 3", "step 4"}));
  EXPECT_EQ(r["result"], (Json{{"slept", 0.2}}));
  EXPECT_TRUE(r["error"].is_null());
  const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  for (const char* k : {"created_at", "started_at", "completed_at"}) {
    EXPECT_TRUE(std::regex_match(r[k].get<std::string>(), iso)) << k << ": " << r[k];
  }
  const auto list = server_->get("/api/clone/jobs").json();
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list[0]["job_id"], id);
  EXPECT_EQ(list[0]["status"], "completed");
  EXPECT_FALSE(list[0].contains("logs"));
  EXPECT_EQ(server_->get("/api/clone/jobs?status=failed").json(), Json::array());
  EXPECT_EQ(server_->get("/api/clone/jobs?job_type=testjobs.sleep").json().size(), 1U);
}

TEST_F(JobsWithPlugin, FailuresAndPartialFailuresAreTheirOwnStates) {
  const auto failing = sleep(0.05, Json{{"fail", true}});
  const auto partial = sleep(0.05, Json{{"with_errors", true}});
  EXPECT_EQ(waitForStatus(failing, "failed")["error"], "testjobs: failed on purpose");
  EXPECT_EQ(waitForStatus(partial, "completed_with_errors")["result"], (Json{{"slept", 0.05}}));
}

TEST_F(JobsWithPlugin, CancellingARunningJobStopsIt) {
  const auto id = sleep(30);
  waitForStatus(id, "running");
  const auto r = server_->request("DELETE", "/api/clone/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), (Json{{"status", "cancelling"}, {"job_id", id}}));
  const auto done = waitForStatus(id, "cancelled", 3s);  // at its next check, not after 30 s
  EXPECT_FALSE(done["completed_at"].is_null());
  const auto again = server_->request("DELETE", "/api/clone/" + id);
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.json()["detail"].get<std::string>().find("cancelled"), std::string::npos);
  // The POST form the original web UI sends answers the same.
  EXPECT_EQ(server_->request("POST", "/api/clone/" + id + "/cancel").status, 409);
  const auto other = sleep(30);
  waitForStatus(other, "running");
  const auto posted = server_->request("POST", "/api/clone/" + other + "/cancel");
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.json(), (Json{{"status", "cancelling"}, {"job_id", other}}));
  waitForStatus(other, "cancelled", 3s);
  EXPECT_EQ(server_->request("POST", "/api/clone/0000-nope/cancel").status, 404);
}

TEST_F(JobsWithPlugin, CancellingAQueuedJobMeansItNeverRuns) {
  // Fill every worker (max_concurrent_jobs), then one more waits in the queue.
  std::vector<std::string> ids;
  std::string queued;
  for (int i = 0; i < 16 && queued.empty(); ++i) {
    ids.push_back(sleep(30));
    waitUntil([&] { return status(ids.back()) != "queued"; }, 1s);
    if (status(ids.back()) == "queued") queued = ids.back();
  }
  ASSERT_FALSE(queued.empty()) << "no job ever waited in the queue";
  const auto r = server_->request("DELETE", "/api/clone/" + queued);
  EXPECT_EQ(r.json(), (Json{{"status", "cancelled"}, {"job_id", queued}}));
  auto rec = job(queued);
  EXPECT_EQ(rec["status"], "cancelled");
  EXPECT_TRUE(rec["started_at"].is_null());
  for (const auto& id : ids) {
    if (id != queued) server_->request("DELETE", "/api/clone/" + id);
  }
  for (const auto& id : ids) {
    if (id != queued) waitForStatus(id, "cancelled", 5s);
  }
  rec = job(queued);
  EXPECT_TRUE(rec["started_at"].is_null());  // it never ran
  EXPECT_EQ(rec["logs"], Json::array());
}

TEST_F(JobsWithPlugin, ConcurrentJobsKeepTheirOwnLogs) {
  const auto a = sleep(0.5);
  const auto b = sleep(0.5);
  const Json expected = {"step 1", "step 2", "step 3", "step 4", "step 5",
                         "step 6", "step 7", "step 8", "step 9", "step 10"};
  EXPECT_EQ(waitForStatus(a, "completed")["logs"], expected);
  EXPECT_EQ(waitForStatus(b, "completed")["logs"], expected);
}

TEST_F(JobsWithPlugin, SocketStreamsStatusProgressLogsAndTheEnd) {
  const auto id = sleep(0.5);
  JobSocket ws(server_->port(), "/api/clone/ws/" + id);
  const auto frames = ws.until("completed");
  ASSERT_FALSE(frames.empty());
  EXPECT_EQ(frames.front()["type"], "status");
  EXPECT_TRUE(hasType(frames, "progress"));
  EXPECT_TRUE(hasType(frames, "log"));
  EXPECT_EQ(frames.back(),
            (Json{{"type", "completed"}, {"status", "completed"}, {"result", {{"slept", 0.5}}}}));
  // Progress arrives in order and reaches the total.
  std::int64_t last = -1;
  for (const auto& f : frames) {
    if (f["type"] != "progress") continue;
    EXPECT_GE(f["completed"].get<std::int64_t>(), last);
    last = f["completed"].get<std::int64_t>();
    EXPECT_EQ(f["total"], 10);
  }
  EXPECT_EQ(last, 10);
  EXPECT_TRUE(ws.endsWithin(5s));  // the server closes after the end event
}

TEST_F(JobsWithPlugin, SocketAnswersPingAndReportsCancellationAsAnError) {
  const auto id = sleep(30);
  waitForStatus(id, "running");
  JobSocket ws(server_->port(), "/api/clone/ws/" + id);
  const auto first = ws.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, (Json{{"type", "status"}, {"status", "running"}}));
  ws.send("ping");
  EXPECT_TRUE(hasType(ws.until("pong", 5s), "pong"));
  server_->request("DELETE", "/api/clone/" + id);
  const auto frames = ws.until("error", 5s);
  ASSERT_FALSE(frames.empty());
  EXPECT_EQ(frames.back(),
            (Json{{"type", "error"}, {"status", "cancelled"}, {"error", "cancelled by request"}}));
}

TEST_F(JobsWithPlugin, SocketOnAFinishedJobReplaysItsEnd) {
  const auto id = sleep(0.05, Json{{"fail", true}});
  waitForStatus(id, "failed");
  JobSocket ws(server_->port(), "/api/clone/ws/" + id);
  const auto frames = ws.until("error", 5s);
  ASSERT_FALSE(frames.empty());
  EXPECT_EQ(frames.front(), (Json{{"type", "status"}, {"status", "failed"}}));
  EXPECT_EQ(
      frames.back(),
      (Json{{"type", "error"}, {"status", "failed"}, {"error", "testjobs: failed on purpose"}}));
  EXPECT_TRUE(ws.endsWithin(5s));
}

TEST_F(JobsWithPlugin, JobsSurviveARestartAndARunningOneEndsInterrupted) {
  const auto done = sleep(0.05);
  waitForStatus(done, "completed");
  const auto running = sleep(60);
  waitForStatus(running, "running");
  server_->restart();  // SIGTERM: the server stops the job cooperatively
  const auto r = job(running);
  EXPECT_EQ(r["status"], "failed");
  EXPECT_NE(r["error"].get<std::string>().find("interrupted"), std::string::npos) << r["error"];
  EXPECT_FALSE(r["completed_at"].is_null());
  EXPECT_EQ(status(done), "completed");  // persisted, not in memory only
  EXPECT_EQ(job(done)["logs"], Json::array({"step 1"}));
}

}  // namespace
}  // namespace clxs::testing
