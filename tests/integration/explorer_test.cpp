// The explorer plugin end to end: catalogs, schemas, tables and metadata of a local
// workspace seeded with `clxs sql`, the metadata cache, hostile names and bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "tests/support/cli_process.hpp"
#include "tests/support/json_get.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/url_encode.hpp"

namespace clxs::testing {
namespace {

constexpr const char* kExplorerShop = R"sql(
CREATE CATALOG shop COMMENT 'The shop';
CREATE SCHEMA shop.sales;
CREATE SCHEMA shop.hr;
CREATE TABLE shop.sales.orders (id BIGINT NOT NULL COMMENT 'key', amount DOUBLE)
  COMMENT 'All orders' TBLPROPERTIES ('team' = 'sales');
INSERT INTO shop.sales.orders VALUES (1, 2.5), (2, 3.0);
CREATE TABLE shop.sales.customers (id BIGINT, name STRING);
CREATE VIEW shop.sales.v_big AS SELECT * FROM shop.sales.orders WHERE amount > 2.8;
CREATE FUNCTION shop.sales.twice(x INT) RETURNS INT RETURN x * 2;
CREATE VOLUME shop.sales.raw;
CREATE TABLE shop.default.scratch (x INT);
)sql";

TEST(Explorer, BrowsesCatalogsSchemasTablesAndObjects) {
  ServerProcess s;
  seedSql(s.dataDir(), kExplorerShop);
  const Json catalogs = getJson(s, "/api/catalogs");
  ASSERT_TRUE(catalogs.is_array());
  EXPECT_NE(std::find(catalogs.begin(), catalogs.end(), Json("shop")), catalogs.end());
  EXPECT_TRUE(std::is_sorted(catalogs.begin(), catalogs.end()));

  EXPECT_EQ(getJson(s, "/api/catalogs/shop/schemas"), Json::array({"hr", "sales"}));
  const Json info = getJson(s, "/api/catalogs/shop/info");
  EXPECT_EQ(info["name"], "shop");
  EXPECT_EQ(info["comment"], "The shop");
  EXPECT_TRUE(info["owner"].is_string());
  EXPECT_TRUE(info.contains("storage_root"));

  EXPECT_EQ(getJson(s, "/api/catalogs/shop/sales/tables"), Json::array({"customers", "orders"}));
  EXPECT_EQ(getJson(s, "/api/catalogs/shop/hr/tables"), Json::array());
  const Json formats = getJson(s, "/api/catalogs/shop/sales/tables/with-format");
  ASSERT_EQ(formats.size(), 2U) << formats.dump();
  EXPECT_EQ(formats[1],
            (Json{{"name", "orders"}, {"table_type", "MANAGED"}, {"data_source_format", "DELTA"}}));
  EXPECT_EQ(getJson(s, "/api/catalogs/shop/sales/objects"),
            (Json{{"tables", {"customers", "orders"}},
                  {"views", {"v_big"}},
                  {"functions", {"twice"}},
                  {"volumes", {"raw"}}}));
}

TEST(Explorer, TableInfoHasColumnsPropertiesAndSize) {
  ServerProcess s;
  seedSql(s.dataDir(), kExplorerShop);
  const Json t = getJson(s, "/api/catalogs/shop/sales/orders/info");
  EXPECT_EQ(t["name"], "orders");
  EXPECT_EQ(t["catalog"], "shop");
  EXPECT_EQ(t["schema"], "sales");
  EXPECT_EQ(t["table_type"], "MANAGED");
  EXPECT_EQ(t["data_source_format"], "DELTA");
  EXPECT_EQ(t["comment"], "All orders");
  EXPECT_EQ(t["properties"]["team"], "sales");
  EXPECT_TRUE(t["storage_location"].is_string());
  EXPECT_GT(t["size_bytes"].get<std::int64_t>(), 0);
  ASSERT_EQ(t["columns"].size(), 2U) << t.dump();
  EXPECT_EQ(t["columns"][0]["name"], "id");
  EXPECT_EQ(t["columns"][0]["nullable"], false);
  EXPECT_EQ(t["columns"][0]["comment"], "key");
  EXPECT_EQ(t["columns"][1]["name"], "amount");

  const Json v = getJson(s, "/api/catalogs/shop/sales/v_big/info");
  EXPECT_EQ(v["table_type"], "VIEW");
  EXPECT_NE(v["view_definition"].get<std::string>().find("amount > 2.8"), std::string::npos);
}

TEST(Explorer, UnknownObjectsAre404NamingThem) {
  ServerProcess s;
  seedSql(s.dataDir(), kExplorerShop);
  auto detail = [&](const std::string& path) {
    return getJson(s, path, 404)["detail"].get<std::string>();
  };
  EXPECT_NE(detail("/api/catalogs/nope/schemas").find("nope"), std::string::npos);
  EXPECT_NE(detail("/api/catalogs/nope/info").find("nope"), std::string::npos);
  EXPECT_NE(detail("/api/catalogs/shop/nope/tables").find("nope"), std::string::npos);
  EXPECT_NE(detail("/api/catalogs/shop/nope/objects").find("nope"), std::string::npos);
  EXPECT_NE(detail("/api/catalogs/shop/nope/tables/with-format").find("nope"), std::string::npos);
  EXPECT_NE(detail("/api/catalogs/shop/sales/ghost/info").find("`shop`.`sales`.`ghost`"),
            std::string::npos);
}

TEST(Explorer, OverlongNamesAre422OnThePathParameter) {
  ServerProcess s;
  const HttpResult r = s.get("/api/catalogs/" + std::string(300, 'x') + "/schemas");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["detail"][0]["loc"], Json::array({"path", "catalog"}));
  const HttpResult t = s.get("/api/catalogs/a/b/" + std::string(256, 't') + "/info");
  ASSERT_EQ(t.status, 422) << t.body;
  EXPECT_EQ(t.json()["detail"][0]["loc"], Json::array({"path", "table"}));
}

