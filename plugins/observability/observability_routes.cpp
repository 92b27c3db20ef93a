#include "plugins/observability/observability_routes.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/category_health.hpp"
#include "plugins/observability/lineage_links.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {
namespace {

// Downstream lineage is read for at most this many tables per issues listing.
constexpr std::size_t kBlastRadiusTables = 20;

bool inCatalog(const std::string& table, const std::string& catalog) {
  return catalog.empty() || lowerAscii(table).starts_with(lowerAscii(catalog) + ".");
}

// Every incident (of `catalog` when given) and the tables observed per category.
struct Snapshot {
  std::vector<Json> incidents;
  ObservedTables observed;
};

Snapshot snapshotOf(const ObservabilityEvidence& e, const std::string& catalog) {
  Snapshot s;
  for (auto& i : e.incidents->activeSince("")) {
    if (inCatalog(i.value("table_fqn", ""), catalog)) s.incidents.push_back(std::move(i));
  }
  for (const auto& m : e.metrics->firstMeasured()) {
    const auto table = m.value("table_key", "");
    if (!inCatalog(table, catalog)) continue;
    observe(s.observed, m.value("row_count", 0) == 1 ? "volume" : "anomaly", table,
            m.value("first_at", ""));
  }
  for (const auto& c : e.monitors->list()) {
    const bool freshness =
        std::find(c.metrics.begin(), c.metrics.end(), "freshness") != c.metrics.end();
    if (freshness && !c.lastRunAt.empty() && inCatalog(c.tableFqn, catalog))
      observe(s.observed, "freshness", c.tableFqn, c.createdAt);
  }
  return s;
}

// Unresolved incidents ranked by severity, then by how many tables they reach downstream,
// then by age (older first).
Json rankedIssues(const Snapshot& s, const Services& services, const Request& req,
                  const Clock& clock, std::size_t limit) {
  std::vector<Json> open;
  for (const auto& i : s.incidents) {
    if (i.value("status", "") != "resolved") open.push_back(i);
  }
  std::stable_sort(open.begin(), open.end(), [](const Json& a, const Json& b) {
    const int ra = severityRank(a.value("severity", "")),
              rb = severityRank(b.value("severity", ""));
    if (ra != rb) return ra > rb;
    return a.value("opened_at", "") < b.value("opened_at", "");
  });
  std::map<std::string, Json> blast;
  std::string lineageNote;
  if (!open.empty()) {
    auto ws = req.workspace();
    const auto options = callOptions(req, clock, std::chrono::seconds(60));
    for (const auto& i : open) {
      const auto table = lowerAscii(i.value("table_fqn", ""));
      if (blast.count(table)) continue;
      if (blast.size() == kBlastRadiusTables || !lineageNote.empty()) break;
      const auto down =
          lookupLineage(services, *ws, table, services::LineageDirection::Downstream, 3, options);
      if (!down.walk) {
        lineageNote = down.reason;
        break;
      }
      blast[table] = down.walk->tables.size();
    }
  }
  const auto now = clock.now();
  for (auto& i : open) {
    const auto table = lowerAscii(i.value("table_fqn", ""));
    const auto b = blast.find(table);
    i["blast_radius"] = b == blast.end() ? Json() : b->second;
    i["category"] = categoryOf(i).value_or("reconciliation");
    const auto opened = parseIsoUtc(i.value("opened_at", ""));
    i["age_hours"] =
        opened ? Json(std::round(std::chrono::duration<double>(now - *opened).count() / 360) / 10)
               : Json();
  }
  std::stable_sort(open.begin(), open.end(), [](const Json& a, const Json& b) {
    const int ra = severityRank(a.value("severity", "")),
              rb = severityRank(b.value("severity", ""));
    if (ra != rb) return ra > rb;
    const auto ba = a["blast_radius"].is_number() ? a["blast_radius"].get<int>() : -1;
    const auto bb = b["blast_radius"].is_number() ? b["blast_radius"].get<int>() : -1;
    if (ba != bb) return ba > bb;
    return a.value("opened_at", "") < b.value("opened_at", "");
  });
  const auto total = open.size();
  if (open.size() > limit) open.resize(limit);
  Json out{{"issues", open}, {"total_open", total}};
  if (!lineageNote.empty()) out["lineage_note"] = lineageNote;
  return out;
}

Json summaryOf(const Snapshot& s) {
  Json bySeverity{{"critical", 0}, {"high", 0}, {"medium", 0}, {"low", 0}};
  int open = 0;
  for (const auto& i : s.incidents) {
    if (i.value("status", "") == "resolved") continue;
    ++open;
    const auto sev = i.value("severity", "low");
    if (bySeverity.contains(sev)) bySeverity[sev] = bySeverity[sev].get<int>() + 1;
  }
  std::set<std::string> tables;
  for (const auto& [category, seen] : s.observed) {
    for (const auto& [table, first] : seen) tables.insert(table);
  }
  for (const auto& i : s.incidents) tables.insert(lowerAscii(i.value("table_fqn", "")));
  return {{"tables_observed", tables.size()},
          {"open_incidents", open},
          {"open_by_severity", bySeverity}};
}

Field catalogParam() {
  return Field::string().identifier().describe("Only the tables of this catalog");
}

Json weightsJson() {
  Json w = Json::object();
  for (const auto& [name, weight] : observabilityCategories()) w[name] = weight;
  return w;
}

}  // namespace

