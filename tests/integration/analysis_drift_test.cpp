// The analysis plugin's column-drift routes end to end: POST /api/compare, /api/schema-drift,
// /api/diff-detail and /api/monitor on catalogs seeded with `clxs sql` (deep clones, then a
// column added, a column dropped, a type changed and columns reordered by re-creating
// tables), hostile names and bad input.
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "tests/support/api_calls.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/url_encode.hpp"

namespace clxs::testing {
namespace {

Json pair(const std::string& source, const std::string& dest) {
  return Json{{"source_catalog", source}, {"destination_catalog", dest}};
}

Json monitor(const ServerProcess& s, const std::string& query, int status = 200) {
  const HttpResult r = s.request("POST", "/api/monitor?" + query);
  EXPECT_EQ(r.status, status) << query << " -> " << r.body;
  return r.json();
}

// The entry of `list` whose `key` is `value`, or null.
Json find(const Json& list, const std::string& key, const std::string& value) {
  for (const auto& e : list) {
    if (e.value(key, std::string()) == value) return e;
  }
  return nullptr;
}

// prod: sales.{orders, customers, events, untouched}, hr.people, sales.v_orders (view),
// default.scratch; prod_clone: a deep clone of every table and the view.
constexpr const char* kDriftProd = R"sql(
CREATE CATALOG prod;
CREATE SCHEMA prod.sales;
CREATE SCHEMA prod.hr;
CREATE TABLE prod.sales.orders
  (id BIGINT NOT NULL, customer STRING, amount DECIMAL(10,2), legacy_flag BOOLEAN);
INSERT INTO prod.sales.orders VALUES (1, 'ann', 10.50, true), (2, 'bob', 20.00, false);
CREATE TABLE prod.sales.customers (id BIGINT, name STRING, email STRING);
INSERT INTO prod.sales.customers VALUES (1, 'ann', 'a@x'), (2, 'bob', 'b@x'), (3, 'cy', NULL);
CREATE TABLE prod.sales.events (a INT, b STRING, c DATE);
INSERT INTO prod.sales.events VALUES (1, 'x', DATE '2024-01-01');
CREATE TABLE prod.sales.untouched (x INT, y STRING);
INSERT INTO prod.sales.untouched VALUES (1, 'one');
CREATE VIEW prod.sales.v_orders AS SELECT id FROM prod.sales.orders;
CREATE TABLE prod.hr.people (id INT, name STRING, dept STRING);
INSERT INTO prod.hr.people VALUES (7, 'eve', 'ops');
CREATE TABLE prod.default.scratch (x INT);
CREATE CATALOG prod_clone;
CREATE SCHEMA prod_clone.sales;
CREATE SCHEMA prod_clone.hr;
CREATE TABLE prod_clone.sales.orders DEEP CLONE prod.sales.orders;
CREATE TABLE prod_clone.sales.customers DEEP CLONE prod.sales.customers;
CREATE TABLE prod_clone.sales.events DEEP CLONE prod.sales.events;
CREATE TABLE prod_clone.sales.untouched DEEP CLONE prod.sales.untouched;
CREATE VIEW prod_clone.sales.v_orders AS SELECT id FROM prod_clone.sales.orders;
CREATE TABLE prod_clone.hr.people DEEP CLONE prod.hr.people;
)sql";

// The drift: customers gains phone; orders loses legacy_flag (column mapping first, as
// Databricks requires) and id becomes nullable; people is re-created with id BIGINT; events
// is re-created with a moved to the end.
constexpr const char* kDrift = R"sql(
ALTER TABLE prod_clone.sales.customers ADD COLUMNS (phone STRING);
ALTER TABLE prod_clone.sales.orders SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name',
  'delta.minReaderVersion' = '2', 'delta.minWriterVersion' = '5');
ALTER TABLE prod_clone.sales.orders DROP COLUMN legacy_flag;
ALTER TABLE prod_clone.sales.orders ALTER COLUMN id DROP NOT NULL;
CREATE OR REPLACE TABLE prod_clone.hr.people (id BIGINT, name STRING, dept STRING);
DROP TABLE prod_clone.sales.events;
CREATE TABLE prod_clone.sales.events (b STRING, c DATE, a INT);
)sql";

class AnalysisDrift : public ::testing::Test {
 protected:
  void SetUp() override { seedSql(s.dataDir(), kDriftProd); }
  ServerProcess s;
};

