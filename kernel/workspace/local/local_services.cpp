// The local workspace's answers to the Workspace port's service calls (warehouse control,
// Unity Catalog securables, the metastore summary).
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>

#include "clxs/id.hpp"
#include "kernel/workspace/local/local_workspace.hpp"

namespace clxs::kernel {
namespace {

constexpr const char* kLocalWarehouse = "local";

WarehouseInfo localWarehouse(LocalWorkspace& ws, const std::string& id,
                             const CallOptions& options) {
  for (auto& w : ws.get<clxs::WarehouseService>().list(options)) {
    if (w.id == id) return w;
  }
  throw WorkspaceError(WorkspaceErrorClass::NotFound,
                       "SQL warehouse '" + id + "' does not exist; the local workspace has one, '" +
                           kLocalWarehouse + "'");
}

std::optional<std::string> readId(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string id;
  if (!(in >> id) || id.empty()) return std::nullopt;
  return id;
}

// The id is written once and then only read. A new id goes to a private file that is then
// hard-linked into place: the link fails when another process got there first, and both
// then read the winner's id, so every process sharing the root reports the same one.
std::string metastoreId(const std::filesystem::path& root) {
  const auto file = root / "metastore" / "metastore_id";
  if (auto id = readId(file)) return *id;
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const auto pending = file.parent_path() / ("metastore_id." + newUuid() + ".pending");
  {
    std::ofstream out(pending);
    out << newUuid() << '\n';
  }
  std::filesystem::create_hard_link(pending, file, ec);
  std::filesystem::remove(pending, ec);
  if (auto id = readId(file)) return *id;
  throw WorkspaceError(WorkspaceErrorClass::Remote,
                       "Cannot record the local metastore id in " + file.string());
}

}  // namespace

WarehouseInfo LocalWorkspace::startWarehouse(const std::string& id, const CallOptions& options) {
  return localWarehouse(*this, id, options);
}

WarehouseInfo LocalWorkspace::stopWarehouse(const std::string& id, const CallOptions& options) {
  return localWarehouse(*this, id, options);
}

Json LocalWorkspace::listSecurables(SecurableKind, const CallOptions&) {
  return Json::array();
}

Json LocalWorkspace::metastoreSummary(const CallOptions&) {
  const auto id = metastoreId(options().root);
  return Json{{"metastore_id", id},
              {"global_metastore_id", "local:local:" + id},
              {"name", "local"},
              {"owner", options().currentUser},
              {"cloud", "local"},
              {"region", "local"},
              {"storage_root", (options().root / "warehouse").string()},
              {"delta_sharing_scope", "INTERNAL"},
              {"privilege_model_version", "1.0"}};
}

}  // namespace clxs::kernel
