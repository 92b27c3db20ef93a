#include "kernel/workspace/local/metastore/metastore.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "kernel/store/state_store.hpp"
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

std::string messageOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const WorkspaceError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a WorkspaceError";
  return {};
}

MetastoreTable tableNamed(const std::string& catalog, const std::string& schema,
                          const std::string& name) {
  MetastoreTable t;
  t.catalog = catalog;
  t.schema = schema;
  t.name = name;
  t.location = "/data/" + name;
  t.owner = "alice";
  return t;
}

MetastoreFunction functionNamed(const std::string& catalog, const std::string& schema,
                                const std::string& name) {
  MetastoreFunction f;
  f.catalog = catalog;
  f.schema = schema;
  f.name = name;
  f.parameters = Json::array({Json{{"name", "x"}, {"type", "INT"}, {"comment", ""}}});
  f.returnType = "INT";
  f.body = "x + 1";
  f.owner = "alice";
  return f;
}

MetastoreVolume volumeNamed(const std::string& catalog, const std::string& schema,
                            const std::string& name) {
  MetastoreVolume v;
  v.catalog = catalog;
  v.schema = schema;
  v.name = name;
  v.storageLocation = "/volumes/" + name;
  v.owner = "alice";
  return v;
}

// Catalog `Prod`, schema `Sales`, table `Orders`, function `Plus1` and volume `Files`, spelled
// with capitals so that lookups in other spellings prove case-insensitivity.
void populate(Metastore& m) {
  m.createCatalog("Prod", "alice");
  m.createSchema("Prod", "Sales", "alice");
  m.createTable(tableNamed("Prod", "Sales", "Orders"));
  m.createFunction(functionNamed("Prod", "Sales", "Plus1"));
  m.createVolume(volumeNamed("Prod", "Sales", "Files"));
}

std::vector<std::string> grantList(const std::vector<MetastoreGrant>& grants) {
  std::vector<std::string> out;
  for (const auto& g : grants) {
    out.push_back(securableName(g.securable) + " " + g.objectName + " " + g.principal + " " +
                  g.privilege);
  }
  return out;
}

std::vector<std::string> tagList(const std::vector<MetastoreTag>& tags) {
  std::vector<std::string> out;
  for (const auto& t : tags) {
    out.push_back(securableName(t.securable) + " " + t.objectName + " " + t.column + " " + t.key +
                  "=" + t.value);
  }
  return out;
}

using Strings = std::vector<std::string>;

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

TEST(Metastore, SecurableNames) {
  EXPECT_EQ(securableName(Securable::Catalog), "CATALOG");
  EXPECT_EQ(securableName(Securable::Schema), "SCHEMA");
  EXPECT_EQ(securableName(Securable::Table), "TABLE");
  EXPECT_EQ(securableName(Securable::Volume), "VOLUME");
  EXPECT_EQ(securableName(Securable::Function), "FUNCTION");
}

TEST(Metastore, UpdateTableReplacesStoredFields) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  populate(m);
  auto t = tableNamed("prod", "sales", "orders");
  t.tableType = "EXTERNAL";
  t.location = "/elsewhere";
  t.comment = "all orders";
  t.properties = Json{{"k", "v"}};
  m.updateTable(t);
  const auto got = m.table("PROD", "SALES", "ORDERS");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, "Orders") << "the created spelling is kept";
  EXPECT_EQ(got->tableType, "EXTERNAL");
  EXPECT_EQ(got->location, "/elsewhere");
  EXPECT_EQ(got->comment, "all orders");
  EXPECT_EQ(got->properties["k"], "v");
  EXPECT_EQ(errorOf([&] { m.updateTable(tableNamed("prod", "sales", "nope")); }),
            WorkspaceErrorClass::NotFound);
}

