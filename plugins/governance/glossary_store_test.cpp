#include "plugins/governance/glossary_store.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::governance {
namespace {

class GlossaryStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(GlossaryStore::migrations()); }

  static GlossaryTerm term(const std::string& id, const std::string& name,
                           const std::string& domain = "General") {
    GlossaryTerm t;
    t.termId = id;
    t.name = name;
    t.domain = domain;
    t.definition = "about " + name;
    t.createdBy = t.updatedBy = "ana@example.com";
    t.createdAt = t.updatedAt = "2026-12-08T01:00:00.000Z";
    return t;
  }

  clxs::testing::SqliteTestStore sqlite_;
  GlossaryStore glossary_{sqlite_};
};

TEST_F(GlossaryStoreTest, NamesAreUniquePerDomainInAnyCase) {
  EXPECT_TRUE(glossary_.insert(term("t1", "Customer")));
  EXPECT_FALSE(glossary_.insert(term("t2", "CUSTOMER", "general")));
  EXPECT_TRUE(glossary_.insert(term("t3", "Customer", "Finance")));
  EXPECT_EQ(glossary_.list().size(), 2u);
  EXPECT_EQ(glossary_.findByName("GENERAL", "customer")->termId, "t1");

  auto renamed = *glossary_.find("t3");
  renamed.domain = "General";
  EXPECT_FALSE(glossary_.update(renamed));  // would clash with t1
  renamed.name = "Client";
  EXPECT_TRUE(glossary_.update(renamed));
  EXPECT_EQ(glossary_.find("t3")->domain, "General");
}

TEST_F(GlossaryStoreTest, KeepsQuotesAndListsRoundTripping) {
  auto t = term("t1", "O'Brien `score` 100%");
  t.synonyms = {"obs_%", "it's"};
  t.tags = {"pii"};
  ASSERT_TRUE(glossary_.insert(t));
  const auto back = glossary_.find("t1");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->name, "O'Brien `score` 100%");
  EXPECT_EQ(back->synonyms, (std::vector<std::string>{"obs_%", "it's"}));
  EXPECT_EQ(back->tags, std::vector<std::string>{"pii"});
  EXPECT_TRUE(back->parentId.empty());
}

TEST_F(GlossaryStoreTest, RelationsAreSymmetricAndGoWithTheTerm) {
  ASSERT_TRUE(glossary_.insert(term("a", "Revenue")));
  auto b = term("b", "Income");
  b.relatedIds = {"a"};
  b.parentId = "a";
  ASSERT_TRUE(glossary_.insert(b));
  EXPECT_EQ(glossary_.find("a")->relatedIds, std::vector<std::string>{"b"});
  EXPECT_EQ(glossary_.childrenOf("a"), std::vector<std::string>{"b"});
  EXPECT_EQ(glossary_.list({.parentId = "a"}).size(), 1u);

  glossary_.remove("b");
  EXPECT_TRUE(glossary_.find("a")->relatedIds.empty());
  EXPECT_FALSE(glossary_.find("b"));
}

TEST_F(GlossaryStoreTest, LinkingTwiceKeepsOneLinkAndDeleteRemovesThem) {
  ASSERT_TRUE(glossary_.insert(term("t1", "Email")));
  GlossaryLink l{"l1", "t1", {"main", "crm", "people", "email"}, "", "ana", "2026-12-08T01:00Z"};
  EXPECT_TRUE(glossary_.addLink(l));
  l.linkId = "l2";
  l.column = {"MAIN", "crm", "People", "EMAIL"};
  EXPECT_FALSE(glossary_.addLink(l));
  glossary_.setLinkTag("t1", l.column, "glossary_term");
  const auto links = glossary_.links("t1");
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].column.column, "email");
  EXPECT_EQ(links[0].tagKey, "glossary_term");
  EXPECT_EQ(glossary_.linkCounts()["t1"], 1);

  EXPECT_EQ(glossary_.remove("t1").size(), 1u);
  EXPECT_TRUE(glossary_.links("t1").empty());
}

}  // namespace
}  // namespace clxs::governance
