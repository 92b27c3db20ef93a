#include "plugins/clone/table_versions.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs::clone {
namespace {

HistoryEntry commit(std::int64_t version, const std::string& operation, Json params = {}) {
  HistoryEntry h;
  h.version = version;
  h.operation = operation;
  h.timestamp = "2026-11-27T00:00:0" + std::to_string(version % 10) + "Z";
  if (params.is_object()) h.operationParameters = std::move(params);
  return h;
}

TableInfo table(const std::string& catalog, const std::string& name,
                const std::string& type = "MANAGED", const std::string& format = "DELTA") {
  TableInfo t;
  t.catalog = catalog;
  t.schema = "s";
  t.name = name;
  t.tableType = type;
  t.format = format;
  return t;
}

// The fixture's histories, newest first, by dotted name.
std::map<std::string, std::vector<HistoryEntry>> histories() {
  return {
      // orders: synced at 3, two commits since.
      {"src.s.orders", {commit(5, "WRITE"), commit(4, "MERGE"), commit(3, "WRITE")}},
      {"dst.s.orders", {commit(1, "CLONE")}},
      // customers: no record, but the copy is a clone of its current version.
      {"src.s.customers", {commit(2, "WRITE")}},
      {"dst.s.customers",
       {commit(0, "CLONE", {{"source", "`src`.`s`.`customers`"}, {"sourceVersion", "2"}})}},
      // regions: no record; the copy was written after its clone.
      {"src.s.regions", {commit(1, "WRITE")}},
      {"dst.s.regions", {commit(1, "WRITE"), commit(0, "CLONE")}},
      // people: unchanged at the source, written to at the destination.
      {"src.s.people", {commit(7, "WRITE")}},
      {"dst.s.people", {commit(3, "DELETE")}},
      // items: no record; the copy is a clone of an older version.
      {"src.s.items", {commit(3, "UPDATE"), commit(2, "WRITE")}},
      {"dst.s.items", {commit(0, "CLONE", {{"source", "src.s.items"}, {"sourceVersion", 2}})}},
      // fresh: not in the destination.
      {"src.s.fresh", {commit(0, "CREATE TABLE")}},
  };
}

// Parameter: whether the listings carry each table's newest commit (as the local workspace's
// do), which spares the history calls of tables that did not change.
class TableVersionsTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    const auto all = histories();
    auto add = [&](TableInfo t) {
      const auto it = all.find(t.catalog + "." + t.schema + "." + t.name);
      if (GetParam() && it != all.end()) t.latestCommit = it->second.front();
      ws_->addTable(std::move(t));
    };
    for (const char* name : {"orders", "customers", "regions", "people", "fresh", "items"})
      add(table("src", name));
    add(table("src", "v", "VIEW", ""));
    add(table("src", "raw", "EXTERNAL", "PARQUET"));
    for (const char* name : {"orders", "customers", "regions", "people", "items"})
      add(table("dst", name));
    for (const auto& [name, entries] : all) {
      const auto first = name.find('.');
      const auto second = name.find('.', first + 1);
      ws_->setHistory({name.substr(0, first), name.substr(first + 1, second - first - 1),
                       name.substr(second + 1)},
                      entries);
    }
  }

  // The history calls made so far.
  std::vector<std::string> historyCalls() const {
    std::vector<std::string> out;
    for (const auto& c : ws_->calls()) {
      if (c.call.rfind("history ", 0) == 0) out.push_back(c.call);
    }
    return out;
  }

  std::shared_ptr<testing::MemoryWorkspace> ws_ = std::make_shared<testing::MemoryWorkspace>("me");
  CancellationToken token_;
  StatementRunner runner_{ws_, RunnerSettings{}, token_, {}};
};

TEST_P(TableVersionsTest, VersionsOfDeltaTablesOnly) {
  std::vector<LeftOut> leftOut;
  const auto tables = versionedTables(runner_, "src", {"s"}, 1, 2, leftOut);
  ASSERT_EQ(tables.size(), 6u);
  EXPECT_EQ(tables[0].name, "orders");
  EXPECT_EQ(tables[0].version, 5);
  EXPECT_EQ(tables[0].history.size(), 1u);
  ASSERT_EQ(leftOut.size(), 1u);
  EXPECT_EQ(leftOut[0].name, "s.raw");
}

