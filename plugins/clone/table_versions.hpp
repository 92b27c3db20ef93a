// The Delta versions of a catalog's tables, and which tables changed since their last sync:
// what snapshots capture and what incremental sync and sync re-clone.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "plugins/clone/clone_options.hpp"
#include "plugins/clone/statement_runner.hpp"
#include "plugins/clone/sync_state_store.hpp"

namespace clxs::clone {

/// An integer from a JSON number or numeric string (workspaces report counts as either).
std::optional<std::int64_t> integerIn(const Json& value);
/// The integer in `column` of the first row, or nullopt.
std::optional<std::int64_t> numberIn(const ResultSet& rs, const std::string& column);

/// A Delta table with its newest version.
struct VersionedTable {
  std::string schema;                     ///< schema name
  std::string name;                       ///< table name
  std::int64_t version = 0;               ///< newest Delta version
  std::optional<std::int64_t> sizeBytes;  ///< size when known
  std::vector<HistoryEntry> history;      ///< newest first, as far as it was read
};

/// A table left out, with the reason.
struct LeftOut {
  std::string name;    ///< schema.table
  std::string reason;  ///< why
};

/// The Delta tables of `schemas` of `catalog` with their versions (`historyDepth` history
/// entries each, at least 1). Views are ignored; other formats are left out with a reason
/// (they have no versions). With `sizes`, a size the listing did not give is read with
/// DESCRIBE DETAIL. `listed`, when given, receives each schema's listing by lower-case name.
std::vector<VersionedTable> versionedTables(
    StatementRunner& runner, const std::string& catalog, const std::vector<std::string>& schemas,
    int historyDepth, int workers, std::vector<LeftOut>& leftOut, bool sizes = false,
    std::map<std::string, std::vector<TableInfo>>* listed = nullptr);

/// The tables and views of each of `schemas` of `catalog`, listed `workers` at a time, in the
/// order of `schemas`.
std::vector<std::vector<TableInfo>> listSchemas(StatementRunner& runner, const std::string& catalog,
                                                const std::vector<std::string>& schemas,
                                                int workers);

/// Why a table needs a sync.
struct TableChange {
  std::string schema;                             ///< schema name
  std::string table;                              ///< table name
  std::string reason;                             ///< see detectChanges()
  std::optional<std::int64_t> lastSyncedVersion;  ///< source version synced last
  std::int64_t currentVersion = 0;                ///< source version now (to clone)
  std::int64_t changesSinceSync = 0;              ///< source commits since (history read)
  std::vector<std::string> operations;            ///< their operations, oldest first
};

/// Which source tables differ from the destination.
struct ChangeReport {
  std::vector<TableChange> changed;           ///< tables to (re)clone, by schema and name
  std::vector<std::string> upToDate;          ///< schema.table of tables already in sync
  std::vector<LeftOut> leftOut;               ///< non-Delta tables
  std::map<std::string, SyncRecord> adopted;  ///< records learned from the destination
  /// The listings read on both sides, for the clone run that follows.
  std::shared_ptr<KnownListings> listings;
};

/// Compares every Delta table of `schemas` in `source` with `destination`. Reasons:
/// `missing_in_destination`; `changed` (the source has commits after the recorded sync, or
/// was re-created); `destination_changed` (the copy was written to after the sync);
/// `never_synced` (no record, and the copy is not a clone of the current source version).
/// Without a record, a copy whose newest commit is a CLONE of the table tells the source
/// version it holds (a clone run made it): at the current version the table is in sync and
/// returned in `adopted`; otherwise it is `changed` since that version.
ChangeReport detectChanges(StatementRunner& runner, const std::string& source,
                           const std::string& destination, const std::vector<std::string>& schemas,
                           const std::map<std::string, SyncRecord>& records, int workers);

/// The report as the routes show it: {tables_needing_sync, tables, details, up_to_date,
/// left_out}.
Json changeReportJson(const ChangeReport& report);

}  // namespace clxs::clone
