// The plugin host end to end, with the fixture plugins of tests/plugins: listing, refusal
// of broken plugins, contained handler failures, dependencies and jobs.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "tests/support/api_calls.hpp"
#include "tests/support/plugin_dir.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

ServerOptions withPlugins(const PluginDir& dir) {
  return dir.serverOptions();
}

Json pluginEntry(const ServerProcess& s, const std::string& name) {
  HttpResult r = s.get("/api/plugins");
  EXPECT_EQ(r.status, 200) << r.body;
  for (const Json& p : r.json()) {
    if (p.value("name", "") == name) return p;
  }
  ADD_FAILURE() << "plugin '" << name << "' is not listed: " << r.body;
  return Json::object();
}

std::string errorOf(const Json& entry) {
  return entry.contains("error") && entry["error"].is_string() ? entry["error"].get<std::string>()
                                                               : std::string();
}

std::string detailOf(const HttpResult& r) {
  const Json j = r.json();
  return j.contains("detail")
             ? (j["detail"].is_string() ? j["detail"].get<std::string>() : j["detail"].dump())
             : std::string();
}

// Polls the job until its status is one of `wanted` or the timeout passes.
Json waitForJob(const ServerProcess& s, const std::string& id, const std::set<std::string>& wanted,
                std::chrono::seconds timeout = std::chrono::seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  Json last;
  while (std::chrono::steady_clock::now() < deadline) {
    HttpResult r = s.get("/api/clone/" + id);
    if (r.status == 200) {
      last = r.json();
      if (wanted.count(last.value("status", ""))) return last;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ADD_FAILURE() << "job " << id << " did not reach the wanted status; last: " << last.dump();
  return last;
}

std::string submitSleep(const ServerProcess& s, const Json& body) {
  HttpResult r = s.post("/api/testjobs/sleep", body);
  EXPECT_EQ(r.status, 200) << r.body;
  const Json j = r.json();
  EXPECT_EQ(j.value("status", ""), "queued");
  EXPECT_TRUE(j.contains("message"));
  return j.value("job_id", "");
}

TEST(PluginHost, ListsEveryPluginAndRefusesBrokenOnesWhileOthersWork) {
  PluginDir dir{"good", "abimismatch", "needsmissing", "startfails"};
  ServerProcess s(withPlugins(dir));

  HttpResult list = s.get("/api/plugins");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_TRUE(list.json().is_array());
  EXPECT_EQ(list.json().size(), 6U) << list.body;
  for (const Json& p : list.json()) {
    for (const char* key :
         {"id", "name", "version", "description", "enabled", "loaded", "error", "routes"}) {
      EXPECT_TRUE(p.contains(key)) << key << " missing in " << p.dump();
    }
  }

  for (const auto& [name, routes] :
       {std::pair{"thrower", 3}, std::pair{"testjobs", 1}, std::pair{"depender", 1}}) {
    const Json p = pluginEntry(s, name);
    EXPECT_EQ(p["id"], name);
    EXPECT_EQ(p["version"], "1.0.0");
    EXPECT_FALSE(p["description"].get<std::string>().empty());
    EXPECT_EQ(p["enabled"], true) << p.dump();
    EXPECT_EQ(p["loaded"], true) << p.dump();
    EXPECT_TRUE(p["error"].is_null()) << p.dump();
    EXPECT_EQ(p["routes"], routes) << p.dump();
  }

  const Json abi = pluginEntry(s, "abimismatch");
  EXPECT_EQ(abi["loaded"], false);
  EXPECT_NE(errorOf(abi).find("ABI"), std::string::npos) << abi.dump();
  EXPECT_NE(errorOf(abi).find("wrong-tag"), std::string::npos) << abi.dump();
  EXPECT_EQ(abi["routes"], 0);

  const Json missing = pluginEntry(s, "needsmissing");
  EXPECT_EQ(missing["loaded"], false);
  EXPECT_NE(errorOf(missing).find("doesnotexist"), std::string::npos) << missing.dump();

  const Json fails = pluginEntry(s, "startfails");
  EXPECT_EQ(fails["loaded"], false);
  EXPECT_NE(errorOf(fails).find("startfails: start() failed on purpose"), std::string::npos)
      << fails.dump();

  // None of the refused plugins serves anything, not even a route registered before its
  // start() threw.
  for (const char* path :
       {"/api/abimismatch/ping", "/api/needsmissing/ping", "/api/startfails/ghost"}) {
    EXPECT_EQ(s.get(path).status, 404) << path;
  }
  EXPECT_EQ(s.get("/api/thrower/ok").status, 200);
  EXPECT_EQ(s.get("/api/depender/ping").json()["pong"], true);
  EXPECT_EQ(s.get("/api/health").status, 200);
}

TEST(PluginHost, AThrowingHandlerCostsOne500WithTheRequestId) {
  PluginDir dir{"good"};
  ServerProcess s(withPlugins(dir));

  HttpResult boom = s.get("/api/thrower/boom");
  EXPECT_EQ(boom.status, 500) << boom.body;
  const std::string id = boom.headers["x-request-id"];
  ASSERT_FALSE(id.empty());
  EXPECT_NE(boom.body.find(id), std::string::npos) << boom.body;
  EXPECT_NO_THROW(boom.json());

  // A caller-chosen request id is echoed the same way.
  boom = s.get("/api/thrower/boom", {{"X-Request-Id", "plugin-host-test-42"}});
  EXPECT_EQ(boom.status, 500);
  EXPECT_EQ(boom.headers["x-request-id"], "plugin-host-test-42");
  EXPECT_NE(boom.body.find("plugin-host-test-42"), std::string::npos) << boom.body;

  HttpResult ok = s.get("/api/thrower/ok");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json(), (Json{{"status", "ok"}, {"plugin", "thrower"}}));

  HttpResult teapot = s.get("/api/thrower/http");
  EXPECT_EQ(teapot.status, 418) << teapot.body;
  EXPECT_EQ(teapot.json()["detail"], "thrower: I'm a teapot");

  for (int i = 0; i < 5; ++i) EXPECT_EQ(s.get("/api/thrower/boom").status, 500);
  EXPECT_EQ(s.get("/api/health").status, 200);
  EXPECT_EQ(pluginEntry(s, "thrower")["loaded"], true);
}

TEST(PluginHost, TogglesRespectDependencies) {
  PluginDir dir{"good"};
  ServerProcess s(withPlugins(dir));

  HttpResult r = togglePlugin(s, "testjobs", false);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(detailOf(r).find("depender"), std::string::npos) << r.body;
  EXPECT_EQ(pluginEntry(s, "testjobs")["enabled"], true);
  EXPECT_EQ(s.post("/api/testjobs/sleep", Json{{"seconds", 0}}).status, 200);

  r = togglePlugin(s, "depender", false);
  ASSERT_EQ(r.status, 200) << r.body;
  HttpResult off = s.get("/api/depender/ping");
  EXPECT_EQ(off.status, 404);
  EXPECT_EQ(off.json()["detail"], "plugin 'depender' is disabled");

  r = togglePlugin(s, "testjobs", false);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(s.post("/api/testjobs/sleep", Json::object()).json()["detail"],
            "plugin 'testjobs' is disabled");

  // depender cannot come back before what it depends on.
  r = togglePlugin(s, "depender", true);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(detailOf(r).find("testjobs"), std::string::npos) << r.body;

  ASSERT_EQ(togglePlugin(s, "testjobs", true).status, 200);
  ASSERT_EQ(togglePlugin(s, "depender", true).status, 200);
  EXPECT_EQ(s.get("/api/depender/ping").status, 200);

  r = togglePlugin(s, "nosuchplugin", false);
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_NE(detailOf(r).find("nosuchplugin"), std::string::npos) << r.body;
  EXPECT_EQ(s.post("/api/plugins/toggle", Json{{"enabled", false}}).status, 422);
}

TEST(PluginHost, PluginJobsRunReportAndEndInEveryState) {
  PluginDir dir{"good"};
  ServerProcess s(withPlugins(dir));

  const std::string done = submitSleep(s, Json{{"seconds", 0.2}});
  Json job = waitForJob(s, done, {"completed", "completed_with_errors", "failed", "cancelled"});
  EXPECT_EQ(job["status"], "completed") << job.dump();
  EXPECT_EQ(job["job_type"], "testjobs.sleep");
  EXPECT_EQ(job["result"], (Json{{"slept", 0.2}}));
  EXPECT_EQ(job["progress"]["completed"], 4) << job.dump();
  EXPECT_EQ(job["progress"]["total"], 4) << job.dump();
  EXPECT_NE(job["logs"].dump().find("step 4"), std::string::npos) << job.dump();

  const std::string partial = submitSleep(s, Json{{"seconds", 0.05}, {"with_errors", true}});
  job = waitForJob(s, partial, {"completed", "completed_with_errors", "failed", "cancelled"});
  EXPECT_EQ(job["status"], "completed_with_errors") << job.dump();

  const std::string failed = submitSleep(s, Json{{"seconds", 0}, {"fail", true}});
  job = waitForJob(s, failed, {"completed", "completed_with_errors", "failed", "cancelled"});
  EXPECT_EQ(job["status"], "failed") << job.dump();
  EXPECT_NE(job["error"].dump().find("failed on purpose"), std::string::npos) << job.dump();

  const std::string slow = submitSleep(s, Json{{"seconds", 30}});
  waitForJob(s, slow, {"running"});
  EXPECT_EQ(s.request("DELETE", "/api/clone/" + slow).status, 200);
  job = waitForJob(s, slow, {"cancelled", "completed", "failed"}, std::chrono::seconds(5));
  EXPECT_EQ(job["status"], "cancelled") << job.dump();

  HttpResult bad = s.post("/api/testjobs/sleep", Json{{"seconds", 61}});
  EXPECT_EQ(bad.status, 422) << bad.body;
}

TEST(PluginHost, DisablingAPluginCancelsItsRunningJobs) {
  PluginDir dir{"good"};
  ServerProcess s(withPlugins(dir));
  const std::string slow = submitSleep(s, Json{{"seconds", 30}});
  waitForJob(s, slow, {"running"});
  ASSERT_EQ(togglePlugin(s, "depender", false).status, 200);
  ASSERT_EQ(togglePlugin(s, "testjobs", false).status, 200);
  const Json job =
      waitForJob(s, slow, {"cancelled", "completed", "failed"}, std::chrono::seconds(5));
  EXPECT_EQ(job["status"], "cancelled") << job.dump();
}

}  // namespace
}  // namespace clxs::testing

namespace clxs::testing {
namespace {

bool libraryMapped(pid_t pid, const std::string& file) {
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (line.find(file) != std::string::npos) return true;
  }
  return false;
}

TEST(PluginHost, DisablingUnloadsTheLibraryAndEnablingLoadsItAgain) {
  PluginDir dir({"good"});
  ServerProcess s(withPlugins(dir));
  ASSERT_TRUE(libraryMapped(s.pid(), "libthrower.so"));
  ASSERT_EQ(s.post("/api/plugins/toggle", Json{{"name", "thrower"}, {"enabled", false}}).status,
            200);
  bool unloaded = false;
  for (int i = 0; i < 100 && !unloaded; ++i) {
    unloaded = !libraryMapped(s.pid(), "libthrower.so");
    if (!unloaded) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(unloaded) << "the plugin's code must be unloaded once nothing references it";
  ASSERT_EQ(s.post("/api/plugins/toggle", Json{{"name", "thrower"}, {"enabled", true}}).status,
            200);
  EXPECT_TRUE(libraryMapped(s.pid(), "libthrower.so"));
  EXPECT_EQ(s.get("/api/thrower/ok").status, 200);
}

}  // namespace
}  // namespace clxs::testing
