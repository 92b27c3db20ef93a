// Records measurements and judges each against its series' robust baseline; the volume
// snapshot and POST …/anomalies/record both go through it. An anomaly opens (or adds to) the
// series' incident; a value judged normal resolves it.
#pragma once

#include <memory>

#include "clxs/json.hpp"
#include "plugins/observability/anomaly_settings.hpp"
#include "plugins/observability/incident_store.hpp"
#include "plugins/observability/metric_store.hpp"

namespace clxs::observability {

/// The detector.
class AnomalyDetector {
 public:
  /// Uses the stores (shared with the routes).
  AnomalyDetector(std::shared_ptr<MetricStore> metrics, std::shared_ptr<AnomalySettings> settings,
                  std::shared_ptr<IncidentStore> incidents)
      : metrics_(std::move(metrics)),
        settings_(std::move(settings)),
        incidents_(std::move(incidents)) {}

  /// Judges and stores `m`; answers the stored measurement with its baseline and verdict.
  Json record(const Measurement& m);

 private:
  std::shared_ptr<MetricStore> metrics_;
  std::shared_ptr<AnomalySettings> settings_;
  std::shared_ptr<IncidentStore> incidents_;
};

}  // namespace clxs::observability
