// Contract of the Databricks API client: the exact requests it sends (method, URL, query,
// headers, body), how it reads every shape of error answer, and when it retries.
#include <gtest/gtest.h>

#include <functional>

#include "clxs/version.hpp"
#include "kernel/workspace/databricks/api_client.hpp"
#include "kernel/workspace/databricks/token_source.hpp"
#include "tests/contract/scripted_transport.hpp"

namespace clxs::kernel::databricks {
namespace {

using clxs::testing::ScriptedTransport;
using clxs::testing::sentHeader;
using std::chrono::milliseconds;

constexpr const char* kHost = "https://adb-1.azuredatabricks.net";
constexpr const char* kToken = "dapi-contract-a1-0123456789abcdef";
constexpr const char* kTables = "/api/2.1/unity-catalog/tables";

std::string userAgent(const std::string& auth) {
  return std::string("clxs/") + CLXS_SDK_VERSION + " auth/" + auth;
}

class ApiClientContract : public ::testing::Test {
 protected:
  void SetUp() override { client_ = makeClient({}); }

  std::unique_ptr<ApiClient> makeClient(ApiClientOptions options) {
    Credentials c;
    c.host = "adb-1.azuredatabricks.net/";
    c.token = kToken;
    options.jitter = [] { return 0.5; };
    options.sleep = [this](milliseconds d) {
      slept_.push_back(d);
      if (onSleep_) onSleep_();
    };
    return std::make_unique<ApiClient>(c.host, makeTokenSource(c, transport_), transport_,
                                       std::move(options));
  }

  CallOptions options() {
    CallOptions o;
    o.onRetry = [this](const std::string& m) { retryMessages_.push_back(m); };
    return o;
  }

  static ApiRequest getTable() {
    ApiRequest r;
    r.path = std::string(kTables) + "/main.sales.t1";
    r.label = "get table";
    return r;
  }

  static ApiRequest submitStatement() {
    ApiRequest r;
    r.method = "POST";
    r.path = "/api/2.0/sql/statements";
    r.json = Json{{"statement", "SELECT 1"}, {"warehouse_id", "wh1"}, {"wait_timeout", "10s"}};
    r.idempotency = Idempotency::NonIdempotent;
    r.label = "submit statement";
    return r;
  }

  // Calls and returns the WorkspaceError it must throw.
  WorkspaceError failure(const ApiRequest& r, const CallOptions& o) {
    try {
      client_->call(r, o);
    } catch (const WorkspaceError& e) {
      return e;
    }
    ADD_FAILURE() << "expected a WorkspaceError";
    return WorkspaceError(WorkspaceErrorClass::Remote, "none");
  }

  std::shared_ptr<ScriptedTransport> transport_ = std::make_shared<ScriptedTransport>();
  std::unique_ptr<ApiClient> client_;
  std::vector<milliseconds> slept_;
  std::vector<std::string> retryMessages_;
  std::function<void()> onSleep_;
};

TEST_F(ApiClientContract, NormalisesTheHost) {
  EXPECT_EQ(client_->host(), kHost);
  Credentials c;
  c.host = "http://127.0.0.1:8080";
  c.token = kToken;
  EXPECT_EQ(ApiClient(c.host, makeTokenSource(c, transport_), transport_).host(),
            "http://127.0.0.1:8080");
  try {
    ApiClient("http://adb-1.azuredatabricks.net", makeTokenSource(c, transport_), transport_);
    FAIL() << "plain http to a remote host must be refused";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Unauthenticated);
    EXPECT_NE(std::string(e.what()).find("https://"), std::string::npos);
  }
}

TEST_F(ApiClientContract, GetSendsEncodedQueryAndTheStandardHeaders) {
  transport_->answerFixture("api_tables_page_3.json");
  ApiRequest r;
  r.path = kTables;
  r.query = {{"catalog_name", "my cat"},
             {"schema_name", "s&x=`y`"},
             {"max_results", "0"},
             {"include_browse", "true"}};
  r.label = "list tables";
  const Json body = client_->call(r, options());
  EXPECT_EQ(body["tables"].size(), 2U);

  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].method, "GET");
  EXPECT_EQ(sent[0].url, std::string(kHost) + kTables +
                             "?catalog_name=my%20cat&schema_name=s%26x%3D%60y%60"
                             "&max_results=0&include_browse=true");
  EXPECT_EQ(sentHeader(sent[0], "Authorization"), std::string("Bearer ") + kToken);
  EXPECT_EQ(sentHeader(sent[0], "Accept"), "application/json");
  EXPECT_EQ(sentHeader(sent[0], "User-Agent"), userAgent("pat"));
  EXPECT_FALSE(sentHeader(sent[0], "Content-Type"));
  EXPECT_EQ(sent[0].body, "");
  EXPECT_EQ(sent[0].headers.size(), 3U);
}

