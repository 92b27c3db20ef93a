#include "plugins/observability/copq_costing.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace clxs::observability {
namespace {

Json copqIncident(const std::string& source, const std::string& status, const std::string& opened,
                  const Json& resolved, int occurrences) {
  return {{"id", "inc-1"},
          {"source", source},
          {"table_fqn", "shop.sales.orders"},
          {"status", status},
          {"opened_at", opened},
          {"resolved_at", resolved},
          {"occurrences", occurrences}};
}

std::int64_t copqCentsOf(const Json& component) {
  return std::llround(component["amount"].get<double>() * 100);
}

// The components' amounts add up to the total, to the cent.
void expectCopqComponentsAddUp(const CopqCost& c) {
  std::int64_t sum = 0;
  for (const auto& [name, component] : c.components.items()) sum += copqCentsOf(component);
  EXPECT_EQ(sum, c.totalCents()) << c.components.dump();
}

TEST(CopqCosting, AResolvedIncidentIsChargedItsHoursItsRerunsAndItsDownstreamTables) {
  const auto c = costOfIncident(
      copqIncident("dqx", "resolved", "2026-12-07T01:00:00.000Z", "2026-12-07T04:30:00.000Z", 3),
      CopqRates{}, DownstreamTables{4, true, "from lineage"});
  EXPECT_EQ(c.engineerCents, 52'500) << "2 responders × 3.5 h × 75";
  EXPECT_EQ(c.rerunCents, 5'000) << "2 occurrences beyond the first × 25";
  EXPECT_EQ(c.slaCents, 0) << "a failing check breaches no SLA";
  EXPECT_EQ(c.downstreamCents, 40'000) << "4 tables × 100";
  EXPECT_EQ(c.totalCents(), 97'500);
  EXPECT_EQ(c.inputs["hours_to_resolve"], 3.5);
  EXPECT_EQ(c.inputs["reruns"], 2);
  EXPECT_EQ(c.inputs["sla_breached"], false);
  EXPECT_EQ(c.inputs["downstream_tables"], 4);
  EXPECT_EQ(c.inputs["lineage_available"], true);
  EXPECT_EQ(c.components["engineer_time"]["amount"], 525.0);
  EXPECT_EQ(c.components["engineer_time"]["responders"], 2.0);
  EXPECT_EQ(c.components["reruns"]["amount"], 50.0);
  EXPECT_EQ(c.components["downstream_disruption"]["amount"], 400.0);
  EXPECT_NE(c.components["engineer_time"]["rule"].get<std::string>().find("resolved"),
            std::string::npos);
  expectCopqComponentsAddUp(c);
}

TEST(CopqCosting, AnOpenIncidentIsChargedTheDefaultHoursAndUnknownLineageCountsNothing) {
  CopqRates rates;
  rates.defaultResolutionHours = 3;
  const auto c = costOfIncident(
      copqIncident("freshness", "acknowledged", "2026-12-07T01:00:00.000Z", Json(), 1), rates,
      DownstreamTables{0, false, "lineage not available"});
  EXPECT_EQ(c.engineerCents, 45'000) << "2 × 3 default hours × 75, whatever the time open";
  EXPECT_EQ(c.rerunCents, 0);
  EXPECT_EQ(c.slaCents, 50'000) << "a freshness incident breaches its SLA";
  EXPECT_EQ(c.downstreamCents, 0);
  EXPECT_EQ(c.totalCents(), 95'000);
  EXPECT_EQ(c.inputs["hours_to_resolve"], 3.0);
  EXPECT_EQ(c.inputs["resolved_at"], nullptr);
  EXPECT_EQ(c.inputs["lineage_available"], false);
  EXPECT_NE(c.components["engineer_time"]["rule"].get<std::string>().find("still open"),
            std::string::npos);
  EXPECT_NE(c.components["downstream_disruption"]["rule"].get<std::string>().find(
                "lineage not available"),
            std::string::npos);
  expectCopqComponentsAddUp(c);
  // An sla incident breaches too.
  EXPECT_EQ(costOfIncident(copqIncident("sla", "open", "2026-12-07T01:00:00.000Z", Json(), 1),
                           rates, DownstreamTables{})
                .slaCents,
            50'000);
}

TEST(CopqCosting, FractionsRoundOncePerComponentAndTheTotalIsTheirSum) {
  CopqRates rates;
  rates.hourlyEngineerCost = 80.5;
  rates.avgRespondersPerIncident = 1.5;
  rates.perRerunCost = 0.333;
  rates.downstreamDisruptionCost = 0.004;
  // 20 minutes: 0.3333 h kept, so 1.5 × 0.3333 × 80.5 = 40.245975 → 40.25.
  const auto c = costOfIncident(
      copqIncident("anomaly", "resolved", "2026-12-07T00:00:00Z", "2026-12-07T00:20:00Z", 4), rates,
      DownstreamTables{3, true, "from lineage"});
  EXPECT_EQ(c.inputs["hours_to_resolve"], 0.3333);
  EXPECT_EQ(c.engineerCents, 4'025);
  EXPECT_EQ(c.rerunCents, 100) << "3 × 0.333 = 0.999";
  EXPECT_EQ(c.downstreamCents, 1) << "3 × 0.004 = 0.012";
  EXPECT_EQ(c.totalCents(), 4'126);
  expectCopqComponentsAddUp(c);
}

TEST(CopqCosting, UnreadableOrBackwardTimesNeverGiveANegativeCost) {
  const auto backward = costOfIncident(
      copqIncident("dqx", "resolved", "2026-12-07T04:00:00Z", "2026-12-07T01:00:00Z", 0),
      CopqRates{}, DownstreamTables{});
  EXPECT_EQ(backward.engineerCents, 0);
  EXPECT_EQ(backward.rerunCents, 0) << "no occurrence is no re-run";
  const auto unreadable =
      costOfIncident(copqIncident("dqx", "resolved", "yesterday", "2026-12-07T01:00:00Z", 1),
                     CopqRates{}, DownstreamTables{});
  EXPECT_EQ(unreadable.engineerCents, 30'000) << "the default hours";
}

TEST(CopqCosting, TheSameIncidentAndRatesGiveTheSameEvent) {
  const auto i = copqIncident("dqx", "open", "2026-12-07T01:00:00Z", Json(), 2);
  const auto a = costOfIncident(i, CopqRates{}, DownstreamTables{1, true, "from lineage"});
  const auto b = costOfIncident(i, CopqRates{}, DownstreamTables{1, true, "from lineage"});
  EXPECT_EQ(a.inputs, b.inputs);
  EXPECT_EQ(a.components, b.components);
  EXPECT_EQ(a.totalCents(), b.totalCents());
}

}  // namespace
}  // namespace clxs::observability
