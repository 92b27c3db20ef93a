#include "plugins/governance/compliance_store.hpp"

namespace clxs::governance {
namespace {

StoredAssessment complianceAssessmentOf(const Json& r) {
  StoredAssessment a;
  a.assessmentId = r["assessment_id"].get<std::string>();
  a.frameworkId = r["framework_id"].get<std::string>();
  a.frameworkName = r["framework_name"].get<std::string>();
  a.totalControls = r["total_controls"].get<std::int64_t>();
  a.metControls = r["met_controls"].get<std::int64_t>();
  a.partialControls = r["partial_controls"].get<std::int64_t>();
  a.gapControls = r["gap_controls"].get<std::int64_t>();
  a.score = r["score"].get<double>();
  a.partialWeight = r["partial_weight"].get<double>();
  a.scope = Json::parse(r["scope_json"].get<std::string>());
  a.assessedBy = r["assessed_by"].get<std::string>();
  a.assessedAt = r["assessed_at"].get<std::string>();
  return a;
}

constexpr const char* kComplianceAssessmentColumns =
    "assessment_id, framework_id, framework_name, total_controls, met_controls, "
    "partial_controls, gap_controls, score, partial_weight, scope_json, assessed_by, assessed_at";

}  // namespace

Json StoredEvidence::toJson() const {
  return Json{{"evidence_id", evidenceId},
              {"assessment_id", assessmentId},
              {"framework_id", frameworkId},
              {"control_id", controlId},
              {"control_name", controlName},
              {"evidence_type", evidenceType},
              {"status", status},
              {"evidence_count", evidenceCount},
              {"checked_count", checkedCount},
              {"failing_count", failingCount},
              {"evidence_summary", summary},
              {"remediation", remediation},
              {"failing_objects", failing},
              {"collected_at", collectedAt}};
}

std::vector<Migration> ComplianceStore::migrations() {
  return {{41,
           "CREATE TABLE governance_compliance_assessments (seq INTEGER PRIMARY KEY "
           "AUTOINCREMENT, assessment_id TEXT NOT NULL UNIQUE, framework_id TEXT NOT NULL, "
           "framework_name TEXT NOT NULL, total_controls INTEGER NOT NULL, met_controls INTEGER "
           "NOT NULL, partial_controls INTEGER NOT NULL, gap_controls INTEGER NOT NULL, score "
           "REAL NOT NULL, partial_weight REAL NOT NULL, scope_json TEXT NOT NULL, assessed_by "
           "TEXT NOT NULL, assessed_at TEXT NOT NULL);"
           "CREATE INDEX governance_compliance_assessments_fw ON "
           "governance_compliance_assessments (framework_id, seq);"
           "CREATE TABLE governance_compliance_evidence (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
           "evidence_id TEXT NOT NULL UNIQUE, assessment_id TEXT NOT NULL, framework_id TEXT NOT "
           "NULL, control_id TEXT NOT NULL, control_name TEXT NOT NULL, evidence_type TEXT NOT "
           "NULL, status TEXT NOT NULL, evidence_count INTEGER NOT NULL, checked_count INTEGER "
           "NOT NULL, failing_count INTEGER NOT NULL, summary TEXT NOT NULL, remediation TEXT "
           "NOT NULL, failing_json TEXT NOT NULL, collected_at TEXT NOT NULL);"
           "CREATE INDEX governance_compliance_evidence_a ON governance_compliance_evidence "
           "(assessment_id);"
           "CREATE TRIGGER governance_compliance_assessments_keep BEFORE UPDATE ON "
           "governance_compliance_assessments BEGIN SELECT RAISE(ABORT, 'compliance "
           "assessments are immutable'); END;"
           "CREATE TRIGGER governance_compliance_assessments_stay BEFORE DELETE ON "
           "governance_compliance_assessments BEGIN SELECT RAISE(ABORT, 'compliance "
           "assessments are immutable'); END;"
           "CREATE TRIGGER governance_compliance_evidence_keep BEFORE UPDATE ON "
           "governance_compliance_evidence BEGIN SELECT RAISE(ABORT, 'compliance evidence is "
           "immutable'); END;"
           "CREATE TRIGGER governance_compliance_evidence_stay BEFORE DELETE ON "
           "governance_compliance_evidence BEGIN SELECT RAISE(ABORT, 'compliance evidence is "
           "immutable'); END;"}};
}

void ComplianceStore::save(const StoredAssessment& a, const std::vector<StoredEvidence>& rows) {
  for (const auto& e : rows) {
    store_.execute(
        "INSERT INTO governance_compliance_evidence (evidence_id, assessment_id, framework_id, "
        "control_id, control_name, evidence_type, status, evidence_count, checked_count, "
        "failing_count, summary, remediation, failing_json, collected_at) VALUES (?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {e.evidenceId, e.assessmentId, e.frameworkId, e.controlId, e.controlName, e.evidenceType,
         e.status, e.evidenceCount, e.checkedCount, e.failingCount, e.summary, e.remediation,
         e.failing.dump(), e.collectedAt});
  }
  store_.execute(std::string("INSERT INTO governance_compliance_assessments (") +
                     kComplianceAssessmentColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {a.assessmentId, a.frameworkId, a.frameworkName, a.totalControls, a.metControls,
                  a.partialControls, a.gapControls, a.score, a.partialWeight, a.scope.dump(),
                  a.assessedBy, a.assessedAt});
}

