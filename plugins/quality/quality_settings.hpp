// The quality plugin's settings (GET/PUT /api/data-quality/dqx-settings): profiler defaults,
// the pass-rate threshold a table must reach in run-all, sample and quarantine limits, and the
// compute the original asked for (kept, though checks run as SQL without Spark).
#pragma once

#include <cstdint>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/model.hpp"
#include "clxs/store.hpp"

namespace clxs::quality {

/// Reads and writes quality_settings.
class QualitySettings {
 public:
  /// Uses `store` (the plugin's; it outlives this).
  explicit QualitySettings(Store& store) : store_(store) {}
  /// The table's migration (after the suites').
  static std::vector<Migration> migrations();
  /// The PUT body's model: every setting optional, with its range.
  static Model model();
  /// Every setting, stored values over defaults.
  Json get();
  /// The failing rows a run keeps per check (failure_sample_limit; 0: none).
  std::int64_t samplesPerCheck();
  /// Stores the settings `changes` names (validated by model() first) and answers get().
  Json put(const Json& changes);

 private:
  Store& store_;
};

}  // namespace clxs::quality
