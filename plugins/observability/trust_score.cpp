#include "plugins/observability/trust_score.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>
#include <utility>

#include "clxs/clock.hpp"
#include "clxs/data_tags.hpp"
#include "clxs/delta_history.hpp"
#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "plugins/observability/data_freshness.hpp"
#include "plugins/observability/score_parts.hpp"

namespace clxs::observability {
namespace {

// Schema changes are counted over this many days of history.
constexpr int kTrustStabilityDays = 30;
// How far the weights may sum from 1.
constexpr double kWeightTolerance = 1e-6;

// The dimensions in the order the responses list them, with their weight in TrustWeights.
struct TrustDimension {
  const char* name;
  double TrustWeights::*weight;
};
constexpr std::array<TrustDimension, 6> kTrustDimensions{
    {{"dq", &TrustWeights::dq},
     {"freshness", &TrustWeights::freshness},
     {"anomaly", &TrustWeights::anomaly},
     {"schema_stability", &TrustWeights::schemaStability},
     {"pii", &TrustWeights::pii},
     {"lineage", &TrustWeights::lineage}}};

std::string decimals(double value, int places) {
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), "%.*f", places, value);
  return buf.data();
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// A dimension's part with what it found, in words, for the reasons when it deducts.
struct ScoredDimension {
  Json part;
  std::string finding;
};

ScoredDimension dqDimension(const std::vector<CheckEvidence>& checks, double weight) {
  if (checks.empty()) {
    return {scoredPart(std::nullopt, weight, {{"checks", 0}},
                       "no check result is recorded for the table: run its checks"),
            ""};
  }
  std::int64_t input = 0;
  std::int64_t failed = 0;
  std::int64_t passing = 0;
  std::vector<std::string> failing;
  bool errorFails = false;
  Json results = Json::array();
  for (const auto& c : checks) {
    input += std::max<std::int64_t>(0, c.inputRows);
    failed += std::clamp<std::int64_t>(c.failedRows, 0, std::max<std::int64_t>(0, c.inputRows));
    if (c.passed) {
      ++passing;
    } else {
      failing.push_back(c.checkName.empty() ? c.checkId : c.checkName);
      errorFails = errorFails || c.criticality == "error";
    }
    results.push_back({{"check_id", c.checkId},
                       {"check_name", c.checkName},
                       {"criticality", c.criticality},
                       {"passed", c.passed},
                       {"failed_rows", c.failedRows},
                       {"input_rows", c.inputRows},
                       {"executed_at", c.executedAt}});
  }
  const auto n = static_cast<double>(checks.size());
  // Checks that read no row have no row weight: the share of passing checks stands in.
  double score = input > 0
                     ? 100.0 * static_cast<double>(input - failed) / static_cast<double>(input)
                     : 100.0 * static_cast<double>(passing) / n;
  if (errorFails) score = std::min(score, 50.0);
  std::string finding;
  if (!failing.empty()) {
    finding = std::to_string(failing.size()) + " of " + std::to_string(checks.size()) +
              " checks fail (" + joined(failing) + "), " + std::to_string(failed) + " of " +
              std::to_string(input) + " rows";
    if (errorFails) finding += "; an error-level failure caps it at 50";
  }
  return {scoredPart(score, weight,
                     {{"checks", checks.size()},
                      {"failing", failing.size()},
                      {"error_level_failing", errorFails},
                      {"rows_checked", input},
                      {"rows_failed", failed},
                      {"results", results}},
                     "row-weighted pass rate of the latest result of each check; a failing "
                     "error-level check caps it at 50"),
          finding};
}

ScoredDimension freshnessDimension(const TrustEvidence& e, double weight,
                                   std::chrono::system_clock::time_point now) {
  if (!e.historyError.empty()) {
    return {scoredPart(std::nullopt, weight, Json::object(),
                       "the table's history could not be read: " + e.historyError),
            ""};
  }
  const auto fresh = freshnessOf(e.history, now, {e.maxStaleHours, 3});
  if (fresh["hours_since_update"].is_null()) {
    return {scoredPart(std::nullopt, weight, fresh, fresh.value("reason", "")), ""};
  }
  // The allowance is max_stale_hours, or three of the table's usual gaps between data commits
  // when that is longer: a weekly table is not stale every day.
  const double hours = fresh["hours_since_update"].get<double>();
  double allowance = e.maxStaleHours;
  std::string from = "max_stale_hours";
  if (fresh["median_commit_gap_hours"].is_number()) {
    const double cadence = 3 * fresh["median_commit_gap_hours"].get<double>();
    if (cadence > allowance) {
      allowance = cadence;
      from = "cadence";
    }
  }
  Json evidence = fresh;
  evidence["allowance_hours"] = std::round(allowance * 100) / 100;
  evidence["allowance_from"] = from;
  const double score = freshnessScore(hours, allowance);
  return {scoredPart(score, weight, evidence,
                     "100 within the allowance (max_stale_hours, or three median gaps between "
                     "data commits when longer), falling linearly to 0 at three times it"),
          score < 100 ? "last data commit " + decimals(hours, 1) + " h ago, allowance " +
                            decimals(allowance, 1) + " h"
                      : ""};
}

// A resolved anomaly still costs trust for a while: its penalty halves with each day since
// its resolution, so a table that alarmed yesterday does not read as never having alarmed.
ScoredDimension anomalyDimension(const std::vector<Json>& anomalies, double weight,
                                 std::chrono::system_clock::time_point now) {
  double score = 100;
  std::int64_t unresolved = 0;
  std::int64_t resolved = 0;
  std::vector<std::string> deductions;
  for (const auto& i : anomalies) {
    const auto severity = i.value("severity", "");
    double cost = severity == "critical" || severity == "high" ? 25 : 10;
    std::string when;
    if (i.value("status", "") == "resolved") {
      const auto at = parseIsoUtc(i.value("resolved_at", ""));
      if (!at) continue;
      const double days = std::max(0.0, std::chrono::duration<double>(now - *at).count() / 86'400);
      cost *= std::pow(0.5, days);
      when = " (resolved " + decimals(days, 1) + " days ago)";
      ++resolved;
    } else {
      ++unresolved;
    }
    score -= cost;
    const bool whole = std::fabs(cost - std::round(cost)) < 0.05;
    deductions.push_back("−" + (whole ? std::to_string(std::lround(cost)) : decimals(cost, 1)) +
                         " anomaly: " + i.value("title", "") + when);
  }
  return {scoredPart(std::max(0.0, score), weight,
                     {{"unresolved", unresolved}, {"resolved_recently", resolved}},
                     "100 less 25 per critical and 10 per other anomaly incident; a resolved "
                     "one's penalty halves with each day since its resolution"),
          joined(deductions)};
}

ScoredDimension schemaDimension(const TrustEvidence& e, double weight,
                                std::chrono::system_clock::time_point now) {
  if (!e.historyError.empty() || e.history.empty()) {
    return {scoredPart(std::nullopt, weight, Json::object(),
                       e.historyError.empty()
                           ? "the table has no history"
                           : "the table's history could not be read: " + e.historyError),
            ""};
  }
  const auto c = schemaChangesOf(e.history, now, kTrustStabilityDays);
  const double score =
      100.0 - 20.0 * static_cast<double>(c.breaking) - 5.0 * static_cast<double>(c.additive);
  return {scoredPart(score, weight,
                     {{"breaking_changes", c.breaking},
                      {"additive_changes", c.additive},
                      {"commits_in_window", c.commitsInWindow},
                      {"days", kTrustStabilityDays}},
                     "100 less 20 per breaking and 5 per additive schema change in 30 days"),
          c.total() > 0
              ? std::to_string(c.breaking) + " breaking and " + std::to_string(c.additive) +
                    " additive schema changes in " + std::to_string(kTrustStabilityDays) + " days"
              : ""};
}

ScoredDimension piiDimension(const TrustEvidence& e, double weight) {
  if (!e.tags) {
    return {scoredPart(std::nullopt, weight, Json::object(),
                       "the table's tags could not be read: " + e.tagsError),
            ""};
  }
  std::set<std::string> personal;
  std::set<std::string> protectedColumns;
  for (const auto& t : *e.tags) {
    if (t.column.empty()) continue;
    if (isPersonalDataTag(t)) personal.insert(lowerAscii(t.column));
    if (isProtectionTag(t)) protectedColumns.insert(lowerAscii(t.column));
  }
  if (personal.empty()) {
    return {scoredPart(std::nullopt, weight, {{"source", "column tags"}},
                       "no personal-data discovery service exists yet and no column tag marks "
                       "personal data, so whether the table holds any is unknown"),
            ""};
  }
  std::vector<std::string> unprotected;
  Json protectedList = Json::array();
  for (const auto& c : personal) {
    if (protectedColumns.count(c)) {
      protectedList.push_back(c);
    } else {
      unprotected.push_back(c);
    }
  }
  const double score =
      100.0 * static_cast<double>(protectedList.size()) / static_cast<double>(personal.size());
  return {scoredPart(score, weight,
                     {{"source", "column tags"},
                      {"personal_columns", personal},
                      {"protected_columns", protectedList}},
                     "100 × personal-data columns protected (a masked, mask, masking_policy, "
                     "protected, encrypted, tokenized or hashed tag) / personal-data columns "
                     "(a pii, personal_data, class.* or classification tag)"),
          unprotected.empty()
              ? ""
              : std::to_string(unprotected.size()) + " of " + std::to_string(personal.size()) +
                    " personal-data columns unprotected (" + joined(unprotected) + ")"};
}

ScoredDimension lineageDimension(const TrustEvidence& e, double weight) {
  std::optional<bool> certified;
  if (e.tags) {
    certified = std::any_of(e.tags->begin(), e.tags->end(),
                            [](const TagInfo& t) { return isCertificationTag(t); });
  }
  const std::array<std::pair<const char*, std::optional<bool>>, 4> flags{
      {{"upstream", e.hasUpstream},
       {"owner", !e.owner.empty()},
       {"description", !e.comment.empty()},
       {"certification", certified}}};
  Json evidence = Json::object();
  std::vector<std::string> missing;
  std::vector<std::string> unknown;
  int known = 0;
  int set = 0;
  for (const auto& [name, value] : flags) {
    evidence[name] = value ? Json(*value) : Json();
    if (!value) {
      unknown.push_back(name);
      continue;
    }
    ++known;
    if (*value) {
      ++set;
    } else {
      missing.push_back(name);
    }
  }
  evidence["unknown"] = unknown;
  evidence["note"] = e.lineageNote;
  std::string reason =
      "mean × 100 of the known flags: an upstream table in lineage, an owner, a description "
      "(comment), a certification tag";
  if (!unknown.empty()) reason += "; unknown: " + joined(unknown);
  if (!e.hasUpstream && !e.lineageNote.empty()) reason += " (" + e.lineageNote + ")";
  const double score = known > 0 ? 100.0 * set / known : 0;
  return {
      scoredPart(known > 0 ? std::optional<double>(score) : std::nullopt, weight, evidence, reason),
      missing.empty() ? "" : "missing " + joined(missing)};
}

}  // namespace

Json trustWeightsJson(const TrustWeights& w) {
  Json out = Json::object();
  for (const auto& d : kTrustDimensions) out[d.name] = w.*(d.weight);
  return out;
}

TrustWeights mergedTrustWeights(const TrustWeights& current, const Json& body) {
  if (!body.is_object()) {
    throw unprocessable(Json::array({"body"}),
                        "the body must be an object of weights by dimension");
  }
  TrustWeights out = current;
  for (const auto& [key, value] : body.items()) {
    const auto it = std::find_if(kTrustDimensions.begin(), kTrustDimensions.end(),
                                 [&](const TrustDimension& d) { return key == d.name; });
    if (it == kTrustDimensions.end()) {
      throw unprocessable(Json::array({"body", key}),
                          "unknown dimension '" + key +
                              "'; the dimensions are dq, freshness, anomaly, schema_stability, "
                              "pii and lineage");
    }
    if (!value.is_number()) {
      throw unprocessable(Json::array({"body", key}), "the weight of " + key + " must be a number",
                          "type_error.float");
    }
    const double v = value.get<double>();
    if (!std::isfinite(v) || v < 0) {
      throw unprocessable(Json::array({"body", key}),
                          "the weight of " + key + " must be ≥ 0, not " + value.dump());
    }
    out.*(it->weight) = v;
  }
  double sum = 0;
  std::string parts;
  for (const auto& d : kTrustDimensions) {
    sum += out.*(d.weight);
    parts += (parts.empty() ? "" : ", ") + std::string(d.name) + " " + decimals(out.*(d.weight), 4);
  }
  if (std::fabs(sum - 1) > kWeightTolerance) {
    throw unprocessable(Json::array({"body"}),
                        "the weights must sum to 1 (within 1e-6) but sum to " + decimals(sum, 6) +
                            " (" + parts + "); a partial body keeps the other stored weights");
  }
  return out;
}

std::string trustConfigHash(const TrustWeights& w) {
  // FNV-1a over the weights as fixed text: stable across runs and builds.
  std::string text;
  for (const auto& d : kTrustDimensions)
    text += std::string(d.name) + "=" + decimals(w.*(d.weight), 6) + ";";
  std::uint64_t h = 14695981039346656037ULL;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  std::array<char, 17> buf{};
  std::snprintf(buf.data(), buf.size(), "%016llx", static_cast<unsigned long long>(h));
  return buf.data();
}

std::string trustGrade(double score) {
  if (score >= 90) return "A";
  if (score >= 75) return "B";
  if (score >= 60) return "C";
  if (score >= 40) return "D";
  return "F";
}

Json trustScoreOf(const TrustEvidence& evidence, const TrustWeights& weights,
                  std::chrono::system_clock::time_point now) {
  std::vector<std::pair<std::string, ScoredDimension>> dims{
      {"dq", dqDimension(evidence.checks, weights.dq)},
      {"freshness", freshnessDimension(evidence, weights.freshness, now)},
      {"anomaly", anomalyDimension(evidence.anomalies, weights.anomaly, now)},
      {"schema_stability", schemaDimension(evidence, weights.schemaStability, now)},
      {"pii", piiDimension(evidence, weights.pii)},
      {"lineage", lineageDimension(evidence, weights.lineage)}};
  Json parts = Json::object();
  double total = 0;
  for (const auto& [name, d] : dims) {
    parts[name] = d.part;
    total += d.part["weight"].get<double>();
  }
  Json out{{"score", nullptr},
           {"confidence", 0.0},
           {"grade", nullptr},
           {"dimensions", parts},
           {"reasons", Json::array()},
           {"computed_at", isoUtc(now)},
           {"config_hash", trustConfigHash(weights)}};
  const auto weighed = weighedScore(parts);
  if (!weighed || total <= 0) return out;
  out["score"] = std::round(weighed->score * 10) / 10;
  out["grade"] = trustGrade(weighed->score);
  out["confidence"] = std::round(weighed->weights / total * 100) / 100;
  // Each deduction is what the dimension costs the score: its share of the weight with
  // evidence times the points it is short of 100.
  std::vector<std::pair<double, std::string>> deductions;
  for (const auto& [name, d] : dims) {
    const auto& p = d.part;
    if (p["score"].is_null() || p["weight"].get<double>() == 0) continue;
    const double points =
        p["weight"].get<double>() / weighed->weights * (100 - p["score"].get<double>());
    if (points <= 0) continue;
    deductions.emplace_back(points, name + " −" + decimals(points, 1) + " points" +
                                        (d.finding.empty() ? "" : ": " + d.finding));
  }
  std::stable_sort(deductions.begin(), deductions.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [points, text] : deductions) out["reasons"].push_back(std::move(text));
  return out;
}

}  // namespace clxs::observability
