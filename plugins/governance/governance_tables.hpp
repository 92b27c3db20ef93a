// The original's governance Delta tables (<audit catalog>.governance.*: the glossary, its
// links, certifications, change history, DQ rules and results, SLA rules and checks, data
// contracts, ODCS contracts, versions and validations, DQX profiles, checks, runs and
// definitions), with the original's columns, so dashboards built on them keep working. The
// plugin's SQLite store stays the system of record; POST /api/governance/init creates these.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::governance {

/// One Delta table of the governance schema.
struct GovernanceDeltaTable {
  std::string name;                                          ///< table name
  std::string comment;                                       ///< table comment
  std::vector<std::pair<std::string, std::string>> columns;  ///< name, Databricks type
};

/// Every table, in the original's order.
const std::vector<GovernanceDeltaTable>& governanceDeltaTables();

/// The schema the tables live in.
inline constexpr const char* kGovernanceSchema = "governance";

/// CREATE TABLE IF NOT EXISTS for `table` in `catalog`.`schema` (names quoted).
std::string createGovernanceTableSql(const std::string& catalog, const std::string& schema,
                                     const GovernanceDeltaTable& table);

/// Creates the catalog and schema when missing, then every table not there yet, and adds the
/// columns an existing table lacks. Answers {status, message, catalog, schema, tables,
/// tables_created, already_existed, columns_added}; running it again creates nothing.
Json initGovernanceTables(Workspace& ws, const std::string& catalog, const CallOptions& options);

}  // namespace clxs::governance
