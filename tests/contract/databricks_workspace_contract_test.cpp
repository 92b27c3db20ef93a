// Contract of the Databricks workspace over REST: for each port call, the exact requests
// sent (method, path, query, headers, body) and how recorded answers are read.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "kernel/workspace/databricks/api_client.hpp"
#include "kernel/workspace/databricks/databricks_workspace.hpp"
#include "kernel/workspace/databricks/token_source.hpp"
#include "tests/contract/scripted_transport.hpp"

namespace clxs::kernel::databricks {
namespace {

using clxs::testing::ScriptedTransport;
using clxs::testing::sentHeader;
using Pairs = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kWorkspaceHost = "https://adb-1.azuredatabricks.net";
constexpr const char* kWorkspaceToken = "dapi-contract-0123456789";
constexpr const char* kSid = "01ef0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b";
constexpr const char* kStatements = "/api/2.0/sql/statements";

std::string decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

// One sent request split into what the contract names.
struct Wire {
  std::string method;
  std::string path;  // as sent (still percent-encoded); empty host prefix removed
  Pairs query;       // decoded, sorted
  std::string body;
  std::optional<std::string> authorization;
};

Wire wire(const HttpRequest& r) {
  Wire w;
  w.method = r.method;
  std::string url = r.url;
  if (url.rfind(kWorkspaceHost, 0) == 0) url = url.substr(std::string(kWorkspaceHost).size());
  const auto q = url.find('?');
  w.path = url.substr(0, q);
  if (q != std::string::npos) {
    std::string_view rest = std::string_view(url).substr(q + 1);
    while (!rest.empty()) {
      const auto amp = rest.find('&');
      const auto pair = rest.substr(0, amp);
      const auto eq = pair.find('=');
      w.query.emplace_back(decode(pair.substr(0, eq)),
                           eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1)));
      if (amp == std::string_view::npos) break;
      rest.remove_prefix(amp + 1);
    }
  }
  std::sort(w.query.begin(), w.query.end());
  w.body = r.body;
  w.authorization = sentHeader(r, "Authorization");
  return w;
}

Pairs sorted(Pairs p) {
  std::sort(p.begin(), p.end());
  return p;
}

// Forwards to the script and lets a test act after each answer (set a cancel token, ...).
class HookedTransport final : public HttpTransport {
 public:
  explicit HookedTransport(std::shared_ptr<HttpTransport> inner) : inner_(std::move(inner)) {}
  std::function<void(const HttpRequest&)> after;
  HttpResponse send(const HttpRequest& request, const TransportTimeouts& timeouts) override {
    auto response = inner_->send(request, timeouts);
    if (after) after(request);
    return response;
  }

 private:
  std::shared_ptr<HttpTransport> inner_;
};

// Answers from a function: for calls whose number of requests depends on timing.
class FunctionTransport final : public HttpTransport {
 public:
  explicit FunctionTransport(std::function<HttpResponse(const HttpRequest&)> f)
      : f_(std::move(f)) {}
  HttpResponse send(const HttpRequest& request, const TransportTimeouts&) override {
    std::lock_guard lock(mu_);
    sent_.push_back(request);
    return f_(request);
  }
  std::vector<HttpRequest> sent() {
    std::lock_guard lock(mu_);
    return sent_;
  }

 private:
  std::function<HttpResponse(const HttpRequest&)> f_;
  std::mutex mu_;
  std::vector<HttpRequest> sent_;
};

HttpResponse jsonResponse(const Json& body) {
  HttpResponse r;
  r.status = 200;
  r.reason = "OK";
  r.headers["content-type"] = "application/json";
  r.body = body.dump();
  return r;
}

class DatabricksContract : public ::testing::Test {
 protected:
  std::shared_ptr<ScriptedTransport> script = std::make_shared<ScriptedTransport>();

  static std::unique_ptr<DatabricksWorkspace> workspaceOver(const std::shared_ptr<HttpTransport>& t,
                                                            std::string warehouse = "wh-1") {
    Credentials c;
    c.source = CredentialSource::Headers;
    c.host = kWorkspaceHost;
    c.token = kWorkspaceToken;
    c.authMethod = "pat";
    ApiClientOptions a;
    a.rateLimit = 10'000;
    a.jitter = [] { return 0.0; };
    a.sleep = [](std::chrono::milliseconds) {};
    DatabricksWorkspaceOptions o;
    o.warehouseId = std::move(warehouse);
    o.waitTimeout = std::chrono::seconds(10);
    o.pollInitial = std::chrono::milliseconds(1);
    o.pollMax = std::chrono::milliseconds(2);
    return std::make_unique<DatabricksWorkspace>(
        std::make_shared<ApiClient>(kWorkspaceHost, makeTokenSource(c, t), t, a), o);
  }
  std::unique_ptr<DatabricksWorkspace> workspace() { return workspaceOver(script); }

