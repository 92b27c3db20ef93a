#include "kernel/log/json_logger.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kernel/log/log_context.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::kernel {
namespace {

struct Captured {
  std::vector<Json> lines;
  JsonLogger::Sink sink() {
    return [this](std::string_view line) {
      ASSERT_EQ(line.back(), '\n');
      lines.push_back(Json::parse(line));
    };
  }
};

TEST(JsonLogger, WritesOneJsonObjectPerLineWithContextAndFields) {
  Captured out;
  JsonLogger logger(LogLevel::Info, out.sink());
  {
    LogScope request("req-1", "");
    LogScope job("", "job-9");
    logger.forPlugin("clone")->info("cloned", Json{{"tables", 3}});
  }
  logger.warn("after");
  ASSERT_EQ(out.lines.size(), 2U);
  const Json& first = out.lines[0];
  EXPECT_EQ(first["level"], "info");
  EXPECT_EQ(first["plugin"], "clone");
  EXPECT_EQ(first["request_id"], "req-1");
  EXPECT_EQ(first["job_id"], "job-9");
  EXPECT_EQ(first["msg"], "cloned");
  EXPECT_EQ(first["tables"], 3);
  EXPECT_TRUE(first["ts"].is_string());
  // The scope ended: no ids on the next line, and no plugin for the kernel's own lines.
  EXPECT_FALSE(out.lines[1].contains("request_id"));
  EXPECT_FALSE(out.lines[1].contains("plugin"));
  EXPECT_EQ(out.lines[1]["level"], "warning");
}

TEST(JsonLogger, LinesBelowTheLevelAreDropped) {
  Captured out;
  JsonLogger logger(LogLevel::Warning, out.sink());
  logger.debug("d");
  logger.info("i");
  logger.error("e");
  ASSERT_EQ(out.lines.size(), 1U);
  EXPECT_EQ(out.lines[0]["msg"], "e");
  EXPECT_FALSE(logger.enabled(LogLevel::Info));
}

TEST(JsonLogger, ParsesLevelNames) {
  EXPECT_EQ(JsonLogger::parseLevel("DEBUG"), LogLevel::Debug);
  EXPECT_EQ(JsonLogger::parseLevel("warn"), LogLevel::Warning);
  EXPECT_EQ(JsonLogger::parseLevel("Error"), LogLevel::Error);
  EXPECT_FALSE(JsonLogger::parseLevel("loud").has_value());
}

TEST(JsonLogger, ScrubsKnownAndSecretShapedValuesInMessagesAndFields) {
  Captured out;
  JsonLogger logger(LogLevel::Info, out.sink());
  logger.scrubber().remember("s3cr3t-client-value");
  logger.error("login failed with dapi0123456789abcdef0123456789abcdef",
               Json{{"header", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload"},
                    {"nested", {{"note", "client said s3cr3t-client-value"}}},
                    {"query", "a=1&password=hunter22&b=2"}});
  const std::string text = out.lines.at(0).dump();
  EXPECT_EQ(text.find("0123456789abcdef"), std::string::npos) << text;
  EXPECT_EQ(text.find("eyJhbGciOiJIUzI1NiJ9"), std::string::npos) << text;
  EXPECT_EQ(text.find("s3cr3t-client-value"), std::string::npos) << text;
  EXPECT_EQ(text.find("hunter22"), std::string::npos) << text;
  EXPECT_NE(text.find("a=1"), std::string::npos) << text;
  EXPECT_NE(text.find("login failed"), std::string::npos) << text;
}

TEST(JsonLogger, AccessLogHoldsOneJsonLinePerRequestWithSecretsMasked) {
  const clxs::testing::TempDir temp;
  const auto& dir = temp.path();
  {
    JsonLogger logger(LogLevel::Info, [](std::string_view) {});
    logger.scrubber().remember("known-secret-value-123");
    logger.openAccessLog(dir / "logs" / "access.log");
    AccessRecord r;
    r.requestId = "req-42";
    r.method = "GET";
    r.path = "/api/x/known-secret-value-123/\"quoted\"/caf\xc3\xa9/\xff";
    r.status = 404;
    r.durationMs = 1.23456;
    r.bytes = 57;
    r.remote = "127.0.0.1";
    r.owner = "kernel";
    logger.access(r);
    r.requestId = "req-43";
    r.path = "/api/y";
    logger.access(r);
  }  // destruction flushes
  std::ifstream in(dir / "logs" / "access.log");
  std::vector<Json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
  ASSERT_EQ(lines.size(), 2U);
  const Json& first = lines[0];
  EXPECT_EQ(first["logger"], "access");
  EXPECT_EQ(first["level"], "info");
  EXPECT_EQ(first["request_id"], "req-42");
  EXPECT_EQ(first["method"], "GET");
  EXPECT_EQ(first["path"], "/api/x/****/\"quoted\"/caf\xc3\xa9/\xef\xbf\xbd");
  EXPECT_EQ(first["status"], 404);
  EXPECT_DOUBLE_EQ(first["duration_ms"].get<double>(), 1.235);
  EXPECT_EQ(first["bytes"], 57);
  EXPECT_EQ(first["remote"], "127.0.0.1");
  EXPECT_EQ(first["owner"], "kernel");
  // isoUtc's shape: 2026-12-07T01:12:12.345Z
  const std::string ts = first["ts"];
  ASSERT_EQ(ts.size(), 24U) << ts;
  EXPECT_EQ(ts[10], 'T');
  EXPECT_EQ(ts[19], '.');
  EXPECT_EQ(ts.back(), 'Z');
  EXPECT_EQ(lines[1]["request_id"], "req-43");
}

}  // namespace
}  // namespace clxs::kernel
