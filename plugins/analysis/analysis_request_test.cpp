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

TEST(PairModel, DeclaresTheSpecFields) {
  const Model m = pairModel("X");
  EXPECT_EQ(m.name(), "X");
  ASSERT_EQ(m.fields().size(), 4U);
  EXPECT_EQ(m.fields()[0].first, "source_catalog");
  EXPECT_TRUE(m.fields()[0].second.isRequired());
  EXPECT_TRUE(m.fields()[1].second.isIdentifier());
  EXPECT_TRUE(m.fields()[2].second.isNullable());
  EXPECT_EQ(m.fields()[3].second.defaultValue(), defaultExcludeSchemas());
}

TEST(ReadPair, ReadsFieldsWarehouseAndDeadline) {
  testing::ManualClock clock;
  Credentials creds;
  creds.warehouseId = "from-header";
  const Request req = request(creds);
  PairRequest p = readPair(
      req,
      Json{{"source_catalog", "a"}, {"destination_catalog", "b"}, {"exclude_schemas", {"x", "y"}}},
      "body", clock, std::chrono::minutes(1));
  EXPECT_EQ(p.source, "a");
  EXPECT_EQ(p.destination, "b");
  EXPECT_EQ(p.excludeSchemas, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(p.call.warehouseId, "from-header");
  EXPECT_EQ(p.call.deadline, clock.steadyNow() + std::chrono::minutes(1));
  p = readPair(req,
               Json{{"source_catalog", "a"}, {"destination_catalog", "b"}, {"warehouse_id", "w"}},
               "query", clock, std::chrono::minutes(1));
  EXPECT_EQ(p.call.warehouseId, "w");
  EXPECT_EQ(p.excludeSchemas, (std::vector<std::string>{"information_schema", "default"}));
}

TEST(ReadPair, TheSameCatalogTwiceIs422AtTheGivenLocation) {
  testing::ManualClock clock;
  const Request req = request();
  try {
    readPair(req, Json{{"source_catalog", "Prod"}, {"destination_catalog", "prod"}}, "query", clock,
             std::chrono::minutes(1));
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.detail()[0]["loc"], Json::array({"query", "destination_catalog"}));
  }
}

TEST(SecondsSince, RoundsToMilliseconds) {
  testing::ManualClock clock;
  const auto start = clock.steadyNow();
  clock.advance(std::chrono::microseconds(1'234'567));
  EXPECT_DOUBLE_EQ(secondsSince(clock, start), 1.235);
}

}  // namespace
}  // namespace clxs::analysis