TEST_F(ApiClientContract, PostSendsTheJsonBody) {
  transport_->answer(200, Json{{"statement_id", "s1"}, {"status", {{"state", "PENDING"}}}});
  const Json body = client_->call(submitStatement(), options());
  EXPECT_EQ(body["statement_id"], "s1");
  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_EQ(sent[0].url, std::string(kHost) + "/api/2.0/sql/statements");
  EXPECT_EQ(sentHeader(sent[0], "Content-Type"), "application/json");
  EXPECT_EQ(sent[0].body, R"({"statement":"SELECT 1","warehouse_id":"wh1","wait_timeout":"10s"})");
}

TEST_F(ApiClientContract, PutSendsARawBody) {
  transport_->answerFixture("api_empty_200.json");
  ApiRequest r;
  r.method = "PUT";
  r.path = "/api/2.0/fs/files/Volumes/main/sales/vol/a%20b.csv";
  r.query = {{"overwrite", "true"}};
  r.rawBody = std::string("a,b\n1,2\n");
  r.label = "write file";
  EXPECT_EQ(client_->call(r, options()), Json::object());
  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].method, "PUT");
  EXPECT_EQ(sent[0].url, std::string(kHost) +
                             "/api/2.0/fs/files/Volumes/main/sales/vol/a%20b.csv?overwrite=true");
  EXPECT_EQ(sentHeader(sent[0], "Content-Type"), "application/octet-stream");
  EXPECT_EQ(sent[0].body, "a,b\n1,2\n");
}

TEST_F(ApiClientContract, ListFollowsPageTokensThroughEmptyPages) {
  transport_->answerFixture("api_tables_page_1.json");
  transport_->answerFixture("api_tables_page_2_empty.json");
  transport_->answerFixture("api_tables_page_3.json");
  ApiRequest r;
  r.path = kTables;
  r.query = {{"catalog_name", "main"},
             {"schema_name", "sales"},
             {"max_results", "0"},
             {"page_token", "stale"}};
  r.label = "list tables";
  const Json tables = client_->list(r, "tables", options());
  ASSERT_TRUE(tables.is_array());
  ASSERT_EQ(tables.size(), 3U);
  EXPECT_EQ(tables[0]["name"], "t1");
  EXPECT_EQ(tables[1]["name"], "t2");
  EXPECT_EQ(tables[2]["name"], "v1");
  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 3U);
  const std::string base =
      std::string(kHost) + kTables + "?catalog_name=main&schema_name=sales&max_results=0";
  EXPECT_EQ(sent[0].url, base);
  EXPECT_EQ(sent[1].url, base + "&page_token=CAEaBnNhbGVzMg%3D%3D");
  EXPECT_EQ(sent[2].url, base + "&page_token=CAIaBnNhbGVzMw%3D%3D");
  EXPECT_EQ(transport_->remaining(), 0U);
}

TEST_F(ApiClientContract, ListStopsOnARepeatedPageToken) {
  transport_->answer(200, Json{{"tables", Json::array()}, {"next_page_token", "same"}});
  transport_->answer(200, Json{{"tables", Json::array()}, {"next_page_token", "same"}});
  ApiRequest r;
  r.path = kTables;
  r.label = "list tables";
  try {
    client_->list(r, "tables", options());
    FAIL();
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Remote);
    EXPECT_NE(std::string(e.what()).find("list tables"), std::string::npos);
  }
}

TEST_F(ApiClientContract, RetriesA429AfterItsRetryAfter) {
  transport_->answerFixture("api_error_429_retry_after.json");
  transport_->answerFixture("api_tables_page_3.json");
  ApiRequest r;
  r.path = kTables;
  r.label = "list tables";
  EXPECT_EQ(client_->call(r, options())["tables"].size(), 2U);
  EXPECT_EQ(transport_->sent().size(), 2U);
  ASSERT_EQ(slept_.size(), 1U);
  EXPECT_EQ(slept_[0], milliseconds(3000));
  ASSERT_EQ(retryMessages_.size(), 1U);
  EXPECT_EQ(retryMessages_[0], "retry 1 of list tables after HTTP 429 (waiting 3.0 s)");
  EXPECT_EQ(client_->retries(), 1);
}

