// The platform plugin end to end: SQL warehouse start and stop on the server's workspace.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

// The first warehouse the workspace lists ("local" on the local workspace).
std::string firstWarehouse(const ServerProcess& s) {
  const HttpResult r = s.get("/api/auth/warehouses");
  EXPECT_EQ(r.status, 200) << r.body;
  const Json list = r.json();
  if (!list.is_array() || list.empty()) {
    ADD_FAILURE() << "no warehouse listed: " << r.body;
    return "local";
  }
  return list[0]["id"].get<std::string>();
}

TEST(Platform, StartsAndStopsTheWorkspaceWarehouse) {
  ServerProcess s;
  const std::string id = firstWarehouse(s);

  HttpResult r = s.post("/api/warehouse/start", Json{{"warehouse_id", id}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json b = r.json();
  EXPECT_EQ(b["warehouse_id"], id);
  EXPECT_TRUE(b["state"] == "RUNNING" || b["state"] == "STARTING") << b.dump();
  EXPECT_TRUE(b["name"].is_string());
  EXPECT_TRUE(b["message"].is_string());

  r = s.post("/api/warehouse/stop", Json{{"warehouse_id", id}});
  ASSERT_EQ(r.status, 200) << r.body;
  b = r.json();
  EXPECT_EQ(b["warehouse_id"], id);
  if (s.workspaceKind() == "local") {
    // The embedded engine cannot stop; the answer says so instead of pretending.
    EXPECT_EQ(b["state"], "RUNNING");
    EXPECT_EQ(b["name"], "Local DuckDB engine");
    EXPECT_NE(b["message"].get<std::string>().find("cannot be stopped"), std::string::npos);
    EXPECT_EQ(s.get("/api/auth/warehouses").json()[0]["state"], "RUNNING");
  } else {
    EXPECT_TRUE(b["state"] == "STOPPING" || b["state"] == "STOPPED") << b.dump();
    EXPECT_EQ(s.post("/api/warehouse/start", Json{{"warehouse_id", id}}).status, 200);
  }
}

TEST(Platform, UnknownWarehouseIs404NamingIt) {
  ServerProcess s;
  for (const char* action : {"start", "stop"}) {
    const HttpResult r =
        s.post(std::string("/api/warehouse/") + action, Json{{"warehouse_id", "no-such-wh"}});
    EXPECT_EQ(r.status, 404) << action << " " << r.body;
    EXPECT_NE(r.body.find("no-such-wh"), std::string::npos) << r.body;
  }
}

TEST(Platform, BadBodiesAre422OnTheWarehouseIdField) {
  ServerProcess s;
  for (const char* action : {"start", "stop"}) {
    const std::string path = std::string("/api/warehouse/") + action;
    for (const Json& body : {Json::object(), Json{{"warehouse_id", ""}}, Json{{"warehouse_id", 42}},
                             Json{{"warehouse_id", nullptr}}, Json{{"warehouse_id", "   "}}}) {
      const HttpResult r = s.post(path, body);
      EXPECT_EQ(r.status, 422) << path << " " << body.dump() << " " << r.body;
      if (r.status != 422) continue;
      EXPECT_EQ(r.json()["detail"][0]["loc"], Json::array({"body", "warehouse_id"})) << r.body;
    }
  }
}

}  // namespace
}  // namespace clxs::testing
