// The generate plugin's demo-data routes end to end: a generation job through the real
// server on the local workspace, checked with the SQL CLI and on disk; validation, listing,
// drop_existing and cleanup (which must never drop a catalog it did not generate).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/api_calls.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

constexpr const char* kHostileOwner = "x`; DROP CATALOG main; --'\"";

std::int64_t scalar(const ServerProcess& s, const std::string& statement) {
  const Json rows = sqlRows(s.dataDir(), statement);
  if (!rows.is_array() || rows.empty()) return -1;
  return rows[0].begin()->get<std::int64_t>();
}

struct Finished {
  Json job;  // the final job record
  std::set<std::string> phasesSeen;
  bool sawTableCounts = false;
};

Finished waitForJob(const ServerProcess& s, const std::string& id) {
  Finished f;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    const HttpResult r = s.get("/api/clone/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    f.job = r.json();
    const Json& p = f.job["progress"];
    if (p.is_object()) {
      if (p.contains("phase")) f.phasesSeen.insert(p["phase"].get<std::string>());
      f.sawTableCounts = f.sawTableCounts || (p.contains("tables_done") &&
                                              p.contains("tables_total") && p.contains("industry"));
    }
    const std::string status = f.job["status"];
    if (status != "queued" && status != "running") return f;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "job " << id << " did not finish: " << f.job.dump();
  return f;
}

std::string submitDemoData(const ServerProcess& s, const Json& body) {
  const HttpResult r = s.post("/api/generate/demo-data", body);
  EXPECT_EQ(r.status, 200) << r.body;
  const Json j = r.json();
  EXPECT_EQ(j["status"], "queued");
  EXPECT_EQ(j["message"], "Demo data generation submitted");
  return j.value("job_id", std::string());
}

std::size_t lines(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

Json catalogRow(const Json& listing, const std::string& name) {
  for (const auto& c : listing["catalogs"]) {
    if (c["name"] == name) return c;
  }
  return nullptr;
}

TEST(GenerateDemoData, GeneratesTwoIndustriesListsAndCleansThemUp) {
  ServerProcess s;
  const std::string id =
      submitDemoData(s, Json{{"catalog_name", "demo_it"},
                             {"industries", Json::array({"insurance", "Telecom"})},
                             {"scale_factor", 0.0001},
                             {"batch_size", 4000},
                             {"max_workers", 4},
                             {"owner", kHostileOwner},
                             {"start_date", "2022-01-01"},
                             {"end_date", "2022-12-31"},
                             // The plain generation; the flaws have a test of their own.
                             {"quality_issues", false},
                             {"near_duplicates", false},
                             {"scd2", false},
                             {"data_catalog", false},
                             {"seasonal_spikes", false},
                             {"cross_industry", false}});
  const Finished f = waitForJob(s, id);
  ASSERT_EQ(f.job["status"], "completed") << f.job.dump(2);
  EXPECT_EQ(f.job["job_type"], "demo_data") << f.job.dump();
  EXPECT_TRUE(f.sawTableCounts) << f.job["progress"].dump();
  EXPECT_GE(f.phasesSeen.size(), 1u);
  const Json& progress = f.job["progress"];
  EXPECT_EQ(progress["completed"], progress["total"]);
  EXPECT_EQ(progress["tables_done"], progress["tables_total"]);
  EXPECT_EQ(progress["tables_total"], 12 + 14);

  const Json& r = f.job["result"];
  EXPECT_EQ(r["catalog"], "demo_it");
  EXPECT_EQ(r["industries"], Json::array({"insurance", "telecom"}));
  EXPECT_EQ(r["scale_factor"], 0.0001);
  EXPECT_TRUE(r["errors"].empty()) << r["errors"].dump(2);
  EXPECT_EQ(r["schemas_created"], 5);               // two industries, bronze, silver, gold
  EXPECT_EQ(r["tables_created"], 12 + 14 + 5 + 5);  // and five bronze tables each
  EXPECT_EQ(r["udfs_created"], 40);
  EXPECT_EQ(r["volumes_created"], 4);
  EXPECT_EQ(r["files_written"], 14);  // 3 samples x (csv + json) + a manifest
  EXPECT_GT(r["elapsed_seconds"].get<double>(), 0.0);

  // Row counts are base rows x scale, at least 10: policies 100M -> 10,000 (three batches of
  // at most 4,000), plans 10K -> 10.
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM demo_it.insurance.policies"), 10'000);
  EXPECT_EQ(scalar(s, "SELECT count(DISTINCT policy_id) FROM demo_it.insurance.policies"), 10'000);
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM demo_it.telecom.plans"), 10);
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM demo_it.telecom.cdr_records"), 10'000);
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM demo_it.bronze.insurance_raw_policies"), 1'000);
  // Every claim points at an existing policy; dates stay in the requested range.
  EXPECT_EQ(scalar(s,
                   "SELECT count(*) FROM demo_it.insurance.claims_ins c LEFT JOIN "
                   "demo_it.insurance.policies p ON c.policy_id = p.policy_id "
                   "WHERE p.policy_id IS NULL"),
            0);
  EXPECT_EQ(scalar(s,
                   "SELECT count(*) FROM demo_it.insurance.claims_ins WHERE loss_date < "
                   "DATE '2022-01-01' OR loss_date > DATE '2022-12-31'"),
            0);

  // total_rows is what the industry tables hold.
  const Json tables = sqlRows(s.dataDir(),
                              "SELECT table_schema, table_name, table_type FROM "
                              "demo_it.information_schema.tables WHERE table_schema IN "
                              "('insurance', 'telecom') ORDER BY table_schema, table_name");
  std::int64_t rows = 0;
  int managed = 0;
  int views = 0;
  for (const auto& t : tables) {
    if (t["table_type"] == "VIEW") {
      ++views;
      continue;
    }
    ++managed;
    rows += scalar(s, "SELECT count(*) FROM demo_it.`" + t["table_schema"].get<std::string>() +
                          "`.`" + t["table_name"].get<std::string>() + "`");
  }
  EXPECT_EQ(managed, 26);
  EXPECT_EQ(views, 40);
  EXPECT_EQ(r["total_rows"], rows);
  EXPECT_EQ(r["views_created"].get<int>(), views + scalar(s,
                                                          "SELECT count(*) FROM "
                                                          "demo_it.information_schema.tables "
                                                          "WHERE table_schema IN ('silver', "
                                                          "'gold')"));
  EXPECT_EQ(scalar(s,
                   "SELECT count(*) FROM demo_it.information_schema.routines WHERE "
                   "routine_schema = 'insurance'"),
            20);
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM demo_it.information_schema.volumes"), 4);
  EXPECT_EQ(scalar(s,
                   "SELECT count(*) FROM demo_it.insurance.policyholders_masked WHERE ssn "
                   "NOT LIKE '***-**-%'"),
            0);

  // Properties, tags, keys and history.
  const Json props = sqlRows(s.dataDir(), "SHOW TBLPROPERTIES demo_it.insurance.policies");
  std::map<std::string, std::string> kv;
  for (const auto& p : props) kv[p["key"]] = p["value"];
  EXPECT_EQ(kv["demo.generated_by"], "clone-xs");
  EXPECT_EQ(kv["demo.industry"], "insurance");
  EXPECT_EQ(scalar(s,
                   "SELECT count(*) FROM demo_it.information_schema.column_tags WHERE "
                   "table_name = 'policyholders' AND tag_name = 'pii'"),
            7);
  EXPECT_GE(scalar(s,
                   "SELECT count(*) FROM demo_it.information_schema.table_constraints WHERE "
                   "constraint_type = 'FOREIGN KEY'"),
            20);
  const Json history = sqlRows(s.dataDir(), "DESCRIBE HISTORY demo_it.insurance.policies");
  ASSERT_TRUE(history.is_array());
  EXPECT_EQ(history[0]["operation"], "UPDATE");
  EXPECT_EQ(history[1]["operation"], "UPDATE");

  // The hostile owner is one principal, quoted; nothing else happened to main.
  EXPECT_EQ(
      sqlRows(s.dataDir(),
              "SELECT catalog_owner FROM demo_it.information_schema.catalogs")[0]["catalog_owner"],
      kHostileOwner);
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM main.information_schema.schemata"), 2);

  // Sample files in the volumes.
  const auto volume = s.dataDir() / "local" / "volumes" / "demo_it" / "insurance";
  EXPECT_EQ(lines(volume / "sample_data" / "policies.csv"), 101u);
  EXPECT_EQ(lines(volume / "sample_data" / "policies.json"), 100u);
  std::ifstream manifestFile(volume / "exports" / "manifest.json");
  const Json manifest = Json::parse(manifestFile, nullptr, false);
  ASSERT_FALSE(manifest.is_discarded());
  EXPECT_EQ(manifest["industry"], "insurance");
  EXPECT_EQ(manifest["tables"].size(), 12u);

  // Listing.
  HttpResult list = s.get("/api/generate/demo-data/catalogs?demo_only=true");
  ASSERT_EQ(list.status, 200) << list.body;
  Json l = list.json();
  EXPECT_EQ(l["demo_only"], true);
  EXPECT_EQ(l["total"], 1);
  const Json demo = catalogRow(l, "demo_it");
  ASSERT_TRUE(demo.is_object()) << l.dump();
  EXPECT_EQ(demo["is_demo"], true);
  EXPECT_EQ(demo["num_demo_tables"], 36);
  EXPECT_EQ(demo["num_tables"], 36);
  EXPECT_EQ(demo["num_schemas"], 6);  // with the default schema
  EXPECT_EQ(demo["owner"], kHostileOwner);
  EXPECT_TRUE(demo["error"].is_null());
  l = s.get("/api/generate/demo-data/catalogs").json();
  EXPECT_EQ(l["demo_only"], false);
  const Json main = catalogRow(l, "main");
  ASSERT_TRUE(main.is_object()) << l.dump();
  EXPECT_EQ(main["is_demo"], false);
  EXPECT_EQ(main["num_demo_tables"], 0);
  EXPECT_EQ(firstErrorLoc(s.get("/api/generate/demo-data/catalogs?demo_only=maybe")),
            Json::array({"query", "demo_only"}));

  // An existing catalog is refused up front unless drop_existing.
  const HttpResult again = s.post("/api/generate/demo-data", Json{{"catalog_name", "demo_it"}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find("drop_existing"), std::string::npos) << again.body;
  const std::string replace = submitDemoData(s, Json{{"catalog_name", "demo_it"},
                                                     {"industries", Json::array({"education"})},
                                                     {"scale_factor", 0.00001},
                                                     {"drop_existing", true},
                                                     {"medallion", false},
                                                     {"create_functions", false},
                                                     {"create_volumes", false},
                                                     {"quality_issues", false},
                                                     {"near_duplicates", false},
                                                     {"scd2", false},
                                                     {"data_catalog", false},
                                                     {"seasonal_spikes", false}});
  const Finished rf = waitForJob(s, replace);
  ASSERT_EQ(rf.job["status"], "completed") << rf.job.dump(2);
  EXPECT_EQ(rf.job["result"]["schemas_created"], 1);
  EXPECT_EQ(rf.job["result"]["udfs_created"], 0);
  EXPECT_EQ(rf.job["result"]["volumes_created"], 0);
  EXPECT_EQ(scalar(s,
                   "SELECT count(*) FROM demo_it.information_schema.schemata WHERE "
                   "schema_name IN ('insurance', 'bronze')"),
            0);
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM demo_it.education.students"), 10);

  // Cleanup.
  HttpResult del = s.request("DELETE", "/api/generate/demo-data/demo_it");
  ASSERT_EQ(del.status, 200) << del.body;
  const Json cleaned = del.json();
  EXPECT_EQ(cleaned["catalog"], "demo_it");
  EXPECT_EQ(cleaned["status"], "cleaned");
  EXPECT_EQ(cleaned["schemas_dropped"], 2);
  EXPECT_EQ(cleaned["tables_dropped"], 14);
  EXPECT_EQ(catalogRow(s.get("/api/generate/demo-data/catalogs").json(), "demo_it"), nullptr);
  del = s.request("DELETE", "/api/generate/demo-data/demo_it");
  EXPECT_EQ(del.status, 404) << del.body;
  EXPECT_NE(del.body.find("demo_it"), std::string::npos);
}

// The flaws the quality features need, with their documented exact counts
// (plugins/generate/data_flaws.hpp): retail at scale 0.0002 has order_items 20,000 rows,
// clickstream 10,000 and reviews 6,000 (its three largest), customers 200.
TEST(GenerateDemoData, InjectsQualityIssuesNearDuplicatesScd2AndTheDataCatalog) {
  ServerProcess s;
  const std::string id = submitDemoData(
      s, Json{{"catalog_name", "flawed"}, {"industries", {"retail"}}, {"scale_factor", 0.0002}});
  const Finished f = waitForJob(s, id);
  ASSERT_EQ(f.job["status"], "completed") << f.job.dump(2);
  EXPECT_TRUE(f.job["result"]["errors"].empty()) << f.job["result"]["errors"].dump(2);
  EXPECT_EQ(f.job["result"]["schemas_created"], 5);  // retail, bronze, silver, gold, data_catalog
  const std::string items = "flawed.retail.order_items";
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM " + items), 20'000 + 100);
  EXPECT_EQ(scalar(s, "SELECT count(*) - count(DISTINCT order_item_id) FROM " + items), 100);
  EXPECT_EQ(scalar(s, "SELECT count_if(status IS NULL) FROM " + items), 200);  // key % 100 = 0
  EXPECT_EQ(scalar(s, "SELECT count_if(order_item_id % 1000 = 0) FROM " + items), 20);
  // unit_price is 1 to 2,500: times 1000 every flagged row is at least 1,000, and no other
  // row is above 2,500 (a threshold of 10,000 missed an outlier from a price under 10).
  EXPECT_EQ(
      scalar(s, "SELECT count_if(order_item_id % 1000 = 0 AND unit_price >= 1000) FROM " + items),
      20);
  EXPECT_EQ(
      scalar(s, "SELECT count_if(order_item_id % 1000 <> 0 AND unit_price > 2500) FROM " + items),
      0);
  // clickstream, the largest table with a date, also has the seasonal spike: 1,000 copies of
  // its first rows (keys + 10,000) moved into October to December of their year.
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM flawed.retail.clickstream"), 10'000 + 100 + 1'000);
  EXPECT_EQ(scalar(s,
                   "SELECT count(*) FROM flawed.retail.clickstream WHERE click_id > 10000 AND "
                   "month(event_ts) IN (10, 11, 12)"),
            1'000);
  // reviews has only 60 keys that are 50 modulo 100, and so 60 duplicates.
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM flawed.retail.reviews"), 6'000 + 60);
  // Near-duplicates: 10 with a typo in the last name, 10 with first and last name swapped.
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM flawed.retail.customers"), 200 + 20);
  EXPECT_EQ(scalar(s,
                   "SELECT count(*) FROM flawed.retail.customers a JOIN flawed.retail.customers "
                   "b ON b.customer_id = a.customer_id + 200 WHERE a.first_name = b.last_name "
                   "AND a.last_name = b.first_name"),
            10);
  EXPECT_EQ(scalar(s,
                   "SELECT count(*) FROM flawed.retail.customers a JOIN flawed.retail.customers "
                   "b ON b.customer_id = a.customer_id + 200 WHERE a.first_name = b.first_name "
                   "AND a.last_name <> b.last_name AND length(a.last_name) = "
                   "length(b.last_name)"),
            10);
  // SCD2 on three tables: every key current once, every tenth key with a closed version.
  const Json scd2 = sqlRows(s.dataDir(),
                            "SELECT table_name FROM flawed.information_schema.columns WHERE "
                            "column_name = 'is_current' ORDER BY table_name");
  ASSERT_EQ(scd2.size(), 3u) << scd2.dump();
  const std::string first = "flawed.retail." + scd2[0]["table_name"].get<std::string>();
  EXPECT_EQ(
      scalar(s, "SELECT count_if(NOT is_current) FROM " + first),
      scalar(s,
             "SELECT count(*) FROM " + first + " WHERE is_current AND " +
                 sqlRows(s.dataDir(), "DESCRIBE TABLE " + first)[0]["col_name"].get<std::string>() +
                 " % 10 = 0"));
  EXPECT_EQ(scalar(s, "SELECT count_if(NOT is_current AND valid_to IS NULL) FROM " + first), 0);
  // The inventory views read the catalog's own information_schema.
  EXPECT_EQ(scalar(s,
                   "SELECT objects FROM flawed.data_catalog.schema_summary WHERE table_schema "
                   "= 'data_catalog'"),
            4);
  EXPECT_GT(scalar(s, "SELECT count(*) FROM flawed.data_catalog.pii_columns"), 0);
}

TEST(GenerateDemoData, RejectsBadBodiesWith422) {
  ServerProcess s;
  const std::string path = "/api/generate/demo-data";
  auto loc = [&](const Json& body) { return firstErrorLoc(s.post(path, body)); };
  EXPECT_EQ(loc(Json::object()), Json::array({"body", "catalog_name"}));
  EXPECT_EQ(loc(Json{{"catalog_name", "1bad"}}), Json::array({"body", "catalog_name"}));
  EXPECT_EQ(loc(Json{{"catalog_name", "bad-name"}}), Json::array({"body", "catalog_name"}));
  EXPECT_EQ(loc(Json{{"catalog_name", "ok"}, {"scale_factor", 0}}),
            Json::array({"body", "scale_factor"}));
  EXPECT_EQ(loc(Json{{"catalog_name", "ok"}, {"scale_factor", 11}}),
            Json::array({"body", "scale_factor"}));
  EXPECT_EQ(loc(Json{{"catalog_name", "ok"}, {"batch_size", 10}}),
            Json::array({"body", "batch_size"}));
  EXPECT_EQ(loc(Json{{"catalog_name", "ok"}, {"max_workers", 17}}),
            Json::array({"body", "max_workers"}));
  EXPECT_EQ(loc(Json{{"catalog_name", "ok"}, {"start_date", "2020-13-01"}}),
            Json::array({"body", "start_date"}));
  EXPECT_EQ(
      loc(Json{{"catalog_name", "ok"}, {"start_date", "2024-01-01"}, {"end_date", "2023-01-01"}}),
      Json::array({"body", "end_date"}));
  EXPECT_EQ(loc(Json{{"catalog_name", "ok"}, {"dest_catalog", "OK"}}),
            Json::array({"body", "dest_catalog"}));
  EXPECT_EQ(loc(Json{{"catalog_name", "ok"}, {"drop_existing", "yes"}}),
            Json::array({"body", "drop_existing"}));
  const HttpResult unknown =
      s.post(path, Json{{"catalog_name", "ok"}, {"industries", Json::array({"retail", "mining"})}});
  EXPECT_EQ(firstErrorLoc(unknown), Json::array({"body", "industries", 1}));
  EXPECT_NE(unknown.body.find("'mining'"), std::string::npos) << unknown.body;
  EXPECT_NE(unknown.body.find("healthcare, financial, retail"), std::string::npos) << unknown.body;
  // Nothing was submitted.
  EXPECT_EQ(scalar(s,
                   "SELECT count(*) FROM main.information_schema.catalogs WHERE catalog_name "
                   "= 'ok'"),
            0);
}

TEST(GenerateDemoData, CleanupNeverDropsACatalogItDidNotGenerate) {
  ServerProcess s;
  sqlRows(s.dataDir(), "CREATE CATALOG real_cat");
  sqlRows(s.dataDir(), "CREATE TABLE real_cat.default.facts (id BIGINT)");
  sqlRows(s.dataDir(), "INSERT INTO real_cat.default.facts VALUES (1), (2)");
  const HttpResult refused = s.request("DELETE", "/api/generate/demo-data/real_cat");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("refusing to drop it"), std::string::npos) << refused.body;
  EXPECT_EQ(scalar(s, "SELECT count(*) FROM real_cat.default.facts"), 2);
  const HttpResult missing = s.request("DELETE", "/api/generate/demo-data/no_such_catalog");
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_NE(missing.body.find("no_such_catalog"), std::string::npos);
  const Json row = catalogRow(s.get("/api/generate/demo-data/catalogs").json(), "real_cat");
  ASSERT_TRUE(row.is_object());
  EXPECT_EQ(row["is_demo"], false);
  EXPECT_EQ(row["num_tables"], 1);
}

}  // namespace
}  // namespace clxs::testing
