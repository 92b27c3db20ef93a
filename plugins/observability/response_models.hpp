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

}  // namespace clxs::observability
