#include "plugins/generate/demo_plan.hpp"

#include <gtest/gtest.h>

#include <set>

#include "plugins/generate/industry_catalog.hpp"

namespace clxs::generate {
namespace {

DemoRequest request(std::vector<std::string> industries, double scale) {
  DemoRequest r;
  r.catalog = "demo";
  r.industries = std::move(industries);
  r.scaleFactor = scale;
  r.batchSize = 1000;
  return r;
}

std::vector<std::string> phaseNames(const Plan& p) {
  std::vector<std::string> out;
  for (const auto& ph : p.phases) out.push_back(ph.industry + ":" + ph.name);
  return out;
}

const Phase& findPhase(const Plan& p, const std::string& industry, const std::string& name) {
  for (const auto& ph : p.phases) {
    if (ph.industry == industry && ph.name == name) return ph;
  }
  throw std::runtime_error("no phase " + industry + ":" + name);
}

TEST(DemoPlan, TargetRowsScaleWithAFloor) {
  EXPECT_EQ(targetRows(100'000'000, 0.01), 1'000'000);
  EXPECT_EQ(targetRows(100'000'000, 1.5), 150'000'000);
  EXPECT_EQ(targetRows(1'000, 0.001), kMinRows);
  EXPECT_EQ(targetRows(1'999, 0.01), 19);
  EXPECT_EQ(targetRows(100'000, 0.00001), kMinRows);
}

TEST(DemoPlan, SplitsIntoBatchesWithARemainder) {
  const auto even = splitBatches(3000, 1000);
  ASSERT_EQ(even.size(), 3u);
  EXPECT_EQ(even[2].offset, 2000);
  EXPECT_EQ(even[2].count, 1000);
  const auto rest = splitBatches(2500, 1000);
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_EQ(rest[2].offset, 2000);
  EXPECT_EQ(rest[2].count, 500);
  const auto one = splitBatches(10, 5'000'000);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].count, 10);
  EXPECT_TRUE(splitBatches(0, 1000).empty());
}

TEST(DemoPlan, ForeignKeysDrawFromTheReferencedTablesRowsAtThisScale) {
  const Plan plan = buildPlan(request({"healthcare"}, 0.001));
  const auto& data = findPhase(plan, "healthcare", "data");
  // claims reference 1,000 patients at this scale (1M base rows), encounters 50,000.
  bool sawClaims = false;
  for (const auto& chain : data.chains) {
    const Step& s = chain.front();
    if (s.table != "healthcare.claims") continue;
    sawClaims = true;
    EXPECT_NE(s.sql.find("CAST(floor(rand() * 1000) + 1 AS BIGINT)"), std::string::npos);
    EXPECT_NE(s.sql.find("CAST(floor(rand() * 50000) + 1 AS BIGINT)"), std::string::npos);
  }
  EXPECT_TRUE(sawClaims);
  // 100,000 claims in batches of 1,000.
  std::int64_t claimBatches = 0;
  for (const auto& chain : data.chains) claimBatches += chain.front().table == "healthcare.claims";
  EXPECT_EQ(claimBatches, 100);
}

TEST(DemoPlan, PhasesRunInDependencyOrder) {
  DemoRequest r = request({"retail", "telecom"}, 0.0001);
  r.owner = "admins";
  r.dropExisting = true;
  const Plan plan = buildPlan(r);
  const std::vector<std::string> expected = {
      ":catalog",          ":schemas",      "retail:tables",   "retail:keys",      "retail:data",
      "retail:history",    "retail:spikes", "retail:flaws",    "retail:functions", "retail:views",
      "retail:bronze",     "retail:silver", "retail:gold",     "retail:volumes",   "retail:files",
      "telecom:tables",    "telecom:keys",  "telecom:data",    "telecom:history",  "telecom:flaws",
      "telecom:functions", "telecom:views", "telecom:bronze",  "telecom:silver",   "telecom:gold",
      "telecom:volumes",   "telecom:files", ":cross_industry", ":data_catalog",    ":owner"};
  EXPECT_EQ(phaseNames(plan), expected);
  const auto& catalog = plan.phases[0];
  EXPECT_TRUE(catalog.fatal);
  ASSERT_EQ(catalog.chains.size(), 1u);
  ASSERT_EQ(catalog.chains[0].size(), 2u);
  EXPECT_EQ(catalog.chains[0][0].sql, "DROP CATALOG IF EXISTS `demo` CASCADE");
  EXPECT_EQ(catalog.chains[0][1].sql.rfind("CREATE CATALOG `demo` COMMENT", 0), 0u);
  EXPECT_EQ(plan.phases[1].chains.size(), 5u);  // two industries and three layers
  EXPECT_EQ(plan.phases.back().chains[0][0].sql, "ALTER CATALOG `demo` OWNER TO `admins`");

  std::int64_t steps = 0;
  std::int64_t rows = 0;
  for (const auto& ph : plan.phases) {
    for (const auto& c : ph.chains) {
      steps += static_cast<std::int64_t>(c.size());
      for (const auto& s : c) rows += s.rows;
    }
  }
  EXPECT_EQ(plan.totalSteps, steps);
  EXPECT_EQ(plan.plannedRows, rows);
  EXPECT_EQ(plan.tablesTotal, static_cast<std::int64_t>(findIndustry("retail")->tables.size() +
                                                        findIndustry("telecom")->tables.size()));
}

TEST(DemoPlan, EachTableChainCreatesThenConstrainsThenTags) {
  const Plan plan = buildPlan(request({"healthcare"}, 0.0001));
  const auto& tables = findPhase(plan, "healthcare", "tables");
  const auto& patients = tables.chains[3];
  EXPECT_EQ(patients[0].sql.rfind("CREATE TABLE `demo`.`healthcare`.`patients`", 0), 0u);
  EXPECT_EQ(patients[0].counts, Counter::Table);
  EXPECT_NE(patients[1].sql.find("PRIMARY KEY (`patient_id`)"), std::string::npos);
  EXPECT_NE(patients[2].sql.find("SET TAGS ('data_classification' = 'confidential'"),
            std::string::npos);
  EXPECT_NE(patients[3].sql.find("ALTER COLUMN `first_name` SET TAGS ('pii' = 'name')"),
            std::string::npos);
}

TEST(DemoPlan, OptionalPartsFollowTheFlags) {
  DemoRequest r = request({"energy"}, 0.0001);
  r.medallion = false;
  r.createFunctions = false;
  r.createVolumes = false;
  const Plan plan = buildPlan(r);
  for (const auto& name : phaseNames(plan)) {
    EXPECT_EQ(name.find("bronze"), std::string::npos);
    EXPECT_EQ(name.find("functions"), std::string::npos);
    EXPECT_EQ(name.find("volumes"), std::string::npos);
  }
  EXPECT_EQ(plan.phases[1].chains.size(), 1u);  // only the industry schema
  for (const auto& chain : findPhase(plan, "energy", "views").chains) {
    EXPECT_EQ(chain[0].sql.find("mask_"), std::string::npos) << chain[0].sql;
  }
}

TEST(DemoPlan, VolumesGetSampleFilesAndAManifest) {
  const Plan plan = buildPlan(request({"logistics"}, 0.0001));
  const auto& volumes = findPhase(plan, "logistics", "volumes");
  ASSERT_EQ(volumes.chains.size(), 2u);
  EXPECT_EQ(volumes.chains[0][0].counts, Counter::Volume);
  const auto& files = findPhase(plan, "logistics", "files");
  ASSERT_EQ(files.chains.size(), kSampleTablesPerIndustry + 1);
  const Step& sample = files.chains[0][0];
  EXPECT_EQ(sample.kind, StepKind::WriteSample);
  EXPECT_EQ(sample.path, "/Volumes/demo/logistics/sample_data/shipments");
  EXPECT_EQ(sample.sql,
            "SELECT * FROM `demo`.`logistics`.`shipments` ORDER BY `shipment_id` LIMIT 100");
  const Step& manifest = files.chains.back()[0];
  EXPECT_EQ(manifest.kind, StepKind::WriteFile);
  EXPECT_EQ(manifest.path, "/Volumes/demo/logistics/exports/manifest.json");
  const Json m = Json::parse(manifest.content);
  EXPECT_EQ(m["generated_by"], "clone-xs");
  EXPECT_EQ(m["tables"].size(), findIndustry("logistics")->tables.size());
}

TEST(DemoPlan, HistoryUpdatesTheTwoLargestTablesWithAStatus) {
  const Plan plan = buildPlan(request({"healthcare"}, 0.0001));
  const auto& history = findPhase(plan, "healthcare", "history");
  ASSERT_EQ(history.chains.size(), kHistoryTablesPerIndustry);
  EXPECT_EQ(history.chains[0].size(), 2u);
  EXPECT_EQ(history.chains[0][0].sql.rfind("UPDATE `demo`.`healthcare`.`claims` SET "
                                           "`claim_status`",
                                           0),
            0u);
  EXPECT_EQ(history.chains[1][0].sql.rfind("UPDATE `demo`.`healthcare`.`encounters`", 0), 0u);
}

TEST(DemoPlan, EveryIndustryPlansUniqueObjectNames) {
  DemoRequest r = request(industryNames(), 0.0001);
  const Plan plan = buildPlan(r);
  std::set<std::string> created;
  for (const auto& ph : plan.phases) {
    for (const auto& c : ph.chains) {
      for (const auto& s : c) {
        if (s.counts == Counter::None || s.counts == Counter::Rows) continue;
        EXPECT_TRUE(created.insert(s.object).second) << "duplicate " << s.object;
      }
    }
  }
  EXPECT_GT(created.size(), 400u);
}

}  // namespace
}  // namespace clxs::generate
