// Table-level data comparison: does a destination table hold the same data as its source?
//
// Row counts on both sides and, on request, an order-independent checksum over every column.
// Used by POST /api/validate and meant for any feature that compares a copy with its original
// (the clone's validate_after_clone). It depends on SDK types only, so it can move into the
// SDK unchanged once a second plugin needs it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/services/table_comparison.hpp"
#include "clxs/workspace.hpp"

namespace clxs::analysis {

/// `SELECT COUNT(*) AS row_count FROM <table>` with the name quoted.
std::string rowCountSql(const std::string& catalog, const std::string& schema,
                        const std::string& table);

/// One statement answering one row (row_count, hash_hi, hash_lo) for a table.
///
/// Each row is encoded as the concatenation, over `columns` in the given order, of 'N' for
/// NULL or 'V<length>:<value>' otherwise (value = CAST AS STRING, or hex() for BINARY), so
/// NULL, the string 'NULL' and '' all differ and no value can imitate a column boundary.
/// The first 64 bits of the row's md5 are split into two 32-bit numbers, each summed over
/// all rows as DECIMAL(38,0): sums are independent of row order and cannot overflow. The
/// hex digits are converted with instr() because conv() is missing from the local workspace;
/// the statement is valid Databricks SQL.
std::string checksumSql(const std::string& catalog, const std::string& schema,
                        const std::string& table, const std::vector<ColumnInfo>& columns);

/// Empty when both column lists have the same names, types and order (compareColumns():
/// names and types without regard to case; nullability does not matter to a checksum);
/// otherwise one sentence naming the differences.
std::string describeColumnDifference(const std::vector<ColumnInfo>& source,
                                     const std::vector<ColumnInfo>& destination);

/// Row count and, when computed, the checksum of a table.
struct TableFingerprint {
  std::int64_t rowCount = 0;            ///< COUNT(*)
  std::optional<std::string> checksum;  ///< "<hash_hi>:<hash_lo>", when asked for
};

/// Reads the fingerprint of `table` (its catalog, schema, name and, for the checksum, its
/// columns). Throws WorkspaceError when the statement fails.
TableFingerprint fingerprintTable(Workspace& ws, const TableInfo& table, bool withChecksum,
                                  const CallOptions& options);

// The comparison's types are the service's (clxs/services/table_comparison.hpp), so other
// plugins reach this code through the service registry with the same types.
using TablePair = services::TablePair;
using ComparisonOptions = services::ComparisonOptions;
using TableComparison = services::TableComparison;

/// Compares one pair. Never throws for a failing table: the failure becomes `error` (a
/// missing destination included). Cancellation and an expired deadline are rethrown, since
/// every later table would fail the same way.
TableComparison compareTables(Workspace& sourceWs, Workspace& destWs, const TablePair& pair,
                              const ComparisonOptions& options, const CallOptions& call);

}  // namespace clxs::analysis
