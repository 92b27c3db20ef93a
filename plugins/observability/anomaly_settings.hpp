// GET/PUT /api/data-quality/anomaly-settings: the anomaly detector's window and thresholds,
// kept in the plugin's `observability_settings` table (in effect at once, unlike the
// original's, which rewrote the YAML config and waited for its cache).
#pragma once

#include <vector>

#include "clxs/json.hpp"
#include "clxs/model.hpp"
#include "clxs/store.hpp"
#include "plugins/observability/robust_baseline.hpp"

namespace clxs::observability {

/// The stored settings.
class AnomalySettings {
 public:
  /// Uses the plugin's migrated store.
  explicit AnomalySettings(Store& store) : store_(store) {}
  /// The table's schema.
  static std::vector<Migration> migrations();
  /// The PUT body and the answer: every setting optional in a PUT, with its range.
  static Model model();
  /// Every setting, stored values over defaults.
  [[nodiscard]] Json get() const;
  /// Stores the settings `changes` names (validated by model() first); 422 when the critical
  /// threshold would fall below the warning one. Answers get().
  Json put(const Json& changes);
  /// What the detector judges with, read in one query.
  struct InEffect {
    AnomalyThresholds thresholds;     ///< warning and critical scores
    std::size_t window = 0;           ///< baseline points
    bool weekdaySeasonality = false;  ///< judge against the same weekday once 3 weeks exist
  };
  /// The thresholds and window in effect.
  [[nodiscard]] InEffect inEffect() const;

 private:
  Store& store_;
};

}  // namespace clxs::observability
