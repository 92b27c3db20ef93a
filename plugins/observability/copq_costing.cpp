#include "plugins/observability/copq_costing.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "clxs/clock.hpp"
#include "clxs/text.hpp"

namespace clxs::observability {
namespace {

std::int64_t copqCents(double amount) {
  return std::llround(amount * 100.0);
}

// Hours are kept to 4 decimals (0.36 s) before they are multiplied, so that the stored
// inputs reproduce the stored amount exactly.
double copqRoundedHours(double hours) {
  return std::round(hours * 10'000.0) / 10'000.0;
}

std::string copqIncidentText(const Json& incident, const char* key) {
  const auto it = incident.find(key);
  return it != incident.end() && it->is_string() ? it->get<std::string>() : std::string();
}

struct CopqResolution {
  double hours = 0;
  std::string basis;
};

// Opened → resolved for a resolved incident; default_resolution_hours otherwise. Time open so
// far would make every compute an update of every open incident, and charge a weekend as
// work; the default is a stable estimate until the resolution is known.
CopqResolution copqResolutionOf(const Json& incident, const CopqRates& rates) {
  const auto resolvedAt = copqIncidentText(incident, "resolved_at");
  if (copqIncidentText(incident, "status") != "resolved" || resolvedAt.empty()) {
    return {rates.defaultResolutionHours,
            "still open: default_resolution_hours charged until it is resolved"};
  }
  const auto opened = parseIsoUtc(copqIncidentText(incident, "opened_at"));
  const auto resolved = parseIsoUtc(resolvedAt);
  if (!opened || !resolved) {
    return {rates.defaultResolutionHours,
            "opened_at or resolved_at unreadable: default_resolution_hours charged"};
  }
  const double seconds = std::chrono::duration<double>(*resolved - *opened).count();
  return {copqRoundedHours(std::max(0.0, seconds) / 3600.0), "resolved: opened_at to resolved_at"};
}

}  // namespace

double centsToAmount(std::int64_t cents) {
  return static_cast<double>(cents) / 100.0;
}

CopqCost costOfIncident(const Json& incident, const CopqRates& rates,
                        const DownstreamTables& downstream) {
  const auto source = copqIncidentText(incident, "source");
  const auto resolution = copqResolutionOf(incident, rates);
  const auto occurrences = incident.value("occurrences", std::int64_t{1});
  const std::int64_t reruns = std::max<std::int64_t>(0, occurrences - 1);
  // Only SLA and freshness incidents are breaches of a promised delivery; a failing check or
  // an anomaly is a quality problem with no SLA attached to it.
  const bool slaBreached = source == "sla" || source == "freshness";
  const std::int64_t downstreamTables = downstream.known ? downstream.count : 0;

  CopqCost c;
  c.engineerCents =
      copqCents(rates.avgRespondersPerIncident * resolution.hours * rates.hourlyEngineerCost);
  c.rerunCents = copqCents(static_cast<double>(reruns) * rates.perRerunCost);
  c.slaCents = slaBreached ? copqCents(rates.slaBreachPenalty) : 0;
  c.downstreamCents =
      copqCents(static_cast<double>(downstreamTables) * rates.downstreamDisruptionCost);

  c.inputs = {{"incident_id", copqIncidentText(incident, "id")},
              {"source", source},
              {"table_fqn", copqIncidentText(incident, "table_fqn")},
              {"status", copqIncidentText(incident, "status")},
              {"opened_at", copqIncidentText(incident, "opened_at")},
              {"resolved_at", textOrNull(copqIncidentText(incident, "resolved_at"))},
              {"occurrences", occurrences},
              {"hours_to_resolve", resolution.hours},
              {"reruns", reruns},
              {"sla_breached", slaBreached},
              {"downstream_tables", downstreamTables},
              {"lineage_available", downstream.known}};
  c.components = {
      {"engineer_time",
       {{"amount", centsToAmount(c.engineerCents)},
        {"responders", rates.avgRespondersPerIncident},
        {"hours_to_resolve", resolution.hours},
        {"hourly_engineer_cost", rates.hourlyEngineerCost},
        {"rule", "responders × hours_to_resolve × hourly_engineer_cost; " + resolution.basis}}},
      {"reruns",
       {{"amount", centsToAmount(c.rerunCents)},
        {"reruns", reruns},
        {"per_rerun_cost", rates.perRerunCost},
        {"rule",
         "reruns × per_rerun_cost; reruns are the incident's occurrences beyond the "
         "first (each a later failing run of the same check or series)"}}},
      {"sla_breach",
       {{"amount", centsToAmount(c.slaCents)},
        {"sla_breached", slaBreached},
        {"sla_breach_penalty", rates.slaBreachPenalty},
        {"rule", "sla_breach_penalty when the incident's source is sla or freshness"}}},
      {"downstream_disruption",
       {{"amount", centsToAmount(c.downstreamCents)},
        {"downstream_tables", downstreamTables},
        {"downstream_disruption_cost", rates.downstreamDisruptionCost},
        {"rule", "downstream_tables × downstream_disruption_cost; " + downstream.note}}}};
  return c;
}

}  // namespace clxs::observability
