// `clxs emulate`: the real binary serving the local workspace over the Databricks REST API,
// spoken to with a plain HTTP client the way Databricks tooling speaks to a workspace.
#include <Poco/Base64Encoder.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "clxs/json.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/url_encode.hpp"

namespace {

using clxs::Json;
using clxs::testing::HttpResult;

// A running `clxs emulate --port 0` on a data directory; SIGTERM in the destructor.
class EmulatorProcess {
 public:
  EmulatorProcess(const std::filesystem::path& dataDir, std::vector<std::string> extraArgs)
      : dataDir_(dataDir) {
    const auto portFile = dataDir_ / "emulator.port";
    std::filesystem::remove(portFile);
    log_ = dataDir_ / "emulator.log";
    std::vector<std::string> args{clxs::testing::ServerProcess::binary().string(),
                                  "emulate",
                                  "--port",
                                  "0",
                                  "--port-file",
                                  portFile.string(),
                                  "--data-dir",
                                  dataDir_.string()};
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    pid_ = clxs::testing::spawnLogged(args, {}, log_);
    port_ = clxs::testing::waitForPortFile(pid_, portFile, log_, "clxs emulate");
  }
  ~EmulatorProcess() { stop(); }
  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  int stop() { return clxs::testing::terminateChild(pid_); }

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string output() const { return clxs::testing::readLog(log_); }

  HttpResult request(const std::string& method, const std::string& target,
                     const std::string& body = {}, std::map<std::string, std::string> headers = {},
                     const std::string& contentType = "application/json") const {
    if (!body.empty()) headers.emplace("Content-Type", contentType);
    return clxs::testing::httpRequest(port_, method, target, body, headers);
  }

 private:
  std::filesystem::path dataDir_;
  std::filesystem::path log_;
  pid_t pid_ = -1;
  int port_ = 0;
};

const std::map<std::string, std::string> kAuth{{"Authorization", "Bearer secret"}};

HttpResult get(const EmulatorProcess& e, const std::string& target) {
  return e.request("GET", target, {}, kAuth);
}

Json getJson(const EmulatorProcess& e, const std::string& target) {
  const auto r = get(e, target);
  EXPECT_EQ(r.status, 200) << target << ": " << r.body;
  return r.status == 200 ? r.json() : Json::object();
}

Json execute(const EmulatorProcess& e, const std::string& statement, Json extra = Json::object()) {
  extra["statement"] = statement;
  extra["warehouse_id"] = "local";
  const auto r = e.request("POST", "/api/2.0/sql/statements", extra.dump(), kAuth);
  EXPECT_EQ(r.status, 200) << statement << ": " << r.body;
  return r.status == 200 ? r.json() : Json::object();
}

Json pollUntilTerminal(const EmulatorProcess& e, Json statement) {
  const std::string id = statement.value("statement_id", "");
  for (int i = 0; i < 600; ++i) {
    const std::string state = statement["status"]["state"];
    if (state != "PENDING" && state != "RUNNING") return statement;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    statement = getJson(e, "/api/2.0/sql/statements/" + id);
  }
  ADD_FAILURE() << "statement " << id << " did not finish";
  return statement;
}

// Every item of a UC list, following next_page_token through empty pages; counts them.
Json listAll(const EmulatorProcess& e, const std::string& path, const std::string& field,
             int& pages, int& emptyPages) {
  Json out = Json::array();
  std::string token;
  pages = 0;
  emptyPages = 0;
  for (int i = 0; i < 500; ++i) {
    auto target = path + (path.find('?') == std::string::npos ? "?" : "&") + "max_results=2";
    if (!token.empty()) target += "&page_token=" + token;
    const auto page = getJson(e, target);
    ++pages;
    const auto items = page.value(field, Json::array());
    if (items.empty() && page.contains("next_page_token")) ++emptyPages;
    for (const auto& item : items) out.push_back(item);
    token = page.value("next_page_token", "");
    if (token.empty()) return out;
  }
  ADD_FAILURE() << "paging did not end";
  return out;
}

std::string basic(const std::string& user, const std::string& password) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder << user << ":" << password;
  encoder.close();
  return "Basic " + out.str();
}

