#include "plugins/governance/governance_tables.hpp"

#include <map>
#include <set>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::governance {

namespace {

using InitCols = std::vector<std::pair<std::string, std::string>>;

std::vector<GovernanceDeltaTable> governanceTableList() {
  const std::string s = "STRING";
  const std::string ts = "TIMESTAMP";
  const std::string b = "BOOLEAN";
  const std::string d = "DOUBLE";
  const std::string big = "BIGINT";
  const auto table = [](std::string name, std::string area, InitCols cols) {
    return GovernanceDeltaTable{name, "Clone-Xs " + area + ": " + name, std::move(cols)};
  };
  return {
      table("business_glossary", "Governance",
            {{"term_id", s},
             {"name", s},
             {"abbreviation", s},
             {"definition", s},
             {"domain", s},
             {"owner", s},
             {"tags", s},
             {"status", s},
             {"created_by", s},
             {"created_at", ts},
             {"updated_at", ts}}),
      table("glossary_links", "Governance",
            {{"link_id", s},
             {"term_id", s},
             {"column_fqn", s},
             {"created_by", s},
             {"created_at", ts}}),
      table("certifications", "Governance",
            {{"cert_id", s},
             {"table_fqn", s},
             {"status", s},
             {"certified_by", s},
             {"certified_at", ts},
             {"expiry_date", "DATE"},
             {"notes", s},
             {"review_frequency", s},
             {"created_at", ts},
             {"updated_at", ts}}),
      table("change_history", "Governance",
            {{"change_id", s},
             {"entity_type", s},
             {"entity_id", s},
             {"change_type", s},
             {"changed_by", s},
             {"changed_at", ts},
             {"details", s}}),
      table("dq_rules", "DQ",
            {{"rule_id", s},
             {"name", s},
             {"table_fqn", s},
             {"column_name", s},
             {"rule_type", s},
             {"expression", s},
             {"params", s},
             {"threshold", d},
             {"severity", s},
             {"schedule", s},
             {"enabled", b},
             {"created_by", s},
             {"created_at", ts},
             {"updated_at", ts}}),
      table("dq_results", "DQ",
            {{"result_id", s},
             {"rule_id", s},
             {"rule_name", s},
             {"table_fqn", s},
             {"column_name", s},
             {"rule_type", s},
             {"severity", s},
             {"total_rows", big},
             {"failed_rows", big},
             {"failure_rate", d},
             {"passed", b},
             {"threshold", d},
             {"executed_at", ts},
             {"execution_time_ms", big},
             {"error_message", s}}),
      table("sla_rules", "SLA",
            {{"sla_id", s},
             {"table_fqn", s},
             {"metric", s},
             {"threshold_hours", "INT"},
             {"threshold_value", d},
             {"severity", s},
             {"owner_team", s},
             {"notification_channel", s},
             {"enabled", b},
             {"created_by", s},
             {"created_at", ts}}),
      table("sla_checks", "SLA",
            {{"check_id", s},
             {"sla_id", s},
             {"table_fqn", s},
             {"metric", s},
             {"current_value", d},
             {"threshold", d},
             {"passed", b},
             {"severity", s},
             {"checked_at", ts},
             {"details", s}}),
      table("data_contracts", "SLA",
            {{"contract_id", s},
             {"name", s},
             {"table_fqn", s},
             {"producer_team", s},
             {"consumer_teams", s},
             {"expected_columns", s},
             {"quality_rules", s},
             {"freshness_sla_hours", "INT"},
             {"row_count_min", big},
             {"row_count_max", big},
             {"effective_date", "DATE"},
             {"status", s},
             {"created_by", s},
             {"created_at", ts},
             {"updated_at", ts}}),
      table("odcs_contracts", "ODCS",
            {{"contract_id", s},
             {"name", s},
             {"version", s},
             {"status", s},
             {"domain", s},
             {"data_product", s},
             {"tenant", s},
             {"table_fqns", s},
             {"odcs_document", s},
             {"created_by", s},
             {"created_at", ts},
             {"updated_at", ts}}),
      table("odcs_contract_versions", "ODCS",
            {{"contract_id", s},
             {"version", s},
             {"odcs_document", s},
             {"created_by", s},
             {"created_at", ts}}),
      table("odcs_validation_results", "ODCS",
            {{"validation_id", s},
             {"contract_id", s},
             {"contract_version", s},
             {"sections_checked", s},
             {"violations", s},
             {"compliant", b},
             {"validated_at", ts},
             {"validated_by", s}}),
      table("dqx_profiles", "DQX",
            {{"profile_id", s},
             {"table_fqn", s},
             {"column_name", s},
             {"rule_type", s},
             {"parameters", s},
             {"description", s},
             {"profiled_at", ts},
             {"profiled_by", s}}),
      table("dqx_checks", "DQX",
            {{"check_id", s},
             {"name", s},
             {"table_fqn", s},
             {"criticality", s},
             {"check_function", s},
             {"arguments", s},
             {"filter_expr", s},
             {"enabled", b},
             {"created_by", s},
             {"created_at", ts},
             {"updated_at", ts}}),
      table("dqx_run_results", "DQX",
            {{"run_id", s},
             {"table_fqn", s},
             {"total_rows", big},
             {"valid_rows", big},
             {"invalid_rows", big},
             {"error_rows", big},
             {"warning_rows", big},
             {"pass_rate", d},
             {"checks_applied", "INT"},
             {"execution_time_ms", big},
             {"executed_at", ts},
             {"executed_by", s},
             {"details", s}}),
      table("dqx_check_definitions", "DQX",
            {{"definition_id", s},
             {"table_fqn", s},
             {"checks_yaml", s},
             {"source", s},
             {"created_by", s},
             {"created_at", ts}}),
  };
}

// Tables of a schema by lower-case name; empty when the schema does not exist yet.
std::map<std::string, TableInfo> governanceTablesIn(Workspace& ws, const std::string& catalog,
                                                    const std::string& schema,
                                                    const CallOptions& options) {
  std::map<std::string, TableInfo> out;
  try {
    for (auto& t : ws.catalog().tables(catalog, schema, options))
      out[lowerAscii(t.name)] = std::move(t);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() != WorkspaceErrorClass::NotFound) throw;
  }
  return out;
}

}  // namespace

