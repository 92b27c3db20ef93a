// ODCS data contracts end to end, on the local workspace and (…/databricks) through `clxs
// emulate`: validation judges every library metric, operator, unit and SQL rule on a seeded
// table through the quality plugin's engine; every update leaves a readable revision and the
// diff flags a dropped column; generate reads primary and foreign keys; YAML round-trips; bad
// input is refused on every route.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "tests/support/cli_process.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

// Seven people; the expectations below count each metric by hand.
//   email: NULL once; '' and 'n/a' (missing with NULL: 3); not an address: '', 'n/a',
//          'bad-email' (3); 'a@x.com' twice (2 duplicate rows)
//   kind:  'zzz' is not a or b (1 invalid); NULL once
//   id:    5 twice (2 of 7 rows = 28.57 %)
//   score: NULL once, never negative, max 70
constexpr const char* kOdcsFixture = R"sql(
CREATE SCHEMA main.odcs;
CREATE TABLE main.odcs.people (id INT, email STRING, kind STRING, score INT);
INSERT INTO main.odcs.people VALUES
  (1, 'a@x.com', 'a', 10),
  (2, NULL, 'b', 20),
  (3, '', 'a', 30),
  (4, 'n/a', 'zzz', 40),
  (5, 'bad-email', 'b', NULL),
  (5, 'e@y.org', NULL, 60),
  (7, 'a@x.com', 'a', 70);
CREATE TABLE main.odcs.`we'ird` (`it's ``odd`` 100%` STRING);
INSERT INTO main.odcs.`we'ird` VALUES ('x'), (NULL), (NULL);
CREATE TABLE main.odcs.customers (id INT NOT NULL, region STRING, name STRING COMMENT 'full name')
  COMMENT 'all customers' TBLPROPERTIES ('quality' = 'gold');
ALTER TABLE main.odcs.customers ADD CONSTRAINT customers_pk PRIMARY KEY (id);
ALTER TABLE main.odcs.customers ALTER COLUMN region SET TAGS ('classification' = 'confidential');
ALTER TABLE main.odcs.customers SET TAGS ('domain' = 'crm');
CREATE TABLE main.odcs.lines (order_id INT NOT NULL, line INT NOT NULL, customer INT);
ALTER TABLE main.odcs.lines ADD CONSTRAINT lines_pk PRIMARY KEY (order_id, line);
ALTER TABLE main.odcs.lines ADD CONSTRAINT lines_customer FOREIGN KEY (customer)
  REFERENCES main.odcs.customers (id);
CREATE SCHEMA main.legacy;
CREATE TABLE main.legacy.data_contracts (contract_id STRING, name STRING, table_fqn STRING,
  version STRING, status STRING, columns STRING);
INSERT INTO main.legacy.data_contracts VALUES ('legacy-t', 'from table', 'main.odcs.people',
  '3.1', 'active', '[{"name": "id", "type": "INT", "nullable": false}]');
)sql";

