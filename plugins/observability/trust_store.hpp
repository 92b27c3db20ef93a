// Computed trust scores and the trust weights, in the plugin's `observability_trust_scores`
// (every score computed: the history) and `observability_trust_config` tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/observability/trust_score.hpp"

namespace clxs::observability {

/// The stored weights with who set them and when (empty when never set: the defaults).
struct StoredTrustWeights {
  TrustWeights weights;   ///< the weights
  std::string updatedBy;  ///< who set them
  std::string updatedAt;  ///< when
};

/// The stored scores and weights.
class TrustStore {
 public:
  /// Uses the plugin's migrated store.
  explicit TrustStore(Store& store) : store_(store) {}
  /// The tables' schema.
  static std::vector<Migration> migrations();

  /// Keeps a computed score (trustScoreOf()'s answer with table_fqn set).
  void save(const Json& score);
  /// The newest score of a table (any case); nullopt when never computed.
  [[nodiscard]] std::optional<Json> latestOf(const std::string& tableFqn) const;
  /// The newest score of each table of `catalog` (of `schema` too when not empty), by table.
  [[nodiscard]] std::vector<Json> latestIn(const std::string& catalog,
                                           const std::string& schema) const;
  /// A table's scores, newest first, at most `limit`: {computed_at, score, grade,
  /// confidence, config_hash, dimensions (each dimension's score)}.
  [[nodiscard]] std::vector<Json> history(const std::string& tableFqn, std::int64_t limit) const;

  /// The weights in force.
  [[nodiscard]] StoredTrustWeights weights() const;
  /// Replaces them.
  void setWeights(const TrustWeights& w, const std::string& by, const std::string& at);

 private:
  Store& store_;
};

}  // namespace clxs::observability
