#include "plugins/observability/system_table_scan.hpp"

#include <functional>
#include <map>

#include "clxs/clock.hpp"
#include "clxs/http.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {
namespace {

using TimePoint = std::chrono::system_clock::time_point;

std::string dayOf(TimePoint t) {
  return isoUtc(t).substr(0, 10);
}

std::string textOf(const Json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// Every day from `first` to `last` (YYYY-MM-DD), for series where a missing day means zero.
std::vector<std::string> daysBetween(TimePoint first, TimePoint last) {
  std::vector<std::string> out;
  for (auto d = std::chrono::floor<std::chrono::days>(first); d <= last; d += std::chrono::days(1))
    out.push_back(dayOf(TimePoint(d)));
  return out;
}

DailySeries zeroFilled(const std::map<std::string, double>& values,
                       const std::vector<std::string>& days) {
  DailySeries out;
  for (const auto& d : days) {
    const auto it = values.find(d);
    out.emplace_back(d, it == values.end() ? 0.0 : it->second);
  }
  return out;
}

struct SourceResult {
  Json series = Json::array();     // what was judged
  Json anomalies = Json::array();  // the anomalies found, each with its source and series

  // Judges the days of `values` the scan asks about and keeps the anomalies, named.
  void judge(const char* source, const Json& name, const DailySeries& values,
             const SystemTableScan& s) {
    series.push_back(name);
    const auto from = dayOf(s.now - std::chrono::days(s.days - 1));
    for (auto& a : dailyAnomalies(values, from, s.window, s.thresholds)) {
      a["source"] = source;
      a["series"] = name;
      anomalies.push_back(std::move(a));
    }
  }
};

SourceResult billing(Workspace& ws, const SystemTableScan& s, TimePoint since,
                     const CallOptions& call) {
  const auto r = ws.sql().execute(
      "SELECT CAST(usage_date AS STRING) AS day, sku_name, sum(usage_quantity) AS quantity FROM "
      "system.billing.usage WHERE usage_date >= CAST(:since AS DATE) GROUP BY usage_date, "
      "sku_name ORDER BY sku_name, day",
      {{"since", dayOf(since)}}, call);
  std::map<std::string, std::map<std::string, double>> bySku;
  for (const auto& row : r.rows) {
    bySku[textOf(row.at(1))][textOf(row.at(0))] = numberOf(row.at(2)).value_or(0);
  }
  SourceResult out;
  const auto days = daysBetween(since, s.now);
  for (const auto& [sku, values] : bySku) {
    out.judge("billing", {{"sku_name", sku}, {"metric", "usage_quantity"}},
              zeroFilled(values, days), s);
  }
  return out;
}

SourceResult queryHistory(Workspace& ws, const SystemTableScan& s, TimePoint since,
                          const CallOptions& call) {
  const auto r = ws.sql().execute(
      "SELECT CAST(to_date(start_time) AS STRING) AS day, count_if(execution_status = "
      "'FAILED') AS failed, percentile_approx(total_duration_ms, 0.95) AS p95_ms FROM "
      "system.query.history WHERE start_time >= CAST(:since AS TIMESTAMP) GROUP BY "
      "to_date(start_time) ORDER BY day",
      {{"since", isoUtc(since)}}, call);
  std::map<std::string, double> failed;
  DailySeries p95;
  for (const auto& row : r.rows) {
    failed[textOf(row.at(0))] = numberOf(row.at(1)).value_or(0);
    if (const auto v = numberOf(row.at(2))) p95.emplace_back(textOf(row.at(0)), *v);
  }
  SourceResult out;
  out.judge("query_history", {{"metric", "failed_statements"}},
            zeroFilled(failed, daysBetween(since, s.now)), s);
  out.judge("query_history", {{"metric", "p95_duration_ms"}}, p95, s);
  return out;
}

// Cluster failures are not in the system tables (system.compute.clusters keeps
// configurations); what failed on compute is the job runs that ended in failure.
SourceResult failedRuns(Workspace& ws, const SystemTableScan& s, TimePoint since,
                        const CallOptions& call) {
  const auto r = ws.sql().execute(
      "SELECT CAST(to_date(period_end_time) AS STRING) AS day, count_if(result_state IN "
      "('FAILED', 'ERROR', 'TIMED_OUT')) AS failed FROM system.lakeflow.job_run_timeline WHERE "
      "period_end_time >= CAST(:since AS TIMESTAMP) GROUP BY to_date(period_end_time) ORDER BY "
      "day",
      {{"since", isoUtc(since)}}, call);
  std::map<std::string, double> failed;
  for (const auto& row : r.rows) failed[textOf(row.at(0))] = numberOf(row.at(1)).value_or(0);
  SourceResult out;
  out.judge("compute", {{"metric", "failed_job_runs"}},
            zeroFilled(failed, daysBetween(since, s.now)), s);
  return out;
}

SourceResult storage(const VolumeStore& volumes, const SystemTableScan& s, TimePoint since) {
  std::map<std::string, DailySeries> byCatalog;
  for (const auto& row : volumes.dailySizes(isoUtc(since))) {
    byCatalog[row.value("catalog", "")].emplace_back(row.value("day", ""),
                                                     numberOf(row["size_bytes"]).value_or(0));
  }
  SourceResult out;
  for (const auto& [catalog, series] : byCatalog) {
    out.judge("storage", {{"catalog", catalog}, {"metric", "size_bytes"}}, series, s);
  }
  return out;
}

}  // namespace

Json dailyAnomalies(const DailySeries& series, const std::string& from, std::size_t window,
                    const AnomalyThresholds& thresholds) {
  Json out = Json::array();
  std::vector<double> baseline;  // points not flagged, oldest first
  for (const auto& [day, value] : series) {
    const std::vector<double> recent(
        baseline.end() - static_cast<std::ptrdiff_t>(std::min(window, baseline.size())),
        baseline.end());
    const auto v = judge(recent, value, thresholds);
    if (day >= from && !v.severity.empty()) {
      out.push_back({{"date", day},
                     {"value", value},
                     {"expected_low", v.expectedLow.value_or(0)},
                     {"expected_high", v.expectedHigh.value_or(0)},
                     {"score", v.score},
                     {"direction", v.direction},
                     {"severity", v.severity}});
      continue;  // flagged points stay out of later baselines
    }
    baseline.push_back(value);
  }
  return out;
}

Json scanSystemTables(Workspace& ws, const VolumeStore& volumes, const SystemTableScan& scan,
                      const CallOptions& call) {
  const TimePoint since =
      scan.now - std::chrono::days(scan.days - 1 + static_cast<int>(scan.window));
  Json sources = Json::object();
  Json all = Json::array();
  const auto run = [&](const char* name, const std::function<SourceResult()>& measure) {
    const bool enabled = scan.sources.value(name, false);
    Json s{{"enabled", enabled}, {"series", Json::array()}, {"anomalies", Json::array()}};
    if (!enabled) {
      s["status"] = "disabled";
      s["reason"] = std::string(
                        "enable it with PUT /api/data-quality/anomaly-settings "
                        "{\"system_table_sources\": {\"") +
                    name + "\": true}}";
      sources[name] = s;
      return;
    }
    try {
      auto r = measure();
      s["status"] = "ok";
      s["series"] = r.series;
      s["anomalies"] = r.anomalies;
      for (const auto& a : r.anomalies) all.push_back(a);
    } catch (const WorkspaceError& e) {
      if (e.interrupts()) throw;
      // A workspace without the system table (the local one has no billing) is not an error
      // of the scan; any other failure is reported as such, never swallowed.
      s["status"] = e.errorClass() == WorkspaceErrorClass::NotFound ? "unavailable" : "error";
      s["reason"] = e.what();
    }
    sources[name] = s;
  };
  run("billing", [&] { return billing(ws, scan, since, call); });
  run("query_history", [&] { return queryHistory(ws, scan, since, call); });
  run("storage", [&] { return storage(volumes, scan, since); });
  run("compute", [&] { return failedRuns(ws, scan, since, call); });
  return {{"days", scan.days},
          {"sources", sources},
          {"anomalies", all},
          {"total_anomalies", all.size()}};
}

void registerSystemTableRoute(Routes& routes, std::shared_ptr<AnomalySettings> settings,
                              std::shared_ptr<VolumeStore> volumes, const Clock& clock) {
  const Clock* clk = &clock;
  routes.get("/api/data-quality/anomalies/system-tables")
      .summary("Anomalies in the workspace's own usage")
      .description(
          "Per source enabled in anomaly-settings' system_table_sources: billing (daily "
          "usage_quantity per SKU from system.billing.usage), compute (failed job runs per day "
          "from system.lakeflow.job_run_timeline), query_history (failed statements and p95 "
          "duration per day from system.query.history) and storage (daily size of the tables "
          "volume snapshots measured, per catalog). Each of the last `days` days is judged "
          "against the baseline_window days before it (median and MAD, anomalies left out). "
          "A source the workspace lacks is `unavailable` with the reason. Nothing is stored.")
      .returns(systemTableScanModel())
      .query("days", Field::integer().min(1).max(90).defaultsTo(7).describe("Days judged"))
      .handle([settings, volumes, clk](const Request& req) {
        const auto stored = settings->get();
        const auto effect = settings->inEffect();
        SystemTableScan scan{stored["system_table_sources"],
                             static_cast<int>(queryNumber(req, "days", 7)), effect.window,
                             effect.thresholds, clk->now()};
        auto ws = req.workspace();
        auto out = scanSystemTables(*ws, *volumes, scan,
                                    callOptions(req, *clk, std::chrono::seconds(120)));
        out["checked_at"] = isoUtc(scan.now);
        return out;
      });
}

}  // namespace clxs::observability