TEST(Emulator, ASecondEmulatorOnAPortInUseExitsWithAClearMessage) {
  clxs::testing::TempDir dir;
  EmulatorProcess first(dir.path(), {"--token", "T"});
  const auto log = dir.path() / "second.log";
  pid_t pid = clxs::testing::spawnLogged(
      {clxs::testing::ServerProcess::binary().string(), "emulate", "--host", "127.0.0.1", "--port",
       std::to_string(first.port()), "--data-dir", (dir.path() / "second").string()},
      {}, log);
  const auto code = clxs::testing::waitForExit(pid, std::chrono::seconds(60));
  clxs::testing::terminateChild(pid);
  ASSERT_TRUE(code.has_value()) << "a second emulator kept running on a port in use";
  EXPECT_NE(*code, 0);
  const auto output = clxs::testing::readLog(log);
  EXPECT_NE(output.find("port " + std::to_string(first.port()) + " on 127.0.0.1 is in use"),
            std::string::npos)
      << output;
}

TEST(Emulator, HelpSaysWhatIsEmulatedAndWhatAnswers501ByApi) {
  const auto help = clxs::testing::runCli({"emulate", "--help"});
  EXPECT_EQ(help.exitCode, 0) << help.output;
  for (const auto* api : {"Statement Execution 2.0", "SQL warehouses", "Unity Catalog 2.1", "Files",
                          "OAuth", "entity-tag-assignments", "ARROW_STREAM",
                          "501 NOT_IMPLEMENTED: new_name", "501 NOT_IMPLEMENTED: DELETE"}) {
    EXPECT_NE(help.output.find(api), std::string::npos) << "the help does not mention " << api;
  }
}