TEST_F(AnalysisDrift, AnExactCloneHasNoDriftAnywhere) {
  const Json c = postJson(s, "/api/compare", pair("prod", "prod_clone"));
  EXPECT_EQ(c["in_sync"], true) << c.dump(2);
  EXPECT_EQ(c["summary"]["tables_compared"], 5);  // views and default.scratch are skipped
  EXPECT_EQ(c["summary"]["tables_matching"], 5);
  const Json d = postJson(s, "/api/schema-drift", pair("prod", "prod_clone"));
  EXPECT_EQ(d["summary"]["tables_with_drift"], 0) << d.dump(2);
  EXPECT_EQ(d["drifts"], Json::array());
  const Json m = monitor(s, "source_catalog=prod&destination_catalog=prod_clone&check_counts=true");
  EXPECT_EQ(m["status"], "in_sync") << m.dump(2);
  EXPECT_EQ(m["in_sync"], true);
  EXPECT_EQ(m["count_mismatches"], Json::array());
  EXPECT_EQ(m["issues"], Json::array());
}

TEST_F(AnalysisDrift, CompareReportsEveryKindOfColumnDifference) {
  seedSql(s.dataDir(), kDrift);
  const Json c = postJson(s, "/api/compare", pair("prod", "prod_clone"));
  EXPECT_EQ(c["source_catalog"], "prod");
  EXPECT_EQ(c["destination_catalog"], "prod_clone");
  EXPECT_TRUE(c["duration_seconds"].is_number());
  EXPECT_EQ(c["in_sync"], false);
  ASSERT_EQ(c["tables"].size(), 5U) << c.dump(2);

  const Json customers = find(c["tables"], "table_fqn", "sales.customers");
  EXPECT_EQ(customers["match"], false) << c.dump(2);
  EXPECT_EQ(customers["extra_columns"],
            Json::array({Json{
                {"column", "phone"}, {"type", "string"}, {"nullable", true}, {"position", 3}}}));
  EXPECT_EQ(customers["missing_columns"], Json::array());

  const Json orders = find(c["tables"], "table_fqn", "sales.orders");
  EXPECT_EQ(orders["source_columns"], 4);
  EXPECT_EQ(orders["dest_columns"], 3);
  ASSERT_EQ(orders["missing_columns"].size(), 1U) << orders.dump(2);
  EXPECT_EQ(orders["missing_columns"][0]["column"], "legacy_flag");
  EXPECT_EQ(orders["missing_columns"][0]["position"], 3);
  EXPECT_EQ(
      orders["nullability_changes"],
      Json::array({Json{{"column", "id"}, {"source_nullable", false}, {"dest_nullable", true}}}));
  EXPECT_EQ(orders["type_changes"], Json::array());

  const Json people = find(c["tables"], "table_fqn", "hr.people");
  ASSERT_EQ(people["type_changes"].size(), 1U) << people.dump(2);
  EXPECT_EQ(people["type_changes"][0]["column"], "id");
  EXPECT_EQ(people["type_changes"][0]["source_type"], "int");
  EXPECT_EQ(people["type_changes"][0]["dest_type"], "bigint");

  const Json events = find(c["tables"], "table_fqn", "sales.events");
  EXPECT_EQ(events["moved_columns"],
            Json::array({Json{{"column", "a"}, {"source_position", 0}, {"dest_position", 2}}}))
      << events.dump(2);
  EXPECT_EQ(events["missing_columns"], Json::array());

  EXPECT_EQ(find(c["tables"], "table_fqn", "sales.untouched")["match"], true);
  EXPECT_EQ(c["summary"]["tables_with_differences"], 4);
  EXPECT_EQ(c["summary"]["missing_columns"], 1);
  EXPECT_EQ(c["summary"]["extra_columns"], 1);
  EXPECT_EQ(c["summary"]["type_changes"], 1);
  EXPECT_EQ(c["summary"]["nullability_changes"], 1);
  EXPECT_EQ(c["summary"]["moved_columns"], 1);
}

