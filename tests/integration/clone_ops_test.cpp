// Operations around a clone, end to end on a temporary local workspace: clone snapshots,
// incremental sync, catalog sync, pre-flight checks and multi-clone.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "tests/support/api_calls.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/job_wait.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

void seedOpsSource(const ServerProcess& s) {
  seedSql(s.dataDir(), R"SQL(
CREATE CATALOG src;
CREATE SCHEMA src.sales;
CREATE SCHEMA src.hr;
CREATE TABLE src.sales.orders (id INT, amount DOUBLE);
INSERT INTO src.sales.orders VALUES (1, 10.0), (2, 20.0);
CREATE TABLE src.sales.customers (id INT, name STRING);
INSERT INTO src.sales.customers VALUES (1, 'ann');
CREATE TABLE src.sales.regions (code STRING);
INSERT INTO src.sales.regions VALUES ('eu');
CREATE VIEW src.sales.big AS SELECT * FROM src.sales.orders WHERE amount > 15;
CREATE TABLE src.hr.people (id INT);
INSERT INTO src.hr.people VALUES (7);
)SQL");
}

std::int64_t version(const ServerProcess& s, const std::string& table) {
  const auto rows = sqlRows(s.dataDir(), "DESCRIBE HISTORY " + table + " LIMIT 1");
  return rows.empty() ? -1 : rows[0]["version"].get<std::int64_t>();
}

Json cloneJob(const ServerProcess& s, const Json& body) {
  return waitJob(s, submitJob(s, "/api/clone", body));
}

// ---- snapshots --------------------------------------------------------------------------

TEST(CloneOps, ASnapshotClonesTheSourceAsItWasWhenCaptured) {
  ServerProcess s;
  seedOpsSource(s);
  const auto snap = postJson(s, "/api/clone-snapshots",
                             {{"source_catalog", "src"},
                              {"name", "before 'q3' load"},
                              {"description", "before the refactor"}});
  ASSERT_TRUE(snap["snapshot_id"].is_string()) << snap.dump();
  EXPECT_EQ(snap["name"], "before 'q3' load");
  EXPECT_EQ(snap["table_count"], 4);
  EXPECT_FALSE(snap["captured_at"].get<std::string>().empty());
  EXPECT_FALSE(snap["created_by"].get<std::string>().empty());
  const auto id = snap["snapshot_id"].get<std::string>();

  // The source moves on: rows added and deleted, a new table.
  seedSql(s.dataDir(), R"SQL(
INSERT INTO src.sales.orders VALUES (3, 30.0);
DELETE FROM src.sales.customers WHERE id = 1;
CREATE TABLE src.sales.later (x INT);
)SQL");

  const auto one = s.get("/api/clone-snapshots/" + id);
  ASSERT_EQ(one.status, 200) << one.body;
  const auto detail = one.json();
  ASSERT_EQ(detail["tables"].size(), 4u);
  for (const auto& t : detail["tables"]) {
    EXPECT_TRUE(t["version"].is_number()) << t.dump();
    if (t["table"] == "orders") {
      EXPECT_EQ(t["version"], 1);
    }
  }

  const auto job = cloneJob(
      s, {{"source_catalog", "src"}, {"destination_catalog", "dst"}, {"source_snapshot_id", id}});
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  EXPECT_EQ(job["result"]["tables"]["success"], 4);
  EXPECT_EQ(job["result"]["tables"]["skipped"], 1);  // `later` is not in the snapshot
  EXPECT_EQ(rowCount(s, "dst.sales.orders"), 2);
  EXPECT_EQ(rowCount(s, "dst.sales.customers"), 1);
  EXPECT_TRUE(sqlRows(s.dataDir(), "SHOW TABLES IN dst.sales LIKE 'later'").empty());

  // Listing, filtering, deleting.
  postJson(s, "/api/clone-snapshots", {{"source_catalog", "dst"}, {"name", "copy"}});
  auto all = s.get("/api/clone-snapshots").json();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["name"], "copy");  // newest first
  EXPECT_FALSE(all[0].contains("tables"));
  auto mine = s.get("/api/clone-snapshots?source_catalog=SRC").json();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["snapshot_id"], id);
  const auto del = s.request("DELETE", "/api/clone-snapshots/" + id);
  EXPECT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(del.json()["deleted"], true);
  EXPECT_EQ(del.json()["existed"], true);
  const auto again = s.request("DELETE", "/api/clone-snapshots/" + id);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["existed"], false);
  EXPECT_EQ(s.get("/api/clone-snapshots/" + id).status, 404);
}

