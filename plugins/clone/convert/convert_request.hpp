// Requests of the Convert to Delta routes: their models, validation and the safety gate.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/schema.hpp"

namespace clxs::clone::convert {

/// Most targets one request may name: the route is synchronous, so the batch is bounded.
inline constexpr std::size_t kMaxTargets = 50;

/// Default and hard cap of GET /api/convert-to-delta/history's `limit`.
inline constexpr int kDefaultHistoryLimit = 50;
inline constexpr int kMaxHistoryLimit = 1000;

/// One table to convert.
struct ConvertTarget {
  /// catalog, schema and table, unquoted.
  std::vector<std::string> parts;
  /// The name as results and history show it (see displayName()).
  std::string fqn;
  /// The format the caller believes the table has (PARQUET, ICEBERG, DELTA), if given; the
  /// workspace's own answer decides what runs.
  std::optional<std::string> declaredFormat;
};

/// One entry of `targets` as the caller writes it.
struct ConvertTargetSpec {
  std::string fqn;
  std::optional<std::string> sourceFormat;
  static const Schema<ConvertTargetSpec>& schema();
};

/// The body of POST /api/convert-to-delta. Its checks refuse with 422, at the offending
/// field, a count of targets out of bounds, an fqn that does not name catalog.schema.table,
/// a table named twice and, after those, a missing confirm_destructive unless dry_run.
struct ConvertToDeltaRequest {
  std::vector<ConvertTargetSpec> targets;
  std::optional<std::string> warehouseId;
  bool confirmDestructive = false;
  bool dryRun = false;
  static const Schema<ConvertToDeltaRequest>& schema();
};

/// A checked POST /api/convert-to-delta body, as the run works from it.
struct ConvertRequest {
  std::vector<ConvertTarget> targets;
  /// Warehouse from the body; empty means the request's (header or config).
  std::string warehouseId;
  bool confirmDestructive = false;
  bool dryRun = false;
};

/// Filters of GET /api/convert-to-delta/history.
struct HistoryFilter {
  int limit = kDefaultHistoryLimit;
  std::optional<std::string> status;
  std::optional<std::string> fqnLike;
  std::optional<bool> dryRun;
  std::optional<std::string> operationId;
};

/// The run's view of a body its schema checked: each fqn split into its parts.
ConvertRequest convertRequestOf(const ConvertToDeltaRequest& body);

/// Reads the validated history query (limit already clamped by the route).
HistoryFilter parseHistoryQuery(const Json& query);

/// catalog.schema.table with a part backticked only when it holds a dot or a backtick, so the
/// text reads like the caller's and still splits back into the same parts.
std::string displayName(const std::vector<std::string>& parts);

}  // namespace clxs::clone::convert
