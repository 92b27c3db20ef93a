// POST /api/compliance: the original's report types (data_governance, pii_audit,
// permission_audit, tag_coverage, ownership_audit, full_report) as sections judged by the
// same collectors as the frameworks, over one catalog. A section scores 0–100 (the share of
// its objects that pass) and is COMPLIANT at 80, WARNING at 50, else NON_COMPLIANT; the
// report's score is the integer mean of its sections'.
#pragma once

#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "plugins/governance/compliance_catalogue.hpp"
#include "plugins/governance/compliance_estate.hpp"

namespace clxs::governance {

/// The report types, data_governance first.
const std::vector<std::string>& complianceReportTypes();

/// {status, score, summary{catalog, report_type, generated_at, total_checks, passed, warnings,
/// failures, tables_checked, truncated, notes}, sections[{title, description, score, status,
/// items[{name, status}], table_data?, table_columns?}]}.
Json buildComplianceReport(const ComplianceEstate& estate, const ComplianceCatalogue& catalogue,
                           const std::string& catalog, const std::string& reportType,
                           const std::string& generatedAt);

}  // namespace clxs::governance
