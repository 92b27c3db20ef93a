#include "kernel/emulator/unity_catalog_writes.hpp"

#include <gtest/gtest.h>

#include "kernel/emulator/emulator_test_fixture.hpp"

namespace clxs::kernel::emulator {
namespace {

const std::string kUc = "/api/2.1/unity-catalog";

TEST_F(EmulatorServerTest, CatalogsAreCreatedUpdatedAndDeleted) {
  server();
  auto c = expect(200, "POST", kUc + "/catalogs", {{"name", "sales"}, {"comment", "first"}});
  EXPECT_EQ(c["name"], "sales");
  EXPECT_EQ(c["comment"], "first");
  EXPECT_FALSE(c["owner"].get<std::string>().empty());
  EXPECT_EQ(expect(409, "POST", kUc + "/catalogs", {{"name", "sales"}})["error_code"],
            "CATALOG_ALREADY_EXISTS");
  EXPECT_EQ(expect(400, "POST", kUc + "/catalogs", Json::object())["error_code"],
            "INVALID_PARAMETER_VALUE");
  EXPECT_EQ(expect(400, "POST", kUc + "/catalogs", {{"name", 7}})["error_code"],
            "INVALID_PARAMETER_VALUE");
  // Refused before anything runs: the catalog is not created without its properties.
  EXPECT_EQ(expect(501, "POST", kUc + "/catalogs",
                   {{"name", "props"}, {"properties", {{"a", "b"}}}})["error_code"],
            "NOT_IMPLEMENTED");
  EXPECT_EQ(expect(404, "GET", kUc + "/catalogs/props")["error_code"], "CATALOG_DOES_NOT_EXIST");

  c = expect(200, "PATCH", kUc + "/catalogs/SALES", {{"owner", "data ops"}, {"comment", "it's"}});
  EXPECT_EQ(c["owner"], "data ops");
  EXPECT_EQ(c["comment"], "it's");
  EXPECT_EQ(expect(200, "GET", kUc + "/catalogs/sales")["owner"], "data ops");
  EXPECT_EQ(expect(404, "PATCH", kUc + "/catalogs/nope", {{"owner", "x"}})["error_code"],
            "CATALOG_DOES_NOT_EXIST");
  EXPECT_EQ(expect(501, "PATCH", kUc + "/catalogs/sales", {{"new_name", "y"}})["error_code"],
            "NOT_IMPLEMENTED");
  expect(400, "PATCH", kUc + "/catalogs/sales", {{"owner", ""}});

  // Names and values reach SQL quoted: backticks and quotes stay part of them.
  c = expect(200, "POST", kUc + "/catalogs", {{"name", "we`ird'cat"}, {"comment", "a'b\\c"}});
  EXPECT_EQ(c["name"], "we`ird'cat");
  EXPECT_EQ(c["comment"], "a'b\\c");

  expect(200, "POST", kUc + "/schemas", {{"catalog_name", "sales"}, {"name", "raw"}});
  const auto refused = expect(400, "DELETE", kUc + "/catalogs/sales");
  EXPECT_EQ(refused["error_code"], "INVALID_STATE");
  EXPECT_NE(refused["message"].get<std::string>().find("not empty"), std::string::npos);
  expect(200, "GET", kUc + "/schemas/sales.raw");
  expect(200, "DELETE", kUc + "/catalogs/sales?force=true");
  expect(404, "GET", kUc + "/catalogs/sales");
  expect(404, "DELETE", kUc + "/catalogs/sales");
  // A catalog with only its empty default schema goes without force.
  expect(200, "DELETE", kUc + "/catalogs/we%60ird'cat");
}

TEST_F(EmulatorServerTest, SchemasAndVolumesAreCreatedUpdatedAndDeleted) {
  server();
  auto s = expect(200, "POST", kUc + "/schemas",
                  {{"catalog_name", "main"}, {"name", "s1"}, {"comment", "landing"}});
  EXPECT_EQ(s["full_name"], "main.s1");
  EXPECT_EQ(s["comment"], "landing");
  EXPECT_EQ(expect(404, "POST", kUc + "/schemas",
                   {{"catalog_name", "nope"}, {"name", "s"}})["error_code"],
            "CATALOG_DOES_NOT_EXIST");
  EXPECT_EQ(expect(409, "POST", kUc + "/schemas",
                   {{"catalog_name", "main"}, {"name", "s1"}})["error_code"],
            "SCHEMA_ALREADY_EXISTS");
  expect(400, "POST", kUc + "/schemas", {{"name", "s2"}});
  s = expect(200, "PATCH", kUc + "/schemas/main.s1", {{"owner", "grp"}});
  EXPECT_EQ(s["owner"], "grp");
  EXPECT_EQ(s["comment"], "landing");
  EXPECT_EQ(expect(404, "PATCH", kUc + "/schemas/main.nope", {{"owner", "x"}})["error_code"],
            "SCHEMA_DOES_NOT_EXIST");
  expect(400, "PATCH", kUc + "/schemas/main", {{"owner", "x"}});

  const Json volume{{"catalog_name", "main"},
                    {"schema_name", "s1"},
                    {"name", "files"},
                    {"volume_type", "MANAGED"},
                    {"comment", "drop zone"}};
  auto v = expect(200, "POST", kUc + "/volumes", volume);
  EXPECT_EQ(v["full_name"], "main.s1.files");
  EXPECT_EQ(v["volume_type"], "MANAGED");
  EXPECT_EQ(v["comment"], "drop zone");
  EXPECT_EQ(expect(409, "POST", kUc + "/volumes", volume)["error_code"], "VOLUME_ALREADY_EXISTS");
  auto bad = volume;
  bad["volume_type"] = "SHARED";
  expect(400, "POST", kUc + "/volumes", bad);
  bad["volume_type"] = "EXTERNAL";
  EXPECT_NE(expect(400, "POST", kUc + "/volumes", bad)["message"].get<std::string>().find(
                "storage_location"),
            std::string::npos);
  bad["schema_name"] = "nope";
  EXPECT_EQ(expect(404, "POST", kUc + "/volumes", bad)["error_code"], "SCHEMA_DOES_NOT_EXIST");
  v = expect(200, "PATCH", kUc + "/volumes/main.s1.files", {{"owner", "o"}, {"comment", "new"}});
  EXPECT_EQ(v["owner"], "o");
  EXPECT_EQ(v["comment"], "new");
  expect(501, "PATCH", kUc + "/volumes/main.s1.files", {{"new_name", "renamed"}});

  const auto refused = expect(400, "DELETE", kUc + "/schemas/main.s1");
  EXPECT_EQ(refused["error_code"], "INVALID_STATE");
  EXPECT_NE(refused["message"].get<std::string>().find("1 volumes(s)"), std::string::npos);
  expect(200, "DELETE", kUc + "/volumes/main.s1.files");
  EXPECT_EQ(expect(404, "GET", kUc + "/volumes/main.s1.files")["error_code"],
            "VOLUME_DOES_NOT_EXIST");
  expect(404, "DELETE", kUc + "/volumes/main.s1.files");
  expect(200, "DELETE", kUc + "/schemas/main.s1");
  expect(404, "GET", kUc + "/schemas/main.s1");
}

TEST_F(EmulatorServerTest, FunctionsAreCreatedUpdatedAndDeleted) {
  server();
  const Json info{
      {"name", "plus1"},
      {"catalog_name", "main"},
      {"schema_name", "default"},
      {"input_params",
       {{"parameters", Json::array({{{"name", "x"}, {"type_text", "INT"}, {"position", 0}}})}}},
      {"data_type", "INT"},
      {"full_data_type", "INT"},
      {"routine_body", "SQL"},
      {"routine_definition", "x + 1"},
      {"comment", "adds one"}};
  auto f = expect(200, "POST", kUc + "/functions", {{"function_info", info}});
  EXPECT_EQ(f["full_name"], "main.default.plus1");
  EXPECT_EQ(f["comment"], "adds one");
  EXPECT_EQ(f["input_params"]["parameters"][0]["name"], "x");
  EXPECT_EQ(sql("SELECT main.default.plus1(41) AS n")["result"]["data_array"][0][0], "42");
  EXPECT_EQ(expect(409, "POST", kUc + "/functions", {{"function_info", info}})["error_code"],
            "ROUTINE_ALREADY_EXISTS");

  for (const auto* type : {"INT) RETURNS INT RETURN 0 --", "INT RETURN 1", "INT;", "", "A<B"}) {
    auto bad = info;
    bad["name"] = "bad";
    bad["input_params"]["parameters"][0]["type_text"] = type;
    EXPECT_EQ(expect(400, "POST", kUc + "/functions", {{"function_info", bad}})["error_code"],
              "INVALID_PARAMETER_VALUE")
        << type;
  }
  auto python = info;
  python["name"] = "py";
  python["routine_body"] = "EXTERNAL";
  expect(501, "POST", kUc + "/functions", {{"function_info", python}});
  expect(400, "POST", kUc + "/functions", Json::object());
  expect(404, "GET", kUc + "/functions/main.default.bad");

  f = expect(200, "PATCH", kUc + "/functions/main.default.plus1", {{"owner", "owners"}});
  EXPECT_EQ(f["owner"], "owners");
  EXPECT_EQ(expect(200, "PATCH", kUc + "/functions/main.default.plus1", Json::object())["owner"],
            "owners")
      << "a body without owner changes nothing";
  expect(400, "PATCH", kUc + "/functions/main.default.plus1", {{"owner", ""}});
  expect(200, "DELETE", kUc + "/functions/main.default.plus1");
  EXPECT_EQ(expect(404, "GET", kUc + "/functions/main.default.plus1")["error_code"],
            "FUNCTION_DOES_NOT_EXIST");
  expect(404, "DELETE", kUc + "/functions/main.default.plus1");
}

TEST_F(EmulatorServerTest, TablesAreUpdatedAndDeleted) {
  server();
  sql("CREATE TABLE main.default.t1 (id INT)");
  sql("CREATE VIEW main.default.v1 AS SELECT * FROM main.default.t1");
  EXPECT_EQ(expect(200, "PATCH", kUc + "/tables/main.default.t1", {{"owner", "o2"}}),
            Json::object())
      << "PATCH /tables answers nothing, as on Databricks";
  EXPECT_EQ(expect(200, "GET", kUc + "/tables/main.default.t1")["owner"], "o2");
  EXPECT_NE(expect(400, "PATCH", kUc + "/tables/main.default.t1", {{"comment", "x"}})["message"]
                .get<std::string>()
                .find("owner only"),
            std::string::npos);
  expect(200, "PATCH", kUc + "/tables/main.default.t1");
  EXPECT_EQ(expect(200, "GET", kUc + "/tables/main.default.t1")["owner"], "o2")
      << "a body without owner changes nothing";
  expect(400, "PATCH", kUc + "/tables/main.default.t1", {{"owner", 3}});
  expect(404, "PATCH", kUc + "/tables/main.default.nope", {{"owner", "x"}});

  expect(200, "DELETE", kUc + "/tables/main.default.v1");
  EXPECT_EQ(expect(200, "GET", kUc + "/tables/main.default.v1/exists")["table_exists"], false);
  expect(200, "DELETE", kUc + "/tables/main.default.t1");
  EXPECT_EQ(expect(404, "DELETE", kUc + "/tables/main.default.t1")["error_code"],
            "TABLE_DOES_NOT_EXIST");
  expect(400, "DELETE", kUc + "/tables/main.default");

  // Known APIs the local workspace cannot serve say so; unknown paths stay 404.
  EXPECT_EQ(expect(501, "POST", kUc + "/tables", {{"name", "t"}})["error_code"], "NOT_IMPLEMENTED");
  expect(501, "POST", kUc + "/external-locations", {{"name", "l"}});
  EXPECT_EQ(expect(404, "POST", kUc + "/nothing")["error_code"], "ENDPOINT_NOT_FOUND");
}

TEST_F(EmulatorServerTest, GrantsArePatchedAndReadBack) {
  server();
  sql("CREATE TABLE main.default.g (id INT)");
  const auto patched = expect(
      200, "PATCH", kUc + "/permissions/table/main.default.g",
      {{"changes", Json::array({{{"principal", "analysts"}, {"add", {"SELECT", "MODIFY"}}}})}});
  EXPECT_EQ(patched["privilege_assignments"][0]["principal"], "analysts");
  expect(200, "PATCH", kUc + "/permissions/catalog/main",
         {{"changes", Json::array({{{"principal", "analysts"}, {"add", {"USE_CATALOG"}}}})}});
  const auto effective =
      expect(200, "GET", kUc + "/effective-permissions/table/main.default.g?principal=analysts");
  bool inherited = false;
  for (const auto& p : effective["privilege_assignments"][0]["privileges"]) {
    inherited |= p.value("inherited_from_name", std::string()) == "main";
  }
  EXPECT_TRUE(inherited) << effective.dump();
  expect(400, "PATCH", kUc + "/permissions/table/main.default.g",
         {{"changes", Json::array({{{"principal", "a"}, {"add", {"NOT_A_PRIVILEGE"}}}})}});
  expect(400, "PATCH", kUc + "/permissions/table/main.default.g", {{"changes", "x"}});
  // Without changes (what a client that drops PATCH bodies sends) the grants are answered.
  EXPECT_EQ(
      expect(200, "PATCH",
             kUc + "/permissions/table/main.default.g")["privilege_assignments"][0]["principal"],
      "analysts");
  expect(404, "PATCH", kUc + "/permissions/table/main.default.nope",
         {{"changes", Json::array({{{"principal", "a"}, {"add", {"SELECT"}}}})}});
}

}  // namespace
}  // namespace clxs::kernel::emulator
