// Clone templates and scheduled clones end to end: GET /api/templates (built-in and
// configured), the /api/schedules and /api/schedule routes, persistence across restarts,
// and a one-minute cron that fires once and not again after a restart.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "clxs/clock.hpp"
#include "tests/support/api_calls.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

using namespace std::chrono_literals;

Json schedule(const std::string& cron = "0 2 * * *", const std::string& jobType = "clone") {
  return Json{{"name", "nightly"},
              {"source_catalog", "src"},
              {"destination_catalog", "dst"},
              {"cron", cron},
              {"job_type", jobType}};
}

// The first issue of a FastAPI-shaped 422.
Json issue(const HttpResult& r) {
  EXPECT_EQ(r.status, 422) << r.body;
  const Json j = Json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j["detail"].is_array() || j["detail"].empty()) {
    ADD_FAILURE() << "not a FastAPI 422: " << r.body;
    return Json{{"loc", nullptr}, {"msg", ""}};
  }
  return j["detail"][0];
}

bool mentions(const Json& issue, const std::string& text) {
  return issue["msg"].get<std::string>().find(text) != std::string::npos;
}

Json byName(const Json& list, const std::string& name) {
  for (const auto& t : list) {
    if (t["name"] == name) return t;
  }
  return nullptr;
}

Json byId(const ServerProcess& s, const std::string& id) {
  const auto r = s.get("/api/schedules");
  EXPECT_EQ(r.status, 200) << r.body;
  for (const auto& x : r.json()) {
    if (x["id"] == id) return x;
  }
  return nullptr;
}

Json cloneJobs(const ServerProcess& s) {
  const auto r = s.get("/api/clone/jobs?job_type=clone");
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json();
}

TEST(Templates, BuiltInAndConfiguredTemplatesAreListed) {
  ServerProcess s;
  auto r = s.get("/api/templates");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().size(), 13U);
  const Json dev = byName(r.json(), "dev-refresh");
  ASSERT_FALSE(dev.is_null()) << r.body;
  EXPECT_EQ(dev["clone_type"], "SHALLOW");
  EXPECT_FALSE(dev["description"].get<std::string>().empty());
  EXPECT_EQ(dev["available"], true);
  EXPECT_EQ(byName(r.json(), "pii-safe")["available"], false) << "masking is not available yet";

  r = s.request("PUT", "/api/config",
                Json{{"yaml_content",
                      "source_catalog: src\n"
                      "clone_templates:\n"
                      "  nightly-lite:\n"
                      "    name: Nightly lite\n"
                      "    description: Shallow, without grants\n"
                      "    config:\n"
                      "      clone_type: shallow\n"
                      "      copy_permissions: false\n"
                      "  broken:\n"
                      "    config:\n"
                      "      max_workers: lots\n"}}
                    .dump());
  ASSERT_EQ(r.status, 200) << r.body;
  r = s.get("/api/templates");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().size(), 15U);
  const Json lite = byName(r.json(), "nightly-lite");
  EXPECT_EQ(lite["title"], "Nightly lite");
  EXPECT_EQ(lite["clone_type"], "SHALLOW");
  EXPECT_EQ(lite["source"], "config");
  EXPECT_EQ(lite["available"], true);
  const Json broken = byName(r.json(), "broken");
  EXPECT_EQ(broken["available"], false);
  EXPECT_NE(broken["error"].get<std::string>().find("max_workers"), std::string::npos) << broken;

  Json body = schedule();
  body["template"] = "nightly-lite";
  body.erase("job_type");
  r = s.post("/api/schedule", body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["clone_type"], "SHALLOW");
  EXPECT_EQ(r.json()["job_request"]["copy_permissions"], false);
  body["template"] = "broken";
  EXPECT_EQ(issue(s.post("/api/schedules", body))["loc"], Json::array({"body", "template"}));
}

