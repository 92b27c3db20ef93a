#include "plugins/generate/industry_catalog.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "plugins/generate/demo_sql.hpp"

namespace clxs::generate {
namespace {

bool plainName(const std::string& s) {
  static const std::regex kName("[a-z][a-z0-9_]*");
  return std::regex_match(s, kName);
}

TEST(IndustryCatalog, HasTheOriginalsTenIndustriesInOrder) {
  EXPECT_EQ(industryNames(), (std::vector<std::string>{
                                 "healthcare", "financial", "retail", "telecom", "manufacturing",
                                 "energy", "education", "real_estate", "logistics", "insurance"}));
  EXPECT_EQ(findIndustry("retail")->name, "retail");
  EXPECT_EQ(findIndustry("Retail"), nullptr);
  EXPECT_EQ(findIndustry("mining"), nullptr);
}

TEST(IndustryCatalog, DefinitionsAreConsistent) {
  for (const auto& ind : allIndustries()) {
    SCOPED_TRACE(ind.name);
    EXPECT_FALSE(ind.description.empty());
    EXPECT_FALSE(ind.ownerTeam.empty());
    EXPECT_GE(ind.tables.size(), 12u);
    EXPECT_GE(ind.views.size(), 5u);
    EXPECT_GE(ind.functions.size(), 5u);
    std::set<std::string> defined;
    std::int64_t base = 0;
    for (const auto& t : ind.tables) {
      SCOPED_TRACE(t.name);
      EXPECT_TRUE(plainName(t.name));
      EXPECT_FALSE(t.comment.empty());
      EXPECT_GT(t.baseRows, 0);
      base += t.baseRows;
      ASSERT_FALSE(t.columns.empty());
      EXPECT_EQ(t.columns.front().kind, ColumnKind::Key);
      std::set<std::string> cols;
      for (const auto& c : t.columns) {
        EXPECT_TRUE(plainName(c.name)) << c.name;
        EXPECT_TRUE(cols.insert(c.name).second) << "duplicate column " << c.name;
        // Foreign keys point at tables defined earlier, so they exist (with their key) first.
        if (c.kind == ColumnKind::ForeignKey) {
          EXPECT_EQ(defined.count(c.ref), 1u) << c.ref;
        }
        if (c.kind == ColumnKind::Choice || c.kind == ColumnKind::Status) {
          EXPECT_FALSE(c.ref.empty()) << c.name;
          EXPECT_EQ(c.ref.find("||"), std::string::npos) << c.name;
        }
        if (c.kind == ColumnKind::Money || c.kind == ColumnKind::Integer ||
            c.kind == ColumnKind::Number) {
          EXPECT_LT(c.low, c.high) << c.name;
        }
      }
      if (!t.partitionBy.empty()) {
        EXPECT_EQ(cols.count(t.partitionBy), 1u) << t.partitionBy;
      }
      EXPECT_TRUE(defined.insert(t.name).second) << "duplicate table";
    }
    // About 190 million rows per industry at scale 1.0, as in the original.
    EXPECT_GT(base, 180'000'000);
    EXPECT_LT(base, 200'000'000);
    for (const auto& v : ind.views) EXPECT_NE(v.sql.find("{s}."), std::string::npos) << v.name;
  }
}

}  // namespace
}  // namespace clxs::generate
