#include "plugins/quality/quality_settings.hpp"

#include "plugins/quality/store_values.hpp"

namespace clxs::quality {

namespace {

// Each setting with its default, as the original and DQX's profiler name them.
Json defaults() {
  return Json{{"sample_fraction", 0.3},
              {"max_in_count", 10},
              {"distinct_ratio", 0.05},
              {"max_null_ratio", 0.01},
              {"max_empty_ratio", 0.01},
              {"remove_outliers", true},
              {"num_sigmas", 3},
              {"trim_strings", true},
              {"limit", 1000},
              {"max_parallelism", 4},
              {"pass_rate_threshold", 95},
              {"quarantine_table", nullptr},
              {"failure_sample_limit", 100},
              {"spark_cluster_id", nullptr},
              {"spark_serverless", true}};
}

}  // namespace

std::vector<Migration> QualitySettings::migrations() {
  return {{4, "CREATE TABLE quality_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"}};
}

Model QualitySettings::model() {
  return Model("DqxSettings")
      .field("sample_fraction",
             Field::number().min(0).max(1).describe("Share of rows profiling reads (0–1]"))
      .field("max_in_count",
             Field::integer().min(1).max(1000).describe("Most distinct values for an is_in_list"))
      .field("distinct_ratio",
             Field::number().min(0).max(1).describe("Distinct share under which values are a list"))
      .field("max_null_ratio",
             Field::number().min(0).max(1).describe("Null share under which is_not_null is made"))
      .field("max_empty_ratio",
             Field::number().min(0).max(1).describe("Empty share under which is_not_empty is made"))
      .field("remove_outliers", Field::boolean().describe("Trim outliers from generated ranges"))
      .field("num_sigmas", Field::number().min(0).max(100).describe("Outlier width"))
      .field("trim_strings", Field::boolean().describe("Trim strings before emptiness checks"))
      .field("limit", Field::integer().min(1).max(1'000'000).describe("Profiling row limit"))
      .field("max_parallelism", Field::integer().min(1).max(16).describe("Tables at once"))
      .field("pass_rate_threshold",
             Field::number().min(0).max(100).describe("Pass rate (%) a table needs in run-all"))
      .field("quarantine_table",
             Field::string().nullable().describe("Default table for quarantined rows"))
      .field("failure_sample_limit",
             Field::integer().min(0).max(100).describe("Failing rows kept per check (≤ 100)"))
      .field("spark_cluster_id",
             Field::string().nullable().describe("Kept for the original's clients"))
      .field("spark_serverless", Field::boolean().describe("Kept for the original's clients"));
}

Json QualitySettings::get() {
  Json out = defaults();
  for (const auto& row : store_.query("SELECT key, value FROM quality_settings")) {
    const std::string key = textOf(row["key"]);
    if (!out.contains(key)) continue;
    const auto value = Json::parse(textOf(row["value"]), nullptr, false);
    if (!value.is_discarded()) out[key] = value;
  }
  return out;
}

std::int64_t QualitySettings::samplesPerCheck() {
  return static_cast<std::int64_t>(numberOf(get().value("failure_sample_limit", Json()), 100));
}

Json QualitySettings::put(const Json& changes) {
  const Json known = defaults();
  for (const auto& [key, value] : changes.items()) {
    if (!known.contains(key)) continue;  // unknown fields are ignored, as everywhere
    store_.execute(
        "INSERT INTO quality_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
        "SET value = excluded.value",
        {key, value.dump()});
  }
  return get();
}

}  // namespace clxs::quality
