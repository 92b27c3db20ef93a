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
// A model whose fields are a property list that also serves as a nested object elsewhere.
Model modelOf(const char* name, Properties fields) {
  Model m(name);
  for (auto& [field, spec] : fields) m.field(field, std::move(spec));
  return m;
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
          {"reason", maybeText("Why the status is unknown")},
          {"freshness_basis", Field::string().describe("event_time or commit (event-time mode)")},
          {"event_time_note", Field::string().describe("Why a table was judged by commit")},
          {"event_time", Field::object().describe(
                             "column, max_event_time, event_lag_hours, ingestion_latency_hours")}};
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
          {"baseline", text("trailing, or weekday (same-weekday values, weekday_seasonality)")},
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
  return modelOf("MetricMeasurementResult", measurementFields());
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
      .field("event_time_column", maybeText("Event-time mode's column, when asked"))
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
  return modelOf("Incident", incidentFields());
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
  return modelOf("Monitor", monitorFields());
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

Model impactModel() {
  return Model("DownstreamImpact")
      .field("table_fqn", text("catalog.schema.table, lower case"))
      .field("depth", count("Hops of lineage followed"))
      .field("checked_at", text("When computed"))
      .field("lineage_available", flag("Whether a lineage provider answered"))
      .field("reason", Field::string().describe("Why there is no lineage"))
      .field("downstream_tables",
             Field::array(Field::object({{"table_fqn", text("Downstream table or view")},
                                         {"type", text("TABLE, VIEW, …")},
                                         {"depth", count("Hops from the table")},
                                         {"via", text("The table it is built from")},
                                         {"last_event_time", text("Newest lineage event")}}))
                 .required()
                 .describe("Nearest first"))
      .field("entities",
             Field::array(
                 Field::object(
                     {{"type", text("JOB, NOTEBOOK, …")},
                      {"id", text("Its id")},
                      {"tables",
                       Field::array(Field::string()).required().describe("Tables it wrote")}}))
                 .required()
                 .describe("Writers of downstream tables named by lineage"))
      .field("summary", Field::object().required().describe(
                            "Counts: tables, views, jobs, notebooks, pipelines, dashboards, "
                            "other_entities"))
      .field("truncated", flag("The depth limit stopped the walk"))
      .field("open_incidents", Field::array(Field::object(incidentFields()))
                                   .required()
                                   .describe("The table's unresolved incidents"))
      .field("risk",
             Field::object(
                 {{"level", text("none, low, medium, high or unknown")},
                  {"reasons", Field::array(Field::string()).required().describe("Why, in words")}})
                 .required()
                 .describe("Risk level and its reasons"));
}

namespace {

Properties groupFields() {
  return {{"group_id", text("Group id")},
          {"window_minutes", count("Window it was found with")},
          {"root_table", text("Root-cause table")},
          {"root_incident_id", text("Root-cause incident")},
          {"score", Field::number().required().describe(
                        "Failing tables downstream of the root, plus up to 1 for its lead")},
          {"reason", text("Why this root, in words")},
          {"member_count", count("Incidents in the group")},
          {"tables", Field::array(Field::string()).required().describe("Member tables")},
          {"first_at", text("First member's start")},
          {"last_at", text("Last member's start")},
          {"created_at", text("When first found")},
          {"updated_at", text("When last found")}};
}

Properties groupDetailFields() {
  auto p = groupFields();
  p.push_back(
      {"members",
       Field::array(Field::object({{"incident_id", text("Incident")},
                                   {"table_fqn", text("Its table")},
                                   {"kind", text("Its source")},
                                   {"severity", text("Its severity")},
                                   {"title", text("What failed")},
                                   {"at", text("When it started")},
                                   {"offset_minutes", Field::number().required().describe(
                                                          "Minutes after the group's start")},
                                   {"is_root", flag("The root cause")}}))
           .required()
           .describe("By time")});
  p.push_back({"edges", Field::array(Field::object({{"upstream", text("Table")},
                                                    {"downstream", text("Table")},
                                                    {"hops", count("Lineage hops")}}))
                            .required()
                            .describe("Lineage links between member tables")});
  p.push_back({"timeline", Field::array(Field::object())
                               .required()
                               .describe("Per table: first_at, last_at, events, offset_minutes")});
  return p;
}

}  // namespace

