#include "kernel/workspace/databricks/databricks_connector.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

namespace clxs::kernel::databricks {
namespace {

// Answers every request with a finished statement and keeps the request bodies.
class Recorder final : public HttpTransport {
 public:
  HttpResponse send(const HttpRequest& request, const TransportTimeouts&) override {
    std::lock_guard lock(mu_);
    bodies_.push_back(request.body);
    HttpResponse r;
    r.status = 200;
    r.headers["content-type"] = "application/json";
    r.body = R"({"statement_id":"s","status":{"state":"SUCCEEDED"}})";
    return r;
  }
  Json lastBody() {
    std::lock_guard lock(mu_);
    return Json::parse(bodies_.back());
  }

 private:
  std::mutex mu_;
  std::vector<std::string> bodies_;
};

Credentials pat(const std::string& token, const std::string& warehouse = "") {
  Credentials c;
  c.source = CredentialSource::Headers;
  c.host = "https://adb-1.azuredatabricks.net";
  c.token = token;
  c.authMethod = "pat";
  c.warehouseId = warehouse;
  return c;
}

WorkspaceErrorClass openFailure(DatabricksConnector& connector, const Credentials& c) {
  try {
    connector.open(c);
  } catch (const WorkspaceError& e) {
    if (!c.token.empty()) {
      EXPECT_EQ(std::string(e.what()).find(c.token), std::string::npos);
    }
    return e.errorClass();
  }
  return WorkspaceErrorClass::Remote;
}

TEST(DatabricksConnector, SharesOneWorkspacePerIdentity) {
  DatabricksConnector connector(Json::object(), std::make_shared<Recorder>());
  const auto a = connector.open(pat("dapi-a"));
  EXPECT_EQ(a->kind(), "databricks");
  EXPECT_EQ(a->host(), "https://adb-1.azuredatabricks.net");
  EXPECT_EQ(connector.open(pat("dapi-a")), a);
  EXPECT_NE(connector.open(pat("dapi-b")), a);
  Credentials m2m = pat("");
  m2m.clientId = "app";
  m2m.clientSecret = "s1";
  m2m.authMethod = "oauth-m2m";
  const auto first = connector.open(m2m);
  m2m.clientSecret = "s2";
  EXPECT_NE(connector.open(m2m), first) << "a new secret is a new identity";
}

TEST(DatabricksConnector, RefusesCredentialsWithoutASecret) {
  DatabricksConnector connector(Json::object(), std::make_shared<Recorder>());
  EXPECT_EQ(openFailure(connector, pat("")), WorkspaceErrorClass::Unauthenticated);
  Credentials idOnly = pat("");
  idOnly.clientId = "app";
  EXPECT_EQ(openFailure(connector, idOnly), WorkspaceErrorClass::Unauthenticated);
  Credentials noHost = pat("dapi-x");
  noHost.host.clear();
  EXPECT_EQ(openFailure(connector, noHost), WorkspaceErrorClass::Unauthenticated);
}

TEST(DatabricksConnector, KeepsTheMostRecentlyUsedWorkspaces) {
  DatabricksConnector connector(Json::object(), std::make_shared<Recorder>());
  const auto first = connector.open(pat("dapi-0"));
  const auto second = connector.open(pat("dapi-1"));
  for (int i = 2; i < 32; ++i) connector.open(pat("dapi-" + std::to_string(i)));
  EXPECT_EQ(connector.open(pat("dapi-0")), first) << "used again: now the most recent";
  connector.open(pat("dapi-32"));
  EXPECT_EQ(connector.open(pat("dapi-0")), first);
  EXPECT_NE(connector.open(pat("dapi-1")), second) << "the least recently used was dropped";
}

TEST(DatabricksConnector, ConfigSetsTheWarehouseAndWait) {
  auto recorder = std::make_shared<Recorder>();
  DatabricksConnector connector(
      Json{{"sql_warehouse_id", "cfg-wh"}, {"statement_wait_seconds", 30}, {"rate_limit", 100}},
      recorder);
  connector.open(pat("dapi-a"))->sql().execute("SELECT 1", {}, {});
  EXPECT_EQ(recorder->lastBody()["warehouse_id"], "cfg-wh");
  EXPECT_EQ(recorder->lastBody()["wait_timeout"], "30s");
  connector.open(pat("dapi-a", "hdr-wh"))->sql().execute("SELECT 1", {}, {});
  EXPECT_EQ(recorder->lastBody()["warehouse_id"], "hdr-wh");
  CallOptions call;
  call.warehouseId = "call-wh";
  connector.open(pat("dapi-a", "hdr-wh"))->sql().execute("SELECT 1", {}, call);
  EXPECT_EQ(recorder->lastBody()["warehouse_id"], "call-wh");
}

}  // namespace
}  // namespace clxs::kernel::databricks