TEST(Metastore, RenameTableChecksNamesAndCarriesGrantsAndTags) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  populate(m);
  m.createSchema("prod", "archive", "alice");
  m.createTable(tableNamed("prod", "sales", "taken"));
  m.grant(Securable::Table, "prod.sales.orders", "bob", {"select"}, "alice");
  m.setTags(Securable::Table, "prod.sales.orders", "", {{"pii", "no"}});
  m.setTags(Securable::Table, "prod.sales.orders", "email", {{"pii", "yes"}});

  EXPECT_EQ(errorOf([&] { m.renameTable("prod", "sales", "orders", "sales", "TAKEN"); }),
            WorkspaceErrorClass::Conflict);
  EXPECT_EQ(errorOf([&] { m.renameTable("prod", "sales", "missing", "sales", "x"); }),
            WorkspaceErrorClass::NotFound);
  EXPECT_EQ(errorOf([&] { m.renameTable("prod", "sales", "orders", "nope", "x"); }),
            WorkspaceErrorClass::NotFound);

  m.renameTable("PROD", "SALES", "ORDERS", "Archive", "Orders2024");
  EXPECT_FALSE(m.table("prod", "sales", "orders"));
  ASSERT_TRUE(m.table("prod", "archive", "orders2024"));
  EXPECT_EQ(errorOf([&] { (void)m.grants(Securable::Table, "prod.sales.orders"); }),
            WorkspaceErrorClass::NotFound);
  EXPECT_EQ(grantList(m.grants(Securable::Table, "prod.archive.orders2024")),
            Strings{"TABLE Prod.archive.Orders2024 bob SELECT"});
  EXPECT_EQ(tagList(m.tags(Securable::Table, "prod.archive.orders2024")),
            Strings{"TABLE Prod.archive.Orders2024  pii=no"});
  EXPECT_EQ(tagList(m.tags(Securable::Table, "prod.archive.orders2024", "EMAIL")),
            Strings{"TABLE Prod.archive.Orders2024 email pii=yes"});

  m.renameTable("prod", "archive", "orders2024", "archive", "ORDERS2024");
  EXPECT_EQ(m.table("prod", "archive", "orders2024")->name, "ORDERS2024")
      << "a rename that only changes case is not a conflict with itself";
  EXPECT_EQ(m.grants(Securable::Table, "prod.archive.orders2024").size(), 1u);
}

