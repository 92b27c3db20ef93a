// The analysis plugin end to end: POST /api/validate and POST /api/diff on catalogs seeded
// with `clxs sql` (deep clones, then edits), checksums on real data, hostile names and bad
// input.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/api_calls.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

Json validate(const ServerProcess& s, const std::string& source, const std::string& dest,
              bool checksum = true) {
  return postJson(s, "/api/validate",
                  Json{{"source_catalog", source},
                       {"destination_catalog", dest},
                       {"use_checksum", checksum},
                       {"max_workers", 3}});
}

// The details entry of schema.table, or null.
Json detail(const Json& summary, const std::string& schema, const std::string& table) {
  for (const auto& d : summary["details"]) {
    if (d["schema"] == schema && d["table"] == table) return d;
  }
  return nullptr;
}

// prod: sales.{orders, customers, v_orders view}, hr.people, default.scratch; prod_clone: a
// deep clone of every table and the view.
constexpr const char* kProd = R"sql(
CREATE CATALOG prod;
CREATE SCHEMA prod.sales;
CREATE SCHEMA prod.hr;
CREATE TABLE prod.sales.orders (id BIGINT, customer STRING, amount DECIMAL(10,2), note STRING);
INSERT INTO prod.sales.orders VALUES (1, 'ann', 10.50, NULL), (2, 'bob', 20.00, 'NULL'),
  (3, 'cy', 5.25, ''), (4, NULL, NULL, 'x');
CREATE TABLE prod.sales.customers (id BIGINT, name STRING);
INSERT INTO prod.sales.customers VALUES (1, 'ann'), (2, 'bob'), (3, 'cy');
CREATE VIEW prod.sales.v_orders AS SELECT id FROM prod.sales.orders;
CREATE TABLE prod.hr.people (id INT, name STRING);
INSERT INTO prod.hr.people VALUES (7, 'eve');
CREATE TABLE prod.default.scratch (x INT);
CREATE CATALOG prod_clone;
CREATE SCHEMA prod_clone.sales;
CREATE SCHEMA prod_clone.hr;
CREATE TABLE prod_clone.sales.orders DEEP CLONE prod.sales.orders;
CREATE TABLE prod_clone.sales.customers DEEP CLONE prod.sales.customers;
CREATE VIEW prod_clone.sales.v_orders AS SELECT id FROM prod_clone.sales.orders;
CREATE TABLE prod_clone.hr.people DEEP CLONE prod.hr.people;
)sql";

TEST(Validate, AnExactCloneMatchesEveryTableByCountAndChecksum) {
  ServerProcess s;
  seedSql(s.dataDir(), kProd);
  const Json v = validate(s, "prod", "prod_clone");
  EXPECT_EQ(v["total_tables"], 3) << v.dump(2);  // views and the default schema are skipped
  EXPECT_EQ(v["matched"], 3);
  EXPECT_EQ(v["mismatched"], 0);
  EXPECT_EQ(v["errors"], 0);
  EXPECT_EQ(v["checksum_mismatches"], 0);
  EXPECT_EQ(v["mismatched_tables"], Json::array());
  EXPECT_EQ(v["source_catalog"], "prod");
  EXPECT_EQ(v["destination_catalog"], "prod_clone");
  EXPECT_EQ(v["use_checksum"], true);
  EXPECT_TRUE(v["duration_seconds"].is_number());
  const Json orders = detail(v, "sales", "orders");
  EXPECT_EQ(orders, (Json{{"schema", "sales"},
                          {"table", "orders"},
                          {"source_count", 4},
                          {"dest_count", 4},
                          {"match", true},
                          {"checksum_match", true},
                          {"error", nullptr},
                          {"columns_match", true},
                          {"column_difference", nullptr}}));
  // Without the checksum only counts are compared.
  const Json counts = validate(s, "prod", "prod_clone", false);
  EXPECT_EQ(counts["matched"], 3);
  EXPECT_TRUE(detail(counts, "sales", "orders")["checksum_match"].is_null());
}

TEST(Validate, ReportsAChangedCellADeletedRowAndADroppedTable) {
  ServerProcess s;
  seedSql(s.dataDir(), kProd);
  seedSql(s.dataDir(), R"sql(
UPDATE prod_clone.sales.orders SET note = 'changed' WHERE id = 3;
DELETE FROM prod_clone.sales.customers WHERE id = 2;
DROP TABLE prod_clone.hr.people;
)sql");
  const Json v = validate(s, "prod", "prod_clone");
  EXPECT_EQ(v["total_tables"], 3) << v.dump(2);
  EXPECT_EQ(v["matched"], 0);
  EXPECT_EQ(v["mismatched"], 2);
  EXPECT_EQ(v["errors"], 1);
  EXPECT_EQ(v["checksum_mismatches"], 1);

  const Json orders = detail(v, "sales", "orders");
  EXPECT_EQ(orders["source_count"], 4);
  EXPECT_EQ(orders["dest_count"], 4);
  EXPECT_EQ(orders["match"], false);
  EXPECT_EQ(orders["checksum_match"], false);
  EXPECT_TRUE(orders["error"].is_null());

  const Json customers = detail(v, "sales", "customers");
  EXPECT_EQ(customers["source_count"], 3);
  EXPECT_EQ(customers["dest_count"], 2);
  EXPECT_EQ(customers["match"], false);

  const Json people = detail(v, "hr", "people");
  EXPECT_EQ(people["match"], false);
  EXPECT_EQ(people["source_count"], 1);
  EXPECT_EQ(people["error"], "Table `prod_clone`.`hr`.`people` does not exist in the destination.");
  ASSERT_EQ(v["mismatched_tables"].size(), 2U);

  // Without the checksum the changed cell goes unnoticed, as in the original.
  const Json counts = validate(s, "prod", "prod_clone", false);
  EXPECT_EQ(detail(counts, "sales", "orders")["match"], true);
}

