// A whole clone run over a workspace that fails: transient failures are retried until every
// table is cloned (each CLONE reaching the workspace once), permanent ones fail only their
// table, and without retries every failure is counted.
#include "plugins/clone/clone_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "clxs/sql.hpp"
#include "clxs/testing/fault_injector.hpp"
#include "clxs/testing/memory_workspace.hpp"

namespace clxs::clone {
namespace {

using namespace std::chrono_literals;
using clxs::testing::FaultInjector;
using clxs::testing::FaultSettings;
using clxs::testing::MemoryWorkspace;

// Schema → number of tables in the source catalog `src`.
const std::map<std::string, int> kSchemas{{"sales", 30}, {"hr", 10}};
constexpr int kTables = 40;
constexpr std::int64_t kBytesPerTable = 100;

std::string tableName(int i) {
  return "t_" + std::to_string(i);
}

std::shared_ptr<MemoryWorkspace> sourceWorkspace() {
  auto ws = std::make_shared<MemoryWorkspace>("cloner");
  ws->addCatalog({"src", "", "cloner"});
  for (const auto& [schema, count] : kSchemas) {
    for (int i = 0; i < count; ++i) {
      ws->addTable({.catalog = "src",
                    .schema = schema,
                    .name = tableName(i),
                    .tableType = "MANAGED",
                    .format = "DELTA",
                    .owner = "cloner"});
    }
  }
  ws->onSql([](std::string_view statement) {
    ResultSet r;
    if (statement.find(" DEEP CLONE ") != std::string_view::npos) {
      r.columns = {{"copied_files_size", "BIGINT"}};
      r.rows = {{Json(kBytesPerTable)}};
    }
    return r;
  });
  return ws;
}

std::string cloneSql(const std::string& schema, const std::string& table) {
  return "CREATE OR REPLACE TABLE " + quoteQualified({"dst", schema, table}) + " DEEP CLONE " +
         quoteQualified({"src", schema, table});
}

bool isClone(std::string_view call) {
  return call.find(" DEEP CLONE ") != std::string_view::npos;
}

struct Outcome {
  Json result;
  Json runnerCounters;
  std::vector<std::string> inner;  // statements that reached the in-memory workspace
  clxs::testing::FaultCounters faults;
};

// Runs a clone of `src` into `dst` with `body` over the faults of `faults`, with retries as
// the clone service sets them up but with millisecond backoff.
Outcome run(Json body, const FaultSettings& faults, int maxRetries) {
  auto memory = sourceWorkspace();
  const auto injector = FaultInjector::install(*memory, faults);
  const auto& faulty = memory;
  body["source_catalog"] = "src";
  body["destination_catalog"] = "dst";
  auto options = parseCloneOptions(body);
  options.maxRetries = maxRetries;
  RunnerSettings settings = runnerSettings(options);
  settings.backoffBase = 1ms;
  settings.backoffCap = 4ms;
  CancellationToken token;
  StatementRunner runner(faulty, settings, token, {});
  const RunIdentity identity;
  const ProgressFn progress;
  Outcome out;
  out.result = runClone(options, runner, nullptr, identity, progress);
  out.runnerCounters = runner.counters();
  out.inner = memory->statements();
  out.faults = injector->counters();
  return out;
}

std::int64_t count(const Json& result, const char* kind, const char* status) {
  return result.at(kind).at(status).get<std::int64_t>();
}

// How many times each table's CLONE reached the workspace, by "schema.table".
std::map<std::string, int> clonesReceived(const std::vector<std::string>& statements) {
  std::map<std::string, int> out;
  for (const auto& [schema, n] : kSchemas) {
    for (int i = 0; i < n; ++i) {
      const auto sql = cloneSql(schema, tableName(i));
      out[schema + "." + tableName(i)] =
          static_cast<int>(std::count(statements.begin(), statements.end(), sql));
    }
  }
  return out;
}

std::set<std::string> objectsWith(const Json& result, const std::string& status) {
  std::set<std::string> out;
  for (const auto& o : result["objects"]) {
    if (o["type"] == "table" && o["status"] == status) out.insert(o["name"].get<std::string>());
  }
  return out;
}

TEST(CloneRun, EveryTableIsClonedOnceThroughTwentyPercentTransientFailures) {
  const auto out =
      run({{"max_workers", 2}, {"parallel_tables", 4}}, {.transientRate = 0.2, .seed = 2024}, 30);
  const auto& r = out.result;
  EXPECT_EQ(count(r, "tables", "success"), kTables) << r["errors"].dump();
  EXPECT_EQ(count(r, "tables", "failed"), 0);
  EXPECT_EQ(count(r, "schemas", "success"), 2);
  EXPECT_TRUE(r["errors"].empty()) << r["errors"].dump();
  for (const auto& o : r["objects"]) EXPECT_FALSE(o.contains("warnings")) << o.dump();
  EXPECT_EQ(r["bytes_copied"], kTables * kBytesPerTable);
  // Every injected failure was retried, and none was left over.
  EXPECT_GT(r["calls"]["retries"].get<std::int64_t>(), 0);
  EXPECT_EQ(r["calls"]["retries"], out.faults.injectedTransient);
  EXPECT_EQ(r["calls"]["failures"], 0);
  EXPECT_EQ(r["calls"]["calls"], out.faults.calls);
  for (const auto& [table, n] : clonesReceived(out.inner)) EXPECT_EQ(n, 1) << table;
  EXPECT_EQ(std::count_if(out.inner.begin(), out.inner.end(), isClone), kTables);
  EXPECT_EQ(std::count(out.inner.begin(), out.inner.end(), "CREATE CATALOG IF NOT EXISTS `dst`"),
            1);
  EXPECT_EQ(
      std::count(out.inner.begin(), out.inner.end(), "CREATE SCHEMA IF NOT EXISTS `dst`.`hr`"), 1);
}

TEST(CloneRun, PermanentFailuresFailOnlyTheirTables) {
  const auto broken = std::set<std::string>{cloneSql("sales", "t_3"), cloneSql("hr", "t_5")};
  const auto out = run(
      {{"max_workers", 2}, {"parallel_tables", 4}},
      {.transientRate = 0.2,
       .permanentFailure = [&](std::string_view call) { return broken.count(std::string(call)); },
       .seed = 99},
      30);
  const auto& r = out.result;
  EXPECT_EQ(count(r, "tables", "failed"), 2);
  EXPECT_EQ(count(r, "tables", "success"), kTables - 2);
  EXPECT_EQ(count(r, "tables", "skipped"), 0);
  EXPECT_EQ(count(r, "schemas", "success"), 2);
  EXPECT_EQ(objectsWith(r, "failed"), (std::set<std::string>{"sales.t_3", "hr.t_5"}));
  ASSERT_EQ(r["errors"].size(), 2U);
  for (const auto& e : r["errors"]) {
    EXPECT_NE(e.get<std::string>().find("injected permanent failure"), std::string::npos) << e;
  }
  for (const auto& o : r["objects"]) {
    if (o["status"] == "failed") {
      EXPECT_TRUE(o["error"].is_string()) << o.dump();
    }
  }
  // A permanent failure is not retried.
  EXPECT_EQ(out.faults.injectedPermanent, 2);
  EXPECT_EQ(r["calls"]["failures"], 2);
  EXPECT_EQ(r["bytes_copied"], (kTables - 2) * kBytesPerTable);
  for (const auto& [table, n] : clonesReceived(out.inner)) {
    EXPECT_EQ(n, table == "sales.t_3" || table == "hr.t_5" ? 0 : 1) << table;
  }
}

TEST(CloneRun, WithoutRetriesTransientFailuresAreCountedNotHidden) {
  const auto out = run({{"max_workers", 2}, {"parallel_tables", 4}, {"enable_retry", false}},
                       {.transientRate = 0.2, .transientCalls = isClone, .seed = 7}, 30);
  const auto& r = out.result;
  const auto failed = count(r, "tables", "failed");
  EXPECT_GT(failed, 0);
  EXPECT_EQ(failed, out.faults.injectedTransient);
  EXPECT_EQ(count(r, "tables", "success") + failed, kTables);
  EXPECT_EQ(r["calls"]["retries"], 0);
  EXPECT_EQ(r["calls"]["failures"], failed);
  EXPECT_EQ(static_cast<std::int64_t>(r["errors"].size()), failed);
  for (const auto& e : r["errors"]) {
    EXPECT_NE(e.get<std::string>().find("[TEMPORARILY_UNAVAILABLE]"), std::string::npos) << e;
  }
  const auto received = clonesReceived(out.inner);
  for (const auto& name : objectsWith(r, "failed")) EXPECT_EQ(received.at(name), 0) << name;
  for (const auto& name : objectsWith(r, "success")) EXPECT_EQ(received.at(name), 1) << name;
}

TEST(CloneRun, WithoutRetriesAFailedDiscoveryEndsTheRun) {
  auto memory = sourceWorkspace();
  FaultInjector::install(*memory, FaultSettings{.transientRate = 1});
  const auto& faulty = memory;
  auto options = parseCloneOptions(
      {{"source_catalog", "src"}, {"destination_catalog", "dst"}, {"enable_retry", false}});
  const RunnerSettings settings = runnerSettings(options);
  CancellationToken token;
  StatementRunner runner(faulty, settings, token, {});
  try {
    runClone(options, runner, nullptr, {}, {});
    ADD_FAILURE() << "expected the listing of catalogs to fail the run";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Remote);
  }
  EXPECT_EQ(runner.counters()["failures"], 1);
  EXPECT_EQ(runner.counters()["retries"], 0);
  EXPECT_TRUE(memory->calls().empty());
}

}  // namespace
}  // namespace clxs::clone
