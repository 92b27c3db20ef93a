// Cost of Poor Quality: what one incident cost, as an auditable event. Pure functions over an
// incident record (IncidentStore's JSON), the rates in effect and the downstream tables, so
// the arithmetic is unit-tested apart from storage and lineage.
//
//   cost = responders × hours_to_resolve × hourly_engineer_cost + reruns × per_rerun_cost
//        + (sla_breached ? sla_breach_penalty : 0) + downstream_tables × downstream_disruption_cost
//
// Amounts are kept in whole cents, each component rounded once, and the total is the sum of
// the components' cents: sums over events are then exact, never off by a float rounding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "clxs/json.hpp"

namespace clxs::observability {

/// The cost assumptions (GET/PUT /api/copq/config), defaults as the spec gives them.
struct CopqRates {
  double hourlyEngineerCost = 75.0;         ///< per responder hour
  double perRerunCost = 25.0;               ///< per re-run of the failing thing
  double slaBreachPenalty = 500.0;          ///< per incident that breached an SLA
  double downstreamDisruptionCost = 100.0;  ///< per downstream table
  double avgRespondersPerIncident = 2.0;    ///< engineers on an incident
  double defaultResolutionHours = 2.0;      ///< hours charged while an incident is open
};

/// What lineage said about the tables downstream of an incident's table.
struct DownstreamTables {
  std::int64_t count = 0;  ///< tables (and views) reached downstream
  bool known = false;      ///< lineage answered; false: count is 0 and `note` says why
  std::string note;        ///< how the count was obtained, or why it is not known
};

/// One incident's cost: its inputs, each component and the total, in cents.
struct CopqCost {
  Json inputs;      ///< the incident facts the cost was computed from
  Json components;  ///< engineer_time, reruns, sla_breach, downstream_disruption: each its
                    ///< amount, the factors and the rule
  std::int64_t engineerCents = 0;
  std::int64_t rerunCents = 0;
  std::int64_t slaCents = 0;
  std::int64_t downstreamCents = 0;
  /// The sum of the four components.
  [[nodiscard]] std::int64_t totalCents() const {
    return engineerCents + rerunCents + slaCents + downstreamCents;
  }
};

/// The cost of `incident` (a record of IncidentStore: id, source, table_fqn, status,
/// opened_at, resolved_at, occurrences). Hours to resolve run from opened_at to resolved_at;
/// an incident not resolved (or whose times cannot be read) is charged
/// default_resolution_hours, so that computing again gives the same event until it changes.
/// Re-runs are the occurrences beyond the first; an SLA is breached when the source is sla
/// or freshness.
CopqCost costOfIncident(const Json& incident, const CopqRates& rates,
                        const DownstreamTables& downstream);

/// Whole cents as an amount of money (2 decimals).
double centsToAmount(std::int64_t cents);

}  // namespace clxs::observability