TEST_F(AnalysisDrift, SchemaDriftListsAddedRemovedAndModifiedColumns) {
  seedSql(s.dataDir(), kDrift);
  const Json d = postJson(s, "/api/schema-drift", pair("prod", "prod_clone"));
  EXPECT_EQ(d["summary"], (Json{{"tables_checked", 5},
                                {"tables_with_drift", 4},
                                {"added_columns", 1},
                                {"removed_columns", 1},
                                {"modified_columns", 2},
                                {"moved_columns", 1},
                                {"total_drift_count", 5}}))
      << d.dump(2);
  const Json customers = find(d["tables"], "table_fqn", "sales.customers");
  EXPECT_EQ(customers["added_columns"][0]["column"], "phone");
  const Json orders = find(d["tables"], "table_fqn", "sales.orders");
  EXPECT_EQ(orders["removed_columns"][0]["column"], "legacy_flag");
  EXPECT_EQ(orders["modified_columns"][0]["changes"], Json::array({"nullability"}));
  const Json people = find(d["tables"], "table_fqn", "hr.people");
  EXPECT_EQ(people["modified_columns"][0]["changes"], Json::array({"type"}));
  EXPECT_EQ(find(d["tables"], "table_fqn", "sales.events")["order_changed"], true);
  EXPECT_TRUE(find(d["tables"], "table_fqn", "sales.untouched").is_null());
  const Json added = find(d["drifts"], "change_type", "ADDED");
  EXPECT_EQ(added["column"], "phone");
  EXPECT_EQ(added["new_type"], "string");
  const Json removed = find(d["drifts"], "change_type", "REMOVED");
  EXPECT_EQ(removed["column"], "legacy_flag");
  EXPECT_EQ(removed["old_type"], "boolean");
  EXPECT_EQ(d["in_sync"], false);
  EXPECT_EQ(d["errors"], Json::array());
}

TEST_F(AnalysisDrift, DiffDetailCombinesTheObjectDiffDriftAndSizes) {
  seedSql(s.dataDir(), kDrift);
  seedSql(s.dataDir(), R"sql(
CREATE TABLE prod.sales.orders_v2 (id BIGINT);
CREATE SCHEMA prod_clone.tmp;
CREATE TABLE prod_clone.tmp.leftover (x INT);
)sql");
  const Json d = postJson(s, "/api/diff-detail", pair("prod", "prod_clone"));
  // The presence part is the object diff of POST /api/diff.
  const Json diff = postJson(s, "/api/diff", pair("prod", "prod_clone"));
  for (const char* kind : {"schemas", "tables", "views", "functions", "volumes"}) {
    const std::string k(kind);
    EXPECT_EQ(d[k]["missing"], diff["missing_" + k]) << k << " " << d.dump(2);
    EXPECT_EQ(d[k]["extra"], diff["extra_" + k]) << k;
    EXPECT_EQ(d[k]["matching"], diff["matching_" + k]) << k;
  }
  EXPECT_EQ(d["tables"]["missing"], Json::array({"sales.orders_v2"}));
  EXPECT_EQ(d["schemas"]["extra"], Json::array({"tmp"}));

  const Json orders = find(d["drift"], "table_fqn", "sales.orders");
  EXPECT_EQ(orders["removed_columns"], Json::array({"legacy_flag"})) << d.dump(2);
  EXPECT_EQ(orders["source_columns"], 4);
  EXPECT_EQ(orders["dest_columns"], 3);
  EXPECT_EQ(find(d["drift"], "table_fqn", "sales.customers")["added_columns"],
            Json::array({"phone"}));
  EXPECT_EQ(find(d["drift"], "table_fqn", "sales.events")["order_changed"], true);
  // people was re-created empty: its size delta is the source's size, negated.
  const Json people = find(d["drift"], "table_fqn", "hr.people");
  EXPECT_EQ(people["type_changes"][0]["dest_type"], "bigint");
  ASSERT_TRUE(people["source_size_bytes"].is_number_integer()) << people.dump(2);
  ASSERT_TRUE(people["dest_size_bytes"].is_number_integer());
  EXPECT_GT(people["source_size_bytes"].get<std::int64_t>(), 0);
  EXPECT_EQ(people["size_delta_bytes"].get<std::int64_t>(),
            people["dest_size_bytes"].get<std::int64_t>() -
                people["source_size_bytes"].get<std::int64_t>());
  EXPECT_EQ(d["summary"]["total_matching_tables"], 5);
  EXPECT_GE(d["summary"]["tables_with_drift"], 4);
  EXPECT_EQ(d["summary"]["columns_added"], 1);
  EXPECT_EQ(d["summary"]["columns_removed"], 1);
  EXPECT_EQ(d["summary"]["type_changes"], 1);
  EXPECT_GT(d["summary"]["total_size_source_bytes"].get<std::int64_t>(), 0);
  EXPECT_EQ(d["drift_errors"], Json::array());
  EXPECT_EQ(d["in_sync"], false);
}

