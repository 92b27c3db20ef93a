#include "plugins/observability/copq_config.hpp"

#include <cmath>
#include <string>

#include "clxs/error.hpp"

namespace clxs::observability {
namespace {

constexpr const char* kCopqKeyPrefix = "copq.";

Json copqDefaults() {
  const CopqRates d;
  return {{"hourly_engineer_cost", d.hourlyEngineerCost},
          {"per_rerun_cost", d.perRerunCost},
          {"sla_breach_penalty", d.slaBreachPenalty},
          {"downstream_disruption_cost", d.downstreamDisruptionCost},
          {"avg_responders_per_incident", d.avgRespondersPerIncident},
          {"default_resolution_hours", d.defaultResolutionHours}};
}

}  // namespace

Model CopqConfig::model() {
  const auto amount = [](const char* what) { return Field::number().min(0).describe(what); };
  return Model("CopqConfig")
      .field("hourly_engineer_cost", amount("Cost of one engineer hour (75.0)"))
      .field("per_rerun_cost", amount("Cost of one re-run of a failing check or load (25.0)"))
      .field("sla_breach_penalty", amount("Cost of an incident that breached an SLA (500.0)"))
      .field("downstream_disruption_cost",
             amount("Cost per table downstream of the incident's table (100.0)"))
      .field("avg_responders_per_incident", amount("Engineers working an incident (2)"))
      .field("default_resolution_hours",
             amount("Hours charged for an incident that is not resolved yet (2)"));
}

Json CopqConfig::get() const {
  Json out = copqDefaults();
  for (const auto& row :
       store_.query("SELECT key, value FROM observability_settings WHERE key LIKE 'copq.%'")) {
    const auto key = row.value("key", "").substr(std::string(kCopqKeyPrefix).size());
    if (!out.contains(key)) continue;
    const auto value = Json::parse(row.value("value", ""), nullptr, false);
    if (value.is_number()) out[key] = value;
  }
  return out;
}

Json CopqConfig::put(const Json& changes) {
  if (!changes.is_object()) {
    throw unprocessable(Json::array({"body"}), "The body must be a JSON object");
  }
  const auto known = copqDefaults();
  // Everything is checked before anything is stored, so a refused PUT changes nothing.
  for (const auto& [key, value] : changes.items()) {
    const Json loc = Json::array({"body", key});
    if (!known.contains(key)) {
      std::string names;
      for (const auto& [k, v] : known.items()) names += (names.empty() ? "" : ", ") + k;
      throw unprocessable(loc, "Unknown field " + key + " (known: " + names + ")",
                          "extra_forbidden");
    }
    if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0) {
      throw unprocessable(loc, key + " must be a finite number ≥ 0, not " + value.dump());
    }
  }
  for (const auto& [key, value] : changes.items()) {
    store_.execute(
        "INSERT INTO observability_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
        "UPDATE SET value = excluded.value",
        {kCopqKeyPrefix + key, value.dump()});
  }
  return get();
}

CopqRates CopqConfig::rates() const {
  const auto c = get();
  return {
      c["hourly_engineer_cost"].get<double>(),        c["per_rerun_cost"].get<double>(),
      c["sla_breach_penalty"].get<double>(),          c["downstream_disruption_cost"].get<double>(),
      c["avg_responders_per_incident"].get<double>(), c["default_resolution_hours"].get<double>()};
}

}  // namespace clxs::observability
