// The clone plugin end to end: POST /api/clone on a temporary local workspace, the data and
// metadata that arrive, rollback, dry run, cancel and resume.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "tests/support/api_calls.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/job_wait.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

std::string submitClone(const ServerProcess& s, const Json& body) {
  return submitJob(s, "/api/clone", body);
}

void seedCloneSource(const ServerProcess& s) {
  const auto r = sqlScript(s.dataDir(), R"SQL(
CREATE CATALOG src COMMENT 'the source';
CREATE SCHEMA src.sales COMMENT 'sales data';
CREATE SCHEMA src.hr;
CREATE TABLE src.sales.orders (id INT NOT NULL COMMENT 'order id', amount DOUBLE, region STRING)
  COMMENT 'all orders' TBLPROPERTIES ('team' = 'sales', 'quality' = 'gold');
INSERT INTO src.sales.orders VALUES (1, 10.0, 'eu'), (2, 20.0, 'us'), (3, 30.0, 'eu');
INSERT INTO src.sales.orders VALUES (4, 40.0, 'apac');
ALTER TABLE src.sales.orders ADD CONSTRAINT positive CHECK (amount > 0);
ALTER TABLE src.sales.orders SET TAGS ('domain' = 'sales');
ALTER TABLE src.sales.orders ALTER COLUMN region SET TAGS ('geo' = 'yes');
GRANT SELECT ON TABLE src.sales.orders TO `analysts`;
CREATE TABLE src.sales.customers AS SELECT * FROM (VALUES (1, 'ann'), (2, 'bob')) AS c(id, name);
ALTER TABLE src.sales.customers ALTER COLUMN id SET NOT NULL;
ALTER TABLE src.sales.customers ADD CONSTRAINT customers_pk PRIMARY KEY (id);
ALTER TABLE src.sales.orders ADD CONSTRAINT orders_customer FOREIGN KEY (id)
  REFERENCES src.sales.customers (id);
CREATE TABLE src.sales.tmp_scratch (x INT);
CREATE VIEW src.sales.v_orders AS SELECT * FROM src.sales.orders WHERE amount > 0;
CREATE VIEW src.hr.v_eu AS SELECT id, amount FROM src.sales.v_orders WHERE region = 'eu';
CREATE FUNCTION src.sales.double_it(x DOUBLE) RETURNS DOUBLE COMMENT 'twice' RETURN x * 2;
CREATE VOLUME src.sales.landing COMMENT 'raw files';
CREATE TABLE src.hr.people (id INT, name STRING);
INSERT INTO src.hr.people VALUES (1, 'x');
CREATE TABLE src.default.ignored (id INT);
)SQL");
  ASSERT_EQ(r.exitCode, 0) << r.output;
}

