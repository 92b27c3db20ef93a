#include "plugins/observability/copq_compute.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "clxs/clock.hpp"
#include "clxs/error.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "plugins/observability/incident_store.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::observability {
namespace {

IncidentSignal copqSignal(const std::string& source, const std::string& table,
                          const std::string& ref, const std::string& when) {
  return {source, table, ref, "high", "check " + ref, Json::object(), when, "me"};
}

std::chrono::system_clock::time_point copqTestTime(const char* iso) {
  return *parseIsoUtc(iso);
}

std::int64_t copqTestCents(const Json& amount) {
  return std::llround(amount.get<double>() * 100);
}

class CopqComputeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite_.migrate(IncidentStore::migrations());
    sqlite_.migrate(CopqStore::migrations());
    // A dqx incident on orders, failed twice then resolved 90 minutes after it opened.
    incidents_.fail(copqSignal("dqx", "shop.sales.orders", "chk1", "2026-11-10T10:00:00.000Z"));
    incidents_.fail(copqSignal("dqx", "shop.sales.orders", "chk1", "2026-11-10T11:00:00.000Z"));
    incidents_.pass(copqSignal("dqx", "shop.sales.orders", "chk1", "2026-11-10T11:30:00.000Z"));
    // A freshness incident on people, still open.
    incidents_.fail(copqSignal("freshness", "shop.hr.people", "fresh", "2026-12-07T01:00:00.000Z"));
  }

  Json compute(const CopqRates& rates = {}) {
    return computeCopqEvents(
        incidents_.list(1000, "", ""), rates,
        [this](const std::string& table) {
          ++lookups_;
          return table == "shop.sales.orders" ? DownstreamTables{2, true, "from lineage"}
                                              : DownstreamTables{0, true, "from lineage"};
        },
        events_, "2026-12-07T12:00:00.000Z", "me");
  }

  clxs::testing::SqliteTestStore sqlite_;
  IncidentStore incidents_{sqlite_};
  CopqStore events_{sqlite_};
  int lookups_ = 0;
};

TEST_F(CopqComputeTest, ComputingAgainLeavesEachIncidentsEventAndAChangeReplacesIt) {
  auto r = compute();
  EXPECT_EQ(r["incidents"], 2);
  EXPECT_EQ(r["created"], 2);
  EXPECT_EQ(r["updated"], 0);
  EXPECT_EQ(r["unchanged"], 0);
  // orders: 2 × 1.5 h × 75 + 1 re-run × 25 + 2 downstream × 100 = 450;
  // people: 2 × 2 default hours × 75 + 500 SLA = 800.
  EXPECT_EQ(r["total_cost"], 1250.0);
  EXPECT_EQ(lookups_, 2) << "lineage asked once per table";

  r = compute();
  EXPECT_EQ(r["created"], 0);
  EXPECT_EQ(r["unchanged"], 2);
  EXPECT_EQ(events_.summary("")["events"], 2) << "never a second event for an incident";

  // A new occurrence of the open incident is one more re-run: that event alone is replaced.
  incidents_.fail(copqSignal("freshness", "shop.hr.people", "fresh", "2026-12-07T02:00:00.000Z"));
  r = compute();
  EXPECT_EQ(r["updated"], 1);
  EXPECT_EQ(r["unchanged"], 1);
  EXPECT_EQ(r["total_cost"], 1275.0);

  // New rates change every event.
  CopqRates rates;
  rates.hourlyEngineerCost = 100;
  r = compute(rates);
  EXPECT_EQ(r["updated"], 2);
  EXPECT_EQ(events_.summary("")["events"], 2);
}

TEST_F(CopqComputeTest, EveryReadingsTotalIsTheSumOfTheComponents) {
  compute();
  const auto summary = events_.summary("2026-11-01T00:00:00.000Z");
  EXPECT_EQ(summary["events"], 2);
  EXPECT_EQ(summary["total_cost"], 1250.0);
  EXPECT_EQ(summary["breakdown"], (Json{{"engineer_time", 525.0},
                                        {"reruns", 25.0},
                                        {"sla_breach", 500.0},
                                        {"downstream_disruption", 200.0}}));
  ASSERT_EQ(summary["by_source"].size(), 2u);
  EXPECT_EQ(summary["by_source"][0]["source"], "freshness") << "costliest first";
  EXPECT_EQ(summary["last_computed_at"], "2026-12-07T12:00:00.000Z");

  // The events' components, to the cent, give each table's total and the summary's.
  const auto tables = events_.byTable("2026-11-01T00:00:00.000Z", true);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_EQ(tables[0]["table_fqn"], "shop.hr.people");
  std::int64_t all = 0;
  for (const auto& t : tables) {
    std::int64_t table = 0;
    for (const auto& e : t["cost_events"]) {
      std::int64_t event = 0;
      for (const auto& [name, c] : e["components"].items()) event += copqTestCents(c["amount"]);
      EXPECT_EQ(event, copqTestCents(e["total_cost"])) << e.dump();
      EXPECT_TRUE(e["inputs"].is_object());
      table += event;
    }
    EXPECT_EQ(table, copqTestCents(t["total_cost"]));
    all += table;
  }
  EXPECT_EQ(all, copqTestCents(summary["total_cost"]));
  EXPECT_EQ(events_.byTable("2026-11-01T00:00:00.000Z", false)[0].count("cost_events"), 0u);

  // The window leaves out what opened before it.
  EXPECT_EQ(events_.summary("2026-12-01T00:00:00.000Z")["total_cost"], 800.0);
}

