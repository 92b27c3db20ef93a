// What a compliance report or assessment reads from the workspace once: per catalog its
// grants and owners, every table with its columns, owner, comment and properties, the table
// and column tags (one information_schema query per catalog), the column masks, plus the
// config and the access policies. The collectors judge the controls from this alone.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/workspace.hpp"

namespace clxs::governance {

/// A catalog or schema with its owner and the grants made on it.
struct EstateSecurable {
  std::string type;  ///< CATALOG or SCHEMA
  std::string name;  ///< dotted name
  std::string owner;
  std::vector<GrantInfo> grants;
};

/// A table with its tags and masks.
struct EstateTable {
  TableInfo info;
  std::vector<TagInfo> tags;                               ///< table-level tags
  std::map<std::string, std::vector<TagInfo>> columnTags;  ///< by lower-case column
  std::set<std::string> maskedColumns;                     ///< lower-case columns with a mask
};

/// The estate as read.
struct ComplianceEstate {
  std::vector<std::string> catalogs;        ///< the catalogs read
  std::vector<EstateSecurable> securables;  ///< catalogs and their schemas
  std::vector<EstateTable> tables;          ///< tables and views
  bool truncated = false;                   ///< the table bound was reached
  std::vector<std::string> notes;           ///< what could not be read, in words
  Json config = Json::object();             ///< the effective config
  std::size_t accessRules = 0;              ///< stored access policies
  bool rbacEnabled = false;                 ///< config rbac_enabled
  std::string auditTrailTable;              ///< the config's audit_trail table (dotted)
  bool auditTrailExists = false;            ///< whether it exists
};

/// At most this many tables are read per report or assessment (and 50 catalogs); beyond it the
/// estate is marked truncated and the evidence says so.
inline constexpr std::size_t kComplianceMaxTables = 5000;
inline constexpr std::size_t kComplianceMaxCatalogs = 50;

/// Catalogs an assessment reads when none is named: all but system ones (system, samples,
/// hive_metastore, __databricks_internal, names starting with "__").
std::vector<std::string> defaultComplianceCatalogs(Workspace& ws, const CallOptions& call);

/// Reads `catalogs` (each must exist: HttpError 404 naming it). Workspace failures on one
/// schema or view become notes; a cancelled or timed-out call ends the read.
ComplianceEstate readComplianceEstate(Workspace& ws, const std::vector<std::string>& catalogs,
                                      const Json& config, const CallOptions& call);

/// "catalog.schema.table" of a table.
std::string estateTableName(const TableInfo& t);

}  // namespace clxs::governance