TEST(Validate, TheChecksumIgnoresRowOrderButSeesNullsEmptyStringsAndBoundaries) {
  ServerProcess s;
  std::string script;
  for (const char* c :
       {"base", "reordered", "null_text", "empty_text", "shifted", "one_cell", "retyped"}) {
    script += std::string("CREATE CATALOG ") + c + ";\nCREATE SCHEMA " + c + ".s;\n";
  }
  script += R"sql(
CREATE TABLE base.s.t (id INT, a STRING, b STRING);
INSERT INTO base.s.t VALUES (1, 'x', 'ab'), (2, NULL, 'c'), (3, 'y', '');
CREATE TABLE reordered.s.t (id INT, a STRING, b STRING);
INSERT INTO reordered.s.t VALUES (3, 'y', '');
INSERT INTO reordered.s.t VALUES (2, NULL, 'c'), (1, 'x', 'ab');
CREATE TABLE null_text.s.t (id INT, a STRING, b STRING);
INSERT INTO null_text.s.t VALUES (1, 'x', 'ab'), (2, 'NULL', 'c'), (3, 'y', '');
CREATE TABLE empty_text.s.t (id INT, a STRING, b STRING);
INSERT INTO empty_text.s.t VALUES (1, 'x', 'ab'), (2, '', 'c'), (3, 'y', '');
CREATE TABLE shifted.s.t (id INT, a STRING, b STRING);
INSERT INTO shifted.s.t VALUES (1, 'xa', 'b'), (2, NULL, 'c'), (3, 'y', '');
CREATE TABLE one_cell.s.t (id INT, a STRING, b STRING);
INSERT INTO one_cell.s.t VALUES (1, 'x', 'ab'), (2, NULL, 'c'), (3, 'y', NULL);
CREATE TABLE retyped.s.t (id BIGINT, a STRING, b STRING);
INSERT INTO retyped.s.t VALUES (1, 'x', 'ab'), (2, NULL, 'c'), (3, 'y', '');
)sql";
  seedSql(s.dataDir(), script);
  const Json same = validate(s, "base", "reordered");
  EXPECT_EQ(detail(same, "s", "t")["checksum_match"], true) << same.dump(2);
  for (const char* other : {"null_text", "empty_text", "shifted", "one_cell"}) {
    const Json v = validate(s, "base", other);
    const Json d = detail(v, "s", "t");
    EXPECT_EQ(d["dest_count"], 3) << other;
    EXPECT_EQ(d["checksum_match"], false) << other << " " << v.dump(2);
    EXPECT_EQ(d["match"], false) << other;
  }
  const Json retyped = detail(validate(s, "base", "retyped"), "s", "t");
  EXPECT_EQ(retyped["columns_match"], false);
  EXPECT_EQ(retyped["checksum_match"], false);
  EXPECT_NE(retyped["column_difference"].get<std::string>().find("id"), std::string::npos);
}

TEST(Diff, ListsMissingExtraAndMatchingObjects) {
  ServerProcess s;
  seedSql(s.dataDir(), kProd);
  seedSql(s.dataDir(), R"sql(
CREATE SCHEMA prod.analytics;
CREATE TABLE prod.analytics.kpis (k STRING);
CREATE TABLE prod.sales.orders_v2 (id BIGINT);
CREATE VIEW prod.sales.v_customers AS SELECT * FROM prod.sales.customers;
CREATE FUNCTION prod.sales.twice(x INT) RETURNS INT RETURN x * 2;
CREATE SCHEMA prod_clone.tmp;
CREATE TABLE prod_clone.tmp.leftover (x INT);
CREATE TABLE prod_clone.sales.extra_copy (x INT);
CREATE VIEW prod_clone.sales.v_extra AS SELECT 1 AS one;
CREATE VOLUME prod_clone.sales.uploads;
)sql");
  const Json d = postJson(s, "/api/diff",
                          Json{{"source_catalog", "prod"}, {"destination_catalog", "prod_clone"}});
  EXPECT_EQ(d["missing_schemas"], Json::array({"analytics"})) << d.dump(2);
  EXPECT_EQ(d["extra_schemas"], Json::array({"tmp"}));
  EXPECT_EQ(d["matching_schemas"], Json::array({"hr", "sales"}));
  EXPECT_EQ(d["missing_tables"], Json::array({"analytics.kpis", "sales.orders_v2"}));
  EXPECT_EQ(d["extra_tables"], Json::array({"sales.extra_copy", "tmp.leftover"}));
  EXPECT_EQ(d["matching_tables"], Json::array({"hr.people", "sales.customers", "sales.orders"}));
  EXPECT_EQ(d["missing_views"], Json::array({"sales.v_customers"}));
  EXPECT_EQ(d["extra_views"], Json::array({"sales.v_extra"}));
  EXPECT_EQ(d["matching_views"], Json::array({"sales.v_orders"}));
  EXPECT_EQ(d["missing_functions"], Json::array({"sales.twice"}));
  EXPECT_EQ(d["extra_volumes"], Json::array({"sales.uploads"}));
  EXPECT_EQ(d["counts"]["tables"]["missing"], 2);
  EXPECT_EQ(d["counts"]["schemas"]["source"], 3);
  EXPECT_EQ(d["in_sync"], false);
  EXPECT_EQ(d["warnings"], Json::array());

  // exclude_schemas narrows both sides.
  const Json narrowed =
      postJson(s, "/api/diff",
               Json{{"source_catalog", "prod"},
                    {"destination_catalog", "prod_clone"},
                    {"exclude_schemas", {"analytics", "tmp", "sales", "default"}}});
  EXPECT_EQ(narrowed["in_sync"], true) << narrowed.dump(2);
  EXPECT_EQ(narrowed["matching_tables"], Json::array({"hr.people"}));
}

