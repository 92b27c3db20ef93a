// The Workspace port: where the data lives (local lakehouse or Databricks), as a set of
// services. A workspace provides the services it has; a caller asks for the one it needs and
// gets 501 (Unavailable) naming it when the workspace has none. Adding a service means a new
// interface under clxs/workspace/ and touches only the implementations that have it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "clxs/visibility.hpp"
#include "clxs/workspace/catalog_service.hpp"
#include "clxs/workspace/file_service.hpp"
#include "clxs/workspace/genie_service.hpp"
#include "clxs/workspace/identity_service.hpp"
#include "clxs/workspace/metastore_service.hpp"
#include "clxs/workspace/service.hpp"
#include "clxs/workspace/serving_service.hpp"
#include "clxs/workspace/sql_service.hpp"
#include "clxs/workspace/types.hpp"
#include "clxs/workspace/warehouse_service.hpp"

namespace clxs {

/// The workspace a request reaches: its identity and its services.
class CLXS_VISIBLE Workspace {
 public:
  virtual ~Workspace() = default;
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  /// "local", "databricks" or "memory".
  [[nodiscard]] virtual std::string kind() const = 0;
  /// Host URL, or "local".
  [[nodiscard]] virtual std::string host() const = 0;

  /// The service `S` (an interface under clxs/workspace/ with `kId` and `kWhat`), or null
  /// when this workspace has none.
  template <typename S>
  [[nodiscard]] S* find() const {
    auto it = services_.find(S::kId);
    return it == services_.end() ? nullptr : static_cast<S*>(it->second);
  }
  /// The service `S`; WorkspaceError Unavailable (501) naming it when this workspace has none.
  template <typename S>
  [[nodiscard]] S& get() const {
    if (S* s = find<S>()) return *s;
    unavailable(S::kWhat);
  }

  /// Databricks SQL (every workspace has it).
  [[nodiscard]] SqlService& sql() const { return get<SqlService>(); }
  /// Unity Catalog metadata (every workspace has it).
  [[nodiscard]] CatalogService& catalog() const { return get<CatalogService>(); }
  /// The principal behind the credentials (every workspace has it).
  [[nodiscard]] IdentityService& identity() const { return get<IdentityService>(); }
  /// Volume files; Unavailable where there is no Files API.
  [[nodiscard]] FileService& files() const { return get<FileService>(); }

  /// Adds a decorator that sees every call of every service of this workspace before it runs
  /// (see CallInterceptor); for fault injection in tests, tracing and metering.
  void intercept(std::shared_ptr<CallInterceptor> interceptor) {
    gate_.add(std::move(interceptor));
  }
  /// Removes a decorator added with intercept().
  void stopIntercepting(const CallInterceptor* interceptor) { gate_.remove(interceptor); }

 protected:
  Workspace() = default;

  /// Registers `service` as this workspace's `S`; an implementation calls it from its
  /// constructor for each service it has. `service` must live as long as the workspace.
  template <typename S>
  void provide(S& service) {
    WorkspaceService& base = service;
    base.gate_ = &gate_;
    services_[S::kId] = &base;
  }

 private:
  [[noreturn]] void unavailable(std::string_view what) const;

  CallGate gate_;
  std::map<std::string_view, WorkspaceService*, std::less<>> services_;
};

}  // namespace clxs
