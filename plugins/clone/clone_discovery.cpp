#include "plugins/clone/clone_discovery.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <exception>
#include <future>
#include <memory>
#include <optional>

#include "clxs/error.hpp"
#include "clxs/parallel.hpp"
#include "clxs/text.hpp"
#include "plugins/clone/table_versions.hpp"

namespace clxs::clone {
namespace {

class SourceDiscovery {
 public:
  SourceDiscovery(const CloneRunInputs& in, MetadataCopier& copier, CloneLedger& ledger)
      : in_(in), o_(in.options), copier_(copier), ledger_(ledger) {
    RE2::Options re;
    re.set_log_errors(false);
    if (!o_.includeTablesRegex.empty()) include_ = std::make_unique<RE2>(o_.includeTablesRegex, re);
    if (!o_.excludeTablesRegex.empty()) exclude_ = std::make_unique<RE2>(o_.excludeTablesRegex, re);
  }

  ClonePlan run() {
    findCatalogs();
    const auto schemas = in_.runner.call("list schemas", [&](const CallOptions& c) {
      return in_.runner.workspace().catalog().schemas(o_.sourceCatalog, c);
    });
    const auto destSchemas = destinationSchemas();
    failMissingIncludedSchemas(schemas);
    for (const auto& s : schemas) {
      if (excludedSchema(s.name)) continue;
      SchemaPlan plan;
      plan.source = s;
      plan.existsInDest = destSchemas.count(lowerAscii(s.name)) != 0;
      plan_.schemas.push_back(std::move(plan));
    }
    discoverSchemas();
    std::int64_t total = 0;
    for (const auto& p : plan_.schemas) {
      total += 1 + static_cast<std::int64_t>(p.tables.size() + p.views.size() + p.functions.size() +
                                             p.volumes.size());
    }
    ledger_.setTotal(total);
    in_.runner.log("Plan: " + std::to_string(plan_.schemas.size()) + " schemas, " +
                   std::to_string(total - static_cast<std::int64_t>(plan_.schemas.size())) +
                   " objects");
    ledger_.report("discovered");
    return std::move(plan_);
  }

 private:
  void findCatalogs() {
    const auto catalogs = in_.runner.call("list catalogs", [&](const CallOptions& c) {
      return in_.runner.workspace().catalog().catalogs(c);
    });
    std::optional<CatalogInfo> source;
    for (const auto& c : catalogs) {
      if (lowerAscii(c.name) == lowerAscii(o_.sourceCatalog)) source = c;
      if (lowerAscii(c.name) == lowerAscii(o_.destinationCatalog)) plan_.destinationExists = true;
    }
    if (!source) throw notFound("Source catalog '" + o_.sourceCatalog + "' does not exist");
    plan_.sourceCatalog = *source;
  }

  // Lower-case names of the destination's schemas.
  std::set<std::string> destinationSchemas() {
    std::set<std::string> out;
    if (!plan_.destinationExists) return out;
    for (const auto& s : in_.runner.call("list destination schemas", [&](const CallOptions& c) {
           return in_.runner.workspace().catalog().schemas(o_.destinationCatalog, c);
         })) {
      out.insert(lowerAscii(s.name));
    }
    return out;
  }

  void failMissingIncludedSchemas(const std::vector<SchemaInfo>& schemas) {
    for (const auto& wanted : o_.includeSchemas) {
      bool found = false;
      for (const auto& s : schemas) found = found || lowerAscii(s.name) == lowerAscii(wanted);
      if (found) continue;
      ObjectResult r;
      r.kind = ObjectKind::Schema;
      r.name = wanted;
      r.status = "failed";
      r.error = "schema '" + wanted + "' named in include_schemas does not exist in '" +
                o_.sourceCatalog + "'";
      ledger_.add(std::move(r), false);
    }
  }

  bool excludedSchema(const std::string& name) const {
    const auto n = lowerAscii(name);
    if (n == "information_schema") return true;
    for (const auto& e : o_.excludeSchemas) {
      if (lowerAscii(e) == n) return true;
    }
    if (!o_.includeSchemas.empty()) {
      bool listed = false;
      for (const auto& s : o_.includeSchemas) listed = listed || lowerAscii(s) == n;
      if (!listed) return true;
    }
    if (!o_.includeObjects.empty()) {
      bool listed = false;
      for (const auto& obj : o_.includeObjects) listed = listed || lowerAscii(obj.schemaName) == n;
      if (!listed) return true;
    }
    return false;
  }

