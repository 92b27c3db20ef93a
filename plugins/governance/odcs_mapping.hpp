// What other parts of clxs already say about a contract's tables, written into the contract:
// the quality plugin's DQ rules and DQX checks (read through the quality.catalog service) into
// its quality sections, the SLA rules (read from the governance change history, where the SLA
// area records each one) into slaProperties; and the original's legacy data contracts turned
// into ODCS v3.1.0 documents.
#pragma once

#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/services/quality_catalog.hpp"

namespace clxs::governance {

/// `doc` with the enabled checks of `tables` mapped in (not_null → nullValues, unique →
/// duplicateValues, anything else a custom rule naming the check), each rule with id
/// "dq:<check id>" and added once however often this runs: {document, mapped: [{rule_id,
/// object, property, rule}], already_present}.
Json mapDqIntoContract(const Json& doc, const std::vector<services::TableChecks>& tables);

/// `doc` with the SLA rules of its tables mapped into slaProperties (freshness → latency in
/// hours, others under their metric name), each with id "sla:<sla id>" and added once:
/// {document, mapped, already_present}.
Json mapSlaIntoContract(const Json& doc, const std::vector<Json>& slaRules);

/// A legacy data contract (a row of the original's data_contracts table, or the same as JSON)
/// as an ODCS v3.1.0 document: name, table_fqn → schema physicalName, its columns (columns,
/// schema_definition or expected_schema, as a list or JSON text) with types and nullability,
/// its not_null/unique rules, freshness SLA, owner, version and status.
Json legacyToOdcs(const Json& legacy);

}  // namespace clxs::governance
