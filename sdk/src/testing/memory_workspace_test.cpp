#include "clxs/testing/memory_workspace.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace clxs::testing {
namespace {

TEST(MemoryWorkspace, ListsWhatItWasGiven) {
  MemoryWorkspace ws("ann");
  ws.addCatalog({"main", "the main one", "bob"});
  ws.addTable({.catalog = "main", .schema = "sales", .name = "orders", .tableType = "MANAGED"});
  ws.addTable({.catalog = "main", .schema = "sales", .name = "v", .tableType = "VIEW"});
  ws.addTable({.catalog = "other", .schema = "hr", .name = "people", .tableType = "MANAGED"});
  ws.addSchema({"main", "empty", "no tables", "bob"});
  const CallOptions o;
  const auto catalogs = ws.catalogs(o);
  ASSERT_EQ(catalogs.size(), 2U);
  EXPECT_EQ(catalogs[0].comment, "the main one");
  EXPECT_EQ(catalogs[1].name, "other");
  EXPECT_EQ(catalogs[1].owner, "ann");
  const auto schemas = ws.schemas("main", o);
  ASSERT_EQ(schemas.size(), 2U);
  EXPECT_EQ(schemas[0].name, "sales");
  EXPECT_EQ(schemas[1].comment, "no tables");
  EXPECT_EQ(ws.tables("main", "sales", o).size(), 2U);
  EXPECT_TRUE(ws.tables("main", "empty", o).empty());
  EXPECT_EQ(ws.currentUser(o), "ann");
  EXPECT_TRUE(ws.functions("main", "sales", o).empty());
  EXPECT_TRUE(ws.volumes("main", "sales", o).empty());
  EXPECT_TRUE(ws.grants("TABLE", "main.sales.orders", o).empty());
  EXPECT_TRUE(ws.tags("TABLE", "main.sales.orders", o).empty());
  EXPECT_TRUE(ws.history("main.sales.orders", std::nullopt, o).empty());
}

TEST(MemoryWorkspace, UnknownCatalogsAndSchemasAreNotFound) {
  MemoryWorkspace ws;
  ws.addSchema({"main", "sales", "", ""});
  try {
    ws.schemas("nope", {});
    ADD_FAILURE() << "expected NotFound";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::NotFound);
  }
  try {
    ws.tables("main", "nope", {});
    ADD_FAILURE() << "expected NotFound";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::NotFound);
  }
}

TEST(MemoryWorkspace, RecordsEveryCallAndAnswersStatementsWithTheHandler) {
  MemoryWorkspace ws;
  ws.addSchema({"main", "sales", "", ""});
  EXPECT_TRUE(ws.sql("SELECT 1", {}, {}).rows.empty());
  ws.onSql([](std::string_view statement) {
    if (statement == "FAIL") throw WorkspaceError(WorkspaceErrorClass::InvalidSql, "no");
    ResultSet r;
    r.columns = {{"n", "BIGINT"}};
    r.rows = {{Json(statement.size())}};
    return r;
  });
  EXPECT_EQ(ws.sql("SELECT 22", {}, {}).rows.at(0).at(0), 9);
  EXPECT_THROW(ws.sql("FAIL", {}, {}), WorkspaceError);
  ws.tables("main", "sales", {});
  ws.grants("SCHEMA", "main.sales", {});
  const auto calls = ws.calls();
  ASSERT_EQ(calls.size(), 5U);
  EXPECT_EQ(calls[3].call, "tables main sales");
  EXPECT_FALSE(calls[3].statement);
  EXPECT_EQ(calls[4].call, "grants SCHEMA main.sales");
  EXPECT_LE(calls[0].at, calls[4].at);
  EXPECT_EQ(ws.statements(), (std::vector<std::string>{"SELECT 1", "SELECT 22", "FAIL"}));
}

TEST(MemoryWorkspace, RecordsConcurrentCalls) {
  MemoryWorkspace ws;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&ws] {
        for (int i = 0; i < 100; ++i) ws.sql("SELECT 1", {}, {});
      });
    }
  }
  EXPECT_EQ(ws.statements().size(), 400U);
}

}  // namespace
}  // namespace clxs::testing