  // The catalog-wide reads (filters, masks, keys) need nothing from the schemas, so they run
  // beside the schema listings instead of after them.
  void discoverSchemas() {
    auto security = std::async(std::launch::async, [this] { copier_.loadSecurity(); });
    auto keys = std::async(std::launch::async, [this] { copier_.loadKeys(); });
    std::exception_ptr failure;
    try {
      parallelFor(plan_.schemas.size(), static_cast<std::size_t>(o_.maxWorkers),
                  [&](std::size_t i) { discoverSchema(plan_.schemas[i]); });
    } catch (...) {
      failure = std::current_exception();
    }
    // Both are waited for before anything is rethrown: they use the run's copier.
    for (auto* f : {&security, &keys}) {
      try {
        f->get();
      } catch (...) {
        if (!failure) failure = std::current_exception();
      }
    }
    if (failure) std::rethrow_exception(failure);
  }

  // A schema's tables from the caller's listings, when it made them.
  static const std::vector<TableInfo>* knownTables(
      const std::map<std::string, std::vector<TableInfo>>& listings, const std::string& schema) {
    const auto it = listings.find(lowerAscii(schema));
    return it == listings.end() ? nullptr : &it->second;
  }

  void discoverSchema(SchemaPlan& plan) {
    const auto* known = o_.known ? knownTables(o_.known->sourceTables, plan.source.name) : nullptr;
    const auto objects = known ? *known : in_.runner.call("list tables", [&](const CallOptions& c) {
      return in_.runner.workspace().catalog().tables(o_.sourceCatalog, plan.source.name, c);
    });
    if (plan.existsInDest) listDestination(plan);
    planTables(plan, objects);
    if (o_.orderBySize != SizeOrder::None) orderBySize(plan);
    planFunctions(plan);
    planVolumes(plan);
  }

  void listDestination(SchemaPlan& plan) {
    const auto& schema = plan.source.name;
    auto& ws = in_.runner.workspace();
    const auto* known = o_.known ? knownTables(o_.known->destinationTables, schema) : nullptr;
    for (auto& t :
         known ? *known : in_.runner.call("list destination tables", [&](const CallOptions& c) {
           return ws.catalog().tables(o_.destinationCatalog, schema, c);
         })) {
      plan.destTables[lowerAscii(t.name)] = t;
    }
    if (wanted(ObjectKind::Function)) {
      for (auto& f : in_.runner.call("list destination functions", [&](const CallOptions& c) {
             return ws.catalog().functions(o_.destinationCatalog, schema, c);
           })) {
        plan.destFunctions[lowerAscii(f.name)] = f;
      }
    }
    if (wanted(ObjectKind::Volume)) {
      for (auto& v : in_.runner.call("list destination volumes", [&](const CallOptions& c) {
             return ws.catalog().volumes(o_.destinationCatalog, schema, c);
           })) {
        plan.destVolumes.insert(lowerAscii(v.name));
      }
    }
  }

  // Whether objects of `kind` can be in scope at all: an include_objects list that names none
  // (a sync of changed tables) spares listing them on both sides.
  bool wanted(ObjectKind kind) const {
    if (o_.includeObjects.empty()) return true;
    const auto type = lowerAscii(keyword(kind));
    return std::any_of(o_.includeObjects.begin(), o_.includeObjects.end(),
                       [&](const IncludedObject& obj) { return obj.type == type; });
  }

  // Why an object is left out, or empty when it is cloned.
  std::string filterReason(ObjectKind kind, const std::string& schema,
                           const std::string& name) const {
    if (!o_.includeObjects.empty()) {
      bool listed = false;
      for (const auto& obj : o_.includeObjects) {
        listed = listed || (lowerAscii(obj.schemaName) == lowerAscii(schema) &&
                            lowerAscii(obj.name) == lowerAscii(name) &&
                            obj.type == lowerAscii(keyword(kind)));
      }
      if (!listed) return "not in include_objects";
    }
    if (kind == ObjectKind::Table || kind == ObjectKind::View) {
      if (include_ && !RE2::PartialMatch(name, *include_))
        return "not matched by include_tables_regex";
      if (exclude_ && RE2::PartialMatch(name, *exclude_)) return "matched by exclude_tables_regex";
    }
    if (in_.identity.done.count(objectKey(kind, schema + "." + name)) != 0) {
      return "already cloned by job " + in_.identity.resumedFrom;
    }
    return {};
  }

