#include "plugins/generate/medallion.hpp"

#include <gtest/gtest.h>

#include "plugins/generate/industry_catalog.hpp"

namespace clxs::generate {
namespace {

TEST(Medallion, BronzeSamplesCarryIngestionColumns) {
  const IndustryDef* ind = findIndustry("telecom");
  const TableDef& plans = ind->tables.front();
  GenContext ctx;
  ctx.catalog = "demo";
  const std::string sql = bronzeTableSql(ctx, *ind, plans, 42);
  EXPECT_EQ(sql.rfind("CREATE TABLE `demo`.`bronze`.`telecom_raw_plans` USING DELTA COMMENT", 0),
            0u)
      << sql;
  EXPECT_NE(sql.find("'demo.generated_by' = 'clone-xs'"), std::string::npos);
  EXPECT_NE(sql.find("AS SELECT `plan_id`, `plan_code`,"), std::string::npos) << sql;
  EXPECT_NE(sql.find("current_timestamp() AS _ingested_at"), std::string::npos);
  EXPECT_NE(sql.find("concat('s3://raw-bucket/telecom/plans/part-', lpad(CAST(`plan_id` % 100 "
                     "AS STRING), 5, '0'), '.json') AS _source_file"),
            std::string::npos)
      << sql;
  EXPECT_NE(sql.find("sha2(concat('telecom.plans:', CAST(`plan_id` AS STRING)), 256) AS _raw_id"),
            std::string::npos);
  EXPECT_NE(sql.find(" FROM `demo`.`telecom`.`plans` LIMIT 42"), std::string::npos);
  EXPECT_EQ(bronzeRows(1'000'000, 10), 100'000);
  EXPECT_EQ(bronzeRows(50, 10), 10);
}

TEST(Medallion, SilverListsColumnsWithoutTheRawOnes) {
  const IndustryDef* ind = findIndustry("telecom");
  const std::string sql = silverViewSql("demo", *ind, ind->tables.front());
  EXPECT_EQ(sql.rfind("CREATE OR REPLACE VIEW `demo`.`silver`.`telecom_clean_plans` COMMENT", 0),
            0u);
  EXPECT_NE(sql.find(", _ingested_at AS processed_at FROM `demo`.`bronze`.`telecom_raw_plans`"),
            std::string::npos)
      << sql;
  EXPECT_EQ(sql.find("_raw_id"), std::string::npos);
  EXPECT_EQ(sql.find("_source_file"), std::string::npos);
}

TEST(Medallion, GoldAggregatesTheTwoLargestTablesWithDates) {
  for (const auto& ind : allIndustries()) {
    const auto views = goldViews("demo", ind);
    EXPECT_GE(views.size(), 2u) << ind.name;
    EXPECT_LE(views.size(), 4u) << ind.name;
  }
  const auto views = goldViews("demo", *findIndustry("healthcare"));
  ASSERT_EQ(views.size(), 4u);
  EXPECT_EQ(views[0].name, "healthcare_claims_daily_summary");
  EXPECT_EQ(views[0].sql,
            "SELECT CAST(`service_date` AS DATE) AS activity_date, count(*) AS records, "
            "sum(`billed_amount`) AS `total_billed_amount` FROM "
            "`demo`.`silver`.`healthcare_clean_claims` GROUP BY CAST(`service_date` AS DATE)");
  EXPECT_EQ(views[1].name, "healthcare_claims_status_summary");
  EXPECT_EQ(views[2].name, "healthcare_encounters_daily_summary");
}

}  // namespace
}  // namespace clxs::generate
