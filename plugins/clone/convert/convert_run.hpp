// Planning and running CONVERT TO DELTA for a batch of tables against the Workspace port.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/json.hpp"
#include "clxs/workspace.hpp"
#include "plugins/clone/convert/convert_request.hpp"

namespace clxs::clone::convert {

/// What became of one target.
enum class ConvertStatus { Converted, Failed, Skipped };

/// "converted", "failed" or "skipped".
std::string_view statusName(ConvertStatus status);

/// What to do with a table, decided from its Unity Catalog metadata alone.
struct ConvertDecision {
  /// Whether CONVERT TO DELTA should run.
  bool convert = false;
  /// Why not, when it should not.
  std::string skipReason;
};

/// Parquet and Iceberg tables convert; Delta tables, views, materialized views, streaming
/// tables and other formats are skipped (views have no files; the others are pipeline-owned
/// or not convertible).
ConvertDecision decide(const TableInfo& table);

/// A partition column as DESCRIBE TABLE reports it.
struct PartitionColumn {
  std::string name;
  std::string type;
};

/// The partition columns in DESCRIBE TABLE's "# Partition Information" section (empty when
/// the table is not partitioned).
std::vector<PartitionColumn> partitionColumns(const ResultSet& describe);

/// CONVERT TO DELTA `c`.`s`.`t`, with PARTITIONED BY for a partitioned Parquet table (Iceberg
/// tables carry their own partitioning, and Databricks refuses the clause for them). Throws
/// HttpError 400 when a partition column's type is not a plain type name.
std::string convertStatement(const std::vector<std::string>& parts, std::string_view format,
                             const std::vector<PartitionColumn>& partitions);

/// The outcome of one target.
struct ConvertOutcome {
  std::string fqn;
  /// The table's format as the workspace reports it (else the caller's source_format).
  std::string sourceFormat;
  ConvertStatus status = ConvertStatus::Failed;
  /// The statement that ran, or would run on a dry run; empty when none was planned.
  std::string statement;
  /// Why a target was skipped.
  std::string reason;
  /// Why a target failed.
  std::string error;
  std::int64_t durationMs = 0;
  std::string startedAt;
  std::string completedAt;
  /// The catalog as the workspace spells it, for cache invalidation.
  std::string catalog;

  /// The result object of the POST response.
  [[nodiscard]] Json toJson() const;
};

/// Counts and results in the POST response's shape.
Json summaryJson(const std::string& operationId, bool dryRun,
                 const std::vector<ConvertOutcome>& outcomes);

/// Runs one batch: looks each target up (one listing per schema), skips what must not be
/// converted without running SQL, reads a Parquet table's partition columns, then runs (or on
/// a dry run only reports) its CONVERT TO DELTA. Targets run one after another; a failure
/// stays with its target.
class ConvertRun {
 public:
  /// `options` applies to every workspace call (deadline, warehouse).
  ConvertRun(Workspace& workspace, const Clock& clock, CallOptions options);

  /// One outcome per target, in request order.
  std::vector<ConvertOutcome> run(const ConvertRequest& request);

 private:
  ConvertOutcome runOne(const ConvertTarget& target, bool dryRun);
  std::optional<TableInfo> find(const std::vector<std::string>& parts);

  Workspace& ws_;
  const Clock& clock_;
  CallOptions options_;
  // Schema listings by lower-cased "catalog.schema", so a batch lists each schema once.
  std::map<std::string, std::vector<TableInfo>> listings_;
};

}  // namespace clxs::clone::convert
