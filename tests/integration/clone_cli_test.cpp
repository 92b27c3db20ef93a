// `clxs clone|validate|diff|rollback` against a running server, as a user types them.
#include <gtest/gtest.h>

#include "tests/support/cli_process.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

TEST(CloneCli, ClonesValidatesDiffsAndRollsBack) {
  ServerProcess s;
  const auto seeded = sqlScript(s.dataDir(), R"SQL(
CREATE CATALOG src;
CREATE SCHEMA src.s;
CREATE TABLE src.s.t AS SELECT range AS id FROM range(25);
CREATE VIEW src.s.v AS SELECT id FROM src.s.t WHERE id > 5;
)SQL");
  ASSERT_EQ(seeded.exitCode, 0) << seeded.output;
  const std::string url = s.baseUrl();

  auto r = runCli({"clone", "src", "dst", "--url", url});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("status: completed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("tables: 1 ok, 0 failed, 0 skipped"), std::string::npos) << r.output;
  // Not a terminal: plain log lines, no progress bar.
  EXPECT_NE(r.output.find("Cloned `src`.`s`.`t` -> `dst`.`s`.`t`"), std::string::npos);
  EXPECT_EQ(r.output.find("\r"), std::string::npos);

  r = runCli({"validate", "src", "dst", "--checksum", "--url", url});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("1 of 1 tables match"), std::string::npos) << r.output;
  r = runCli({"diff", "src", "dst", "--url", url});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("no differences"), std::string::npos) << r.output;

  sqlRows(s.dataDir(), "INSERT INTO dst.s.t VALUES (100)");
  r = runCli({"validate", "src", "dst", "--url", url});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("DIFF s.t  25 / 26 rows"), std::string::npos) << r.output;

  r = runCli({"rollback", "--url", url, "--json"});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto logs = Json::parse(r.output);
  ASSERT_EQ(logs.size(), 1u);
  r = runCli({"rollback", logs[0]["rollback_id"].get<std::string>(), "--url", url});
  EXPECT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find("status: completed"), std::string::npos) << r.output;
  r = runCli({"diff", "src", "dst", "--url", url});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("error 404"), std::string::npos) << r.output;
}

TEST(CloneCli, DryRunPrintsThePlanAndBadInputIsExplained) {
  ServerProcess s;
  ASSERT_EQ(sqlScript(s.dataDir(), "CREATE CATALOG src; CREATE SCHEMA src.s;").exitCode, 0);
  const std::string url = s.baseUrl();
  auto r = runCli({"clone", "src", "dst", "--dry-run", "--json", "--url", url});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto pos = r.output.find('{');
  ASSERT_NE(pos, std::string::npos) << r.output;
  const auto job = Json::parse(r.output.substr(pos));
  EXPECT_EQ(job["result"]["sql_statements"][0]["sql"], "CREATE CATALOG IF NOT EXISTS `dst`");

  r = runCli({"clone", "src", "--url", url});
  EXPECT_EQ(r.exitCode, 2) << r.output;
  EXPECT_NE(r.output.find("usage: clxs clone SRC DST"), std::string::npos);
  r = runCli({"clone", "src", "src", "--url", url});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("destination_catalog: destination_catalog must differ"),
            std::string::npos)
      << r.output;
  r = runCli({"clone", "src", "dst", "--include-tables", "(", "--url", url});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("include_tables_regex: invalid regular expression"), std::string::npos)
      << r.output;
  r = runCli({"clone", "src", "dst", "--url", "http://127.0.0.1:1"});
  EXPECT_EQ(r.exitCode, 1) << r.output;
  EXPECT_NE(r.output.find("cannot reach the clxs server"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace clxs::testing
