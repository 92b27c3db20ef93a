#include "kernel/workspace/local/delta/delta_table.hpp"

#include <gtest/gtest.h>

#include "clxs/workspace.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::kernel {
namespace {

class DeltaTableTest : public ::testing::Test {
 protected:
  clxs::testing::TempDir dir;
  DuckDbEngine engine;
  Json one(const std::string& sql) { return engine.connect()->query(sql).objects()[0]; }
};

TEST_F(DeltaTableTest, AppendsAreVisibleAndEarlierVersionsStayReadable) {
  DeltaTable t(dir.path() / "sales" / "orders", engine);
  t.create({{"id", "long", false}, {"name", "string"}, {"amount", "decimal(10,2)"}},
           Json{{"delta.appendOnly", "false"}}, "orders");
  EXPECT_EQ(one("SELECT count(*) AS n FROM " + t.scan())["n"], 0) << "an empty table scans";
  EXPECT_EQ(t.append("SELECT range AS id, 'n' || range AS name, range * 1.5 AS amount "
                     "FROM range(10)"),
            1);
  EXPECT_EQ(t.append("SELECT 100 AS id, NULL AS name, 2.25 AS amount"), 2);
  EXPECT_EQ(t.append("SELECT 1 AS id, 'x' AS name, 1 AS amount WHERE false"), 2)
      << "no rows, no commit";
  EXPECT_EQ(one("SELECT count(*) AS n, sum(id) AS s FROM " + t.scan())["n"], 11);
  EXPECT_EQ(one("SELECT count(*) AS n FROM " + t.scan(1))["n"], 10);
  const auto types = engine.connect()->query("DESCRIBE SELECT * FROM " + t.scan() + " AS s");
  EXPECT_EQ(types.rows[2][1], "DECIMAL(10,2)");
}

TEST_F(DeltaTableTest, AddActionsCarryStatsThatOtherReadersUse) {
  DeltaTable t(dir.path() / "t", engine);
  t.create({{"id", "long"}, {"name", "string"}, {"day", "date"}});
  t.append(
      "SELECT range AS id, CASE WHEN range = 3 THEN NULL ELSE 'v' || range END AS name, "
      "DATE '2024-01-01' + range::INTEGER AS day FROM range(5)");
  const auto s = t.log().snapshot();
  ASSERT_EQ(s.files.size(), 1u);
  const auto& add = s.files.begin()->second;
  EXPECT_GT(add["size"].get<std::int64_t>(), 0);
  const auto stats = Json::parse(add["stats"].get<std::string>());
  EXPECT_EQ(stats["numRecords"], 5);
  EXPECT_EQ(stats["minValues"]["id"], 0);
  EXPECT_EQ(stats["maxValues"]["id"], 4);
  EXPECT_EQ(stats["nullCount"]["name"], 1);
  EXPECT_EQ(stats["minValues"]["day"], "2024-01-01");
  EXPECT_EQ(stats["maxValues"]["name"], "v4");
  EXPECT_EQ(s.commitInfos[1]["operation"], "WRITE");
  EXPECT_EQ(s.commitInfos[1]["operationMetrics"]["numOutputRows"], "5");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "t" / add["path"].get<std::string>()))
      << "the data file exists before (and after) the commit that adds it";
}

TEST_F(DeltaTableTest, CreatingTwiceConflictsAndUnknownTypesAreRefused) {
  DeltaTable t(dir.path() / "t", engine);
  t.create({{"id", "long"}});
  try {
    t.create({{"id", "long"}});
    FAIL();
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Conflict);
  }
  DeltaTable u(dir.path() / "u", engine);
  EXPECT_THROW(u.create({{"x", "uuid"}}), WorkspaceError);
  EXPECT_FALSE(u.log().latestVersion()) << "nothing written for a refused schema";
}

TEST(DeltaTableHelpers, QuoteForDuckDb) {
  EXPECT_EQ(duckdbLiteral("it's"), "'it''s'");
  EXPECT_EQ(duckdbIdentifier("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(duckdbTypeFor("decimal(10,2)"), "DECIMAL(10,2)");
  EXPECT_EQ(duckdbTypeFor("timestamp"), "TIMESTAMPTZ");
}

}  // namespace
}  // namespace clxs::kernel
