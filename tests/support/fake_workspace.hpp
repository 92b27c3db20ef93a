// An in-memory Workspace for kernel and plugin unit tests (never used by the server).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clxs/workspace.hpp"

namespace clxs::testing {

/// Catalog metadata from addTable(), addFunction() and addVolume(); SQL answers from onSql()
/// (exact statement text).
class FakeWorkspace final : public Workspace {
 public:
  explicit FakeWorkspace(std::string user) : user_(std::move(user)) {}

  /// Registers a table (and its catalog and schema).
  void addTable(TableInfo t) { tables_.push_back(std::move(t)); }
  /// Registers a SQL function, listed by functions() of its catalog and schema.
  void addFunction(FunctionInfo f) { functions_.push_back(std::move(f)); }
  /// Registers a volume, listed by volumes() of its catalog and schema.
  void addVolume(VolumeInfo v) { volumes_.push_back(std::move(v)); }
  /// Makes functions() of `catalog`.`schema` fail with PermissionDenied.
  void failFunctions(const std::string& catalog, const std::string& schema) {
    failingFunctions_.insert({catalog, schema});
  }
  /// Answers history(`fullName`) with `entries` (newest first), as given.
  void setHistory(const std::string& fullName, std::vector<HistoryEntry> entries) {
    history_[fullName] = std::move(entries);
  }
  /// Answers `statement` with `result`.
  void onSql(const std::string& statement, ResultSet result) {
    sql_[statement] = std::move(result);
  }
  /// Statements received, in order.
  [[nodiscard]] const std::vector<std::string>& statements() const { return seen_; }

