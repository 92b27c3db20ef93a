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

DemoRequest parse(const Json& b) {
  return DemoRequest::schema().parse(b).normalised();
}

// The 422 detail's single issue from the schema's checks.
Json issueOf(const Json& b) {
  try {
    (void)DemoRequest::schema().parse(b);
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    return e.detail().at(0);
  }
  ADD_FAILURE() << "accepted " << b.dump();
  return Json::object();
}

const Field& field(const std::string& name) {
  for (const auto& [n, f] : DemoRequest::schema().model().fields()) {
    if (n == name) return f;
  }
  throw std::out_of_range(name);
}

TEST(DemoRequest, AppliesTheSpecDefaults) {
  const DemoRequest r = parse(body());
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
  // null means "all industries" too.
  EXPECT_EQ(parse(body({{"industries", nullptr}})).industries.size(), 10u);
}

TEST(DemoRequest, NormalisesIndustriesAndKeepsEveryField) {
  const DemoRequest r = parse(body({{"industries", Json::array({"Retail", "healthcare", "retail"})},
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
  const Json j = DemoRequest::schema().toJson(r);
  EXPECT_EQ(j["catalog_name"], "demo_source");
  EXPECT_EQ(j["industries"], Json::array({"retail", "healthcare"}));
  EXPECT_EQ(j["dest_catalog"], "demo_copy");
  EXPECT_EQ(DemoRequest::schema().toJson(parse(j)), j);
  // An empty storage location or warehouse means none.
  const DemoRequest blank = parse(body({{"storage_location", ""}, {"warehouse_id", ""}}));
  EXPECT_FALSE(blank.storageLocation);
  EXPECT_FALSE(blank.warehouseId);
}

// Types, bounds and the catalog-name pattern are the model's: the kernel rejects them.
TEST(DemoRequest, ModelDeclaresTheNameAndTheBounds) {
  EXPECT_EQ(DemoRequest::schema().model().name(), "DemoDataRequest");
  EXPECT_EQ(DemoRequest::schema().model().fields().size(), 21u);
  EXPECT_TRUE(field("catalog_name").isRequired());
  EXPECT_EQ(field("catalog_name").regex(), std::string(kCatalogPattern));
  EXPECT_EQ(field("catalog_name").maximumLength(), 255u);
  EXPECT_EQ(field("scale_factor").maximum(), kMaxScaleFactor);
  EXPECT_EQ(field("batch_size").minimum(), 1000);
  EXPECT_EQ(field("batch_size").maximum(), 50'000'000);
  EXPECT_EQ(field("max_workers").minimum(), 1);
  EXPECT_EQ(field("max_workers").maximum(), 16);
  EXPECT_EQ(field("medallion").type(), FieldType::Boolean);
  EXPECT_TRUE(field("industries").isNullable());
  EXPECT_EQ(field("industries").items().at(0).type(), FieldType::String);
  EXPECT_TRUE(field("owner").isNullable());
  EXPECT_EQ(field("start_date").defaultValue(), Json("2020-01-01"));
}

TEST(DemoRequest, NamesAnUnknownIndustryAndListsTheValidOnes) {
  const Json issue = issueOf(body({{"industries", Json::array({"retail", "mining"})}}));
  EXPECT_EQ(issue["loc"], Json::array({"body", "industries", 1}));
  const std::string msg = issue["msg"];
  EXPECT_NE(msg.find("'mining'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("healthcare, financial, retail"), std::string::npos) << msg;
  EXPECT_NE(msg.find("insurance"), std::string::npos) << msg;
  const Json empty = issueOf(body({{"industries", Json::array()}}));
  EXPECT_EQ(empty["loc"], Json::array({"body", "industries"}));
  EXPECT_EQ(empty["msg"], "List should have at least 1 item");
}

TEST(DemoRequest, ChecksWhatTheModelCannotBound) {
  EXPECT_EQ(issueOf(body({{"scale_factor", 0}}))["loc"], Json::array({"body", "scale_factor"}));
  EXPECT_EQ(issueOf(body({{"scale_factor", -1}}))["loc"], Json::array({"body", "scale_factor"}));
  EXPECT_NO_THROW(parse(body({{"scale_factor", 10}})));
  EXPECT_EQ(issueOf(body({{"owner", ""}}))["loc"], Json::array({"body", "owner"}));
  EXPECT_EQ(issueOf(body({{"owner", std::string(256, 'o')}}))["msg"],
            "Owner must be a principal name of 1 to 255 characters");
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
  EXPECT_EQ(*parse(body({{"dest_catalog", "copy-of demo"}})).destCatalog, "copy-of demo");
  EXPECT_FALSE(parse(body({{"dest_catalog", nullptr}})).destCatalog);
}

}  // namespace
}  // namespace clxs::generate
