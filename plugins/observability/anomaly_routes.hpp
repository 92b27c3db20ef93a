// The metric and anomaly routes under /api/data-quality: recording a measurement, the recent
// measurements and anomalies, a table's series with its expected band, and the detector's
// settings.
#pragma once

#include <memory>

#include "clxs/clock.hpp"
#include "clxs/routes.hpp"
#include "plugins/observability/anomaly_detector.hpp"

namespace clxs::observability {

/// Registers the routes.
void registerAnomalyRoutes(Routes& routes, std::shared_ptr<AnomalyDetector> detector,
                           std::shared_ptr<MetricStore> metrics,
                           std::shared_ptr<AnomalySettings> settings, const Clock& clock);

}  // namespace clxs::observability
