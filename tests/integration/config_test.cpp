// The Config area end to end: the 11 routes through the real server, on the config
// directory it seeds from the shipped defaults (DATA_DIR/config).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/api_calls.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

std::filesystem::path configFile(const ServerProcess& s) {
  return s.dataDir() / "config" / "clone_config.yaml";
}

std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A 400 with a one-sentence string detail.
void expect400(const HttpResult& r, const std::string& mentions = {}) {
  EXPECT_EQ(r.status, 400) << r.body;
  const Json j = Json::parse(r.body, nullptr, false);
  ASSERT_TRUE(j.is_object() && j["detail"].is_string()) << r.body;
  if (!mentions.empty()) {
    EXPECT_NE(j["detail"].get<std::string>().find(mentions), std::string::npos) << r.body;
  }
}

const Json kDefaultLimits = Json::parse(R"({
  "events_per_batch": {"default": 100, "min": 1, "max": 10000},
  "interval_seconds": {"default": 5, "min": 0.1, "max": 300},
  "total_duration_seconds": {"default": 60, "min": 1, "max": 3600}})");

TEST(Config, GetReturnsTheShippedConfigAndItsProfiles) {
  ServerProcess s;
  HttpResult r = s.get("/api/config");
  ASSERT_EQ(r.status, 200) << r.body;
  Json c = r.json();
  EXPECT_EQ(c["source_catalog"], "");
  EXPECT_EQ(c["destination_catalog"], "");
  EXPECT_EQ(c["max_workers"], 10);
  EXPECT_EQ(c["audit_trail"]["catalog"], "edp_dev");
  EXPECT_FALSE(c.contains("profiles"));

  r = s.get("/api/config?profile=production");
  ASSERT_EQ(r.status, 200) << r.body;
  c = r.json();
  EXPECT_EQ(c["destination_catalog"], "demo_prod");
  EXPECT_EQ(c["approval_required"], true);
  EXPECT_EQ(c["max_workers"], 10);

  r = s.get("/api/config?path=config/clone_config.yaml&profile=dev");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["clone_type"], "SHALLOW");

  r = s.get("/api/config/profiles");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), Json::parse(R"({"profiles": ["dev", "staging", "production"]})"));
}

TEST(Config, GetRejectsUnknownProfilesAndPathsOutsideTheConfigDirectory) {
  ServerProcess s;
  HttpResult r = s.get("/api/config?profile=qa");
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_NE(r.body.find("staging"), std::string::npos) << r.body;
  expect400(s.get("/api/config?path=../../etc/passwd.yaml"), "..");
  expect400(s.get("/api/config?path=/etc/hosts"));
  expect400(s.get("/api/config/profiles?path=/etc/passwd"));
  EXPECT_EQ(s.get("/api/config?path=nothing_here.yaml").status, 404);
}

