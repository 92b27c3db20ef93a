// Secrets never leave memory: with the server acting on a Databricks workspace (the
// emulator) through a token from the environment, a login, a session and per-request
// headers, neither the logs, the state database nor any response holds the token.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/emulated_workspace.hpp"
#include "tests/support/job_wait.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

std::string fileBytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Files under `dir` whose bytes contain `secret`.
std::vector<std::string> filesHolding(const std::filesystem::path& dir, const std::string& secret) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && fileBytes(e.path()).find(secret) != std::string::npos) {
      out.push_back(e.path().string());
    }
  }
  return out;
}

TEST(Secrets, NoLogStateOrResponseHoldsTheToken) {
  const auto dataDir = makeTempDir("clxs-secrets-");
  seedSql(dataDir, R"SQL(
CREATE CATALOG src;
CREATE SCHEMA src.s;
CREATE TABLE src.s.t (id INT);
INSERT INTO src.s.t VALUES (1), (2);
)SQL");
  const std::string wrongToken = "dapiwrongwrongwrongwrongwrong0123";
  std::string token;
  std::vector<std::string> responses;
  {
    EmulatedWorkspace emulator(dataDir);
    token = emulator.token();
    ServerOptions options;
    options.dataDir = dataDir;
    options.env = emulator.serverEnv();
    ServerProcess server(options);
    auto keep = [&](const HttpResult& r) {
      responses.push_back(r.body);
      for (const auto& [k, v] : r.headers) responses.push_back(k + ": " + v);
      return r;
    };

    EXPECT_EQ(keep(server.get("/api/auth/status")).status, 200);
    EXPECT_EQ(keep(server.get("/api/auth/env-vars")).status, 200);
    keep(server.get("/api/config"));
    EXPECT_EQ(keep(server.get("/api/catalogs")).status, 200);
    const auto job =
        waitJob(server, submitJob(server, "/api/clone",
                                  {{"source_catalog", "src"}, {"destination_catalog", "dst"}}));
    responses.push_back(job.dump());
    ASSERT_EQ(job["status"], "completed") << job.dump(2);
    keep(server.get("/api/clone/jobs"));
    keep(server.get("/api/audit"));
    keep(server.get("/api/rollback/logs"));

    // A login with the token opens a session; the session and the header route work.
    const auto login =
        keep(server.post("/api/auth/login", {{"host", emulator.host()}, {"token", token}}));
    ASSERT_EQ(login.status, 200) << login.body;
    const auto session = login.json()["session_id"].get<std::string>();
    EXPECT_EQ(keep(server.get("/api/auth/status", {{"X-Clone-Session", session}})).status, 200);
    EXPECT_EQ(keep(server.get("/api/catalogs", {{"X-Databricks-Host", emulator.host()},
                                                {"X-Databricks-Token", token}}))
                  .status,
              200);
    EXPECT_EQ(keep(server.post("/api/target/whoami", {{"host", emulator.host()}, {"token", token}}))
                  .status,
              200);

    // A rejected token is reported without being echoed.
    const auto bad =
        keep(server.post("/api/auth/login", {{"host", emulator.host()}, {"token", wrongToken}}));
    EXPECT_EQ(bad.status, 401) << bad.body;
    EXPECT_EQ(keep(server.get("/api/catalogs", {{"X-Databricks-Host", emulator.host()},
                                                {"X-Databricks-Token", wrongToken}}))
                  .status,
              401);
    EXPECT_EQ(server.stop(), 0);
  }

  for (const auto& body : responses) {
    EXPECT_EQ(body.find(token), std::string::npos) << body;
    EXPECT_EQ(body.find(wrongToken), std::string::npos) << body;
  }
  EXPECT_TRUE(filesHolding(dataDir, token).empty())
      << "files holding the token: " << ::testing::PrintToString(filesHolding(dataDir, token));
  EXPECT_TRUE(filesHolding(dataDir, wrongToken).empty())
      << ::testing::PrintToString(filesHolding(dataDir, wrongToken));
  std::error_code ec;
  std::filesystem::remove_all(dataDir, ec);
}

}  // namespace
}  // namespace clxs::testing