TEST(Schedules, CreateListPauseResumeDelete) {
  ServerProcess s;
  auto r = s.post("/api/schedules", schedule());
  ASSERT_EQ(r.status, 200) << r.body;
  const Json created = r.json();
  const std::string id = created["id"];
  EXPECT_EQ(id.size(), 36U);
  EXPECT_EQ(created["status"], "active");
  EXPECT_EQ(created["job_type"], "clone");
  EXPECT_EQ(created["clone_type"], "DEEP");
  EXPECT_EQ(created["timezone"], "UTC");
  const std::string next = created["next_run"];
  EXPECT_EQ(next.substr(10), "T02:00:00.000Z") << next;
  EXPECT_TRUE(created["last_job_id"].is_null());
  EXPECT_EQ(byId(s, id), created);

  r = s.post("/api/schedules/" + id + "/pause", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "paused");
  EXPECT_TRUE(r.json()["next_run"].is_null());
  EXPECT_EQ(byId(s, id)["status"], "paused") << "paused schedules are listed too";
  EXPECT_EQ(s.post("/api/schedules/" + id + "/pause", Json::object()).status, 200);

  r = s.post("/api/schedules/" + id + "/resume", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "active");
  EXPECT_EQ(r.json()["next_run"], next);

  r = del(s, "/api/schedules/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), (Json{{"deleted", true}, {"schedule_id", id}}));
  r = del(s, "/api/schedules/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["deleted"], false);
  EXPECT_TRUE(s.get("/api/schedules").json().empty());
}

TEST(Schedules, BadInputIsRefusedWithTheFieldNamed) {
  ServerProcess s;
  Json b = schedule("61 * * * *");
  Json i = issue(s.post("/api/schedules", b));
  EXPECT_EQ(i["loc"], Json::array({"body", "cron"}));
  EXPECT_TRUE(mentions(i, "minute")) << i;
  i = issue(s.post("/api/schedules", schedule("0 0 * *")));
  EXPECT_TRUE(mentions(i, "5 fields")) << i;
  i = issue(s.post("/api/schedules", schedule("0 9 * * FUN")));
  EXPECT_TRUE(mentions(i, "day-of-week")) << i;

  EXPECT_EQ(issue(s.post("/api/schedules", schedule("@daily", "backup")))["loc"],
            Json::array({"body", "job_type"}));
  b = schedule();
  b.erase("name");
  EXPECT_EQ(issue(s.post("/api/schedules", b))["loc"], Json::array({"body", "name"}));
  b = schedule();
  b["destination_catalog"] = "SRC";
  EXPECT_EQ(issue(s.post("/api/schedules", b))["loc"],
            Json::array({"body", "destination_catalog"}));
  b = schedule();
  b["template"] = "no-such-template";
  EXPECT_EQ(issue(s.post("/api/schedules", b))["loc"], Json::array({"body", "template"}));
  EXPECT_EQ(issue(s.post("/api/schedules", schedule("@daily", "incremental_sync")))["loc"],
            Json::array({"body", "schema_name"}));
  EXPECT_EQ(issue(s.post("/api/schedule", schedule("@daily", "sync")))["loc"],
            Json::array({"body", "job_type"}));

  for (const char* action : {"pause", "resume"}) {
    const auto r = s.post(std::string("/api/schedules/no-such-id/") + action, Json::object());
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_NE(r.body.find("no-such-id"), std::string::npos) << r.body;
  }
  const auto r = del(s, "/api/schedules/no-such-id");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["deleted"], false);
  EXPECT_TRUE(s.get("/api/schedules").json().empty()) << "nothing refused was stored";
}

TEST(Schedules, TheSingularRoutesServeCloneSchedulesOfTheSameStore) {
  ServerProcess s;
  Json clone = schedule("@daily");
  clone.erase("job_type");
  auto r = s.post("/api/schedule", clone);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["job_type"], "clone");
  ASSERT_EQ(s.post("/api/schedules", schedule("@hourly", "sync")).status, 200);
  ASSERT_EQ(s.post("/api/schedules", schedule("@hourly", "incremental_sync")).status, 422);
  Json inc = schedule("@hourly", "incremental_sync");
  inc["schema_name"] = "sales";
  ASSERT_EQ(s.post("/api/schedules", inc).status, 200);

  const auto singular = s.get("/api/schedule").json();
  ASSERT_EQ(singular.size(), 1U);
  EXPECT_EQ(singular[0]["id"], r.json()["id"]);
  EXPECT_EQ(s.get("/api/schedules").json().size(), 3U);
}