TEST_F(CopqComputeTest, TrendsHaveEveryWeekZeroFilled) {
  compute();
  // From Sunday 1 November to Monday 7 December 2026: the weeks of 26 October to 7 December.
  const auto t =
      events_.weekly(copqTestTime("2026-11-01T12:00:00Z"), copqTestTime("2026-12-07T12:00:00Z"));
  const auto& weeks = t["weeks"];
  ASSERT_EQ(weeks.size(), 7u) << t.dump();
  EXPECT_EQ(weeks[0]["week_start"], "2026-10-26");
  EXPECT_EQ(weeks[2]["week_start"], "2026-11-09");
  EXPECT_EQ(weeks[2]["total_cost"], 450.0);
  EXPECT_EQ(weeks[2]["events"], 1);
  EXPECT_EQ(weeks[3]["total_cost"], 0.0);
  EXPECT_EQ(weeks[3]["breakdown"]["reruns"], 0.0);
  EXPECT_EQ(weeks[6]["week_start"], "2026-12-07");
  EXPECT_EQ(weeks[6]["total_cost"], 800.0);
  EXPECT_EQ(t["total_cost"], 1250.0);
  EXPECT_EQ(t["events"], 2);
  // A window starting on a Monday starts with that week.
  const auto monday =
      events_.weekly(copqTestTime("2026-11-30T00:00:00Z"), copqTestTime("2026-12-07T00:00:00Z"));
  ASSERT_EQ(monday["weeks"].size(), 2u);
  EXPECT_EQ(monday["weeks"][0]["week_start"], "2026-11-30");
  EXPECT_EQ(monday["total_cost"], 0.0) << "the 7 December incident opened after 00:00";
}

// A lineage service with three tables downstream of every table, failing for one.
class CopqFakeLineage final : public services::LineageGraph {
 public:
  services::LineageWalk walk(Workspace&, const std::string& tableFqn,
                             services::LineageDirection direction, int maxDepth,
                             const CallOptions&) override {
    ++calls;
    depth = maxDepth;
    downstream = direction == services::LineageDirection::Downstream;
    if (tableFqn == "shop.sales.gone") throw notFound("Table shop.sales.gone not found");
    services::LineageWalk w;
    w.start = tableFqn;
    w.direction = direction;
    w.tables = {"shop.gold.a", "shop.gold.b", "shop.gold.c"};
    w.truncated = tableFqn == "shop.sales.deep";
    return w;
  }
  int calls = 0;
  int depth = 0;
  bool downstream = false;
};

TEST(CopqLineage, DownstreamTablesComeFromTheLineageServiceOrAreZeroWithTheReason) {
  auto graph = std::make_shared<CopqFakeLineage>();
  auto ws = std::make_shared<clxs::testing::MemoryWorkspace>("me");
  const auto downstreamOf = lineageDownstream(graph, ws, CallOptions{});
  const auto orders = downstreamOf("shop.sales.orders");
  EXPECT_TRUE(orders.known);
  EXPECT_EQ(orders.count, 3);
  EXPECT_TRUE(graph->downstream);
  EXPECT_EQ(graph->depth, kCopqLineageDepth);
  EXPECT_NE(downstreamOf("shop.sales.deep").note.find("cut"), std::string::npos);

  const auto gone = downstreamOf("shop.sales.gone");
  EXPECT_FALSE(gone.known);
  EXPECT_EQ(gone.count, 0);
  EXPECT_NE(gone.note.find("not found"), std::string::npos) << gone.note;

  const auto none = lineageDownstream(nullptr, ws, CallOptions{})("shop.sales.orders");
  EXPECT_FALSE(none.known);
  EXPECT_EQ(none.count, 0);
  EXPECT_NE(none.note.find("not available"), std::string::npos) << none.note;
}

TEST_F(CopqComputeTest, TheDownstreamComponentCountsWhatLineageReaches) {
  auto graph = std::make_shared<CopqFakeLineage>();
  const auto r = computeCopqEvents(
      incidents_.list(1000, "", ""), CopqRates{},
      lineageDownstream(graph, std::make_shared<clxs::testing::MemoryWorkspace>("me"), {}), events_,
      "2026-12-07T12:00:00.000Z", "me");
  EXPECT_EQ(graph->calls, 2) << "one walk per table";
  // 450 − 200 + 300 for orders' three tables, 800 + 300 for people's.
  EXPECT_EQ(r["total_cost"], 1650.0);
  EXPECT_EQ(events_.summary("")["breakdown"]["downstream_disruption"], 600.0);
}

}  // namespace
}  // namespace clxs::observability
