// Requests of the Convert to Delta routes: their models, validation and the safety gate.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/model.hpp"

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

/// A validated POST /api/convert-to-delta body.
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

/// The body model of POST /api/convert-to-delta (types, enums, target count).
Model convertRequestModel();

/// The query parameters of GET /api/convert-to-delta/history.
std::vector<std::pair<std::string, Field>> historyQueryFields();

/// Validates a body the model already checked: each fqn names catalog.schema.table, no table
/// twice, and the safety gate (confirm_destructive unless dry_run). Throws HttpError 422 with
/// the offending field's loc.
ConvertRequest parseConvertRequest(const Json& body);

/// Reads the validated history query (limit already clamped by the model).
HistoryFilter parseHistoryQuery(const Json& query);

/// catalog.schema.table with a part backticked only when it holds a dot or a backtick, so the
/// text reads like the caller's and still splits back into the same parts.
std::string displayName(const std::vector<std::string>& parts);

}  // namespace clxs::clone::convert
