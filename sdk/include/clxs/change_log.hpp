// The change log: every call of a route declared mutates(), recorded by the kernel.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clxs/json.hpp"

namespace clxs {

/// Which entries to read.
struct ChangeQuery {
  /// Only entries at or after this ISO-8601 UTC time (empty: no bound).
  std::string since;
  /// Only entries before this ISO-8601 UTC time (empty: no bound).
  std::string until;
  /// Only routes of this plugin ("kernel" for the kernel's own; empty: all).
  std::string plugin;
  /// Only calls by this actor (empty: all).
  std::string actor;
  /// Most entries returned, newest first.
  std::int64_t limit = 100;
};

/// Read access to the change log. Each entry: {id, at, actor, plugin, method, route, path,
/// status, request_id}. Bodies are never recorded (they may hold secrets); `route` is the
/// path template, `path` the concrete path without its query string.
class ChangeLog {
 public:
  virtual ~ChangeLog() = default;
  /// Entries matching `query`, newest first.
  [[nodiscard]] virtual std::vector<Json> list(const ChangeQuery& query) const = 0;
};

}  // namespace clxs
