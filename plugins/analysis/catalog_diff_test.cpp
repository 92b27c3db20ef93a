#include "plugins/analysis/catalog_diff.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs::analysis {
namespace {

using testing::makeTable;

TEST(CatalogDiff, ListsMissingExtraAndMatchingObjectsOfEveryKind) {
  testing::MemoryWorkspace ws("me");
  ws.addTable(makeTable("src", "sales", "orders"));
  ws.addTable(makeTable("src", "sales", "orders_v2"));
  ws.addTable(makeTable("src", "sales", "v_orders", "VIEW"));
  ws.addTable(makeTable("src", "analytics", "kpis"));
  ws.addTable(makeTable("src", "default", "scratch"));
  ws.addTable(makeTable("dst", "sales", "orders"));
  ws.addTable(makeTable("dst", "sales", "tmp", "EXTERNAL"));
  ws.addTable(makeTable("dst", "sales", "mv", "MATERIALIZED_VIEW"));
  ws.addTable(makeTable("dst", "extra", "x"));
  ws.addFunction({.catalog = "src", .schema = "sales", .name = "discount"});
  ws.addFunction({.catalog = "src", .schema = "analytics", .name = "discount"});
  ws.addVolume({.catalog = "dst", .schema = "sales", .name = "raw"});
  ws.addVolume({.catalog = "dst", .schema = "extra", .name = "raw"});
  ws.fail("functions dst sales", WorkspaceErrorClass::PermissionDenied, "no access to routines");
  ws.fail("functions dst extra", WorkspaceErrorClass::PermissionDenied, "no access to routines");

  const std::vector<std::string> exclude{"information_schema", "default"};
  const auto src = catalogObjects(ws, "src", exclude, 2, CallOptions{});
  const auto dst = catalogObjects(ws, "dst", exclude, 2, CallOptions{});
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
