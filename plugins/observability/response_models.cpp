#include "plugins/observability/response_models.hpp"

#include <string>
#include <utility>
#include <vector>

namespace clxs::observability {
namespace {

using Properties = std::vector<std::pair<std::string, Field>>;

Field text(const char* what) {
  return Field::string().required().describe(what);
}
Field maybeText(const char* what) {
  return Field::string().required().nullable().describe(what);
}
Field count(const char* what) {
  return Field::integer().required().describe(what);
}
Field maybeCount(const char* what) {
  return Field::integer().required().nullable().describe(what);
}
Field hours(const char* what) {
  return Field::number().required().nullable().describe(what);
}
Field flag(const char* what) {
  return Field::boolean().required().describe(what);
}

// What freshnessOf() answers for one table.
Properties freshnessFields() {
  return {{"status", text("fresh, stale or unknown")},
          {"last_modified", maybeText("Time of the last data commit")},
          {"last_data_operation", maybeText("Its operation (WRITE, MERGE, …)")},
          {"last_data_version", maybeCount("Its version")},
          {"hours_since_update", hours("Hours since it")},
          {"is_stale", flag("Older than max_stale_hours")},
          {"median_commit_gap_hours", hours("Median gap between data commits (3 needed)")},
          {"is_late", flag("Later than cadence_factor × that median")},
          {"data_commits_read", count("Data commits among the history read")},
          {"reason", maybeText("Why the status is unknown")}};
}

Field freshnessTable() {
  auto p = Properties{{"table_fqn", text("catalog.schema.table")},
                      {"catalog", text("Catalog")},
                      {"schema_name", text("Schema")},
                      {"table_name", text("Table")},
                      {"table_type", text("MANAGED, EXTERNAL, …")}};
  for (auto& f : freshnessFields()) p.push_back(std::move(f));
  return Field::object(std::move(p));
}

void counts(Model& m) {
  m.field("total_tables", count("Tables measured"))
      .field("fresh", count("Fresh"))
      .field("stale", count("Stale"))
      .field("unknown", count("Without a readable data commit"))
      .field("late", count("Late against their cadence (any status)"));
}

Field volumeTable() {
  return Field::object({{"table_fqn", text("catalog.schema.table")},
                        {"row_count", count("Rows")},
                        {"size_bytes", maybeCount("Storage size")},
                        {"source", text("delta_statistics (no scan) or count")},
                        {"previous_row_count", maybeCount("Rows at the newest snapshot")},
                        {"previous_measured_at", maybeText("When that snapshot was taken")},
                        {"change", maybeCount("Rows since that snapshot")},
                        {"change_pct", hours("Change in %, null from zero rows")}});
}

Properties measurementFields() {
  return {{"id", count("Measurement id")},
          {"table_fqn", text("catalog.schema.table")},
          {"column_name", text("Column, * for the table")},
          {"metric_name", text("Metric")},
          {"value", Field::number().required().describe("Value")},
          {"measured_at", text("When recorded")},
          {"measured_by", text("Who recorded it")},
          {"source", text("api or volume_snapshot")},
          {"baseline_points", count("Past values judged against")},
          {"insufficient_history", flag("Fewer than 7 past values: not judged")},
          {"baseline_median", hours("Median of the baseline")},
          {"baseline_scale", hours("max(1.4826 × MAD, 1 % of |median|, 1)")},
          {"baseline_mean", hours("baseline_median, under the original's name")},
          {"baseline_stddev", hours("baseline_scale, under the original's name")},
          {"expected_low", hours("Lower end of the band (warning threshold)")},
          {"expected_high", hours("Upper end of the band")},
          {"z_score", Field::number().required().describe("|value − median| / scale")},
          {"is_anomaly", flag("At or past the warning threshold")},
          {"severity", maybeText("warning or critical")},
          {"direction", maybeText("up or down")},
          {"anomaly_id", maybeText("The anomaly opened")}};
}

Field measurements(const char* what) {
  return Field::array(Field::object(measurementFields())).required().describe(what);
}

}  // namespace

Model measurementModel() {
  Model m("MetricMeasurementResult");
  for (auto& [name, field] : measurementFields()) m.field(name, std::move(field));
  return m;
}

Model anomalyListModel() {
  auto item = measurementFields();
  item.emplace_back("status", text("open, acknowledged or resolved"));
  return Model("AnomalyList")
      .field("anomalies",
             Field::array(Field::object(std::move(item))).required().describe("Newest first"))
      .field("count", count("How many"));
}

Model metricSeriesModel() {
  return Model("MetricSeries")
      .field("table_fqn", text("catalog.schema.table"))
      .field("metric_name", maybeText("Metric asked for"))
      .field("measurements", measurements("Oldest first"));
}

Model recentMetricsModel() {
  return Model("RecentMetrics")
      .field("metrics", measurements("Newest first"))
      .field("count", count("How many"));
}

Model freshnessReportModel() {
  Model m("FreshnessReport");
  m.field("catalog", text("Catalog"))
      .field("schema_filter", maybeText("Schema measured alone"))
      .field("max_stale_hours", Field::number().required().describe("Threshold used"))
      .field("cadence_factor", Field::number().required().describe("Factor used"))
      .field("checked_at", text("When measured"));
  counts(m);
  m.field("tables", Field::array(freshnessTable()).required().describe("Per table"));
  return m;
}

Model freshnessSummaryModel() {
  Model m("FreshnessSummary");
  m.field("max_stale_hours", Field::number().required().describe("Threshold used"))
      .field("checked_at", text("When measured"));
  counts(m);
  m.field("catalogs", Field::array(Field::object({{"catalog", text("Catalog")},
                                                  {"total_tables", count("Tables")},
                                                  {"fresh", count("Fresh")},
                                                  {"stale", count("Stale")},
                                                  {"unknown", count("Unknown")},
                                                  {"late", count("Late")}}))
                          .required()
                          .describe("Per catalog"));
  return m;
}

Model freshnessHistoryModel() {
  return Model("FreshnessHistory")
      .field("table_fqn", text("catalog.schema.table"))
      .field("max_stale_hours", Field::number().required().describe("Threshold used"))
      .field("commits_read", count("Commits of the history read"))
      .field("current", Field::object(freshnessFields()).required().describe("Freshness now"))
      .field("snapshots",
             Field::array(
                 Field::object({{"table_fqn", text("catalog.schema.table")},
                                {"version", count("Version of the data commit")},
                                {"operation", text("Its operation")},
                                {"last_modified", text("Its time")},
                                {"hours_since_update", hours("Gap since the data commit before")},
                                {"is_stale", flag("That gap exceeded max_stale_hours")},
                                {"status", text("fresh or stale")}}))
                 .required()
                 .describe("Data commits, newest first"));
}

Model volumeReportModel() {
  return Model("VolumeReport")
      .field("catalog", text("Catalog"))
      .field("schema_filter", maybeText("Schema measured alone"))
      .field("total_tables", count("Tables"))
      .field("total_rows", count("Rows of them all"))
      .field("measured_at", text("When measured"))
      .field("tables", Field::array(volumeTable()).required().describe("Per table"));
}

Model volumeSnapshotModel() {
  return Model("VolumeSnapshot")
      .field("catalog", text("Catalog"))
      .field("schema_name", maybeText("Schema measured alone"))
      .field("snapshot_at", text("When recorded"))
      .field("measured_by", text("Who recorded it"))
      .field("tables_recorded", count("Samples stored"))
      .field("total_rows", count("Rows of them all"))
      .field("tables", Field::array(volumeTable()).required().describe("Per table"));
}

Model volumeHistoryModel() {
  return Model("VolumeHistory")
      .field("catalog", text("Catalog"))
      .field("days", count("Days back"))
      .field("daily", Field::array(Field::object({{"date", text("YYYY-MM-DD (UTC)")},
                                                  {"total_rows", count("Rows that day")},
                                                  {"tables", count("Tables sampled")}}))
                          .required()
                          .describe("Each table's last sample of the day, summed"))
      .field("tables", Field::object().required().describe(
                           "Per table_fqn: [{measured_at, row_count}], oldest first"));
}

namespace {

Properties incidentFields() {
  return {{"id", text("Incident id")},
          {"source", text("dqx, anomaly, …")},
          {"table_fqn", text("catalog.schema.table")},
          {"source_ref", text("The check id, the metric series (column:metric), …")},
          {"severity", text("critical, high, medium or low")},
          {"status", text("open, acknowledged or resolved")},
          {"title", text("What failed, in words")},
          {"details", Field::object().required().describe("The evidence of the last occurrence")},
          {"opened_at", text("First failure")},
          {"last_seen_at", text("Latest failure")},
          {"occurrences", count("Failures while it was open")},
          {"opened_by", text("Who ran what reported it first")},
          {"assignee", maybeText("Who took it")},
          {"note", maybeText("Note given when acknowledged")},
          {"acknowledged_by", maybeText("Who acknowledged it")},
          {"acknowledged_at", maybeText("When")},
          {"resolved_by", maybeText("Who resolved it (or what ran the passing check)")},
          {"resolved_at", maybeText("When")},
          {"resolution_reason", maybeText("Why")}};
}

}  // namespace

Model incidentModel() {
  Model m("Incident");
  for (auto& [name, field] : incidentFields()) m.field(name, std::move(field));
  return m;
}

Model incidentListModel() {
  return Model("IncidentFeed")
      .field("incidents", Field::array(Field::object(incidentFields()))
                              .required()
                              .describe("Most recently seen first"))
      .field("total", count("Incidents listed"))
      .field("by_status", Field::object({{"open", count("Open")},
                                         {"acknowledged", count("Acknowledged")},
                                         {"resolved", count("Resolved")}})
                              .required()
                              .describe("All incidents by status"));
}

namespace {

Properties monitorFields() {
  const auto names = [](const char* what) {
    return Field::array(Field::string()).required().describe(what);
  };
  return {{"config_id", text("Monitor id")},
          {"id", text("The same id")},
          {"table_fqn", text("catalog.schema.table")},
          {"metrics", names("Metrics taken")},
          {"columns", names("Columns measured (empty: every column)")},
          {"frequency", text("hourly, daily or weekly")},
          {"auto_baseline", flag("Each value judged against its baseline")},
          {"baseline_days", count("Kept for the original's clients")},
          {"enabled", flag("Taken by runs")},
          {"created_by", text("Who created it")},
          {"created_at", text("When")},
          {"updated_at", text("Last change")},
          {"last_run_at", maybeText("Last run")},
          {"last_status", maybeText("ok or error")},
          {"last_error", maybeText("Why the last run failed")}};
}

Field monitors(const char* what) {
  return Field::array(Field::object(monitorFields())).required().describe(what);
}

}  // namespace

Model monitorModel() {
  Model m("Monitor");
  for (auto& [name, field] : monitorFields()) m.field(name, std::move(field));
  return m;
}

Model monitorListModel() {
  return Model("MonitorList")
      .field("configs", monitors("By table"))
      .field("total", count("How many"));
}

Model monitorDeletedModel() {
  return Model("MonitorDeleted")
      .field("status", text("deleted"))
      .field("config_id", text("The monitor"));
}

Model monitorBulkAddModel() {
  return Model("MonitorBulkAdd")
      .field("added", monitors("Monitors created"))
      .field("updated", monitors("Monitors that existed, updated"))
      .field("failed",
             Field::array(Field::object({{"table_fqn", text("The table")}, {"error", text("Why")}}))
                 .required()
                 .describe("Tables left out"));
}

Model monitorBulkDeleteModel() {
  return Model("MonitorBulkDelete")
      .field("deleted", count("Monitors deleted"))
      .field("not_found", Field::array(Field::string()).required().describe("Unknown ids"));
}

Model monitorDiscoverModel() {
  return Model("MonitorDiscovery")
      .field("catalog", text("Catalog"))
      .field("tables", Field::array(Field::object({{"table_fqn", text("catalog.schema.table")},
                                                   {"table_type", text("MANAGED, EXTERNAL, …")},
                                                   {"columns", count("Columns")},
                                                   {"row_count", maybeCount("Rows when known")},
                                                   {"monitored", flag("Has a monitor")},
                                                   {"config_id", maybeText("Its monitor")}}))
                           .required()
                           .describe("Tables, views left out"))
      .field("total", count("How many"));
}

Model monitorSchedulerModel() {
  return Model("MonitorScheduler")
      .field("enabled", flag("Runs on the kernel scheduler"))
      .field("frequency_minutes", count("Minutes between its looks for monitors due"))
      .field("next_run_at", maybeText("Its next look"))
      .field("last_run_at", maybeText("Its last look"));
}

Model queuedJobModel() {
  return Model("QueuedJob")
      .field("job_id", text("Follow it with GET /api/clone/{job_id}"))
      .field("status", text("queued"));
}

Model healthModel() {
  const auto part = [](const char* what) {
    return Field::object({{"score", hours("0–100, null without evidence")},
                          {"weight", Field::number().required().describe("Weight")},
                          {"evidence", Field::object().required().describe("What it counted")},
                          {"reason", text("The rule")}})
        .required()
        .describe(what);
  };
  return Model("CatalogHealth")
      .field("catalog", text("Catalog"))
      .field("schema_filter", maybeText("Schema measured alone"))
      .field("max_stale_hours", Field::number().required().describe("Threshold used"))
      .field("checked_at", text("When measured"))
      .field("health_score", maybeCount("0–100, null without evidence"))
      .field("status", text("healthy, warning, critical or unknown"))
      .field("tables", count("Tables measured"))
      .field("components", Field::object({{"freshness", part("Fresh share of known tables")},
                                          {"anomalies", part("Unresolved anomaly incidents")},
                                          {"checks", part("Unresolved failing-check incidents")},
                                          {"reconciliation", part("Not available yet")}})
                               .required()
                               .describe("Each component"))
      .field("deductions",
             Field::array(Field::string()).required().describe("What lowered the score"));
}

Model scorecardModel() {
  const auto part = [](const char* what) {
    return Field::object({{"score", hours("0–100, null without evidence")},
                          {"weight", Field::number().required().describe("Weight")},
                          {"evidence", Field::object().required().describe("What it counted")},
                          {"reason", text("The rule, or why there is no evidence")}})
        .required()
        .describe(what);
  };
  return Model("TableScorecard")
      .field("table_fqn", text("catalog.schema.table"))
      .field("max_stale_hours", Field::number().required().describe("Threshold used"))
      .field("checked_at", text("When computed"))
      .field("overall_score", hours("0–100 over the components with evidence"))
      .field("grade", maybeText("A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F"))
      .field("confidence", Field::number().describe("Share of the weight with evidence"))
      .field("components", Field::object({{"completeness", part("NULL shares last measured")},
                                          {"freshness", part("Last data commit")},
                                          {"schema_stability", part("Schema changes in 30 days")},
                                          {"sla_compliance", part("Not available yet")},
                                          {"anomalies", part("Unresolved anomaly incidents")}})
                               .required()
                               .describe("Each component"));
}

namespace {

// Every COPQ reading's totals: how many events, their cost and each component's sum.
Properties copqTotalsFields() {
  const auto money = [](const char* what) { return Field::number().required().describe(what); };
  return {{"events", count("Cost events")},
          {"total_cost", money("Their total: exactly the sum of the breakdown")},
          {"breakdown",
           Field::object({{"engineer_time", money("Responders × hours × rate")},
                          {"reruns", money("Re-runs × per_rerun_cost")},
                          {"sla_breach", money("SLA and freshness penalties")},
                          {"downstream_disruption", money("Downstream tables × disruption cost")}})
               .required()
               .describe("Each component's sum")}};
}

}  // namespace

Model copqSummaryModel() {
  Model m("CopqSummary");
  for (auto& [name, f] : copqTotalsFields()) m.field(name, f);
  auto source = copqTotalsFields();
  source.insert(source.begin(),
                Properties::value_type{"source", text("Incident source (dqx, anomaly, …)")});
  return m
      .field("by_source", Field::array(Field::object(std::move(source)))
                              .required()
                              .describe("Per incident source, costliest first"))
      .field("last_computed_at", maybeText("When an event last changed"))
      .field("days", count("Window in days"))
      .field("since", text("Incidents opened from this time on"))
      .field("config", Field::object().required().describe("The cost assumptions in effect now"));
}

Model copqByTableModel() {
  auto table = copqTotalsFields();
  table.insert(table.begin(), Properties::value_type{"table_fqn", text("catalog.schema.table")});
  table.push_back(
      {"cost_events",
       Field::array(Field::object({{"incident_id", text("The incident")},
                                   {"table_fqn", text("Its table")},
                                   {"source", text("Its source")},
                                   {"occurred_at", text("When it opened")},
                                   {"total_cost", Field::number().required().describe("Total")},
                                   {"inputs", Field::object().required().describe("Its facts")},
                                   {"components", Field::object().required().describe(
                                                      "Each component: amount, factors and rule")},
                                   {"computed_at", text("When the event last changed")},
                                   {"computed_by", text("Who computed it")}}))
           .describe("With include_events: the table's events, costliest first")});
  return Model("CopqByTable")
      .field("days", count("Window in days"))
      .field("since", text("Incidents opened from this time on"))
      .field("tables", Field::array(Field::object(std::move(table)))
                           .required()
                           .describe("Tables, costliest first"))
      .field("total", count("Tables"));
}

Model copqTrendsModel() {
  auto week = copqTotalsFields();
  week.insert(week.begin(),
              Properties::value_type{"week_start", text("Monday of the week (YYYY-MM-DD, UTC)")});
  Model m("CopqTrends");
  m.field("weeks", Field::array(Field::object(std::move(week)))
                       .required()
                       .describe("Every week of the window, oldest first, zero-filled"));
  for (auto& [name, f] : copqTotalsFields()) {
    if (name != "breakdown") m.field(name, f);
  }
  return m.field("days", count("Window in days (at least 7)"))
      .field("since", text("Incidents opened from this time on"));
}

}  // namespace clxs::observability
