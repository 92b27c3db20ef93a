// SQL warehouses: listing and control.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clxs/workspace/service.hpp"

namespace clxs {

/// SQL warehouses (the local workspace has one, "local"). Every call may throw WorkspaceError.
class CLXS_VISIBLE WarehouseService : public WorkspaceService {
 public:
  /// Service id, as WorkspaceCall::service and Workspace::get() know it.
  static constexpr std::string_view kId = "warehouses";
  /// What a workspace without it lacks, for the Unavailable message.
  static constexpr std::string_view kWhat = "SQL warehouses";

  /// Every warehouse the caller can see.
  std::vector<WarehouseInfo> list(const CallOptions& options) {
    const Scope scope(*this, kId, "warehouses", {}, options);
    return listWarehouses(options);
  }
  /// Starts a warehouse (NotFound for an unknown id); returns its state afterwards (STARTING
  /// or RUNNING). Does not wait for RUNNING.
  WarehouseInfo start(const std::string& id, const CallOptions& options) {
    const Scope scope(*this, kId, "startWarehouse", {id}, options);
    return startWarehouse(id, options);
  }
  /// Stops a warehouse (NotFound for an unknown id); returns its state afterwards.
  WarehouseInfo stop(const std::string& id, const CallOptions& options) {
    const Scope scope(*this, kId, "stopWarehouse", {id}, options);
    return stopWarehouse(id, options);
  }

 protected:
  /// Implements list().
  virtual std::vector<WarehouseInfo> listWarehouses(const CallOptions& options) = 0;
  /// Implements start().
  virtual WarehouseInfo startWarehouse(const std::string& id, const CallOptions& options) = 0;
  /// Implements stop().
  virtual WarehouseInfo stopWarehouse(const std::string& id, const CallOptions& options) = 0;
};

}  // namespace clxs