TEST(Explorer, AnswersAreCachedUntilTheCatalogIsInvalidated) {
  ServerProcess s;
  seedSql(s.dataDir(), kExplorerShop);
  EXPECT_EQ(getJson(s, "/api/catalogs/shop/sales/tables"), Json::array({"customers", "orders"}));
  seedSql(s.dataDir(), "CREATE TABLE shop.sales.returns (id BIGINT);");
  EXPECT_EQ(getJson(s, "/api/catalogs/shop/sales/tables"), Json::array({"customers", "orders"}));
  const HttpResult inv = s.post("/api/cache/invalidate", Json{{"catalog", "shop"}});
  ASSERT_EQ(inv.status, 200) << inv.body;
  EXPECT_GT(inv.json()["entries_removed"].get<int>(), 0);
  EXPECT_EQ(getJson(s, "/api/catalogs/shop/sales/tables"),
            Json::array({"customers", "orders", "returns"}));
}

TEST(Explorer, HostileNamesRoundTrip) {
  ServerProcess s;
  seedSql(s.dataDir(), R"sql(
CREATE CATALOG `c``a'x;1`;
CREATE SCHEMA `c``a'x;1`.`s``c'h; DROP`;
CREATE TABLE `c``a'x;1`.`s``c'h; DROP`.`t``b'l;--` (`c``o'l;` INT);
)sql");
  const std::string c = "c`a'x;1";
  const std::string sc = "s`c'h; DROP";
  const std::string t = "t`b'l;--";
  EXPECT_EQ(getJson(s, "/api/catalogs/" + urlEncode(c) + "/schemas"), Json::array({sc}));
  EXPECT_EQ(getJson(s, "/api/catalogs/" + urlEncode(c) + "/info")["name"], c);
  EXPECT_EQ(getJson(s, "/api/catalogs/" + urlEncode(c) + "/" + urlEncode(sc) + "/tables"),
            Json::array({t}));
  const Json info = getJson(
      s, "/api/catalogs/" + urlEncode(c) + "/" + urlEncode(sc) + "/" + urlEncode(t) + "/info");
  EXPECT_EQ(info["name"], t);
  EXPECT_EQ(info["schema"], sc);
  EXPECT_EQ(info["columns"][0]["name"], "c`o'l;");
  EXPECT_EQ(info["columns"][0]["column_name"], "c`o'l;") << "the original UI's field";
  EXPECT_FALSE(info["columns"][0]["data_type"].get<std::string>().empty());
}

TEST(Explorer, DisabledPluginAnswers404NamingIt) {
  ServerProcess s;
  ASSERT_EQ(s.post("/api/plugins/toggle", Json{{"name", "explorer"}, {"enabled", false}}).status,
            200);
  const HttpResult r = s.get("/api/catalogs");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("explorer"), std::string::npos) << r.body;
  ASSERT_EQ(s.post("/api/plugins/toggle", Json{{"name", "explorer"}, {"enabled", true}}).status,
            200);
  EXPECT_EQ(s.get("/api/catalogs").status, 200);
}

TEST(Explorer, TheOriginalUisPerPluginEnableAndDisableRoutesWork) {
  ServerProcess s;
  HttpResult r = s.request("POST", "/api/plugins/explorer/disable");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["enabled"], false);
  EXPECT_EQ(s.get("/api/catalogs").status, 404);
  r = s.request("POST", "/api/plugins/explorer/enable");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["enabled"], true);
  EXPECT_EQ(s.get("/api/catalogs").status, 200);
  r = s.request("POST", "/api/plugins/no-such-plugin/enable");
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_NE(r.body.find("no-such-plugin"), std::string::npos) << r.body;
}

TEST(Explorer, UcObjectsListsTheLocalMetastore) {
  ServerProcess s;
  const Json out = getJson(s, "/api/uc-objects");
  for (const char* k : {"external_locations", "storage_credentials", "connections",
                        "registered_models", "shares", "recipients"}) {
    EXPECT_EQ(out[k], Json::array()) << k << " " << out.dump();
  }
  EXPECT_FALSE(out.contains("errors")) << out.dump();
  const Json& m = out["metastore"];
  EXPECT_EQ(m["name"], "local");
  EXPECT_EQ(m["cloud"], "local");
  EXPECT_EQ(m["region"], "local");
  EXPECT_TRUE(m["owner"].is_string());
  const std::string id = m["metastore_id"].get<std::string>();
  EXPECT_EQ(id.size(), 36U) << id;
  EXPECT_EQ(m["global_metastore_id"], "local:local:" + id);

  // The id belongs to the data directory: a restart keeps it.
  s.restart();
  EXPECT_EQ(getJson(s, "/api/uc-objects")["metastore"]["metastore_id"], id);
}

}  // namespace
}  // namespace clxs::testing
