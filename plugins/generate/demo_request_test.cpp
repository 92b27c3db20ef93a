#include "plugins/generate/demo_request.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"

namespace clxs::generate {
namespace {

Json body(Json extra = Json::object()) {
  Json b = {{"catalog_name", "demo_source"}};
  for (auto& [k, v] : extra.items()) b[k] = v;
  return b;
}

// The 422 detail's single issue.
Json issueOf(const Json& b) {
  try {
    parseDemoRequest(b);
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    return e.detail().at(0);
  }
  ADD_FAILURE() << "accepted " << b.dump();
  return Json::object();
}

TEST(DemoRequest, AppliesTheSpecDefaults) {
  const DemoRequest r = parseDemoRequest(body());
  EXPECT_EQ(r.catalog, "demo_source");
  EXPECT_EQ(r.industries.size(), 10u);
  EXPECT_EQ(r.industries.front(), "healthcare");
  EXPECT_EQ(r.industries.back(), "insurance");
  EXPECT_DOUBLE_EQ(r.scaleFactor, 1.0);
  EXPECT_EQ(r.batchSize, 5'000'000);
  EXPECT_EQ(r.maxWorkers, 4);
  EXPECT_TRUE(r.medallion);
  EXPECT_TRUE(r.createFunctions);
  EXPECT_TRUE(r.createVolumes);
  EXPECT_FALSE(r.dropExisting);
  EXPECT_EQ(r.startDate, "2020-01-01");
  EXPECT_EQ(r.endDate, "2025-01-01");
  EXPECT_FALSE(r.owner);
  EXPECT_FALSE(r.destCatalog);
}

TEST(DemoRequest, NormalisesIndustriesAndKeepsEveryField) {
  const DemoRequest r =
      parseDemoRequest(body({{"industries", Json::array({"Retail", "healthcare", "retail"})},
                             {"owner", "data team"},
                             {"scale_factor", 0.001},
                             {"batch_size", 1000},
                             {"max_workers", 16},
                             {"storage_location", "s3://bucket/demo"},
                             {"warehouse_id", "abc"},
                             {"drop_existing", true},
                             {"medallion", false},
                             {"create_functions", false},
                             {"create_volumes", false},
                             {"start_date", "2021-02-28"},
                             {"end_date", "2021-03-01"},
                             {"dest_catalog", "demo_copy"}}));
  EXPECT_EQ(r.industries, (std::vector<std::string>{"retail", "healthcare"}));
  EXPECT_EQ(*r.owner, "data team");
  EXPECT_EQ(r.batchSize, 1000);
  EXPECT_EQ(r.maxWorkers, 16);
  EXPECT_EQ(*r.storageLocation, "s3://bucket/demo");
  EXPECT_EQ(*r.warehouseId, "abc");
  EXPECT_TRUE(r.dropExisting);
  EXPECT_FALSE(r.medallion);
  EXPECT_FALSE(r.createFunctions);
  EXPECT_FALSE(r.createVolumes);
  EXPECT_EQ(*r.destCatalog, "demo_copy");
  const Json j = r.toJson();
  EXPECT_EQ(j["catalog_name"], "demo_source");
  EXPECT_EQ(j["industries"], Json::array({"retail", "healthcare"}));
  EXPECT_EQ(j["dest_catalog"], "demo_copy");
  EXPECT_EQ(parseDemoRequest(j).toJson(), j);
}

TEST(DemoRequest, RejectsBadCatalogNames) {
  for (const char* name : {"1demo", "demo-x", "de mo", "", "a`b"}) {
    const Json issue = issueOf(body({{"catalog_name", name}}));
    EXPECT_EQ(issue["loc"], Json::array({"body", "catalog_name"})) << name;
  }
  EXPECT_EQ(issueOf(Json{{"industries", Json::array({"retail"})}})["msg"], "Field required");
  EXPECT_NO_THROW(parseDemoRequest(body({{"catalog_name", "_Demo_2"}})));
}

TEST(DemoRequest, NamesAnUnknownIndustryAndListsTheValidOnes) {
  const Json issue = issueOf(body({{"industries", Json::array({"retail", "mining"})}}));
  EXPECT_EQ(issue["loc"], Json::array({"body", "industries", 1}));
  const std::string msg = issue["msg"];
  EXPECT_NE(msg.find("'mining'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("healthcare, financial, retail"), std::string::npos) << msg;
  EXPECT_NE(msg.find("insurance"), std::string::npos) << msg;
  EXPECT_EQ(issueOf(body({{"industries", Json::array()}}))["loc"],
            Json::array({"body", "industries"}));
  EXPECT_EQ(issueOf(body({{"industries", Json::array({7})}}))["loc"],
            Json::array({"body", "industries", 0}));
}

TEST(DemoRequest, EnforcesTheOriginalsBounds) {
  EXPECT_EQ(issueOf(body({{"scale_factor", 0}}))["loc"], Json::array({"body", "scale_factor"}));
  EXPECT_EQ(issueOf(body({{"scale_factor", -1}}))["loc"], Json::array({"body", "scale_factor"}));
  EXPECT_EQ(issueOf(body({{"scale_factor", 10.5}}))["loc"], Json::array({"body", "scale_factor"}));
  EXPECT_NO_THROW(parseDemoRequest(body({{"scale_factor", 10}})));
  EXPECT_EQ(issueOf(body({{"batch_size", 999}}))["loc"], Json::array({"body", "batch_size"}));
  EXPECT_EQ(issueOf(body({{"batch_size", 50'000'001}}))["loc"],
            Json::array({"body", "batch_size"}));
  EXPECT_NO_THROW(parseDemoRequest(body({{"batch_size", 50'000'000}})));
  EXPECT_EQ(issueOf(body({{"max_workers", 0}}))["loc"], Json::array({"body", "max_workers"}));
  EXPECT_EQ(issueOf(body({{"max_workers", 17}}))["loc"], Json::array({"body", "max_workers"}));
  EXPECT_EQ(issueOf(body({{"medallion", "yes"}}))["loc"], Json::array({"body", "medallion"}));
  EXPECT_EQ(issueOf(body({{"owner", ""}}))["loc"], Json::array({"body", "owner"}));
}

TEST(DemoRequest, ChecksDates) {
  EXPECT_EQ(issueOf(body({{"start_date", "2020/01/01"}}))["loc"],
            Json::array({"body", "start_date"}));
  EXPECT_EQ(issueOf(body({{"start_date", "2021-02-30"}}))["loc"],
            Json::array({"body", "start_date"}));
  EXPECT_EQ(issueOf(body({{"end_date", "tomorrow"}}))["loc"], Json::array({"body", "end_date"}));
  const Json same = issueOf(body({{"start_date", "2022-01-01"}, {"end_date", "2022-01-01"}}));
  EXPECT_EQ(same["loc"], Json::array({"body", "end_date"}));
  EXPECT_EQ(same["msg"], "end_date must be after start_date");
  EXPECT_EQ(issueOf(body({{"start_date", "2023-01-01"}, {"end_date", "2022-01-01"}}))["loc"],
            Json::array({"body", "end_date"}));
  EXPECT_TRUE(isIsoDate("2024-02-29"));
  EXPECT_FALSE(isIsoDate("2023-02-29"));
  EXPECT_EQ(daysBetween("2020-01-01", "2025-01-01"), 1827);
  EXPECT_EQ(daysBetween("2021-03-01", "2021-02-28"), -1);
}

TEST(DemoRequest, DestCatalogMustDifferFromTheSource) {
  EXPECT_EQ(issueOf(body({{"dest_catalog", "DEMO_SOURCE"}}))["loc"],
            Json::array({"body", "dest_catalog"}));
  EXPECT_EQ(issueOf(body({{"dest_catalog", ""}}))["loc"], Json::array({"body", "dest_catalog"}));
  EXPECT_EQ(*parseDemoRequest(body({{"dest_catalog", "copy-of demo"}})).destCatalog,
            "copy-of demo");
  EXPECT_FALSE(parseDemoRequest(body({{"dest_catalog", nullptr}})).destCatalog);
}

TEST(DemoRequest, ModelDeclaresTheBounds) {
  const Model m = demoDataModel();
  EXPECT_EQ(m.name(), "DemoDataRequest");
  bool sawBatch = false;
  for (const auto& [name, f] : m.fields()) {
    if (name == "batch_size") {
      sawBatch = true;
      EXPECT_EQ(*f.minimum(), 1000);
      EXPECT_EQ(*f.maximum(), 50'000'000);
    }
    if (name == "catalog_name") {
      EXPECT_TRUE(f.isRequired());
    }
  }
  EXPECT_TRUE(sawBatch);
  EXPECT_EQ(m.fields().size(), 15u);
}

}  // namespace
}  // namespace clxs::generate
