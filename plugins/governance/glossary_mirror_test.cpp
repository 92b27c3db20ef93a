#include "plugins/governance/glossary_mirror.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::governance {
namespace {

TEST(GlossaryMirrorTargets, RemembersEachCatalogOncePerWorkspace) {
  clxs::testing::SqliteTestStore sqlite;
  sqlite.migrate(GlossaryMirror::migrations());
  GlossaryMirror mirror(sqlite);
  mirror.remember("local", "clone_audit", "2026-12-08T01:00:00.000Z");
  mirror.remember("local", "clone_audit", "2026-12-08T02:00:00.000Z");
  mirror.remember("local", "it's audit", "2026-12-08T02:00:00.000Z");
  mirror.remember("https://x.cloud.databricks.com", "edp", "2026-12-08T02:00:00.000Z");
  EXPECT_EQ(mirror.catalogsFor("local"), (std::vector<std::string>{"clone_audit", "it's audit"}));
  EXPECT_TRUE(mirror.catalogsFor("elsewhere").empty());
}

TEST(GlossaryMirrorTargets, BindsEveryValueAndQuotesTheCatalog) {
  GlossaryTerm t;
  t.termId = "t1";
  t.name = "O'Brien";
  t.tags = {"a'b"};
  t.createdAt = t.updatedAt = "2026-12-08T01:00:00.000Z";
  const auto sql = termMergeSql("it's `audit`");
  EXPECT_NE(sql.find("MERGE INTO `it's ``audit```.`governance`.`business_glossary`"),
            std::string::npos);
  EXPECT_EQ(sql.find("O'Brien"), std::string::npos);
  const auto params = termMergeParams(t);
  ASSERT_EQ(params.size(), 11u);
  EXPECT_EQ(params[1].name, "name");
  EXPECT_EQ(params[1].value, "O'Brien");
  EXPECT_EQ(params[6].value, R"(["a'b"])");
  for (const auto& p : params) EXPECT_NE(sql.find(":" + p.name), std::string::npos) << p.name;
}

}  // namespace
}  // namespace clxs::governance