TEST(Clone, DeepCloneCopiesDataMetadataViewsFunctionsAndVolumes) {
  ServerProcess s;
  seedCloneSource(s);
  // A file in the managed volume (the local workspace keeps volume files on disk).
  const auto vol = sqlRows(s.dataDir(),
                           "SELECT storage_location FROM src.information_schema.volumes "
                           "WHERE volume_name = 'landing'");
  ASSERT_EQ(vol.size(), 1u);
  const std::filesystem::path volDir = vol[0]["storage_location"].get<std::string>();
  std::filesystem::create_directories(volDir / "2026");
  std::ofstream(volDir / "2026" / "a.csv") << "id\n1\n";

  const auto job = runJob(s, "/api/clone",
                          {{"source_catalog", "src"},
                           {"destination_catalog", "dst"},
                           {"exclude_tables_regex", "^tmp_"},
                           {"parallel_tables", 2}});
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  const auto& res = job["result"];
  EXPECT_EQ(res["tables"], (Json{{"success", 3}, {"failed", 0}, {"skipped", 1}}));
  EXPECT_EQ(res["views"], (Json{{"success", 2}, {"failed", 0}, {"skipped", 0}}));
  EXPECT_EQ(res["functions"]["success"], 1);
  EXPECT_EQ(res["volumes"]["success"], 1);
  EXPECT_EQ(res["schemas"]["success"], 2);
  EXPECT_TRUE(res["rollback_id"].is_string());
  EXPECT_GT(res["bytes_copied"].get<std::int64_t>(), 0);
  bool sawOrders = false;
  for (const auto& o : res["objects"]) {
    if (o["name"] == "sales.orders") {
      sawOrders = true;
      EXPECT_EQ(o["status"], "success");
      EXPECT_GT(o["bytes"].get<std::int64_t>(), 0);
      EXPECT_TRUE(o["duration_seconds"].is_number());
    }
    if (o["name"] == "sales.tmp_scratch") {
      EXPECT_EQ(o["reason"], "matched by exclude_tables_regex");
    }
  }
  EXPECT_TRUE(sawOrders);

  EXPECT_EQ(rowCount(s, "dst.sales.orders"), 4);
  EXPECT_EQ(rowCount(s, "dst.sales.customers"), 2);
  EXPECT_EQ(rowCount(s, "dst.hr.people"), 1);
  EXPECT_EQ(rowCount(s, "dst.hr.v_eu"), 2);
  EXPECT_TRUE(sqlRows(s.dataDir(), "SHOW TABLES IN dst.default").empty());
  // The views read the destination, not the source.
  const auto views = sqlRows(s.dataDir(),
                             "SELECT table_name, view_definition FROM dst.information_schema.views "
                             "ORDER BY table_name");
  ASSERT_EQ(views.size(), 2u);
  for (const auto& v : views) {
    const auto text = v["view_definition"].get<std::string>();
    EXPECT_EQ(text.find("src."), std::string::npos) << text;
    EXPECT_NE(text.find("`dst`."), std::string::npos) << text;
  }
  EXPECT_EQ(sqlRows(s.dataDir(), "SELECT dst.sales.double_it(2.5) AS v")[0]["v"], 5.0);
  // Metadata the CLONE does not carry.
  const auto grants = sqlRows(s.dataDir(), "SHOW GRANTS ON TABLE dst.sales.orders");
  bool analysts = false;
  for (const auto& g : grants)
    analysts = analysts || g.dump().find("analysts") != std::string::npos;
  EXPECT_TRUE(analysts) << grants.dump();
  const auto tags =
      sqlRows(s.dataDir(), "SELECT tag_name, tag_value FROM dst.information_schema.table_tags");
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0]["tag_value"], "sales");
  EXPECT_EQ(sqlRows(s.dataDir(), "SELECT tag_name FROM dst.information_schema.column_tags").size(),
            1u);
  const auto props = sqlRows(s.dataDir(), "SHOW TBLPROPERTIES dst.sales.orders");
  EXPECT_NE(props.dump().find("\"gold\""), std::string::npos) << props.dump();
  EXPECT_NE(props.dump().find("delta.constraints.positive"), std::string::npos);
  const auto keys = sqlRows(s.dataDir(),
                            "SELECT constraint_name, constraint_type FROM "
                            "dst.information_schema.table_constraints ORDER BY constraint_name");
  EXPECT_EQ(keys, Json::parse(R"([{"constraint_name": "customers_pk",
                                   "constraint_type": "PRIMARY KEY"},
                                  {"constraint_name": "orders_customer",
                                   "constraint_type": "FOREIGN KEY"}])"));
  const auto refs = sqlRows(s.dataDir(),
                            "SELECT table_catalog, table_name FROM "
                            "dst.information_schema.constraint_column_usage "
                            "WHERE constraint_name = 'orders_customer'");
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0]["table_catalog"], "dst");
  const auto comments = sqlRows(
      s.dataDir(), "SELECT comment FROM dst.information_schema.tables WHERE table_name = 'orders'");
  EXPECT_EQ(comments[0]["comment"], "all orders");
  const auto schemaComment =
      sqlRows(s.dataDir(),
              "SELECT comment FROM dst.information_schema.schemata WHERE schema_name = 'sales'");
  EXPECT_EQ(schemaComment[0]["comment"], "sales data");
  // The volume came with its file.
  const auto dvol =
      sqlRows(s.dataDir(), "SELECT storage_location FROM dst.information_schema.volumes");
  ASSERT_EQ(dvol.size(), 1u);
  std::ifstream copied(std::filesystem::path(dvol[0]["storage_location"].get<std::string>()) /
                       "2026" / "a.csv");
  std::string contents((std::istreambuf_iterator<char>(copied)), std::istreambuf_iterator<char>());
  EXPECT_EQ(contents, "id\n1\n");

  // Rollback drops everything the run created, the catalog included.
  const auto logs = s.get("/api/rollback/logs");
  ASSERT_EQ(logs.status, 200) << logs.body;
  ASSERT_EQ(logs.json().size(), 1u);
  EXPECT_EQ(logs.json()[0]["rollback_id"], res["rollback_id"]);
  const auto rb = s.post("/api/rollback", {{"rollback_id", res["rollback_id"]}});
  ASSERT_EQ(rb.status, 200) << rb.body;
  const auto rbJob = waitJob(s, rb.json()["job_id"]);
  ASSERT_EQ(rbJob["status"], "completed") << rbJob.dump(2);
  EXPECT_EQ(rbJob["result"]["failed"], 0);
  const auto catalogs = sqlRows(s.dataDir(), "SHOW CATALOGS");
  EXPECT_EQ(catalogs.dump().find("\"dst\""), std::string::npos) << catalogs.dump();
  EXPECT_EQ(rowCount(s, "src.sales.orders"), 4);
  // A log is used once.
  EXPECT_EQ(s.post("/api/rollback", {{"rollback_id", res["rollback_id"]}}).status, 409);
}