TEST(Metastore, OwnersAndCommentsOfEveryKindOfObject) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  populate(m);
  const std::vector<std::pair<Securable, std::string>> objects = {
      {Securable::Catalog, "PROD"},
      {Securable::Schema, "prod.SALES"},
      {Securable::Table, "prod.sales.ORDERS"},
      {Securable::Function, "prod.sales.PLUS1"},
      {Securable::Volume, "prod.sales.FILES"}};
  for (const auto& [kind, name] : objects) {
    SCOPED_TRACE(name);
    EXPECT_EQ(m.owner(kind, name), "alice");
    m.setOwner(kind, name, "carol");
    m.setComment(kind, name, "about " + name);
    EXPECT_EQ(m.owner(kind, name), "carol");
  }
  EXPECT_EQ(m.catalogs().at(0).comment, "about PROD");
  EXPECT_EQ(m.schemas("prod").at(0).comment, "about prod.SALES");
  EXPECT_EQ(m.table("prod", "sales", "orders")->comment, "about prod.sales.ORDERS");
  EXPECT_EQ(m.function("prod", "sales", "plus1")->comment, "about prod.sales.PLUS1");
  EXPECT_EQ(m.volume("prod", "sales", "files")->owner, "carol");

  EXPECT_FALSE(m.owner(Securable::Table, "prod.sales.missing"));
  EXPECT_EQ(messageOf([&] { m.setOwner(Securable::Table, "prod.sales.missing", "x"); }),
            "Table 'prod.sales.missing' not found");
  EXPECT_EQ(errorOf([&] { m.setComment(Securable::Volume, "prod.sales.missing", "x"); }),
            WorkspaceErrorClass::NotFound);
  EXPECT_EQ(errorOf([&] { m.setOwner(Securable::Catalog, "nope", "x"); }),
            WorkspaceErrorClass::NotFound);
  EXPECT_EQ(errorOf([&] { m.setOwner(Securable::Table, "prod.sales", "x"); }),
            WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(errorOf([&] { (void)m.owner(Securable::Schema, "a.b.c"); }),
            WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(errorOf([&] { m.setComment(Securable::Schema, "prod.", "x"); }),
            WorkspaceErrorClass::InvalidSql);
}

TEST(Metastore, FunctionsCreateReplaceListAndDrop) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  populate(m);
  EXPECT_EQ(errorOf([&] { m.createFunction(functionNamed("prod", "sales", "PLUS1")); }),
            WorkspaceErrorClass::Conflict);
  EXPECT_EQ(errorOf([&] { m.createFunction(functionNamed("prod", "nope", "f")); }),
            WorkspaceErrorClass::NotFound);
  m.grant(Securable::Function, "prod.sales.plus1", "bob", {"EXECUTE"}, "alice");

  auto replacement = functionNamed("prod", "sales", "plus1");
  replacement.body = "x + 2";
  replacement.owner = "mallory";
  replacement.comment = "adds two";
  m.createFunction(replacement, true);
  const auto got = m.function("PROD", "SALES", "PLUS1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, "Plus1");
  EXPECT_EQ(got->body, "x + 2");
  EXPECT_EQ(got->comment, "adds two");
  EXPECT_EQ(got->owner, "alice") << "replacing keeps the owner";
  EXPECT_EQ(got->returnType, "INT");
  EXPECT_EQ(got->parameters.at(0)["name"], "x");
  EXPECT_EQ(m.grants(Securable::Function, "prod.sales.plus1").size(), 1u)
      << "replacing keeps the grants";

  m.createFunction(functionNamed("prod", "sales", "abs2"), true);
  const auto all = m.functions("prod", "sales");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "abs2");
  EXPECT_EQ(all[1].name, "Plus1");
  EXPECT_EQ(errorOf([&] { (void)m.functions("prod", "nope"); }), WorkspaceErrorClass::NotFound);

  EXPECT_TRUE(m.dropFunction("prod", "sales", "PLUS1"));
  EXPECT_FALSE(m.function("prod", "sales", "plus1"));
  EXPECT_EQ(errorOf([&] { m.dropFunction("prod", "sales", "plus1"); }),
            WorkspaceErrorClass::NotFound);
  EXPECT_FALSE(m.dropFunction("prod", "sales", "plus1", true));
}

TEST(Metastore, VolumesCreateListAndDrop) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  populate(m);
  EXPECT_EQ(errorOf([&] { m.createVolume(volumeNamed("prod", "sales", "FILES")); }),
            WorkspaceErrorClass::Conflict);
  m.createVolume(volumeNamed("prod", "sales", "files"), true);
  EXPECT_EQ(errorOf([&] { m.createVolume(volumeNamed("nope", "sales", "v")); }),
            WorkspaceErrorClass::NotFound);
  auto external = volumeNamed("prod", "sales", "landing");
  external.volumeType = "EXTERNAL";
  external.comment = "raw drops";
  m.createVolume(external);

  const auto got = m.volume("PROD", "sales", "LANDING");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->volumeType, "EXTERNAL");
  EXPECT_EQ(got->storageLocation, "/volumes/landing");
  EXPECT_EQ(got->comment, "raw drops");
  const auto all = m.volumes("prod", "sales");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "Files");
  EXPECT_EQ(all[1].name, "landing");
  EXPECT_EQ(errorOf([&] { (void)m.volumes("prod", "nope"); }), WorkspaceErrorClass::NotFound);

  EXPECT_TRUE(m.dropVolume("prod", "sales", "files"));
  EXPECT_FALSE(m.volume("prod", "sales", "files"));
  EXPECT_EQ(errorOf([&] { m.dropVolume("prod", "sales", "files"); }),
            WorkspaceErrorClass::NotFound);
  EXPECT_FALSE(m.dropVolume("prod", "sales", "files", true));
}