TEST_F(ApiClientContract, RetriesA503WithBackoffThenSucceeds) {
  transport_->answerFixture("api_error_503.json");
  transport_->answerFixture("api_error_503.json");
  transport_->answer(200, Json{{"name", "t1"}});
  EXPECT_EQ(client_->call(getTable(), options())["name"], "t1");
  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 3U);
  EXPECT_EQ(sent[0].url, sent[2].url);
  // min(attempt, 10) s plus the pinned jitter of 400 ms.
  EXPECT_EQ(slept_, (std::vector<milliseconds>{milliseconds(1400), milliseconds(2400)}));
  EXPECT_EQ(retryMessages_,
            (std::vector<std::string>{"retry 1 of get table after HTTP 503 (waiting 1.4 s)",
                                      "retry 2 of get table after HTTP 503 (waiting 2.4 s)"}));
  EXPECT_EQ(client_->retries(), 2);
}

TEST_F(ApiClientContract, APlain500IsNotRetried) {
  transport_->answerFixture("api_error_500_internal.json");
  const WorkspaceError e = failure(getTable(), options());
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Remote);
  EXPECT_STREQ(e.what(), "get table: Internal error happened while processing the request.");
  EXPECT_EQ(transport_->sent().size(), 1U);
  EXPECT_TRUE(slept_.empty());
  EXPECT_TRUE(retryMessages_.empty());
}

TEST_F(ApiClientContract, ReadsTheStandardErrorBody) {
  transport_->answerFixture("api_error_404_table.json");
  const WorkspaceError e = failure(getTable(), options());
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(e.status(), 404);
  EXPECT_STREQ(e.what(), "get table: Table 'main.sales.nope' does not exist.");
}

TEST_F(ApiClientContract, ReadsAnHtmlErrorPage) {
  transport_->answerFixture("api_error_html_502.json");
  const WorkspaceError e = failure(getTable(), options());
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Remote);
  EXPECT_STREQ(e.what(), "get table: upstream connect error or disconnect/reset before headers");
  EXPECT_EQ(transport_->sent().size(), 1U);
}

TEST_F(ApiClientContract, ReadsAScimError) {
  transport_->answerFixture("api_error_scim_404.json");
  ApiRequest r;
  r.path = "/api/2.0/preview/scim/v2/Me";
  r.label = "get current user";
  const WorkspaceError e = failure(r, options());
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::NotFound);
  EXPECT_STREQ(e.what(), "get current user: invalidValue User 7425112345678901 not found.");
}

TEST_F(ApiClientContract, ReadsAPlainTextError) {
  transport_->answerFixture("api_error_plain_text_400.json");
  const WorkspaceError e = failure(getTable(), options());
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::InvalidSql);
  EXPECT_STREQ(e.what(), "get table: max_results must be between 0 and 50.");
}

TEST_F(ApiClientContract, ReadsAnEmptyErrorBody) {
  transport_->answerFixture("api_error_empty_504.json");
  const WorkspaceError e = failure(getTable(), options());
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Timeout);
  EXPECT_STREQ(e.what(), "get table: Gateway Timeout");
  EXPECT_EQ(transport_->sent().size(), 1U);
}

TEST_F(ApiClientContract, APatRejectedWith401IsUnauthenticatedAtOnce) {
  transport_->answerFixture("api_error_401_expired_token.json");
  const WorkspaceError e = failure(getTable(), options());
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Unauthenticated);
  EXPECT_STREQ(e.what(), "get table: Token is expired.");
  EXPECT_EQ(transport_->sent().size(), 1U);
}

TEST_F(ApiClientContract, NonIdempotentPostIsNotRetriedAfterAReset) {
  transport_->fail(TransportFailure::Reset);
  const WorkspaceError e = failure(submitStatement(), options());
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Remote);
  EXPECT_NE(std::string(e.what()).find("submit statement: "), std::string::npos);
  EXPECT_EQ(transport_->sent().size(), 1U);
  EXPECT_TRUE(retryMessages_.empty());
}

