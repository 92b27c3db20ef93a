// The 200 responses of the observability routes, for OpenAPI.
#pragma once

#include "clxs/model.hpp"

namespace clxs::observability {

/// GET …/freshness/{catalog}.
Model freshnessReportModel();
/// GET …/freshness/summary.
Model freshnessSummaryModel();
/// GET …/freshness/{catalog}/{schema}/{table}/history.
Model freshnessHistoryModel();
/// GET …/volume/{catalog}.
Model volumeReportModel();
/// POST …/volume/snapshot.
Model volumeSnapshotModel();
/// GET …/volume/{catalog}/history.
Model volumeHistoryModel();

/// POST …/anomalies/record: one stored measurement with its baseline and verdict.
Model measurementModel();
/// GET …/anomalies.
Model anomalyListModel();
/// GET …/anomalies/metrics/{table_fqn}.
Model metricSeriesModel();
/// GET …/metrics/recent.
Model recentMetricsModel();

/// One incident.
Model incidentModel();
/// GET …/incidents.
Model incidentListModel();

/// One monitor.
Model monitorModel();
/// GET …/monitoring/configs.
Model monitorListModel();
/// DELETE …/monitoring/configs/{config_id}.
Model monitorDeletedModel();
/// POST …/monitoring/bulk-add.
Model monitorBulkAddModel();
/// POST …/monitoring/bulk-delete.
Model monitorBulkDeleteModel();
/// GET …/monitoring/discover/{catalog}.
Model monitorDiscoverModel();
/// The monitoring scheduler's state.
Model monitorSchedulerModel();
/// A queued job: {job_id, status}.
Model queuedJobModel();

/// GET …/health-score/{catalog}.
Model healthModel();

/// GET …/scorecard/{table_fqn}.
Model scorecardModel();

/// GET …/impact/{table_fqn}.
Model impactModel();

/// POST /api/anomalies/correlate.
Model correlationRunModel();
/// GET /api/anomalies/groups.
Model correlationGroupListModel();
/// GET /api/anomalies/groups/{group_id}.
Model correlationGroupModel();
/// GET /api/anomalies/root-causes.
Model rootCauseListModel();
/// GET …/root-cause/{table_fqn}.
Model rootCauseModel();

/// GET /api/observability/dashboard.
Model observabilityDashboardModel();
/// GET /api/observability/health-score.
Model observabilityScoreModel();
/// GET /api/observability/issues.
Model observabilityIssuesModel();
/// GET /api/observability/trends/{metric}.
Model observabilityTrendModel();
/// GET /api/observability/category-health.
Model observabilityCategoriesModel();
/// GET …/health/trend.
Model healthTrendModel();

/// GET …/anomalies/system-tables.
Model systemTableScanModel();
/// GET /api/copq/summary.
Model copqSummaryModel();
/// GET /api/copq/by-table.
Model copqByTableModel();
/// GET /api/copq/trends.
Model copqTrendsModel();
/// GET /api/trust/scores/{catalog}/{schema}/{table}: one table's trust score.
Model trustScoreModel();
/// GET /api/trust/scores/{catalog}.
Model trustCatalogModel();
/// GET /api/trust/scores/{catalog}/{schema}/{table}/history.
Model trustHistoryModel();
/// GET and PUT /api/trust/config.
Model trustConfigModel();

/// GET /api/coverage/{catalog}.
Model coverageMapModel();
/// GET /api/coverage/{catalog}/summary.
Model coverageSummaryModel();
/// GET /api/coverage/{catalog}/gaps.
Model coverageGapsModel();
/// GET /api/data-quality/coverage/{catalog}.
Model liveCoverageModel();

}  // namespace clxs::observability
