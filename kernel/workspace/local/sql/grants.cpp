// Grant enforcement for the local workspace (config local_workspace.enforce_grants), with
// Unity Catalog's rules: owners of an object or of its schema or catalog may do anything
// with it; everyone else needs USE CATALOG and USE SCHEMA on its containers and the
// privilege on the object or inherited from its schema or catalog (ALL PRIVILEGES covers
// every privilege). The current user acts with the configured groups.
#include <algorithm>

#include "kernel/workspace/local/sql/statement_executor.hpp"

namespace clxs::kernel {

namespace {

std::string displayKind(Securable s) {
  switch (s) {
    case Securable::Catalog:
      return "Catalog";
    case Securable::Schema:
      return "Schema";
    case Securable::Table:
      return "Table";
    case Securable::Volume:
      return "Volume";
    case Securable::Function:
      return "Function";
  }
  return "Object";
}

std::string fullName(Securable kind, const ObjectName& n) {
  if (kind == Securable::Catalog) return n.catalog;
  if (kind == Securable::Schema) return n.catalog + "." + n.schema;
  return n.full();
}

[[noreturn]] void denied(const std::string& user, const std::string& privilege, Securable kind,
                         const std::string& name) {
  throw WorkspaceError(WorkspaceErrorClass::PermissionDenied,
                       "[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User " + user +
                           " does not have " + privilege + " on " + displayKind(kind) + " '" +
                           name + "'. SQLSTATE: 42501");
}

}  // namespace

void StatementExecutor::requireOwnership(Securable kind, const ObjectName& n) {
  if (!state_.options.enforceGrants) return;
  const auto& o = state_.options;
  auto isPrincipal = [&](const std::optional<std::string>& owner) {
    if (!owner) return false;
    const auto lower = lowerAscii(*owner);
    if (lower == lowerAscii(o.currentUser)) return true;
    return std::any_of(o.groups.begin(), o.groups.end(),
                       [&](const std::string& g) { return lowerAscii(g) == lower; });
  };
  auto& ms = state_.metastore;
  if (isPrincipal(ms.owner(Securable::Catalog, n.catalog))) return;
  if (kind != Securable::Catalog &&
      isPrincipal(ms.owner(Securable::Schema, n.catalog + "." + n.schema))) {
    return;
  }
  if (kind != Securable::Catalog && kind != Securable::Schema &&
      isPrincipal(ms.owner(kind, n.full()))) {
    return;
  }
  // MANAGE lets a non-owner administer the object.
  try {
    requirePrivilege(kind, n, "MANAGE");
  } catch (const WorkspaceError&) {
    denied(o.currentUser, "OWNERSHIP", kind, fullName(kind, n));
  }
}

void StatementExecutor::requirePrivilege(Securable kind, const ObjectName& n,
                                         const std::string& privilege) {
  if (!state_.options.enforceGrants) return;
  const auto& o = state_.options;
  auto& ms = state_.metastore;
  std::vector<std::string> principals{o.currentUser};
  principals.insert(principals.end(), o.groups.begin(), o.groups.end());
  auto isPrincipal = [&](const std::string& who) {
    return std::any_of(principals.begin(), principals.end(),
                       [&](const std::string& p) { return lowerAscii(p) == lowerAscii(who); });
  };
  auto owns = [&](Securable s, const std::string& name) {
    const auto owner = ms.owner(s, name);
    return owner && isPrincipal(*owner);
  };
  auto holds = [&](Securable s, const std::string& name, const std::string& wanted) {
    for (const auto& g : ms.grants(s, name)) {
      if (isPrincipal(g.principal) && (g.privilege == wanted || g.privilege == "ALL PRIVILEGES")) {
        return true;
      }
    }
    return false;
  };
  const auto catalogName = n.catalog;
  if (owns(Securable::Catalog, catalogName)) return;
  if (!holds(Securable::Catalog, catalogName, "USE CATALOG")) {
    denied(o.currentUser, "USE CATALOG", Securable::Catalog, catalogName);
  }
  if (kind == Securable::Catalog) {
    if (privilege == "USE CATALOG" || holds(Securable::Catalog, catalogName, privilege)) return;
    denied(o.currentUser, privilege, kind, catalogName);
  }
  const auto schemaName = n.catalog + "." + n.schema;
  if (owns(Securable::Schema, schemaName)) return;
  if (!holds(Securable::Schema, schemaName, "USE SCHEMA")) {
    denied(o.currentUser, "USE SCHEMA", Securable::Schema, schemaName);
  }
  if (kind == Securable::Schema) {
    if (privilege == "USE SCHEMA" || holds(Securable::Schema, schemaName, privilege) ||
        holds(Securable::Catalog, catalogName, privilege)) {
      return;
    }
    denied(o.currentUser, privilege, kind, schemaName);
  }
  if (owns(kind, n.full())) return;
  if (holds(kind, n.full(), privilege) || holds(Securable::Schema, schemaName, privilege) ||
      holds(Securable::Catalog, catalogName, privilege)) {
    return;
  }
  denied(o.currentUser, privilege, kind, n.full());
}

}  // namespace clxs::kernel
