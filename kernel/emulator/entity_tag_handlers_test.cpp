#include "kernel/emulator/entity_tag_handlers.hpp"

#include <gtest/gtest.h>

#include "kernel/emulator/emulator_test_fixture.hpp"

namespace clxs::kernel::emulator {
namespace {

const std::string kTags = "/api/2.1/unity-catalog/entity-tag-assignments";

Json assignment(const std::string& type, const std::string& name, const std::string& key,
                const Json& value = nullptr) {
  Json a{{"entity_type", type}, {"entity_name", name}, {"tag_key", key}};
  if (!value.is_null()) a["tag_value"] = value;
  return a;
}

TEST_F(EmulatorServerTest, TagAssignmentsOnEveryEntityType) {
  server();
  sql("CREATE TABLE main.default.t (id INT, name STRING)");
  sql("CREATE VOLUME main.default.v");
  auto a = expect(200, "POST", kTags, assignment("tables", "MAIN.default.t", "pii", "no"));
  EXPECT_EQ(a, assignment("tables", "main.default.t", "pii", "no"));
  EXPECT_EQ(
      expect(409, "POST", kTags, assignment("tables", "main.default.t", "pii", "x"))["error_code"],
      "RESOURCE_ALREADY_EXISTS");
  // The REST reference nests the assignment; the SDK sends it bare. Both are taken.
  expect(200, "POST", kTags,
         {{"tag_assignment", assignment("columns", "main.default.t.name", "pii", "yes")}});
  expect(200, "POST", kTags, assignment("catalogs", "main", "env", "dev"));
  expect(200, "POST", kTags, assignment("schemas", "main.default", "flag"));
  expect(200, "POST", kTags, assignment("volumes", "main.default.v", "k", "it's"));

  // A table's own tags, not its columns'.
  auto list = expect(200, "GET", kTags + "/tables/main.default.t/tags");
  ASSERT_EQ(list["tag_assignments"].size(), 1u) << list.dump();
  EXPECT_EQ(list["tag_assignments"][0]["tag_value"], "no");
  list = expect(200, "GET", kTags + "/columns/main.default.t.name/tags");
  ASSERT_EQ(list["tag_assignments"].size(), 1u) << list.dump();
  EXPECT_EQ(list["tag_assignments"][0]["tag_value"], "yes");
  EXPECT_EQ(expect(200, "GET", kTags + "/catalogs/main/tags/env")["tag_value"], "dev");
  EXPECT_FALSE(expect(200, "GET", kTags + "/schemas/main.default/tags/flag").contains("tag_value"));
  EXPECT_EQ(expect(200, "GET", kTags + "/volumes/main.default.v/tags/k")["tag_value"], "it's");
  EXPECT_EQ(sql("SELECT tag_value FROM main.information_schema.table_tags WHERE tag_name = 'pii'")
                ["result"]["data_array"][0][0],
            "no");

  a = expect(200, "PATCH", kTags + "/tables/main.default.t/tags/pii?update_mask=tag_value",
             {{"tag_value", "maybe"}});
  EXPECT_EQ(a["tag_value"], "maybe");
  EXPECT_EQ(expect(200, "GET", kTags + "/tables/main.default.t/tags/pii")["tag_value"], "maybe");
  expect(400, "PATCH", kTags + "/tables/main.default.t/tags/pii", {{"tag_value", "x"}});
  expect(404, "PATCH", kTags + "/tables/main.default.t/tags/nope?update_mask=tag_value",
         {{"tag_value", "x"}});

  expect(200, "DELETE", kTags + "/tables/main.default.t/tags/pii");
  EXPECT_EQ(expect(404, "GET", kTags + "/tables/main.default.t/tags/pii")["error_code"],
            "RESOURCE_DOES_NOT_EXIST");
  expect(404, "DELETE", kTags + "/tables/main.default.t/tags/pii");
  EXPECT_EQ(expect(200, "GET", kTags + "/columns/main.default.t.name/tags/pii")["tag_value"],
            "yes");
}

TEST_F(EmulatorServerTest, TagAssignmentsRefuseBadInput) {
  server();
  sql("CREATE TABLE main.default.t (id INT)");
  EXPECT_EQ(expect(400, "POST", kTags, assignment("clusters", "x", "k"))["error_code"],
            "INVALID_PARAMETER_VALUE");
  expect(400, "POST", kTags, assignment("tables", "main.default.t", ""));
  expect(400, "POST", kTags, {{"entity_type", "tables"}});
  EXPECT_EQ(
      expect(404, "POST", kTags, assignment("tables", "main.default.nope", "k"))["error_code"],
      "TABLE_DOES_NOT_EXIST");
  expect(404, "POST", kTags, assignment("columns", "main.default.t.nope", "k"));
  expect(400, "GET", kTags + "/tables/main.t/tags");
  EXPECT_EQ(expect(404, "GET", kTags + "/catalogs/nope/tags")["error_code"],
            "CATALOG_DOES_NOT_EXIST");
  EXPECT_EQ(expect(404, "PUT", kTags + "/tables/main.default.t/tags")["error_code"],
            "ENDPOINT_NOT_FOUND");
  EXPECT_EQ(expect(404, "PUT", kTags + "/tables/main.default.nope/tags/k")["error_code"],
            "ENDPOINT_NOT_FOUND");
}

}  // namespace
}  // namespace clxs::kernel::emulator