TEST(Analysis, HostileNamesRoundTrip) {
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
)sql");
  const Json v = validate(s, "s`r'c;1", "d`s't;2");
  EXPECT_EQ(v["matched"], 1) << v.dump(2);
  const Json d = detail(v, "sc`h'm; DROP", "t`b'l;--");
  EXPECT_EQ(d["checksum_match"], true) << v.dump(2);
  EXPECT_EQ(d["source_count"], 2);
  const Json diff = postJson(
      s, "/api/diff", Json{{"source_catalog", "s`r'c;1"}, {"destination_catalog", "d`s't;2"}});
  EXPECT_EQ(diff["matching_tables"], Json::array({"sc`h'm; DROP.t`b'l;--"})) << diff.dump(2);
  EXPECT_EQ(diff["in_sync"], true);
}

TEST(Analysis, BadBodiesAre422WithTheirLocation) {
  ServerProcess s;
  auto loc = [&](const std::string& path, const Json& body) {
    const Json r = postJson(s, path, body, 422);
    return r["detail"].is_array() && !r["detail"].empty() ? r["detail"][0]["loc"] : Json();
  };
  for (const char* path : {"/api/validate", "/api/diff"}) {
    EXPECT_EQ(loc(path, Json{{"destination_catalog", "b"}}),
              Json::array({"body", "source_catalog"}));
    EXPECT_EQ(loc(path, Json{{"source_catalog", "a"}}),
              Json::array({"body", "destination_catalog"}));
    EXPECT_EQ(loc(path, Json{{"source_catalog", 5}, {"destination_catalog", "b"}}),
              Json::array({"body", "source_catalog"}));
    EXPECT_EQ(loc(path, Json{{"source_catalog", ""}, {"destination_catalog", "b"}}),
              Json::array({"body", "source_catalog"}));
    EXPECT_EQ(loc(path, Json{{"source_catalog", "a"},
                             {"destination_catalog", "b"},
                             {"exclude_schemas", "default"}}),
              Json::array({"body", "exclude_schemas"}));
    EXPECT_EQ(loc(path, Json{{"source_catalog", "same"}, {"destination_catalog", "SAME"}}),
              Json::array({"body", "destination_catalog"}));
  }
  EXPECT_EQ(loc("/api/validate",
                Json{{"source_catalog", "a"}, {"destination_catalog", "b"}, {"max_workers", 65}}),
            Json::array({"body", "max_workers"}));
  EXPECT_EQ(loc("/api/validate",
                Json{{"source_catalog", "a"}, {"destination_catalog", "b"}, {"max_workers", 0}}),
            Json::array({"body", "max_workers"}));
  EXPECT_EQ(
      loc("/api/validate",
          Json{{"source_catalog", "a"}, {"destination_catalog", "b"}, {"use_checksum", "yes"}}),
      Json::array({"body", "use_checksum"}));
  const HttpResult notJson = s.request("POST", "/api/validate", "{not json");
  EXPECT_EQ(notJson.status, 422) << notJson.body;
}

TEST(Analysis, UnknownCatalogsAre404NamingThem) {
  ServerProcess s;
  seedSql(s.dataDir(), "CREATE CATALOG prod;");
  for (const char* path : {"/api/validate", "/api/diff"}) {
    Json r =
        postJson(s, path, Json{{"source_catalog", "prod"}, {"destination_catalog", "ghost"}}, 404);
    EXPECT_EQ(r["detail"], "Destination catalog `ghost` not found.");
    r = postJson(s, path, Json{{"source_catalog", "nope"}, {"destination_catalog", "prod"}}, 404);
    EXPECT_EQ(r["detail"], "Source catalog `nope` not found.");
  }
}

}  // namespace
}  // namespace clxs::testing