Json odcsPeopleContract() {
  return Json::parse(R"json({
    "name": "people", "version": "1.0.0", "status": "active", "domain": "crm",
    "servers": [{"server": "local", "type": "databricks", "catalog": "main", "schema": "odcs"}],
    "slaProperties": [{"property": "latency", "value": 1, "unit": "d"},
                      {"property": "retention", "value": 1, "unit": "y"}],
    "schema": [
      {"name": "people", "physicalName": "main.odcs.people",
       "quality": [
         {"name": "rows between", "metric": "rowCount", "mustBeBetween": [5, 10]},
         {"name": "rows too few", "metric": "rowCount", "mustBeGreaterThan": 100}],
       "properties": [
         {"name": "id", "physicalType": "INT", "required": true, "quality": [
           {"name": "id dup percent", "metric": "duplicateValues", "unit": "percent",
            "mustBeLessThan": 30}]},
         {"name": "email", "physicalType": "STRING", "quality": [
           {"name": "email nulls", "metric": "nullValues", "mustBe": 0},
           {"name": "email null percent", "metric": "nullValues", "unit": "percent",
            "mustBeLessThan": 20},
           {"name": "email missing", "metric": "missingValues",
            "arguments": {"missingValues": [null, "", "n/a"]}, "mustBeLessOrEqualTo": 2},
           {"name": "email invalid", "metric": "invalidValues",
            "arguments": {"pattern": "^[^@]+@[^@]+$"}, "mustBeLessOrEqualTo": 3},
           {"name": "email dups", "metric": "duplicateValues", "mustBe": 0},
           {"name": "email prose", "type": "text", "description": "looks like an address"}]},
         {"name": "kind", "physicalType": "STRING", "quality": [
           {"name": "kind invalid", "metric": "invalidValues",
            "arguments": {"validValues": ["a", "b"]}, "mustBe": 0},
           {"name": "kind nulls warn", "metric": "nullValues", "mustBe": 0,
            "severity": "warning"}]},
         {"name": "score", "physicalType": "INT", "quality": [
           {"name": "score not 3", "metric": "nullValues", "mustNotBe": 3},
           {"name": "score ge 1", "metric": "nullValues", "mustBeGreaterOrEqualTo": 1},
           {"name": "score gt 1", "metric": "nullValues", "mustBeGreaterThan": 1},
           {"name": "score not 2-5", "metric": "nullValues", "mustNotBeBetween": [2, 5]},
           {"name": "no negative", "type": "sql",
            "query": "SELECT count(*) FROM {object} WHERE {property} < 0", "mustBe": 0},
           {"name": "max under 50", "type": "sql",
            "query": "SELECT max({property}) FROM {object}", "mustBeLessThan": 50}]},
         {"name": "ghost", "physicalType": "STRING"}]},
      {"name": "weird", "physicalName": "main.odcs.`we'ird`", "properties": [
         {"name": "it's `odd` 100%", "quality": [
           {"name": "weird nulls", "metric": "nullValues", "mustBeLessOrEqualTo": 2},
           {"name": "weird sql", "type": "sql",
            "query": "SELECT count({property}) FROM {object}", "mustBe": 1}]}]}]
  })json");
}

class GovernanceOdcs : public ::testing::Test {
 protected:
  void SetUp() override { seedSql(server.dataDir(), kOdcsFixture); }

  std::string create(const Json& doc) {
    const HttpResult r = server.post("/api/governance/odcs/contracts", doc);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json()["contract_id"].get<std::string>() : "";
  }
  HttpResult put(const std::string& id, const Json& body) {
    return server.request("PUT", "/api/governance/odcs/contracts/" + id, body.dump());
  }

  ServerProcess server;
};

