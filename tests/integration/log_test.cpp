// The server's one log: JSON lines with levels, request ids on the lines a request causes,
// the access log beside it, and no secret anywhere in either.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

constexpr const char* kSecret = "clxs-log-test-secret-7f3a9c2e41d0";

std::string readAll(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ServerLog, IsJsonLinesAndNeverHoldsASecret) {
  ServerOptions options;
  options.extraArgs = {"--log-level", "debug"};
  options.localOnly = true;
  ServerProcess s(options);
  const std::map<std::string, std::string> remote{{"X-Databricks-Host", "http://127.0.0.1:9"},
                                                  {"X-Databricks-Token", kSecret}};
  // Credentials that reach nothing: the calls fail and the failures are logged.
  EXPECT_EQ(s.get("/api/auth/status", remote).status, 200);
  EXPECT_GE(s.post("/api/clone", {{"source_catalog", "a"}, {"destination_catalog", "b"}}).status,
            200);
  EXPECT_GE(s.post("/api/auth/login", {{"host", "http://127.0.0.1:9"}, {"token", kSecret}}).status,
            400);
  // A secret in a query string stays out of the access log.
  EXPECT_EQ(s.get(std::string("/api/health?token=") + kSecret).status, 200);
  EXPECT_EQ(s.get("/api/health", {{"X-Request-Id", "log-test-probe"}}).status, 200);
  ASSERT_EQ(s.stop(), 0);

  const std::string stderrLog = s.output();
  EXPECT_EQ(stderrLog.find(kSecret), std::string::npos) << stderrLog;
  std::istringstream lines(stderrLog);
  std::string line;
  int parsed = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const Json j = Json::parse(line, nullptr, false);
    ASSERT_TRUE(j.is_object()) << "not a JSON log line: " << line;
    EXPECT_TRUE(j.contains("ts") && j.contains("level") && j.contains("msg")) << line;
    ++parsed;
  }
  EXPECT_GT(parsed, 0);

  std::string everyLogFile;
  for (const auto& e : std::filesystem::recursive_directory_iterator(s.dataDir() / "logs")) {
    if (e.is_regular_file()) everyLogFile += readAll(e.path());
  }
  EXPECT_NE(everyLogFile.find("log-test-probe"), std::string::npos) << everyLogFile;
  EXPECT_EQ(everyLogFile.find(kSecret), std::string::npos) << everyLogFile;
}

TEST(ServerLog, RefusesAnUnknownLevel) {
  ServerOptions options;
  options.env = {{"CLXS_LOG_LEVEL", "loud"}};
  EXPECT_THROW(ServerProcess{options}, std::exception);
}

}  // namespace
}  // namespace clxs::testing
