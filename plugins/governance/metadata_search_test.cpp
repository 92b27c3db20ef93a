#include "plugins/governance/metadata_search.hpp"

#include <gtest/gtest.h>

namespace clxs::governance {
namespace {

ResultSet searchRows(const std::vector<std::vector<Json>>& rows) {
  ResultSet r;
  for (const auto* n : {"kind", "schema_name", "table_name", "column_name", "object_type",
                        "comment", "tag_name", "tag_value", "score"}) {
    r.columns.push_back({n, "STRING"});
  }
  r.rows = rows;
  return r;
}

TEST(GovernanceSearchRank, ExactBeforePrefixBeforeSubstring) {
  EXPECT_EQ(nameScore("Orders", "orders"), kExactNameScore);
  EXPECT_EQ(nameScore("orders_2024", "orders"), kPrefixNameScore);
  EXPECT_EQ(nameScore("old_orders", "orders"), kSubstringNameScore);
  EXPECT_EQ(nameScore("customers", "orders"), 0);
  // % and _ are plain characters.
  EXPECT_EQ(nameScore("discount", "%"), 0);
  EXPECT_EQ(nameScore("pct_50%", "50%"), kSubstringNameScore);
  EXPECT_EQ(nameScore("a_b", "_"), kSubstringNameScore);
  EXPECT_EQ(nameScore("ab", "_"), 0);
}

TEST(GovernanceSearchRank, OneHitPerObjectWithEveryWayItMatched) {
  const auto hits = hitsFromRows(
      "main",
      searchRows(
          {{"column", "crm", "people", "mail", "STRING", nullptr, nullptr, nullptr, 60},
           {"column", "crm", "People", "MAIL", nullptr, nullptr, "class", "email_address", 30},
           {"table", "crm", "email", nullptr, "MANAGED", "all mail", nullptr, nullptr, 100},
           {"table", "crm", "notes", nullptr, "MANAGED", "email kept here", nullptr, nullptr,
            30}}));
  const auto merged = mergeHits(hits);
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].table, "email");
  EXPECT_EQ(merged[0].score, kExactNameScore);
  EXPECT_EQ(merged[1].kind, "column");
  EXPECT_EQ(merged[1].matchedOn, (std::set<std::string>{"name", "tag"}));
  ASSERT_EQ(merged[1].tags.size(), 1u);
  EXPECT_EQ(merged[1].tags[0].second, "email_address");
  EXPECT_EQ(merged[1].objectType, "STRING");
  EXPECT_EQ(merged[2].table, "notes");
  EXPECT_EQ(merged[2].matchedOn, std::set<std::string>{"comment"});

  const auto j = hitJson(merged[1]);
  EXPECT_EQ(j["fqn"], "main.crm.people.mail");
  EXPECT_EQ(j["type"], "STRING");
  EXPECT_EQ(j["tags"][0]["tag_value"], "email_address");
}

TEST(GovernanceSearchRank, TermsMatchNamesSynonymsAndDefinitions) {
  GlossaryTerm a;
  a.termId = "a";
  a.name = "Customer";
  a.synonyms = {"Client"};
  a.definition = "Someone who buys";
  GlossaryTerm b;
  b.termId = "b";
  b.name = "Churn 100%";
  b.definition = "Customers lost";
  const auto hits = mergeHits(termHits({a, b}, "client"));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].score, kSynonymExactScore);
  EXPECT_EQ(hits[0].matchedOn, std::set<std::string>{"synonym"});
  const auto customers = mergeHits(termHits({a, b}, "customer"));
  ASSERT_EQ(customers.size(), 2u);
  EXPECT_EQ(customers[0].term["term_id"], "a");
  EXPECT_EQ(customers[1].matchedOn, std::set<std::string>{"definition"});
  EXPECT_EQ(termHits({a, b}, "0%").size(), 1u);
  EXPECT_TRUE(termHits({a, b}, "_").empty());
}

TEST(GovernanceSearchRank, StatementQuotesTheCatalogAndBindsTheQuery) {
  const auto sql = catalogSearchSql("it's `x`", SearchType::All, 10);
  EXPECT_NE(sql.find("`it's ``x```.`information_schema`.`columns`"), std::string::npos);
  EXPECT_NE(sql.find("`information_schema`.`column_tags`"), std::string::npos);
  EXPECT_NE(sql.find("lower(:q)"), std::string::npos);
  EXPECT_EQ(sql.find("LIKE"), std::string::npos);
  EXPECT_NE(sql.find("LIMIT 10"), std::string::npos);
  const auto tags = catalogSearchSql("main", SearchType::Tags, 10);
  EXPECT_EQ(tags.find("information_schema`.`tables`"), std::string::npos);
  EXPECT_NE(tags.find("`table_tags`"), std::string::npos);
  EXPECT_TRUE(catalogSearchSql("main", SearchType::Terms, 10).empty());
  EXPECT_EQ(parseSearchType("Glossary"), SearchType::Terms);
}

}  // namespace
}  // namespace clxs::governance