TEST(Metastore, SchemaWithFunctionsOrVolumesIsNotEmpty) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  m.createCatalog("c", "o");
  m.createSchema("c", "f", "o");
  m.createSchema("c", "v", "o");
  m.createFunction(functionNamed("c", "f", "fn"));
  m.createVolume(volumeNamed("c", "v", "vol"));
  EXPECT_EQ(errorOf([&] { m.dropSchema("c", "f"); }), WorkspaceErrorClass::Conflict);
  EXPECT_EQ(errorOf([&] { m.dropSchema("c", "v"); }), WorkspaceErrorClass::Conflict);
  m.dropSchema("C", "F", false, true);
  m.dropSchema("C", "V", false, true);
  m.createSchema("c", "f", "o");
  m.createSchema("c", "v", "o");
  EXPECT_TRUE(m.functions("c", "f").empty()) << "cascade removed the functions";
  EXPECT_TRUE(m.volumes("c", "v").empty()) << "cascade removed the volumes";
}

TEST(Metastore, GrantsAreIdempotentUpperCaseAndOrdered) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  populate(m);
  m.grant(Securable::Table, "PROD.SALES.ORDERS", "carol", {"select", "Modify"}, "alice");
  m.grant(Securable::Table, "prod.sales.orders", "bob", {"SELECT"}, "alice");
  m.grant(Securable::Table, "prod.sales.orders", "bob", {"select"}, "someone else");
  m.grant(Securable::Catalog, "prod", "bob", {"use catalog"}, "alice");

  const auto onTable = m.grants(Securable::Table, "prod.sales.orders");
  EXPECT_EQ(grantList(onTable),
            (Strings{"TABLE Prod.Sales.Orders bob SELECT", "TABLE Prod.Sales.Orders carol MODIFY",
                     "TABLE Prod.Sales.Orders carol SELECT"}));
  EXPECT_EQ(onTable[0].grantor, "alice") << "granting again changes nothing";
  EXPECT_EQ(
      grantList(m.grants(Securable::Table, "prod.sales.orders", "CAROL")),
      (Strings{"TABLE Prod.Sales.Orders carol MODIFY", "TABLE Prod.Sales.Orders carol SELECT"}));
  EXPECT_EQ(grantList(m.grants(Securable::Catalog, "PROD")),
            Strings{"CATALOG Prod bob USE CATALOG"});

  m.revoke(Securable::Table, "prod.sales.orders", "carol", {"modify", "EXECUTE"});
  EXPECT_EQ(grantList(m.grants(Securable::Table, "prod.sales.orders", "carol")),
            Strings{"TABLE Prod.Sales.Orders carol SELECT"});

  EXPECT_EQ(messageOf([&] {
              m.grant(Securable::Table, "prod.sales.missing", "bob", {"SELECT"}, "alice");
            }),
            "Table 'prod.sales.missing' not found");
  EXPECT_EQ(errorOf([&] { m.revoke(Securable::Volume, "prod.sales.orders", "bob", {"READ"}); }),
            WorkspaceErrorClass::NotFound)
      << "a table is not a volume";
  EXPECT_EQ(errorOf([&] { (void)m.grants(Securable::Schema, "prod.nope"); }),
            WorkspaceErrorClass::NotFound);
  EXPECT_EQ(errorOf([&] { m.grant(Securable::Table, "prod.orders", "bob", {"SELECT"}, "a"); }),
            WorkspaceErrorClass::InvalidSql);
}