TEST_F(AnalysisDrift, MonitorReportsMissingTablesDriftAndRowCounts) {
  seedSql(s.dataDir(), kDrift);
  seedSql(s.dataDir(), R"sql(
CREATE TABLE prod.sales.orders_v2 (id BIGINT);
DELETE FROM prod_clone.sales.customers WHERE id = 2;
)sql");
  const Json m = monitor(s, "source_catalog=prod&destination_catalog=prod_clone&check_counts=true");
  EXPECT_EQ(m["status"], "drift_detected") << m.dump(2);
  EXPECT_EQ(m["in_sync"], false);
  EXPECT_EQ(m["source_catalog"], "prod");
  EXPECT_EQ(m["destination_catalog"], "prod_clone");
  const std::string at = m["checked_at"].get<std::string>();
  EXPECT_EQ(at.size(), 24U) << at;
  EXPECT_EQ(at.back(), 'Z');
  EXPECT_EQ(m["missing_tables"], Json::array({"sales.orders_v2"}));
  EXPECT_EQ(m["diff"]["missing_in_dest"], 1);
  EXPECT_EQ(m["drift"]["tables_with_drift"], 4);
  EXPECT_EQ(find(m["drift"]["tables"], "table_fqn", "sales.customers")["added_columns"],
            Json::array({"phone"}));
  // people and events were re-created empty, customers lost a row.
  const Json customers = find(m["count_mismatches"], "table", "customers");
  EXPECT_EQ(customers["source_count"], 3) << m.dump(2);
  EXPECT_EQ(customers["dest_count"], 2);
  EXPECT_EQ(find(m["count_mismatches"], "table", "people")["dest_count"], 0);
  EXPECT_TRUE(find(m["count_mismatches"], "table", "orders").is_null());
  EXPECT_EQ(m["count_errors"], Json::array());
  EXPECT_EQ(m["checks"], (Json{{"drift", true}, {"counts", true}}));
  EXPECT_GE(m["issues"].size(), 3U);

  // Defaults: drift checked, counts not.
  const Json d = monitor(s, "source_catalog=prod&destination_catalog=prod_clone");
  EXPECT_TRUE(d["count_mismatches"].is_null()) << d.dump(2);
  EXPECT_EQ(d["drift"]["tables_with_drift"], 4);
  const Json n = monitor(s, "source_catalog=prod&destination_catalog=prod_clone&check_drift=false");
  EXPECT_TRUE(n["drift"].is_null());
  EXPECT_EQ(n["status"], "drift_detected");  // orders_v2 is still missing
}

TEST(AnalysisDriftNames, HostileNamesRoundTrip) {
  ServerProcess s;
  seedSql(s.dataDir(), R"sql(
CREATE CATALOG `s``r'c;1`;
CREATE SCHEMA `s``r'c;1`.`sc``h'm; DROP`;
CREATE TABLE `s``r'c;1`.`sc``h'm; DROP`.`t``b'l;--` (`c``o'l;` INT, `v"q` STRING);
INSERT INTO `s``r'c;1`.`sc``h'm; DROP`.`t``b'l;--` VALUES (1, 'a'), (2, NULL);
CREATE CATALOG `d``s't;2`;
CREATE SCHEMA `d``s't;2`.`sc``h'm; DROP`;
CREATE TABLE `d``s't;2`.`sc``h'm; DROP`.`t``b'l;--`
  DEEP CLONE `s``r'c;1`.`sc``h'm; DROP`.`t``b'l;--`;
ALTER TABLE `d``s't;2`.`sc``h'm; DROP`.`t``b'l;--` ADD COLUMNS (`n``e'w;` STRING);
)sql");
  const std::string src = "s`r'c;1";
  const std::string dst = "d`s't;2";
  const std::string fqn = "sc`h'm; DROP.t`b'l;--";
  const Json c = postJson(s, "/api/compare", pair(src, dst));
  ASSERT_EQ(c["tables"].size(), 1U) << c.dump(2);
  EXPECT_EQ(c["tables"][0]["schema"], "sc`h'm; DROP");
  EXPECT_EQ(c["tables"][0]["table"], "t`b'l;--");
  EXPECT_EQ(c["tables"][0]["extra_columns"][0]["column"], "n`e'w;");
  EXPECT_EQ(c["source_catalog"], src);

  const Json d = postJson(s, "/api/schema-drift", pair(src, dst));
  EXPECT_EQ(d["drifts"][0]["column"], "n`e'w;") << d.dump(2);
  EXPECT_EQ(d["drifts"][0]["table_fqn"], fqn);

  const Json detail = postJson(s, "/api/diff-detail", pair(src, dst));
  EXPECT_EQ(detail["tables"]["matching"], Json::array({fqn})) << detail.dump(2);
  EXPECT_EQ(detail["drift"][0]["added_columns"], Json::array({"n`e'w;"}));

  const Json m = monitor(s, "source_catalog=" + urlEncode(src) +
                                "&destination_catalog=" + urlEncode(dst) + "&check_counts=true");
  EXPECT_EQ(m["source_catalog"], src) << m.dump(2);
  EXPECT_EQ(m["count_mismatches"], Json::array());
  EXPECT_EQ(m["count_errors"], Json::array());
  EXPECT_EQ(m["drift"]["tables"][0]["added_columns"], Json::array({"n`e'w;"}));
  EXPECT_EQ(m["status"], "drift_detected");
}

