#include "plugins/governance/sla_service.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "clxs/error.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/recording_events.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::governance {
namespace {

struct SlaFixture {
  SlaFixture() {
    sqlite.migrate(ChangeHistory::migrations());
    sqlite.migrate(SlaStore::migrations());
    history = std::make_shared<ChangeHistory>(sqlite);
    deps.store = &sqlite;
    deps.history = history;
    deps.clock = &clock;
    deps.events = &events;
    TableInfo t;
    t.catalog = std::string("shop");
    t.schema = std::string("sales");
    t.name = std::string("orders");
    t.columns = {{std::string("id"), std::string("BIGINT"), true, std::string()}};
    ws.addTable(t);
    // No statistics here: the row count is asked of the engine, which answers `rows`.
    ws.onSql([this](std::string_view) {
      ResultSet r;
      r.columns = {{"row_count", "BIGINT"}};
      r.rows = {{Json(rows)}};
      return r;
    });
    service = std::make_unique<SlaService>(deps);
  }
  SlaRuleRequest rowRule(double atLeast) const {
    SlaRuleRequest r;
    r.tableFqn = "shop.sales.orders";
    r.metric = "row_count";
    r.threshold = atLeast;
    r.severity = "warning";
    return r;
  }
  std::int64_t rows = 10;
  clxs::testing::SqliteTestStore sqlite;
  clxs::testing::ManualClock clock;
  clxs::testing::RecordingEvents events;
  std::shared_ptr<ChangeHistory> history;
  GovernanceDeps deps;
  clxs::testing::MemoryWorkspace ws{"ana@example.com"};
  std::unique_ptr<SlaService> service;
};

int slaStatusOf(const std::function<void()>& call) {
  try {
    call();
  } catch (const HttpError& e) {
    return e.status();
  }
  return 200;
}

TEST(GovernanceSlaService, ABreachSignalsAnIncidentAndTheNextPassResolvesIt) {
  SlaFixture f;
  const auto strict = f.service->createRule(f.ws, f.rowRule(50), "ana@example.com");
  const auto easy = f.service->createRule(f.ws, f.rowRule(5), "ana@example.com");
  auto checks = f.service->check(f.ws, "", {}, "ana@example.com", {});
  ASSERT_EQ(checks.size(), 2U);
  EXPECT_EQ(checks[0].status, "failed");
  EXPECT_EQ(checks[1].status, "passed");
  auto published = f.events.published();
  ASSERT_EQ(published.size(), 1U) << "a pass with no breach before says nothing";
  EXPECT_EQ(published[0].first, "observability.signal");
  EXPECT_EQ(published[0].second["source"], "sla");
  EXPECT_EQ(published[0].second["source_ref"], strict.slaId);
  EXPECT_EQ(published[0].second["table_fqn"], "shop.sales.orders");
  EXPECT_EQ(published[0].second["passed"], false);
  EXPECT_EQ(published[0].second["severity"], "medium") << "warning maps to medium";

  // The table grows past the threshold: the breach is resolved by the next pass.
  f.rows = 60;
  f.clock.advance(std::chrono::hours(1));
  checks = f.service->check(f.ws, "", {strict.slaId}, "bob", {});
  ASSERT_EQ(checks.size(), 1U);
  EXPECT_EQ(checks[0].status, "passed");
  published = f.events.published();
  ASSERT_EQ(published.size(), 2U);
  EXPECT_EQ(published[1].second["passed"], true);
  EXPECT_EQ(published[1].second["source_ref"], strict.slaId);

  const auto status = f.service->status();
  EXPECT_EQ(status["total_rules"], 2);
  EXPECT_EQ(status["passed"], 2);
  EXPECT_EQ(status["failed"], 0);
  EXPECT_DOUBLE_EQ(status["health_pct"].get<double>(), 100.0);
  EXPECT_EQ(status["checks"][0]["checked_by"], "bob") << "the newest check per rule";
  EXPECT_EQ(status["checks"][1]["sla_id"], easy.slaId);

  EXPECT_EQ(slaStatusOf([&] { f.service->check(f.ws, "", {"nope"}, "x", {}); }), 404);
}

TEST(GovernanceSlaService, AJobSeesProgressPerRuleAndStopsWhenCancelled) {
  SlaFixture f;
  f.service->createRule(f.ws, f.rowRule(5), "ana");
  f.service->createRule(f.ws, f.rowRule(6), "ana");
  std::vector<std::int64_t> done;
  f.service->check(f.ws, "", {}, "ana", {},
                   [&](std::int64_t d, std::int64_t total, const std::string& table) {
                     EXPECT_EQ(total, 2);
                     EXPECT_EQ(table, "shop.sales.orders");
                     done.push_back(d);
                   });
  EXPECT_EQ(done, (std::vector<std::int64_t>{0, 1}));
  CancellationToken token;
  token.cancel();
  CallOptions cancelled;
  cancelled.cancel = &token;
  EXPECT_THROW(f.service->check(f.ws, "", {}, "ana", cancelled), JobCancelled);
  EXPECT_EQ(f.service->status()["checks"][0]["checked_by"], "ana");
  EXPECT_EQ(f.sqlite.query("SELECT count(*) AS n FROM governance_sla_checks")[0]["n"], 2)
      << "nothing checked after the cancellation";
}

TEST(GovernanceSlaService, TheTrendIsTheDailyPassShare) {
  SlaFixture f;
  const auto strict = f.service->createRule(f.ws, f.rowRule(50), "ana");
  f.service->createRule(f.ws, f.rowRule(5), "ana");
  f.service->check(f.ws, "", {}, "ana", {});  // day 1: 1 of 2
  f.clock.advance(std::chrono::hours(24));
  f.service->deleteRule(strict.slaId, "ana");
  f.service->check(f.ws, "", {}, "ana", {});  // day 2: 1 of 1
  const auto t = f.service->trend(3);
  EXPECT_EQ(t["days"], 3);
  ASSERT_EQ(t["trend"].size(), 3U);
  EXPECT_EQ(t["trend"][0]["total"], 0);
  EXPECT_TRUE(t["trend"][0]["compliance_pct"].is_null());
  EXPECT_EQ(t["trend"][1]["total"], 2) << "the deleted rule's past stays";
  EXPECT_DOUBLE_EQ(t["trend"][1]["compliance_pct"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(t["trend"][2]["compliance_pct"].get<double>(), 100.0);
  EXPECT_EQ(t["trend"][2]["date"], isoUtc(f.clock.now()).substr(0, 10));
  EXPECT_NEAR(t["overall_pct"].get<double>(), 66.7, 1e-9);
  EXPECT_EQ(f.service->status()["total_rules"], 1);
}

TEST(GovernanceSlaService, RulesAreValidatedAndEveryChangeIsRecordedWithItsUser) {
  SlaFixture f;
  auto bad = f.rowRule(5);
  bad.tableFqn = "shop.sales.nope";
  EXPECT_EQ(slaStatusOf([&] { f.service->createRule(f.ws, bad, "ana"); }), 404);
  bad = f.rowRule(5);
  bad.metric = "accuracy";
  EXPECT_EQ(slaStatusOf([&] { f.service->createRule(f.ws, bad, "ana"); }), 422);
  bad = f.rowRule(101);
  bad.metric = "completeness";
  EXPECT_EQ(slaStatusOf([&] { f.service->createRule(f.ws, bad, "ana"); }), 422);
  bad.threshold = 90;
  bad.columns = {"nope"};
  EXPECT_EQ(slaStatusOf([&] { f.service->createRule(f.ws, bad, "ana"); }), 422);
  bad.columns = {"ID"};
  const auto rule = f.service->createRule(f.ws, bad, "ana@example.com");
  EXPECT_EQ(rule.columns, std::vector<std::string>{"id"}) << "as the table spells it";
  EXPECT_EQ(slaStatusOf([&] { f.service->deleteRule("nope", "bob"); }), 404);
  f.service->check(f.ws, "", {}, "carol", {});
  f.service->deleteRule(rule.slaId, "bob@example.com");
  EXPECT_TRUE(f.service->store().rules("").empty());

  const auto changes = f.history->list({"", "", "", "", 10});
  ASSERT_EQ(changes.size(), 3U);
  EXPECT_EQ(changes[0]["entity_type"], "sla_rule");
  EXPECT_EQ(changes[0]["action"], "delete");
  EXPECT_EQ(changes[0]["changed_by"], "bob@example.com");
  EXPECT_EQ(changes[0]["before"]["metric_type"], "completeness");
  EXPECT_TRUE(changes[0]["after"].is_null());
  EXPECT_EQ(changes[1]["entity_type"], "sla_check");
  EXPECT_EQ(changes[1]["changed_by"], "carol");
  EXPECT_EQ(changes[2]["action"], "create");
  EXPECT_EQ(changes[2]["changed_by"], "ana@example.com");
}

}  // namespace
}  // namespace clxs::governance
