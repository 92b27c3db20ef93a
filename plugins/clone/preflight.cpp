#include "plugins/clone/preflight.hpp"

#include <optional>
#include <vector>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/clone/metadata_copy.hpp"

namespace clxs::clone {
namespace {

class Checks {
 public:
  void add(const std::string& name, const std::string& status, const std::string& detail) {
    checks_.push_back({{"name", name}, {"status", status}, {"detail", detail}});
  }
  Json result() const {
    int passed = 0;
    int warnings = 0;
    int failed = 0;
    for (const auto& c : checks_) {
      const auto s = c["status"].get<std::string>();
      passed += s == "pass" ? 1 : 0;
      warnings += s == "warn" ? 1 : 0;
      failed += s == "fail" ? 1 : 0;
    }
    return {{"checks", checks_},
            {"ready", failed == 0},
            {"passed", passed},
            {"warnings", warnings},
            {"failed", failed}};
  }

 private:
  Json checks_ = Json::array();
};

std::optional<CatalogInfo> findCatalog(const std::vector<CatalogInfo>& all,
                                       const std::string& name) {
  for (const auto& c : all) {
    if (sameName(c.name, name)) return c;
  }
  return std::nullopt;
}

void warehouseCheck(Workspace& ws, const PreflightOptions& o, Checks& checks) {
  try {
    const auto warehouses = ws.get<clxs::WarehouseService>().list({});
    if (o.warehouseId.empty()) {
      if (warehouses.empty()) {
        checks.add("warehouse", "warn", "no SQL warehouse is visible to this user");
      } else {
        checks.add("warehouse", "pass",
                   std::to_string(warehouses.size()) + " warehouse(s) visible; first: " +
                       warehouses.front().name + " (" + warehouses.front().state + ")");
      }
      return;
    }
    for (const auto& w : warehouses) {
      if (w.id != o.warehouseId) continue;
      if (w.state == "RUNNING") {
        checks.add("warehouse", "pass", w.name + " is RUNNING");
      } else {
        checks.add("warehouse", "warn",
                   w.name + " is " + w.state + ": it starts on the first statement");
      }
      return;
    }
    checks.add("warehouse", "fail", "warehouse '" + o.warehouseId + "' does not exist");
  } catch (const std::exception& e) {
    checks.add("warehouse", "fail", e.what());
  }
}

void sourceChecks(Workspace& ws, const PreflightOptions& o, const std::string& user,
                  const CatalogInfo& source, Checks& checks) {
  const std::vector<std::string> catalog{o.sourceCatalog};
  try {
    std::size_t schemaCount = 0;
    for (const auto& s : ws.catalog().schemas(o.sourceCatalog, {})) {
      if (!sameName(s.name, "information_schema")) ++schemaCount;
    }
    // One summary listing finds a table to read without reading every table's columns.
    std::optional<TableSummary> sample;
    for (auto& t : ws.catalog().tableSummaries(o.sourceCatalog, {})) {
      if (!sameName(t.schema, "information_schema") &&
          (t.tableType == "MANAGED" || t.tableType == "EXTERNAL")) {
        sample = std::move(t);
        break;
      }
    }
    if (!sample) {
      checks.add("source_read", "pass",
                 std::to_string(schemaCount) + " schema(s) listed; no table to read");
    } else {
      const auto name = quoted({o.sourceCatalog, sample->schema, sample->name});
      ws.sql().execute("SELECT * FROM " + name + " LIMIT 0", {}, {});
      checks.add("source_read", "pass",
                 std::to_string(schemaCount) + " schema(s) listed; read " + name);
    }
  } catch (const std::exception& e) {
    checks.add("source_read", "fail", e.what());
  }
  try {
    if (sameName(source.owner, user)) {
      checks.add("source_privileges", "pass", user + " owns " + o.sourceCatalog);
      return;
    }
    std::vector<std::string> held;
    for (const auto& g : ws.catalog().effectiveGrants("CATALOG", o.sourceCatalog, user, {})) {
      held.push_back(g.privilege);
    }
    bool all = false;
    bool use = false;
    bool select = false;
    for (const auto& p : held) {
      all = all || p == "ALL PRIVILEGES";
      use = use || p == "USE CATALOG";
      select = select || p == "SELECT";
    }
    if (all || (use && select)) {
      checks.add("source_privileges", "pass",
                 user + " holds " + (all ? "ALL PRIVILEGES" : "USE CATALOG and SELECT") + " on " +
                     o.sourceCatalog);
    } else {
      checks.add("source_privileges", "warn",
                 user + " holds neither ALL PRIVILEGES nor USE CATALOG and SELECT on " +
                     o.sourceCatalog +
                     " (grants to its groups are not resolved here; the read probe is the "
                     "evidence)");
    }
  } catch (const std::exception& e) {
    checks.add("source_privileges", "warn", std::string("grants not readable: ") + e.what());
  }
}

// Creates and drops a real object where the clone will write: a schema in an existing
// destination, or a catalog when the destination is to be created.
void writeProbe(Workspace& ws, const PreflightOptions& o, bool destExists,
                const std::string& suffix, Checks& checks) {
  const auto probe = "clxs_preflight_" + suffix;
  const std::vector<std::string> target =
      destExists ? std::vector<std::string>{o.destinationCatalog, probe}
                 : std::vector<std::string>{probe};
  const std::string kind = destExists ? "SCHEMA" : "CATALOG";
  std::string failure;
  try {
    ws.sql().execute("CREATE " + kind + " " + quoted(target), {}, {});
    if (destExists) {
      auto table = target;
      table.push_back("probe");
      ws.sql().execute("CREATE TABLE " + quoted(table) + " (id INT)", {}, {});
    }
  } catch (const std::exception& e) {
    failure = e.what();
  }
  try {
    ws.sql().execute("DROP " + kind + " IF EXISTS " + quoted(target) + " CASCADE", {}, {});
  } catch (const std::exception& e) {
    if (failure.empty()) {
      checks.add("destination_write", "warn",
                 "the probe " + quoted(target) + " was created but not dropped: " + e.what());
      return;
    }
  }
  if (!failure.empty()) {
    checks.add("destination_write", "fail",
               (destExists ? "cannot create a schema and table in " + o.destinationCatalog
                           : std::string("cannot create a catalog")) +
                   ": " + failure);
    return;
  }
  checks.add("destination_write", "pass",
             destExists ? "created and dropped " + quoted(target) + " with a table"
                        : "created and dropped the catalog " + quoted(target));
}

}  // namespace

Json runPreflight(Workspace& ws, const PreflightOptions& o, const std::string& probeSuffix) {
  Checks checks;
  std::string user;
  std::vector<CatalogInfo> catalogs;
  try {
    user = ws.identity().currentUser({});
    catalogs = ws.catalog().catalogs({});
    checks.add("connectivity", "pass",
               "reached the " + ws.kind() + " workspace " + ws.host() + " as " + user);
  } catch (const std::exception& e) {
    checks.add("connectivity", "fail", e.what());
    for (const char* name : {"warehouse", "source_catalog", "source_read", "source_privileges",
                             "destination_catalog", "destination_write"}) {
      checks.add(name, "skipped", "the workspace could not be reached");
    }
    return checks.result();
  }
  warehouseCheck(ws, o, checks);
  const auto source = findCatalog(catalogs, o.sourceCatalog);
  if (!source) {
    checks.add("source_catalog", "fail", "catalog '" + o.sourceCatalog + "' does not exist");
    checks.add("source_read", "skipped", "no source catalog");
    checks.add("source_privileges", "skipped", "no source catalog");
  } else {
    checks.add("source_catalog", "pass", "catalog '" + source->name + "' exists");
    sourceChecks(ws, o, user, *source, checks);
  }
  const auto dest = findCatalog(catalogs, o.destinationCatalog);
  checks.add("destination_catalog", "pass",
             dest ? "catalog '" + dest->name + "' exists: objects are added or replaced"
                  : "catalog '" + o.destinationCatalog + "' does not exist: the clone creates it");
  if (o.checkWrite) {
    writeProbe(ws, o, dest.has_value(), probeSuffix, checks);
  } else {
    checks.add("destination_write", "skipped", "check_write is false");
  }
  return checks.result();
}

}  // namespace clxs::clone
