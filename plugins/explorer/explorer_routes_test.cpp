#include "plugins/explorer/explorer_routes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"

namespace clxs::explorer {
namespace {

// A cache without expiry that counts loads, grouped by catalog like the kernel's.
class MapCache final : public Cache {
 public:
  Json getOrLoad(const std::string& catalog, const std::string& key,
                 const std::function<Json()>& loader) override {
    auto& group = entries_[catalog];
    auto it = group.find(key);
    if (it != group.end()) return it->second;
    ++loads;
    Json value = loader();
    group.emplace(key, value);
    return value;
  }
  std::size_t invalidate(const std::string& catalog) override {
    const auto n = entries_[catalog].size();
    entries_.erase(catalog);
    return n;
  }
  int loads = 0;

 private:
  std::map<std::string, std::map<std::string, Json>> entries_;
};

class ExplorerRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TableInfo t = testing::makeTable("prod", "sales", "orders");
    t.format = "DELTA";
    t.columns = {{"id", "BIGINT", false, ""}};
    ws->addTable(t);
    registerExplorerRoutes(routes, cache, clock);
  }

  RequestParts request(std::map<std::string, std::string> params,
                       Credentials credentials = Credentials{}) {
    RequestParts p;
    p.pathParams = std::move(params);
    p.credentials = std::move(credentials);
    auto w = ws;
    p.workspaceResolver = [w](const Credentials&) { return w; };
    return p;
  }

  std::shared_ptr<testing::MemoryWorkspace> ws = std::make_shared<testing::MemoryWorkspace>("me");
  MapCache cache;
  testing::ManualClock clock;
  testing::CaptureRoutes routes;
};

TEST_F(ExplorerRoutesTest, RegistersTheSevenRoutesWithIdentifierPathParameters) {
  for (const char* key :
       {"GET /api/catalogs", "GET /api/catalogs/{catalog}/schemas",
        "GET /api/catalogs/{catalog}/info", "GET /api/catalogs/{catalog}/{schema}/tables",
        "GET /api/catalogs/{catalog}/{schema}/tables/with-format",
        "GET /api/catalogs/{catalog}/{schema}/objects",
        "GET /api/catalogs/{catalog}/{schema}/{table}/info"}) {
    ASSERT_TRUE(routes.has(key)) << key;
    const RouteSpec& spec = routes.spec(key);
    EXPECT_FALSE(spec.summary.empty()) << key;
    EXPECT_FALSE(spec.mutates) << key;
    for (const auto& [name, field] : spec.pathParams) {
      EXPECT_TRUE(field.isIdentifier()) << key << " " << name;
      EXPECT_TRUE(field.isRequired()) << key << " " << name;
    }
  }
  EXPECT_EQ(routes.spec("GET /api/catalogs/{catalog}/{schema}/{table}/info").pathParams.size(), 3U);
}

TEST_F(ExplorerRoutesTest, ListsCatalogs) {
  const Response r = routes.call("GET /api/catalogs", request({}));
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), Json::array({"prod"}));
}

TEST_F(ExplorerRoutesTest, AnswersComeFromTheCacheUntilTheCatalogIsInvalidated) {
  const auto key = "GET /api/catalogs/{catalog}/{schema}/tables";
  Response r = routes.call(key, request({{"catalog", "prod"}, {"schema", "sales"}}));
  EXPECT_EQ(r.body(), Json::array({"orders"}));
  EXPECT_EQ(cache.loads, 1);

  ws->addTable(testing::makeTable("prod", "sales", "returns"));
  r = routes.call(key, request({{"catalog", "prod"}, {"schema", "sales"}}));
  EXPECT_EQ(r.body(), Json::array({"orders"}));  // cached
  EXPECT_EQ(cache.loads, 1);

  EXPECT_GT(cache.invalidate("prod"), 0U);
  r = routes.call(key, request({{"catalog", "prod"}, {"schema", "sales"}}));
  EXPECT_EQ(r.body(), Json::array({"orders", "returns"}));
  EXPECT_EQ(cache.loads, 2);
}

TEST_F(ExplorerRoutesTest, RoutesAndPrincipalsDoNotShareCacheEntries) {
  (void)routes.call("GET /api/catalogs/{catalog}/{schema}/tables",
                    request({{"catalog", "prod"}, {"schema", "sales"}}));
  (void)routes.call("GET /api/catalogs/{catalog}/{schema}/objects",
                    request({{"catalog", "prod"}, {"schema", "sales"}}));
  EXPECT_EQ(cache.loads, 2);
  Credentials other;
  other.source = CredentialSource::Headers;
  other.host = "https://adb-1.azuredatabricks.net";
  other.token = "dapi-another-principal-000000000000";
  other.authMethod = "pat";
  (void)routes.call("GET /api/catalogs/{catalog}/{schema}/tables",
                    request({{"catalog", "prod"}, {"schema", "sales"}}, other));
  EXPECT_EQ(cache.loads, 3);
}

TEST_F(ExplorerRoutesTest, TableInfoAnswersMetadataAnd404ForAnUnknownTable) {
  const auto key = "GET /api/catalogs/{catalog}/{schema}/{table}/info";
  Response r =
      routes.call(key, request({{"catalog", "prod"}, {"schema", "sales"}, {"table", "orders"}}));
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body()["columns"][0]["name"], "id");
  r = routes.call(key, request({{"catalog", "prod"}, {"schema", "sales"}, {"table", "ghost"}}));
  EXPECT_EQ(r.status(), 404);
  EXPECT_NE(r.body()["detail"].get<std::string>().find("ghost"), std::string::npos);
}

TEST_F(ExplorerRoutesTest, FailuresAreNotCached) {
  const auto key = "GET /api/catalogs/{catalog}/schemas";
  Response r = routes.call(key, request({{"catalog", "later"}}));
  EXPECT_EQ(r.status(), 404) << r.body().dump();
  ws->addTable(testing::makeTable("later", "s", "t"));
  r = routes.call(key, request({{"catalog", "later"}}));
  EXPECT_EQ(r.status(), 200);
  EXPECT_EQ(r.body(), Json::array({"s"}));
}

}  // namespace
}  // namespace clxs::explorer
