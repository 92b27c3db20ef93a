#include "kernel/emulator/emulator_server.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "kernel/emulator/emulator_test_fixture.hpp"

namespace clxs::kernel::emulator {
namespace {

TEST_F(EmulatorServerTest, StatementsAnswerInlineInChunks) {
  server();
  const auto r =
      sql("SELECT id, id * 1.5 AS x, id % 2 = 0 AS even FROM range(5) t(id) ORDER BY id");
  EXPECT_EQ(r["status"]["state"], "SUCCEEDED");
  EXPECT_EQ(r["manifest"]["total_chunk_count"], 3);
  EXPECT_EQ(r["manifest"]["total_row_count"], 5);
  EXPECT_EQ(r["result"]["data_array"][1][0], "1");
  EXPECT_EQ(r["result"]["data_array"][1][2], "false");
  EXPECT_EQ(r["result"]["next_chunk_index"], 1);
  const std::string id = r["statement_id"];
  EXPECT_EQ(r["result"]["next_chunk_internal_link"],
            "/api/2.0/sql/statements/" + id + "/result/chunks/1");
  const auto c = call("GET", "/api/2.0/sql/statements/" + id + "/result/chunks/2");
  ASSERT_EQ(c.status, 200) << c.body;
  const auto chunk = Json::parse(c.body);
  EXPECT_EQ(chunk["row_offset"], 4);
  EXPECT_EQ(chunk["data_array"][0][0], "4");
  EXPECT_FALSE(chunk.contains("next_chunk_index"));
  EXPECT_EQ(call("GET", "/api/2.0/sql/statements/" + id + "/result/chunks/3").status, 400);
  EXPECT_EQ(call("GET", "/api/2.0/sql/statements/nope").status, 404);

  const auto failed = sql("SELECT * FROM main.default.missing");
  EXPECT_EQ(failed["status"]["state"], "FAILED");
  EXPECT_EQ(failed["status"]["error"]["error_code"], "NOT_FOUND");
  EXPECT_NE(
      failed["status"]["error"]["message"].get<std::string>().find("[TABLE_OR_VIEW_NOT_FOUND]"),
      std::string::npos);

  const auto p = sql("SELECT :n + 1 AS n, :s AS s, :z AS z",
                     {{"parameters", Json::parse(R"([{"name":"n","value":"41","type":"INT"},
                        {"name":"s","value":"it's"},{"name":"z"}])")}});
  EXPECT_EQ(p["result"]["data_array"][0], Json::parse(R"(["42","it's",null])"));
}

TEST_F(EmulatorServerTest, ExternalLinksAreSignedAndRefuseTheToken) {
  server();
  const auto r = sql("SELECT * FROM range(3)", {{"disposition", "EXTERNAL_LINKS"}});
  ASSERT_EQ(r["status"]["state"], "SUCCEEDED") << r.dump();
  const auto link = r["result"]["external_links"][0];
  const std::string url = link["external_link"];
  ASSERT_EQ(url.rfind("http://127.0.0.1:9/_external/", 0), 0u) << url;
  EmulatorRequest get;
  get.method = "GET";
  get.rawPath = url.substr(std::string("http://127.0.0.1:9").size());
  EXPECT_EQ(server_->dispatch(get).status, 403) << "no signature header";
  get.headers["x-emulator-sig"] = link["http_headers"]["x-emulator-sig"];
  get.headers["authorization"] = "Bearer t0k";
  EXPECT_EQ(server_->dispatch(get).status, 403) << "an Authorization header is refused";
  get.headers.erase("authorization");
  const auto ok = server_->dispatch(get);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Json::parse(ok.body), Json::parse(R"([["0"],["1"]])"));
}

TEST_F(EmulatorServerTest, AuthFaultsAndRoutes) {
  server();
  auto r = call("GET", "/api/2.1/unity-catalog/catalogs", nullptr, false);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(Json::parse(r.body)["error_code"], "UNAUTHENTICATED");
  r = call("GET", "/api/2.1/unity-catalog/catalogs");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json::parse(r.body)["catalogs"][0]["name"], "main");
  r = call("GET", "/api/2.1/unity-catalog/schemas/nope.default");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Json::parse(r.body)["error_code"], "CATALOG_DOES_NOT_EXIST");
  r = call("GET", "/api/2.1/unity-catalog/tables/main.default.nope");
  EXPECT_EQ(Json::parse(r.body)["error_code"], "TABLE_DOES_NOT_EXIST");
  r = call("GET", "/api/2.1/unity-catalog/tables/main.default.nope/exists");
  EXPECT_EQ(Json::parse(r.body)["table_exists"], false);
  r = call("GET", "/api/2.0/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Json::parse(r.body)["error_code"], "ENDPOINT_NOT_FOUND");
  r = call("GET", "/api/2.1/unity-catalog/shares");
  EXPECT_EQ(r.status, 200) << r.body;
  r = call("GET", "/api/2.1/unity-catalog/metastore_summary");
  EXPECT_EQ(r.status, 200) << r.body;

  r = call("POST", "/_emulator/faults", Json{{"error_rate", 1.0}});
  ASSERT_EQ(r.status, 200) << r.body;
  for (int i = 0; i < 6; ++i) {
    r = call("POST", "/api/2.0/sql/statements",
             Json{{"statement", "CREATE SCHEMA never"}, {"warehouse_id", "local"}});
    EXPECT_TRUE(r.status == 503 || r.status == 429) << r.status;
    EXPECT_EQ(r.headers["Retry-After"], "1");
  }
  const auto stats = Json::parse(call("GET", "/_emulator/stats").body);
  EXPECT_EQ(stats["faults"]["503"].get<int>() + stats["faults"]["429"].get<int>(), 6);
  EXPECT_EQ(stats["statements"]["executed"], 0);
  call("POST", "/_emulator/faults", Json{{"error_rate", 0.0}, {"fail_statement_rate", 1.0}});
  const auto injected = sql("CREATE SCHEMA never");
  EXPECT_EQ(injected["status"]["state"], "FAILED");
  EXPECT_EQ(injected["status"]["error"]["error_code"], "TEMPORARILY_UNAVAILABLE");
  call("POST", "/_emulator/faults", Json{{"fail_statement_rate", 0.0}});
  const auto schemas =
      Json::parse(call("GET", "/api/2.1/unity-catalog/schemas?catalog_name=main").body);
  for (const auto& s : schemas["schemas"]) EXPECT_NE(s["name"], "never");
}

TEST_F(EmulatorServerTest, AStoppedWarehouseStartsForAStatement) {
  server();
  EXPECT_EQ(call("POST", "/api/2.0/sql/warehouses/local/stop").status, 200);
  EXPECT_EQ(Json::parse(call("GET", "/api/2.0/sql/warehouses/local").body)["state"], "STOPPED");
  auto r = sql("SELECT 1", {{"wait_timeout", "0s"}});
  EXPECT_EQ(r["status"]["state"], "PENDING");
  EXPECT_EQ(Json::parse(call("GET", "/api/2.0/sql/warehouses/local").body)["state"], "STARTING");
  const std::string id = r["statement_id"];
  for (int i = 0; i < 100 && r["status"]["state"] != "SUCCEEDED"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = Json::parse(call("GET", "/api/2.0/sql/statements/" + id).body);
  }
  EXPECT_EQ(r["status"]["state"], "SUCCEEDED");
  EXPECT_EQ(Json::parse(call("GET", "/api/2.0/sql/warehouses/local").body)["state"], "RUNNING");
  EXPECT_EQ(call("GET", "/api/2.0/sql/warehouses/other").status, 404);
}

TEST_F(EmulatorServerTest, CsvThroughExternalLinksAndTheByteLimits) {
  server();
  const auto r = sql("SELECT 'a,b' AS s, CAST(NULL AS STRING) AS z FROM range(3)",
                     {{"disposition", "EXTERNAL_LINKS"}, {"format", "CSV"}});
  ASSERT_EQ(r["status"]["state"], "SUCCEEDED") << r.dump();
  EXPECT_EQ(r["manifest"]["format"], "CSV");
  const auto fetch = [&](const Json& link) {
    EmulatorRequest get;
    get.method = "GET";
    get.rawPath =
        link["external_link"].get<std::string>().substr(std::string("http://127.0.0.1:9").size());
    get.headers["x-emulator-sig"] = link["http_headers"]["x-emulator-sig"];
    return server_->dispatch(get);
  };
  const auto first = fetch(r["result"]["external_links"][0]);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.contentType, "text/csv");
  EXPECT_EQ(first.body, "s,z\n\"a,b\",null\n\"a,b\",null\n");
  EXPECT_EQ(r["manifest"]["chunks"][0]["byte_count"], first.body.size());
  const std::string id = r["statement_id"];
  const auto next = expect(200, "GET", "/api/2.0/sql/statements/" + id + "/result/chunks/1");
  EXPECT_EQ(fetch(next["external_links"][0]).body, "\"a,b\",null\n") << "no header after chunk 0";

  const auto arrow = sql("SELECT id FROM range(3) t(id)",
                         {{"disposition", "EXTERNAL_LINKS"}, {"format", "ARROW_STREAM"}});
  ASSERT_EQ(arrow["status"]["state"], "SUCCEEDED") << arrow.dump();
  EXPECT_EQ(arrow["manifest"]["format"], "ARROW_STREAM");
  const auto stream = fetch(arrow["result"]["external_links"][0]);
  EXPECT_EQ(stream.contentType, "application/vnd.apache.arrow.stream");
  EXPECT_EQ(arrow["manifest"]["chunks"][0]["byte_count"], stream.body.size());
  EXPECT_EQ(stream.body.substr(0, 4), std::string(4, '\xff'));
  EXPECT_EQ(expect(400, "POST", "/api/2.0/sql/statements",
                   {{"statement", "SELECT 1"},
                    {"warehouse_id", "local"},
                    {"format", "ARROW_STREAM"}})["error_code"],
            "INVALID_PARAMETER_VALUE")
      << "INLINE takes JSON_ARRAY only";

  const auto limited = sql("SELECT id FROM range(100) t(id)", Json{{"byte_limit", 30}});
  ASSERT_EQ(limited["status"]["state"], "SUCCEEDED") << limited.dump();
  EXPECT_EQ(limited["manifest"]["truncated"], true);
  EXPECT_LT(limited["manifest"]["total_row_count"].get<int>(), 100);
  EXPECT_GT(limited["manifest"]["total_row_count"].get<int>(), 0);

  // INLINE results over 25 MiB fail, as on Databricks; EXTERNAL_LINKS serves them.
  const std::string big = "SELECT repeat('x', 1048576) AS s FROM range(26)";
  const auto failed = sql(big);
  EXPECT_EQ(failed["status"]["state"], "FAILED");
  EXPECT_EQ(failed["status"]["error"]["error_code"], "BAD_REQUEST");
  EXPECT_NE(failed["status"]["error"]["message"].get<std::string>().find("EXTERNAL_LINKS"),
            std::string::npos);
  EXPECT_EQ(sql(big, Json{{"disposition", "EXTERNAL_LINKS"}})["status"]["state"], "SUCCEEDED");
}

TEST_F(EmulatorServerTest, OnWaitTimeoutCancelsOrContinues) {
  auto o = options();
  o.warehouseStartDelay = std::chrono::milliseconds(6000);
  server(o);
  // Statements sent to a stopped warehouse stay PENDING while it starts, past the 5 s wait.
  expect(200, "POST", "/api/2.0/sql/warehouses/local/stop");
  EmulatorResponse cancelled;
  EmulatorResponse continued;
  std::thread a([&] {
    cancelled = call("POST", "/api/2.0/sql/statements",
                     {{"statement", "SELECT 1 AS n"},
                      {"warehouse_id", "local"},
                      {"wait_timeout", "5s"},
                      {"on_wait_timeout", "CANCEL"}});
  });
  std::thread b([&] {
    continued = call("POST", "/api/2.0/sql/statements",
                     {{"statement", "SELECT 2 AS n"},
                      {"warehouse_id", "local"},
                      {"wait_timeout", "5s"},
                      {"on_wait_timeout", "CONTINUE"}});
  });
  a.join();
  b.join();
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  ASSERT_EQ(continued.status, 200) << continued.body;
  EXPECT_EQ(Json::parse(cancelled.body)["status"]["state"], "CANCELED");
  auto r = Json::parse(continued.body);
  EXPECT_EQ(r["status"]["state"], "PENDING");
  const std::string id = r["statement_id"];
  for (int i = 0; i < 100 && r["status"]["state"] != "SUCCEEDED"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = expect(200, "GET", "/api/2.0/sql/statements/" + id);
  }
  EXPECT_EQ(r["status"]["state"], "SUCCEEDED");
  EXPECT_EQ(r["result"]["data_array"][0][0], "2");
  const std::string cancelledId = Json::parse(cancelled.body)["statement_id"];
  EXPECT_EQ(expect(200, "GET", "/api/2.0/sql/statements/" + cancelledId)["status"]["state"],
            "CANCELED");
}

}  // namespace
}  // namespace clxs::kernel::emulator