TEST_F(GovernanceOdcs, ValidateJudgesEveryMetricOperatorUnitAndSqlRule) {
  const std::string id = create(odcsPeopleContract());
  ASSERT_FALSE(id.empty());
  const HttpResult r =
      server.post("/api/governance/odcs/contracts/" + id + "/validate", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  const Json v = r.json();
  std::map<std::string, Json> byName;
  for (const auto& q : v["quality"]) byName[q["name"].get<std::string>()] = q;
  const auto expect = [&](const char* name, const Json& actual, const Json& passed) {
    ASSERT_TRUE(byName.contains(name)) << name << " " << v["quality"].dump();
    EXPECT_EQ(byName[name]["actual"], actual) << name << ": " << byName[name].dump();
    EXPECT_EQ(byName[name]["passed"], passed) << name << ": " << byName[name].dump();
  };
  expect("rows between", 7, true);
  expect("rows too few", 7, false);
  expect("id dup percent", 28.57, true);
  expect("email nulls", 1, false);
  expect("email null percent", 14.29, true);
  expect("email missing", 3, false);
  expect("email invalid", 3, true);
  expect("email dups", 2, false);
  expect("kind invalid", 1, false);
  expect("kind nulls warn", 1, false);
  expect("score not 3", 1, true);
  expect("score ge 1", 1, true);
  expect("score gt 1", 1, false);
  expect("score not 2-5", 1, true);
  expect("no negative", 0, true);
  expect("max under 50", 70, false);
  expect("weird nulls", 2, true);
  expect("weird sql", 1, true);
  EXPECT_EQ(byName["email prose"]["status"], "skipped");
  EXPECT_EQ(byName["email dups"]["failed_rows"], 2);
  EXPECT_EQ(byName["email dups"]["total_rows"], 7);
  EXPECT_FALSE(v["compliant"].get<bool>());
  // Violations: 7 failed error rules (the warn rule only warns) and the missing column.
  std::map<std::string, int> perSection;
  for (const auto& x : v["violations"]) ++perSection[x["section"].get<std::string>()];
  EXPECT_EQ(perSection["quality"], 7) << v["violations"].dump();
  EXPECT_EQ(perSection["schema"], 1) << v["violations"].dump();
  EXPECT_EQ(perSection.size(), 2u) << v["violations"].dump();
  EXPECT_EQ(v["sections"].size(), 11u);
  EXPECT_EQ(v["sections_checked"], 5);  // fundamentals, schema, quality, sla, servers
  for (const auto& section : v["sections"]) {
    if (section["section"] == "sla") {
      EXPECT_EQ(section["status"], "passed") << section.dump();
    }
  }
  // The result is kept and shown with the contract.
  const Json got = server.get("/api/governance/odcs/contracts/" + id).json();
  EXPECT_EQ(got["latest_validation"]["validation_id"], v["validation_id"]);
}

TEST_F(GovernanceOdcs, DqxValidateRunsTheRulesAsChecksAndTheEngineIsRequired) {
  const std::string id = create(odcsPeopleContract());
  HttpResult r = server.post("/api/governance/odcs/contracts/" + id + "/dqx-validate",
                             Json{{"min_pass_rate", 50}});
  ASSERT_EQ(r.status, 200) << r.body;
  const Json d = r.json();
  ASSERT_EQ(d["tables"].size(), 2u);
  const Json& people = d["tables"][0];
  EXPECT_EQ(people["table"], "main.odcs.people");
  EXPECT_EQ(people["total_rows"], 7);
  // Rows failing an error check: id 5 twice (dups), email NULL/''/'n/a'/'bad-email' and the
  // 'a@x.com' pair, kind 'zzz', score NULL: every row has one; kind NULL only warns.
  EXPECT_EQ(people["error_rows"], 7) << people.dump();
  EXPECT_EQ(people["warning_rows"], 1);
  EXPECT_FALSE(people["passed"].get<bool>());
  bool sawSql = false;
  for (const auto& s : d["skipped"])
    sawSql = sawSql || s["reason"].get<std::string>().find("sql") != std::string::npos;
  EXPECT_TRUE(sawSql) << d["skipped"].dump();
  // Without the quality plugin there is no engine: 503 naming the service.
  ASSERT_EQ(
      server.post("/api/plugins/toggle", Json{{"name", "quality"}, {"enabled", false}}).status,
      200);
  r = server.post("/api/governance/odcs/contracts/" + id + "/validate", Json::object());
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_NE(r.body.find("quality.checks"), std::string::npos) << r.body;
  r = server.post("/api/governance/odcs/contracts/" + id + "/dqx-validate", Json::object());
  EXPECT_EQ(r.status, 503) << r.body;
}

TEST_F(GovernanceOdcs, EveryPutLeavesARevisionAndTheDiffFlagsADroppedColumn) {
  const std::string id = create(odcsPeopleContract());
  HttpResult r = put(id, Json{{"status", "deprecated"}, {"description", {{"purpose", "v2"}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["version"], "1.0.1");
  EXPECT_EQ(r.json()["odcs_document"]["domain"], "crm");  // kept by the deep merge
  Json schema = r.json()["odcs_document"]["schema"];
  schema[0]["properties"].erase(3);  // score dropped
  schema[0]["properties"].push_back(Json{{"name", "joined"}, {"physicalType", "DATE"}});
  r = put(id, Json{{"schema", schema}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["version"], "1.0.2");
  r = put(id, Json{{"version", "1.0.0"}});
  EXPECT_EQ(r.status, 409) << r.body;

  const Json versions = server.get("/api/governance/odcs/contracts/" + id + "/versions").json();
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0]["version"], "1.0.2");
  for (const auto& v : versions) {
    const HttpResult one = server.get("/api/governance/odcs/contracts/" + id + "/versions/" +
                                      v["version"].get<std::string>());
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.json()["document"]["version"], v["version"]);
  }
  EXPECT_EQ(server.get("/api/governance/odcs/contracts/" + id + "/versions/1.0.0")
                .json()["document"]["status"],
            "active");
  const Json diff = server.get("/api/governance/odcs/contracts/" + id + "/diff").json();
  EXPECT_EQ(diff["from"], "1.0.1");
  EXPECT_TRUE(diff["is_breaking"].get<bool>());
  ASSERT_EQ(diff["breaking"].size(), 1u) << diff.dump();
  EXPECT_EQ(diff["breaking"][0]["kind"], "column_dropped");
  EXPECT_EQ(diff["breaking"][0]["path"], "people.score");
  EXPECT_EQ(diff["non_breaking"][0]["kind"], "column_added");
  const Json first =
      server.get("/api/governance/odcs/contracts/" + id + "/diff?from=1.0.0&to=1.0.1").json();
  EXPECT_FALSE(first["is_breaking"].get<bool>()) << first.dump();
  EXPECT_EQ(server.get("/api/governance/odcs/contracts/" + id + "/diff?from=9.9.9").status, 404);
  EXPECT_EQ(server.get("/api/governance/odcs/contracts/" + id + "/versions/9.9.9").status, 404);
}

TEST_F(GovernanceOdcs, GenerateFillsPrimaryAndForeignKeysTagsAndProperties) {
  HttpResult r = server.post("/api/governance/odcs/generate",
                             Json{{"table_fqn", "main.odcs.customers"}, {"auto_save", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json doc = r.json()["odcs_document"];
  EXPECT_TRUE(r.json()["saved"].get<bool>());
  EXPECT_EQ(doc["domain"], "crm");
  EXPECT_EQ(doc["description"]["purpose"], "all customers");
  const Json& props = doc["schema"][0]["properties"];
  ASSERT_EQ(props.size(), 3u);
  EXPECT_EQ(props[0]["name"], "id");
  EXPECT_EQ(props[0]["primaryKey"], true);
  EXPECT_EQ(props[0]["primaryKeyPosition"], 1);
  EXPECT_EQ(props[0]["required"], true);
  EXPECT_EQ(props[0]["unique"], true);
  EXPECT_EQ(props[0]["logicalType"], "integer");
  EXPECT_EQ(props[1]["primaryKey"], false);
  EXPECT_EQ(props[1]["classification"], "confidential");
  EXPECT_EQ(props[1]["required"], false);
  EXPECT_EQ(props[2]["description"], "full name");
  bool gold = false;
  for (const auto& p : doc["customProperties"])
    gold = gold || (p["property"] == "quality" && p["value"] == "gold");
  EXPECT_TRUE(gold) << doc["customProperties"].dump();
  EXPECT_EQ(
      server.get("/api/governance/odcs/contracts?table_fqn=main.odcs.customers").json().size(), 1u);
  // The draft describes the table as it is: it validates clean.
  const std::string saved = r.json()["contract_id"].get<std::string>();
  const HttpResult v =
      server.post("/api/governance/odcs/contracts/" + saved + "/validate", Json::object());
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_TRUE(v.json()["compliant"].get<bool>()) << v.json()["violations"].dump();

  r = server.post("/api/governance/odcs/generate", Json{{"table_fqn", "main.odcs.lines"}});
  ASSERT_EQ(r.status, 200) << r.body;
  doc = r.json()["odcs_document"];
  EXPECT_FALSE(r.json()["saved"].get<bool>());
  const Json& lines = doc["schema"][0]["properties"];
  EXPECT_EQ(lines[0]["primaryKeyPosition"], 1);
  EXPECT_EQ(lines[1]["primaryKeyPosition"], 2);
  EXPECT_EQ(lines[0]["unique"], false);  // one column of a two-column key
  EXPECT_EQ(lines[2]["primaryKeyPosition"], -1);
  EXPECT_EQ(lines[2]["relationships"][0]["to"], "main.odcs.customers.id");
  EXPECT_EQ(doc["schema"][0]["quality"][0]["arguments"]["properties"],
            Json::array({"order_id", "line"}));

  r = server.post("/api/governance/odcs/generate-schema",
                  Json{{"catalog", "main"}, {"schema", "odcs"}, {"max_tables", 2}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["generated"], 2);
  EXPECT_TRUE(r.json()["truncated"].get<bool>());
  r = server.post("/api/governance/odcs/generate-catalog", Json{{"catalog", "main"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_GE(r.json()["generated"].get<int>(), 4);
  EXPECT_EQ(r.json()["saved"], 0);
  EXPECT_EQ(
      server.post("/api/governance/odcs/generate", Json{{"table_fqn", "main.odcs.nope"}}).status,
      404);
  EXPECT_EQ(server.post("/api/governance/odcs/generate", Json{{"table_fqn", "nope"}}).status, 400);
  EXPECT_EQ(server.post("/api/governance/odcs/generate", Json::object()).status, 422);
}

TEST_F(GovernanceOdcs, YamlExportThenImportGivesTheSameDocument) {
  const std::string id = create(odcsPeopleContract());
  HttpResult r = server.get("/api/governance/odcs/contracts/" + id + "/export");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.headers["content-type"].find("text/yaml"), std::string::npos);
  const std::string yaml = r.body;
  const Json before = server.get("/api/governance/odcs/contracts/" + id).json()["odcs_document"];
  EXPECT_EQ(server.post("/api/governance/odcs/import", Json{{"yaml_content", yaml}}).status, 409);
  ASSERT_EQ(server.request("DELETE", "/api/governance/odcs/contracts/" + id).status, 200);
  r = server.post("/api/governance/odcs/import", Json{{"yaml_content", yaml}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["contract_id"], id);
  EXPECT_EQ(r.json()["odcs_document"], before);
  EXPECT_EQ(server.get("/api/governance/odcs/contracts/" + id + "/export").body, yaml);
}

TEST_F(GovernanceOdcs, BadInputIsRefusedOnEveryRoute) {
  const std::string base = "/api/governance/odcs";
  const auto status = [&](const HttpResult& r) { return r.status; };
  for (const char* path :
       {"/contracts/nope", "/contracts/nope/versions", "/contracts/nope/versions/1.0.0",
        "/contracts/nope/export", "/contracts/nope/diff"}) {
    EXPECT_EQ(status(server.get(base + path)), 404) << path;
  }
  for (const char* path : {"/contracts/nope/validate", "/contracts/nope/map-dq",
                           "/contracts/nope/map-sla", "/contracts/nope/dqx-validate"}) {
    EXPECT_EQ(status(server.post(base + path, Json::object())), 404) << path;
  }
  EXPECT_EQ(server.request("DELETE", base + "/contracts/nope").status, 404);
  EXPECT_EQ(put("nope", Json{{"status", "active"}}).status, 404);

  HttpResult r = server.post(base + "/import", Json{{"yaml_content", "name: [unclosed"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("yaml_content"), std::string::npos);
  EXPECT_EQ(server.post(base + "/import", Json::object()).status, 422);
  // A billion laughs: aliases that would expand to 10^9 values are refused, not expanded.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    const std::string prev(1, static_cast<char>(c - 1));
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" +
            prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + "]\n";
  }
  r = server.post(base + "/import", Json{{"yaml_content", bomb}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("100000 values"), std::string::npos) << r.body;
  r = server.post(base + "/import",
                  Json{{"yaml_content", "name: x\nversion: '1'\nstatus: live\n"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("semantic version"), std::string::npos) << r.body;

  Json doc = odcsPeopleContract();
  doc.erase("name");
  r = server.post(base + "/contracts", doc);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("name is required"), std::string::npos) << r.body;
  doc = odcsPeopleContract();
  doc["schema"][0]["properties"][3]["quality"][4]["query"] = "DELETE FROM {object}";
  r = server.post(base + "/contracts", doc);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("query"), std::string::npos) << r.body;

  const std::string id = create(odcsPeopleContract());
  r = put(id, Json{{"status", "live"}});
  EXPECT_EQ(r.status, 422) << r.body;
  r = put(id,
          Json{{"schema",
                Json::array({Json{{"name", "t"},
                                  {"quality", Json::array({Json{{"type", "sql"},
                                                                {"query", "SELECT 1; DROP TABLE x"},
                                                                {"mustBe", 1}}})}}})}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(server.get("/api/governance/odcs/contracts/" + id + "/versions").json().size(), 1u);
  EXPECT_EQ(server.get(base + "/contracts?status=live").status, 422);
  EXPECT_EQ(server.post(base + "/generate-schema", Json{{"catalog", "main"}}).status, 422);
  EXPECT_EQ(server.post(base + "/migrate", Json{{"source_table", "main.odcs.none"}}).status, 404);
  EXPECT_EQ(server.get(base + "/contracts/" + id + "/diff").status, 400);
}

TEST_F(GovernanceOdcs, ListPrefillMapAndMigrate) {
  const std::string id = create(odcsPeopleContract());
  Json other = odcsPeopleContract();
  other["domain"] = "hr";
  other["status"] = "draft";
  create(other);
  EXPECT_EQ(server.get("/api/governance/odcs/contracts").json().size(), 2u);
  EXPECT_EQ(server.get("/api/governance/odcs/contracts?domain=hr").json().size(), 1u);
  EXPECT_EQ(server.get("/api/governance/odcs/contracts?status=active").json()[0]["contract_id"],
            id);

  const Json prefill = server.get("/api/governance/odcs/prefill").json();
  EXPECT_EQ(prefill["server"]["type"], "databricks");

  // A DQ rule of the quality plugin on people.email, written into the contract once.
  HttpResult r = server.post("/api/governance/dq/rules", Json{{"table_fqn", "main.odcs.people"},
                                                              {"name", "email present"},
                                                              {"rule_type", "not_null"},
                                                              {"column", "email"}});
  ASSERT_EQ(r.status, 200) << r.body;
  r = server.post("/api/governance/odcs/contracts/" + id + "/map-dq", Json{{"dry_run", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json()["mapped"].size(), 1u) << r.body;
  EXPECT_EQ(r.json()["version"], "1.0.0");
  r = server.post("/api/governance/odcs/contracts/" + id + "/map-dq", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["version"], "1.0.1");
  EXPECT_EQ(r.json()["mapped"][0]["property"], "email");
  r = server.post("/api/governance/odcs/contracts/" + id + "/map-dq", Json::object());
  EXPECT_EQ(r.json()["mapped"].size(), 0u);
  EXPECT_EQ(r.json()["already_present"], 1);
  // An SLA rule of the governance plugin on people, written into the contract once.
  r = server.post("/api/governance/sla/rules", Json{{"table_fqn", "main.odcs.people"},
                                                    {"metric_type", "freshness"},
                                                    {"threshold", 12},
                                                    {"severity", "high"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string slaId = r.json()["sla_id"].get<std::string>();
  r = server.post("/api/governance/odcs/contracts/" + id + "/map-sla", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json()["mapped"].size(), 1u) << r.body;
  EXPECT_EQ(r.json()["mapped"][0]["sla_id"], slaId);
  EXPECT_EQ(r.json()["mapped"][0]["sla_property"]["property"], "latency");
  EXPECT_EQ(r.json()["mapped"][0]["sla_property"]["value"], 12.0);
  r = server.post("/api/governance/odcs/contracts/" + id + "/map-sla", Json::object());
  EXPECT_EQ(r.json()["already_present"], 1) << r.body;

  r = server.post("/api/governance/odcs/migrate",
                  Json{{"contracts", Json::parse(R"json([{"contract_id": "legacy-1", "name": "old",
                        "table_fqn": "main.odcs.people", "version": "1.0",
                        "columns": [{"name": "id", "type": "INT", "nullable": false}]},
                       {"name": "bad", "version": "1.0.0", "status": "ACTIVE",
                        "columns": "not json"}])json")}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["migrated"], 2);
  EXPECT_EQ(server.get("/api/governance/odcs/contracts/legacy-1").json()["version"], "1.0.0");
  r = server.post("/api/governance/odcs/migrate",
                  Json{{"contracts", Json::parse(R"json([{"contract_id": "legacy-1"}])json")}});
  EXPECT_EQ(r.json()["skipped"].size(), 1u);
  r = server.post("/api/governance/odcs/migrate",
                  Json{{"source_table", "main.legacy.data_contracts"}, {"dry_run", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["migrated"], 1);
  EXPECT_EQ(server.get("/api/governance/odcs/contracts/legacy-t").status, 404);  // dry run
  r = server.post("/api/governance/odcs/migrate",
                  Json{{"source_table", "main.legacy.data_contracts"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const Json migrated = server.get("/api/governance/odcs/contracts/legacy-t").json();
  EXPECT_EQ(migrated["version"], "3.1.0");
  EXPECT_EQ(migrated["odcs_document"]["schema"][0]["properties"][0]["required"], true);
}

}  // namespace
}  // namespace clxs::testing
