#include "kernel/workspace/databricks/statement_executor_remote.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "kernel/workspace/databricks/token_source.hpp"

namespace clxs::kernel::databricks {
namespace {

TEST(StatementParameters, TypesFollowTheJsonValue) {
  const Json p = statementParameters({{"s", "it's"},
                                      {"i", 42},
                                      {"d", 2.5},
                                      {"b", true},
                                      {"n", nullptr},
                                      {"big", Json(-9007199254740993LL)}});
  EXPECT_EQ(p, Json::parse(R"([
    {"name": "s", "value": "it's", "type": "STRING"},
    {"name": "i", "value": "42", "type": "BIGINT"},
    {"name": "d", "value": "2.5", "type": "DOUBLE"},
    {"name": "b", "value": "true", "type": "BOOLEAN"},
    {"name": "n"},
    {"name": "big", "value": "-9007199254740993", "type": "BIGINT"}])"));
}

TEST(StatementParameters, WaitTimeoutStaysInTheAllowedRange) {
  EXPECT_EQ(waitTimeoutText(std::chrono::seconds(0)), "0s");
  EXPECT_EQ(waitTimeoutText(std::chrono::seconds(2)), "5s");
  EXPECT_EQ(waitTimeoutText(std::chrono::seconds(10)), "10s");
  EXPECT_EQ(waitTimeoutText(std::chrono::seconds(120)), "50s");
}

TEST(StatementParameters, RecognisesTheInlineLimitFailure) {
  EXPECT_TRUE(exceedsInlineLimit(
      "Inline byte limit exceeded. Statement produced more than 26214400 bytes of results; "
      "use disposition EXTERNAL_LINKS"));
  EXPECT_TRUE(exceedsInlineLimit("The result exceeds the 25 MiB limit for INLINE disposition"));
  EXPECT_FALSE(exceedsInlineLimit("[TABLE_OR_VIEW_NOT_FOUND] The table `a` cannot be found"));
  EXPECT_FALSE(exceedsInlineLimit("[DIVIDE_BY_ZERO] Division by zero exceeded nothing"));
}

// Answers every statement after a short delay and records how many ran at once.
class SlowWarehouse final : public HttpTransport {
 public:
  HttpResponse send(const HttpRequest&, const TransportTimeouts&) override {
    const int now = ++running_;
    int seen = peak_.load();
    while (now > seen && !peak_.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    --running_;
    HttpResponse r;
    r.status = 200;
    r.headers["content-type"] = "application/json";
    r.body = R"({"statement_id":"s","status":{"state":"SUCCEEDED"}})";
    return r;
  }
  int peak() const { return peak_.load(); }

 private:
  std::atomic<int> running_{0};
  std::atomic<int> peak_{0};
};

std::shared_ptr<ApiClient> clientOver(std::shared_ptr<HttpTransport> transport) {
  Credentials c;
  c.source = CredentialSource::Headers;
  c.host = "https://example.cloud.databricks.com";
  c.token = "dapi-unit";
  c.authMethod = "pat";
  ApiClientOptions o;
  o.rateLimit = 1'000;
  o.sleep = [](std::chrono::milliseconds) {};
  return std::make_shared<ApiClient>(c.host, makeTokenSource(c, transport), transport, o);
}

TEST(RemoteStatementExecutor, BoundsStatementsInFlight) {
  auto transport = std::make_shared<SlowWarehouse>();
  DatabricksWorkspaceOptions o;
  o.warehouseId = "w";
  o.maxParallelQueries = 2;
  RemoteStatementExecutor executor(clientOver(transport), o);
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] { executor.run("SELECT 1", {}, {}); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(transport->peak(), 2);
}

TEST(RemoteStatementExecutor, NeedsAWarehouse) {
  RemoteStatementExecutor executor(clientOver(std::make_shared<SlowWarehouse>()), {});
  try {
    executor.run("SELECT 1", {}, {});
    ADD_FAILURE() << "ran without a warehouse";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::InvalidSql);
    EXPECT_NE(std::string(e.what()).find("no SQL warehouse"), std::string::npos);
  }
}

TEST(RemoteStatementExecutor, ACancelledCallSendsNothing) {
  auto transport = std::make_shared<SlowWarehouse>();
  DatabricksWorkspaceOptions o;
  o.warehouseId = "w";
  RemoteStatementExecutor executor(clientOver(transport), o);
  CancellationToken token;
  token.cancel();
  CallOptions call;
  call.cancel = &token;
  try {
    executor.run("SELECT 1", {}, call);
    ADD_FAILURE() << "ran although cancelled";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Cancelled);
  }
  EXPECT_EQ(transport->peak(), 0);
}

}  // namespace
}  // namespace clxs::kernel::databricks
