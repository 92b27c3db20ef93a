// The embedded local workspace: Databricks SQL over DuckDB, Delta tables on the local disk
// and a SQLite metastore, behind the SDK's Workspace port.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/workspace.hpp"

namespace clxs::kernel {

struct LocalState;

/// How the local workspace is set up.
struct LocalWorkspaceOptions {
  std::filesystem::path root;       ///< holds metastore/, warehouse/ and volumes/
  std::string currentUser;          ///< principal statements run as (default: the OS user)
  std::vector<std::string> groups;  ///< groups of the current user ("account users" added)
  bool enforceGrants = false;       ///< refuse statements the current user holds no grant for
};

/// Per-connection state: what USE and SET changed.
struct LocalSession {
  LocalSession();
  std::string id;                           ///< uuid, recorded in system.query.history
  std::string catalog = "main";             ///< current catalog
  std::string schema = "default";           ///< current schema
  std::map<std::string, std::string> conf;  ///< SET key = value (keys lower-cased)
  /// TIMESTAMP results as wall-clock text of the session's time zone, as Spark's SQL shell
  /// shows them (`clxs sql`), instead of the API's ISO-8601 instants.
  bool wallClockTimestamps = false;
};

/// A Workspace on the local disk. Thread-safe; several processes may share one root.
class LocalWorkspace final : public Workspace,
                             public SqlService,
                             public CatalogService,
                             public IdentityService,
                             public FileService,
                             public WarehouseService,
                             public MetastoreService {
 public:
  /// Opens (creating when absent) the layout under `options.root`, with catalog `main` and
  /// schema `main.default` on first use, as a new Unity Catalog metastore has.
  explicit LocalWorkspace(LocalWorkspaceOptions options);
  ~LocalWorkspace() override;
  LocalWorkspace(const LocalWorkspace&) = delete;
  LocalWorkspace& operator=(const LocalWorkspace&) = delete;

  /// Runs one statement in `session`.
  ResultSet execute(std::string_view statement, LocalSession& session,
                    const std::vector<SqlParam>& params = {}, const CallOptions& options = {});
  using SqlService::execute;

  [[nodiscard]] std::string kind() const override { return "local"; }
  [[nodiscard]] std::string host() const override { return "local"; }

  /// The options in effect (user and groups resolved).
  [[nodiscard]] const LocalWorkspaceOptions& options() const;

 protected:
  /// Runs one statement in a fresh session (current catalog `main`, schema `default`).
  ResultSet runStatement(std::string_view statement, const std::vector<SqlParam>& params,
                         const CallOptions& options) override;
  std::vector<CatalogInfo> listCatalogs(const CallOptions& options) override;
  std::vector<SchemaInfo> listSchemas(const std::string& catalog,
                                      const CallOptions& options) override;
  std::vector<TableInfo> listTables(const std::string& catalog, const std::string& schema,
                                    const CallOptions& options) override;
  std::string whoAmI(const CallOptions& options) override;
  std::vector<FileEntry> listFiles(const std::string& path, const CallOptions& options) override;
  std::string readVolumeFile(const std::string& path, const CallOptions& options) override;
  void writeVolumeFile(const std::string& path, std::string_view contents, bool overwrite,
                       const CallOptions& options) override;
  /// The one warehouse, "local", always RUNNING.
  std::vector<WarehouseInfo> listWarehouses(const CallOptions& options) override;
  /// Starting "local" only reports that it runs; NotFound naming any other id.
  WarehouseInfo startWarehouse(const std::string& id, const CallOptions& options) override;
  /// The embedded engine runs inside this process and cannot be stopped, so "local" stays
  /// RUNNING (the answer says so through its state). NotFound naming any other id.
  WarehouseInfo stopWarehouse(const std::string& id, const CallOptions& options) override;
  /// An empty array for every kind: the local metastore keeps no external locations,
  /// storage credentials, connections, registered models, shares or recipients.
  Json listSecurables(SecurableKind kind, const CallOptions& options) override;
  /// The local metastore: a metastore_id recorded once under the root (so it is stable for
  /// the root and shared by every process using it), global_metastore_id
  /// "local:local:<metastore_id>", owner the current user, cloud and region "local".
  Json metastoreSummary(const CallOptions& options) override;

 private:
  std::unique_ptr<LocalState> state_;
};

/// Options from the config's `local_workspace` block (root, current_user, groups,
/// enforce_grants); the root defaults to `<dataDir>/local`.
LocalWorkspaceOptions localWorkspaceOptions(const Json& block,
                                            const std::filesystem::path& dataDir);

/// The OS user name ($USER, else the passwd entry, else "local-user").
std::string osUserName();

}  // namespace clxs::kernel
