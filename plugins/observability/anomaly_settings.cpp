#include "plugins/observability/anomaly_settings.hpp"

#include "clxs/error.hpp"

namespace clxs::observability {
namespace {

Json defaults() {
  return {{"baseline_window", 28},
          {"warning_threshold", 2.0},
          {"critical_threshold", 3.0},
          {"max_parallel_queries", 8},
          {"weekday_seasonality", false},
          {"system_table_sources",
           {{"billing", false}, {"compute", false}, {"query_history", false}, {"storage", false}}}};
}

}  // namespace

std::vector<Migration> AnomalySettings::migrations() {
  return {{3, "CREATE TABLE observability_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"}};
}

Model AnomalySettings::model() {
  const auto source = [](const char* what) { return Field::boolean().describe(what); };
  return Model("AnomalySettings")
      .field("baseline_window",
             Field::integer()
                 .min(kMinBaselinePoints)
                 .max(1000)
                 .describe("Past measurements a new one is judged against (anomalies left out)"))
      .field("warning_threshold",
             Field::number().min(0.1).max(100).describe(
                 "Robust z-score (|value − median| / scale) from which a value is a warning"))
      .field("critical_threshold",
             Field::number().min(0.1).max(100).describe("Robust z-score from which it is critical"))
      .field("weekday_seasonality",
             Field::boolean().describe(
                 "Judge a value against the same weekday's values once three of them exist "
                 "(series with a weekly rhythm), else against the trailing window"))
      .field("max_parallel_queries",
             Field::integer().min(1).max(64).describe("Tables measured at once"))
      .field("system_table_sources",
             Field::object({{"billing", source("Scan system.billing.usage")},
                            {"compute", source("Scan system.lakeflow.job_run_timeline")},
                            {"query_history", source("Scan system.query.history")},
                            {"storage", source("Judge the table sizes of volume snapshots")}})
                 .describe("System tables GET …/anomalies/system-tables reads"));
}

Json AnomalySettings::get() const {
  Json out = defaults();
  for (const auto& row : store_.query("SELECT key, value FROM observability_settings")) {
    const auto key = row.value("key", "");
    if (!out.contains(key)) continue;
    const auto value = Json::parse(row.value("value", ""), nullptr, false);
    if (value.is_discarded()) continue;
    if (out[key].is_object() && value.is_object()) {
      out[key].update(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

Json AnomalySettings::put(const Json& changes) {
  Json next = get();
  for (const auto& [key, value] : changes.items()) {
    if (!next.contains(key) || value.is_null()) continue;  // unknown fields are ignored
    if (next[key].is_object() && value.is_object()) {
      next[key].update(value);
    } else {
      next[key] = value;
    }
  }
  if (next["critical_threshold"].get<double>() < next["warning_threshold"].get<double>()) {
    throw unprocessable(Json::array({"body", "critical_threshold"}),
                        "critical_threshold must not be below warning_threshold (" +
                            next["warning_threshold"].dump() + ")",
                        "value_error");
  }
  for (const auto& [key, value] : changes.items()) {
    if (!next.contains(key) || value.is_null()) continue;
    store_.execute(
        "INSERT INTO observability_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
        "UPDATE SET value = excluded.value",
        {key, next[key].dump()});
  }
  return get();
}

AnomalySettings::InEffect AnomalySettings::inEffect() const {
  const auto s = get();
  return {{s["warning_threshold"].get<double>(), s["critical_threshold"].get<double>()},
          s["baseline_window"].get<std::size_t>(),
          s["weekday_seasonality"].get<bool>()};
}

}  // namespace clxs::observability
