// Cost of Poor Quality end to end: failing checks open incidents, POST /api/copq/compute (a
// job) turns each into one cost event, and the summary, per-table and weekly readings add up
// to the cent to the events' components; computing again changes nothing; bad input is 422.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>
#include <utility>

#include "clxs/clock.hpp"
#include "tests/support/cli_process.hpp"
#include "tests/support/job_wait.hpp"
#include "tests/support/json_get.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

std::int64_t copqCents(const Json& amount) {
  return std::llround(amount.get<double>() * 100);
}

Json computeCopq(const ServerProcess& s) {
  const auto job = runJob(s, "/api/copq/compute", Json::object());
  EXPECT_EQ(job["status"], "completed") << job.dump();
  return job["result"];
}

// Two failing checks: orders' stays open after failing twice, people's fails once and is
// resolved by a passing run.
void openCopqIncidents(ServerProcess& s) {
  seedSql(s.dataDir(),
          "CREATE CATALOG shop;\nCREATE SCHEMA shop.sales;\n"
          "CREATE TABLE shop.sales.orders (id BIGINT, customer STRING);\n"
          "INSERT INTO shop.sales.orders VALUES (1, 'a'), (2, NULL);\n"
          "CREATE TABLE shop.sales.people (id BIGINT, name STRING);\n"
          "INSERT INTO shop.sales.people VALUES (1, NULL);");
  for (const auto& [table, column] :
       {std::pair{"shop.sales.orders", "customer"}, std::pair{"shop.sales.people", "name"}}) {
    const auto check = s.post(
        "/api/governance/dqx/checks",
        {{"table_fqn", table}, {"check_type", "is_not_null"}, {"arguments", {{"column", column}}}});
    ASSERT_EQ(check.status, 200) << check.body;
  }
  const Json orders{{"table_fqn", "shop.sales.orders"}};
  const Json people{{"table_fqn", "shop.sales.people"}};
  for (int i = 0; i < 2; ++i) ASSERT_EQ(s.post("/api/governance/dqx/run", orders).status, 200);
  ASSERT_EQ(s.post("/api/governance/dqx/run", people).status, 200);
  seedSql(s.dataDir(), "UPDATE shop.sales.people SET name = 'p' WHERE name IS NULL;");
  ASSERT_EQ(s.post("/api/governance/dqx/run", people).status, 200);
  const auto feed = getJson(s, "/api/data-quality/incidents");
  ASSERT_EQ(feed["total"], 2) << feed.dump();
  ASSERT_EQ(feed["by_status"]["resolved"], 1) << feed.dump();
}

// Every table's cost events, checked to add up to the cent to its total; answers the sum.
std::int64_t copqSumOfComponents(const Json& byTable) {
  std::int64_t all = 0;
  for (const auto& t : byTable["tables"]) {
    std::int64_t table = 0;
    for (const auto& e : t["cost_events"]) {
      std::int64_t event = 0;
      for (const auto& [name, c] : e["components"].items()) event += copqCents(c["amount"]);
      EXPECT_EQ(event, copqCents(e["total_cost"])) << e.dump();
      table += event;
    }
    EXPECT_EQ(table, copqCents(t["total_cost"])) << t.dump();
    std::int64_t parts = 0;
    for (const auto& [name, amount] : t["breakdown"].items()) parts += copqCents(amount);
    EXPECT_EQ(parts, table) << t.dump();
    all += table;
  }
  return all;
}

