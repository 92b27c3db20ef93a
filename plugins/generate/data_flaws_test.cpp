#include "plugins/generate/data_flaws.hpp"

#include <gtest/gtest.h>

#include "plugins/generate/industry_catalog.hpp"

namespace clxs::generate {
namespace {

GenContext context(std::int64_t rows) {
  GenContext ctx;
  ctx.catalog = "demo";
  ctx.startDate = "2020-01-01";
  ctx.endDate = "2025-01-01";
  for (const auto& t : findIndustry("retail")->tables) ctx.rows[t.name] = rows;
  return ctx;
}

const TableDef& table(const std::string& name) {
  for (const auto& t : findIndustry("retail")->tables) {
    if (t.name == name) return t;
  }
  throw std::logic_error("no retail table " + name);
}

TEST(DataFlaws, QualityIssuesDuplicateFirstThenNullTheStatusAndInflateTheAmount) {
  const auto sql = qualityFlawsSql(context(1000), *findIndustry("retail"), table("order_items"));
  ASSERT_EQ(sql.size(), 3u);
  EXPECT_EQ(sql[0],
            "INSERT INTO `demo`.`retail`.`order_items` SELECT * FROM `demo`.`retail`.`order_items` "
            "WHERE `order_item_id` % 100 = 50 AND `order_item_id` <= 1000 ORDER BY `order_item_id` "
            "LIMIT 100");
  EXPECT_EQ(sql[1],
            "UPDATE `demo`.`retail`.`order_items` SET `status` = NULL WHERE `order_item_id` % 100 "
            "= 0 AND `order_item_id` <= 1000");
  EXPECT_NE(sql[2].find("`unit_price` = `unit_price` * 1000 WHERE `order_item_id` % 1000 = 0"),
            std::string::npos);
}

TEST(DataFlaws, NearDuplicatesCopyTheFirstTwentyKeysAfterTheLastOne) {
  const auto& customers = table("customers");
  ASSERT_TRUE(isPeopleTable(customers));
  EXPECT_FALSE(isScd2Candidate(customers)) << "people get near-duplicates, not SCD2";
  auto sql = nearDuplicatesSql(context(500), *findIndustry("retail"), customers);
  ASSERT_EQ(sql.size(), 2u);
  EXPECT_NE(sql[0].find("`customer_id` + 500"), std::string::npos) << sql[0];
  EXPECT_NE(sql[0].find("BETWEEN 1 AND 10"), std::string::npos) << sql[0];
  EXPECT_NE(sql[1].find("BETWEEN 11 AND 20"), std::string::npos) << sql[1];
  // Fewer than 20 rows: only generated keys are copied, never the copies.
  sql = nearDuplicatesSql(context(12), *findIndustry("retail"), customers);
  EXPECT_NE(sql[1].find("BETWEEN 11 AND 12"), std::string::npos) << sql[1];
  EXPECT_TRUE(
      nearDuplicatesSql(context(500), *findIndustry("retail"), table("order_items")).empty());
}

TEST(DataFlaws, Scd2AddsTheColumnsAndAClosedVersionOfEveryTenthKey) {
  const TableDef* candidate = nullptr;
  for (const auto& t : findIndustry("retail")->tables) {
    if (isScd2Candidate(t)) candidate = &t;
  }
  ASSERT_NE(candidate, nullptr);
  const auto sql = scd2Sql(context(100), *findIndustry("retail"), *candidate);
  ASSERT_EQ(sql.size(), 3u);
  EXPECT_NE(sql[0].find("ADD COLUMNS (valid_from TIMESTAMP"), std::string::npos);
  EXPECT_NE(sql[1].find("is_current = TRUE"), std::string::npos);
  EXPECT_NE(sql[2].find("FALSE FROM"), std::string::npos);
  EXPECT_NE(sql[2].find("% 10 = 0"), std::string::npos);
}

TEST(DataFlaws, ASeasonalSpikeCopiesTheFirstRowsIntoThePeakMonths) {
  EXPECT_EQ(spikeRows(100'000), 5'000);
  EXPECT_EQ(spikeRows(10'000), 1'000);
  EXPECT_EQ(spikeRows(300), 300);
  EXPECT_TRUE(peakMonths("telecom").empty());
  const IndustryDef& retail = *findIndustry("retail");
  std::vector<std::string> sql;
  for (const auto& t : retail.tables) {
    if (sql.empty()) sql = seasonalSpikeSql(context(10'000), retail, t);
  }
  ASSERT_EQ(sql.size(), 1u);
  EXPECT_NE(sql[0].find("<= 1000"), std::string::npos) << sql[0];
  EXPECT_NE(sql[0].find("WHEN 2 THEN 12"), std::string::npos) << "retail peaks Oct-Dec";
  EXPECT_TRUE(seasonalSpikeSql(context(10'000), *findIndustry("telecom"),
                               findIndustry("telecom")->tables.front())
                  .empty());
}

TEST(DataFlaws, CrossIndustryViewsJoinPairsOfIndustriesWithPeopleByState) {
  std::vector<const IndustryDef*> all;
  for (const auto& name : industryNames()) all.push_back(findIndustry(name));
  const auto sql = crossIndustrySql("demo", all);
  ASSERT_EQ(sql.size(), 1 + kCrossIndustryViews);
  EXPECT_EQ(sql[0].first, "cross_industry");
  EXPECT_NE(sql[1].second.find("FULL OUTER JOIN"), std::string::npos) << sql[1].second;
  EXPECT_NE(sql[1].second.find("LIMIT 100000"), std::string::npos);
  EXPECT_TRUE(crossIndustrySql("demo", {findIndustry("retail")}).empty()) << "one industry";
}

TEST(DataFlaws, TheDataCatalogHasASchemaAndFourViews) {
  const auto sql = dataCatalogSql("demo");
  ASSERT_EQ(sql.size(), 5u);
  EXPECT_EQ(sql[0].first, "data_catalog");
  EXPECT_EQ(sql[4].first, "data_catalog.pii_columns");
  EXPECT_NE(sql[2].second.find("`demo`.information_schema.columns"), std::string::npos);
}

}  // namespace
}  // namespace clxs::generate
