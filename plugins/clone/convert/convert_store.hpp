// The Convert to Delta history: one state-store row per (operation_id, fqn).
#pragma once

#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/clone/convert/convert_request.hpp"
#include "plugins/clone/convert/convert_run.hpp"

namespace clxs::clone::convert {

/// Who ran a batch and where, recorded on each of its rows.
struct BatchInfo {
  std::string operationId;
  std::string userName;
  std::string host;
  bool dryRun = false;
  /// "manual" for the route.
  std::string trigger = "manual";
};

/// Reads and writes the clone plugin's clone_convert_operations table.
class ConvertStore {
 public:
  /// Uses the clone plugin's store.
  explicit ConvertStore(Store& store) : store_(store) {}

  /// The table (versions 100+: the clone plugin's store keeps one version sequence and
  /// leaves this range to convert/).
  static std::vector<Migration> migrations();

  /// Writes one row per outcome, stamped with `recordedAt`.
  void record(const BatchInfo& batch, const std::vector<ConvertOutcome>& outcomes,
              const std::string& recordedAt);

  /// Rows matching `filter`, newest first, in the history route's shape.
  std::vector<Json> history(const HistoryFilter& filter);

 private:
  Store& store_;
};

}  // namespace clxs::clone::convert
