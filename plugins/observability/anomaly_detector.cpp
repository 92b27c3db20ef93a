#include "plugins/observability/anomaly_detector.hpp"

#include "clxs/id.hpp"

namespace clxs::observability {

Json AnomalyDetector::record(const Measurement& m) {
  const auto verdict =
      judge(metrics_->baseline(m, settings_->window()), m.value, settings_->thresholds());
  return metrics_->insert(m, verdict, verdict.severity.empty() ? std::string() : newUuid());
}

}  // namespace clxs::observability
