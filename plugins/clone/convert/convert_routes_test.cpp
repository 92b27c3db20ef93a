#include "plugins/clone/convert/convert_routes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/recording_logger.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone::convert {
namespace {

using clxs::testing::MemoryWorkspace;

const std::string kPost = "POST /api/convert-to-delta";
const std::string kHistory = "GET /api/convert-to-delta/history";

class RecordingCache final : public Cache {
 public:
  Json getOrLoad(const std::string&, const std::string&,
                 const std::function<Json()>& loader) override {
    return loader();
  }
  std::size_t invalidate(const std::string& catalog) override {
    invalidated.push_back(catalog);
    return 0;
  }
  std::vector<std::string> invalidated;
};

TableInfo bronzeTable(const std::string& name, const std::string& type, const std::string& format) {
  TableInfo t;
  t.catalog = "prod";
  t.schema = "bronze";
  t.name = name;
  t.tableType = type;
  t.format = format;
  return t;
}

class ConvertRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite.migrate(ConvertStore::migrations());
    ConvertServices s;
    s.store = std::make_shared<ConvertStore>(sqlite);
    s.cache = &cache;
    s.clock = &clock;
    s.log = &log;
    registerConvertRoutes(routes, s);
    ws->addTable(bronzeTable("events", "EXTERNAL", "PARQUET"));
    ws->addTable(bronzeTable("users", "MANAGED", "DELTA"));
    ws->addTable(bronzeTable("v", "VIEW", ""));
    ws->onSql([](std::string_view) { return ResultSet{}; });
  }

  RequestParts parts(Method m, Json body, Json query = Json::object()) {
    RequestParts p;
    p.method = m;
    p.body = std::move(body);
    p.query = std::move(query);
    p.credentials = Credentials{};
    p.credentials->warehouseId = warehouse;
    auto w = ws;
    p.workspaceResolver = [w](const Credentials&) -> std::shared_ptr<Workspace> { return w; };
    return p;
  }

  Response post(Json body) { return routes.call(kPost, parts(Method::Post, std::move(body))); }
  Response history(Json query = Json::object()) {
    if (!query.contains("limit")) query["limit"] = 50;
    return routes.call(kHistory, parts(Method::Get, nullptr, std::move(query)));
  }

  std::vector<std::string> converts() const {
    std::vector<std::string> out;
    for (const auto& s : ws->statements()) {
      if (s.rfind("CONVERT", 0) == 0) out.push_back(s);
    }
    return out;
  }

  static Json targets(std::initializer_list<const char*> fqns) {
    Json out = Json::array();
    for (const char* f : fqns) out.push_back(Json{{"fqn", f}});
    return out;
  }

  clxs::testing::SqliteTestStore sqlite;
  clxs::testing::CaptureRoutes routes;
  clxs::testing::ManualClock clock;
  RecordingCache cache;
  clxs::testing::RecordingLogger log;
  std::shared_ptr<MemoryWorkspace> ws = std::make_shared<MemoryWorkspace>("viral");
  std::string warehouse;
};

TEST_F(ConvertRoutesTest, RegistersBothRoutesWithTheirModels) {
  EXPECT_TRUE(routes.spec(kPost).mutates);
  ASSERT_TRUE(routes.spec(kPost).body.has_value());
  EXPECT_EQ(routes.spec(kPost).body->name(), "ConvertToDeltaRequest");
  EXPECT_FALSE(routes.spec(kHistory).mutates);
  const auto& query = routes.spec(kHistory).query;
  ASSERT_EQ(query.size(), 5u);
  EXPECT_EQ(query[0].first, "limit");
  EXPECT_TRUE(query[0].second.clamps());
  EXPECT_EQ(query[0].second.maximum(), 1000.0);
  EXPECT_EQ(query[0].second.defaultValue(), Json(50));
  ASSERT_TRUE(routes.spec(kHistory).response.has_value());
  EXPECT_EQ(routes.spec(kHistory).response->name(), "ConvertToDeltaHistory");
}

TEST_F(ConvertRoutesTest, ConvertsRecordsAndRefreshesTheCatalogsCache) {
  const auto r = post(Json{{"targets", targets({"prod.bronze.events", "prod.bronze.users",
                                                "prod.bronze.v", "prod.bronze.gone"})},
                           {"confirm_destructive", true}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  const auto& b = r.body();
  EXPECT_EQ(b["total"], 4);
  EXPECT_EQ(b["converted"], 1);
  EXPECT_EQ(b["skipped"], 2);
  EXPECT_EQ(b["failed"], 1);
  EXPECT_EQ(b["dry_run"], false);
  EXPECT_EQ(converts(), (std::vector<std::string>{"CONVERT TO DELTA `prod`.`bronze`.`events`"}));
  EXPECT_EQ(cache.invalidated, (std::vector<std::string>{"prod"}));

  const auto h = history(Json{{"operation_id", b["operation_id"]}});
  ASSERT_EQ(h.status(), 200);
  EXPECT_EQ(h.body()["count"], 4);
  EXPECT_EQ(h.body()["rows"][3]["fqn"], "prod.bronze.events");
  EXPECT_EQ(h.body()["rows"][3]["status"], "converted");
  EXPECT_EQ(h.body()["rows"][3]["user_name"], "viral");
  EXPECT_EQ(h.body()["rows"][3]["host"], "memory");
  EXPECT_EQ(h.body()["rows"][0]["status"], "failed");
}

TEST_F(ConvertRoutesTest, WithoutConfirmationNothingRunsOrIsRecorded) {
  const auto r = post(Json{{"targets", targets({"prod.bronze.events"})}});
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], (Json{"body", "confirm_destructive"}));
  EXPECT_TRUE(ws->calls().empty());
  EXPECT_EQ(history().body()["count"], 0);
}

TEST_F(ConvertRoutesTest, ADryRunBypassesTheGateAndConvertsNothing) {
  const auto r = post(Json{{"targets", targets({"prod.bronze.events"})}, {"dry_run", true}});
  ASSERT_EQ(r.status(), 200) << r.body().dump();
  EXPECT_EQ(r.body()["dry_run"], true);
  EXPECT_EQ(r.body()["results"][0]["sql"], "CONVERT TO DELTA `prod`.`bronze`.`events`");
  EXPECT_TRUE(converts().empty());
  EXPECT_TRUE(cache.invalidated.empty());
  const auto lines = log.messages();
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.front().find("would run: CONVERT TO DELTA `prod`.`bronze`.`events`"),
            std::string::npos)
      << lines.front();
  EXPECT_EQ(history(Json{{"dry_run", true}}).body()["count"], 1);
  EXPECT_EQ(history(Json{{"dry_run", false}}).body()["count"], 0);
}

TEST_F(ConvertRoutesTest, HistoryIsEmptyBeforeAnyConvert) {
  const auto h = history();
  ASSERT_EQ(h.status(), 200);
  EXPECT_EQ(h.body(), (Json{{"rows", Json::array()}, {"count", 0}}));
}

}  // namespace
}  // namespace clxs::clone::convert