  std::vector<Wire> sent() const {
    std::vector<Wire> out;
    for (const auto& r : script->sent()) out.push_back(wire(r));
    return out;
  }

  static Json submitBody(const std::string& statement, const Json& parameters,
                         const std::string& disposition = "INLINE") {
    Json b = {{"statement", statement}, {"warehouse_id", "wh-1"}};
    if (!parameters.is_null()) b["parameters"] = parameters;
    b["wait_timeout"] = "10s";
    b["on_wait_timeout"] = "CONTINUE";
    b["disposition"] = disposition;
    b["format"] = "JSON_ARRAY";
    return b;
  }

  static void expectGet(const Wire& w, const std::string& path, const Pairs& query = {}) {
    EXPECT_EQ(w.method, "GET") << path;
    EXPECT_EQ(w.path, path);
    EXPECT_EQ(w.query, sorted(query)) << path;
    EXPECT_EQ(w.body, "") << path;
    EXPECT_EQ(w.authorization, std::string("Bearer ") + kWorkspaceToken) << path;
  }

  static WorkspaceError errorOf(const std::function<void()>& f) {
    try {
      f();
    } catch (const WorkspaceError& e) {
      return e;
    }
    ADD_FAILURE() << "no WorkspaceError";
    return WorkspaceError(WorkspaceErrorClass::Remote, "none");
  }
};

// ---- SQL Statement Execution -------------------------------------------------------------

