#include "plugins/generate/derived_objects.hpp"

#include <gtest/gtest.h>

#include <set>

#include "plugins/generate/industry_catalog.hpp"

namespace clxs::generate {
namespace {

TEST(DerivedObjects, EveryIndustryGetsTwentyUniqueViewsAndFunctions) {
  for (const auto& ind : allIndustries()) {
    const auto views = industryViews(ind, true);
    const auto functions = industryFunctions(ind);
    EXPECT_EQ(views.size(), kObjectsPerIndustry) << ind.name;
    EXPECT_EQ(functions.size(), kObjectsPerIndustry) << ind.name;
    std::set<std::string> names;
    for (const auto& v : views) EXPECT_TRUE(names.insert(v.name).second) << v.name;
    for (const auto& f : functions) EXPECT_TRUE(names.insert(f.name).second) << f.name;
    for (const auto& t : ind.tables) EXPECT_EQ(names.count(t.name), 0u) << t.name;
  }
}

TEST(DerivedObjects, HandWrittenObjectsComeFirst) {
  const IndustryDef* ind = findIndustry("healthcare");
  const auto views = industryViews(*ind, true);
  EXPECT_EQ(views.front().name, ind->views.front().name);
  EXPECT_EQ(industryFunctions(*ind).front().name, ind->functions.front().name);
}

TEST(DerivedObjects, MaskedViewsCallTheMaskingFunctionsOnlyWhenTheyExist) {
  const IndustryDef* ind = findIndustry("healthcare");
  bool sawMasked = false;
  for (const auto& v : industryViews(*ind, true)) {
    if (v.name != "patients_masked") continue;
    sawMasked = true;
    EXPECT_NE(v.sql.find("{f}.mask_email(`email`) AS `email`"), std::string::npos) << v.sql;
    EXPECT_NE(v.sql.find("{f}.mask_ssn(`ssn`) AS `ssn`"), std::string::npos) << v.sql;
    EXPECT_NE(v.sql.find(" FROM {s}.`patients`"), std::string::npos) << v.sql;
  }
  EXPECT_TRUE(sawMasked);
  for (const auto& v : industryViews(*ind, false)) {
    EXPECT_EQ(v.sql.find("mask_"), std::string::npos) << v.name;
  }
}

TEST(DerivedObjects, LargestTablesAreOrderedByBaseRows) {
  const IndustryDef* ind = findIndustry("retail");
  const auto top = largestTables(*ind, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0]->name, "order_items");
  EXPECT_EQ(top[1]->name, "clickstream");
  EXPECT_EQ(top[2]->name, "reviews");
  EXPECT_EQ(largestTables(*ind, 100).size(), ind->tables.size());
}

TEST(DerivedObjects, GenericFunctionsAreSqlReturnExpressions) {
  const auto fns = genericFunctions();
  EXPECT_GE(fns.size(), 15u);
  for (const auto& f : fns) {
    EXPECT_FALSE(f.body.empty()) << f.name;
    EXPECT_FALSE(f.returns.empty()) << f.name;
    EXPECT_FALSE(f.comment.empty()) << f.name;
  }
}

}  // namespace
}  // namespace clxs::generate