std::optional<StoredAssessment> ComplianceStore::latest(const std::string& frameworkId) const {
  const auto rows = store_.query(std::string("SELECT ") + kComplianceAssessmentColumns +
                                     " FROM governance_compliance_assessments WHERE "
                                     "framework_id = ? ORDER BY seq DESC LIMIT 1",
                                 {frameworkId});
  if (rows.empty()) return std::nullopt;
  return complianceAssessmentOf(rows[0]);
}

std::vector<StoredEvidence> ComplianceStore::evidence(const std::string& assessmentId,
                                                      bool failingOnly) const {
  std::string sql =
      "SELECT evidence_id, assessment_id, framework_id, control_id, control_name, "
      "evidence_type, status, evidence_count, checked_count, failing_count, summary, "
      "remediation, failing_json, collected_at FROM governance_compliance_evidence WHERE "
      "assessment_id = ?";
  sql += failingOnly ? " AND status <> 'met' ORDER BY status = 'partial', seq" : " ORDER BY seq";
  std::vector<StoredEvidence> out;
  for (const auto& r : store_.query(sql, {assessmentId})) {
    StoredEvidence e;
    e.evidenceId = r["evidence_id"].get<std::string>();
    e.assessmentId = r["assessment_id"].get<std::string>();
    e.frameworkId = r["framework_id"].get<std::string>();
    e.controlId = r["control_id"].get<std::string>();
    e.controlName = r["control_name"].get<std::string>();
    e.evidenceType = r["evidence_type"].get<std::string>();
    e.status = r["status"].get<std::string>();
    e.evidenceCount = r["evidence_count"].get<std::int64_t>();
    e.checkedCount = r["checked_count"].get<std::int64_t>();
    e.failingCount = r["failing_count"].get<std::int64_t>();
    e.summary = r["summary"].get<std::string>();
    e.remediation = r["remediation"].get<std::string>();
    e.failing = Json::parse(r["failing_json"].get<std::string>());
    e.collectedAt = r["collected_at"].get<std::string>();
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<StoredAssessment> ComplianceStore::history(const std::string& frameworkId,
                                                       std::int64_t limit) const {
  const auto rows = store_.query(
      std::string("SELECT * FROM (SELECT seq, ") + kComplianceAssessmentColumns +
          " FROM governance_compliance_assessments WHERE framework_id = ? ORDER BY seq DESC "
          "LIMIT ?) ORDER BY seq",
      {frameworkId, limit});
  std::vector<StoredAssessment> out;
  for (const auto& r : rows) out.push_back(complianceAssessmentOf(r));
  return out;
}

}  // namespace clxs::governance