TEST(Metastore, GrantsAndTagsInCatalogCoverEverythingBelowIt) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  populate(m);
  // A catalog whose name starts like the other must not leak into its listing.
  m.createCatalog("Prod2", "alice");
  m.grant(Securable::Catalog, "prod2", "bob", {"USE CATALOG"}, "alice");
  m.setTags(Securable::Catalog, "prod2", "", {{"env", "x"}});

  m.grant(Securable::Catalog, "prod", "bob", {"USE CATALOG"}, "alice");
  m.grant(Securable::Schema, "prod.sales", "bob", {"USE SCHEMA"}, "alice");
  m.grant(Securable::Table, "prod.sales.orders", "bob", {"SELECT"}, "alice");
  m.grant(Securable::Function, "prod.sales.plus1", "bob", {"EXECUTE"}, "alice");
  m.grant(Securable::Volume, "prod.sales.files", "bob", {"READ VOLUME"}, "alice");
  EXPECT_EQ(
      grantList(m.grantsInCatalog("PROD")),
      (Strings{"CATALOG Prod bob USE CATALOG", "SCHEMA Prod.Sales bob USE SCHEMA",
               "VOLUME Prod.Sales.Files bob READ VOLUME", "TABLE Prod.Sales.Orders bob SELECT",
               "FUNCTION Prod.Sales.Plus1 bob EXECUTE"}));

  m.setTags(Securable::Catalog, "prod", "", {{"env", "prod"}});
  m.setTags(Securable::Table, "prod.sales.orders", "id", {{"key", ""}});
  m.setTags(Securable::Volume, "prod.sales.files", "", {{"raw", "1"}});
  EXPECT_EQ(tagList(m.tagsInCatalog("prod")),
            (Strings{"CATALOG Prod  env=prod", "VOLUME Prod.Sales.Files  raw=1",
                     "TABLE Prod.Sales.Orders id key="}));
  EXPECT_EQ(errorOf([&] { (void)m.grantsInCatalog("nope"); }), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(errorOf([&] { (void)m.tagsInCatalog("nope"); }), WorkspaceErrorClass::NotFound);
}

TEST(Metastore, TagsOnObjectsAndColumns) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  populate(m);
  m.setTags(Securable::Table, "prod.sales.orders", "", {{"pii", "no"}, {"domain", "sales"}});
  m.setTags(Securable::Table, "PROD.SALES.ORDERS", "", {{"pii", "partly"}});
  m.setTags(Securable::Table, "prod.sales.orders", "Email", {{"pii", "yes"}});
  m.setTags(Securable::Schema, "prod.sales", "", {{"team", "growth"}});

  EXPECT_EQ(
      tagList(m.tags(Securable::Table, "prod.sales.orders")),
      (Strings{"TABLE Prod.Sales.Orders  domain=sales", "TABLE Prod.Sales.Orders  pii=partly"}))
      << "the object's own tags, values replaced, not its columns'";
  EXPECT_EQ(tagList(m.tags(Securable::Table, "prod.sales.orders", "EMAIL")),
            Strings{"TABLE Prod.Sales.Orders Email pii=yes"});
  EXPECT_EQ(tagList(m.tags(Securable::Schema, "PROD.SALES")),
            Strings{"SCHEMA Prod.Sales  team=growth"});

  m.unsetTags(Securable::Table, "prod.sales.orders", "", {"pii", "absent"});
  EXPECT_EQ(tagList(m.tags(Securable::Table, "prod.sales.orders")),
            Strings{"TABLE Prod.Sales.Orders  domain=sales"});
  EXPECT_EQ(m.tags(Securable::Table, "prod.sales.orders", "email").size(), 1u)
      << "unsetting the table's tag leaves the column's";
  m.unsetTags(Securable::Table, "prod.sales.orders", "email", {"pii"});
  EXPECT_TRUE(m.tags(Securable::Table, "prod.sales.orders", "email").empty());

  EXPECT_EQ(messageOf([&] {
              m.setTags(Securable::Volume, "prod.sales.nope", "", {{"a", "b"}});
            }),
            "Volume 'prod.sales.nope' not found");
  EXPECT_EQ(errorOf([&] { m.unsetTags(Securable::Catalog, "nope", "", {"a"}); }),
            WorkspaceErrorClass::NotFound);
  EXPECT_EQ(errorOf([&] {
              m.setTags(Securable::Schema, "prod.sales", "col", {{"a", "b"}});
            }),
            WorkspaceErrorClass::InvalidSql);
}

