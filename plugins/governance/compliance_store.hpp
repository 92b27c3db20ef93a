// Compliance assessments (`governance_compliance_assessments`) and the evidence rows each
// collected (`governance_compliance_evidence`). Both are append-only: triggers refuse UPDATE
// and DELETE, so an assessment stays what it was when it was made. Every assessment is one
// point of its framework's trend.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::governance {

/// One control's evidence in one assessment.
struct StoredEvidence {
  std::string evidenceId;
  std::string assessmentId;
  std::string frameworkId;
  std::string controlId;
  std::string controlName;
  std::string evidenceType;
  std::string status;  ///< met, partial or gap
  std::int64_t evidenceCount = 0;
  std::int64_t checkedCount = 0;
  std::int64_t failingCount = 0;
  std::string summary;
  std::string remediation;
  Json failing = Json::array();  ///< [{object, detail}] (at most 100)
  std::string collectedAt;

  /// {evidence_id, assessment_id, framework_id, control_id, control_name, evidence_type,
  /// status, evidence_count, checked_count, failing_count, evidence_summary, remediation,
  /// failing_objects, collected_at}.
  [[nodiscard]] Json toJson() const;
};

/// One assessment.
struct StoredAssessment {
  std::string assessmentId;
  std::string frameworkId;
  std::string frameworkName;
  std::int64_t totalControls = 0;
  std::int64_t metControls = 0;
  std::int64_t partialControls = 0;
  std::int64_t gapControls = 0;
  double score = 0;
  double partialWeight = 0;
  Json scope = Json::object();  ///< {catalogs, tables, truncated, notes}
  std::string assessedBy;
  std::string assessedAt;
};

/// The store.
class ComplianceStore {
 public:
  /// Uses the plugin's migrated store.
  explicit ComplianceStore(Store& store) : store_(store) {}
  /// The tables (version 41).
  static std::vector<Migration> migrations();

  /// Stores an assessment with its evidence (the evidence first: an assessment is visible
  /// only once all of its rows are).
  void save(const StoredAssessment& assessment, const std::vector<StoredEvidence>& evidence);
  /// The newest assessment of a framework.
  [[nodiscard]] std::optional<StoredAssessment> latest(const std::string& frameworkId) const;
  /// The evidence rows of an assessment in control order; only partial and gap ones when
  /// `failingOnly` (gaps first).
  [[nodiscard]] std::vector<StoredEvidence> evidence(const std::string& assessmentId,
                                                     bool failingOnly) const;
  /// The newest `limit` assessments of a framework, oldest first.
  [[nodiscard]] std::vector<StoredAssessment> history(const std::string& frameworkId,
                                                      std::int64_t limit) const;

 private:
  Store& store_;
};

}  // namespace clxs::governance
