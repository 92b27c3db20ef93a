#include "kernel/emulator/unity_catalog_json.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel::emulator {
namespace {

TEST(UnityCatalogJson, TablesUseTheRestFieldNames) {
  TableInfo t;
  t.catalog = "c";
  t.schema = "s";
  t.name = "t";
  t.tableType = "MANAGED";
  t.format = "DELTA";
  t.owner = "me";
  t.location = "/data/t";
  t.columns = {{"id", "BIGINT", false, "key"}, {"v", "DECIMAL(10,2)", true, ""}};
  t.properties = {{"delta.minReaderVersion", 1}, {"owner.team", "x"}};
  const auto j = tableJson(t);
  EXPECT_EQ(j["full_name"], "c.s.t");
  EXPECT_EQ(j["catalog_name"], "c");
  EXPECT_EQ(j["schema_name"], "s");
  EXPECT_EQ(j["table_type"], "MANAGED");
  EXPECT_EQ(j["data_source_format"], "DELTA");
  EXPECT_EQ(j["storage_location"], "/data/t");
  EXPECT_EQ(j["columns"][0], Json::parse(R"({"name":"id","type_text":"BIGINT","type_name":"LONG",
      "position":0,"nullable":false,"comment":"key"})"));
  EXPECT_EQ(j["columns"][1]["position"], 1);
  EXPECT_EQ(j["properties"]["delta.minReaderVersion"], "1");
  EXPECT_EQ(j["properties"]["owner.team"], "x");
  EXPECT_FALSE(j.contains("view_definition"));

  t.tableType = "VIEW";
  t.viewText = "SELECT 1";
  const auto v = tableJson(t);
  EXPECT_EQ(v["view_definition"], "SELECT 1");
  EXPECT_FALSE(v.contains("data_source_format"));
}

TEST(UnityCatalogJson, CatalogsSchemasFunctionsVolumes) {
  EXPECT_EQ(catalogJson({"c", "hi", "me"})["catalog_type"], "MANAGED_CATALOG");
  EXPECT_EQ(schemaJson({"c", "s", "", "me"})["full_name"], "c.s");
  FunctionInfo f;
  f.catalog = "c";
  f.schema = "s";
  f.name = "f";
  f.returnType = "INT";
  f.body = "x + 1";
  f.parameters = Json::parse(R"([{"name":"x","type":"INT"},{"name":"y","type":"STRING"}])");
  const auto fj = functionJson(f);
  EXPECT_EQ(fj["full_name"], "c.s.f");
  EXPECT_EQ(fj["data_type"], "INT");
  EXPECT_EQ(fj["full_data_type"], "INT");
  EXPECT_EQ(fj["routine_body"], "SQL");
  EXPECT_EQ(fj["routine_definition"], "x + 1");
  EXPECT_EQ(fj["input_params"]["parameters"][1]["position"], 1);
  EXPECT_EQ(fj["input_params"]["parameters"][1]["type_name"], "STRING");
  const auto vj = volumeJson({"c", "s", "v", "MANAGED", "/vol", "me", ""});
  EXPECT_EQ(vj["full_name"], "c.s.v");
  EXPECT_EQ(vj["volume_type"], "MANAGED");
  EXPECT_EQ(vj["storage_location"], "/vol");
}

TEST(UnityCatalogJson, PrivilegesAreGroupedPerPrincipalWithUnderscores) {
  const std::vector<GrantInfo> grants{{"a b", "USE CATALOG", "CATALOG", "c"},
                                      {"x", "SELECT", "CATALOG", "c"},
                                      {"a b", "SELECT", "CATALOG", "c"}};
  EXPECT_EQ(privilegeAssignmentsJson(grants, false, "", "c"),
            Json::parse(R"({"privilege_assignments":[
              {"principal":"a b","privileges":["USE_CATALOG","SELECT"]},
              {"principal":"x","privileges":["SELECT"]}]})"));
  EXPECT_EQ(privilegeAssignmentsJson(grants, true, "x", "C"),
            Json::parse(R"({"privilege_assignments":[
              {"principal":"x","privileges":[{"privilege":"SELECT"}]}]})"));
  // Effective grants made on a parent name it.
  EXPECT_EQ(privilegeAssignmentsJson(grants, true, "x", "c.s"),
            Json::parse(R"({"privilege_assignments":[
              {"principal":"x","privileges":[{"privilege":"SELECT",
                "inherited_from_type":"CATALOG","inherited_from_name":"c"}]}]})"));
  EXPECT_EQ(sqlPrivilege("use_catalog"), "USE CATALOG");
  EXPECT_EQ(apiPrivilege("ALL PRIVILEGES"), "ALL_PRIVILEGES");
}

}  // namespace
}  // namespace clxs::kernel::emulator