TEST_F(DatabricksContract, SqlSubmitsPollsAndReadsEveryInlineChunk) {
  script->answerFixture("ws_statement_pending.json");
  script->answerFixture("ws_statement_running.json");
  script->answerFixture("ws_statement_succeeded_chunked.json");
  script->answerFixture("ws_statement_chunk_1.json");
  script->answerFixture("ws_statement_chunk_2.json");
  const std::string sql = "SELECT id, name FROM `main`.`sales`.`orders` WHERE name = :n";
  const auto rs = workspace()->sql().execute(
      sql, {{"n", "it's"}, {"lim", 10}, {"ratio", 0.25}, {"on", false}, {"none", nullptr}}, {});

  const auto w = sent();
  ASSERT_EQ(w.size(), 5u);
  EXPECT_EQ(w[0].method, "POST");
  EXPECT_EQ(w[0].path, kStatements);
  EXPECT_TRUE(w[0].query.empty());
  EXPECT_EQ(w[0].authorization, std::string("Bearer ") + kWorkspaceToken);
  EXPECT_EQ(sentHeader(script->sent()[0], "Content-Type"), "application/json");
  EXPECT_EQ(Json::parse(w[0].body), submitBody(sql, Json::parse(R"j([
      {"name": "n", "value": "it's", "type": "STRING"},
      {"name": "lim", "value": "10", "type": "BIGINT"},
      {"name": "ratio", "value": "0.25", "type": "DOUBLE"},
      {"name": "on", "value": "false", "type": "BOOLEAN"},
      {"name": "none"}])j")));
  const std::string statement = std::string(kStatements) + "/" + kSid;
  expectGet(w[1], statement);
  expectGet(w[2], statement);
  expectGet(w[3], statement + "/result/chunks/1", {{"row_offset", "2"}});
  expectGet(w[4], statement + "/result/chunks/2");

  ASSERT_EQ(rs.columns.size(), 2u);
  EXPECT_EQ(rs.columns[0].name, "id");
  EXPECT_EQ(rs.columns[0].type, "BIGINT");
  EXPECT_EQ(rs.columns[1].type, "STRING");
  ASSERT_EQ(rs.rows.size(), 5u);
  EXPECT_EQ(rs.rows[0][0], 1);
  EXPECT_TRUE(rs.rows[1][1].is_null());
  EXPECT_EQ(rs.rows[3][1], "d d");
  EXPECT_EQ(rs.rows[4][0], 5);
  EXPECT_EQ(rs.rows[4][1], "é `q`");
}

TEST_F(DatabricksContract, SqlConvertsEveryColumnType) {
  script->answerFixture("ws_statement_all_types.json");
  const auto rs = workspace()->sql().execute("SELECT *", {}, {});
  EXPECT_EQ(Json::parse(sent()[0].body), submitBody("SELECT *", nullptr));
  ASSERT_EQ(rs.rows.size(), 1u);
  const auto row = rs.objects()[0];
  EXPECT_EQ(row["b"], -8);
  EXPECT_EQ(row["s"], 300);
  EXPECT_EQ(row["i"], 70000);
  EXPECT_EQ(row["l"], Json(9007199254740993LL));
  EXPECT_EQ(row["f"], 1.25);
  EXPECT_EQ(row["d"], "NaN");
  EXPECT_EQ(row["m"], 12.5);
  EXPECT_EQ(row["t"], true);
  EXPECT_EQ(row["str"], "007");
  EXPECT_EQ(row["dt"], "2024-02-29");
  EXPECT_EQ(row["ts"], "2024-02-29T12:00:00.000Z");
  EXPECT_EQ(row["bin"], "AAEC");
  EXPECT_EQ(row["iv"], "1 02:03:04.000000000");
  EXPECT_EQ(row["arr"], Json::parse("[1,2,null]"));
  EXPECT_EQ(row["mp"], Json::parse(R"j({"k":1})j"));
  EXPECT_EQ(row["st"], Json::parse(R"j({"Name":"x","n":1})j"));
  EXPECT_EQ(row["ch"], "abc");
  EXPECT_TRUE(row["nul"].is_null());
  std::vector<std::string> types;
  for (const auto& c : rs.columns) types.push_back(c.type);
  EXPECT_EQ(types, (std::vector<std::string>{"TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT",
                                             "DOUBLE", "DECIMAL(10,2)", "BOOLEAN", "STRING", "DATE",
                                             "TIMESTAMP", "BINARY", "INTERVAL DAY TO SECOND",
                                             "ARRAY<INT>", "MAP<STRING,INT>",
                                             "STRUCT<Name:STRING,n:INT>", "CHAR(3)", "STRING"}));
}

TEST_F(DatabricksContract, SqlDownloadsExternalLinksWithoutAuthorization) {
  script->answerFixture("ws_statement_external_links.json");
  script->answerFixture("ws_external_chunk_0.json");
  script->answerFixture("ws_statement_external_chunk_1.json");
  script->answerFixture("ws_external_chunk_1.json");
  const auto rs = workspace()->sql().execute("SELECT id, name FROM big", {}, {});
  const auto raw = script->sent();
  ASSERT_EQ(raw.size(), 4u);
  EXPECT_EQ(raw[1].method, "GET");
  EXPECT_EQ(raw[1].url, "https://storage.example.net/results/chunk0?sig=s3cr3t&se=2030");
  EXPECT_FALSE(sentHeader(raw[1], "Authorization").has_value());
  EXPECT_EQ(sentHeader(raw[1], "x-amz-server-side-encryption-customer-key"), "k3y");
  expectGet(wire(raw[2]), std::string(kStatements) + "/01ef-ext/result/chunks/1");
  EXPECT_EQ(raw[3].url, "https://storage.example.net/results/chunk1?sig=other");
  EXPECT_FALSE(sentHeader(raw[3], "Authorization").has_value());
  ASSERT_EQ(rs.rows.size(), 3u);
  EXPECT_EQ(rs.rows[0][0], 1);
  EXPECT_EQ(rs.rows[1][1], "b");
  EXPECT_TRUE(rs.rows[2][1].is_null());
}

TEST_F(DatabricksContract, SqlResubmitsWithExternalLinksWhenTheInlineResultIsTooLarge) {
  script->answerFixture("ws_statement_failed_inline_limit.json");
  script->answerFixture("ws_statement_external_links.json");
  script->answerFixture("ws_external_chunk_0.json");
  script->answerFixture("ws_statement_external_chunk_1.json");
  script->answerFixture("ws_external_chunk_1.json");
  const auto rs = workspace()->sql().execute("SELECT * FROM big", {}, {});
  const auto w = sent();
  ASSERT_EQ(w.size(), 5u);
  EXPECT_EQ(Json::parse(w[0].body), submitBody("SELECT * FROM big", nullptr, "INLINE"));
  EXPECT_EQ(w[1].method, "POST");
  EXPECT_EQ(w[1].path, kStatements);
  EXPECT_EQ(Json::parse(w[1].body), submitBody("SELECT * FROM big", nullptr, "EXTERNAL_LINKS"));
  EXPECT_EQ(rs.rows.size(), 3u);
}

TEST_F(DatabricksContract, SqlFailedStatementKeepsItsErrorClassAndMessage) {
  script->answerFixture("ws_statement_pending.json");
  script->answerFixture("ws_statement_failed.json");
  auto ws = workspace();
  const auto e = errorOf([&] { ws->sql().execute("SELECT * FROM main.sales.missing", {}, {}); });
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(std::string(e.what()),
            "[TABLE_OR_VIEW_NOT_FOUND] The table or view `main`.`sales`.`missing` cannot be "
            "found. SQLSTATE: 42P01; line 1 pos 14");
  EXPECT_EQ(sent().size(), 2u) << "a FAILED statement is not resubmitted";
}

TEST_F(DatabricksContract, SqlCanceledStatementIsCancelled) {
  script->answerFixture("ws_statement_pending.json");
  script->answerFixture("ws_statement_canceled.json");
  auto ws = workspace();
  EXPECT_EQ(errorOf([&] { ws->sql().execute("SELECT 1", {}, {}); }).errorClass(),
            WorkspaceErrorClass::Cancelled);
}

TEST_F(DatabricksContract, SqlCancellationCancelsTheStatementOnTheWarehouse) {
  script->answerFixture("ws_statement_pending.json");
  script->answerFixture("ws_empty_200.json");
  auto hooked = std::make_shared<HookedTransport>(script);
  CancellationToken token;
  hooked->after = [&](const HttpRequest&) { token.cancel(); };
  auto ws = workspaceOver(hooked);
  CallOptions call;
  call.cancel = &token;
  EXPECT_EQ(errorOf([&] { ws->sql().execute("SELECT 1", {}, call); }).errorClass(),
            WorkspaceErrorClass::Cancelled);
  const auto w = sent();
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[1].method, "POST");
  EXPECT_EQ(w[1].path, std::string(kStatements) + "/" + kSid + "/cancel");
  EXPECT_EQ(w[1].body, "");
  EXPECT_EQ(w[1].authorization, std::string("Bearer ") + kWorkspaceToken);
}

