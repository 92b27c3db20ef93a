// `clxs sql`: the real binary on a temporary data directory, as a user runs it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "clxs/json.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

struct Run {
  int exitCode = -1;
  std::string out;  // stdout and stderr together
};

std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

Run clxsSql(const std::filesystem::path& dataDir, const std::vector<std::string>& args) {
  std::string cmd = shellQuote(clxs::testing::ServerProcess::binary().string()) +
                    " sql --data-dir " + shellQuote(dataDir.string());
  for (const auto& a : args) cmd += " " + shellQuote(a);
  cmd += " 2>&1";
  Run r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  while (auto n = std::fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(SqlCli, RunsStatementsAgainstTheLocalRootAndPrintsJsonOrTables) {
  clxs::testing::TempDir dir;
  auto r = clxsSql(dir.path(), {"CREATE TABLE main.default.t (id INT, name STRING)"});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  r = clxsSql(dir.path(), {"INSERT INTO main.default.t VALUES (1, 'a'), (2, NULL)"});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  // A second process sees what the first committed.
  r = clxsSql(dir.path(), {"--json", "SELECT id, name FROM main.default.t ORDER BY id"});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto rows = clxs::Json::parse(r.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["id"], 1);
  EXPECT_EQ(rows[0]["name"], "a");
  EXPECT_TRUE(rows[1]["name"].is_null());
  r = clxsSql(dir.path(), {"SELECT count(*) AS n FROM t"});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_NE(r.out.find("| n |"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| 2 |"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "local" / "warehouse" / "main" / "default" /
                                      "t" / "_delta_log" / "00000000000000000000.json"));
}

TEST(SqlCli, RunsAScriptInOneSessionAndStopsAtTheFirstFailure) {
  clxs::testing::TempDir dir;
  const auto script = dir.path() / "s.sql";
  std::ofstream(script) << "CREATE SCHEMA s1;\nUSE SCHEMA s1;\n-- a comment; with a semicolon\n"
                           "CREATE TABLE x AS SELECT 42 AS answer;\nSELECT * FROM nope;\n"
                           "CREATE TABLE never (a INT);\n";
  auto r = clxsSql(dir.path(), {"-f", script.string()});
  EXPECT_EQ(r.exitCode, 1) << r.out;
  EXPECT_NE(r.out.find("[TABLE_OR_VIEW_NOT_FOUND]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("`main`.`s1`.`nope`"), std::string::npos) << r.out;
  r = clxsSql(dir.path(), {"--json", "SELECT answer FROM main.s1.x"});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_EQ(clxs::Json::parse(r.out)[0]["answer"], 42);
  r = clxsSql(dir.path(), {"SHOW TABLES IN main.s1"});
  EXPECT_EQ(r.out.find("never"), std::string::npos) << "statements after a failure do not run";
}

TEST(SqlCli, BadInvocationsAndStatementsExitNonZeroWithTheErrorClass) {
  clxs::testing::TempDir dir;
  auto r = clxsSql(dir.path(), {"SELEKT 1"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.out.find("[PARSE_SYNTAX_ERROR]"), std::string::npos) << r.out;
  r = clxsSql(dir.path(), {});
  EXPECT_EQ(r.exitCode, 2) << r.out;
  r = clxsSql(dir.path(), {"-f", (dir.path() / "missing.sql").string()});
  EXPECT_EQ(r.exitCode, 2) << r.out;
  EXPECT_NE(r.out.find("cannot read"), std::string::npos) << r.out;
}

}  // namespace
