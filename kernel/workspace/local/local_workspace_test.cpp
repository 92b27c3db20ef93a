#include "kernel/workspace/local/local_workspace.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace clxs::kernel {
namespace {

class LocalWorkspaceTest : public ::testing::Test {
 protected:
  clxs::testing::TempDir dir;
  LocalWorkspaceOptions options(const std::string& user = "alice@example.com",
                                bool enforce = false) {
    LocalWorkspaceOptions o;
    o.root = dir.path() / "local";
    o.currentUser = user;
    o.enforceGrants = enforce;
    return o;
  }
  static std::string errorOf(LocalWorkspace& ws, const std::string& sql) {
    try {
      ws.sql().execute(sql, {}, {});
    } catch (const WorkspaceError& e) {
      return e.what();
    }
    return "no error";
  }
};

TEST_F(LocalWorkspaceTest, ImplementsTheWorkspacePort) {
  LocalWorkspace ws(options());
  EXPECT_EQ(ws.kind(), "local");
  EXPECT_EQ(ws.identity().currentUser({}), "alice@example.com");
  ASSERT_EQ(ws.get<clxs::WarehouseService>().list({}).size(), 1u);
  EXPECT_EQ(ws.get<clxs::WarehouseService>().list({})[0].state, "RUNNING");
  ASSERT_EQ(ws.catalog().catalogs({}).size(), 1u) << "a new metastore has main";
  EXPECT_EQ(ws.catalog().catalogs({})[0].name, "main");
  ws.sql().execute("CREATE TABLE main.default.t (id BIGINT NOT NULL COMMENT 'key', name STRING)",
                   {}, {});
  ws.sql().execute("INSERT INTO main.default.t VALUES (1, 'a')", {}, {});
  ws.sql().execute("CREATE VIEW main.default.v AS SELECT name FROM main.default.t", {}, {});
  const auto tables = ws.catalog().tables("main", "default", {});
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0].name, "t");
  EXPECT_EQ(tables[0].tableType, "MANAGED");
  EXPECT_EQ(tables[0].format, "DELTA");
  ASSERT_EQ(tables[0].columns.size(), 2u);
  EXPECT_EQ(tables[0].columns[0].type, "bigint");
  EXPECT_FALSE(tables[0].columns[0].nullable);
  EXPECT_EQ(tables[0].columns[0].comment, "key");
  EXPECT_GT(tables[0].sizeBytes.value_or(0), 0);
  EXPECT_EQ(tables[1].tableType, "VIEW");
  ASSERT_EQ(tables[1].columns.size(), 1u);
  EXPECT_EQ(tables[1].columns[0].name, "name");
  const auto r =
      ws.sql().execute("SELECT id FROM main.default.t WHERE name = :n", {{"n", "a"}}, {});
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0], 1);
  EXPECT_NE(errorOf(ws, "SELECT :missing").find("[UNBOUND_SQL_PARAMETER]"), std::string::npos);
}

TEST_F(LocalWorkspaceTest, CancellationAndDeadlineInterruptALongStatement) {
  LocalWorkspace ws(options());
  CancellationToken token;
  CallOptions call;
  call.cancel = &token;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    token.cancel();
  });
  const auto start = std::chrono::steady_clock::now();
  try {
    ws.sql().execute("SELECT count(*) FROM range(100000000000) a WHERE hash(a.range) = 42", {},
                     call);
    ADD_FAILURE() << "the statement finished";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Cancelled) << e.what();
  }
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));

  CallOptions late;
  late.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
  try {
    ws.sql().execute("SELECT count(*) FROM range(100000000000) a WHERE hash(a.range) = 42", {},
                     late);
    ADD_FAILURE() << "the statement finished";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Timeout) << e.what();
  }
  const auto history = ws.sql().execute(
      "SELECT execution_status FROM system.query.history WHERE statement_text LIKE "
      "'%hash(a.range)%' AND statement_type = 'SELECT' ORDER BY start_time",
      {}, {});
  ASSERT_EQ(history.rows.size(), 2u);
  EXPECT_EQ(history.rows[0][0], "CANCELED");
  EXPECT_EQ(history.rows[1][0], "FAILED");
}

