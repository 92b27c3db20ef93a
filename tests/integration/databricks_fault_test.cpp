// Fault tolerance of the databricks workspace: a catalog clone through `clxs emulate` that
// answers a fifth of all requests with 503 or 429 (Retry-After) completes with every
// table, the retries are counted and logged, and no statement is applied twice.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/child_process.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/emulated_workspace.hpp"
#include "tests/support/job_wait.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

constexpr int kSchemas = 2;
constexpr int kTablesPerSchema = 5;

std::string seedScript() {
  std::string sql = "CREATE CATALOG src;\n";
  for (int s = 0; s < kSchemas; ++s) {
    const std::string schema = "src.s" + std::to_string(s);
    sql += "CREATE SCHEMA " + schema + ";\n";
    for (int t = 0; t < kTablesPerSchema; ++t) {
      const std::string table = schema + ".t" + std::to_string(t);
      sql += "CREATE TABLE " + table + " (id BIGINT, label STRING);\n";
      sql += "INSERT INTO " + table + " SELECT id, 'row ' || id FROM range(0, " +
             std::to_string(100 + t) + ") AS r(id);\n";
    }
  }
  return sql;
}

TEST(DatabricksFaults, ACloneThroughAFlakyWorkspaceCompletesWithEveryTableAppliedOnce) {
  const auto dataDir = makeTempDir("clxs-faults-");
  seedSql(dataDir, seedScript());
  {
    EmulatedWorkspace emulator(dataDir,
                               {"--error-rate", "0.2", "--retry-after-s", "0", "--seed", "7"});
    ServerOptions options;
    options.dataDir = dataDir;
    options.env = emulator.serverEnv();
    ServerProcess server(options);

    const auto job = waitJob(
        server,
        submitJob(
            server, "/api/clone",
            {{"source_catalog", "src"}, {"destination_catalog", "dst"}, {"clone_type", "DEEP"}}),
        600);
    ASSERT_EQ(job["status"], "completed") << job.dump(2);
    const Json& result = job["result"];
    EXPECT_EQ(result["tables"]["success"], kSchemas * kTablesPerSchema) << result.dump(2);
    EXPECT_EQ(result["tables"]["failed"], 0) << result.dump(2);
    const auto remoteRetries = result["calls"].value("remote_retries", 0);
    EXPECT_GT(remoteRetries, 0) << "a 20% error rate must have made the client retry";

    // The emulator really injected faults, and the job log shows the retries.
    const auto stats = httpRequest(emulator.port(), "GET", "/_emulator/stats");
    ASSERT_EQ(stats.status, 200) << stats.body;
    const Json faults = stats.json()["faults"];
    EXPECT_GT(faults.value("503", 0) + faults.value("429", 0), 0) << stats.body;
    const auto logs = server.get("/api/clone/" + job["job_id"].get<std::string>());
    ASSERT_EQ(logs.status, 200);
    EXPECT_NE(logs.body.find("retry"), std::string::npos) << "retries are logged in the job";
  }

  // Every table arrived once: one CLONE commit each, the source's rows, and no write
  // statement ran twice in the workspace.
  for (int s = 0; s < kSchemas; ++s) {
    for (int t = 0; t < kTablesPerSchema; ++t) {
      const std::string suffix = ".s" + std::to_string(s) + ".t" + std::to_string(t);
      const auto history = sqlRows(dataDir, "DESCRIBE HISTORY dst" + suffix);
      ASSERT_EQ(history.size(), 1u) << "dst" << suffix << ": " << history.dump();
      EXPECT_EQ(history[0]["operation"], "CLONE");
      const auto rows = sqlRows(dataDir, "SELECT count(*) AS n FROM dst" + suffix);
      EXPECT_EQ(rows[0]["n"], 100 + t);
    }
  }
  const auto twice = sqlRows(dataDir,
                             "SELECT statement_text, count(*) AS n FROM system.query.history "
                             "WHERE execution_status = 'FINISHED' AND statement_type IN "
                             "('CREATE', 'INSERT', 'ALTER', 'GRANT', 'DROP', 'MERGE') "
                             "GROUP BY statement_text HAVING count(*) > 1");
  EXPECT_TRUE(twice.empty()) << twice.dump(2);
  std::error_code ec;
  std::filesystem::remove_all(dataDir, ec);
}

}  // namespace
// A workspace whose warehouse nobody named: with one warehouse a clone uses it and says so;
// with several the request is refused at submit, naming them, and nothing is queued.
TEST(DatabricksWarehouses, AnUnnamedWarehouseIsTheOnlyOneOrTheRequestNamesTheChoices) {
  for (const int count : {1, 3}) {
    const auto dataDir = makeTempDir("clxs-warehouses-");
    seedSql(dataDir,
            "CREATE CATALOG src; CREATE SCHEMA src.s; CREATE TABLE src.s.t (id INT); "
            "INSERT INTO src.s.t VALUES (1), (2);");
    EmulatedWorkspace emulator(dataDir, {"--warehouses", std::to_string(count)});
    ServerOptions options;
    options.dataDir = dataDir;
    options.env = emulator.serverEnv();
    options.env.erase("DATABRICKS_WAREHOUSE_ID");
    ServerProcess server(options);
    const Json body{{"source_catalog", "src"}, {"destination_catalog", "dst"}};
    if (count == 1) {
      const auto job = waitJob(server, submitJob(server, "/api/clone", body), 300);
      ASSERT_EQ(job["status"], "completed") << job.dump(2);
      EXPECT_NE(job["logs"].dump().find("the workspace's only one"), std::string::npos)
          << job["logs"].dump();
      // A synchronous route that runs SQL finds it too.
      const auto validated =
          server.post("/api/validate", {{"source_catalog", "src"}, {"destination_catalog", "dst"}});
      EXPECT_EQ(validated.status, 200) << validated.body;
      continue;
    }
    const auto before = server.get("/api/clone/jobs").json().size();
    const auto refused = server.post("/api/clone", body);
    EXPECT_EQ(refused.status, 400) << refused.body;
    for (const char* id : {"local", "local-2", "local-3"}) {
      EXPECT_NE(refused.body.find(id), std::string::npos) << refused.body;
    }
    EXPECT_NE(refused.body.find("X-Databricks-Warehouse"), std::string::npos) << refused.body;
    EXPECT_EQ(server.get("/api/clone/jobs").json().size(), before) << "nothing was queued";
    // Naming one is enough.
    const auto named =
        server.request("POST", "/api/clone", body.dump(), {{"X-Databricks-Warehouse", "local-2"}});
    ASSERT_EQ(named.status, 200) << named.body;
    EXPECT_EQ(waitJob(server, named.json()["job_id"], 300)["status"], "completed");
  }
}

}  // namespace clxs::testing
