#include <gtest/gtest.h>

#include "clxs/testing/memory_workspace.hpp"
#include "clxs/workspace.hpp"

namespace clxs {
namespace {

ResultSet grantRows(const std::vector<std::vector<std::string>>& rows) {
  ResultSet r;
  r.columns = {{"Principal", "STRING"},
               {"ActionType", "STRING"},
               {"ObjectType", "STRING"},
               {"ObjectKey", "STRING"}};
  for (const auto& row : rows) r.rows.push_back({row[0], row[1], row[2], row[3]});
  return r;
}

class WorkspaceDefaults : public ::testing::Test {
 protected:
  void SetUp() override {
    ws.addTable(testing::makeTable("main", "sales", "Orders"));
    ws.addTable(testing::makeTable("main", "sales", "v_orders", "VIEW"));
    ws.addTable(testing::makeTable("main", "hr", "people", "EXTERNAL"));
    ws.onSql("SHOW GRANTS ON CATALOG `main`",
             grantRows({{"bob", "USE CATALOG", "CATALOG", "main"},
                        {"analysts", "USE CATALOG", "CATALOG", "main"}}));
    ws.onSql("SHOW GRANTS ON SCHEMA `main`.`sales`",
             grantRows({{"analysts", "USE SCHEMA", "SCHEMA", "main.sales"}}));
    ws.onSql("SHOW GRANTS ON TABLE `main`.`sales`.`Orders`",
             grantRows({{"analysts", "SELECT", "TABLE", "main.sales.Orders"},
                        {"analysts", "MODIFY", "TABLE", "main.sales.Orders"},
                        {"bob", "SELECT", "TABLE", "main.sales.Orders"}}));
  }

  testing::MemoryWorkspace ws{"me"};
};

TEST_F(WorkspaceDefaults, TableFindsOneTableIgnoringCaseAndNamesWhatIsMissing) {
  EXPECT_EQ(ws.table({"main", "sales", "orders"}, {}).name, "Orders");
  EXPECT_EQ(ws.table(ObjectName::parse("`main`.`sales`.`v_orders`"), {}).tableType, "VIEW");
  try {
    ws.table({"main", "sales", "gone"}, {});
    FAIL();
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::NotFound);
    EXPECT_STREQ(e.what(), "Table 'main.sales.gone' does not exist.");
  }
}

TEST_F(WorkspaceDefaults, TableSummariesListEverySchemaWithTypes) {
  const auto all = ws.tableSummaries("main", {});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].schema, "sales");
  EXPECT_EQ(all[0].name, "Orders");
  EXPECT_EQ(all[0].tableType, "MANAGED");
  EXPECT_EQ(all[1].tableType, "VIEW");
  EXPECT_EQ(all[2].schema, "hr");
  EXPECT_EQ(all[2].tableType, "EXTERNAL");
  EXPECT_THROW(ws.tableSummaries("nope", {}), WorkspaceError);
}

TEST_F(WorkspaceDefaults, GrantsAreSortedAndBadTargetsRefused) {
  const auto g = ws.grants("table", "main.sales.Orders", {});
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0].principal, "analysts");
  EXPECT_EQ(g[0].privilege, "MODIFY");
  EXPECT_EQ(g[1].privilege, "SELECT");
  EXPECT_EQ(g[2].principal, "bob");
  for (const auto& [type, name] :
       {std::pair{"metastore", "main"}, {"TABLE", "main.sales"}, {"CATALOG", "main.sales"}}) {
    try {
      ws.grants(type, name, {});
      ADD_FAILURE() << type << " " << name;
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 422);
    }
  }
}

TEST_F(WorkspaceDefaults, EffectiveGrantsAddWhatTheCatalogAndSchemaPassDown) {
  const auto analysts = ws.effectiveGrants("TABLE", "main.sales.Orders", "analysts", {});
  ASSERT_EQ(analysts.size(), 4u);
  EXPECT_EQ(analysts[0].privilege, "USE CATALOG");
  EXPECT_EQ(analysts[0].objectName, "main");
  EXPECT_EQ(analysts[1].privilege, "USE SCHEMA");
  EXPECT_EQ(analysts[1].objectType, "SCHEMA");
  EXPECT_EQ(analysts[2].privilege, "MODIFY");
  EXPECT_EQ(analysts[3].privilege, "SELECT");
  EXPECT_EQ(analysts[3].objectName, "main.sales.Orders");

  const auto everyone = ws.effectiveGrants("TABLE", "main.sales.Orders", "", {});
  ASSERT_EQ(everyone.size(), 6u);
  EXPECT_EQ(everyone[4].principal, "bob");
  EXPECT_EQ(everyone[4].objectType, "CATALOG");
  EXPECT_EQ(everyone[5].objectType, "TABLE");

  // A catalog inherits nothing here: its own grants only.
  EXPECT_EQ(ws.effectiveGrants("catalog", "main", "bob", {}).size(), 1u);
  EXPECT_THROW(ws.effectiveGrants("TABLE", "main", "bob", {}), HttpError);
}

TEST(WorkspaceDefaultsQuoted, EffectiveGrantsKeepDotsInsideQuotedNames) {
  testing::MemoryWorkspace ws{"me"};
  ws.addTable(testing::makeTable("a.b", "s", "t"));
  ws.onSql("SHOW GRANTS ON CATALOG `a.b`", grantRows({{"bob", "USE CATALOG", "CATALOG", "a.b"}}));
  ws.onSql("SHOW GRANTS ON SCHEMA `a.b`.`s`", grantRows({}));
  const auto g = ws.effectiveGrants("SCHEMA", "`a.b`.s", "bob", {});
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].objectName, "a.b");
}

TEST(GrantTarget, SplitsQuotedNamesAndUpperCasesTheType) {
  const auto t = grantTarget("volume", "`my cat`.`s.x`.v");
  EXPECT_EQ(t.type, "VOLUME");
  EXPECT_EQ(t.parts, (std::vector<std::string>{"my cat", "s.x", "v"}));
}

}  // namespace
}  // namespace clxs
