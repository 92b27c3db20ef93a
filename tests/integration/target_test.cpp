// The Target Workspace routes end to end: validation of the TargetWorkspace models, the
// answers for a target that cannot be reached, and the happy paths against a target served
// by `clxs emulate`.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "tests/support/child_process.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/emulated_workspace.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

constexpr const char* kToken = "dapi-integration-secret-7f3a";

Json patBody(const std::string& host = "https://adb-target.azuredatabricks.net") {
  return Json{{"host", host}, {"token", kToken}, {"warehouse_id", "abc123"}};
}

// A loopback port nobody listens on: bound, then released.
int closedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

ServerOptions localOnly() {
  ServerOptions o;
  o.localOnly = true;
  return o;
}

TEST(Target, SchemaViolationsAre422AndMissingConditionalFields400) {
  ServerProcess s(localOnly());
  struct Case {
    const char* path;
    Json body;
    int status;
    std::string needle;
  };
  Json noHost = patBody();
  noHost.erase("host");
  Json noWarehouse = patBody();
  noWarehouse.erase("warehouse_id");
  Json noToken = patBody();
  noToken.erase("token");
  const Case cases[] = {
      {"validate", noHost, 422, "host"},
      {"validate", patBody("http://adb-target.azuredatabricks.net"), 422, "https://"},
      {"whoami", patBody("adb-target.azuredatabricks.net"), 422, "https://"},
      {"validate", noWarehouse, 422, "warehouse_id"},
      {"validate", Json{{"host", "https://h.net"}, {"token", "t"}, {"warehouse_id", ""}}, 422,
       "warehouse_id"},
      {"validate", Json{{"host", "https://h.net"}, {"token", 7}, {"warehouse_id", "w"}}, 422,
       "token"},
      {"catalogs", Json{{"host", "https://h.net"}, {"auth_method", "magic"}, {"token", "t"}}, 422,
       "auth_method"},
      {"validate",
       Json{{"host", "https://h.net"},
            {"token", "t"},
            {"warehouse_id", "w"},
            {"data_sync_mode", "sometimes"}},
       422, "data_sync_mode"},
      {"validate",
       Json{
           {"host", "https://h.net"}, {"token", "t"}, {"warehouse_id", "w"}, {"keep_share", "yes"}},
       422, "keep_share"},
      {"validate", noToken, 400, "token is required when auth_method is \\\"pat\\\""},
      {"warehouses",
       Json{{"host", "https://h.net"}, {"auth_method", "service_principal"}, {"client_id", "c"}},
       400, "client_secret is required"},
      {"whoami", Json{{"host", "https://h.net"}, {"auth_method", "profile"}}, 400,
       "profile is required"},
  };
  for (const auto& c : cases) {
    const HttpResult r = s.post(std::string("/api/target/") + c.path, c.body);
    EXPECT_EQ(r.status, c.status) << c.path << " " << c.body.dump() << " " << r.body;
    EXPECT_NE(r.body.find(c.needle), std::string::npos) << c.needle << " in " << r.body;
    EXPECT_EQ(r.body.find(kToken), std::string::npos) << "the token is never echoed";
  }
}

// The workspace client retries a refused connection until the routes' call deadline, so this
// takes some seconds per call: two routes are enough here, the unit tests cover all four.
TEST(Target, AnUnreachableTargetIs401AndNothingAboutItIsKept) {
  ServerProcess s(localOnly());
  const std::string host = "http://127.0.0.1:" + std::to_string(closedPort());
  for (const char* path : {"whoami", "validate"}) {
    const HttpResult r = s.post(std::string("/api/target/") + path, patBody(host));
    EXPECT_EQ(r.status, 401) << path << " " << r.body;
    EXPECT_NE(r.body.find(host), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find(kToken), std::string::npos) << r.body;
  }
  EXPECT_EQ(s.output().find(kToken), std::string::npos) << "the token is never logged";
  s.stop();
  // No file under the data directory holds the token (state store, logs, config).
  const std::string grep =
      "grep -r -l -a '" + std::string(kToken) + "' '" + s.dataDir().string() + "' >/dev/null";
  EXPECT_NE(std::system(grep.c_str()), 0) << "the token was written under the data dir";
}

// A target workspace: the emulator over its own data directory, with one extra catalog.
TEST(Target, AnEmulatedTargetValidatesListsAndStartsItsStoppedWarehouse) {
  const auto targetDir = makeTempDir("clxs-target-");
  seedSql(targetDir, "CREATE CATALOG analytics_prod");
  {
    EmulatedWorkspace target(targetDir);
    ServerProcess s(localOnly());
    const Json connect{{"host", target.host()}, {"token", target.token()}};

    const auto who = s.post("/api/target/whoami", connect);
    ASSERT_EQ(who.status, 200) << who.body;
    EXPECT_FALSE(who.json()["user"].get<std::string>().empty());
    EXPECT_EQ(who.json()["host"], target.host());

    const auto catalogs = s.post("/api/target/catalogs", connect);
    ASSERT_EQ(catalogs.status, 200) << catalogs.body;
    EXPECT_NE(catalogs.body.find("\"analytics_prod\""), std::string::npos) << catalogs.body;

    const auto warehouses = s.post("/api/target/warehouses", connect);
    ASSERT_EQ(warehouses.status, 200) << warehouses.body;
    ASSERT_EQ(warehouses.json().size(), 1u) << warehouses.body;
    EXPECT_EQ(warehouses.json()[0]["id"], EmulatedWorkspace::warehouseId());

    Json validate = connect;
    validate["warehouse_id"] = EmulatedWorkspace::warehouseId();
    auto v = s.post("/api/target/validate", validate);
    ASSERT_EQ(v.status, 200) << v.body;
    EXPECT_EQ(v.json()["ok"], true);
    EXPECT_GE(v.json()["catalog_count"].get<int>(), 2);
    EXPECT_EQ(v.json()["metastore_sharing_id"].get<std::string>().rfind("local:local:", 0), 0u)
        << v.body;
    EXPECT_EQ(v.json()["warehouse_state"], "RUNNING");
    EXPECT_EQ(v.json()["warehouse_start_triggered"], false);

    // A stopped target warehouse is started, without waiting for it.
    ASSERT_EQ(target.request("POST", "/api/2.0/sql/warehouses/local/stop").status, 200);
    v = s.post("/api/target/validate", validate);
    ASSERT_EQ(v.status, 200) << v.body;
    EXPECT_EQ(v.json()["warehouse_state"], "STOPPED");
    EXPECT_EQ(v.json()["warehouse_start_triggered"], true);

    // Another id is not visible there; a wrong token is 401 and never echoed.
    validate["warehouse_id"] = "no-such-warehouse";
    v = s.post("/api/target/validate", validate);
    EXPECT_EQ(v.status, 400) << v.body;
    EXPECT_NE(v.body.find("no-such-warehouse"), std::string::npos);
    const std::string wrong = "dapi0000000000000000000000000000bad";
    const auto bad = s.post("/api/target/whoami", {{"host", target.host()}, {"token", wrong}});
    EXPECT_EQ(bad.status, 401) << bad.body;
    EXPECT_EQ(bad.body.find(wrong), std::string::npos) << bad.body;
  }
  std::error_code ec;
  std::filesystem::remove_all(targetDir, ec);
}

}  // namespace
}  // namespace clxs::testing
