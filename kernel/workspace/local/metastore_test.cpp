#include "kernel/workspace/local/metastore.hpp"

#include <gtest/gtest.h>

#include "tests/support/temp_dir.hpp"

namespace clxs::kernel {
namespace {

WorkspaceErrorClass errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const WorkspaceError& e) {
    return e.errorClass();
  }
  ADD_FAILURE() << "expected a WorkspaceError";
  return WorkspaceErrorClass::Remote;
}

TEST(Metastore, CatalogsSchemasAndTablesWithUnityCatalogErrors) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  m.createCatalog("Prod", "alice", "production");
  EXPECT_EQ(errorOf([&] { m.createCatalog("prod", "bob"); }), WorkspaceErrorClass::Conflict)
      << "names compare case-insensitively";
  m.createCatalog("prod", "bob", "", true);
  m.createSchema("prod", "sales", "alice");
  EXPECT_EQ(errorOf([&] { m.createSchema("nope", "x", "a"); }), WorkspaceErrorClass::NotFound);
  MetastoreTable t;
  t.catalog = "prod";
  t.schema = "sales";
  t.name = "orders";
  t.location = "/data/prod/sales/orders";
  t.owner = "alice";
  t.properties = Json{{"delta.appendOnly", "false"}};
  m.createTable(t);
  EXPECT_EQ(errorOf([&] { m.createTable(t); }), WorkspaceErrorClass::Conflict);

  ASSERT_EQ(m.catalogs().size(), 1u);
  EXPECT_EQ(m.catalogs()[0].name, "Prod") << "created spelling is kept";
  EXPECT_EQ(m.schemas("PROD").at(0).name, "sales");
  const auto got = m.table("prod", "SALES", "Orders");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->location, "/data/prod/sales/orders");
  EXPECT_EQ(got->properties["delta.appendOnly"], "false");
  EXPECT_EQ(m.tables("prod", "sales").size(), 1u);
  EXPECT_EQ(errorOf([&] { (void)m.tables("prod", "nope"); }), WorkspaceErrorClass::NotFound);
}

TEST(Metastore, DropsRespectCascadeAndIfExists) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  m.createCatalog("c", "o");
  m.createSchema("c", "s", "o");
  MetastoreTable t;
  t.catalog = "c";
  t.schema = "s";
  t.name = "t";
  m.createTable(t);
  EXPECT_EQ(errorOf([&] { m.dropSchema("c", "s"); }), WorkspaceErrorClass::Conflict);
  EXPECT_EQ(errorOf([&] { m.dropCatalog("c"); }), WorkspaceErrorClass::Conflict);
  m.dropCatalog("c", false, true);
  EXPECT_TRUE(m.catalogs().empty());
  EXPECT_FALSE(m.table("c", "s", "t")) << "cascade removed the tables too";
  EXPECT_EQ(errorOf([&] { m.dropCatalog("c"); }), WorkspaceErrorClass::NotFound);
  m.dropCatalog("c", true);
  EXPECT_FALSE(m.dropTable("c", "s", "t", true));
}

TEST(Metastore, TwoHandlesOnOneRootSeeEachOthersChanges) {
  clxs::testing::TempDir dir;
  Metastore a(dir.path());
  Metastore b(dir.path());
  a.createCatalog("shared", "o");
  ASSERT_EQ(b.catalogs().size(), 1u);
  b.createSchema("shared", "s", "o");
  EXPECT_EQ(a.schemas("shared").size(), 1u);
}

}  // namespace
}  // namespace clxs::kernel