  std::string kind() const override { return "fake"; }
  std::string host() const override { return "fake"; }
  ResultSet sql(std::string_view statement, const std::vector<SqlParam>&,
                const CallOptions&) override {
    // Plugins run statements from worker threads (validation, clone), so the record is locked.
    const std::lock_guard<std::mutex> lock(*mu_);
    seen_.emplace_back(statement);
    auto it = sql_.find(std::string(statement));
    if (it == sql_.end()) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "fake workspace has no answer for: " + std::string(statement));
    }
    return it->second;
  }
  std::vector<CatalogInfo> catalogs(const CallOptions&) override {
    std::vector<CatalogInfo> out;
    for (const auto& t : tables_) {
      bool seen = false;
      for (const auto& c : out) seen = seen || c.name == t.catalog;
      if (!seen) out.push_back({t.catalog, "", user_});
    }
    return out;
  }
  std::vector<SchemaInfo> schemas(const std::string& catalog, const CallOptions&) override {
    std::vector<SchemaInfo> out;
    for (const auto& t : tables_) {
      if (t.catalog != catalog) continue;
      bool seen = false;
      for (const auto& s : out) seen = seen || s.name == t.schema;
      if (!seen) out.push_back({catalog, t.schema, "", user_});
    }
    if (out.empty()) {
      throw WorkspaceError(WorkspaceErrorClass::NotFound, "Catalog '" + catalog + "' not found");
    }
    return out;
  }
  std::vector<TableInfo> tables(const std::string& catalog, const std::string& schema,
                                const CallOptions&) override {
    std::vector<TableInfo> out;
    for (const auto& t : tables_) {
      if (t.catalog == catalog && t.schema == schema) out.push_back(t);
    }
    return out;
  }
  // Listed from what was registered rather than through sql(), so tests do not depend on the
  // SQL the SDK's defaults send.
  std::vector<FunctionInfo> functions(const std::string& catalog, const std::string& schema,
                                      const CallOptions&) override {
    if (failingFunctions_.count({catalog, schema}) > 0) {
      throw WorkspaceError(WorkspaceErrorClass::PermissionDenied, "no access to routines");
    }
    return inSchema(functions_, catalog, schema);
  }
  std::vector<VolumeInfo> volumes(const std::string& catalog, const std::string& schema,
                                  const CallOptions&) override {
    return inSchema(volumes_, catalog, schema);
  }
  std::string currentUser(const CallOptions&) override { return user_; }
  std::vector<HistoryEntry> history(const std::string& fullName, std::optional<std::int64_t> limit,
                                    const CallOptions&) override {
    auto it = history_.find(fullName);
    if (it == history_.end()) {
      throw WorkspaceError(WorkspaceErrorClass::NotFound, "no history for " + fullName);
    }
    auto out = it->second;
    if (limit && out.size() > static_cast<std::size_t>(*limit)) out.resize(*limit);
    return out;
  }
  std::vector<WarehouseInfo> warehouses(const CallOptions&) override {
    if (warehouses_) return *warehouses_;
    return {{"fake-wh", "Fake warehouse", "Small", "RUNNING", "PRO"}};
  }

 private:
  template <typename Info>
  static std::vector<Info> inSchema(const std::vector<Info>& all, const std::string& catalog,
                                    const std::string& schema) {
    std::vector<Info> out;
    for (const auto& i : all) {
      if (i.catalog == catalog && i.schema == schema) out.push_back(i);
    }
    return out;
  }

  std::string user_;
  std::vector<TableInfo> tables_;
  std::vector<FunctionInfo> functions_;
  std::vector<VolumeInfo> volumes_;
  std::set<std::pair<std::string, std::string>> failingFunctions_;
  std::map<std::string, ResultSet> sql_;
  std::map<std::string, std::vector<HistoryEntry>> history_;
  std::unique_ptr<std::mutex> mu_ = std::make_unique<std::mutex>();  // movable fake
  std::vector<std::string> seen_;

 public:
  /// Replaces the warehouses listed (default: one RUNNING "fake-wh").
  void setWarehouses(std::vector<WarehouseInfo> w) { warehouses_ = std::move(w); }
  /// Ids passed to startWarehouse() / stopWarehouse(), in order.
  [[nodiscard]] const std::vector<std::string>& startedWarehouses() const { return started_; }
  [[nodiscard]] const std::vector<std::string>& stoppedWarehouses() const { return stopped_; }
  /// Answers securables(`kind`) with `objects` (unset kinds answer an empty array).
  void setSecurables(SecurableKind kind, Json objects) { securables_[kind] = std::move(objects); }
  /// Makes securables(`kind`) fail with `c` and `message`.
  void failSecurables(SecurableKind kind, WorkspaceErrorClass c, std::string message) {
    securableFailures_[kind] = {c, std::move(message)};
  }
  /// Answers metastoreSummary() with `summary` (unset: Unavailable, as the port's default).
  void setMetastoreSummary(Json summary) { metastore_ = std::move(summary); }
  /// Makes metastoreSummary() fail with `c` and `message`.
  void failMetastoreSummary(WorkspaceErrorClass c, std::string message) {
    metastoreFailure_ = {c, std::move(message)};
  }

  // A started warehouse reports STARTING and a stopped one STOPPING, as Databricks does
  // right after the call; unknown ids are NotFound.
  WarehouseInfo startWarehouse(const std::string& id, const CallOptions& o) override {
    started_.push_back(id);
    return changeWarehouse(id, "STARTING", o);
  }
  WarehouseInfo stopWarehouse(const std::string& id, const CallOptions& o) override {
    stopped_.push_back(id);
    return changeWarehouse(id, "STOPPING", o);
  }
  Json securables(SecurableKind kind, const CallOptions&) override {
    if (auto f = securableFailures_.find(kind); f != securableFailures_.end()) {
      throw WorkspaceError(f->second.first, f->second.second);
    }
    auto it = securables_.find(kind);
    return it == securables_.end() ? Json::array() : it->second;
  }
  Json metastoreSummary(const CallOptions& o) override {
    if (metastoreFailure_)
      throw WorkspaceError(metastoreFailure_->first, metastoreFailure_->second);
    if (!metastore_) return Workspace::metastoreSummary(o);
    return *metastore_;
  }

 private:
  WarehouseInfo changeWarehouse(const std::string& id, const std::string& state,
                                const CallOptions& o) {
    if (!warehouses_) warehouses_ = warehouses(o);
    for (auto& w : *warehouses_) {
      if (w.id != id) continue;
      w.state = state;
      return w;
    }
    throw WorkspaceError(WorkspaceErrorClass::NotFound, "SQL warehouse '" + id + "' not found");
  }

  std::optional<std::vector<WarehouseInfo>> warehouses_;
  std::vector<std::string> started_;
  std::vector<std::string> stopped_;
  std::map<SecurableKind, Json> securables_;
  std::map<SecurableKind, std::pair<WorkspaceErrorClass, std::string>> securableFailures_;
  std::optional<Json> metastore_;
  std::optional<std::pair<WorkspaceErrorClass, std::string>> metastoreFailure_;
};

/// A table of `tableType` with no columns, for tests that only need names and kinds.
inline TableInfo makeTable(const std::string& catalog, const std::string& schema,
                           const std::string& name, const std::string& tableType = "MANAGED") {
  TableInfo t;
  t.catalog = catalog;
  t.schema = schema;
  t.name = name;
  t.tableType = tableType;
  return t;
}

/// A column with no comment.
inline ColumnInfo makeColumn(const std::string& name, const std::string& type = "INT",
                             bool nullable = true) {
  return {name, type, nullable, ""};
}

}  // namespace clxs::testing
