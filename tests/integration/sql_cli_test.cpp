// `clxs sql`: the real binary on a temporary data directory, as a user runs it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using clxs::testing::CliResult;

// `clxs sql --data-dir DIR <args...>`: the CLI itself is under test, so the arguments are raw.
CliResult sqlCli(const std::filesystem::path& dataDir, std::vector<std::string> args) {
  args.insert(args.begin(), {"sql", "--data-dir", dataDir.string()});
  return clxs::testing::runCli(args);
}

TEST(SqlCli, RunsStatementsAgainstTheLocalRootAndPrintsJsonOrTables) {
  clxs::testing::TempDir dir;
  auto r = sqlCli(dir.path(), {"CREATE TABLE main.default.t (id INT, name STRING)"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  r = sqlCli(dir.path(), {"INSERT INTO main.default.t VALUES (1, 'a'), (2, NULL)"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  // A second process sees what the first committed.
  r = sqlCli(dir.path(), {"--json", "SELECT id, name FROM main.default.t ORDER BY id"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto rows = clxs::Json::parse(r.output);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["id"], 1);
  EXPECT_EQ(rows[0]["name"], "a");
  EXPECT_TRUE(rows[1]["name"].is_null());
  r = sqlCli(dir.path(), {"SELECT count(*) AS n FROM t"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("| n |"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("| 2 |"), std::string::npos) << r.output;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "local" / "warehouse" / "main" / "default" /
                                      "t" / "_delta_log" / "00000000000000000000.json"));
}

TEST(SqlCli, RunsAScriptInOneSessionAndStopsAtTheFirstFailure) {
  clxs::testing::TempDir dir;
  auto r =
      clxs::testing::sqlScript(dir.path(),
                               "CREATE SCHEMA s1;\nUSE SCHEMA s1;\n-- a comment; with a semicolon\n"
                               "CREATE TABLE x AS SELECT 42 AS answer;\nSELECT * FROM nope;\n"
                               "CREATE TABLE never (a INT);\n");
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("[TABLE_OR_VIEW_NOT_FOUND]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("`main`.`s1`.`nope`"), std::string::npos) << r.output;
  r = sqlCli(dir.path(), {"--json", "SELECT answer FROM main.s1.x"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(clxs::Json::parse(r.output)[0]["answer"], 42);
  r = sqlCli(dir.path(), {"SHOW TABLES IN main.s1"});
  EXPECT_EQ(r.output.find("never"), std::string::npos) << "statements after a failure do not run";
}

TEST(SqlCli, BadInvocationsAndStatementsExitNonZeroWithTheErrorClass) {
  clxs::testing::TempDir dir;
  auto r = sqlCli(dir.path(), {"SELEKT 1"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.output.find("[PARSE_SYNTAX_ERROR]"), std::string::npos) << r.output;
  r = sqlCli(dir.path(), {});
  EXPECT_EQ(r.exitCode, 2) << r.output;
  r = sqlCli(dir.path(), {"-f", (dir.path() / "missing.sql").string()});
  EXPECT_EQ(r.exitCode, 2) << r.output;
  EXPECT_NE(r.output.find("cannot read"), std::string::npos) << r.output;
}

}  // namespace