Model correlationRunModel() {
  return Model("CorrelationRun")
      .field("time_window_minutes", count("Window"))
      .field("hours", count("Hours of incidents considered"))
      .field("events_considered", count("Incidents that started in them"))
      .field("tables_considered", count("Their tables"))
      .field("lineage_tables_walked", count("Tables whose lineage was followed"))
      .field("lineage_note", Field::string().describe("Why lineage was not (fully) used"))
      .field("groups",
             Field::array(Field::object(groupDetailFields())).required().describe("Groups found"))
      .field("computed_at", text("When"));
}

Model correlationGroupListModel() {
  return Model("CorrelationGroups")
      .field("groups", Field::array(Field::object(groupFields()))
                           .required()
                           .describe("Newest "
                                     "first"))
      .field("total", count("Groups listed"))
      .field("hours", count("Hours back"));
}

Model correlationGroupModel() {
  return modelOf("CorrelationGroup", groupDetailFields());
}

Model rootCauseListModel() {
  return Model("RootCauseTables")
      .field("root_causes",
             Field::array(
                 Field::object({{"table_fqn", text("Table")},
                                {"groups", count("Groups it was the root cause of")},
                                {"other_failures", count("Other incidents in those groups")},
                                {"last_seen_at", text("Latest group's last start")},
                                {"group_ids",
                                 Field::array(Field::string()).required().describe("The groups")}}))
                 .required()
                 .describe("Most groups first"))
      .field("days", count("Days back"));
}

Model rootCauseModel() {
  return Model("RootCause")
      .field("table_fqn", text("The table, lower case"))
      .field("hours", count("Hours back"))
      .field("depth", count("Hops of lineage upstream"))
      .field("checked_at", text("When"))
      .field("lineage_available", flag("Whether a lineage provider answered"))
      .field("lineage_note", Field::string().describe("Why there is no lineage"))
      .field("signals",
             Field::array(Field::object())
                 .required()
                 .describe("By time: table_fqn, depth, kind (an incident source, volume_drop, "
                           "schema_change, freshness_gap), at, offset_minutes, severity, title"))
      .field("tables",
             Field::array(Field::object())
                 .required()
                 .describe("The table and its upstream tables: depth, signals, first_signal_at"))
      .field("likely_root_cause",
             Field::object({{"table_fqn", text("Table")},
                            {"depth", count("Hops upstream")},
                            {"first_signal_at", text("Its first signal")},
                            {"reason", text("Why")}})
                 .required()
                 .nullable()
                 .describe("The most upstream table whose trouble began no later"))
      .field("reason", text("The verdict in words"));
}

namespace {

Field categoryList() {
  return Field::array(
             Field::object({{"category", text("freshness, volume, anomaly, sla or dq")},
                            {"weight", Field::number().required().describe("Its weight")},
                            {"score", hours("0–100: share of observed tables without an "
                                            "unresolved incident; null without evidence")},
                            {"observed_tables", count("Tables it observes")},
                            {"failing_tables", count("Of which with an unresolved incident")},
                            {"open_incidents", count("Its unresolved incidents")},
                            {"reason", text("How the score came about, or why there is none")}}))
      .required()
      .describe("The five categories");
}

Field issueList() {
  auto p = incidentFields();
  p.push_back({"category", text("Its category (reconciliation outside the five)")});
  p.push_back({"blast_radius", maybeCount("Tables downstream within 3 hops (lineage plugin)")});
  p.push_back({"age_hours", hours("Hours since it opened")});
  return Field::array(Field::object(std::move(p))).required().describe("Ranked");
}

Field weightMap() {
  return Field::object().required().describe("Category → weight");
}

}  // namespace

