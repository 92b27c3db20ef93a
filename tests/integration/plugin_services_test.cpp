// Services between plugins and the change log, end to end with the provider and consumer
// fixture plugins: a consumer reaches the provider through the registry, gets a 503 naming
// it while it is disabled, and reads every mutating call from the kernel's change log.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/api_calls.hpp"
#include "tests/support/plugin_dir.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

Json listed(const ServerProcess& s, const std::string& name) {
  for (const Json& p : s.get("/api/plugins").json()) {
    if (p.value("name", "") == name) return p;
  }
  ADD_FAILURE() << name << " is not listed";
  return Json::object();
}

TEST(PluginServices, AConsumerUsesItsProviderAndGets503WhileItIsDisabled) {
  PluginDir dir{"services"};
  ServerProcess s(dir.serverOptions());

  HttpResult greet = s.get("/api/consumer/greet");
  ASSERT_EQ(greet.status, 200) << greet.body;
  EXPECT_EQ(greet.json()["greeting"], "Hello, consumer!");

  const Json provider = listed(s, "provider");
  EXPECT_EQ(provider["provides"], (Json{"fixture.greeter"}));
  const Json consumer = listed(s, "consumer");
  ASSERT_EQ(consumer["uses"].size(), 1U) << consumer.dump();
  EXPECT_EQ(consumer["uses"][0]["service"], "fixture.greeter");
  EXPECT_EQ(consumer["uses"][0]["provided_by"], (Json{"provider"}));
  EXPECT_EQ(consumer["uses"][0]["available"], true);

  // A provider may be disabled under its consumers (unlike a dependency): their routes that
  // need it answer 503 naming it, the rest of the consumer keeps working.
  ASSERT_EQ(togglePlugin(s, "provider", false).status, 200);
  greet = s.get("/api/consumer/greet");
  EXPECT_EQ(greet.status, 503) << greet.body;
  EXPECT_NE(greet.body.find("fixture.greeter"), std::string::npos) << greet.body;
  EXPECT_NE(greet.body.find("'provider'"), std::string::npos) << greet.body;
  EXPECT_EQ(listed(s, "consumer")["uses"][0]["available"], false);
  EXPECT_EQ(listed(s, "consumer")["loaded"], true);
  EXPECT_EQ(s.post("/api/consumer/touch", Json::object()).status, 200);

  ASSERT_EQ(togglePlugin(s, "provider", true).status, 200);
  EXPECT_EQ(s.get("/api/consumer/greet").status, 200);
}

TEST(PluginServices, AnInterceptorAPluginInstallsSeesEachCallOnce) {
  PluginDir dir{"services"};
  ServerProcess s(dir.serverOptions());
  const HttpResult r = s.get("/api/consumer/intercepted");
  ASSERT_EQ(r.status, 200) << r.body;
  // Not the SHOW GRANTS and information_schema statements the catalog service runs for them.
  EXPECT_EQ(r.json(), (Json{"catalog:grants CATALOG main", "catalog:tags CATALOG main"}));
}

TEST(PluginServices, EveryMutatingCallIsInTheChangeLogAPluginReads) {
  PluginDir dir{"services"};
  ServerProcess s(dir.serverOptions());
  ASSERT_EQ(s.post("/api/consumer/touch", Json::object(), {{"X-Request-Id", "touch-1"}}).status,
            200);
  ASSERT_EQ(togglePlugin(s, "nosuchplugin", false).status, 404);
  EXPECT_EQ(s.get("/api/consumer/greet").status, 200);  // not a change

  const Json all = s.get("/api/consumer/changes").json();
  ASSERT_EQ(all.size(), 2U) << all.dump();
  EXPECT_EQ(all[0]["route"], "/api/plugins/toggle");  // newest first
  EXPECT_EQ(all[0]["plugin"], "kernel");
  EXPECT_EQ(all[0]["status"], 404);
  EXPECT_EQ(all[1]["route"], "/api/consumer/touch");
  EXPECT_EQ(all[1]["plugin"], "consumer");
  EXPECT_EQ(all[1]["method"], "POST");
  EXPECT_EQ(all[1]["status"], 200);
  EXPECT_EQ(all[1]["request_id"], "touch-1");
  EXPECT_EQ(all[1]["actor"], "local");
  EXPECT_TRUE(all[1]["at"].is_string());

  const Json mine = s.get("/api/consumer/changes?plugin=consumer").json();
  ASSERT_EQ(mine.size(), 1U) << mine.dump();
}

}  // namespace
}  // namespace clxs::testing