TEST(Config, PutSavesValidYamlAndRefusesTheRest) {
  ServerProcess s;
  HttpResult r =
      put(s, "/api/config",
          Json{{"yaml_content", "source_catalog: prod\ndestination_catalog: prod_clone\n"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), Json::parse(R"({"status": "saved", "path": "config/clone_config.yaml"})"));
  EXPECT_EQ(s.get("/api/config").json()["destination_catalog"], "prod_clone");
  EXPECT_EQ(s.get("/api/config").json()["max_workers"], 4) << "built-in default";
  const std::string saved = readText(configFile(s));
  EXPECT_EQ(saved, "source_catalog: prod\ndestination_catalog: prod_clone\n");

  expect400(put(s, "/api/config", Json{{"yaml_content", "source_catalog: [prod\n"}}), "YAML");
  expect400(put(s, "/api/config", Json{{"yaml_content", "max_workers: ten\n"}}), "max_workers");
  expect400(put(s, "/api/config", Json{{"yaml_content", "clone_type: FAST\n"}}), "clone_type");
  expect400(put(s, "/api/config", Json{{"yaml_content", "a: 1\n"}, {"path", "../escape.yaml"}}));
  expect400(put(s, "/api/config", Json{{"yaml_content", "a: 1\n"}, {"path", "/tmp/escape.yaml"}}));
  expect400(
      put(s, "/api/config", Json{{"yaml_content", "a: 1\n"}, {"path", std::string("a\0.yaml", 7)}}),
      "NUL");
  EXPECT_EQ(readText(configFile(s)), saved) << "failed writes leave the file as it was";
  EXPECT_FALSE(std::filesystem::exists(s.dataDir() / "escape.yaml"));
  EXPECT_FALSE(std::filesystem::exists("/tmp/escape.yaml"));

  EXPECT_EQ(firstErrorLoc(put(s, "/api/config", Json{{"path", "x.yaml"}})),
            Json::array({"body", "yaml_content"}));
  EXPECT_EQ(firstErrorLoc(put(s, "/api/config", Json{{"yaml_content", 5}})),
            Json::array({"body", "yaml_content"}));
  EXPECT_EQ(s.request("PUT", "/api/config", "{not json").status, 422);
}

TEST(Config, DiffComparesTwoConfigFiles) {
  ServerProcess s;
  ASSERT_EQ(put(s, "/api/config",
                Json{{"yaml_content", "max_workers: 4\naudit_trail: {catalog: a}\n"},
                     {"path", "config/a.yaml"}})
                .status,
            200);
  ASSERT_EQ(put(s, "/api/config",
                Json{{"yaml_content",
                      "max_workers: 8\naudit_trail: {catalog: b}\n"
                      "dry_run: true\n"},
                     {"path", "b.yaml"}})
                .status,
            200);
  HttpResult r =
      s.post("/api/config/diff", Json{{"file_a", "config/a.yaml"}, {"file_b", "config/b.yaml"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), Json::parse(R"({
    "file_a": "config/a.yaml", "file_b": "config/b.yaml",
    "differences": [
      {"key": "audit_trail.catalog", "a": "a", "b": "b", "change": "changed"},
      {"key": "dry_run", "a": null, "b": true, "change": "added"},
      {"key": "max_workers", "a": 4, "b": 8, "change": "changed"}],
    "identical": false})"));
  r = s.post("/api/config/diff", Json{{"file_a", "a.yaml"}, {"file_b", "a.yaml"}});
  EXPECT_EQ(r.json()["identical"], true) << r.body;

  EXPECT_EQ(s.post("/api/config/diff", Json{{"file_a", "a.yaml"}, {"file_b", "none.yaml"}}).status,
            404);
  expect400(s.post("/api/config/diff", Json{{"file_a", "a.yaml"}, {"file_b", "../../etc/passwd"}}));
  EXPECT_EQ(firstErrorLoc(s.post("/api/config/diff", Json{{"file_a", "a.yaml"}})),
            Json::array({"body", "file_b"}));
  EXPECT_EQ(firstErrorLoc(s.post("/api/config/diff", Json{{"file_a", 1}, {"file_b", "a.yaml"}})),
            Json::array({"body", "file_a"}));
}

TEST(Config, AuditSavesTheAuditTrail) {
  ServerProcess s;
  HttpResult r = s.post("/api/config/audit", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), Json::parse(R"({"status": "saved",
      "audit_trail": {"catalog": "clone_audit", "schema": "logs", "table": "clone_operations"}})"));
  r = s.post("/api/config/audit", Json{{"catalog", "gov"}, {"schema", "audit"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const Json c = s.get("/api/config").json();
  EXPECT_EQ(c["audit_trail"],
            Json::parse(R"({"catalog": "gov", "schema": "audit", "table": "clone_operations"})"));
  EXPECT_EQ(c["metrics_table"], "gov.metrics.clone_metrics");
  EXPECT_EQ(c["max_workers"], 10) << "other keys are kept";

  EXPECT_EQ(firstErrorLoc(s.post("/api/config/audit", Json{{"catalog", 7}})),
            Json::array({"body", "catalog"}));
  EXPECT_EQ(firstErrorLoc(s.post("/api/config/audit", Json{{"schema", ""}})),
            Json::array({"body", "schema"}));
}

TEST(Config, WarehousePatchPersistsAcrossRestartsAndKeepsComments) {
  ServerProcess s;
  HttpResult r = patch(s, "/api/config/warehouse", Json{{"warehouse_id", "abcd1234efgh5678"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(),
            Json::parse(R"({"status": "saved", "sql_warehouse_id": "abcd1234efgh5678"})"));
  const std::string text = readText(configFile(s));
  EXPECT_NE(text.find("sql_warehouse_id: abcd1234efgh5678"), std::string::npos) << text;
  EXPECT_NE(text.find("# --- Catalogs and compute ---"), std::string::npos) << "comments kept";
  s.restart();
  EXPECT_EQ(s.get("/api/config").json()["sql_warehouse_id"], "abcd1234efgh5678");

  EXPECT_EQ(firstErrorLoc(patch(s, "/api/config/warehouse", Json::object())),
            Json::array({"body", "warehouse_id"}));
  EXPECT_EQ(firstErrorLoc(patch(s, "/api/config/warehouse", Json{{"warehouse_id", 42}})),
            Json::array({"body", "warehouse_id"}));
  expect400(patch(s, "/api/config/warehouse", Json{{"warehouse_id", "   "}}), "warehouse_id");
}

TEST(Config, PerformancePatchUpdatesOnlyTheGivenFields) {
  ServerProcess s;
  HttpResult r = patch(s, "/api/config/performance", Json{{"max_workers", 12}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), Json::parse(R"({"status": "saved"})"));
  Json c = s.get("/api/config").json();
  EXPECT_EQ(c["max_workers"], 12);
  EXPECT_EQ(c["parallel_tables"], 10);
  EXPECT_EQ(c["max_parallel_queries"], 50);

  EXPECT_EQ(firstErrorLoc(patch(s, "/api/config/performance", Json{{"max_workers", 0}})),
            Json::array({"body", "max_workers"}));
  EXPECT_EQ(firstErrorLoc(patch(s, "/api/config/performance", Json{{"parallel_tables", 1000}})),
            Json::array({"body", "parallel_tables"}));
  EXPECT_EQ(firstErrorLoc(patch(s, "/api/config/performance", Json{{"max_parallel_queries", "8"}})),
            Json::array({"body", "max_parallel_queries"}));
  EXPECT_EQ(s.get("/api/config").json()["max_workers"], 12);
}

TEST(Config, PricingPatchAnswersTheSavedValues) {
  ServerProcess s;
  HttpResult r = patch(s, "/api/config/pricing", Json{{"price_per_gb", 0.02}, {"currency", "GBP"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(),
            Json::parse(R"({"status": "saved", "price_per_gb": 0.02, "currency": "GBP"})"));
  r = patch(s, "/api/config/pricing", Json{{"currency", "EUR"}});
  EXPECT_EQ(r.json(),
            Json::parse(R"({"status": "saved", "price_per_gb": 0.02, "currency": "EUR"})"));

  EXPECT_EQ(firstErrorLoc(patch(s, "/api/config/pricing", Json{{"currency", "usd"}})),
            Json::array({"body", "currency"}));
  EXPECT_EQ(firstErrorLoc(patch(s, "/api/config/pricing", Json{{"price_per_gb", -1}})),
            Json::array({"body", "price_per_gb"}));
  EXPECT_EQ(firstErrorLoc(patch(s, "/api/config/pricing", Json{{"price_per_gb", "cheap"}})),
            Json::array({"body", "price_per_gb"}));
}

TEST(Config, StreamingLimitsAreSharedAndKeepTheirInvariant) {
  ServerProcess s;
  HttpResult r = s.get("/api/config/streaming-limits");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), kDefaultLimits);
  EXPECT_EQ(s.get("/api/generate/demo-data/streaming/limits").json(), kDefaultLimits);

  r = patch(s, "/api/config/streaming-limits", Json::parse(R"({"events_per_batch": {"max": 50000},
                            "total_duration_seconds": {"default": 120}})"));
  ASSERT_EQ(r.status, 200) << r.body;
  Json expected = kDefaultLimits;
  expected["events_per_batch"]["max"] = 50000;
  expected["total_duration_seconds"]["default"] = 120;
  EXPECT_EQ(r.json(), (Json{{"status", "saved"}, {"limits", expected}}));
  EXPECT_EQ(s.get("/api/config/streaming-limits").json(), expected);
  EXPECT_EQ(s.get("/api/generate/demo-data/streaming/limits").json(), expected);

  const std::string file = readText(s.dataDir() / "config" / "streaming_limits.json");
  expect400(patch(s, "/api/config/streaming-limits",
                  Json::parse(R"({"interval_seconds": {"min": 10, "default": 5}})")),
            "interval_seconds");
  EXPECT_EQ(readText(s.dataDir() / "config" / "streaming_limits.json"), file);
  EXPECT_EQ(s.get("/api/generate/demo-data/streaming/limits").json(), expected);

  EXPECT_EQ(firstErrorLoc(patch(s, "/api/config/streaming-limits",
                                Json::parse(R"({"events_per_batch": {"max": "big"}})")))[1],
            "events_per_batch");
  EXPECT_EQ(firstErrorLoc(patch(s, "/api/config/streaming-limits",
                                Json::parse(R"({"events_per_batch": 5})"))),
            Json::array({"body", "events_per_batch"}));
}

}  // namespace
}  // namespace clxs::testing