TEST_P(TableVersionsTest, EachReasonForASync) {
  std::map<std::string, SyncRecord> records{{"s.orders", {3, 1, "t", "job"}},
                                            {"s.people", {7, 2, "t", "job"}}};
  const auto report = detectChanges(runner_, "src", "dst", {"s"}, records, 2);
  std::map<std::string, TableChange> byName;
  for (const auto& c : report.changed) byName[c.table] = c;
  ASSERT_EQ(byName.size(), 5u);
  EXPECT_EQ(byName["items"].reason, "changed");
  EXPECT_EQ(byName["items"].lastSyncedVersion, 2);
  EXPECT_EQ(byName["items"].operations, (std::vector<std::string>{"UPDATE"}));
  EXPECT_EQ(byName["orders"].reason, "changed");
  EXPECT_EQ(byName["orders"].changesSinceSync, 2);
  EXPECT_EQ(byName["orders"].operations, (std::vector<std::string>{"MERGE", "WRITE"}));
  EXPECT_EQ(byName["orders"].lastSyncedVersion, 3);
  EXPECT_EQ(byName["orders"].currentVersion, 5);
  EXPECT_EQ(byName["regions"].reason, "never_synced");
  EXPECT_EQ(byName["people"].reason, "destination_changed");
  EXPECT_EQ(byName["fresh"].reason, "missing_in_destination");
  EXPECT_EQ(report.upToDate, (std::vector<std::string>{"s.customers"}));
  ASSERT_EQ(report.adopted.count("s.customers"), 1u);
  EXPECT_EQ(report.adopted.at("s.customers").sourceVersion, 2);
  EXPECT_EQ(report.adopted.at("s.customers").destinationVersion, 0);
  const auto json = changeReportJson(report);
  EXPECT_EQ(json["tables_needing_sync"], 5);
  EXPECT_EQ(json["up_to_date"], 1);
  EXPECT_EQ(json["left_out"].size(), 1u);
}

TEST_P(TableVersionsTest, NewestCommitsFromTheListingsSpareTheHistoryOfUnchangedTables) {
  std::map<std::string, SyncRecord> records{{"s.orders", {3, 1, "t", "job"}},
                                            {"s.people", {7, 2, "t", "job"}}};
  const auto report = detectChanges(runner_, "src", "dst", {"s"}, records, 2);
  EXPECT_EQ(report.changed.size(), 5u);
  // Both listings are kept for the clone run that follows.
  ASSERT_TRUE(report.listings);
  EXPECT_EQ(report.listings->sourceTables.at("s").size(), 8u);
  EXPECT_EQ(report.listings->destinationTables.at("s").size(), 5u);
  auto calls = historyCalls();
  std::sort(calls.begin(), calls.end());
  if (!GetParam()) {
    // Every source table's newest version and every copy's newest commit, then the deeper
    // history of the two changed tables.
    EXPECT_EQ(calls.size(), 6u + 5u + 2u);
    return;
  }
  // Only the changed tables' history is read, to count and name their commits.
  EXPECT_EQ(calls, (std::vector<std::string>{"history src.s.items", "history src.s.orders"}));
}

TEST_P(TableVersionsTest, AMissingDestinationMeansEveryTableIsMissing) {
  const auto report = detectChanges(runner_, "src", "nowhere", {"s"}, {}, 1);
  ASSERT_EQ(report.changed.size(), 6u);
  for (const auto& c : report.changed) EXPECT_EQ(c.reason, "missing_in_destination");
}

INSTANTIATE_TEST_SUITE_P(Listings, TableVersionsTest, ::testing::Bool(), [](const auto& info) {
  return info.param ? "NewestCommitListed" : "HistoryRead";
});

}  // namespace
}  // namespace clxs::clone
