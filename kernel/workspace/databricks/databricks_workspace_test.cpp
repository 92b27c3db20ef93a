#include "kernel/workspace/databricks/databricks_workspace.hpp"

#include <gtest/gtest.h>

#include "kernel/workspace/databricks/token_source.hpp"

// Only the scripted answers are used here, not the contract fixtures.
#define CLXS_CONTRACT_FIXTURES ""
#include "tests/contract/scripted_transport.hpp"

namespace clxs::kernel::databricks {
namespace {

using clxs::testing::ScriptedTransport;

struct Fixture {
  std::shared_ptr<ScriptedTransport> transport = std::make_shared<ScriptedTransport>();
  std::unique_ptr<DatabricksWorkspace> ws;

  explicit Fixture(DatabricksWorkspaceOptions o = {}) {
    Credentials c;
    c.source = CredentialSource::Headers;
    c.host = "https://example.cloud.databricks.com";
    c.token = "dapi-unit";
    c.authMethod = "pat";
    ApiClientOptions a;
    a.rateLimit = 1'000;
    a.sleep = [](std::chrono::milliseconds) {};
    o.pollInitial = std::chrono::milliseconds(1);
    o.pollMax = std::chrono::milliseconds(2);
    ws = std::make_unique<DatabricksWorkspace>(
        std::make_shared<ApiClient>(c.host, makeTokenSource(c, transport), transport, a), o);
  }
};

WorkspaceErrorClass failure(const std::function<void()>& f) {
  try {
    f();
  } catch (const WorkspaceError& e) {
    return e.errorClass();
  }
  return WorkspaceErrorClass::Remote;
}

TEST(DatabricksWorkspace, CachesTheCurrentUser) {
  Fixture f;
  f.transport->answer(200, {{"userName", "alice@example.com"}});
  EXPECT_EQ(f.ws->identity().currentUser({}), "alice@example.com");
  EXPECT_EQ(f.ws->identity().currentUser({}), "alice@example.com");
  EXPECT_EQ(f.transport->sent().size(), 1u);
}

TEST(DatabricksWorkspace, RefusesBadVolumePathsWithoutARequest) {
  Fixture f;
  EXPECT_EQ(failure([&] { f.ws->files().readFile("/Volumes/c/s/v/../x", {}); }),
            WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(failure([&] { f.ws->files().listDirectory("/tmp", {}); }),
            WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(failure([&] { f.ws->files().writeFile("/Volumes/c/s/v", "x", true, {}); }),
            WorkspaceErrorClass::InvalidSql);
  EXPECT_TRUE(f.transport->sent().empty());
}

TEST(DatabricksWorkspace, WaitRunningStartsAStoppedWarehouse) {
  Fixture f;
  f.transport->answer(200, {{"id", "w"}, {"state", "STOPPED"}});
  f.transport->answer(200, Json::object());
  f.transport->answer(200, {{"id", "w"}, {"state", "STARTING"}});
  f.transport->answer(200, {{"id", "w"}, {"state", "STARTING"}});
  f.transport->answer(200, {{"id", "w"}, {"state", "RUNNING"}, {"cluster_size", "Small"}});
  const auto info = f.ws->waitRunning("w", {});
  EXPECT_EQ(info.state, "RUNNING");
  EXPECT_EQ(info.size, "Small");
  const auto sent = f.transport->sent();
  ASSERT_EQ(sent.size(), 5u);
  EXPECT_EQ(sent[1].method, "POST");
  EXPECT_EQ(sent[1].url, "https://example.cloud.databricks.com/api/2.0/sql/warehouses/w/start");
}

TEST(DatabricksWorkspace, WaitRunningIsBounded) {
  DatabricksWorkspaceOptions o;
  o.warehouseStartBound = std::chrono::seconds(0);
  Fixture f(o);
  f.transport->answer(200, {{"id", "w"}, {"state", "STARTING"}});
  EXPECT_EQ(failure([&] { f.ws->waitRunning("w", {}); }), WorkspaceErrorClass::Timeout);
  f.transport->answer(200, {{"id", "w"}, {"state", "DELETED"}});
  EXPECT_EQ(failure([&] { f.ws->waitRunning("w", {}); }), WorkspaceErrorClass::NotFound);
}

}  // namespace
}  // namespace clxs::kernel::databricks