TEST_F(DatabricksContract, SqlDeadlineCancelsTheStatementAndTimesOut) {
  auto t = std::make_shared<FunctionTransport>([](const HttpRequest&) {
    return jsonResponse({{"statement_id", "s-1"}, {"status", {{"state", "RUNNING"}}}});
  });
  auto ws = workspaceOver(t);
  CallOptions call;
  call.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
  EXPECT_EQ(errorOf([&] { ws->sql().execute("SELECT 1", {}, call); }).errorClass(),
            WorkspaceErrorClass::Timeout);
  const auto last = wire(t->sent().back());
  EXPECT_EQ(last.method, "POST");
  EXPECT_EQ(last.path, std::string(kStatements) + "/s-1/cancel");
}

TEST_F(DatabricksContract, SqlWithoutAWarehouseUsesTheOnlyOneOrNamesTheChoices) {
  auto ws = workspaceOver(script, "");
  // Several: refused, naming each, and no statement is sent.
  script->answer(200, Json::parse(R"({"warehouses": [{"id": "w1", "name": "Small"},
                                                      {"id": "w2", "name": "Large"}]})"));
  const auto e = errorOf([&] { ws->sql().execute("SELECT 1", {}, {}); });
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::InvalidSql);
  EXPECT_NE(std::string(e.what()).find("w1 (Small), w2 (Large)"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("X-Databricks-Warehouse"), std::string::npos);
  ASSERT_EQ(script->sent().size(), 1U);
  EXPECT_NE(script->sent()[0].url.find("/api/2.0/sql/warehouses"), std::string::npos);
  // None: refused, saying so.
  script->answer(200, Json::parse(R"({"warehouses": []})"));
  EXPECT_NE(
      std::string(errorOf([&] { ws->sql().execute("SELECT 1", {}, {}); }).what()).find("has none"),
      std::string::npos);
  // One: used, and remembered.
  script->answer(200, Json::parse(R"({"warehouses": [{"id": "only", "name": "Solo"}]})"));
  script->answerFixture("ws_statement_all_types.json");
  // The warehouse of the last statement sent.
  const auto usedWarehouse = [&] {
    std::string used;
    for (const auto& r : sent()) {
      if (r.method == "POST" && r.path.find("/sql/statements") != std::string::npos) {
        used = Json::parse(r.body)["warehouse_id"];
      }
    }
    return used;
  };
  ws->sql().execute("SELECT 1", {}, {});
  EXPECT_EQ(usedWarehouse(), "only");
  const auto choice = ws->sql().warehouse({});
  EXPECT_EQ(choice.id, "only");
  EXPECT_TRUE(choice.onlyOne);
  EXPECT_EQ(choice.name, "Solo");
  script->answerFixture("ws_statement_all_types.json");
  CallOptions call;
  call.warehouseId = "call-wh";
  ws->sql().execute("SELECT 1", {}, call);
  EXPECT_EQ(usedWarehouse(), "call-wh") << "a named warehouse wins";
}

// ---- Unity Catalog -----------------------------------------------------------------------