const std::vector<GovernanceDeltaTable>& governanceDeltaTables() {
  static const std::vector<GovernanceDeltaTable> kTables = governanceTableList();
  return kTables;
}

std::string createGovernanceTableSql(const std::string& catalog, const std::string& schema,
                                     const GovernanceDeltaTable& table) {
  std::string defs;
  for (const auto& [name, type] : table.columns)
    defs += (defs.empty() ? "" : ", ") + quoteIdentifier(name) + " " + type;
  return "CREATE TABLE IF NOT EXISTS " + quoteQualified({catalog, schema, table.name}) + " (" +
         defs + ") USING DELTA COMMENT " + quoteLiteral(table.comment);
}

Json initGovernanceTables(Workspace& ws, const std::string& catalog, const CallOptions& options) {
  const std::string schema = kGovernanceSchema;
  bool catalogExists = false;
  // Checking first spares a user who may use but not create catalogs.
  for (const auto& c : ws.catalog().catalogs(options)) {
    if (sameName(c.name, catalog)) catalogExists = true;
  }
  if (!catalogExists) {
    ws.sql().execute("CREATE CATALOG IF NOT EXISTS " + quoteIdentifier(catalog) + " COMMENT " +
                         quoteLiteral("Clone-Xs audit trail"),
                     {}, options);
  }
  bool schemaExists = false;
  if (catalogExists) {
    for (const auto& s : ws.catalog().schemas(catalog, options)) {
      if (sameName(s.name, schema)) schemaExists = true;
    }
  }
  if (!schemaExists) {
    ws.sql().execute("CREATE SCHEMA IF NOT EXISTS " + quoteQualified({catalog, schema}) +
                         " COMMENT " + quoteLiteral("Clone-Xs governance"),
                     {}, options);
  }

  const auto present = governanceTablesIn(ws, catalog, schema, options);
  Json all = Json::array();
  Json created = Json::array();
  Json existed = Json::array();
  Json added = Json::object();
  for (const auto& table : governanceDeltaTables()) {
    const auto fqn = joinDotted({catalog, schema, table.name});
    all.push_back(fqn);
    const auto it = present.find(lowerAscii(table.name));
    if (it == present.end()) {
      ws.sql().execute(createGovernanceTableSql(catalog, schema, table), {}, options);
      created.push_back(fqn);
      continue;
    }
    existed.push_back(fqn);
    // A table from an older release lacks columns added since.
    std::set<std::string> have;
    for (const auto& c : it->second.columns) have.insert(lowerAscii(c.name));
    std::string defs;
    Json names = Json::array();
    for (const auto& [name, type] : table.columns) {
      if (have.count(lowerAscii(name)) != 0) continue;
      defs += (defs.empty() ? "" : ", ") + quoteIdentifier(name) + " " + type;
      names.push_back(name);
    }
    if (defs.empty()) continue;
    ws.sql().execute("ALTER TABLE " + quoteQualified({catalog, schema, table.name}) +
                         " ADD COLUMNS (" + defs + ")",
                     {}, options);
    added[fqn] = names;
  }
  const auto message = created.empty()
                           ? "Governance tables already initialized in " + catalog + "." + schema
                           : "Created " + std::to_string(created.size()) + " governance table" +
                                 (created.size() == 1 ? "" : "s") + " in " + catalog + "." + schema;
  return Json{{"status", "ok"},
              {"message", message},
              {"catalog", catalog},
              {"schema", schema},
              {"catalog_created", !catalogExists},
              {"schema_created", !schemaExists},
              {"tables", all},
              {"tables_created", created},
              {"already_existed", existed},
              {"columns_added", added}};
}

}  // namespace clxs::governance
