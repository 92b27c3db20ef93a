#include "plugins/analysis/analysis_request.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "tests/support/manual_clock.hpp"

namespace clxs::analysis {
namespace {

Request request(Credentials credentials = {}) {
  RequestParts p;
  p.credentials = std::move(credentials);
  return Request(std::move(p));
}

TEST(CatalogPair, DeclaresTheSpecFields) {
  const Model& m = CatalogPair::schema().model();
  ASSERT_EQ(m.fields().size(), 4U);
  EXPECT_EQ(m.fields()[0].first, "source_catalog");
  EXPECT_TRUE(m.fields()[0].second.isRequired());
  EXPECT_TRUE(m.fields()[1].second.isIdentifier());
  EXPECT_TRUE(m.fields()[2].second.isNullable());
  EXPECT_EQ(m.fields()[3].second.defaultValue(), Json::array({"information_schema", "default"}));
}

TEST(CatalogPair, ParsesTheFieldsAndKeepsTheDefaultExclusions) {
  CatalogPair p = CatalogPair::schema().parse(
      Json{{"source_catalog", "a"}, {"destination_catalog", "b"}, {"exclude_schemas", {"x", "y"}}});
  EXPECT_EQ(p.source, "a");
  EXPECT_EQ(p.destination, "b");
  EXPECT_EQ(p.excludeSchemas, (std::vector<std::string>{"x", "y"}));
  EXPECT_FALSE(p.warehouseId);
  p = CatalogPair::schema().parse(
      Json{{"source_catalog", "a"}, {"destination_catalog", "b"}, {"warehouse_id", "w"}});
  EXPECT_EQ(p.warehouseId, "w");
  EXPECT_EQ(p.excludeSchemas, (std::vector<std::string>{"information_schema", "default"}));
}

TEST(CatalogPair, TheSameCatalogTwiceIs422OnTheDestination) {
  try {
    (void)CatalogPair::schema().parse(
        Json{{"source_catalog", "Prod"}, {"destination_catalog", "prod"}});
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.detail()[0]["loc"], Json::array({"body", "destination_catalog"}));
  }
  try {
    requireDistinct("Prod", "prod", "query");
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.detail()[0]["loc"], Json::array({"query", "destination_catalog"}));
  }
}

TEST(PairCall, UsesTheGivenWarehouseElseTheCredentialsAndSetsTheDeadline) {
  testing::ManualClock clock;
  Credentials creds;
  creds.warehouseId = "from-header";
  const Request req = request(creds);
  CallOptions call = pairCall(req, std::nullopt, clock, std::chrono::minutes(1));
  EXPECT_EQ(call.warehouseId, "from-header");
  EXPECT_EQ(call.deadline, clock.steadyNow() + std::chrono::minutes(1));
  EXPECT_EQ(pairCall(req, "", clock, std::chrono::minutes(1)).warehouseId, "from-header");
  EXPECT_EQ(pairCall(req, "w", clock, std::chrono::minutes(1)).warehouseId, "w");
}

TEST(SecondsSince, RoundsToMilliseconds) {
  testing::ManualClock clock;
  const auto start = clock.steadyNow();
  clock.advance(std::chrono::microseconds(1'234'567));
  EXPECT_DOUBLE_EQ(secondsSince(clock, start), 1.235);
}

}  // namespace
}  // namespace clxs::analysis