TEST_F(DatabricksContract, CatalogsReadEveryPageIncludingEmptyOnes) {
  script->answerFixture("ws_catalogs_page_1.json");
  script->answerFixture("ws_catalogs_page_2_empty.json");
  script->answerFixture("ws_catalogs_page_3.json");
  const auto catalogs = workspace()->catalog().catalogs({});
  const auto w = sent();
  ASSERT_EQ(w.size(), 3u);
  const std::string path = "/api/2.1/unity-catalog/catalogs";
  expectGet(w[0], path, {{"max_results", "0"}});
  expectGet(w[1], path, {{"max_results", "0"}, {"page_token", "tok-1"}});
  expectGet(w[2], path, {{"max_results", "0"}, {"page_token", "tok-2"}});
  ASSERT_EQ(catalogs.size(), 3u);
  EXPECT_EQ(catalogs[0].name, "main");
  EXPECT_EQ(catalogs[0].owner, "admins");
  EXPECT_EQ(catalogs[0].comment, "default");
  EXPECT_EQ(catalogs[1].name, "my cat `x` \"y\" ü");
  EXPECT_EQ(catalogs[1].comment, "");
  EXPECT_EQ(catalogs[2].name, "system");
}

TEST_F(DatabricksContract, SchemasSendTheCatalogNameEncoded) {
  script->answerFixture("ws_schemas.json");
  const std::string catalog = "my cat `x` \"y\" ü";
  const auto schemas = workspace()->catalog().schemas(catalog, {});
  expectGet(sent()[0], "/api/2.1/unity-catalog/schemas",
            {{"catalog_name", catalog}, {"max_results", "0"}});
  const std::string url = script->sent()[0].url;
  EXPECT_EQ(url.find(' '), std::string::npos);
  EXPECT_EQ(url.find('`'), std::string::npos);
  ASSERT_EQ(schemas.size(), 2u);
  EXPECT_EQ(schemas[0].catalog, catalog);
  EXPECT_EQ(schemas[0].owner, "alice@example.com");
  EXPECT_EQ(schemas[1].name, "s; drop");
  EXPECT_EQ(schemas[1].comment, "odd");
}

TEST_F(DatabricksContract, TablesMapEveryField) {
  script->answerFixture("ws_tables.json");
  const auto tables = workspace()->catalog().tables("main", "sales", {});
  expectGet(sent()[0], "/api/2.1/unity-catalog/tables",
            {{"catalog_name", "main"}, {"schema_name", "sales"}, {"max_results", "0"}});
  ASSERT_EQ(tables.size(), 2u);
  const auto& t = tables[0];
  EXPECT_EQ(t.catalog, "main");
  EXPECT_EQ(t.schema, "sales");
  EXPECT_EQ(t.name, "orders");
  EXPECT_EQ(t.tableType, "MANAGED");
  EXPECT_EQ(t.format, "DELTA");
  EXPECT_EQ(t.owner, "alice@example.com");
  EXPECT_EQ(t.comment, "all orders");
  EXPECT_EQ(t.location, "s3://bucket/uc/tables/1234");
  EXPECT_FALSE(t.sizeBytes.has_value());
  EXPECT_EQ(t.properties, Json::parse(R"j({"delta.minReaderVersion": "3",
                                          "delta.enableChangeDataFeed": "true"})j"));
  ASSERT_EQ(t.columns.size(), 3u);
  EXPECT_EQ(t.columns[0].name, "id");
  EXPECT_EQ(t.columns[0].type, "BIGINT");
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_EQ(t.columns[1].name, "amount");
  EXPECT_EQ(t.columns[1].type, "DECIMAL(10,2)");
  EXPECT_EQ(t.columns[1].comment, "EUR");
  EXPECT_EQ(t.columns[2].type, "MAP<STRING,STRING>");
  const auto& v = tables[1];
  EXPECT_EQ(v.name, "v orders");
  EXPECT_EQ(v.tableType, "VIEW");
  EXPECT_EQ(v.format, "");
  EXPECT_EQ(v.viewText, "SELECT id FROM main.sales.orders");
}

TEST_F(DatabricksContract, AMissingSchemaIsNotFound) {
  script->answerFixture("ws_tables_404.json");
  auto ws = workspace();
  const auto e = errorOf([&] { ws->catalog().tables("main", "nope", {}); });
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::NotFound);
  EXPECT_NE(std::string(e.what()).find("Schema 'main.nope' does not exist."), std::string::npos);
}

TEST_F(DatabricksContract, TableGetsOneTableByItsUnquotedEncodedName) {
  script->answerFixture("ws_table_get.json");
  script->answerFixture("ws_table_404.json");
  auto ws = workspace();
  const auto t = ws->catalog().table(ObjectName::parse("`main`.`sales`.`v orders`"), {});
  expectGet(sent()[0], "/api/2.1/unity-catalog/tables/main.sales.v%20orders");
  EXPECT_EQ(t.name, "v orders");
  EXPECT_EQ(t.tableType, "VIEW");
  EXPECT_EQ(t.viewText, "SELECT id FROM main.sales.orders");
  ASSERT_EQ(t.columns.size(), 1u);
  EXPECT_EQ(t.columns[0].type, "BIGINT");
  const auto e = errorOf([&] { ws->catalog().table({"main", "sales", "gone"}, {}); });
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::NotFound);
  EXPECT_NE(std::string(e.what()).find("Table 'main.sales.gone' does not exist."),
            std::string::npos);
  EXPECT_EQ(script->sent().size(), 2u);
}