TEST(Clone, DemoDataClonesValidatesDiffsAndRollsBack) {
  ServerProcess s;
  // dest_catalog makes the clone plugin clone the demo catalog once it is generated.
  auto r = s.post("/api/generate/demo-data", {{"catalog_name", "demo"},
                                              {"industries", {"retail"}},
                                              {"scale_factor", 0.0001},
                                              {"dest_catalog", "auto_copy"}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(waitJob(s, r.json()["job_id"])["status"], "completed");
  Json autoClone;
  for (int i = 0; i < 200 && autoClone.is_null(); ++i) {
    const auto jobs = s.get("/api/clone/jobs?job_type=clone").json();
    if (!jobs.empty()) autoClone = jobs[0];
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(autoClone.is_null());
  EXPECT_EQ(autoClone["destination_catalog"], "auto_copy");
  EXPECT_EQ(waitJob(s, autoClone["job_id"])["status"], "completed");

  // A filtered deep clone of the demo catalog is equal to its source where it overlaps.
  const auto job = runJob(s, "/api/clone",
                          {{"source_catalog", "demo"},
                           {"destination_catalog", "copy"},
                           {"include_schemas", {"retail"}},
                           {"parallel_tables", 4}});
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  EXPECT_GT(job["result"]["tables"]["success"].get<int>(), 5);
  EXPECT_GT(job["result"]["views"]["success"].get<int>(), 5);
  EXPECT_GT(job["result"]["functions"]["success"].get<int>(), 5);
  r = s.post("/api/validate",
             {{"source_catalog", "copy"}, {"destination_catalog", "demo"}, {"use_checksum", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["mismatched"], 0) << r.body;
  EXPECT_EQ(r.json()["errors"], 0) << r.body;
  EXPECT_GT(r.json()["matched"].get<int>(), 5);
  r = s.post("/api/diff", {{"source_catalog", "auto_copy"}, {"destination_catalog", "demo"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["in_sync"], true) << r.body;

  // As the original web UI does it: the list entry's `file` posted back as log_path.
  Json entry;
  for (const auto& l : s.get("/api/rollback/logs").json()) {
    if (l["rollback_id"] == job["result"]["rollback_id"]) entry = l;
  }
  ASSERT_TRUE(entry.is_object());
  EXPECT_EQ(entry["file"], entry["rollback_id"]);
  const auto rb = s.post("/api/rollback", {{"log_path", entry["file"]}, {"drop_catalog", false}});
  ASSERT_EQ(rb.status, 200) << rb.body;
  EXPECT_EQ(waitJob(s, rb.json()["job_id"])["status"], "completed");
  EXPECT_EQ(sqlRows(s.dataDir(), "SHOW CATALOGS").dump().find("\"copy\""), std::string::npos);
}

TEST(Clone, RollbackRestoresTablesThatExistedToTheirVersion) {
  ServerProcess s;
  seedCloneSource(s);
  ASSERT_EQ(runJob(s, "/api/clone",
                   {{"source_catalog", "src"}, {"destination_catalog", "dst"}})["status"],
            "completed");
  // The destination diverges, then a second clone overwrites it.
  sqlRows(s.dataDir(), "INSERT INTO dst.sales.orders VALUES (99, 1.0, 'x')");
  sqlRows(s.dataDir(), "CREATE OR REPLACE VIEW dst.sales.v_orders AS SELECT 42 AS answer");
  sqlRows(s.dataDir(), "INSERT INTO src.sales.orders VALUES (5, 50.0, 'eu')");
  const auto second =
      runJob(s, "/api/clone", {{"source_catalog", "src"}, {"destination_catalog", "dst"}});
  ASSERT_EQ(second["status"], "completed") << second.dump(2);
  EXPECT_EQ(rowCount(s, "dst.sales.orders"), 5);
  const auto rb = s.post("/api/rollback", {{"log_file", second["result"]["rollback_id"]}});
  ASSERT_EQ(rb.status, 200) << rb.body;
  const auto rbJob = waitJob(s, rb.json()["job_id"]);
  ASSERT_EQ(rbJob["status"], "completed") << rbJob.dump(2);
  EXPECT_GE(rbJob["result"]["restored"].get<int>(), 4);
  // Back to what the destination held before the second run, its own row included.
  EXPECT_EQ(rowCount(s, "dst.sales.orders"), 5);
  EXPECT_EQ(
      sqlRows(s.dataDir(), "SELECT count(*) AS n FROM dst.sales.orders WHERE id = 99")[0]["n"], 1);
  EXPECT_EQ(sqlRows(s.dataDir(), "SELECT * FROM dst.sales.v_orders")[0]["answer"], 42);
}

TEST(Clone, TwoClonesIntoOneNewCatalogRunOneAfterTheOther) {
  ServerProcess s;
  seedCloneSource(s);
  const Json body{{"source_catalog", "src"}, {"destination_catalog", "twice"}};
  // Sent together.
  auto a = std::async(std::launch::async, [&] { return s.post("/api/clone", body); });
  auto b = std::async(std::launch::async, [&] { return s.post("/api/clone", body); });
  const auto ra = a.get();
  const auto rb = b.get();
  ASSERT_EQ(ra.status, 200) << ra.body;
  ASSERT_EQ(rb.status, 200) << rb.body;
  const Json ja = waitJob(s, ra.json()["job_id"]);
  const Json jb = waitJob(s, rb.json()["job_id"]);
  ASSERT_EQ(ja["status"], "completed") << ja.dump(2);
  ASSERT_EQ(jb["status"], "completed") << jb.dump(2);
  // One ran first; the other waited for it, said so, and found its objects in place.
  const bool aFirst = ja["started_at"].get<std::string>() < jb["started_at"].get<std::string>();
  const Json& first = aFirst ? ja : jb;
  const Json& second = aFirst ? jb : ja;
  EXPECT_LE(first["completed_at"].get<std::string>(), second["started_at"].get<std::string>());
  EXPECT_NE(second["logs"].dump().find("Waiting for job " + first["job_id"].get<std::string>()),
            std::string::npos)
      << second.dump(1) << "\n"
      << first.dump(1);
  Json firstLog;
  Json secondLog;
  for (const auto& l : s.get("/api/rollback/logs").json()) {
    if (l["job_id"] == first["job_id"]) firstLog = l;
    if (l["job_id"] == second["job_id"]) secondLog = l;
  }
  ASSERT_TRUE(firstLog.is_object() && secondLog.is_object());
  EXPECT_FALSE(firstLog["created_objects"].empty()) << "the first created the catalog";
  EXPECT_TRUE(secondLog["created_objects"].empty())
      << "the second created nothing: " << secondLog.dump();
  EXPECT_FALSE(secondLog["table_versions"].empty()) << "it found the first's tables";
  // Rolling back the second restores its tables; the catalog the first made stays.
  const auto rollback = s.post("/api/rollback", {{"rollback_id", secondLog["rollback_id"]}});
  ASSERT_EQ(rollback.status, 200) << rollback.body;
  EXPECT_EQ(waitJob(s, rollback.json()["job_id"])["status"], "completed");
  EXPECT_EQ(rowCount(s, "twice.sales.orders"), rowCount(s, "src.sales.orders"));
}

TEST(Clone, DryRunListsEveryStatementAndWritesNothing) {
  ServerProcess s;
  seedCloneSource(s);
  const auto job =
      runJob(s, "/api/clone",
             {{"source_catalog", "src"}, {"destination_catalog", "dst"}, {"dry_run", true}});
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  const auto& stmts = job["result"]["sql_statements"];
  ASSERT_TRUE(stmts.is_array());
  ASSERT_FALSE(stmts.empty());
  EXPECT_EQ(stmts[0]["sql"], "CREATE CATALOG IF NOT EXISTS `dst`");
  std::string all;
  for (const auto& st : stmts) all += st["sql"].get<std::string>() + "\n";
  EXPECT_NE(all.find("CREATE OR REPLACE TABLE `dst`.`sales`.`orders` DEEP CLONE "
                     "`src`.`sales`.`orders`"),
            std::string::npos)
      << all;
  // v_eu reads v_orders, so it comes after it.
  EXPECT_LT(all.find("VIEW `dst`.`sales`.`v_orders`"), all.find("VIEW `dst`.`hr`.`v_eu`")) << all;
  EXPECT_EQ(job["result"]["sql_summary"]["total_statements"], stmts.size());
  EXPECT_EQ(sqlRows(s.dataDir(), "SHOW CATALOGS").dump().find("\"dst\""), std::string::npos);
  EXPECT_TRUE(s.get("/api/rollback/logs").json().empty());
}

TEST(Clone, ShallowTimeTravelAndFilteredClones) {
  ServerProcess s;
  seedCloneSource(s);
  auto job = runJob(s, "/api/clone",
                    {{"source_catalog", "src"},
                     {"destination_catalog", "old"},
                     {"clone_type", "SHALLOW"},
                     {"as_of_version", 1},
                     {"include_schemas", {"sales"}},
                     {"include_tables_regex", "^orders$"}});
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  EXPECT_EQ(job["result"]["tables"]["success"], 1);
  EXPECT_EQ(rowCount(s, "old.sales.orders"), 3);  // version 1: the first insert only
  const auto hist = sqlRows(s.dataDir(), "DESCRIBE HISTORY old.sales.orders");
  EXPECT_NE(hist.dump().find("\"isShallow\":true"), std::string::npos) << hist.dump();

  job = runJob(s, "/api/clone",
               {{"source_catalog", "src"},
                {"destination_catalog", "eu"},
                {"include_objects",
                 Json::array({{{"schema", "sales"}, {"name", "orders"}, {"type", "table"}}})},
                {"where_clauses", {{"sales.orders", "region = 'eu'"}}},
                {"clone_tbl_properties", {{"delta.logRetentionDuration", "3650 days"}}}});
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  EXPECT_EQ(job["result"]["tables"]["success"], 1);
  EXPECT_EQ(rowCount(s, "eu.sales.orders"), 2);
  const auto props = sqlRows(s.dataDir(), "SHOW TBLPROPERTIES eu.sales.orders");
  EXPECT_NE(props.dump().find("3650 days"), std::string::npos) << props.dump();
  // The CTAS path loses the CHECK constraint unless it is copied.
  EXPECT_NE(props.dump().find("delta.constraints.positive"), std::string::npos) << props.dump();
}

TEST(Clone, ValidatesAfterTheCloneAndUndoesTablesThatDrift) {
  ServerProcess s;
  seedCloneSource(s);
  auto job = runJob(s, "/api/clone",
                    {{"source_catalog", "src"},
                     {"destination_catalog", "dst"},
                     {"validate_after_clone", true},
                     {"validate_checksum", true}});
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  const auto& v = job["result"]["validation"];
  EXPECT_EQ(v["total_tables"], 4);
  EXPECT_EQ(v["matched"], 4) << v.dump(2);
  EXPECT_EQ(job["result"]["validation_evaluation"]["passed"], true);

  // A filtered copy drifts from its source by design: with the DQ comparison on, the table
  // is undone and reported.
  job = runJob(s, "/api/clone",
               {{"source_catalog", "src"},
                {"destination_catalog", "eu"},
                {"include_schemas", {"sales"}},
                {"include_tables_regex", "^orders$"},
                {"where_clauses", {{"*", "region = 'eu'"}}},
                {"compare_dq_after_clone", true},
                {"dq_drift_rollback_pct", 10}});
  ASSERT_EQ(job["status"], "completed_with_errors") << job.dump(2);
  EXPECT_EQ(job["result"]["tables"]["failed"], 1);
  EXPECT_DOUBLE_EQ(job["result"]["dq_comparison"]["max_drift_pct"]["sales.orders"], 50.0);
  EXPECT_TRUE(sqlRows(s.dataDir(), "SHOW TABLES IN eu.sales").empty());
}

TEST(Clone, ValidationNeedsTheAnalysisPluginsServiceAndSaysSoWhenItIsDisabled) {
  ServerProcess s;
  seedCloneSource(s);
  ASSERT_EQ(togglePlugin(s, "analysis", false).status, 200);
  const Json body{
      {"source_catalog", "src"}, {"destination_catalog", "dst"}, {"validate_after_clone", true}};
  HttpResult r = s.post("/api/clone", body);
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_NE(r.body.find("analysis.table_comparison"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("'analysis'"), std::string::npos) << r.body;
  // A clone that does not validate does not need it.
  EXPECT_EQ(runJob(s, "/api/clone",
                   {{"source_catalog", "src"}, {"destination_catalog", "dst"}})["status"],
            "completed");
  ASSERT_EQ(togglePlugin(s, "analysis", true).status, 200);
  EXPECT_EQ(runJob(s, "/api/clone",
                   {{"source_catalog", "src"},
                    {"destination_catalog", "dst2"},
                    {"validate_after_clone", true}})["result"]["validation"]["matched"],
            4);
}

TEST(Clone, QuiesceRevokesWritesForTheRunAndGrantsThemBack) {
  ServerProcess s;
  seedCloneSource(s);
  sqlRows(s.dataDir(), "GRANT MODIFY ON SCHEMA src.sales TO `writers`");
  sqlRows(s.dataDir(), "GRANT MODIFY ON TABLE src.hr.people TO `hr team`");
  const auto job =
      runJob(s, "/api/clone",
             {{"source_catalog", "src"}, {"destination_catalog", "dst"}, {"quiesce_source", true}});
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  const auto& byCategory = job["result"]["sql_summary"]["by_category"];
  EXPECT_EQ(byCategory["REVOKE"], 2) << byCategory.dump();
  EXPECT_TRUE(job["result"]["quiesce"]["not_regranted"].empty());
  const std::string logs = job["logs"].dump();
  EXPECT_NE(logs.find("Quiesce: revoked MODIFY on `src`.`sales` from writers"), std::string::npos)
      << logs;
  auto modifyHolders = [&](const std::string& securable) {
    std::string out;
    for (const auto& g : sqlRows(s.dataDir(), "SHOW GRANTS ON " + securable)) {
      if (g.dump().find("MODIFY") != std::string::npos) out += g.dump();
    }
    return out;
  };
  EXPECT_NE(modifyHolders("SCHEMA src.sales").find("writers"), std::string::npos);
  EXPECT_NE(modifyHolders("TABLE src.hr.people").find("hr team"), std::string::npos);
}

TEST(Clone, TheMaxTablesGuardrailStopsTheRunAndSaysWhy) {
  ServerProcess s;
  seedCloneSource(s);
  const auto job = runJob(s, "/api/clone",
                          {{"source_catalog", "src"},
                           {"destination_catalog", "dst"},
                           {"max_tables", 1},
                           {"include_schemas", {"sales"}}});
  ASSERT_EQ(job["status"], "completed_with_errors") << job.dump(2);
  const auto& res = job["result"];
  EXPECT_EQ(res["aborted"], "max_tables (1) reached");
  EXPECT_EQ(res["tables"]["success"], 1);
  EXPECT_EQ(res["tables"]["skipped"], 2);  // sales has three tables
  int notStarted = 0;
  for (const auto& o : res["objects"]) {
    if (o.value("reason", Json()).is_string() &&
        o["reason"].get<std::string>().rfind("not started: max_tables", 0) == 0) {
      ++notStarted;
    }
  }
  EXPECT_GE(notStarted, 2);
}

TEST(Clone, HostileNamesRoundTrip) {
  ServerProcess s;
  const auto r = sqlScript(s.dataDir(), R"SQL(
CREATE CATALOG `c'a;t`;
CREATE SCHEMA `c'a;t`.`s``x`;
CREATE TABLE `c'a;t`.`s``x`.`t;1` (`we"ird` INT) COMMENT 'it\'s; `odd`';
INSERT INTO `c'a;t`.`s``x`.`t;1` VALUES (7);
ALTER TABLE `c'a;t`.`s``x`.`t;1` SET TAGS ('k\'ey' = 'v;al`ue');
CREATE VIEW `c'a;t`.`s``x`.`v'1` AS SELECT * FROM `c'a;t`.`s``x`.`t;1`;
)SQL");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const auto job =
      runJob(s, "/api/clone", {{"source_catalog", "c'a;t"}, {"destination_catalog", "d`;'x"}});
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  EXPECT_EQ(rowCount(s, "`d``;'x`.`s``x`.`v'1`"), 1);
  const auto tags = sqlRows(
      s.dataDir(), "SELECT tag_name, tag_value FROM `d``;'x`.information_schema.table_tags");
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0]["tag_name"], "k'ey");
  EXPECT_EQ(tags[0]["tag_value"], "v;al`ue");
  const auto c = sqlRows(s.dataDir(),
                         "SELECT comment FROM `d``;'x`.information_schema.tables "
                         "WHERE table_name = 't;1'");
  EXPECT_EQ(c[0]["comment"], "it's; `odd`");
}

TEST(Clone, BadRequestsAnswerClearly) {
  ServerProcess s;
  seedCloneSource(s);
  auto loc = [](const HttpResult& r) { return r.json()["detail"][0]["loc"]; };
  auto r = s.post("/api/clone", {{"destination_catalog", "x"}});
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(loc(r), Json::array({"body", "source_catalog"}));
  r = s.post("/api/clone", {{"source_catalog", "src"}, {"destination_catalog", "SRC"}});
  ASSERT_EQ(r.status, 422) << r.body;
  r = s.post(
      "/api/clone",
      {{"source_catalog", "src"}, {"destination_catalog", "d"}, {"include_tables_regex", "("}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(loc(r), Json::array({"body", "include_tables_regex"}));
  r = s.post("/api/clone",
             {{"source_catalog", "src"}, {"destination_catalog", "d"}, {"clone_type", "MEDIUM"}});
  EXPECT_EQ(r.status, 422) << r.body;
  r = s.post("/api/clone", {{"source_catalog", "nope"}, {"destination_catalog", "d"}});
  ASSERT_EQ(r.status, 404) << r.body;
  EXPECT_NE(r.body.find("nope"), std::string::npos);
  r = s.post("/api/clone",
             {{"source_catalog", "src"}, {"destination_catalog", "d"}, {"auto_mask_pii", true}});
  EXPECT_EQ(r.status, 501) << r.body;
  r = s.post("/api/clone", {{"source_catalog", "src"},
                            {"destination_catalog", "d"},
                            {"where_clauses", {{"*", "1=1; DROP CATALOG src"}}}});
  EXPECT_EQ(r.status, 422) << r.body;
  r = s.post("/api/clone", {{"source_catalog", "src"},
                            {"destination_catalog", "d"},
                            {"resume_job_id", "00000000-0000-4000-8000-000000000000"}});
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(s.post("/api/rollback", Json::object()).status, 422);
  EXPECT_EQ(s.post("/api/rollback", {{"log_file", "../../etc/passwd"}}).status, 422);
  EXPECT_EQ(s.post("/api/rollback", {{"rollback_id", "rb-unknown"}}).status, 404);
  EXPECT_EQ(s.get("/api/rollback/logs?limit=0").status, 422);
}

TEST(Clone, FailuresAreCountedAndTheJobEndsWithErrors) {
  ServerProcess s;
  seedCloneSource(s);
  // A view in the destination where the source has a table: that table fails, the rest
  // clones.
  sqlRows(s.dataDir(), "CREATE CATALOG dst");
  sqlRows(s.dataDir(), "CREATE SCHEMA dst.sales");
  sqlRows(s.dataDir(), "CREATE VIEW dst.sales.customers AS SELECT 1 AS one");
  const auto job =
      runJob(s, "/api/clone", {{"source_catalog", "src"}, {"destination_catalog", "dst"}});
  ASSERT_EQ(job["status"], "completed_with_errors") << job.dump(2);
  EXPECT_EQ(job["result"]["tables"]["failed"], 1);
  EXPECT_EQ(job["result"]["tables"]["success"], 3);
  bool found = false;
  for (const auto& o : job["result"]["objects"]) {
    if (o["name"] == "sales.customers") {
      found = true;
      EXPECT_EQ(o["status"], "failed");
      EXPECT_NE(o["error"].get<std::string>().find("view"), std::string::npos);
    }
  }
  EXPECT_TRUE(found);
  ASSERT_FALSE(job["result"]["errors"].empty());
}

void seedMany(const ServerProcess& s, int tables) {
  std::string script = "CREATE CATALOG big;\nCREATE SCHEMA big.s;\n";
  for (int i = 0; i < tables; ++i) {
    script +=
        "CREATE TABLE big.s.t" + std::to_string(i) + " AS SELECT range AS id FROM range(2000);\n";
  }
  ASSERT_EQ(sqlScript(s.dataDir(), script).exitCode, 0);
}

TEST(Clone, CancelStopsTheRunAndItsRollbackLogUndoesIt) {
  ServerProcess s;
  seedMany(s, 40);
  const auto id = submitClone(s, {{"source_catalog", "big"}, {"destination_catalog", "copy"}});
  // Wait until some tables are done, then cancel.
  for (int i = 0; i < 400; ++i) {
    const auto job = s.get("/api/clone/" + id).json();
    if (job["progress"].is_object() && job["progress"].value("completed", 0) >= 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto del = s.request("DELETE", "/api/clone/" + id);
  ASSERT_EQ(del.status, 200) << del.body;
  const auto job = waitJob(s, id);
  ASSERT_EQ(job["status"], "cancelled") << job.dump(2);
  const auto tables = sqlRows(s.dataDir(), "SHOW TABLES IN copy.s");
  EXPECT_GT(tables.size(), 0u);
  EXPECT_LT(tables.size(), 40u);
  const auto logs = s.get("/api/rollback/logs").json();
  ASSERT_EQ(logs.size(), 1u);
  const auto rb = s.post("/api/rollback", {{"rollback_id", logs[0]["rollback_id"]}});
  ASSERT_EQ(rb.status, 200) << rb.body;
  ASSERT_EQ(waitJob(s, rb.json()["job_id"])["status"], "completed");
  EXPECT_EQ(sqlRows(s.dataDir(), "SHOW CATALOGS").dump().find("\"copy\""), std::string::npos);
}

TEST(Clone, ResumeAfterTheServerIsKilledFinishesOnlyTheRest) {
  ServerProcess s;
  seedMany(s, 40);
  const auto id = submitClone(s, {{"source_catalog", "big"}, {"destination_catalog", "copy"}});
  for (int i = 0; i < 400; ++i) {
    const auto job = s.get("/api/clone/" + id).json();
    if (job["progress"].is_object() && job["progress"].value("completed", 0) >= 5) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(s.pid(), SIGKILL);
  s.restart();
  const auto dead = s.get("/api/clone/" + id).json();
  ASSERT_EQ(dead["status"], "failed") << dead.dump();
  const auto job =
      runJob(s, "/api/clone",
             {{"source_catalog", "big"}, {"destination_catalog", "copy"}, {"resume_job_id", id}});
  ASSERT_EQ(job["status"], "completed") << job.dump(2);
  const auto& t = job["result"]["tables"];
  EXPECT_GT(t["skipped"].get<int>(), 0);
  EXPECT_EQ(t["success"].get<int>() + t["skipped"].get<int>(), 40);
  EXPECT_EQ(job["result"]["resumed_from"], id);
  EXPECT_EQ(sqlRows(s.dataDir(), "SHOW TABLES IN copy.s").size(), 40u);
  for (int i = 0; i < 40; i += 13) EXPECT_EQ(rowCount(s, "copy.s.t" + std::to_string(i)), 2000);
  // Both runs share one rollback log.
  EXPECT_EQ(s.get("/api/rollback/logs").json().size(), 1u);
}

}  // namespace
}  // namespace clxs::testing
