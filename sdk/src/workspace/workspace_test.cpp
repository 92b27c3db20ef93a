#include "clxs/workspace.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs {
namespace {

// Records what it sees and fails the calls whose description it is told to.
class Recorder final : public CallInterceptor {
 public:
  void before(const WorkspaceCall& call) override {
    seen.push_back(std::string(call.service) + ":" + call.describe());
    if (call.describe() == failing) {
      throw WorkspaceError(WorkspaceErrorClass::PermissionDenied, "refused " + failing);
    }
  }
  std::vector<std::string> seen;
  std::string failing;
};

TEST(Workspace, FindsTheServicesItProvidesAndNamesTheOnesItLacks) {
  testing::MemoryWorkspace ws("me");
  EXPECT_NE(ws.find<SqlService>(), nullptr);
  EXPECT_NE(ws.find<WarehouseService>(), nullptr);
  EXPECT_NE(ws.find<FileService>(), nullptr);
  EXPECT_EQ(ws.find<ServingService>(), nullptr);
  EXPECT_EQ(ws.identity().currentUser({}), "me");
  try {
    (void)ws.get<ServingService>();
    FAIL() << "this memory workspace has no Model Serving";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Unavailable);
    EXPECT_EQ(e.status(), 501);
    EXPECT_STREQ(e.what(), "The memory workspace has no Model Serving endpoints");
  }
  ws.setServingEndpoints(Json::array({Json{{"name", "e"}}}));
  EXPECT_EQ(ws.get<ServingService>().endpoints({}).size(), 1u);
  try {
    (void)ws.get<GenieService>().spaces({});
    FAIL();
  } catch (const WorkspaceError& e) {
    EXPECT_STREQ(e.what(), "The memory workspace has no Genie spaces");
  }
}

TEST(Workspace, AnInterceptorSeesEveryServiceCallAsTheCallerMadeIt) {
  testing::MemoryWorkspace ws("me");
  ws.addTable(testing::makeTable("main", "sales", "orders"));
  ws.onSql([](std::string_view) { return ResultSet{}; });
  auto recorder = std::make_shared<Recorder>();
  ws.intercept(recorder);

  ws.sql().execute("SELECT 1", {}, {});
  (void)ws.catalog().tables("main", "sales", {});
  (void)ws.get<WarehouseService>().list({});
  // grants() is the SDK's default: it runs SHOW GRANTS through the SQL service, which the
  // interceptor does not see a second time.
  (void)ws.catalog().grants("TABLE", "main.sales.orders", {});
  EXPECT_EQ(recorder->seen, (std::vector<std::string>{"sql:SELECT 1", "catalog:tables main sales",
                                                      "warehouses:warehouses",
                                                      "catalog:grants TABLE main.sales.orders"}));
  EXPECT_EQ(ws.statements().back(), "SHOW GRANTS ON TABLE `main`.`sales`.`orders`");
}

TEST(Workspace, AnInterceptorThatThrowsStopsTheCallBeforeTheService) {
  testing::MemoryWorkspace ws("me");
  ws.addTable(testing::makeTable("main", "sales", "orders"));
  auto recorder = std::make_shared<Recorder>();
  recorder->failing = "schemas main";
  ws.intercept(recorder);
  try {
    (void)ws.catalog().schemas("main", {});
    FAIL();
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::PermissionDenied);
  }
  EXPECT_TRUE(ws.calls().empty()) << "the failed call reached the workspace";
  // The next call is seen again: a failure leaves no call open on the thread.
  (void)ws.catalog().catalogs({});
  EXPECT_EQ(recorder->seen.back(), "catalog:catalogs");
  ws.stopIntercepting(recorder.get());
  (void)ws.catalog().schemas("main", {});
  EXPECT_EQ(recorder->seen.size(), 2u);
  EXPECT_EQ(ws.calls().size(), 2u);
}

}  // namespace
}  // namespace clxs