TEST(Metastore, DropsRemoveGrantsAndTagsOfTheObjectAndItsContents) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  const auto decorate = [&] {
    populate(m);
    m.grant(Securable::Catalog, "prod", "bob", {"USE CATALOG"}, "alice");
    m.grant(Securable::Schema, "prod.sales", "bob", {"USE SCHEMA"}, "alice");
    m.grant(Securable::Table, "prod.sales.orders", "bob", {"SELECT"}, "alice");
    m.grant(Securable::Function, "prod.sales.plus1", "bob", {"EXECUTE"}, "alice");
    m.grant(Securable::Volume, "prod.sales.files", "bob", {"READ VOLUME"}, "alice");
    m.setTags(Securable::Schema, "prod.sales", "", {{"k", "v"}});
    m.setTags(Securable::Table, "prod.sales.orders", "id", {{"k", "v"}});
    m.setTags(Securable::Function, "prod.sales.plus1", "", {{"k", "v"}});
    m.setTags(Securable::Volume, "prod.sales.files", "", {{"k", "v"}});
  };

  decorate();
  // Same full name, other kind: dropping the table must not touch the function's grants.
  m.createFunction(functionNamed("prod", "sales", "orders"));
  m.grant(Securable::Function, "prod.sales.orders", "bob", {"EXECUTE"}, "alice");
  m.dropTable("PROD", "SALES", "ORDERS");
  m.dropFunction("prod", "sales", "plus1");
  m.dropVolume("prod", "sales", "files");
  EXPECT_EQ(grantList(m.grantsInCatalog("prod")),
            (Strings{"CATALOG Prod bob USE CATALOG", "SCHEMA Prod.Sales bob USE SCHEMA",
                     "FUNCTION Prod.Sales.orders bob EXECUTE"}));
  EXPECT_EQ(tagList(m.tagsInCatalog("prod")), Strings{"SCHEMA Prod.Sales  k=v"});
  m.createTable(tableNamed("prod", "sales", "orders"));
  EXPECT_TRUE(m.grants(Securable::Table, "prod.sales.orders").empty())
      << "a new table of the old name starts bare";
  EXPECT_TRUE(m.tags(Securable::Table, "prod.sales.orders", "id").empty());
  m.dropCatalog("prod", false, true);

  decorate();
  m.dropSchema("Prod", "Sales", false, true);
  EXPECT_EQ(grantList(m.grantsInCatalog("prod")), Strings{"CATALOG Prod bob USE CATALOG"});
  EXPECT_TRUE(m.tagsInCatalog("prod").empty());
  m.dropCatalog("prod");

  decorate();
  m.dropCatalog("PROD", false, true);
  m.createCatalog("prod", "alice");
  EXPECT_TRUE(m.grantsInCatalog("prod").empty());
  EXPECT_TRUE(m.tagsInCatalog("prod").empty());
}

TEST(Metastore, SecondHandleSeesChangesAndGenerationMoves) {
  clxs::testing::TempDir dir;
  Metastore a(dir.path());
  Metastore b(dir.path());
  populate(a);

  const auto before = b.generation();
  EXPECT_EQ(b.generation(), before) << "reads do not move the generation";
  a.grant(Securable::Table, "prod.sales.orders", "bob", {"SELECT"}, "alice");
  a.setTags(Securable::Volume, "prod.sales.files", "", {{"k", "v"}});
  EXPECT_NE(b.generation(), before);
  EXPECT_EQ(b.grants(Securable::Table, "prod.sales.orders").size(), 1u);
  EXPECT_EQ(b.tags(Securable::Volume, "prod.sales.files").size(), 1u);
  ASSERT_TRUE(b.function("prod", "sales", "plus1"));

  const auto mine = b.generation();
  b.setOwner(Securable::Table, "prod.sales.orders", "carol");
  EXPECT_NE(b.generation(), mine) << "a handle's own writes move its generation";
  EXPECT_EQ(a.owner(Securable::Table, "prod.sales.orders"), "carol");
}

TEST(Metastore, GenerationMovesWhenAnotherConnectionCommits) {
  clxs::testing::TempDir dir;
  Metastore m(dir.path());
  m.createCatalog("c", "o");
  // A bare connection stands in for another process: it commits without going through any
  // Metastore of this process, so only SQLite's data_version can notice.
  StateStore other(dir.path() / "metastore", "metastore.db");
  const auto before = m.generation();
  other.execute("UPDATE uc_catalogs SET comment = 'changed elsewhere'");
  EXPECT_NE(m.generation(), before);
  EXPECT_EQ(m.catalogs().at(0).comment, "changed elsewhere");
}

}  // namespace
}  // namespace clxs::kernel