TEST_F(ApiClientContract, NonIdempotentPostIsNotRetriedAfterATimeout) {
  transport_->fail(TransportFailure::Timeout);
  const WorkspaceError e = failure(submitStatement(), options());
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Timeout);
  EXPECT_EQ(transport_->sent().size(), 1U);
}

TEST_F(ApiClientContract, NonIdempotentPostIsRetriedWhenItNeverLeft) {
  transport_->fail(TransportFailure::ConnectFailed);
  transport_->answerFixture("api_error_503.json");
  transport_->answer(200, Json{{"statement_id", "s1"}});
  EXPECT_EQ(client_->call(submitStatement(), options())["statement_id"], "s1");
  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 3U);
  for (const auto& s : sent) {
    EXPECT_EQ(s.method, "POST");
    EXPECT_EQ(s.body, sent[0].body);
  }
  EXPECT_EQ(retryMessages_,
            (std::vector<std::string>{
                "retry 1 of submit statement after connection failure (waiting 1.4 s)",
                "retry 2 of submit statement after HTTP 503 (waiting 2.4 s)"}));
}

TEST_F(ApiClientContract, NonIdempotentPostIsNotRetriedOnATransientMessage) {
  transport_->answerFixture("api_error_400_cluster_not_ready.json");
  EXPECT_EQ(failure(submitStatement(), options()).errorClass(), WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(transport_->sent().size(), 1U);
}

TEST_F(ApiClientContract, IdempotentGetIsRetriedOnResetTimeoutAndTransientMessages) {
  transport_->fail(TransportFailure::Reset);
  transport_->fail(TransportFailure::Timeout);
  transport_->answerFixture("api_error_400_cluster_not_ready.json");
  transport_->answer(200, Json{{"name", "t1"}});
  EXPECT_EQ(client_->call(getTable(), options())["name"], "t1");
  EXPECT_EQ(transport_->sent().size(), 4U);
  EXPECT_EQ(retryMessages_,
            (std::vector<std::string>{
                "retry 1 of get table after connection reset (waiting 1.4 s)",
                "retry 2 of get table after timeout (waiting 2.4 s)",
                "retry 3 of get table after HTTP 400 (transient) (waiting 3.4 s)"}));
}

TEST_F(ApiClientContract, TlsFailuresAreNotRetried) {
  transport_->fail(TransportFailure::Tls);
  EXPECT_EQ(failure(getTable(), options()).errorClass(), WorkspaceErrorClass::Remote);
  EXPECT_EQ(transport_->sent().size(), 1U);
}

TEST_F(ApiClientContract, GivesUpWhenTheRetryBudgetIsSpent) {
  ApiClientOptions o;
  o.retryBudget = std::chrono::seconds(5);
  client_ = makeClient(o);
  for (int i = 0; i < 5; ++i) transport_->answerFixture("api_error_503.json");
  const WorkspaceError e = failure(getTable(), options());
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Remote);
  const std::string m = e.what();
  EXPECT_NE(m.find("get table: The service at /api/2.1/unity-catalog/tables is temporarily "
                   "unavailable."),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("gave up after 3 attempts within 5 s"), std::string::npos) << m;
  // Waits of 1.4 s and 2.4 s end within 5 s; the third (3.4 s from 3.8 s) would not.
  EXPECT_EQ(transport_->sent().size(), 3U);
  EXPECT_EQ(retryMessages_.size(), 2U);
  EXPECT_EQ(transport_->remaining(), 2U);
}

TEST_F(ApiClientContract, TheCallDeadlineEndsRetriesWithTimeout) {
  transport_->answerFixture("api_error_429_retry_after.json");
  CallOptions o = options();
  o.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  const WorkspaceError e = failure(getTable(), o);
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Timeout);
  EXPECT_NE(std::string(e.what()).find("deadline"), std::string::npos);
  EXPECT_EQ(transport_->sent().size(), 1U);
  EXPECT_TRUE(slept_.empty());
}

TEST_F(ApiClientContract, APassedDeadlineSendsNothing) {
  CallOptions o = options();
  o.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  EXPECT_EQ(failure(getTable(), o).errorClass(), WorkspaceErrorClass::Timeout);
  EXPECT_TRUE(transport_->sent().empty());
}

TEST_F(ApiClientContract, CancellationBeforeTheCallSendsNothing) {
  CancellationToken cancel;
  cancel.cancel();
  CallOptions o = options();
  o.cancel = &cancel;
  EXPECT_EQ(failure(getTable(), o).errorClass(), WorkspaceErrorClass::Cancelled);
  EXPECT_TRUE(transport_->sent().empty());
}