Model observabilityDashboardModel() {
  return Model("ObservabilityDashboard")
      .field("health_score", maybeCount("0–100 over the categories with evidence"))
      .field("status", text("healthy ≥ 90, warning ≥ 70, critical, or unknown"))
      .field("summary", Field::object({{"tables_observed", count("Tables with evidence")},
                                       {"open_incidents", count("Unresolved incidents")},
                                       {"open_by_severity", Field::object().required().describe(
                                                                "critical, high, medium, low")}})
                            .required()
                            .describe("Counts"))
      .field("top_issues", issueList())
      .field("categories", categoryList())
      .field("weights", weightMap())
      .field("lineage_note", Field::string().describe("Why blast radii are missing"))
      .field("computed_at", text("When"));
}

Model observabilityScoreModel() {
  return Model("ObservabilityHealthScore")
      .field("health_score", maybeCount("0–100; null without evidence"))
      .field("status", text("healthy, warning, critical or unknown"))
      .field("categories_with_evidence", count("Categories that count"))
      .field("computed_at", text("When"));
}

Model observabilityIssuesModel() {
  return Model("ObservabilityIssues")
      .field("issues", issueList())
      .field("total_open", count("Unresolved incidents in all"))
      .field("lineage_note", Field::string().describe("Why blast radii are missing"));
}

Model observabilityTrendModel() {
  return Model("ObservabilityTrend")
      .field("metric", text("The category, or health"))
      .field("days", count("Days back"))
      .field("points", Field::array(Field::object({{"date", text("UTC day")},
                                                   {"value", hours("Score at its end")}}))
                           .required()
                           .describe("Oldest first"));
}

Model observabilityCategoriesModel() {
  return Model("ObservabilityCategories")
      .field("categories", categoryList())
      .field("weights", weightMap())
      .field("health_score", maybeCount("0–100; null without evidence"))
      .field("computed_at", text("When"));
}

Model healthTrendModel() {
  return Model("HealthTrend")
      .field("days", count("Days back"))
      .field("trend",
             Field::array(Field::object({{"date", text("UTC day")},
                                         {"health_score", maybeCount("Score at its end")},
                                         {"status", text("healthy, warning, critical, unknown")},
                                         {"categories", Field::object().required().describe(
                                                            "Category → score")}}))
                 .required()
                 .describe("Oldest first"));
}

