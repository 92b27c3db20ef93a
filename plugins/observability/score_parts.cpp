#include "plugins/observability/score_parts.hpp"

#include <algorithm>
#include <cmath>

namespace clxs::observability {

Json scoredPart(std::optional<double> score, double weight, Json evidence, std::string reason) {
  return {{"score", score ? Json(std::round(std::clamp(*score, 0.0, 100.0) * 10) / 10) : Json()},
          {"weight", weight},
          {"evidence", std::move(evidence)},
          {"reason", std::move(reason)}};
}

double incidentScore(const std::vector<Json>& incidents, const char* what,
                     std::vector<std::string>* deductions, IncidentCosts costs) {
  double score = 100;
  for (const auto& i : incidents) {
    const auto severity = i.value("severity", "");
    const double cost = severity == "critical" || severity == "high" ? costs.severe : costs.other;
    score -= cost;
    if (deductions) {
      deductions->push_back("−" + std::to_string(static_cast<int>(cost)) + " " + what + ": " +
                            i.value("title", ""));
    }
  }
  return std::max(0.0, score);
}

double freshnessScore(double hours, double allowanceHours) {
  if (allowanceHours <= 0) return hours <= 0 ? 100 : 0;
  if (hours <= allowanceHours) return 100;
  return std::max(0.0, 100 * (3 * allowanceHours - hours) / (2 * allowanceHours));
}

std::optional<WeightedScore> weighedScore(const Json& parts) {
  WeightedScore out;
  double weighted = 0;
  for (const auto& [name, p] : parts.items()) {
    if (p["score"].is_null() || p["weight"].get<double>() == 0) continue;
    weighted += p["score"].get<double>() * p["weight"].get<double>();
    out.weights += p["weight"].get<double>();
  }
  if (out.weights == 0) return std::nullopt;
  out.score = weighted / out.weights;
  return out;
}

}  // namespace clxs::observability