TEST_F(ApiClientContract, CancellationDuringARetryWaitStopsTheCall) {
  transport_->answerFixture("api_error_503.json");
  transport_->answer(200, Json{{"name", "t1"}});
  CancellationToken cancel;
  CallOptions o = options();
  o.cancel = &cancel;
  onSleep_ = [&] { cancel.cancel(); };
  const WorkspaceError e = failure(getTable(), o);
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Cancelled);
  EXPECT_STREQ(e.what(), "get table: cancelled");
  EXPECT_EQ(transport_->sent().size(), 1U);
  EXPECT_EQ(transport_->remaining(), 1U);
}

TEST_F(ApiClientContract, NoMessageCarriesTheToken) {
  // A workspace that echoes the credential back must not get it into a message.
  transport_->answer(503, Json{{"error_code", "TEMPORARILY_UNAVAILABLE"},
                               {"message", std::string("bad header Bearer ") + kToken}});
  transport_->answer(403, Json{{"error_code", "PERMISSION_DENIED"},
                               {"message", std::string("token ") + kToken + " lacks access"}});
  const WorkspaceError e = failure(getTable(), options());
  EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::PermissionDenied);
  EXPECT_STREQ(e.what(), "get table: token **** lacks access");
  ASSERT_EQ(retryMessages_.size(), 1U);
  for (const auto& m : retryMessages_) EXPECT_EQ(m.find(kToken), std::string::npos) << m;
}

TEST_F(ApiClientContract, DownloadSendsOnlyTheGivenHeadersAndNeverQuotesTheUrl) {
  const std::string url =
      "https://dbstorage.s3.us-west-2.amazonaws.com/chunk-0?X-Amz-Credential=AKIAEXAMPLE"
      "&X-Amz-Signature=0123abcd";
  transport_->answerRaw(200, "OK", "raw-arrow-bytes");
  EXPECT_EQ(client_->download(url, {{"x-amz-server-side-encryption", "aws:kms"}}, options()),
            "raw-arrow-bytes");
  transport_->fail(TransportFailure::Reset);
  transport_->answerFixture("api_external_link_403.json");
  try {
    client_->download(url, {}, options());
    FAIL();
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::PermissionDenied);
    EXPECT_STREQ(e.what(),
                 "download of an external result link: HTTP 403 Forbidden (AccessDenied)");
  }
  const auto sent = transport_->sent();
  ASSERT_EQ(sent.size(), 3U);
  EXPECT_EQ(sent[0].method, "GET");
  EXPECT_EQ(sent[0].url, url);
  EXPECT_EQ(sent[0].headers, (std::vector<std::pair<std::string, std::string>>{
                                 {"x-amz-server-side-encryption", "aws:kms"}}));
  EXPECT_TRUE(sent[1].headers.empty());
  ASSERT_EQ(retryMessages_.size(), 1U);
  EXPECT_EQ(
      retryMessages_[0],
      "retry 1 of download of an external result link after connection reset (waiting 1.4 s)");
  for (const auto& m : retryMessages_) {
    EXPECT_EQ(m.find("amazonaws"), std::string::npos);
    EXPECT_EQ(m.find("Signature"), std::string::npos);
  }
}

TEST_F(ApiClientContract, AnEmptySuccessBodyIsAnEmptyObjectAndJunkIsRemote) {
  transport_->answerFixture("api_empty_200.json");
  EXPECT_EQ(client_->call(getTable(), options()), Json::object());
  transport_->answerRaw(200, "OK", "<html>login</html>");
  EXPECT_EQ(failure(getTable(), options()).errorClass(), WorkspaceErrorClass::Remote);
}

TEST_F(ApiClientContract, SendReturnsHeadersOfTheAnswer) {
  transport_->answerFixture("api_scim_me.json");
  ApiRequest r;
  r.path = "/api/2.0/preview/scim/v2/Me";
  r.query = {{"excludedAttributes", "entitlements"}};
  const HttpResponse response = client_->send(r, options());
  EXPECT_EQ(response.headers.at("x-databricks-org-id"), "1234567890123456");
  EXPECT_EQ(transport_->sent()[0].url,
            std::string(kHost) + "/api/2.0/preview/scim/v2/Me?excludedAttributes=entitlements");
}

}  // namespace
}  // namespace clxs::kernel::databricks