TEST_F(DatabricksContract, TableSummariesReadEveryPage) {
  script->answerFixture("ws_table_summaries_1.json");
  script->answerFixture("ws_table_summaries_2.json");
  const auto summaries = workspace()->catalog().tableSummaries("main", {});
  const auto w = sent();
  ASSERT_EQ(w.size(), 2u);
  const std::string path = "/api/2.1/unity-catalog/table-summaries";
  expectGet(w[0], path, {{"catalog_name", "main"}, {"max_results", "0"}});
  expectGet(w[1], path, {{"catalog_name", "main"}, {"max_results", "0"}, {"page_token", "ts-2"}});
  ASSERT_EQ(summaries.size(), 3u);
  EXPECT_EQ(summaries[0].schema, "information_schema");
  EXPECT_EQ(summaries[0].tableType, "VIEW");
  EXPECT_EQ(summaries[1].catalog, "main");
  EXPECT_EQ(summaries[1].schema, "sales");
  EXPECT_EQ(summaries[1].name, "orders");
  EXPECT_EQ(summaries[1].tableType, "MANAGED");
  EXPECT_EQ(summaries[2].name, "refunds");
  EXPECT_EQ(summaries[2].tableType, "EXTERNAL");
}

TEST_F(DatabricksContract, GrantsComeFromThePermissionsApiInSqlSpelling) {
  script->answerFixture("ws_permissions.json");
  auto ws = workspace();
  const auto grants = ws->catalog().grants("view", "`main`.`sales`.`v orders`", {});
  // No max_results: the API answers every assignment without it (1..149 is an error).
  expectGet(sent()[0], "/api/2.1/unity-catalog/permissions/table/main.sales.v%20orders");
  ASSERT_EQ(grants.size(), 3u);
  EXPECT_EQ(grants[0].principal, "alice@example.com");
  EXPECT_EQ(grants[0].privilege, "ALL PRIVILEGES");
  EXPECT_EQ(grants[1].principal, "analysts");
  EXPECT_EQ(grants[1].privilege, "SELECT");
  EXPECT_EQ(grants[2].privilege, "USE SCHEMA");
  EXPECT_EQ(grants[2].objectType, "VIEW");
  EXPECT_EQ(grants[2].objectName, "main.sales.v orders");
  // Unknown types and misshapen names are refused as the SQL default refuses them.
  for (const auto& [type, name] : {std::pair{"METASTORE", "main"}, {"SCHEMA", "main"}}) {
    try {
      ws->catalog().grants(type, name, {});
      ADD_FAILURE() << type;
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 422) << e.what();
    }
  }
  EXPECT_EQ(script->sent().size(), 1u);
}

TEST_F(DatabricksContract, EffectiveGrantsNameWhereEachPrivilegeIsInheritedFrom) {
  script->answerFixture("ws_effective_permissions.json");
  const auto grants =
      workspace()->catalog().effectiveGrants("TABLE", "main.sales.orders", "analysts", {});
  expectGet(sent()[0], "/api/2.1/unity-catalog/effective-permissions/table/main.sales.orders",
            {{"principal", "analysts"}});
  ASSERT_EQ(grants.size(), 3u);
  // Outermost securable first.
  EXPECT_EQ(grants[0].privilege, "USE CATALOG");
  EXPECT_EQ(grants[0].objectType, "CATALOG");
  EXPECT_EQ(grants[0].objectName, "main");
  EXPECT_EQ(grants[1].privilege, "USE SCHEMA");
  EXPECT_EQ(grants[1].objectType, "SCHEMA");
  EXPECT_EQ(grants[1].objectName, "main.sales");
  EXPECT_EQ(grants[2].privilege, "SELECT");
  EXPECT_EQ(grants[2].objectType, "TABLE");
  EXPECT_EQ(grants[2].objectName, "main.sales.orders");
}

