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

}  // namespace clxs::observability