TEST(AnalysisDriftInput, BadBodiesAre422UnknownCatalogsAre404) {
  ServerProcess s;
  seedSql(s.dataDir(), "CREATE CATALOG prod;\nCREATE CATALOG prod_clone;");
  auto loc = [&](const std::string& path, const Json& body) {
    const Json r = postJson(s, path, body, 422);
    return r["detail"].is_array() && !r["detail"].empty() ? r["detail"][0]["loc"] : Json();
  };
  for (const char* path : {"/api/compare", "/api/schema-drift", "/api/diff-detail"}) {
    EXPECT_EQ(loc(path, Json{{"destination_catalog", "b"}}),
              Json::array({"body", "source_catalog"}));
    EXPECT_EQ(loc(path, Json{{"source_catalog", "a"}}),
              Json::array({"body", "destination_catalog"}));
    EXPECT_EQ(loc(path, Json{{"source_catalog", ""}, {"destination_catalog", "b"}}),
              Json::array({"body", "source_catalog"}));
    EXPECT_EQ(loc(path, Json{{"source_catalog", "a"},
                             {"destination_catalog", "b"},
                             {"exclude_schemas", "default"}}),
              Json::array({"body", "exclude_schemas"}));
    EXPECT_EQ(loc(path, pair("prod", "PROD")), Json::array({"body", "destination_catalog"}));
    Json r = postJson(s, path, pair("prod", "ghost"), 404);
    EXPECT_EQ(r["detail"], "Destination catalog `ghost` not found.");
    r = postJson(s, path, pair("nope", "prod"), 404);
    EXPECT_EQ(r["detail"], "Source catalog `nope` not found.");
  }

  auto queryLoc = [&](const std::string& query) {
    const Json r = monitor(s, query, 422);
    return r["detail"].is_array() && !r["detail"].empty() ? r["detail"][0]["loc"] : Json();
  };
  EXPECT_EQ(queryLoc("destination_catalog=prod_clone"), Json::array({"query", "source_catalog"}));
  EXPECT_EQ(queryLoc("source_catalog=prod"), Json::array({"query", "destination_catalog"}));
  EXPECT_EQ(queryLoc("source_catalog=prod&destination_catalog=prod_clone&check_drift=maybe"),
            Json::array({"query", "check_drift"}));
  EXPECT_EQ(queryLoc("source_catalog=prod&destination_catalog=Prod"),
            Json::array({"query", "destination_catalog"}));
  // The original web UI's form: the same fields as a JSON body.
  const HttpResult body = s.post("/api/monitor", Json{{"source_catalog", "prod"},
                                                      {"destination_catalog", "prod_clone"},
                                                      {"check_drift", true},
                                                      {"check_counts", false}});
  ASSERT_EQ(body.status, 200) << body.body;
  EXPECT_EQ(body.json()["in_sync"], true);
  EXPECT_TRUE(body.json()["total_tables"].is_number());
  const HttpResult empty = s.post("/api/monitor", Json::object());
  EXPECT_EQ(empty.status, 422) << empty.body;
  // A query parameter wins over the body's field.
  const HttpResult both =
      s.post("/api/monitor?destination_catalog=ghost", pair("prod", "prod_clone"));
  EXPECT_EQ(both.status, 404) << both.body;
  Json r = monitor(s, "source_catalog=prod&destination_catalog=ghost", 404);
  EXPECT_EQ(r["detail"], "Destination catalog `ghost` not found.");
  r = monitor(s, "source_catalog=nope&destination_catalog=prod", 404);
  EXPECT_EQ(r["detail"], "Source catalog `nope` not found.");
}

}  // namespace
}  // namespace clxs::testing
