// GET/PUT /api/copq/config: the cost assumptions of Cost of Poor Quality, kept as
// `copq.<field>` rows of the plugin's `observability_settings` table (the anomaly settings'
// table and pattern: stored values over defaults, in effect at the next compute).
#pragma once

#include <vector>

#include "clxs/json.hpp"
#include "clxs/model.hpp"
#include "clxs/store.hpp"
#include "plugins/observability/copq_costing.hpp"

namespace clxs::observability {

/// The stored cost assumptions.
class CopqConfig {
 public:
  /// Uses the plugin's migrated store (AnomalySettings::migrations() creates the table).
  explicit CopqConfig(Store& store) : store_(store) {}
  /// The PUT body and the answer: every field optional in a PUT, a number ≥ 0.
  static Model model();
  /// Every assumption, stored values over defaults.
  [[nodiscard]] Json get() const;
  /// Stores the fields `changes` names; 422 naming the field when one is unknown or not a
  /// finite number ≥ 0 (then nothing is stored). Answers get().
  Json put(const Json& changes);
  /// The assumptions as the costing reads them.
  [[nodiscard]] CopqRates rates() const;

 private:
  Store& store_;
};

}  // namespace clxs::observability