TEST(Emulator, AuthScimWarehousesAndEmptyServices) {
  clxs::testing::TempDir dir;
  EmulatorProcess e(dir.path(), {"--token", "secret"});
  EXPECT_NE(
      e.output().find("clxs emulate listening on http://127.0.0.1:" + std::to_string(e.port())),
      std::string::npos)
      << e.output();

  auto r = e.request("GET", "/api/2.0/preview/scim/v2/Me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["error_code"], "UNAUTHENTICATED");
  r = e.request("GET", "/api/2.0/preview/scim/v2/Me", {}, {{"Authorization", "Bearer wrong-tok"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body.find("wrong-tok"), std::string::npos) << "the token is never echoed";

  r = get(e, "/api/2.0/preview/scim/v2/Me");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json()["userName"].get<std::string>().empty());
  EXPECT_EQ(r.json()["active"], true);
  EXPECT_TRUE(r.json()["groups"].is_array());
  EXPECT_FALSE(r.headers["x-databricks-org-id"].empty());

  auto list = getJson(e, "/api/2.0/sql/warehouses");
  ASSERT_EQ(list["warehouses"].size(), 1u);
  const auto w = list["warehouses"][0];
  EXPECT_EQ(w["id"], "local");
  EXPECT_EQ(w["state"], "RUNNING");
  EXPECT_EQ(w["warehouse_type"], "PRO");
  EXPECT_EQ(w["enable_serverless_compute"], false);
  EXPECT_EQ(e.request("POST", "/api/2.0/sql/warehouses/local/stop", {}, kAuth).status, 200);
  EXPECT_EQ(getJson(e, "/api/2.0/sql/warehouses/local")["state"], "STOPPED");
  EXPECT_EQ(e.request("POST", "/api/2.0/sql/warehouses/local/start", {}, kAuth).status, 200);
  std::string state;
  for (int i = 0; i < 100 && state != "RUNNING"; ++i) {
    state = getJson(e, "/api/2.0/sql/warehouses/local")["state"];
    if (state != "RUNNING") std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(state, "RUNNING");
  r = get(e, "/api/2.0/sql/warehouses/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["error_code"], "RESOURCE_DOES_NOT_EXIST");

  EXPECT_EQ(getJson(e, "/api/2.0/serving-endpoints"), Json::parse(R"({"endpoints":[]})"));
  EXPECT_EQ(getJson(e, "/api/2.0/genie/spaces"), Json::parse(R"({"spaces":[]})"));
  r = get(e, "/api/2.0/no/such/route");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["error_code"], "ENDPOINT_NOT_FOUND");
  EXPECT_EQ(e.stop(), 0) << e.output();
}

TEST(Emulator, UnityCatalogListsPagesAndObjects) {
  clxs::testing::TempDir dir;
  std::string seed = "CREATE CATALOG c;\n";
  for (int i = 0; i < 5; ++i) seed += "CREATE SCHEMA c.s" + std::to_string(i) + ";\n";
  for (int i = 0; i < 5; ++i) {
    seed += "CREATE TABLE c.s0.t" + std::to_string(i) +
            " (id BIGINT NOT NULL COMMENT 'key', amount DECIMAL(10,2)) "
            "TBLPROPERTIES ('team' = 'data');\n";
  }
  seed += "CREATE VIEW c.s0.v AS SELECT id FROM c.s0.t0;\n";
  seed += "CREATE FUNCTION c.s0.plus_one(x INT) RETURNS INT RETURN x + 1;\n";
  seed += "CREATE VOLUME c.s0.vol;\n";
  clxs::testing::seedSql(dir.path(), seed);
  EmulatorProcess e(dir.path(), {"--token", "secret", "--seed", "3", "--empty-pages", "on"});

  // A client that does not page (no max_results) gets the whole list and no token, even with
  // the empty-page fault on, as from Databricks.
  for (int i = 0; i < 10; ++i) {
    const auto whole = getJson(e, "/api/2.1/unity-catalog/schemas?catalog_name=c");
    EXPECT_GE(whole["schemas"].size(), 5u) << whole.dump();
    EXPECT_FALSE(whole.contains("next_page_token")) << whole.dump();
  }

  int pages = 0;
  int emptyPages = 0;
  int totalEmpty = 0;
  const auto catalogs =
      listAll(e, "/api/2.1/unity-catalog/catalogs", "catalogs", pages, emptyPages);
  totalEmpty += emptyPages;
  std::set<std::string> names;
  for (const auto& c : catalogs) names.insert(c["name"]);
  EXPECT_TRUE(names.count("c") == 1 && names.count("main") == 1);
  const auto schemas =
      listAll(e, "/api/2.1/unity-catalog/schemas?catalog_name=c", "schemas", pages, emptyPages);
  totalEmpty += emptyPages;
  names.clear();
  for (const auto& s : schemas) names.insert(s["name"]);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(names.count("s" + std::to_string(i)), 1u);
  const auto tables = listAll(e, "/api/2.1/unity-catalog/tables?catalog_name=c&schema_name=s0",
                              "tables", pages, emptyPages);
  totalEmpty += emptyPages;
  EXPECT_EQ(tables.size(), 6u);
  for (int i = 0; i < 5; ++i) {
    listAll(e, "/api/2.1/unity-catalog/tables?catalog_name=c&schema_name=s0", "tables", pages,
            emptyPages);
    totalEmpty += emptyPages;
  }
  EXPECT_GT(totalEmpty, 0) << "some list calls answer an empty page with a token";

  const auto t = getJson(e, "/api/2.1/unity-catalog/tables/c.s0.t1");
  EXPECT_EQ(t["name"], "t1");
  EXPECT_EQ(t["catalog_name"], "c");
  EXPECT_EQ(t["schema_name"], "s0");
  EXPECT_EQ(t["full_name"], "c.s0.t1");
  EXPECT_EQ(t["table_type"], "MANAGED");
  EXPECT_EQ(t["data_source_format"], "DELTA");
  EXPECT_FALSE(t["owner"].get<std::string>().empty());
  EXPECT_FALSE(t["storage_location"].get<std::string>().empty());
  EXPECT_EQ(t["properties"]["team"], "data");
  ASSERT_EQ(t["columns"].size(), 2u);
  EXPECT_EQ(t["columns"][0]["name"], "id");
  EXPECT_EQ(t["columns"][0]["type_name"], "LONG");
  EXPECT_EQ(t["columns"][0]["position"], 0);
  EXPECT_EQ(t["columns"][0]["nullable"], false);
  EXPECT_EQ(t["columns"][0]["comment"], "key");
  EXPECT_EQ(t["columns"][1]["type_name"], "DECIMAL");
  auto typeText = t["columns"][1]["type_text"].get<std::string>();
  for (auto& c : typeText) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(typeText, "DECIMAL(10,2)");
  const auto v = getJson(e, "/api/2.1/unity-catalog/tables/c.s0.v");
  EXPECT_EQ(v["table_type"], "VIEW");
  EXPECT_FALSE(v["view_definition"].get<std::string>().empty());
  EXPECT_EQ(getJson(e, "/api/2.1/unity-catalog/tables/c.s0.t1/exists")["table_exists"], true);
  EXPECT_EQ(getJson(e, "/api/2.1/unity-catalog/catalogs/c")["catalog_type"], "MANAGED_CATALOG");
  EXPECT_EQ(getJson(e, "/api/2.1/unity-catalog/schemas/c.s3")["full_name"], "c.s3");
  const auto summaries = listAll(e, "/api/2.1/unity-catalog/table-summaries?catalog_name=c",
                                 "tables", pages, emptyPages);
  EXPECT_EQ(summaries.size(), 6u);

  const auto f = getJson(e, "/api/2.1/unity-catalog/functions/c.s0.plus_one");
  EXPECT_EQ(f["full_name"], "c.s0.plus_one");
  EXPECT_EQ(f["routine_body"], "SQL");
  EXPECT_EQ(f["input_params"]["parameters"][0]["name"], "x");
  EXPECT_EQ(listAll(e, "/api/2.1/unity-catalog/functions?catalog_name=c&schema_name=s0",
                    "functions", pages, emptyPages)
                .size(),
            1u);
  const auto vol = getJson(e, "/api/2.1/unity-catalog/volumes/c.s0.vol");
  EXPECT_EQ(vol["volume_type"], "MANAGED");
  EXPECT_EQ(listAll(e, "/api/2.1/unity-catalog/volumes?catalog_name=c&schema_name=s0", "volumes",
                    pages, emptyPages)
                .size(),
            1u);

  struct Missing {
    std::string path;
    std::string code;
  };
  for (const auto& m : std::vector<Missing>{
           {"/api/2.1/unity-catalog/catalogs/nope", "CATALOG_DOES_NOT_EXIST"},
           {"/api/2.1/unity-catalog/schemas/c.nope", "SCHEMA_DOES_NOT_EXIST"},
           {"/api/2.1/unity-catalog/schemas?catalog_name=nope", "CATALOG_DOES_NOT_EXIST"},
           {"/api/2.1/unity-catalog/tables/c.s0.nope", "TABLE_DOES_NOT_EXIST"},
           {"/api/2.1/unity-catalog/tables?catalog_name=c&schema_name=nope",
            "SCHEMA_DOES_NOT_EXIST"}}) {
    const auto r = get(e, m.path);
    EXPECT_EQ(r.status, 404) << m.path;
    EXPECT_EQ(r.json()["error_code"], m.code) << m.path;
    EXPECT_NE(r.json()["message"].get<std::string>().find("does not exist"), std::string::npos);
  }
  EXPECT_EQ(get(e, "/api/2.1/unity-catalog/schemas").status, 400) << "catalog_name is required";
  EXPECT_EQ(get(e, "/api/2.1/unity-catalog/catalogs?max_results=-1").status, 400);

  // Grants: PATCH runs GRANT/REVOKE, GET reads them back with underscores.
  const auto patch = e.request("PATCH", "/api/2.1/unity-catalog/permissions/schema/c.s1",
                               R"({"changes":[{"principal":"data team`s","add":["USE_SCHEMA",
                               "SELECT"]}]})",
                               kAuth);
  ASSERT_EQ(patch.status, 200) << patch.body;
  auto grants = getJson(e, "/api/2.1/unity-catalog/permissions/schema/c.s1");
  ASSERT_EQ(grants["privilege_assignments"].size(), 1u) << grants.dump();
  EXPECT_EQ(grants["privilege_assignments"][0]["principal"], "data team`s");
  std::set<std::string> privileges;
  for (const auto& p : grants["privilege_assignments"][0]["privileges"]) privileges.insert(p);
  EXPECT_EQ(privileges, (std::set<std::string>{"USE_SCHEMA", "SELECT"}));
  e.request("PATCH", "/api/2.1/unity-catalog/permissions/schema/c.s1",
            R"({"changes":[{"principal":"data team`s","remove":["SELECT"]}]})", kAuth);
  grants = getJson(e, "/api/2.1/unity-catalog/effective-permissions/schema/c.s1");
  EXPECT_EQ(grants["privilege_assignments"][0]["privileges"],
            Json::parse(R"([{"privilege":"USE_SCHEMA"}])"));
  // Effective permissions add what the catalog passes down, naming where it comes from.
  ASSERT_EQ(e.request("PATCH", "/api/2.1/unity-catalog/permissions/catalog/c",
                      R"({"changes":[{"principal":"data team`s","add":["USE_CATALOG"]}]})", kAuth)
                .status,
            200);
  grants = getJson(e, "/api/2.1/unity-catalog/effective-permissions/schema/c.s1?principal=" +
                          clxs::testing::urlEncode("data team`s"));
  EXPECT_EQ(grants["privilege_assignments"][0]["privileges"], Json::parse(R"([
              {"privilege":"USE_CATALOG","inherited_from_type":"CATALOG","inherited_from_name":"c"},
              {"privilege":"USE_SCHEMA"}])"))
      << grants.dump();
  grants = getJson(e, "/api/2.1/unity-catalog/permissions/schema/c.s1");
  EXPECT_EQ(grants["privilege_assignments"][0]["privileges"], Json::parse(R"(["USE_SCHEMA"])"));
  EXPECT_EQ(getJson(e, "/api/2.1/unity-catalog/effective-permissions/schema/c.s1?principal=nobody"),
            Json::parse(R"({"privilege_assignments":[]})"));
  EXPECT_EQ(getJson(e, "/api/2.1/unity-catalog/external-locations"),
            Json::parse(R"({"external_locations":[]})"));
  EXPECT_TRUE(getJson(e, "/api/2.1/unity-catalog/metastore_summary").contains("metastore_id"));
}

TEST(Emulator, StatementsInlineChunkedAsyncFailedCancelledAndExternal) {
  clxs::testing::TempDir dir;
  clxs::testing::seedSql(dir.path(),
                         "CREATE CATALOG c;\nCREATE SCHEMA c.s;\n"
                         "CREATE TABLE c.s.t (id BIGINT, name STRING, price DECIMAL(10,2), "
                         "ok BOOLEAN, d DATE, x DOUBLE);\n"
                         "INSERT INTO c.s.t VALUES (1, 'a', 1.50, true, DATE'2024-01-02', 0.25), "
                         "(2, NULL, 2.00, false, NULL, NULL), (3, 'c\\'s', 3.25, NULL, NULL, 1e3), "
                         "(4, 'd', 0, true, NULL, -1), (5, 'e', 5, false, NULL, 2);\n");
  EmulatorProcess e(dir.path(), {"--token", "secret", "--chunk-rows", "2"});

  // Inline, typed values as strings, defaults from catalog/schema.
  auto r = execute(e, "SELECT id, name, price, ok, d, x FROM t ORDER BY id",
                   {{"catalog", "c"}, {"schema", "s"}});
  ASSERT_EQ(r["status"]["state"], "SUCCEEDED") << r.dump();
  const auto& m = r["manifest"];
  EXPECT_EQ(m["format"], "JSON_ARRAY");
  EXPECT_EQ(m["total_row_count"], 5);
  EXPECT_EQ(m["total_chunk_count"], 3);
  EXPECT_EQ(m["chunks"].size(), 3u);
  EXPECT_EQ(m["schema"]["column_count"], 6);
  EXPECT_EQ(m["schema"]["columns"][0]["type_name"], "LONG");
  EXPECT_EQ(m["schema"]["columns"][0]["type_text"], "BIGINT");
  EXPECT_EQ(m["schema"]["columns"][2]["type_name"], "DECIMAL");
  EXPECT_EQ(m["schema"]["columns"][3]["type_name"], "BOOLEAN");
  EXPECT_EQ(m["schema"]["columns"][4]["type_name"], "DATE");
  EXPECT_EQ(m["schema"]["columns"][5]["type_name"], "DOUBLE");
  EXPECT_EQ(r["result"]["data_array"][0],
            Json::parse(R"(["1","a","1.50","true","2024-01-02","0.25"])"));
  EXPECT_EQ(r["result"]["data_array"][1], Json::parse(R"(["2",null,"2.00","false",null,null])"));
  // Follow the chunk links to the end.
  Json rows = r["result"]["data_array"];
  Json chunk = r["result"];
  while (chunk.contains("next_chunk_internal_link")) {
    chunk = getJson(e, chunk["next_chunk_internal_link"].get<std::string>());
    for (const auto& row : chunk["data_array"]) rows.push_back(row);
  }
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[2][1], "c's");
  EXPECT_EQ(rows[4][0], "5");

  // Parameters.
  r = execute(e, "SELECT name FROM c.s.t WHERE id = :id OR name = :n ORDER BY id",
              {{"parameters", Json::parse(R"([{"name":"id","value":"4","type":"BIGINT"},
                                              {"name":"n","value":"c's"}])")}});
  EXPECT_EQ(r["result"]["data_array"], Json::parse(R"([["c's"],["d"]])")) << r.dump();

  // Async: PENDING at once, then polled to the end.
  r = execute(e, "SELECT count(*) AS n FROM c.s.t", {{"wait_timeout", "0s"}});
  EXPECT_TRUE(r["status"]["state"] == "PENDING" || r["status"]["state"] == "RUNNING") << r.dump();
  r = pollUntilTerminal(e, r);
  EXPECT_EQ(r["status"]["state"], "SUCCEEDED");
  EXPECT_EQ(r["result"]["data_array"][0][0], "5");

  // A failure is HTTP 200 with state FAILED.
  r = execute(e, "SELECT * FROM c.s.missing");
  EXPECT_EQ(r["status"]["state"], "FAILED");
  EXPECT_EQ(r["status"]["error"]["error_code"], "NOT_FOUND");
  EXPECT_EQ(
      r["status"]["error"]["message"].get<std::string>().rfind("[TABLE_OR_VIEW_NOT_FOUND]", 0), 0u);
  EXPECT_FALSE(r.contains("manifest"));

  // Request errors.
  auto bad = e.request("POST", "/api/2.0/sql/statements",
                       R"({"statement":"SELECT 1","warehouse_id":"nope"})", kAuth);
  EXPECT_EQ(bad.status, 404);
  EXPECT_EQ(bad.json()["error_code"], "RESOURCE_DOES_NOT_EXIST");
  bad = e.request("POST", "/api/2.0/sql/statements",
                  R"({"statement":"SELECT 1","warehouse_id":"local","wait_timeout":"3s"})", kAuth);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error_code"], "INVALID_PARAMETER_VALUE");
  EXPECT_EQ(get(e, "/api/2.0/sql/statements/not-a-statement").status, 404);

  // Cancel a long statement.
  r = execute(e, "SELECT count(*) FROM range(100000000000) a WHERE hash(a.range) = 42",
              {{"wait_timeout", "0s"}});
  const std::string id = r["statement_id"];
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(e.request("POST", "/api/2.0/sql/statements/" + id + "/cancel", {}, kAuth).status, 200);
  r = pollUntilTerminal(e, getJson(e, "/api/2.0/sql/statements/" + id));
  EXPECT_EQ(r["status"]["state"], "CANCELED");

  // External links: fetched without the token, with the link's headers.
  r = execute(e, "SELECT id FROM c.s.t ORDER BY id", {{"disposition", "EXTERNAL_LINKS"}});
  ASSERT_EQ(r["status"]["state"], "SUCCEEDED") << r.dump();
  Json downloaded = Json::array();
  chunk = r["result"];
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(chunk["external_links"].size(), 1u) << chunk.dump();
    const auto link = chunk["external_links"][0];
    const std::string url = link["external_link"];
    const auto prefix = "http://127.0.0.1:" + std::to_string(e.port());
    ASSERT_EQ(url.rfind(prefix, 0), 0u) << url;
    const auto path = url.substr(prefix.size());
    std::map<std::string, std::string> headers;
    for (const auto& [k, v] : link["http_headers"].items()) headers[k] = v.get<std::string>();
    auto withToken = headers;
    withToken["Authorization"] = "Bearer secret";
    EXPECT_EQ(e.request("GET", path, {}, withToken).status, 403);
    EXPECT_EQ(e.request("GET", path).status, 403) << "the link's headers are required";
    const auto ok = e.request("GET", path, {}, headers);
    ASSERT_EQ(ok.status, 200) << ok.body;
    for (const auto& row : ok.json()) downloaded.push_back(row);
    if (!link.contains("next_chunk_internal_link")) break;
    chunk = getJson(e, link["next_chunk_internal_link"].get<std::string>());
  }
  EXPECT_EQ(downloaded, Json::parse(R"([["1"],["2"],["3"],["4"],["5"]])"));
}

TEST(Emulator, FilesAndOAuth) {
  clxs::testing::TempDir dir;
  clxs::testing::seedSql(dir.path(), "CREATE VOLUME main.default.vol;\n");
  EmulatorProcess e(dir.path(),
                    {"--token", "secret", "--client-id", "app-id", "--client-secret", "app-pw"});
  const std::string base = "/api/2.0/fs/files/Volumes/main/default/vol";
  auto r = e.request("PUT", base + "/dir%20a/hello.txt", "hello bytes", kAuth,
                     "application/octet-stream");
  EXPECT_EQ(r.status, 204) << r.body;
  r = get(e, base + "/dir%20a/hello.txt");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello bytes");
  r = e.request("PUT", base + "/dir%20a/hello.txt?overwrite=false", "other", kAuth,
                "application/octet-stream");
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(get(e, base + "/dir%20a/hello.txt").body, "hello bytes");
  r = e.request("PUT", base + "/dir%20a/hello.txt?overwrite=true", "new", kAuth,
                "application/octet-stream");
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(get(e, base + "/dir%20a/hello.txt").body, "new");
  r = e.request("HEAD", base + "/dir%20a/hello.txt", {}, kAuth);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-length"], "3");
  EXPECT_EQ(get(e, base + "/dir%20a/missing.txt").status, 404);
  EXPECT_EQ(get(e, base + "/../other/x").status, 400);
  EXPECT_EQ(get(e, base + "/a/%2E%2E/x").status, 400);

  const auto list = getJson(e, "/api/2.0/fs/directories/Volumes/main/default/vol");
  ASSERT_EQ(list["contents"].size(), 1u) << list.dump();
  EXPECT_EQ(list["contents"][0]["name"], "dir a");
  EXPECT_EQ(list["contents"][0]["is_directory"], true);
  EXPECT_EQ(list["contents"][0]["path"], "/Volumes/main/default/vol/dir a");
  const auto inner = getJson(e, "/api/2.0/fs/directories/Volumes/main/default/vol/dir%20a");
  EXPECT_EQ(inner["contents"][0]["file_size"], 3);
  EXPECT_EQ(inner["contents"][0]["is_directory"], false);
  EXPECT_EQ(e.request("PUT", "/api/2.0/fs/directories/Volumes/main/default/vol/new/sub", {}, kAuth)
                .status,
            204);
  EXPECT_EQ(e.request("HEAD", "/api/2.0/fs/directories/Volumes/main/default/vol/new/sub", {}, kAuth)
                .status,
            200);

  // OAuth M2M.
  r = e.request("GET", "/oidc/.well-known/oauth-authorization-server");
  ASSERT_EQ(r.status, 200);
  const std::string endpoint = r.json()["token_endpoint"];
  const auto prefix = "http://127.0.0.1:" + std::to_string(e.port());
  ASSERT_EQ(endpoint, prefix + "/oidc/v1/token");
  r = e.request("POST", "/oidc/v1/token", "grant_type=client_credentials&scope=all-apis",
                {{"Authorization", basic("app-id", "wrong")}}, "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["error"], "invalid_client");
  r = e.request("POST", "/oidc/v1/token", "grant_type=client_credentials&scope=all-apis",
                {{"Authorization", basic("app-id", "app-pw")}},
                "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["token_type"], "Bearer");
  EXPECT_EQ(r.json()["expires_in"], 3600);
  const std::string token = r.json()["access_token"];
  r = e.request("GET", "/api/2.0/preview/scim/v2/Me", {}, {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST(Emulator, InjectedFaultsAreRetryableAndNeverApplied) {
  clxs::testing::TempDir dir;
  EmulatorProcess e(dir.path(), {"--token", "secret", "--error-rate", "1", "--retry-after-s", "2"});
  for (int i = 0; i < 8; ++i) {
    const auto r =
        e.request("POST", "/api/2.0/sql/statements",
                  R"({"statement":"CREATE SCHEMA main.faulty","warehouse_id":"local"})", kAuth);
    EXPECT_TRUE(r.status == 503 || r.status == 429) << r.status;
    EXPECT_EQ(r.headers.at("retry-after"), "2");
    EXPECT_EQ(r.json()["error_code"],
              r.status == 503 ? "TEMPORARILY_UNAVAILABLE" : "REQUEST_LIMIT_EXCEEDED");
  }
  EXPECT_NE(get(e, "/api/2.1/unity-catalog/catalogs").status, 200);
  auto stats = e.request("GET", "/_emulator/stats").json();
  EXPECT_EQ(stats["requests"], 9);
  EXPECT_EQ(stats["faults"]["503"].get<int>() + stats["faults"]["429"].get<int>(), 9);
  EXPECT_EQ(stats["statements"]["submitted"], 0);
  EXPECT_EQ(stats["statements"]["executed"], 0);
  const auto rows = clxs::testing::sqlRows(dir.path(), "SHOW SCHEMAS IN main");
  EXPECT_EQ(rows.dump().find("faulty"), std::string::npos) << "a refused statement never ran";

  // Faults change at run time; the statement then runs once.
  auto r = e.request("POST", "/_emulator/faults", R"({"error_rate":0})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(e.request("POST", "/_emulator/reset-stats").status, 200);
  const auto ok = execute(e, "CREATE SCHEMA main.faulty");
  EXPECT_EQ(ok["status"]["state"], "SUCCEEDED") << ok.dump();
  stats = e.request("GET", "/_emulator/stats").json();
  EXPECT_EQ(stats["statements"]["executed"], 1);
  ASSERT_EQ(stats["statements"]["by_text_hash"].size(), 1u);
  EXPECT_EQ(stats["statements"]["by_text_hash"].begin().value(), 1);
  r = e.request("POST", "/_emulator/faults", R"({"fail_statement_rate":1})");
  const auto failed = execute(e, "CREATE SCHEMA main.never");
  EXPECT_EQ(failed["status"]["state"], "FAILED");
  EXPECT_EQ(failed["status"]["error"]["error_code"], "TEMPORARILY_UNAVAILABLE");
  EXPECT_EQ(failed["status"]["error"]["message"].get<std::string>().rfind("[EMULATED_FAULT]", 0),
            0u);
  stats = e.request("GET", "/_emulator/stats").json();
  EXPECT_EQ(stats["statements"]["failed_injected"], 1);
  EXPECT_EQ(stats["statements"]["executed"], 1);
}

}  // namespace
