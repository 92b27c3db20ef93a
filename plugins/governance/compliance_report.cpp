#include "plugins/governance/compliance_report.hpp"

#include <cmath>
#include <set>

#include "plugins/governance/compliance_collectors.hpp"

namespace clxs::governance {
namespace {

// At most this many failing objects are listed per section.
constexpr std::size_t kReportMaxRows = 50;

struct ReportSection {
  const char* title;
  const char* description;
  const char* collector;
  const char* params;  // JSON
};

std::vector<ReportSection> reportSectionsOf(const std::string& type) {
  if (type == "pii_audit") {
    return {{"PII Column Classification",
             "Columns whose name or tags say they hold personal data, and whether a "
             "personal-data tag classifies them.",
             "personal_data_classified", "{}"},
            {"Masking Coverage",
             "Personal-data columns protected by a column mask or a protection tag.",
             "personal_data_protected", "{}"},
            {"High-Risk PII Exposure",
             "High-risk columns (card numbers, national ids, secrets, health) without protection.",
             "personal_data_protected", R"({"high_risk_only": true})"},
            {"Personal Data Retention", "Tables holding personal data that carry a retention tag.",
             "personal_data_retention", "{}"}};
  }
  if (type == "permission_audit") {
    return {{"Catalog Grants",
             "Catalogs and schemas without ALL PRIVILEGES grants or grants to every user.",
             "least_privilege", "{}"},
            {"Table Ownership", "Tables with an owner.", "table_ownership", "{}"},
            {"Access Policies", "Access policies defined and enforced (rbac_enabled).",
             "access_policies", "{}"}};
  }
  if (type == "tag_coverage") {
    return {{"Table Tag Coverage", "Tables with at least one tag (on the table or a column).",
             "tag_coverage", "{}"},
            {"Column Tag Coverage", "Personal-data columns classified with a tag.",
             "personal_data_classified", "{}"},
            {"Certification Coverage", "Tables certified by a certification tag.", "certification",
             "{}"}};
  }
  if (type == "ownership_audit") {
    return {{"Table Ownership", "Tables with an owner.", "table_ownership", "{}"},
            {"Schema Ownership", "Schemas with an owner.", "schema_ownership", "{}"},
            {"Table Documentation", "Tables with a comment.", "table_documentation", "{}"}};
  }
  // data_governance
  return {{"Audit Trail Coverage", "The audit trail table the config names exists.", "audit_trail",
           "{}"},
          {"Validation Settings", "Post-clone validation and checksums keep copies intact.",
           "config_flags", R"({"keys": ["validate_after_clone", "validate_checksum"]})"},
          {"Clone Configuration Hygiene", "Best-practice clone settings.", "config_flags",
           R"({"keys": ["copy_permissions", "copy_ownership", "copy_tags", "enable_rollback"]})"},
          {"Access Policies", "Access policies defined and enforced (rbac_enabled).",
           "access_policies", "{}"}};
}

std::string reportStatus(int score) {
  return score >= 80 ? "COMPLIANT" : score >= 50 ? "WARNING" : "NON_COMPLIANT";
}

Json reportSection(const ReportSection& s, const ComplianceEstate& estate,
                   const PersonalDataColumns& personal, const ComplianceCatalogue& catalogue) {
  ComplianceControl control;
  control.id = s.title;
  control.collector = s.collector;
  control.params = Json::parse(s.params);
  const auto e = collectControl(control, estate, personal, catalogue);
  const int score = static_cast<int>(std::floor(e.share * 100 + 1e-9));
  Json items = Json::array();
  items.push_back(Json{{"name", e.summary}, {"status", reportStatus(score)}});
  if (e.failingTotal > 0) {
    items.push_back(Json{{"name", std::to_string(e.failingTotal) + " object(s) to fix"},
                         {"status", "NON_COMPLIANT"}});
  }
  Json out{{"title", s.title},
           {"description", s.description},
           {"score", score},
           {"status", reportStatus(score)},
           {"items", items}};
  if (!e.failing.empty()) {
    Json rows = Json::array();
    for (const auto& f : e.failing) {
      if (rows.size() >= kReportMaxRows) break;
      rows.push_back(Json{{"object", f.object}, {"issue", f.detail}});
    }
    out["table_data"] = rows;
    out["table_columns"] = Json::array(
        {Json{{"key", "object"}, {"label", "Object"}}, Json{{"key", "issue"}, {"label", "Issue"}}});
  }
  return out;
}

}  // namespace

const std::vector<std::string>& complianceReportTypes() {
  static const std::vector<std::string> types{"data_governance",  "pii_audit",
                                              "permission_audit", "tag_coverage",
                                              "ownership_audit",  "full_report"};
  return types;
}

Json buildComplianceReport(const ComplianceEstate& estate, const ComplianceCatalogue& catalogue,
                           const std::string& catalog, const std::string& reportType,
                           const std::string& generatedAt) {
  const PersonalDataColumns personal(catalogue);
  std::vector<ReportSection> wanted;
  if (reportType == "full_report") {
    std::set<std::string> seen;
    for (const auto& t : complianceReportTypes()) {
      if (t == "full_report") continue;
      for (const auto& s : reportSectionsOf(t)) {
        if (seen.insert(s.title).second) wanted.push_back(s);
      }
    }
  } else {
    wanted = reportSectionsOf(reportType);
  }
  Json sections = Json::array();
  int sum = 0;
  int passed = 0;
  int warnings = 0;
  int failures = 0;
  for (const auto& s : wanted) {
    Json section = reportSection(s, estate, personal, catalogue);
    const int score = section["score"].get<int>();
    sum += score;
    const auto status = section["status"].get<std::string>();
    passed += status == "COMPLIANT" ? 1 : 0;
    warnings += status == "WARNING" ? 1 : 0;
    failures += status == "NON_COMPLIANT" ? 1 : 0;
    sections.push_back(std::move(section));
  }
  const int score = sections.empty() ? 0 : sum / static_cast<int>(sections.size());
  return Json{{"status", reportStatus(score)},
              {"score", score},
              {"summary",
               {{"catalog", catalog},
                {"report_type", reportType},
                {"generated_at", generatedAt},
                {"total_checks", sections.size()},
                {"passed", passed},
                {"warnings", warnings},
                {"failures", failures},
                {"tables_checked", estate.tables.size()},
                {"truncated", estate.truncated},
                {"notes", estate.notes}}},
              {"sections", sections}};
}

}  // namespace clxs::governance