TEST_F(LocalWorkspaceTest, AnUnaliasedExpressionIsNamedAfterItsTextAsSparkNamesIt) {
  LocalWorkspace ws(options());
  const auto rs = ws.sql().execute(
      "SELECT upper('a'), 'lit', 1, length(x) n, x AS renamed, x, TIMESTAMP'2020-01-01 00:00:00', "
      "x  LIKE  'a%', x LIKE 'b%', * FROM VALUES ('a') AS t(x)",
      {}, {});
  std::vector<std::string> names;
  for (const auto& c : rs.columns) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"upper('a')", "lit", "1", "n", "renamed", "x",
                                             "TIMESTAMP'2020-01-01 00:00:00'", "x LIKE 'a%'",
                                             "x LIKE 'b%'", "x"}));
}

TEST_F(LocalWorkspaceTest, ManyThreadsWriteAndReadAtOnce) {
  LocalWorkspace ws(options());
  ws.sql().execute("CREATE TABLE main.default.shared (worker INT, n INT)", {}, {});
  for (int w = 0; w < 8; ++w) {
    ws.sql().execute("CREATE TABLE main.default.own_" + std::to_string(w) + " (n INT)", {}, {});
  }
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < 8; ++w) {
    threads.emplace_back([&, w] {
      try {
        for (int i = 0; i < 10; ++i) {
          ws.sql().execute("INSERT INTO main.default.shared VALUES (" + std::to_string(w) + ", " +
                               std::to_string(i) + ")",
                           {}, {});
          ws.sql().execute("INSERT INTO main.default.own_" + std::to_string(w) + " VALUES (" +
                               std::to_string(i) + ")",
                           {}, {});
          ws.sql().execute("SELECT count(*) FROM main.default.shared", {}, {});
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(ws.sql().execute("SELECT count(*) FROM main.default.shared", {}, {}).rows[0][0], 80);
  const auto history = ws.sql().execute("DESCRIBE HISTORY main.default.shared", {}, {});
  ASSERT_EQ(history.rows.size(), 81u) << "one commit per insert, none lost";
  for (std::size_t i = 0; i < history.rows.size(); ++i) {
    EXPECT_EQ(history.rows[i][0], static_cast<std::int64_t>(80 - i));
  }
  for (int w = 0; w < 8; ++w) {
    EXPECT_EQ(ws.sql()
                  .execute("SELECT count(*) FROM main.default.own_" + std::to_string(w), {}, {})
                  .rows[0][0],
              10);
  }
}

TEST_F(LocalWorkspaceTest, TwoHandlesOnOneRootSeeEachOthersCommits) {
  LocalWorkspace a(options());
  LocalWorkspace b(options("bob@example.com"));
  a.sql().execute("CREATE TABLE main.default.t (n INT)", {}, {});
  b.sql().execute("INSERT INTO main.default.t VALUES (1), (2)", {}, {});
  EXPECT_EQ(a.sql().execute("SELECT sum(n) FROM main.default.t", {}, {}).rows[0][0], 3);
  a.sql().execute("INSERT INTO main.default.t VALUES (3)", {}, {});
  EXPECT_EQ(b.sql().execute("SELECT count(*) FROM main.default.t", {}, {}).rows[0][0], 3);
  b.sql().execute("DROP TABLE main.default.t", {}, {});
  EXPECT_NE(errorOf(a, "SELECT * FROM main.default.t").find("[TABLE_OR_VIEW_NOT_FOUND]"),
            std::string::npos);
}

}  // namespace
}  // namespace clxs::kernel

namespace clxs::kernel {
namespace {

TEST_F(LocalWorkspaceTest, EnforcedGrantsFollowUnityCatalogRules) {
  LocalWorkspace alice(options("alice@example.com", true));
  LocalWorkspace bob(options("bob@example.com", true));
  alice.sql().execute("CREATE SCHEMA main.hr", {}, {});
  alice.sql().execute("CREATE TABLE main.hr.people (id INT, name STRING)", {}, {});
  alice.sql().execute("INSERT INTO main.hr.people VALUES (1, 'ann')", {}, {});
  EXPECT_NE(errorOf(bob, "SELECT * FROM main.hr.people")
                .find("[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User bob@example.com "
                      "does not have USE CATALOG on Catalog 'main'"),
            std::string::npos);
  alice.sql().execute("GRANT USE CATALOG ON CATALOG main TO `account users`", {}, {});
  EXPECT_NE(errorOf(bob, "SELECT * FROM main.hr.people").find("USE SCHEMA on Schema 'main.hr'"),
            std::string::npos);
  alice.sql().execute("GRANT USE SCHEMA ON SCHEMA main.hr TO `bob@example.com`", {}, {});
  EXPECT_NE(errorOf(bob, "SELECT * FROM main.hr.people").find("SELECT on Table 'main.hr.people'"),
            std::string::npos);
  alice.sql().execute("GRANT SELECT ON SCHEMA main.hr TO `bob@example.com`", {}, {});
  EXPECT_EQ(bob.sql().execute("SELECT count(*) FROM main.hr.people", {}, {}).rows[0][0], 1)
      << "SELECT on the schema covers its tables";
  EXPECT_NE(errorOf(bob, "INSERT INTO main.hr.people VALUES (2, 'bo')").find("MODIFY"),
            std::string::npos);
  alice.sql().execute("GRANT MODIFY ON TABLE main.hr.people TO `bob@example.com`", {}, {});
  bob.sql().execute("INSERT INTO main.hr.people VALUES (2, 'bo')", {}, {});
  EXPECT_NE(errorOf(bob, "DROP TABLE main.hr.people").find("OWNERSHIP"), std::string::npos);
  EXPECT_NE(errorOf(bob, "CREATE TABLE main.hr.mine (x INT)").find("CREATE TABLE on Schema"),
            std::string::npos);
  EXPECT_NE(errorOf(bob, "GRANT SELECT ON TABLE main.hr.people TO `eve`").find("OWNERSHIP"),
            std::string::npos);
  // A view is checked as itself; what it reads is checked against its owner.
  alice.sql().execute("CREATE VIEW main.hr.names AS SELECT name FROM main.hr.people", {}, {});
  alice.sql().execute("REVOKE SELECT ON SCHEMA main.hr FROM `bob@example.com`", {}, {});
  alice.sql().execute("GRANT SELECT ON TABLE main.hr.names TO `bob@example.com`", {}, {});
  EXPECT_EQ(bob.sql().execute("SELECT count(*) FROM main.hr.names", {}, {}).rows[0][0], 2);
  EXPECT_NE(errorOf(bob, "SELECT * FROM main.hr.people").find("SELECT on Table"),
            std::string::npos);
  alice.sql().execute("ALTER TABLE main.hr.people OWNER TO `bob@example.com`", {}, {});
  bob.sql().execute("SELECT * FROM main.hr.people", {}, {});
  EXPECT_NE(errorOf(bob, "DROP VIEW main.hr.names").find("OWNERSHIP"), std::string::npos);
  bob.sql().execute("DROP TABLE main.hr.people", {}, {});
}

TEST_F(LocalWorkspaceTest, GrantsAreRecordedButNotEnforcedByDefault) {
  LocalWorkspace alice(options("alice@example.com"));
  LocalWorkspace bob(options("bob@example.com"));
  alice.sql().execute("CREATE TABLE main.default.t (x INT)", {}, {});
  bob.sql().execute("INSERT INTO main.default.t VALUES (1)", {}, {});
  EXPECT_EQ(bob.sql().execute("SELECT count(*) FROM main.default.t", {}, {}).rows[0][0], 1);
}

}  // namespace
}  // namespace clxs::kernel

namespace clxs::kernel {
namespace {

TEST_F(LocalWorkspaceTest, AStatementCallingAReplacedFunctionTakesItsNewResultType) {
  // The written statements are cached by their text; a replaced function's macro must not
  // leave the old types behind.
  LocalWorkspace ws(options());
  const auto typeOf = [&ws] {
    return ws.sql().execute("SELECT typeof(main.default.f() * 2.0)", {}, {}).rows.at(0).at(0);
  };
  ws.sql().execute("CREATE FUNCTION main.default.f() RETURNS DECIMAL(10,2) RETURN 1.5", {}, {});
  EXPECT_EQ(typeOf(), "decimal(13,3)");
  EXPECT_EQ(typeOf(), "decimal(13,3)");
  ws.sql().execute("CREATE OR REPLACE FUNCTION main.default.f() RETURNS DECIMAL(4,1) RETURN 1.5",
                   {}, {});
  EXPECT_EQ(typeOf(), "decimal(7,2)");
}

TEST_F(LocalWorkspaceTest, PortMetadataCallsReadFunctionsVolumesGrantsTagsAndHistory) {
  LocalWorkspace ws(options());
  ws.sql().execute("CREATE SCHEMA main.`it's`", {}, {});
  ws.sql().execute("CREATE TABLE main.`it's`.t (id INT, email STRING) TBLPROPERTIES ('team' = 'x')",
                   {}, {});
  ws.sql().execute("INSERT INTO main.`it's`.t VALUES (1, 'a')", {}, {});
  ws.sql().execute("CREATE FUNCTION main.`it's`.f(x INT) RETURNS INT RETURN x + 1", {}, {});
  ws.sql().execute("CREATE VOLUME main.`it's`.files", {}, {});
  ws.sql().execute("GRANT SELECT ON TABLE main.`it's`.t TO `analysts`", {}, {});
  ws.sql().execute("ALTER TABLE main.`it's`.t SET TAGS ('domain' = 'crm')", {}, {});
  ws.sql().execute("ALTER TABLE main.`it's`.t ALTER COLUMN email SET TAGS ('pii')", {}, {});
  const auto functions = ws.catalog().functions("main", "it's", {});
  ASSERT_EQ(functions.size(), 1u);
  EXPECT_EQ(functions[0].name, "f");
  EXPECT_EQ(functions[0].body, "x + 1");
  EXPECT_EQ(functions[0].returnType, "INT");
  EXPECT_EQ(functions[0].parameters, Json::parse(R"([{"name": "x", "type": "INT"}])"));
  const auto volumes = ws.catalog().volumes("main", "it's", {});
  ASSERT_EQ(volumes.size(), 1u);
  EXPECT_EQ(volumes[0].volumeType, "MANAGED");
  EXPECT_TRUE(std::filesystem::is_directory(volumes[0].storageLocation));
  const auto grants = ws.catalog().grants("table", "main.`it's`.t", {});
  ASSERT_EQ(grants.size(), 1u);
  EXPECT_EQ(grants[0].principal, "analysts");
  EXPECT_EQ(grants[0].privilege, "SELECT");
  const auto tags = ws.catalog().tags("TABLE", "main.`it's`.t", {});
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].key, "domain");
  EXPECT_EQ(tags[1].column, "email");
  EXPECT_EQ(tags[1].key, "pii");
  const auto history = ws.catalog().history({"main", "it's", "t"}, 1, {});
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].version, 1);
  EXPECT_EQ(history[0].operation, "WRITE");
  EXPECT_EQ(history[0].operationMetrics["numOutputRows"], "1");
  const auto tables = ws.catalog().tables("main", "it's", {});
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].properties["team"], "x");
  EXPECT_NE(tables[0].location.find("/warehouse/main/it's/t"), std::string::npos);
  // The listing carries the newest commit as history() gives it, so callers comparing versions
  // need no history call per table.
  ASSERT_TRUE(tables[0].latestCommit.has_value());
  EXPECT_EQ(tables[0].latestCommit->version, history[0].version);
  EXPECT_EQ(tables[0].latestCommit->timestamp, history[0].timestamp);
  EXPECT_EQ(tables[0].latestCommit->operation, "WRITE");
  EXPECT_EQ(tables[0].latestCommit->userName, history[0].userName);
  EXPECT_EQ(tables[0].latestCommit->operationMetrics, history[0].operationMetrics);
  // The row count comes from the files' statistics, with no scan.
  EXPECT_EQ(tables[0].rowCount, 1);
  EXPECT_THROW(ws.catalog().grants("ROW", "x", {}), HttpError);
}

