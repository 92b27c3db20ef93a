#include "kernel/config/config_routes.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "clxs/yaml.hpp"
#include "kernel/config/config_test_support.hpp"
#include "tests/support/capture_routes.hpp"

namespace clxs::kernel {
namespace {

namespace fs = std::filesystem;
using clxs::testing::CaptureRoutes;
using testing::readText;
using testing::TempDir;
using testing::writeText;

class ConfigRoutesTest : public ::testing::Test {
 protected:
  ConfigRoutesTest() { registerConfigRoutes(routes_, config_); }

  Response get(const std::string& path, Json query = Json::object()) {
    RequestParts parts;
    parts.method = Method::Get;
    parts.path = path;
    parts.query = std::move(query);
    return routes_.call("GET " + path, std::move(parts));
  }
  Response send(Method method, const std::string& path, Json body) {
    RequestParts parts;
    parts.method = method;
    parts.path = path;
    parts.body = std::move(body);
    return routes_.call(std::string(methodName(method)) + " " + path, std::move(parts));
  }
  void write(const std::string& text) { writeText(dir_ / "clone_config.yaml", text); }
  std::string fileText() { return readText(dir_ / "clone_config.yaml"); }

  TempDir tmp_;
  fs::path dir_ = tmp_.path() / "config";
  ConfigService config_{dir_};
  CaptureRoutes routes_;
};

TEST_F(ConfigRoutesTest, RegistersTheElevenRoutes) {
  for (const char* key :
       {"GET /api/config", "PUT /api/config", "POST /api/config/diff", "POST /api/config/audit",
        "GET /api/config/profiles", "PATCH /api/config/warehouse", "PATCH /api/config/performance",
        "PATCH /api/config/pricing", "GET /api/config/streaming-limits",
        "PATCH /api/config/streaming-limits", "GET /api/generate/demo-data/streaming/limits"}) {
    EXPECT_TRUE(routes_.has(key)) << key;
    EXPECT_FALSE(routes_.spec(key).summary.empty()) << key;
  }
}

TEST_F(ConfigRoutesTest, ModelsDeclareTypesRangesAndRequiredFields) {
  auto field = [&](const std::string& route, const std::string& name) -> const Field& {
    for (const auto& [n, f] : routes_.spec(route).body->fields()) {
      if (n == name) return f;
    }
    throw std::out_of_range(route + " has no field " + name);
  };
  const Field& workers = field("PATCH /api/config/performance", "max_workers");
  EXPECT_EQ(workers.type(), FieldType::Integer);
  EXPECT_EQ(workers.minimum(), 1.0);
  EXPECT_EQ(workers.maximum(), 256.0);
  EXPECT_EQ(field("PATCH /api/config/pricing", "currency").regex(), "[A-Z]{3}");
  EXPECT_EQ(field("PATCH /api/config/pricing", "price_per_gb").type(), FieldType::Number);
  EXPECT_TRUE(field("PUT /api/config", "yaml_content").isRequired());
  EXPECT_EQ(field("PUT /api/config", "path").defaultValue(), Json("config/clone_config.yaml"));
  EXPECT_TRUE(field("POST /api/config/diff", "file_a").isRequired());
  EXPECT_TRUE(field("PATCH /api/config/warehouse", "warehouse_id").isRequired());
  EXPECT_EQ(field("POST /api/config/audit", "catalog").defaultValue(), Json("clone_audit"));
  EXPECT_EQ(field("PATCH /api/config/streaming-limits", "interval_seconds").type(),
            FieldType::Object);
  EXPECT_TRUE(routes_.spec("PUT /api/config").mutates);
  EXPECT_FALSE(routes_.spec("GET /api/config").mutates);
}

TEST_F(ConfigRoutesTest, GetConfigReturnsTheEffectiveConfigWithSecretsMasked) {
  write(
      "max_workers: 7\nslack_webhook_url: https://hooks.slack.com/services/T0/B0/secretvalue\n"
      "api_key: dapi0123456789abcdef\nprofiles:\n  dev: {max_workers: 2}\n");
  Response r = get("/api/config", Json{{"path", "config/clone_config.yaml"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["max_workers"], 7);
  EXPECT_EQ(r.body()["parallel_tables"], 1);
  EXPECT_FALSE(r.body().contains("profiles"));
  EXPECT_EQ(r.body()["slack_webhook_url"], "http...alue");
  EXPECT_EQ(r.body()["api_key"], "dapi...cdef");
  EXPECT_EQ(r.body().dump().find("secretvalue"), std::string::npos);

  r = get("/api/config", Json{{"profile", "dev"}});
  EXPECT_EQ(r.body()["max_workers"], 2);
}

TEST_F(ConfigRoutesTest, GetConfigErrors) {
  write("profiles:\n  dev: {}\n");
  Response r = get("/api/config", Json{{"profile", "nope"}});
  EXPECT_EQ(r.status(), 404);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("dev"), std::string::npos);
  r = get("/api/config", Json{{"path", "../../etc/passwd.yaml"}});
  EXPECT_EQ(r.status(), 400);
  r = get("/api/config", Json{{"path", "/etc/hosts"}});
  EXPECT_EQ(r.status(), 400);
  r = get("/api/config", Json{{"path", "other.yaml"}});
  EXPECT_EQ(r.status(), 404);
}

TEST_F(ConfigRoutesTest, PutSavesAndAnswersThePath) {
  Response r =
      send(Method::Put, "/api/config",
           Json{{"yaml_content", "source_catalog: prod\ndestination_catalog: prod_clone\n"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), Json::parse(R"({"status": "saved", "path": "config/clone_config.yaml"})"));
  EXPECT_EQ(fileText(), "source_catalog: prod\ndestination_catalog: prod_clone\n");
  EXPECT_EQ(get("/api/config").body()["source_catalog"], "prod");

  r = send(Method::Put, "/api/config",
           Json{{"yaml_content", "a: 1\n"}, {"path", "clone_config_copy.yaml"}});
  EXPECT_EQ(r.body()["path"], "config/clone_config_copy.yaml");
}

TEST_F(ConfigRoutesTest, PutRejectsBadContentAndPathsWithoutWriting) {
  write("max_workers: 3\n");
  const Json bodies[] = {
      {{"yaml_content", "max_workers: [\n"}},
      {{"yaml_content", "max_workers: 0\n"}},
      {{"yaml_content", "clone_type: FAST\n"}},
      {{"yaml_content", "a: 1\n"}, {"path", "../clone_config.yaml"}},
      {{"yaml_content", "a: 1\n"}, {"path", "/tmp/clxs-evil.yaml"}},
      {{"yaml_content", "a: 1\n"}, {"path", std::string("x\0.yaml", 7)}},
  };
  for (const auto& body : bodies) {
    Response r = send(Method::Put, "/api/config", body);
    EXPECT_EQ(r.status(), 400) << body.dump();
    EXPECT_TRUE(r.body()["detail"].is_string());
    EXPECT_EQ(fileText(), "max_workers: 3\n") << body.dump();
  }
  EXPECT_FALSE(fs::exists("/tmp/clxs-evil.yaml"));
}

TEST_F(ConfigRoutesTest, DiffComparesTwoFiles) {
  writeText(dir_ / "a.yaml", "max_workers: 4\naudit_trail: {catalog: x}\nonly_a: 1\n");
  writeText(dir_ / "b.yaml", "max_workers: 8\naudit_trail: {catalog: y}\nonly_b: true\n");
  Response r = send(Method::Post, "/api/config/diff",
                    Json{{"file_a", "config/a.yaml"}, {"file_b", "b.yaml"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), Json::parse(R"({
    "file_a": "config/a.yaml", "file_b": "config/b.yaml",
    "differences": [
      {"key": "audit_trail.catalog", "a": "x", "b": "y", "change": "changed"},
      {"key": "max_workers", "a": 4, "b": 8, "change": "changed"},
      {"key": "only_a", "a": 1, "b": null, "change": "removed"},
      {"key": "only_b", "a": null, "b": true, "change": "added"}],
    "identical": false})"));

  r = send(Method::Post, "/api/config/diff", Json{{"file_a", "a.yaml"}, {"file_b", "a.yaml"}});
  EXPECT_EQ(r.body()["identical"], true);
  EXPECT_TRUE(r.body()["differences"].empty());
  EXPECT_EQ(
      send(Method::Post, "/api/config/diff", Json{{"file_a", "a.yaml"}, {"file_b", "missing.yaml"}})
          .status(),
      404);
  EXPECT_EQ(
      send(Method::Post, "/api/config/diff", Json{{"file_a", "a.yaml"}, {"file_b", "../b.yaml"}})
          .status(),
      400);
}

TEST_F(ConfigRoutesTest, AuditWritesTheAuditTrailBlock) {
  write(
      "# keep me\naudit_trail:\n  catalog: edp_dev\n  schema: logs\n  table: ops\nmax_workers: "
      "3\n");
  Response r =
      send(Method::Post, "/api/config/audit", Json{{"catalog", "my_audit"}, {"schema", "trail"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), Json::parse(R"({"status": "saved",
      "audit_trail": {"catalog": "my_audit", "schema": "trail", "table": "ops"}})"));
  const Json doc = parseYaml(fileText());
  EXPECT_EQ(doc["audit_trail"]["table"], "ops");
  EXPECT_EQ(doc["metrics_table"], "my_audit.metrics.clone_metrics");
  EXPECT_EQ(doc["max_workers"], 3);
  EXPECT_NE(fileText().find("# keep me"), std::string::npos);

  r = send(Method::Post, "/api/config/audit",
           Json{{"catalog", "c"}, {"schema", "s"}, {"table", "t"}});
  EXPECT_EQ(r.body()["audit_trail"]["table"], "t");
  r = send(Method::Post, "/api/config/audit", Json::object());  // kernel defaults absent here
  EXPECT_EQ(r.body()["audit_trail"]["catalog"], "clone_audit");
  EXPECT_EQ(r.body()["audit_trail"]["schema"], "logs");
}

TEST_F(ConfigRoutesTest, ProfilesListsNamesInFileOrder) {
  write("profiles:\n  zeta: {}\n  alpha: {dry_run: true}\n");
  EXPECT_EQ(get("/api/config/profiles").body(), Json::parse(R"({"profiles": ["zeta", "alpha"]})"));
  EXPECT_EQ(get("/api/config/profiles", Json{{"path", "../x.yaml"}}).status(), 400);
}

TEST_F(ConfigRoutesTest, WarehousePatchKeepsTheRestOfTheFile) {
  write("# settings\nsql_warehouse_id: ''   # picked in the UI\nmax_workers: 3\n");
  Response r = send(Method::Patch, "/api/config/warehouse", Json{{"warehouse_id", " abcd1234 "}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), Json::parse(R"({"status": "saved", "sql_warehouse_id": "abcd1234"})"));
  EXPECT_EQ(fileText(),
            "# settings\nsql_warehouse_id: abcd1234  # picked in the UI\n"
            "max_workers: 3\n");
  EXPECT_EQ(send(Method::Patch, "/api/config/warehouse", Json{{"warehouse_id", "  "}}).status(),
            400);
}

TEST_F(ConfigRoutesTest, PerformancePatchWritesOnlyTheGivenFields) {
  write("max_workers: 3\nparallel_tables: 2\nmax_parallel_queries: 9\nother: x\n");
  Response r = send(Method::Patch, "/api/config/performance",
                    Json{{"max_workers", 12}, {"parallel_tables", nullptr}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), Json::parse(R"({"status": "saved"})"));
  EXPECT_EQ(
      parseYaml(fileText()),
      Json::parse(
          R"({"max_workers": 12, "parallel_tables": 2, "max_parallel_queries": 9, "other": "x"})"));
  // Without kernel validation in front, the service's own type rules still hold.
  EXPECT_EQ(send(Method::Patch, "/api/config/performance", Json{{"max_workers", 0}}).status(), 400);
  EXPECT_EQ(parseYaml(fileText())["max_workers"], 12);
}

TEST_F(ConfigRoutesTest, PricingPatchAnswersTheEffectiveValues) {
  Response r = send(Method::Patch, "/api/config/pricing", Json{{"currency", "GBP"}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(),
            Json::parse(R"({"status": "saved", "price_per_gb": 0.023, "currency": "GBP"})"));
  r = send(Method::Patch, "/api/config/pricing", Json{{"price_per_gb", 0.05}});
  EXPECT_EQ(r.body(),
            Json::parse(R"({"status": "saved", "price_per_gb": 0.05, "currency": "GBP"})"));
  EXPECT_EQ(send(Method::Patch, "/api/config/pricing", Json{{"currency", "usd"}}).status(), 400);
  EXPECT_EQ(parseYaml(fileText()), Json::parse(R"({"currency": "GBP", "price_per_gb": 0.05})"));
}

TEST_F(ConfigRoutesTest, StreamingLimitsRoutesShareOneSource) {
  const Json defaults = get("/api/config/streaming-limits").body();
  EXPECT_EQ(defaults, Json::parse(R"({
    "events_per_batch": {"default": 100, "min": 1, "max": 10000},
    "interval_seconds": {"default": 5, "min": 0.1, "max": 300},
    "total_duration_seconds": {"default": 60, "min": 1, "max": 3600}})"));
  EXPECT_EQ(get("/api/generate/demo-data/streaming/limits").body(), defaults);

  Response r = send(Method::Patch, "/api/config/streaming-limits",
                    Json::parse(R"({"events_per_batch": {"max": 50000},
                                    "total_duration_seconds": {"default": 120}})"));
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body(), Json::parse(R"({"status": "saved", "limits": {
    "events_per_batch": {"default": 100, "min": 1, "max": 50000},
    "interval_seconds": {"default": 5, "min": 0.1, "max": 300},
    "total_duration_seconds": {"default": 120, "min": 1, "max": 3600}}})"));
  EXPECT_EQ(get("/api/generate/demo-data/streaming/limits").body(), r.body()["limits"]);
  EXPECT_EQ(get("/api/config/streaming-limits").body(), r.body()["limits"]);

  const std::string before = readText(dir_ / "streaming_limits.json");
  r = send(Method::Patch, "/api/config/streaming-limits",
           Json::parse(R"({"interval_seconds": {"min": 400}})"));
  EXPECT_EQ(r.status(), 400);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("interval_seconds"), std::string::npos);
  EXPECT_EQ(readText(dir_ / "streaming_limits.json"), before);
}

}  // namespace
}  // namespace clxs::kernel
