#include "plugins/analysis/catalog_diff.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/support/fake_workspace.hpp"

namespace clxs::analysis {
namespace {

TableInfo table(const std::string& catalog, const std::string& schema, const std::string& name,
                const std::string& type = "MANAGED") {
  TableInfo t;
  t.catalog = catalog;
  t.schema = schema;
  t.name = name;
  t.tableType = type;
  return t;
}

// FakeWorkspace plus functions and volumes per schema, so the tests do not depend on the SQL
// the SDK's default functions()/volumes() send.
class ObjectsWorkspace final : public Workspace {
 public:
  /// Tables, catalogs, schemas and SQL answers.
  testing::FakeWorkspace fake{"me"};
  /// Function names by "catalog.schema".
  std::map<std::string, std::vector<std::string>> functionNames;
  /// Volume names by "catalog.schema".
  std::map<std::string, std::vector<std::string>> volumeNames;
  /// "catalog.schema" whose functions cannot be listed.
  std::set<std::string> failingFunctions;

  std::string kind() const override { return fake.kind(); }
  std::string host() const override { return fake.host(); }
  ResultSet sql(std::string_view statement, const std::vector<SqlParam>& params,
                const CallOptions& options) override {
    return fake.sql(statement, params, options);
  }
  std::vector<CatalogInfo> catalogs(const CallOptions& o) override { return fake.catalogs(o); }
  std::vector<SchemaInfo> schemas(const std::string& c, const CallOptions& o) override {
    return fake.schemas(c, o);
  }
  std::vector<TableInfo> tables(const std::string& c, const std::string& s,
                                const CallOptions& o) override {
    return fake.tables(c, s, o);
  }
  std::string currentUser(const CallOptions& o) override { return fake.currentUser(o); }
  std::vector<WarehouseInfo> warehouses(const CallOptions& o) override {
    return fake.warehouses(o);
  }
  std::vector<FunctionInfo> functions(const std::string& c, const std::string& s,
                                      const CallOptions&) override {
    if (failingFunctions.count(c + "." + s)) {
      throw WorkspaceError(WorkspaceErrorClass::PermissionDenied, "no access to routines");
    }
    std::vector<FunctionInfo> out;
    for (const auto& n : functionNames[c + "." + s]) out.push_back({c, s, n, "INT", "1", "me", ""});
    return out;
  }
  std::vector<VolumeInfo> volumes(const std::string& c, const std::string& s,
                                  const CallOptions&) override {
    std::vector<VolumeInfo> out;
    for (const auto& n : volumeNames[c + "." + s])
      out.push_back({c, s, n, "MANAGED", "", "me", ""});
    return out;
  }
};

TEST(CatalogDiff, ListsMissingExtraAndMatchingObjectsOfEveryKind) {
  ObjectsWorkspace objects;
  testing::FakeWorkspace& ws = objects.fake;
  ws.addTable(table("src", "sales", "orders"));
  ws.addTable(table("src", "sales", "orders_v2"));
  ws.addTable(table("src", "sales", "v_orders", "VIEW"));
  ws.addTable(table("src", "analytics", "kpis"));
  ws.addTable(table("src", "default", "scratch"));
  ws.addTable(table("dst", "sales", "orders"));
  ws.addTable(table("dst", "sales", "tmp", "EXTERNAL"));
  ws.addTable(table("dst", "sales", "mv", "MATERIALIZED_VIEW"));
  ws.addTable(table("dst", "extra", "x"));
  objects.functionNames["src.sales"] = {"discount"};
  objects.functionNames["src.analytics"] = {"discount"};
  objects.volumeNames["dst.sales"] = {"raw"};
  objects.volumeNames["dst.extra"] = {"raw"};
  objects.failingFunctions = {"dst.sales", "dst.extra"};

  const std::vector<std::string> exclude{"information_schema", "default"};
  const auto src = catalogObjects(objects, "src", exclude, 2, CallOptions{});
  const auto dst = catalogObjects(objects, "dst", exclude, 2, CallOptions{});
  const Json d = diffObjects(src, dst);
  EXPECT_EQ(d["missing_schemas"], Json::array({"analytics"}));
  EXPECT_EQ(d["extra_schemas"], Json::array({"extra"}));
  EXPECT_EQ(d["matching_schemas"], Json::array({"sales"}));
  EXPECT_EQ(d["missing_tables"], Json::array({"analytics.kpis", "sales.orders_v2"}));
  EXPECT_EQ(d["extra_tables"], Json::array({"extra.x", "sales.tmp"}));
  EXPECT_EQ(d["matching_tables"], Json::array({"sales.orders"}));
  EXPECT_EQ(d["missing_views"], Json::array({"sales.v_orders"}));
  EXPECT_EQ(d["extra_views"], Json::array({"sales.mv"}));
  EXPECT_EQ(d["missing_functions"], Json::array({"analytics.discount", "sales.discount"}));
  EXPECT_EQ(d["extra_volumes"], Json::array({"extra.raw", "sales.raw"}));
  EXPECT_EQ(
      d["counts"]["tables"],
      (Json{{"source", 3}, {"destination", 3}, {"missing", 2}, {"extra", 2}, {"matching", 1}}));
  EXPECT_EQ(d["in_sync"], false);
  // The destination's functions cannot be listed: a warning per schema, not a failure.
  ASSERT_EQ(d["warnings"].size(), 2U) << d.dump(2);
  EXPECT_NE(d["warnings"][0].get<std::string>().find("Destination: Functions of `dst`.`extra`"),
            std::string::npos)
      << d["warnings"][0];
}

TEST(CatalogDiff, IdenticalCatalogsAreInSync) {
  CatalogObjects a;
  a.schemas = {"s"};
  a.tables = {"s.t"};
  const Json d = diffObjects(a, a);
  EXPECT_EQ(d["in_sync"], true);
  EXPECT_EQ(d["matching_tables"], Json::array({"s.t"}));
  EXPECT_EQ(d["missing_volumes"], Json::array());
  EXPECT_EQ(d["warnings"], Json::array());
}

}  // namespace
}  // namespace clxs::analysis
