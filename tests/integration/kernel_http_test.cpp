// The kernel's HTTP behaviour end to end: routing errors, request ids, body limits, JSON
// errors, OpenAPI and docs, cache routes, the access log, the CLI and graceful shutdown.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

struct CommandResult {
  int exitCode = -1;
  std::string output;
};

CommandResult runCli(const std::string& args) {
  const std::string cmd = ServerProcess::binary().string() + " " + args + " 2>&1";
  CommandResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), buf.size(), p) != nullptr) r.output += buf.data();
  const int status = pclose(p);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class KernelHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ServerProcess>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static ServerProcess& s() { return *server_; }

 private:
  static std::unique_ptr<ServerProcess> server_;
};
std::unique_ptr<ServerProcess> KernelHttp::server_;

TEST_F(KernelHttp, HealthReportsServiceRuntimeVersionAndPlugins) {
  auto r = s().get("/api/health");
  ASSERT_EQ(r.status, 200);
  auto j = r.json();
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["service"], "Clone-Xs");
  EXPECT_EQ(j["runtime"], "standalone");
  EXPECT_TRUE(j["version"].is_string());
  EXPECT_GE(j["plugins"]["loaded"].get<int>(), 1) << "the notebooks plugin is built in";
  EXPECT_EQ(r.headers["content-type"], "application/json");
}

TEST_F(KernelHttp, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  auto r = s().get("/api/does-not-exist");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json(), Json({{"detail", "Not Found"}}));
  r = s().request("DELETE", "/api/health");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "GET");
  r = s().request("PUT", "/api/plugins/toggle", "{}");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "POST");
}

TEST_F(KernelHttp, EveryResponseCarriesARequestIdAndASaneIncomingOneIsKept) {
  auto r = s().get("/api/health");
  EXPECT_EQ(r.headers["x-request-id"].size(), 36u);
  r = s().get("/api/nothing", {{"X-Request-Id", "trace-abc_123"}});
  EXPECT_EQ(r.headers["x-request-id"], "trace-abc_123");
  r = s().get("/api/health", {{"X-Request-Id", "bad id with spaces"}});
  EXPECT_NE(r.headers["x-request-id"], "bad id with spaces");
}

TEST_F(KernelHttp, OversizedBodyIs413BeforeItIsRead) {
  // Announce 11 MiB and send none of it: the answer must come from the header alone.
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(s().port()));
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest req("POST", "/api/cache/invalidate", Poco::Net::HTTPMessage::HTTP_1_1);
  req.setContentType("application/json");
  req.setContentLength(11 << 20);
  session.sendRequest(req);
  Poco::Net::HTTPResponse resp;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
  EXPECT_EQ(resp.getStatus(), 413);
  EXPECT_NE(Json::parse(body)["detail"].get<std::string>().find("10485760"), std::string::npos);
  EXPECT_FALSE(resp.getKeepAlive());
  EXPECT_EQ(s().get("/api/health").status, 200) << "the server keeps serving";
}

TEST_F(KernelHttp, MalformedJsonAndWrongTypesAre422InFastApiShape) {
  auto r = s().request("POST", "/api/cache/invalidate", "{\"catalog\": ");
  ASSERT_EQ(r.status, 422);
  auto d = r.json()["detail"];
  EXPECT_EQ(d[0]["type"], "json_invalid");
  EXPECT_EQ(d[0]["loc"][0], "body");

  r = s().post("/api/cache/invalidate", Json{{"catalog", 42}});
  ASSERT_EQ(r.status, 422);
  d = r.json()["detail"];
  EXPECT_EQ(d[0]["loc"], Json::array({"body", "catalog"}));
  EXPECT_EQ(d[0]["type"], "string_type");

  r = s().post("/api/cache/invalidate", Json::object());
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["detail"][0]["type"], "missing");

  r = s().request("POST", "/api/cache/invalidate", "[1,2]");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["detail"][0]["type"], "model_attributes_type");
}