TEST(Copq, ComputeCostsEachIncidentOnceAndEveryReadingIsTheSumOfItsComponents) {
  ServerProcess s;
  openCopqIncidents(s);
  auto result = computeCopq(s);
  EXPECT_EQ(result["incidents"], 2);
  EXPECT_EQ(result["created"], 2);
  EXPECT_EQ(result["updated"], 0);
  EXPECT_EQ(result["unchanged"], 0);
  EXPECT_EQ(result["config"]["hourly_engineer_cost"], 75.0);

  const auto byTable = getJson(s, "/api/copq/by-table?days=30&include_events=true");
  ASSERT_EQ(byTable["total"], 2) << byTable.dump();
  // Open orders: 2 responders × 2 default hours × 75 + 1 re-run × 25 and no downstream table.
  const auto& orders = byTable["tables"][0];
  EXPECT_EQ(orders["table_fqn"], "shop.sales.orders") << "costliest first";
  EXPECT_EQ(orders["total_cost"], 325.0) << orders.dump();
  ASSERT_EQ(orders["cost_events"].size(), 1u);
  const auto& event = orders["cost_events"][0];
  EXPECT_EQ(event["source"], "dqx");
  EXPECT_EQ(event["inputs"]["status"], "open");
  EXPECT_EQ(event["inputs"]["reruns"], 1);
  EXPECT_EQ(event["inputs"]["hours_to_resolve"], 2.0);
  EXPECT_EQ(event["components"]["engineer_time"]["amount"], 300.0);
  EXPECT_EQ(event["components"]["reruns"]["amount"], 25.0);
  EXPECT_EQ(event["components"]["sla_breach"]["amount"], 0.0);
  EXPECT_EQ(event["components"]["downstream_disruption"]["amount"], 0.0);
  EXPECT_TRUE(event["components"]["downstream_disruption"]["rule"].is_string());
  // Resolved people: charged the seconds between opening and the passing run.
  const auto& people = byTable["tables"][1]["cost_events"][0];
  EXPECT_EQ(people["inputs"]["status"], "resolved");
  EXPECT_LT(people["inputs"]["hours_to_resolve"].get<double>(), 1.0);
  EXPECT_EQ(people["components"]["reruns"]["amount"], 0.0);

  const auto all = copqSumOfComponents(byTable);
  const auto summary = getJson(s, "/api/copq/summary?days=30");
  EXPECT_EQ(summary["events"], 2);
  EXPECT_EQ(copqCents(summary["total_cost"]), all) << summary.dump();
  std::int64_t parts = 0;
  for (const auto& [name, amount] : summary["breakdown"].items()) parts += copqCents(amount);
  EXPECT_EQ(parts, all);
  ASSERT_EQ(summary["by_source"].size(), 1u);
  EXPECT_EQ(summary["by_source"][0]["source"], "dqx");
  EXPECT_EQ(summary["days"], 30);
  EXPECT_EQ(getJson(s, "/api/copq/summary")["days"], 30) << "30 days by default";

  const auto trends = getJson(s, "/api/copq/trends");
  EXPECT_EQ(trends["days"], 90);
  const auto& weeks = trends["weeks"];
  ASSERT_GE(weeks.size(), 13u) << trends.dump();
  ASSERT_LE(weeks.size(), 14u);
  std::int64_t weekly = 0;
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    weekly += copqCents(weeks[i]["total_cost"]);
    if (i == 0) continue;
    const auto prev = parseIsoUtc(weeks[i - 1]["week_start"].get<std::string>() + "T00:00:00Z");
    const auto next = parseIsoUtc(weeks[i]["week_start"].get<std::string>() + "T00:00:00Z");
    ASSERT_TRUE(prev && next);
    EXPECT_EQ(*next - *prev, std::chrono::hours(24 * 7)) << "every week present";
  }
  EXPECT_EQ(weekly, all);
  EXPECT_EQ(copqCents(trends["total_cost"]), all);
  EXPECT_EQ(copqCents(weeks.back()["total_cost"]), all) << "this week's incidents";
  EXPECT_EQ(weeks[0]["total_cost"], 0.0) << "an empty week is zero, not left out";

  // Computing again changes nothing: the same events, none added.
  result = computeCopq(s);
  EXPECT_EQ(result["created"], 0);
  EXPECT_EQ(result["updated"], 0);
  EXPECT_EQ(result["unchanged"], 2);
  EXPECT_EQ(getJson(s, "/api/copq/by-table?days=30&include_events=true")["tables"],
            byTable["tables"]);

  // New assumptions apply at the next compute, replacing each incident's event.
  const auto put =
      s.request("PUT", "/api/copq/config", R"({"hourly_engineer_cost": 100, "per_rerun_cost": 0})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["sla_breach_penalty"], 500.0) << "fields not named stay";
  EXPECT_EQ(getJson(s, "/api/copq/summary")["total_cost"], summary["total_cost"])
      << "stored events keep their assumptions until computed again";
  result = computeCopq(s);
  EXPECT_EQ(result["created"], 0);
  EXPECT_EQ(result["updated"], 2);
  const auto after = getJson(s, "/api/copq/by-table?include_events=true");
  EXPECT_EQ(after["tables"][0]["total_cost"], 400.0) << "2 × 2 × 100 + 1 × 0";
  EXPECT_EQ(copqCents(getJson(s, "/api/copq/summary")["total_cost"]), copqSumOfComponents(after));
  EXPECT_EQ(getJson(s, "/api/copq/summary")["events"], 2);
}