void registerObservabilityRoutes(Routes& routes, const Services& services,
                                 ObservabilityEvidence evidence, const Clock& clock) {
  const Clock* clk = &clock;
  const Services* svc = &services;
  auto e = std::make_shared<ObservabilityEvidence>(std::move(evidence));
  routes.get("/api/observability/dashboard")
      .summary("Observability dashboard")
      .description(
          "The composite health score, a summary of open incidents, the top issues and the "
          "five categories (freshness 0.25, volume 0.15, anomaly 0.20, SLA 0.25, data quality "
          "0.15), each the share of its observed tables without an unresolved incident of its "
          "kind; categories without evidence are left out of the score and say why.")
      .returns(observabilityDashboardModel())
      .query("catalog", catalogParam())
      .query("limit", Field::integer().min(1).max(100).defaultsTo(5).describe("Top issues"))
      .handle([e, svc, clk](const Request& req) {
        const auto s = snapshotOf(*e, queryText(req, "catalog"));
        const auto now = clk->now();
        auto health = categoryHealthAt(s.observed, s.incidents, now);
        const auto issues = rankedIssues(s, *svc, req, *clk,
                                         static_cast<std::size_t>(queryNumber(req, "limit", 5)));
        Json out{{"health_score", health["health_score"]},
                 {"status", health["status"]},
                 {"summary", summaryOf(s)},
                 {"top_issues", issues["issues"]},
                 {"categories", health["categories"]},
                 {"weights", weightsJson()},
                 {"computed_at", isoUtc(now)}};
        if (issues.contains("lineage_note")) out["lineage_note"] = issues["lineage_note"];
        return out;
      });

  routes.get("/api/observability/health-score")
      .summary("Composite health score (0–100)")
      .description("The dashboard's score alone: null with status unknown without evidence.")
      .returns(observabilityScoreModel())
      .query("catalog", catalogParam())
      .handle([e, clk](const Request& req) {
        const auto s = snapshotOf(*e, queryText(req, "catalog"));
        const auto now = clk->now();
        const auto health = categoryHealthAt(s.observed, s.incidents, now);
        std::size_t withEvidence = 0;
        for (const auto& c : health["categories"]) withEvidence += c["score"].is_null() ? 0 : 1;
        return Json{{"health_score", health["health_score"]},
                    {"status", health["status"]},
                    {"categories_with_evidence", withEvidence},
                    {"computed_at", isoUtc(now)}};
      });

  routes.get("/api/observability/issues")
      .summary("Top open issues")
      .description(
          "Unresolved incidents of every source, ranked by severity, then by the tables they "
          "reach downstream (lineage plugin; null without it), then by age, oldest first.")
      .returns(observabilityIssuesModel())
      .query("catalog", catalogParam())
      .query("limit", Field::integer().min(1).max(500).defaultsTo(10).describe("Most issues"))
      .handle([e, svc, clk](const Request& req) {
        const auto s = snapshotOf(*e, queryText(req, "catalog"));
        return rankedIssues(s, *svc, req, *clk,
                            static_cast<std::size_t>(queryNumber(req, "limit", 10)));
      });

  routes.get("/api/observability/trends/{metric}")
      .summary("Daily trend of one category or of the composite")
      .description(
          "The score at the end of each of the last `days` UTC days (today: now), recomputed "
          "from the incidents open then and the tables observed by then.")
      .returns(observabilityTrendModel())
      .pathParam("metric", Field::string()
                               .required()
                               .oneOf({"freshness", "volume", "anomaly", "sla", "dq", "health"})
                               .describe("freshness, volume, anomaly, sla, dq or health"))
      .query("catalog", catalogParam())
      .query("days", Field::integer().min(1).max(90).defaultsTo(7).describe("Days back"))
      .handle([e, clk](const Request& req) {
        const auto metric = req.param("metric");
        const auto days = static_cast<int>(queryNumber(req, "days", 7));
        const auto s = snapshotOf(*e, queryText(req, "catalog"));
        Json points = Json::array();
        for (const auto& p : dailyHealth(s.observed, s.incidents, clk->now(), days)) {
          points.push_back(
              {{"date", p["date"]},
               {"value", metric == "health" ? p["health_score"] : p["categories"][metric]}});
        }
        return Json{{"metric", metric}, {"days", days}, {"points", points}};
      });

  routes.get("/api/observability/category-health")
      .summary("Health per category, with weights")
      .returns(observabilityCategoriesModel())
      .query("catalog", catalogParam())
      .handle([e, clk](const Request& req) {
        const auto s = snapshotOf(*e, queryText(req, "catalog"));
        const auto now = clk->now();
        const auto health = categoryHealthAt(s.observed, s.incidents, now);
        return Json{{"categories", health["categories"]},
                    {"weights", weightsJson()},
                    {"health_score", health["health_score"]},
                    {"computed_at", isoUtc(now)}};
      });

  routes.get("/api/data-quality/health/trend")
      .summary("Daily health scores for the trend chart")
      .description(
          "The observability health score at the end of each of the last `days` UTC "
          "days, with each category's score.")
      .returns(healthTrendModel())
      .query("catalog", catalogParam())
      .query("days", Field::integer().min(1).max(90).defaultsTo(7).describe("Days back"))
      .handle([e, clk](const Request& req) {
        const auto days = static_cast<int>(queryNumber(req, "days", 7));
        const auto s = snapshotOf(*e, queryText(req, "catalog"));
        return Json{{"days", days},
                    {"trend", dailyHealth(s.observed, s.incidents, clk->now(), days)}};
      });
}

}  // namespace clxs::observability
