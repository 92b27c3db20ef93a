// A catalog's data-quality health (0–100) from evidence that can be checked: the freshness
// of its tables now, and its unresolved incidents (anomalies, failing checks). Each
// component is scored, weighted and explained; a component without evidence is left out and
// the weights renormalised over the rest, so a catalog nobody checks is not called healthy
// by default.
#pragma once

#include <vector>

#include "clxs/json.hpp"

namespace clxs::observability {

/// The health of the tables whose freshness rows (measureFreshness()) and unresolved
/// incidents are given: {health_score, status (healthy ≥ 90, warning ≥ 70, else critical;
/// unknown without evidence), components {freshness, anomalies, checks, reconciliation}
/// each {score, weight, evidence, reason}, deductions [sentences]}.
Json healthOf(const std::vector<Json>& freshness, const std::vector<Json>& incidents);

}  // namespace clxs::observability
