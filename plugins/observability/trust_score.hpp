// The trust score of a table: six dimensions (dq, freshness, anomaly, schema_stability, pii,
// lineage), each 0–100 from its evidence or null with the reason there is none, combined as
// the weighted mean over the dimensions with evidence, with the share of the weight that had
// evidence (confidence), a grade and the largest deductions in words. Pure: the routes gather
// the evidence, this scores it, so a stored score can be recomputed from what it records.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace/types.hpp"
#include "plugins/observability/check_evidence_store.hpp"

namespace clxs::observability {

/// The weights of the dimensions; they are each ≥ 0 and sum to 1.
struct TrustWeights {
  double dq = 0.30;               ///< data-quality check results
  double freshness = 0.25;        ///< last data commit
  double anomaly = 0.15;          ///< anomalies, recent resolved ones fading
  double schemaStability = 0.10;  ///< schema changes in 30 days
  double pii = 0.10;              ///< personal-data columns protected
  double lineage = 0.10;          ///< upstream, owner, description, certification known
};

/// {dq, freshness, anomaly, schema_stability, pii, lineage}.
Json trustWeightsJson(const TrustWeights& w);

/// `current` with the weights `body` names replaced (a partial body keeps the others), then
/// validated: HttpError 422 when the body is not an object, names an unknown dimension, gives
/// a weight that is not a number or is below 0, or when the weights do not sum to 1 (within
/// 1e-6), the message saying which and what they sum to.
TrustWeights mergedTrustWeights(const TrustWeights& current, const Json& body);

/// A short stable hash of the weights (16 hex digits), stored with each score so that scores
/// computed under other weights can be told apart.
std::string trustConfigHash(const TrustWeights& w);

/// A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else F.
std::string trustGrade(double score);

/// What a table's trust is scored from.
struct TrustEvidence {
  std::vector<CheckEvidence> checks;  ///< the latest result of each check of the table
  std::vector<HistoryEntry> history;  ///< its Delta history, newest first
  std::string historyError;           ///< why the history could not be read ("" when read)
  double maxStaleHours = 24;          ///< its freshness allowance
  std::vector<Json> anomalies;  ///< its anomaly incidents, unresolved or resolved within 7 days
  std::optional<std::vector<TagInfo>> tags;  ///< its tags, column tags included; nullopt: unread
  std::string tagsError;                     ///< why the tags could not be read
  std::string owner;                         ///< its owner ("" when none)
  std::string comment;                       ///< its description ("" when none)
  /// Whether lineage knows a table upstream of it; nullopt when no lineage service answered.
  std::optional<bool> hasUpstream;
  std::string lineageNote;  ///< why upstream is unknown, or which tables feed it
};

/// The score: {score (one decimal, null when no dimension has evidence), confidence (share of
/// the weight with evidence, two decimals), grade (null with the score), dimensions {name:
/// {score, weight, evidence, reason}}, reasons [the deductions, largest first, in words],
/// computed_at, config_hash}.
Json trustScoreOf(const TrustEvidence& evidence, const TrustWeights& weights,
                  std::chrono::system_clock::time_point now);

}  // namespace clxs::observability
