// The Workspace port on a real Databricks workspace: SQL through the Statement Execution
// API 2.0 on a SQL warehouse, metadata through Unity Catalog 2.1, SCIM Me, SQL warehouses
// and the Files API.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "clxs/workspace.hpp"
#include "kernel/workspace/databricks/api_client.hpp"

namespace clxs::kernel::databricks {

/// How statements run (config `databricks:` block).
struct DatabricksWorkspaceOptions {
  std::string warehouseId;                          ///< used when CallOptions has none
  std::chrono::seconds waitTimeout{10};             ///< `wait_timeout` of the submit (0 or 5..50)
  std::chrono::milliseconds pollInitial{100};       ///< first poll delay, doubled up to pollMax
  std::chrono::milliseconds pollMax{5'000};         ///< longest poll delay
  int maxParallelQueries = 8;                       ///< statements in flight at once, client-wide
  std::chrono::seconds warehouseStartBound{1'200};  ///< longest wait for RUNNING
};

/// A Databricks workspace reached through `client`. Thread-safe.
class DatabricksWorkspace final : public Workspace,
                                  public SqlService,
                                  public CatalogService,
                                  public IdentityService,
                                  public FileService,
                                  public WarehouseService,
                                  public MetastoreService,
                                  public ServingService,
                                  public GenieService {
 public:
  DatabricksWorkspace(std::shared_ptr<ApiClient> client, DatabricksWorkspaceOptions options);
  ~DatabricksWorkspace() override;
  DatabricksWorkspace(const DatabricksWorkspace&) = delete;
  DatabricksWorkspace& operator=(const DatabricksWorkspace&) = delete;

  [[nodiscard]] std::string kind() const override { return "databricks"; }
  [[nodiscard]] std::string host() const override;

  /// Waits until warehouse `id` is RUNNING (starting it when STOPPED), within
  /// `options.warehouseStartBound`; Timeout after it.
  WarehouseInfo waitRunning(const std::string& id, const CallOptions& options);

 protected:
  WarehouseChoice chooseWarehouse(const CallOptions& options) override;
  ResultSet runStatement(std::string_view statement, const std::vector<SqlParam>& params,
                         const CallOptions& options) override;
  std::vector<CatalogInfo> listCatalogs(const CallOptions& options) override;
  std::vector<SchemaInfo> listSchemas(const std::string& catalog,
                                      const CallOptions& options) override;
  std::vector<TableInfo> listTables(const std::string& catalog, const std::string& schema,
                                    const CallOptions& options) override;
  TableInfo getTable(const ObjectName& name, const CallOptions& options) override;
  std::vector<TableSummary> listTableSummaries(const std::string& catalog,
                                               const CallOptions& options) override;
  std::vector<GrantInfo> listGrants(const std::string& objectType, const std::string& fullName,
                                    const CallOptions& options) override;
  std::vector<GrantInfo> listEffectiveGrants(const std::string& objectType,
                                             const std::string& fullName,
                                             const std::string& principal,
                                             const CallOptions& options) override;
  std::vector<FunctionInfo> listFunctions(const std::string& catalog, const std::string& schema,
                                          const CallOptions& options) override;
  std::vector<VolumeInfo> listVolumes(const std::string& catalog, const std::string& schema,
                                      const CallOptions& options) override;
  std::string whoAmI(const CallOptions& options) override;
  std::vector<FileEntry> listFiles(const std::string& path, const CallOptions& options) override;
  std::string readVolumeFile(const std::string& path, const CallOptions& options) override;
  void writeVolumeFile(const std::string& path, std::string_view contents, bool overwrite,
                       const CallOptions& options) override;
  std::vector<WarehouseInfo> listWarehouses(const CallOptions& options) override;
  WarehouseInfo startWarehouse(const std::string& id, const CallOptions& options) override;
  WarehouseInfo stopWarehouse(const std::string& id, const CallOptions& options) override;
  Json listSecurables(SecurableKind kind, const CallOptions& options) override;
  Json metastoreSummary(const CallOptions& options) override;
  Json servingEndpoints(const CallOptions& options) override;
  Json genieSpaces(const CallOptions& options) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace clxs::kernel::databricks
