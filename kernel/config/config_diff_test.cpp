#include "kernel/config/config_diff.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel {
namespace {

TEST(ConfigDiff, ReportsAddedRemovedAndChangedLeavesWithDottedKeys) {
  const Json a = Json::parse(R"({
    "max_workers": 4, "old": true, "exclude_schemas": ["a", "b"],
    "audit_trail": {"catalog": "x", "schema": "logs"}})");
  const Json b = Json::parse(R"({
    "max_workers": 8, "new": 1, "exclude_schemas": ["a", "b"],
    "audit_trail": {"catalog": "y", "schema": "logs", "table": "t"}})");
  const Json expected = Json::parse(R"([
    {"key": "audit_trail.catalog", "a": "x", "b": "y", "change": "changed"},
    {"key": "audit_trail.table", "a": null, "b": "t", "change": "added"},
    {"key": "max_workers", "a": 4, "b": 8, "change": "changed"},
    {"key": "new", "a": null, "b": 1, "change": "added"},
    {"key": "old", "a": true, "b": null, "change": "removed"}])");
  EXPECT_EQ(diffConfigs(a, b), expected);
}

TEST(ConfigDiff, ListsAreComparedWholeAndTypeChangesCount) {
  const Json d = diffConfigs(Json::parse(R"({"l": [1, 2], "m": {"k": 1}})"),
                             Json::parse(R"({"l": [2, 1], "m": "flat"})"));
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0]["key"], "l");
  EXPECT_EQ(d[1]["key"], "m");
  EXPECT_EQ(d[1]["a"], Json::parse(R"({"k": 1})"));
}

TEST(ConfigDiff, IdenticalDocumentsHaveNoDifferences) {
  const Json a = Json::parse(R"({"x": {"y": [1]}, "z": 1.5})");
  EXPECT_TRUE(diffConfigs(a, a).empty());
  EXPECT_TRUE(diffConfigs(Json::object(), Json::object()).empty());
}

TEST(ConfigDiff, SecretsAreMasked) {
  const Json d = diffConfigs(Json::parse(R"({"azure": {"client_secret": "abcdefghijklmnop"}})"),
                             Json::parse(R"({"azure": {"client_secret": "qrstuvwxyz012345"}})"));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0]["key"], "azure.client_secret");
  EXPECT_EQ(d[0]["a"], "abcd...mnop");
  EXPECT_EQ(d[0]["b"], "qrst...2345");
}

}  // namespace
}  // namespace clxs::kernel
