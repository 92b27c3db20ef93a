// The kernel's change log: one row per call of a route declared mutates(), kept in the state
// store and read by plugins through clxs::ChangeLog.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "clxs/change_log.hpp"

namespace clxs::kernel {

class StateStore;

/// One recorded call. Never holds a body or a query string (they may carry secrets).
struct ChangeEntry {
  std::string at;         ///< ISO-8601 UTC
  std::string actor;      ///< who (auth method and workspace host, or "local")
  std::string plugin;     ///< route owner ("kernel" for the kernel's own routes)
  std::string method;     ///< HTTP method
  std::string route;      ///< path template
  std::string path;       ///< concrete path without its query string
  int status = 0;         ///< response status
  std::string requestId;  ///< X-Request-Id
};

/// Thread-safe (the store serialises).
class ChangeLogStore final : public ChangeLog {
 public:
  /// Most rows kept; older ones are deleted as new ones arrive.
  static constexpr std::int64_t kMaxRows = 100000;

  /// Creates the table on first use.
  explicit ChangeLogStore(StateStore& store);

  /// Records one call; a store failure is swallowed (the call itself already happened).
  void record(const ChangeEntry& entry);
  [[nodiscard]] std::vector<Json> list(const ChangeQuery& query) const override;

 private:
  StateStore& store_;
  std::atomic<std::int64_t> sinceTrim_{0};
};

}  // namespace clxs::kernel
