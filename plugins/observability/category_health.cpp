#include "plugins/observability/category_health.hpp"

#include <cmath>
#include <set>

#include "clxs/clock.hpp"
#include "clxs/text.hpp"

namespace clxs::observability {
namespace {

using TimePoint = std::chrono::system_clock::time_point;

// How a category gets evidence, said when it has none.
const char* evidenceHint(const std::string& category) {
  if (category == "freshness") return "monitor tables with the freshness metric";
  if (category == "volume") return "take volume snapshots or record row_count";
  if (category == "anomaly") return "monitor tables or record metrics";
  if (category == "sla") return "no SLA or contract results have been reported";
  return "run data-quality checks";
}

bool atOrBefore(const std::string& iso, TimePoint at) {
  const auto t = parseIsoUtc(iso);
  return t && *t <= at;
}

bool unresolvedAt(const Json& incident, TimePoint at) {
  if (!atOrBefore(incident.value("opened_at", ""), at)) return false;
  const auto& resolved = incident.contains("resolved_at") ? incident["resolved_at"] : Json();
  return !resolved.is_string() || !atOrBefore(resolved.get<std::string>(), at);
}

std::string statusOf(const Json& score) {
  if (!score.is_number()) return "unknown";
  const double s = score.get<double>();
  return s >= 90 ? "healthy" : s >= 70 ? "warning" : "critical";
}

}  // namespace

const std::vector<CategoryWeight>& observabilityCategories() {
  static const std::vector<CategoryWeight> kCategories{
      {"freshness", 0.25}, {"volume", 0.15}, {"anomaly", 0.20}, {"sla", 0.25}, {"dq", 0.15}};
  return kCategories;
}

std::optional<std::string> categoryOf(const Json& incident) {
  const auto source = incident.value("source", "");
  if (source == "freshness") return "freshness";
  if (source == "volume") return "volume";
  if (source == "anomaly") {
    return incident.value("source_ref", "").ends_with(":row_count") ? "volume" : "anomaly";
  }
  if (source == "sla" || source == "contract") return "sla";
  if (source == "recon") return std::nullopt;
  return "dq";
}

void observe(ObservedTables& observed, const std::string& category, const std::string& table,
             const std::string& at) {
  auto& first = observed[category][lowerAscii(table)];
  const auto t = parseIsoUtc(at);
  const auto current = parseIsoUtc(first);
  if (t && (!current || *t < *current)) first = at;
}

Json categoryHealthAt(ObservedTables observed, const std::vector<Json>& incidents, TimePoint at) {
  std::map<std::string, std::set<std::string>> failing;
  std::map<std::string, int> open;
  for (const auto& i : incidents) {
    const auto category = categoryOf(i);
    if (!category) continue;
    const auto table = lowerAscii(i.value("table_fqn", ""));
    observe(observed, *category, table, i.value("opened_at", ""));
    if (!unresolvedAt(i, at)) continue;
    failing[*category].insert(table);
    ++open[*category];
  }
  Json categories = Json::array();
  double weighted = 0, weights = 0;
  for (const auto& [name, weight] : observabilityCategories()) {
    std::size_t seen = 0;
    for (const auto& [table, first] : observed[name]) seen += atOrBefore(first, at) ? 1 : 0;
    const auto bad = failing[name].size();
    Json c{{"category", name},
           {"weight", weight},
           {"observed_tables", seen},
           {"failing_tables", bad},
           {"open_incidents", open[name]}};
    if (seen == 0) {
      c["score"] = nullptr;
      c["reason"] = std::string("no evidence: ") + evidenceHint(name);
    } else {
      const double score = 100.0 * static_cast<double>(seen - bad) / static_cast<double>(seen);
      c["score"] = std::round(score * 10) / 10;
      c["reason"] = std::to_string(bad) + " of " + std::to_string(seen) +
                    " observed tables have an unresolved " + name + " incident";
      weighted += weight * score;
      weights += weight;
    }
    categories.push_back(std::move(c));
  }
  const Json score = weights > 0 ? Json(std::lround(weighted / weights)) : Json();
  return {{"health_score", score}, {"status", statusOf(score)}, {"categories", categories}};
}

Json dailyHealth(const ObservedTables& observed, const std::vector<Json>& incidents, TimePoint now,
                 int days) {
  Json points = Json::array();
  const auto today = std::chrono::floor<std::chrono::days>(now);
  for (int back = days - 1; back >= 0; --back) {
    const auto day = today - std::chrono::days(back);
    const TimePoint end =
        back == 0 ? now : TimePoint(day + std::chrono::days(1)) - std::chrono::milliseconds(1);
    const auto h = categoryHealthAt(observed, incidents, end);
    Json scores = Json::object();
    for (const auto& c : h["categories"]) scores[c["category"].get<std::string>()] = c["score"];
    points.push_back({{"date", isoUtc(TimePoint(day)).substr(0, 10)},
                      {"health_score", h["health_score"]},
                      {"status", h["status"]},
                      {"categories", scores}});
  }
  return points;
}

}  // namespace clxs::observability