  void planTables(SchemaPlan& plan, const std::vector<TableInfo>& objects) {
    const auto& schema = plan.source.name;
    for (const auto& t : objects) {
      const bool view = t.tableType == "VIEW";
      const auto kind = view ? ObjectKind::View : ObjectKind::Table;
      const auto full = schema + "." + t.name;
      if (!view && t.tableType != "MANAGED" && t.tableType != "EXTERNAL") {
        ledger_.skip(kind, full, "table type " + t.tableType + " is not cloneable");
        continue;
      }
      if (auto why = filterReason(kind, schema, t.name); !why.empty()) {
        ledger_.skip(kind, full, why);
        continue;
      }
      if (incremental() && plan.destTables.count(lowerAscii(t.name)) != 0) {
        ledger_.skip(kind, full, "exists in the destination (load_type INCREMENTAL)");
        continue;
      }
      if (!view && !o_.pinnedBy.empty() && o_.tableVersions.count(lowerAscii(full)) == 0) {
        ledger_.skip(kind, full, "not in " + o_.pinnedBy);
        continue;
      }
      (view ? plan.views : plan.tables).push_back(t);
    }
  }

  void orderBySize(SchemaPlan& plan) {
    std::map<std::string, std::int64_t> sizes;
    for (const auto& t : plan.tables) {
      std::int64_t size = 0;
      if (t.sizeBytes) {
        size = *t.sizeBytes;
      } else {
        try {
          size =
              numberIn(in_.runner.read("DESCRIBE DETAIL " + quoted(in_.source(t))), "sizeInBytes")
                  .value_or(0);
        } catch (const WorkspaceError&) {  // unknown size sorts as empty
        }
      }
      sizes[t.name] = size;
    }
    const bool asc = o_.orderBySize == SizeOrder::Ascending;
    std::stable_sort(plan.tables.begin(), plan.tables.end(),
                     [&](const TableInfo& a, const TableInfo& b) {
                       return asc ? sizes[a.name] < sizes[b.name] : sizes[a.name] > sizes[b.name];
                     });
  }

  void planFunctions(SchemaPlan& plan) {
    if (!wanted(ObjectKind::Function)) return;
    const auto& schema = plan.source.name;
    for (const auto& f : in_.runner.call("list functions", [&](const CallOptions& c) {
           return in_.runner.workspace().catalog().functions(o_.sourceCatalog, schema, c);
         })) {
      const auto full = schema + "." + f.name;
      if (auto why = filterReason(ObjectKind::Function, schema, f.name); !why.empty()) {
        ledger_.skip(ObjectKind::Function, full, why);
      } else if (incremental() && plan.destFunctions.count(lowerAscii(f.name)) != 0) {
        ledger_.skip(ObjectKind::Function, full,
                     "exists in the destination (load_type INCREMENTAL)");
      } else {
        plan.functions.push_back(f);
      }
    }
  }

  void planVolumes(SchemaPlan& plan) {
    if (!wanted(ObjectKind::Volume)) return;
    const auto& schema = plan.source.name;
    for (const auto& v : in_.runner.call("list volumes", [&](const CallOptions& c) {
           return in_.runner.workspace().catalog().volumes(o_.sourceCatalog, schema, c);
         })) {
      const auto full = schema + "." + v.name;
      if (auto why = filterReason(ObjectKind::Volume, schema, v.name); !why.empty()) {
        ledger_.skip(ObjectKind::Volume, full, why);
      } else if (incremental() && plan.destVolumes.count(lowerAscii(v.name)) != 0) {
        ledger_.skip(ObjectKind::Volume, full, "exists in the destination (load_type INCREMENTAL)");
      } else {
        plan.volumes.push_back(v);
      }
    }
  }

  bool incremental() const { return o_.loadType == LoadType::Incremental; }

  const CloneRunInputs& in_;
  const CloneOptions& o_;
  MetadataCopier& copier_;
  CloneLedger& ledger_;
  std::unique_ptr<RE2> include_;
  std::unique_ptr<RE2> exclude_;
  ClonePlan plan_;
};

}  // namespace

ClonePlan discoverClone(const CloneRunInputs& in, MetadataCopier& copier, CloneLedger& ledger) {
  return SourceDiscovery(in, copier, ledger).run();
}

}  // namespace clxs::clone
