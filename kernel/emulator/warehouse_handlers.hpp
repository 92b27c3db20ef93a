// SQL warehouses API (/api/2.0/sql/warehouses): the local workspace's one warehouse, with a
// start/stop life cycle kept by the emulator.
#pragma once

#include <string>
#include <vector>

#include "kernel/emulator/emulator_http.hpp"
#include "kernel/emulator/warehouse_state.hpp"

namespace clxs::kernel {
class LocalWorkspace;
}

namespace clxs::kernel::emulator {

/// Warehouse routes. Thread-safe.
class WarehouseHandlers {
 public:
  WarehouseHandlers(LocalWorkspace& workspace, WarehouseState& state);

  /// A request under /api/2.0/sql/warehouses; `rest` holds the segments after "warehouses".
  EmulatorResponse handle(const EmulatorRequest& request, const std::vector<std::string>& rest);

 private:
  Json info(const std::string& id);

  LocalWorkspace& workspace_;
  WarehouseState& state_;
};

}  // namespace clxs::kernel::emulator