WorkspaceErrorClass fileErrorClass(const std::function<void()>& call) {
  try {
    call();
  } catch (const WorkspaceError& e) {
    return e.errorClass();
  }
  ADD_FAILURE() << "no WorkspaceError";
  return WorkspaceErrorClass::Remote;
}

TEST_F(LocalWorkspaceTest, VolumeFilesAreWrittenListedReadAndConfinedToTheVolume) {
  LocalWorkspace ws(options());
  ws.sql().execute("CREATE VOLUME main.default.`land;ing`", {}, {});
  const std::string vol = "/Volumes/main/default/land;ing";
  ws.files().writeFile(vol + "/a/b.csv", "id\n1\n", false, {});
  ws.files().writeFile(vol + "/top.txt", std::string("x\0y", 3), false, {});
  EXPECT_EQ(ws.files().readFile(vol + "/a/b.csv", {}), "id\n1\n");
  EXPECT_EQ(ws.files().readFile(vol + "/top.txt", {}), std::string("x\0y", 3));
  const auto entries = ws.files().listDirectory(vol, {});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].path, vol + "/a");
  EXPECT_TRUE(entries[0].isDirectory);
  EXPECT_EQ(entries[1].path, vol + "/top.txt");
  EXPECT_EQ(entries[1].size, 3);
  EXPECT_EQ(fileErrorClass([&] { ws.files().writeFile(vol + "/top.txt", "z", false, {}); }),
            WorkspaceErrorClass::Conflict);
  ws.files().writeFile(vol + "/top.txt", "z", true, {});
  EXPECT_EQ(ws.files().readFile(vol + "/top.txt", {}), "z");
  EXPECT_EQ(fileErrorClass([&] { ws.files().readFile(vol + "/../../x", {}); }),
            WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(fileErrorClass([&] { ws.files().writeFile(vol + "/a/../../escape", "z", true, {}); }),
            WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(fileErrorClass([&] { ws.files().readFile("/etc/passwd", {}); }),
            WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(fileErrorClass([&] { ws.files().readFile(vol + "/missing", {}); }),
            WorkspaceErrorClass::NotFound);
  EXPECT_EQ(fileErrorClass([&] { ws.files().listDirectory("/Volumes/main/default/nope", {}); }),
            WorkspaceErrorClass::NotFound);
  EXPECT_EQ(fileErrorClass([&] { ws.files().writeFile(vol, "z", true, {}); }),
            WorkspaceErrorClass::InvalidSql);
}

TEST_F(LocalWorkspaceTest, TheLocalWarehouseStaysRunningAndOtherIdsAreUnknown) {
  LocalWorkspace ws(options());
  const auto started = ws.get<clxs::WarehouseService>().start("local", {});
  EXPECT_EQ(started.id, "local");
  EXPECT_EQ(started.state, "RUNNING");
  EXPECT_EQ(ws.get<clxs::WarehouseService>().stop("local", {}).state, "RUNNING")
      << "the embedded engine cannot stop";
  EXPECT_EQ(ws.get<clxs::WarehouseService>().list({})[0].state, "RUNNING");
  try {
    ws.get<clxs::WarehouseService>().start("abc123", {});
    ADD_FAILURE() << "no error";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::NotFound);
    EXPECT_NE(std::string(e.what()).find("'abc123'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(fileErrorClass([&] { ws.get<clxs::WarehouseService>().stop("", {}); }),
            WorkspaceErrorClass::NotFound);
}

TEST_F(LocalWorkspaceTest, SecurablesAreEmptyAndServicesWithoutCounterpartAreUnavailable) {
  LocalWorkspace ws(options());
  for (auto kind : {SecurableKind::ExternalLocations, SecurableKind::StorageCredentials,
                    SecurableKind::Connections, SecurableKind::RegisteredModels,
                    SecurableKind::Shares, SecurableKind::Recipients}) {
    EXPECT_EQ(ws.get<clxs::MetastoreService>().securables(kind, {}), Json::array())
        << securablePath(kind);
  }
  EXPECT_EQ(fileErrorClass([&] { ws.get<clxs::ServingService>().endpoints({}); }),
            WorkspaceErrorClass::Unavailable);
  EXPECT_EQ(fileErrorClass([&] { ws.get<clxs::GenieService>().spaces({}); }),
            WorkspaceErrorClass::Unavailable);
}

TEST_F(LocalWorkspaceTest, TheMetastoreIdIsStableForTheRootAndSharedByEveryHandle) {
  Json first;
  {
    LocalWorkspace ws(options());
    first = ws.get<clxs::MetastoreService>().summary({});
  }
  const auto id = first.at("metastore_id").get<std::string>();
  EXPECT_EQ(id.size(), 36u) << id;
  EXPECT_EQ(first.at("global_metastore_id"), "local:local:" + id);
  EXPECT_EQ(first.at("name"), "local");
  EXPECT_EQ(first.at("owner"), "alice@example.com");
  EXPECT_EQ(first.at("cloud"), "local");
  EXPECT_EQ(first.at("region"), "local");
  EXPECT_EQ(first.at("delta_sharing_scope"), "INTERNAL");

  LocalWorkspace again(options("bob@example.com"));
  EXPECT_EQ(again.get<clxs::MetastoreService>().summary({}).at("metastore_id"), id);
  EXPECT_EQ(again.get<clxs::MetastoreService>().summary({}).at("owner"), "bob@example.com");

  std::vector<std::string> seen(4);
  {
    clxs::testing::TempDir other;
    std::vector<std::unique_ptr<LocalWorkspace>> handles;
    for (std::size_t i = 0; i < seen.size(); ++i) {
      LocalWorkspaceOptions o;
      o.root = other.path() / "local";
      o.currentUser = "carol";
      handles.push_back(std::make_unique<LocalWorkspace>(o));
    }
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i) {
      threads.emplace_back([&, i] {
        seen[i] =
            handles[i]->get<MetastoreService>().summary({}).at("metastore_id").get<std::string>();
      });
    }
    for (auto& t : threads) t.join();
  }
  for (const auto& s : seen) EXPECT_EQ(s, seen[0]) << "racing handles agree on one id";
  EXPECT_NE(seen[0], id) << "another root is another metastore";
}

// DELETE, UPDATE and MERGE rewrite only the files holding a row their condition selects; the
// table's other files stay as they are, and the history says what each did.
TEST_F(LocalWorkspaceTest, DmlRewritesOnlyTheFilesItTouches) {
  LocalWorkspace ws(options());
  ws.sql().execute("CREATE TABLE main.default.f (id INT, s STRING)", {}, {});
  for (int i = 0; i < 4; ++i) {
    ws.sql().execute("INSERT INTO main.default.f VALUES (" + std::to_string(i) + ", 'a'), (" +
                         std::to_string(i + 10) + ", 'b')",
                     {}, {});
  }
  const auto files = [&] {
    std::set<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir.path() / "local" / "warehouse" /
                                                             "main" / "default" / "f")) {
      if (e.path().extension() == ".parquet") out.insert(e.path().filename().string());
    }
    return out;
  };
  const auto metrics = [&](const char* key) {
    const auto h = ws.sql().execute("DESCRIBE HISTORY main.default.f LIMIT 1", {}, {});
    const auto objects = h.objects();
    return objects[0]["operationMetrics"][key].get<std::string>();
  };
  const auto before = files();
  ASSERT_EQ(before.size(), 4u);
  EXPECT_EQ(ws.sql().execute("DELETE FROM main.default.f WHERE id = 1", {}, {}).rows[0][0], 1);
  EXPECT_EQ(metrics("numRemovedFiles"), "1");
  EXPECT_EQ(metrics("numDeletedRows"), "1");
  EXPECT_EQ(metrics("numCopiedRows"), "1");
  ws.sql().execute("UPDATE main.default.f SET s = 'u' WHERE id IN (2, 12)", {}, {});
  EXPECT_EQ(metrics("numRemovedFiles"), "1");
  EXPECT_EQ(metrics("numUpdatedRows"), "2");
  const auto merged = ws.sql().execute(
      "MERGE INTO main.default.f USING (SELECT * FROM VALUES (3, 'x'), (13, NULL), (99, 'n') AS "
      "v(id, s)) src ON f.id = src.id WHEN MATCHED AND src.s IS NULL THEN DELETE WHEN MATCHED "
      "THEN UPDATE SET s = src.s WHEN NOT MATCHED THEN INSERT *",
      {}, {});
  EXPECT_EQ(merged.objects()[0], Json::parse(R"({"num_affected_rows": 3, "num_updated_rows": 1,
                            "num_deleted_rows": 1, "num_inserted_rows": 1})"));
  EXPECT_EQ(metrics("numTargetFilesRemoved"), "1");
  EXPECT_EQ(metrics("numTargetRowsInserted"), "1");
  // The first file (ids 0 and 10) was never touched.
  std::size_t kept = 0;
  for (const auto& f : files()) kept += before.count(f);
  EXPECT_EQ(kept, 4u) << "the untouched file and the three replaced ones stay until VACUUM";
  const auto rows = ws.sql().execute("SELECT id, s FROM main.default.f ORDER BY id", {}, {});
  EXPECT_EQ(rows.objects(), Json::parse(R"([{"id": 0, "s": "a"}, {"id": 2, "s": "u"},
      {"id": 3, "s": "x"}, {"id": 10, "s": "b"}, {"id": 11, "s": "b"}, {"id": 12, "s": "u"},
      {"id": 99, "s": "n"}])"));
  // A condition that selects nothing writes nothing.
  EXPECT_EQ(ws.sql().execute("DELETE FROM main.default.f WHERE id = 12345", {}, {}).rows[0][0], 0);
  EXPECT_EQ(metrics("numTargetFilesRemoved"), "1") << "no new version";
}