TEST(Copq, ConfigChangesWhatItNamesAndRefusesBadValuesByName) {
  ServerProcess s;
  const auto defaults = getJson(s, "/api/copq/config");
  EXPECT_EQ(defaults, (Json{{"hourly_engineer_cost", 75.0},
                            {"per_rerun_cost", 25.0},
                            {"sla_breach_penalty", 500.0},
                            {"downstream_disruption_cost", 100.0},
                            {"avg_responders_per_incident", 2.0},
                            {"default_resolution_hours", 2.0}}));
  for (const auto& [body, field] :
       {std::pair{R"({"per_rerun_cost": -1})", "per_rerun_cost"},
        std::pair{R"({"sla_breach_penalty": "lots"})", "sla_breach_penalty"},
        std::pair{R"({"avg_responders_per_incident": null})", "avg_responders_per_incident"},
        std::pair{R"({"per_rerun_cost": 1, "hourly_rate": 3})", "hourly_rate"}}) {
    const auto r = s.request("PUT", "/api/copq/config", body);
    EXPECT_EQ(r.status, 422) << body << " " << r.body;
    EXPECT_NE(r.body.find(field), std::string::npos) << r.body;
  }
  EXPECT_EQ(s.request("PUT", "/api/copq/config", "[1]").status, 422);
  EXPECT_EQ(s.request("PUT", "/api/copq/config", "{").status, 422);
  EXPECT_EQ(getJson(s, "/api/copq/config"), defaults) << "nothing stored by a refused PUT";

  const auto put = s.request("PUT", "/api/copq/config", R"({"default_resolution_hours": 0.5})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["default_resolution_hours"], 0.5);
  EXPECT_EQ(put.json()["hourly_engineer_cost"], 75.0);
  s.restart();
  EXPECT_EQ(getJson(s, "/api/copq/config")["default_resolution_hours"], 0.5);
}

TEST(Copq, ReadingsRefuseBadWindowsAndAnEmptyComputeCreatesNothing) {
  ServerProcess s;
  EXPECT_EQ(s.get("/api/copq/summary?days=0").status, 422);
  EXPECT_EQ(s.get("/api/copq/summary?days=soon").status, 422);
  EXPECT_EQ(s.get("/api/copq/by-table?days=-1").status, 422);
  EXPECT_EQ(s.get("/api/copq/by-table?include_events=maybe").status, 422);
  const auto short_ = s.get("/api/copq/trends?days=6");
  EXPECT_EQ(short_.status, 422);
  EXPECT_NE(short_.body.find("days"), std::string::npos) << short_.body;
  const auto week = getJson(s, "/api/copq/trends?days=7");
  ASSERT_GE(week["weeks"].size(), 1u);
  ASSERT_LE(week["weeks"].size(), 2u);
  EXPECT_EQ(week["total_cost"], 0.0);

  const auto result = computeCopq(s);
  EXPECT_EQ(result["incidents"], 0);
  EXPECT_EQ(result["created"], 0);
  const auto summary = getJson(s, "/api/copq/summary");
  EXPECT_EQ(summary["events"], 0);
  EXPECT_EQ(summary["total_cost"], 0.0);
  EXPECT_EQ(summary["last_computed_at"], nullptr);
  EXPECT_EQ(getJson(s, "/api/copq/by-table")["total"], 0);
}

}  // namespace
}  // namespace clxs::testing