TEST(CloneOps, SnapshotBadInputAnswersClearly) {
  ServerProcess s;
  seedOpsSource(s);
  auto r = s.post("/api/clone-snapshots", Json{{"source_catalog", "src"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("name"), std::string::npos);
  r = s.post("/api/clone-snapshots", Json{{"source_catalog", "nope"}, {"name", "x"}});
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_NE(r.body.find("nope"), std::string::npos);
  r = s.get("/api/clone-snapshots/not-a-snapshot");
  EXPECT_EQ(r.status, 404) << r.body;
  r = s.post("/api/clone", Json{{"source_catalog", "src"},
                                {"destination_catalog", "dst"},
                                {"source_snapshot_id", "missing"}});
  EXPECT_EQ(r.status, 404) << r.body;
  const auto snap = postJson(s, "/api/clone-snapshots", {{"source_catalog", "src"}, {"name", "a"}});
  seedSql(s.dataDir(), "CREATE CATALOG other;");
  r = s.post("/api/clone", Json{{"source_catalog", "other"},
                                {"destination_catalog", "dst"},
                                {"source_snapshot_id", snap["snapshot_id"]}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("captured from"), std::string::npos) << r.body;
  r = s.post("/api/clone", Json{{"source_catalog", "src"},
                                {"destination_catalog", "dst"},
                                {"as_of_version", 0},
                                {"source_snapshot_id", snap["snapshot_id"]}});
  EXPECT_EQ(r.status, 422) << r.body;
}

// ---- incremental sync ---------------------------------------------------------------------

TEST(CloneOps, IncrementalSyncReclonesExactlyTheChangedTable) {
  ServerProcess s;
  seedOpsSource(s);
  ASSERT_EQ(cloneJob(s, {{"source_catalog", "src"}, {"destination_catalog", "dst"}})["status"],
            "completed");
  const Json body{
      {"source_catalog", "src"}, {"destination_catalog", "dst"}, {"schema_name", "sales"}};
  // A clone run's copies count as in sync.
  auto check = postJson(s, "/api/incremental/check", body);
  EXPECT_EQ(check["tables_needing_sync"], 0) << check.dump(2);
  EXPECT_EQ(check["up_to_date"], 3);
  EXPECT_EQ(check["schema"], "sales");

  seedSql(s.dataDir(), "INSERT INTO src.sales.orders VALUES (3, 30.0);");
  check = postJson(s, "/api/incremental/check", body);
  ASSERT_EQ(check["tables"], Json::array({"orders"})) << check.dump(2);
  const auto& d = check["details"][0];
  EXPECT_EQ(d["reason"], "changed");
  EXPECT_EQ(d["last_synced_version"], 1);
  EXPECT_EQ(d["current_version"], 2);
  EXPECT_EQ(d["changes_since_sync"], 1);
  EXPECT_EQ(d["operations"], Json::array({"WRITE"}));

  const auto customers = version(s, "dst.sales.customers");
  const auto regions = version(s, "dst.sales.regions");
  auto job = waitJob(s, submitJob(s, "/api/incremental/sync", body));
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  EXPECT_EQ(job["job_type"], "incremental_sync");
  EXPECT_EQ(job["result"]["tables_updated"], 1);
  EXPECT_EQ(job["result"]["clone"]["tables"]["success"], 1);
  EXPECT_EQ(rowCount(s, "dst.sales.orders"), 3);
  // Nothing else was touched.
  EXPECT_EQ(version(s, "dst.sales.customers"), customers);
  EXPECT_EQ(version(s, "dst.sales.regions"), regions);

  // Re-running with nothing changed touches nothing: no clone, no statement.
  check = postJson(s, "/api/incremental/check", body);
  EXPECT_EQ(check["tables_needing_sync"], 0) << check.dump(2);
  const auto orders = version(s, "dst.sales.orders");
  job = waitJob(s, submitJob(s, "/api/incremental/sync", body));
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  EXPECT_FALSE(job["result"].contains("clone")) << job.dump(2);
  EXPECT_EQ(version(s, "dst.sales.orders"), orders);

  // A write to the copy is a change too; "*" looks at every schema.
  seedSql(s.dataDir(),
          "INSERT INTO dst.sales.regions VALUES ('us'); INSERT INTO src.hr.people VALUES (8);");
  Json all = body;
  all["schema_name"] = "*";
  check = postJson(s, "/api/incremental/check", all);
  ASSERT_EQ(check["tables_needing_sync"], 2) << check.dump(2);
  const std::set<std::string> names(check["tables"].begin(), check["tables"].end());
  EXPECT_EQ(names, (std::set<std::string>{"sales.regions", "hr.people"}));
  std::map<std::string, std::string> reasons;
  for (const auto& t : check["details"]) reasons[t["table_name"]] = t["reason"];
  EXPECT_EQ(reasons["regions"], "destination_changed");
  EXPECT_EQ(reasons["people"], "changed");
  job = waitJob(s, submitJob(s, "/api/incremental/sync", all));
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  EXPECT_EQ(rowCount(s, "dst.sales.regions"), 1);
  EXPECT_EQ(rowCount(s, "dst.hr.people"), 2);
}

TEST(CloneOps, IncrementalBadInputAnswersClearly) {
  ServerProcess s;
  seedOpsSource(s);
  auto r = s.post("/api/incremental/check",
                  Json{{"source_catalog", "src"}, {"destination_catalog", "dst"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("schema_name"), std::string::npos);
  r = s.post(
      "/api/incremental/check",
      Json{{"source_catalog", "src"}, {"destination_catalog", "dst"}, {"schema_name", "sales"}});
  EXPECT_EQ(r.status, 404) << r.body;  // no destination yet
  EXPECT_NE(r.body.find("clone it first"), std::string::npos) << r.body;
  seedSql(s.dataDir(), "CREATE CATALOG dst;");
  r = s.post(
      "/api/incremental/check",
      Json{{"source_catalog", "src"}, {"destination_catalog", "dst"}, {"schema_name", "nope"}});
  EXPECT_EQ(r.status, 404) << r.body;
  r = s.post(
      "/api/incremental/sync",
      Json{{"source_catalog", "src"}, {"destination_catalog", "src"}, {"schema_name", "sales"}});
  EXPECT_EQ(r.status, 422) << r.body;
  r = s.post("/api/incremental/sync", Json{{"source_catalog", "src"},
                                           {"destination_catalog", "dst"},
                                           {"schema_name", "sales"},
                                           {"clone_type", "MEDIUM"}});
  EXPECT_EQ(r.status, 422) << r.body;
  r = s.post("/api/incremental/sync", Json{{"source_catalog", "src"},
                                           {"destination_catalog", "dst"},
                                           {"schema_name", "sales"},
                                           {"serverless", true}});
  EXPECT_EQ(r.status, 501) << r.body;
}

// ---- sync -------------------------------------------------------------------------------

TEST(CloneOps, SyncAddsUpdatesAndDropsOnlyWhatDiffers) {
  ServerProcess s;
  seedOpsSource(s);
  ASSERT_EQ(cloneJob(s, {{"source_catalog", "src"}, {"destination_catalog", "dst"}})["status"],
            "completed");
  seedSql(s.dataDir(), R"SQL(
CREATE SCHEMA src.finance;
CREATE TABLE src.finance.ledger (id INT);
INSERT INTO src.finance.ledger VALUES (1), (2);
CREATE TABLE src.sales.returns (id INT);
INSERT INTO src.sales.orders VALUES (3, 30.0);
CREATE OR REPLACE VIEW src.sales.big AS SELECT * FROM src.sales.orders WHERE amount > 25;
CREATE VIEW src.hr.headcount AS SELECT count(*) AS n FROM src.hr.people;
CREATE TABLE dst.sales.stale (x INT);
CREATE SCHEMA dst.old;
)SQL");
  const auto customers = version(s, "dst.sales.customers");
  const Json body{{"source_catalog", "src"},
                  {"destination_catalog", "dst"},
                  {"drop_extra", true},
                  {"dry_run", true}};
  auto job = waitJob(s, submitJob(s, "/api/sync", body));
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  const auto& plan = job["result"];
  EXPECT_EQ(plan["schemas_to_add"], Json::array({"finance"}));
  EXPECT_EQ(plan["schemas_to_drop"], Json::array({"old"}));
  EXPECT_EQ(plan["tables_to_update"], Json::array({"sales.orders"}));
  EXPECT_EQ(plan["views_to_update"], Json::array({"sales.big"}));
  EXPECT_EQ(plan["views_to_add"], Json::array({"hr.headcount"}));
  EXPECT_EQ(plan["objects_to_drop"],
            Json::array({Json{{"type", "TABLE"}, {"name", "sales.stale"}}}));
  EXPECT_GT(plan["clone"]["sql_statements"].size(), 0u);
  // The dry run wrote nothing.
  EXPECT_EQ(rowCount(s, "dst.sales.orders"), 2);
  EXPECT_EQ(sqlRows(s.dataDir(), "SHOW TABLES IN dst.sales LIKE 'stale'").size(), 1u);

  Json real = body;
  real["dry_run"] = false;
  job = waitJob(s, submitJob(s, "/api/sync", real));
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  const auto& res = job["result"];
  EXPECT_EQ(res["tables_added"], 2);  // finance.ledger, sales.returns
  EXPECT_EQ(res["tables_updated"], 1);
  EXPECT_EQ(res["views_added"], 1);
  EXPECT_EQ(res["views_updated"], 1);
  EXPECT_EQ(res["schemas_dropped"], Json::array({"old"}));
  EXPECT_EQ(rowCount(s, "dst.sales.orders"), 3);
  EXPECT_EQ(rowCount(s, "dst.finance.ledger"), 2);
  EXPECT_EQ(rowCount(s, "dst.sales.big"), 1);
  EXPECT_EQ(sqlRows(s.dataDir(), "SELECT n FROM dst.hr.headcount")[0]["n"], 1);
  EXPECT_TRUE(sqlRows(s.dataDir(), "SHOW TABLES IN dst.sales LIKE 'stale'").empty());
  EXPECT_EQ(sqlRows(s.dataDir(), "SHOW SCHEMAS IN dst LIKE 'old'").size(), 0u);
  EXPECT_EQ(version(s, "dst.sales.customers"), customers);

  // In sync now: a second run clones nothing.
  job = waitJob(s, submitJob(s, "/api/sync", real));
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  EXPECT_FALSE(job["result"].contains("clone")) << job.dump(2);
  EXPECT_EQ(job["result"]["tables_unchanged"], 6);

  auto r = s.post("/api/sync", Json{{"source_catalog", "src"}});
  EXPECT_EQ(r.status, 422) << r.body;
  r = s.post("/api/sync", Json{{"source_catalog", "nope"}, {"destination_catalog", "dst"}});
  EXPECT_EQ(r.status, 404) << r.body;
  r = s.post(
      "/api/sync",
      Json{{"source_catalog", "src"}, {"destination_catalog", "dst"}, {"drop_extra", "yes"}});
  EXPECT_EQ(r.status, 422) << r.body;
}

// ---- preflight --------------------------------------------------------------------------

std::map<std::string, Json> checksByName(const Json& result) {
  std::map<std::string, Json> out;
  for (const auto& c : result["checks"]) out[c["name"].get<std::string>()] = c;
  return out;
}

TEST(CloneOps, PreflightProbesTheDestinationForReal) {
  ServerProcess s;
  seedOpsSource(s);
  auto res =
      postJson(s, "/api/preflight", {{"source_catalog", "src"}, {"destination_catalog", "dst"}});
  EXPECT_EQ(res["ready"], true) << res.dump(2);
  auto checks = checksByName(res);
  for (const char* name : {"connectivity", "warehouse", "source_catalog", "source_read",
                           "source_privileges", "destination_catalog", "destination_write"}) {
    ASSERT_TRUE(checks.count(name)) << name << " " << res.dump(2);
    EXPECT_NE(checks[name]["status"], "fail") << res.dump(2);
  }
  EXPECT_EQ(checks["destination_write"]["status"], "pass");
  EXPECT_NE(checks["destination_write"]["detail"].get<std::string>().find("catalog"),
            std::string::npos);
  // The probe catalog is gone again.
  EXPECT_EQ(sqlRows(s.dataDir(), "SHOW CATALOGS").dump().find("clxs_preflight"), std::string::npos);

  seedSql(s.dataDir(), "CREATE CATALOG dst;");
  res = postJson(s, "/api/preflight", {{"source_catalog", "src"}, {"destination_catalog", "dst"}});
  checks = checksByName(res);
  EXPECT_EQ(checks["destination_write"]["status"], "pass") << res.dump(2);
  EXPECT_NE(checks["destination_write"]["detail"].get<std::string>().find("table"),
            std::string::npos);
  EXPECT_EQ(sqlRows(s.dataDir(), "SHOW SCHEMAS IN dst").dump().find("clxs_preflight"),
            std::string::npos);

  res = postJson(
      s, "/api/preflight",
      {{"source_catalog", "gone"}, {"destination_catalog", "dst"}, {"check_write", false}});
  EXPECT_EQ(res["ready"], false);
  checks = checksByName(res);
  EXPECT_EQ(checks["source_catalog"]["status"], "fail");
  EXPECT_EQ(checks["source_read"]["status"], "skipped");
  EXPECT_EQ(checks["destination_write"]["status"], "skipped");

  auto r = s.post("/api/preflight", Json{{"source_catalog", "src"}});
  EXPECT_EQ(r.status, 422) << r.body;
  r = s.post("/api/preflight", Json{{"source_catalog", "src"}, {"destination_catalog", "SRC"}});
  EXPECT_EQ(r.status, 422) << r.body;
}

// ---- multi-clone ------------------------------------------------------------------------

TEST(CloneOps, MultiCloneRunsOneFullyConfiguredJobPerDestination) {
  ServerProcess s;
  seedOpsSource(s);
  const auto r = s.post(
      "/api/multi-clone",
      Json{{"source_catalog", "src"},
           {"exclude_tables_regex", "^regions$"},
           {"destination_catalogs", Json::array({"d1", "d2"})},
           {"destinations", Json::array({Json{{"catalog", "d3"}, {"clone_type", "SHALLOW"}}})}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto jobs = r.json();
  ASSERT_EQ(jobs.size(), 3u);
  for (const auto& j : jobs) {
    const auto job = waitJob(s, j["job_id"].get<std::string>());
    EXPECT_EQ(job["status"], "completed") << job.dump(2);
    EXPECT_EQ(job["result"]["tables"]["success"], 3) << job.dump(2);
    EXPECT_EQ(job["result"]["tables"]["skipped"], 1);
    const auto dest = j["destination"].get<std::string>();
    EXPECT_EQ(job["result"]["clone_type"], dest == "d3" ? "SHALLOW" : "DEEP");
    EXPECT_EQ(rowCount(s, dest + ".sales.orders"), 2);
  }

  // The spec's example body, as a client copies it from the reference.
  const auto example = s.post("/api/multi-clone", Json::parse(R"({
    "source_catalog": "src",
    "destinations": [{"catalog": "staging"}, {"catalog": "dev"}],
    "clone_type": "DEEP"})"));
  ASSERT_EQ(example.status, 200) << example.body;
  ASSERT_EQ(example.json().size(), 2u);
  for (const auto& j : example.json()) {
    EXPECT_EQ(j["status"], "queued");
    EXPECT_EQ(waitJob(s, j["job_id"].get<std::string>())["status"], "completed");
    EXPECT_EQ(rowCount(s, j["destination"].get<std::string>() + ".sales.orders"), 2);
  }

  auto bad = s.post("/api/multi-clone", Json{{"source_catalog", "src"}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  bad = s.post("/api/multi-clone", Json{{"source_catalog", "src"},
                                        {"destination_catalogs", Json::array({"e1", "E1"})}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("twice"), std::string::npos);
  // One bad destination submits nothing.
  const auto before = s.get("/api/clone/jobs").json().size();
  bad = s.post("/api/multi-clone", Json{{"source_catalog", "src"},
                                        {"destination_catalogs", Json::array({"e1", "src"})}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(s.get("/api/clone/jobs").json().size(), before);
  bad = s.post("/api/multi-clone",
               Json{{"source_catalog", "nope"}, {"destination_catalogs", Json::array({"e1"})}});
  EXPECT_EQ(bad.status, 404) << bad.body;
}

}  // namespace
}  // namespace clxs::testing