TEST_F(KernelHttp, CacheRoutes) {
  auto r = s().get("/api/cache/stats");
  ASSERT_EQ(r.status, 200);
  auto j = r.json();
  for (const char* k : {"hits", "misses", "size", "ttl_seconds"}) EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_EQ(j["ttl_seconds"], 300.0);
  r = s().post("/api/cache/clear", Json::object());
  EXPECT_EQ(r.json(), Json({{"status", "cleared"}}));
  r = s().post("/api/cache/invalidate", Json{{"catalog", "prod"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json(),
            Json({{"status", "invalidated"}, {"catalog", "prod"}, {"entries_removed", 0}}));
}

TEST_F(KernelHttp, OpenApiDocumentsEveryRouteWithTagsModelsAndWebSockets) {
  auto r = s().get("/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = r.json();
  EXPECT_EQ(doc["openapi"], "3.0.3");
  std::set<std::string> tags;
  for (const auto& t : doc["tags"]) tags.insert(t["name"].get<std::string>());
  EXPECT_TRUE(tags.count("kernel"));
  EXPECT_TRUE(tags.count("notebooks"));
  for (auto& [path, ops] : doc["paths"].items()) {
    for (auto& [method, op] : ops.items()) {
      EXPECT_FALSE(op["summary"].get<std::string>().empty()) << method << " " << path;
    }
  }
  const auto& toggle = doc["paths"]["/api/plugins/toggle"]["post"];
  EXPECT_EQ(toggle["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/PluginToggleRequest");
  EXPECT_EQ(doc["components"]["schemas"]["PluginToggleRequest"]["required"], Json::array({"name"}));
  EXPECT_NE(std::find(doc["x-websocket-routes"].begin(), doc["x-websocket-routes"].end(),
                      Json("/api/clone/ws/{job_id}")),
            doc["x-websocket-routes"].end());
}

TEST_F(KernelHttp, DocsAndRedocAreServedLocally) {
  auto r = s().get("/docs");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("/docs/assets/swagger-ui-bundle.js"), std::string::npos);
  EXPECT_EQ(r.body.find("https://"), std::string::npos) << "no CDN";
  r = s().get("/redoc");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("/redoc/assets/redoc.standalone.js"), std::string::npos);
  EXPECT_EQ(s().get("/docs/assets/..%2F..%2Fetc%2Fpasswd").status, 404);
  EXPECT_EQ(s().get("/docs/assets/.hidden").status, 404);
}

TEST_F(KernelHttp, WebSocketRouteWithoutUpgradeIs400) {
  auto r = s().get("/api/clone/ws/abc");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.json()["detail"].get<std::string>().find("WebSocket"), std::string::npos);
}

TEST_F(KernelHttp, AccessLogHasJsonLinesWithRequestIdsAndNoSecrets) {
  const std::string token = "dapi0123456789abcdef0123456789abcdef";
  auto r = s().get("/api/auth/status?token=" + token,
                   {{"X-Databricks-Host", "https://adb-1.azuredatabricks.net"},
                    {"X-Databricks-Token", token},
                    {"X-Request-Id", "access-log-probe"}});
  EXPECT_EQ(r.body.find(token), std::string::npos) << "a token is never echoed";
  std::string log;
  for (int i = 0; i < 100; ++i) {
    std::ifstream in(s().dataDir() / "logs" / "access.log");
    std::stringstream ss;
    ss << in.rdbuf();
    log = ss.str();
    if (log.find("access-log-probe") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    s().get("/api/health");  // the log is flushed at most once a second, on a write
  }
  ASSERT_NE(log.find("access-log-probe"), std::string::npos) << log;
  EXPECT_EQ(log.find(token), std::string::npos) << "no secret in the access log";
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    auto j = Json::parse(line);
    EXPECT_TRUE(j.contains("status") && j.contains("duration_ms") && j.contains("request_id"));
  }
}

TEST_F(KernelHttp, CliListsAndTogglesPluginsAndJobs) {
  const std::string url = " --url " + s().baseUrl();
  auto r = runCli("plugins list" + url);
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("notebooks"), std::string::npos);
  r = runCli("plugins disable notebooks" + url);
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(s().get("/api/notebooks").json()["detail"], "plugin 'notebooks' is disabled");
  r = runCli("plugins enable notebooks" + url);
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(s().get("/api/notebooks").status, 200);
  r = runCli("plugins disable no-such-plugin" + url);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("404"), std::string::npos) << r.output;
  r = runCli("jobs list --json" + url);
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_TRUE(Json::parse(r.output).is_array());
  r = runCli("jobs show 00000000-0000-4000-8000-000000000000" + url);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("not found"), std::string::npos) << r.output;
}

TEST(KernelCli, HelpVersionAndUsageErrors) {
  auto r = runCli("version");
  EXPECT_EQ(r.exitCode, 0);
  EXPECT_EQ(r.output.rfind("clxs ", 0), 0u);
  EXPECT_EQ(runCli("serve --help").exitCode, 0);
  EXPECT_EQ(runCli("plugins --help").exitCode, 0);
  EXPECT_EQ(runCli("jobs --help").exitCode, 0);
  EXPECT_EQ(runCli("serve --bogus").exitCode, 2);
  EXPECT_EQ(runCli("frobnicate").exitCode, 2);
  r = runCli("plugins list --url http://127.0.0.1:1");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("cannot reach"), std::string::npos) << r.output;
}

TEST(KernelLifecycle, SigtermStopsCleanlyAndStateSurvives) {
  ServerProcess s;
  ASSERT_EQ(s.post("/api/plugins/toggle", Json{{"name", "notebooks"}, {"enabled", false}}).status,
            200);
  EXPECT_EQ(s.stop(), 0) << s.output();
  s.restart();
  EXPECT_EQ(s.get("/api/notebooks").json()["detail"], "plugin 'notebooks' is disabled");
  EXPECT_NE(s.output().find("shutting down"), std::string::npos);
}

}  // namespace
}  // namespace clxs::testing