TEST_F(DatabricksContract, FunctionsAndVolumes) {
  script->answerFixture("ws_functions.json");
  script->answerFixture("ws_volumes.json");
  auto ws = workspace();
  const auto functions = ws->catalog().functions("main", "sales", {});
  const auto volumes = ws->catalog().volumes("main", "sales", {});
  const auto w = sent();
  const Pairs query = {{"catalog_name", "main"}, {"schema_name", "sales"}, {"max_results", "0"}};
  expectGet(w[0], "/api/2.1/unity-catalog/functions", query);
  expectGet(w[1], "/api/2.1/unity-catalog/volumes", query);
  ASSERT_EQ(functions.size(), 1u);
  EXPECT_EQ(functions[0].name, "to_eur");
  EXPECT_EQ(functions[0].catalog, "main");
  EXPECT_EQ(functions[0].returnType, "decimal(10,2)");
  EXPECT_EQ(functions[0].body, "amount * rate");
  EXPECT_EQ(functions[0].owner, "alice@example.com");
  EXPECT_EQ(functions[0].comment, "convert");
  EXPECT_EQ(functions[0].parameters, Json::parse(R"j([{"name": "amount", "type": "DECIMAL(10,2)"
},
                                                      {"name": "rate", "type": "DOUBLE"}])j"));
  ASSERT_EQ(volumes.size(), 1u);
  EXPECT_EQ(volumes[0].name, "raw files");
  EXPECT_EQ(volumes[0].volumeType, "EXTERNAL");
  EXPECT_EQ(volumes[0].storageLocation, "s3://bucket/raw");
  EXPECT_EQ(volumes[0].owner, "alice@example.com");
  EXPECT_EQ(volumes[0].comment, "landing");
}

// ---- SCIM, warehouses, other services ----------------------------------------------------

TEST_F(DatabricksContract, CurrentUserComesFromScimMe) {
  script->answerFixture("ws_scim_me.json");
  EXPECT_EQ(workspace()->identity().currentUser({}), "alice@example.com");
  expectGet(sent()[0], "/api/2.0/preview/scim/v2/Me");
}

TEST_F(DatabricksContract, WarehousesListEveryPage) {
  script->answerFixture("ws_warehouses_page_1.json");
  script->answerFixture("ws_warehouses_page_2.json");
  const auto list = workspace()->get<clxs::WarehouseService>().list({});
  const auto w = sent();
  ASSERT_EQ(w.size(), 2u);
  expectGet(w[0], "/api/2.0/sql/warehouses");
  expectGet(w[1], "/api/2.0/sql/warehouses", {{"page_token", "wh-2"}});
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].id, "abc123");
  EXPECT_EQ(list[0].name, "Shared");
  EXPECT_EQ(list[0].size, "Small");
  EXPECT_EQ(list[0].state, "RUNNING");
  EXPECT_EQ(list[0].type, "SERVERLESS");
  EXPECT_EQ(list[1].type, "CLASSIC");
  EXPECT_EQ(list[2].type, "PRO");
}

TEST_F(DatabricksContract, StartAndStopWarehouse) {
  script->answerFixture("ws_empty_200.json");
  script->answerFixture("ws_warehouse_starting.json");
  script->answerFixture("ws_empty_200.json");
  script->answerFixture("ws_warehouse_stopping.json");
  script->answerFixture("ws_warehouse_404.json");
  auto ws = workspace();
  const auto started = ws->get<clxs::WarehouseService>().start("def456", {});
  const auto stopped = ws->get<clxs::WarehouseService>().stop("abc123", {});
  const auto e = errorOf([&] { ws->get<clxs::WarehouseService>().start("nope", {}); });
  const auto w = sent();
  ASSERT_EQ(w.size(), 5u);
  EXPECT_EQ(w[0].method, "POST");
  EXPECT_EQ(w[0].path, "/api/2.0/sql/warehouses/def456/start");
  EXPECT_EQ(w[0].body, "");
  expectGet(w[1], "/api/2.0/sql/warehouses/def456");
  EXPECT_EQ(w[2].method, "POST");
  EXPECT_EQ(w[2].path, "/api/2.0/sql/warehouses/abc123/stop");
  expectGet(w[3], "/api/2.0/sql/warehouses/abc123");
  EXPECT_EQ(started.state, "STARTING");
  EXPECT_EQ(started.size, "X-Large");
  EXPECT_EQ(stopped.state, "STOPPING");
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::NotFound);
}

TEST_F(DatabricksContract, SecurablesListEveryPage) {
  script->answerFixture("ws_external_locations.json");
  script->answerFixture("ws_external_locations_2.json");
  script->answerFixture("ws_registered_models.json");
  auto ws = workspace();
  const auto locations =
      ws->get<clxs::MetastoreService>().securables(SecurableKind::ExternalLocations, {});
  const auto models =
      ws->get<clxs::MetastoreService>().securables(SecurableKind::RegisteredModels, {});
  const auto w = sent();
  ASSERT_EQ(w.size(), 3u);
  expectGet(w[0], "/api/2.1/unity-catalog/external-locations", {{"max_results", "0"}});
  expectGet(w[1], "/api/2.1/unity-catalog/external-locations",
            {{"max_results", "0"}, {"page_token", "el-2"}});
  expectGet(w[2], "/api/2.1/unity-catalog/models", {{"max_results", "0"}});
  ASSERT_EQ(locations.size(), 1u);
  EXPECT_EQ(locations[0]["url"], "s3://bucket/landing");
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0]["full_name"], "main.ml.churn");
}

