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
  ws.addFunction({.catalog = "main", .schema = "sales", .name = "f"});
  ws.addVolume({.catalog = "main", .schema = "sales", .name = "raw"});
  EXPECT_EQ(ws.functions("main", "sales", o).at(0).name, "f");
  EXPECT_EQ(ws.volumes("main", "sales", o).at(0).name, "raw");
  EXPECT_TRUE(ws.volumes("other", "hr", o).empty());
  EXPECT_THROW(ws.history({"main", "sales", "orders"}, std::nullopt, o), WorkspaceError);
  ws.setHistory({"main", "sales", "orders"}, {{.version = 2}, {.version = 1}});
  EXPECT_EQ(ws.history({"main", "sales", "orders"}, 1, o).size(), 1U);
}

TEST(MemoryWorkspace, KeepsVolumeFilesAndControlsWarehouses) {
  MemoryWorkspace ws;
  auto& files = ws.files();
  files.writeFile("/Volumes/main/s/v/a.csv", "1,2", false, {});
  files.writeFile("/Volumes/main/s/v/sub/b.csv", "3", false, {});
  EXPECT_EQ(files.readFile("/Volumes/main/s/v/a.csv", {}), "1,2");
  const auto entries = files.listDirectory("/Volumes/main/s/v", {});
  ASSERT_EQ(entries.size(), 2U);
  EXPECT_FALSE(entries[0].isDirectory);
  EXPECT_EQ(entries[0].size, 3);
  EXPECT_TRUE(entries[1].isDirectory);
  EXPECT_EQ(entries[1].path, "/Volumes/main/s/v/sub");
  EXPECT_THROW(files.writeFile("/Volumes/main/s/v/a.csv", "x", false, {}), WorkspaceError);
  EXPECT_THROW(files.readFile("/Volumes/main/s/v/none", {}), WorkspaceError);
  auto& warehouses = ws.get<WarehouseService>();
  EXPECT_EQ(warehouses.start("memory-wh", {}).state, "STARTING");
  EXPECT_EQ(warehouses.stop("memory-wh", {}).state, "STOPPING");
  EXPECT_THROW(warehouses.start("nope", {}), WorkspaceError);
  EXPECT_EQ(ws.startedWarehouses(), (std::vector<std::string>{"memory-wh", "nope"}));
}

TEST(MemoryWorkspace, FailsTheCallsItIsToldTo) {
  MemoryWorkspace ws;
  ws.addSchema({"main", "sales", "", ""});
  ws.fail("tables main sales", WorkspaceErrorClass::PermissionDenied, "no USE SCHEMA");
  try {
    ws.catalog().tables("main", "sales", {});
    ADD_FAILURE() << "expected PermissionDenied";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::PermissionDenied);
    EXPECT_STREQ(e.what(), "no USE SCHEMA");
  }
  EXPECT_EQ(ws.catalog().schemas("main", {}).size(), 1U);
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
  // With no answer for it, a statement fails, naming itself.
  try {
    ws.sql().execute("SELECT 1", {}, {});
    ADD_FAILURE() << "expected InvalidSql";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::InvalidSql);
    EXPECT_STREQ(e.what(), "the memory workspace has no answer for: SELECT 1");
  }
  ws.onSql("SELECT 1", ResultSet{{{"x", "INT"}}, {{Json(1)}}});
  EXPECT_EQ(ws.sql().execute("SELECT 1", {}, {}).rows.at(0).at(0), 1);
  ws.onSql([](std::string_view statement) {
    if (statement == "FAIL") throw WorkspaceError(WorkspaceErrorClass::InvalidSql, "no");
    ResultSet r;
    r.columns = {{"n", "BIGINT"}};
    r.rows = {{Json(statement.size())}};
    return r;
  });
  EXPECT_EQ(ws.sql().execute("SELECT 22", {}, {}).rows.at(0).at(0), 9);
  EXPECT_THROW(ws.sql().execute("FAIL", {}, {}), WorkspaceError);
  ws.catalog().tables("main", "sales", {});
  const auto calls = ws.calls();
  ASSERT_EQ(calls.size(), 5U);
  EXPECT_EQ(calls[4].call, "tables main sales");
  EXPECT_FALSE(calls[4].statement);
  EXPECT_LE(calls[0].at, calls[4].at);
  EXPECT_EQ(ws.statements(),
            (std::vector<std::string>{"SELECT 1", "SELECT 1", "SELECT 22", "FAIL"}));
}

TEST(MemoryWorkspace, RecordsConcurrentCalls) {
  MemoryWorkspace ws;
  ws.onSql([](std::string_view) { return ResultSet{}; });
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&ws] {
        for (int i = 0; i < 100; ++i) ws.sql().execute("SELECT 1", {}, {});
      });
    }
  }
  EXPECT_EQ(ws.statements().size(), 400U);
}

}  // namespace
}  // namespace clxs::testing