TEST(Schedules, TheOriginalUisFormCreatesListsPausesAndResumes) {
  ServerProcess s;
  // The body the original web UI's schedule page posts, and the routes it calls.
  auto r = s.post("/api/schedule", Json{{"name", "nightly"},
                                        {"source", "src"},
                                        {"destination", "dst"},
                                        {"cron", "0 2 * * *"},
                                        {"template", ""}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string id = r.json()["id"];
  const auto listed = s.get("/api/schedule").json();
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0]["source"], "src");
  EXPECT_EQ(listed[0]["destination"], "dst");
  EXPECT_EQ(listed[0]["source_catalog"], "src");
  EXPECT_EQ(listed[0]["status"], "active");
  r = s.request("POST", "/api/schedule/" + id + "/pause");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "paused");
  r = s.request("POST", "/api/schedule/" + id + "/resume");
  EXPECT_EQ(r.json()["status"], "active");
  EXPECT_FALSE(r.json()["next_run"].is_null());
  EXPECT_EQ(s.request("POST", "/api/schedule/nope/pause").status, 404);
  r = s.post("/api/schedule", Json{{"name", "n"}, {"source", "src"}, {"cron", "0 2 * * *"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("destination_catalog"), std::string::npos) << r.body;
}

TEST(Schedules, SurviveARestart) {
  ServerProcess s;
  const std::string a = s.post("/api/schedules", schedule()).json()["id"];
  const std::string b = s.post("/api/schedules", schedule("*/5 * * * *")).json()["id"];
  ASSERT_EQ(s.post("/api/schedules/" + b + "/pause", Json::object()).status, 200);
  s.restart();
  EXPECT_EQ(byId(s, a)["status"], "active");
  EXPECT_EQ(byId(s, b)["status"], "paused");
  EXPECT_TRUE(byId(s, b)["next_run"].is_null());
}

// The server has no test clock, so this waits for the next minute boundary (at most ~60 s;
// up to two boundaries on a loaded machine).
TEST(Schedules, AOneMinuteCronFiresOnceAndNotAgainAfterARestart) {
  ServerProcess s;
  seedSql(s.dataDir(),
          "CREATE CATALOG src; CREATE SCHEMA src.sales;"
          "CREATE TABLE src.sales.orders (id INT); INSERT INTO src.sales.orders VALUES (1);");
  Json body = schedule("* * * * *");
  body["dry_run"] = true;
  auto r = s.post("/api/schedules", body);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string id = r.json()["id"];

  Json fired;
  const auto until = std::chrono::steady_clock::now() + 135s;
  while (std::chrono::steady_clock::now() < until) {
    fired = byId(s, id);
    if (!fired["last_job_id"].is_null() || !fired["last_error"].is_null()) break;
    std::this_thread::sleep_for(200ms);
  }
  ASSERT_FALSE(fired["last_job_id"].is_null()) << fired;
  EXPECT_TRUE(fired["last_error"].is_null()) << fired;
  EXPECT_EQ(fired["run_count"], 1);
  const std::string slot = fired["last_fired_slot"];
  EXPECT_EQ(slot.substr(16), ":00.000Z") << slot;
  Json jobs = cloneJobs(s);
  ASSERT_EQ(jobs.size(), 1U) << jobs;
  EXPECT_EQ(jobs[0]["job_id"], fired["last_job_id"]);

  s.restart();
  std::this_thread::sleep_for(3s);
  const Json after = byId(s, id);
  jobs = cloneJobs(s);
  const auto minute =
      isoUtc(std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now()));
  if (minute == slot) {
    EXPECT_EQ(after["last_fired_slot"], slot);
    EXPECT_EQ(after["run_count"], 1);
    EXPECT_EQ(jobs.size(), 1U) << jobs;
  } else {
    // The restart reached into the next minute: that slot may fire, the first never again.
    EXPECT_EQ(jobs.size(), after["run_count"].get<std::size_t>()) << jobs;
    EXPECT_LE(jobs.size(), 2U) << jobs;
  }
  ASSERT_EQ(s.post("/api/schedules/" + id + "/pause", Json::object()).status, 200);
}

}  // namespace
}  // namespace clxs::testing