// With deletion vectors, a DELETE leaves the data file as it is and writes a vector beside it;
// VACUUM keeps a live file's vector; REORG … APPLY (PURGE) rewrites the file without the rows,
// after which VACUUM (retention 0) removes the old file and its vector.
TEST_F(LocalWorkspaceTest, DeletionVectorsKeepFilesUntilPurged) {
  LocalWorkspace ws(options());
  LocalSession session;  // VACUUM RETAIN 0 HOURS needs the session setting below
  const auto sql = [&](const std::string& statement) { return ws.execute(statement, session); };
  sql("CREATE TABLE main.default.v (id INT) TBLPROPERTIES "
      "('delta.enableDeletionVectors' = 'true')");
  sql("INSERT INTO main.default.v SELECT range FROM range(100)");
  const auto dir = this->dir.path() / "local" / "warehouse" / "main" / "default" / "v";
  const auto listed = [&](const std::string& prefix) {
    std::set<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      const auto name = e.path().filename().string();
      if (name.rfind(prefix, 0) == 0) out.insert(name);
    }
    return out;
  };
  const auto data = listed("part-");
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(sql("DELETE FROM main.default.v WHERE id % 10 = 0").rows[0][0], 10);
  EXPECT_EQ(listed("part-"), data) << "the data file is not rewritten";
  EXPECT_EQ(listed("deletion_vector_").size(), 1u);
  EXPECT_EQ(sql("SELECT count(*) FROM main.default.v").rows[0][0], 90);
  // The listing's row count subtracts the rows the vector deletes.
  EXPECT_EQ(ws.catalog().tables("main", "default", {}).at(0).rowCount, 90);
  sql("SET spark.databricks.delta.retentionDurationCheck.enabled = false");
  sql("VACUUM main.default.v RETAIN 0 HOURS");
  EXPECT_EQ(listed("deletion_vector_").size(), 1u) << "a live file's vector stays";
  sql("REORG TABLE main.default.v APPLY (PURGE)");
  EXPECT_EQ(sql("SELECT count(*) AS n, min(id % 10) AS m FROM main.default.v").objects()[0],
            Json::parse(R"({"n": 90, "m": 1})"));
  sql("VACUUM main.default.v RETAIN 0 HOURS");
  EXPECT_TRUE(listed("deletion_vector_").empty());
  const auto after = listed("part-");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_NE(*after.begin(), *data.begin()) << "the purged file replaced the old one";
  EXPECT_EQ(sql("SELECT count(*) FROM main.default.v").rows[0][0], 90);
}

}  // namespace
}  // namespace clxs::kernel