TEST_F(DatabricksContract, MetastoreServingEndpointsAndGenieSpaces) {
  script->answerFixture("ws_metastore_summary.json");
  script->answerFixture("ws_serving_endpoints.json");
  script->answerFixture("ws_genie_spaces_1.json");
  script->answerFixture("ws_genie_spaces_2.json");
  auto ws = workspace();
  const auto summary = ws->get<clxs::MetastoreService>().summary({});
  const auto endpoints = ws->get<clxs::ServingService>().endpoints({});
  const auto spaces = ws->get<clxs::GenieService>().spaces({});
  const auto w = sent();
  ASSERT_EQ(w.size(), 4u);
  expectGet(w[0], "/api/2.1/unity-catalog/metastore_summary");
  expectGet(w[1], "/api/2.0/serving-endpoints");
  expectGet(w[2], "/api/2.0/genie/spaces");
  expectGet(w[3], "/api/2.0/genie/spaces", {{"page_token", "g-2"}});
  EXPECT_EQ(summary["global_metastore_id"], "aws:us-west-2:11111111-2222-3333-4444-555555555555");
  ASSERT_EQ(endpoints.size(), 1u);
  EXPECT_EQ(endpoints[0]["state"]["ready"], "READY");
  ASSERT_EQ(spaces.size(), 1u);
  EXPECT_EQ(spaces[0]["title"], "Sales");
}

// ---- Files API ---------------------------------------------------------------------------

TEST_F(DatabricksContract, ListDirectoryEncodesThePathAndReadsEveryPage) {
  script->answerFixture("ws_fs_directory_1.json");
  script->answerFixture("ws_fs_directory_2.json");
  const auto entries = workspace()->files().listDirectory("/Volumes/main/sales/raw files", {});
  const auto w = sent();
  ASSERT_EQ(w.size(), 2u);
  const std::string path = "/api/2.0/fs/directories/Volumes/main/sales/raw%20files";
  expectGet(w[0], path);
  expectGet(w[1], path, {{"page_token", "fs-2"}});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].path, "/Volumes/main/sales/raw files/a.csv");
  EXPECT_FALSE(entries[0].isDirectory);
  EXPECT_EQ(entries[0].size, 42);
  EXPECT_TRUE(entries[1].isDirectory);
  EXPECT_EQ(entries[1].size, 0);
}

TEST_F(DatabricksContract, ReadFileReturnsTheRawBody) {
  script->answerFixture("ws_fs_file.json");
  script->answerFixture("ws_fs_404.json");
  auto ws = workspace();
  EXPECT_EQ(ws->files().readFile("/Volumes/main/sales/raw files/a b.csv", {}),
            "id,amount\n1,12.50\n");
  expectGet(sent()[0], "/api/2.0/fs/files/Volumes/main/sales/raw%20files/a%20b.csv");
  EXPECT_EQ(
      errorOf([&] { ws->files().readFile("/Volumes/main/sales/raw files/none", {}); }).errorClass(),
      WorkspaceErrorClass::NotFound);
}

TEST_F(DatabricksContract, WriteFileCreatesTheParentThenPutsTheBytes) {
  script->answerFixture("ws_empty_200.json");
  script->answerFixture("ws_empty_200.json");
  script->answerFixture("ws_empty_200.json");
  script->answerFixture("ws_fs_409.json");
  auto ws = workspace();
  const std::string bytes("a\0b\xff", 4);
  ws->files().writeFile("/Volumes/main/sales/raw files/in/x #1.bin", bytes, true, {});
  const auto e =
      errorOf([&] { ws->files().writeFile("/Volumes/main/sales/raw files/y", "z", false, {}); });
  const auto w = sent();
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].method, "PUT");
  EXPECT_EQ(w[0].path, "/api/2.0/fs/directories/Volumes/main/sales/raw%20files/in");
  EXPECT_EQ(w[0].body, "");
  EXPECT_EQ(w[1].method, "PUT");
  EXPECT_EQ(w[1].path, "/api/2.0/fs/files/Volumes/main/sales/raw%20files/in/x%20%231.bin");
  EXPECT_EQ(w[1].query, (Pairs{{"overwrite", "true"}}));
  EXPECT_EQ(w[1].body, bytes);
  EXPECT_EQ(sentHeader(script->sent()[1], "Content-Type"), "application/octet-stream");
  EXPECT_EQ(w[1].authorization, std::string("Bearer ") + kWorkspaceToken);
  EXPECT_EQ(w[2].path, "/api/2.0/fs/directories/Volumes/main/sales/raw%20files");
  EXPECT_EQ(w[3].query, (Pairs{{"overwrite", "false"}}));
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Conflict);
}

}  // namespace
}  // namespace clxs::kernel::databricks