Model systemTableScanModel() {
  const auto source = [](const char* what) {
    return Field::object(
               {{"enabled", flag("Enabled in anomaly-settings")},
                {"status", text("ok, disabled, unavailable or error")},
                {"reason", Field::string().describe("Why it did not run")},
                {"series", Field::array(Field::object()).required().describe("The series judged")},
                {"anomalies", Field::array(Field::object()).required().describe("Its anomalies")}})
        .required()
        .describe(what);
  };
  return Model("SystemTableAnomalies")
      .field("days", count("Days judged"))
      .field("checked_at", text("When"))
      .field("sources", Field::object({{"billing", source("system.billing.usage")},
                                       {"compute", source("system.lakeflow.job_run_timeline")},
                                       {"query_history", source("system.query.history")},
                                       {"storage", source("Volume snapshots' table sizes")}})
                            .required()
                            .describe("Each source"))
      .field("anomalies",
             Field::array(
                 Field::object({{"source", text("Its source")},
                                {"series", Field::object().required().describe(
                                               "The series (metric, sku_name, …)")},
                                {"date", text("UTC day")},
                                {"value", Field::number().required().describe("Value")},
                                {"expected_low", Field::number().required().describe("Band low")},
                                {"expected_high", Field::number().required().describe("Band high")},
                                {"score", Field::number().required().describe("Robust z-score")},
                                {"direction", text("up or down")},
                                {"severity", text("warning or critical")}}))
                 .required()
                 .describe("All sources' anomalies"))
      .field("total_anomalies", count("How many"));
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

namespace {

Field trustDimension(const char* what) {
  return Field::object({{"score", hours("0–100, null without evidence")},
                        {"weight", Field::number().required().describe("Weight")},
                        {"evidence", Field::object().required().describe("What it counted")},
                        {"reason", text("The rule, or why there is no evidence")}})
      .required()
      .describe(what);
}

Properties trustWeightFields() {
  return {{"dq", Field::number().required().describe("Data-quality check results")},
          {"freshness", Field::number().required().describe("Last data commit")},
          {"anomaly", Field::number().required().describe("Unresolved anomalies")},
          {"schema_stability", Field::number().required().describe("Schema changes in 30 days")},
          {"pii", Field::number().required().describe("Personal-data columns protected")},
          {"lineage", Field::number().required().describe("Upstream, owner, description, "
                                                          "certification known")}};
}

Field trustGrades() {
  return Field::object({{"A", count("≥ 90")},
                        {"B", count("≥ 75")},
                        {"C", count("≥ 60")},
                        {"D", count("≥ 40")},
                        {"F", count("below 40")}})
      .required()
      .describe("Tables by grade");
}

Field coverageTable() {
  return Field::object(
      {{"table_fqn", text("catalog.schema.table")},
       {"schema", text("Schema")},
       {"has_dq_rule", flag("An enabled DQ rule")},
       {"has_dqx_check", flag("An enabled DQX check")},
       {"has_sla", flag("An SLA (no provider yet: false)")},
       {"has_monitor", flag("An enabled monitor")},
       {"has_contract", flag("A data contract (no provider yet: false)")},
       {"has_freshness_monitor", flag("An enabled freshness check or rule")},
       {"check_count", count("Enabled checks and rules")},
       {"disabled_checks", count("Disabled checks and rules")},
       {"columns_covered", count("Columns read by enabled checks")},
       {"columns_total", count("Columns of the table")},
       {"covered_columns", Field::array(Field::string()).required().describe("Those columns")},
       {"covered", flag("A rule, a check or a monitor guards it")},
       {"checks_known", flag("The quality catalog answered")},
       {"row_count", maybeCount("Rows when known")},
       {"size_bytes", maybeCount("Bytes when known")},
       {"priority", Field::number().describe("Gap priority 0–100 (gaps only)")},
       {"reasons", Field::array(Field::string()).describe("Why (gaps only)")},
       {"signals", Field::object().describe("What the priority read (gaps)")}});
}

Model snapshotHeaderModel(const char* name) {
  return Model(name)
      .field("catalog", text("Catalog"))
      .field("snapshot_id", text("The snapshot"))
      .field("computed_at", text("When it was computed"))
      .field("computed_by", text("Who computed it"))
      .field("snapshot_schema_filter", maybeText("The schema the snapshot was limited to"))
      .field("schema", maybeText("The schema answered"))
      .field("notes", Field::array(Field::string()).required().describe("What is not known"));
}

Properties coverageSummaryFields() {
  const auto family = Field::object({{"tables", count("Tables")}, {"pct", hours("% of tables")}})
                          .required()
                          .describe("Tables with the family");
  return {{"total_tables", count("Tables")},
          {"covered_tables", count("Tables a rule, a check or a monitor guards")},
          {"coverage_pct", hours("Covered in %")},
          {"columns_total", count("Columns")},
          {"columns_covered", count("Columns read by checks")},
          {"column_coverage_pct", hours("Columns covered in %")},
          {"by_schema", Field::array(Field::object({{"schema", text("Schema")},
                                                    {"tables", count("Tables")},
                                                    {"covered", count("Covered")},
                                                    {"coverage_pct", hours("Covered in %")}}))
                            .required()
                            .describe("By schema")},
          {"by_family", Field::object({{"dq_rule", family},
                                       {"dqx_check", family},
                                       {"monitor", family},
                                       {"freshness_monitor", family},
                                       {"sla", family},
                                       {"contract", family}})
                            .required()
                            .describe("By check family")}};
}

}  // namespace

Model trustScoreModel() {
  return Model("TrustScore")
      .field("table_fqn", text("catalog.schema.table"))
      .field("score", hours("Weighted mean over the dimensions with evidence (null: none)"))
      .field("confidence", Field::number().required().describe("Share of the weight with evidence"))
      .field("grade", maybeText("A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else F"))
      .field("dimensions", Field::object({{"dq", trustDimension("Check results")},
                                          {"freshness", trustDimension("Last data commit")},
                                          {"anomaly", trustDimension("Unresolved anomalies")},
                                          {"schema_stability", trustDimension("Schema changes")},
                                          {"pii", trustDimension("Personal data protected")},
                                          {"lineage", trustDimension("Lineage and ownership")}})
                               .required()
                               .describe("Each dimension"))
      .field("reasons",
             Field::array(Field::string()).required().describe("Deductions, largest first"))
      .field("computed_at", text("When computed"))
      .field("config_hash", text("Hash of the weights used"));
}

Model trustCatalogModel() {
  return Model("TrustCatalogScores")
      .field("catalog", text("Catalog"))
      .field("schema_filter", maybeText("Schema answered alone"))
      .field("tables", Field::array(Field::object()).required().describe("Each table's score"))
      .field("total", count("Tables"))
      .field("scored", count("Tables with a score"))
      .field("average_score", hours("Mean score"))
      .field("by_grade", trustGrades())
      .field("computed_at", text("Newest computation"));
}

Model trustHistoryModel() {
  return Model("TrustScoreHistory")
      .field("table_fqn", text("catalog.schema.table"))
      .field("history",
             Field::array(Field::object({{"computed_at", text("When")},
                                         {"score", hours("Score")},
                                         {"grade", maybeText("Grade")},
                                         {"confidence", Field::number().required().describe(
                                                            "Share of the weight with evidence")},
                                         {"config_hash", text("Weights used")},
                                         {"dimensions", Field::object().required().describe(
                                                            "Each dimension's score")}}))
                 .required()
                 .describe("Newest first"))
      .field("total", count("Rows"));
}

Model trustConfigModel() {
  return modelOf("TrustConfig", trustWeightFields())
      .field("config_hash", text("Hash stored with every score"))
      .field("defaults", Field::object(trustWeightFields()).required().describe("The defaults"))
      .field("updated_by", maybeText("Who set them (null: defaults)"))
      .field("updated_at", maybeText("When"));
}

Model coverageMapModel() {
  return snapshotHeaderModel("CoverageMap")
      .field("tables", Field::array(coverageTable()).required().describe("Each table"))
      .field("total", count("Tables"))
      .field("covered", count("Tables covered"));
}

Model coverageSummaryModel() {
  auto m = snapshotHeaderModel("CoverageSummary");
  for (auto& [name, field] : coverageSummaryFields()) m.field(name, field);
  return m;
}

Model coverageGapsModel() {
  return snapshotHeaderModel("CoverageGaps")
      .field("gaps", Field::array(coverageTable()).required().describe("Highest priority first"))
      .field("total", count("Uncovered tables"));
}

Model liveCoverageModel() {
  return Model("LiveCoverage")
      .field("catalog", text("Catalog"))
      .field("schema", maybeText("Schema answered alone"))
      .field("computed_at", text("Now"))
      .field("live", flag("Computed now, not stored"))
      .field("tables", Field::array(coverageTable()).required().describe("Each table"))
      .field("total", count("Tables"))
      .field("summary", Field::object(coverageSummaryFields()).required().describe("The summary"))
      .field("notes", Field::array(Field::string()).required().describe("What is not known"));
}

}  // namespace clxs::observability
