#include "plugins/clone/catalog_sync.hpp"

#include <chrono>
#include <map>
#include <set>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "plugins/clone/metadata_copy.hpp"
#include "plugins/clone/view_rewriter.hpp"

namespace clxs::clone {
namespace {

bool excluded(const SyncOptions& o, const std::string& schema) {
  if (sameName(schema, "information_schema")) return true;
  for (const auto& e : o.excludeSchemas) {
    if (sameName(e, schema)) return true;
  }
  return false;
}

std::set<std::string> lowerNames(const std::vector<std::string>& names) {
  std::set<std::string> out;
  for (const auto& n : names) out.insert(lowerAscii(n));
  return out;
}

// Source and destination objects of one schema, beside the tables change detection reads.
void compareObjects(StatementRunner& runner, const SyncOptions& o, const std::string& schema,
                    bool destSchemaExists, SyncPlan& plan) {
  auto& ws = runner.workspace();
  const auto& src = o.sourceCatalog;
  const auto& dst = o.destinationCatalog;
  const auto srcTables = runner.call("list tables of " + schema, [&](const CallOptions& c) {
    return ws.catalog().tables(src, schema, c);
  });
  const auto srcFunctions = runner.call("list functions of " + schema, [&](const CallOptions& c) {
    return ws.catalog().functions(src, schema, c);
  });
  const auto srcVolumes = runner.call("list volumes of " + schema, [&](const CallOptions& c) {
    return ws.catalog().volumes(src, schema, c);
  });
  std::map<std::string, TableInfo> destTables;
  std::set<std::string> destFunctions;
  std::set<std::string> destVolumes;
  if (destSchemaExists) {
    for (auto& t : runner.call("list destination tables of " + schema, [&](const CallOptions& c) {
           return ws.catalog().tables(dst, schema, c);
         })) {
      destTables[lowerAscii(t.name)] = std::move(t);
    }
    for (const auto& f : runner.call(
             "list destination functions of " + schema,
             [&](const CallOptions& c) { return ws.catalog().functions(dst, schema, c); })) {
      destFunctions.insert(lowerAscii(f.name));
    }
    for (const auto& v :
         runner.call("list destination volumes of " + schema,
                     [&](const CallOptions& c) { return ws.catalog().volumes(dst, schema, c); })) {
      destVolumes.insert(lowerAscii(v.name));
    }
  }
  std::set<std::string> srcNames;
  for (const auto& t : srcTables) {
    srcNames.insert(lowerAscii(t.name));
    if (t.tableType != "VIEW") continue;
    const auto name = schema + "." + t.name;
    const auto it = destTables.find(lowerAscii(t.name));
    if (it == destTables.end()) {
      plan.viewsAdded.push_back(name);
    } else if (it->second.tableType == "VIEW" &&
               it->second.viewText != rewriteCatalogReferences(t.viewText, src, dst)) {
      plan.viewsChanged.push_back(name);
    }
  }
  std::set<std::string> srcFunctionNames;
  for (const auto& f : srcFunctions) {
    srcFunctionNames.insert(lowerAscii(f.name));
    if (destFunctions.count(lowerAscii(f.name)) == 0)
      plan.functionsAdded.push_back(schema + "." + f.name);
  }
  std::set<std::string> srcVolumeNames;
  for (const auto& v : srcVolumes) {
    srcVolumeNames.insert(lowerAscii(v.name));
    if (destVolumes.count(lowerAscii(v.name)) == 0)
      plan.volumesAdded.push_back(schema + "." + v.name);
  }
  if (!o.dropExtra) return;
  for (const auto& [key, t] : destTables) {
    if (srcNames.count(key) == 0)
      plan.extra.emplace_back(t.tableType == "VIEW" ? "VIEW" : "TABLE", schema + "." + t.name);
  }
  for (const auto& f : destFunctions) {
    if (srcFunctionNames.count(f) == 0) plan.extra.emplace_back("FUNCTION", schema + '.' += f);
  }
  for (const auto& v : destVolumes) {
    if (srcVolumeNames.count(v) == 0) plan.extra.emplace_back("VOLUME", schema + '.' += v);
  }
}

std::vector<std::string> parts(const std::string& catalog, const std::string& schemaDotName) {
  const auto dot = schemaDotName.find('.');
  return {catalog, schemaDotName.substr(0, dot), schemaDotName.substr(dot + 1)};
}

}  // namespace

SyncPlan planSync(StatementRunner& runner, const SyncOptions& o, const SyncStateStore& state) {
  bool sourceExists = false;
  bool destExists = false;
  for (const auto& c : runner.call("list catalogs", [&](const CallOptions& opts) {
         return runner.workspace().catalog().catalogs(opts);
       })) {
    sourceExists = sourceExists || sameName(c.name, o.sourceCatalog);
    destExists = destExists || sameName(c.name, o.destinationCatalog);
  }
  if (!sourceExists) throw notFound("Source catalog '" + o.sourceCatalog + "' does not exist");
  if (!destExists && o.tablesOnly) {
    throw notFound("Destination catalog '" + o.destinationCatalog +
                   "' does not exist; clone it first");
  }
  SyncPlan plan;
  const auto srcSchemas = runner.call("list schemas", [&](const CallOptions& c) {
    return runner.workspace().catalog().schemas(o.sourceCatalog, c);
  });
  std::set<std::string> srcSet;
  const auto only = lowerNames(o.schemas);
  for (const auto& s : srcSchemas) {
    if (excluded(o, s.name)) continue;
    if (!only.empty() && only.count(lowerAscii(s.name)) == 0) continue;
    plan.schemas.push_back(s.name);
    srcSet.insert(lowerAscii(s.name));
  }
  for (const auto& wanted : o.schemas) {
    if (srcSet.count(lowerAscii(wanted)) == 0) {
      throw notFound("Schema '" + wanted + "' does not exist in '" + o.sourceCatalog + "'");
    }
  }
  std::set<std::string> destSet;
  if (destExists) {
    for (const auto& s : runner.call("list destination schemas", [&](const CallOptions& c) {
           return runner.workspace().catalog().schemas(o.destinationCatalog, c);
         })) {
      if (excluded(o, s.name)) continue;
      destSet.insert(lowerAscii(s.name));
      if (o.dropExtra && !o.tablesOnly && o.schemas.empty() &&
          srcSet.count(lowerAscii(s.name)) == 0)
        plan.schemasDropped.push_back(s.name);
    }
  }
  for (const auto& s : plan.schemas) {
    if (destSet.count(lowerAscii(s)) == 0) plan.schemasAdded.push_back(s);
  }
  plan.tables = detectChanges(runner, o.sourceCatalog, o.destinationCatalog, plan.schemas,
                              state.records(o.sourceCatalog, o.destinationCatalog), o.maxWorkers);
  if (o.tablesOnly) return plan;
  for (const auto& s : plan.schemas) {
    compareObjects(runner, o, s, destSet.count(lowerAscii(s)) != 0, plan);
  }
  return plan;
}

Json syncPlanJson(const SyncPlan& plan, const SyncOptions& o) {
  Json added = Json::array();
  Json updated = Json::array();
  for (const auto& c : plan.tables.changed) {
    (c.reason == "missing_in_destination" ? added : updated).push_back(c.schema + "." + c.table);
  }
  Json extra = Json::array();
  for (const auto& [type, name] : plan.extra) extra.push_back({{"type", type}, {"name", name}});
  Json out{{"source_catalog", o.sourceCatalog},
           {"destination_catalog", o.destinationCatalog},
           {"schemas", plan.schemas},
           {"tables_to_add", added},
           {"tables_to_update", updated}};
  out["changes"] = changeReportJson(plan.tables);
  if (!o.tablesOnly) {
    out["schemas_to_add"] = plan.schemasAdded;
    out["schemas_to_drop"] = plan.schemasDropped;
    out["views_to_add"] = plan.viewsAdded;
    out["views_to_update"] = plan.viewsChanged;
    out["functions_to_add"] = plan.functionsAdded;
    out["volumes_to_add"] = plan.volumesAdded;
    out["objects_to_drop"] = extra;
  }
  return out;
}

CloneOptions cloneOptionsFor(const SyncPlan& plan, const SyncOptions& o) {
  CloneOptions c;
  c.sourceCatalog = o.sourceCatalog;
  c.destinationCatalog = o.destinationCatalog;
  c.warehouseId = o.warehouseId;
  c.cloneType = o.cloneType;
  c.dryRun = o.dryRun;
  c.maxWorkers = o.maxWorkers;
  c.parallelTables = o.maxWorkers;
  c.maxRetries = o.maxRetries;
  c.excludeSchemas = o.excludeSchemas;
  c.pinnedBy = "the sync plan";
  c.known = plan.tables.listings;
  for (const auto& t : plan.tables.changed) {
    c.includeObjects.push_back({t.schema, t.table, "table"});
    c.tableVersions[lowerAscii(t.schema + "." + t.table)] = t.currentVersion;
  }
  auto include = [&c](const std::vector<std::string>& names, const char* type) {
    for (const auto& n : names) {
      const auto dot = n.find('.');
      c.includeObjects.push_back({n.substr(0, dot), n.substr(dot + 1), type});
    }
  };
  include(plan.viewsAdded, "view");
  include(plan.viewsChanged, "view");
  include(plan.functionsAdded, "function");
  include(plan.volumesAdded, "volume");
  return c;
}

Json runSync(const SyncOptions& o, StatementRunner& runner, CloneStore* store,
             SyncStateStore& state, const RunIdentity& identity, const ProgressFn& progress,
             const std::function<std::string()>& now) {
  using Clock = std::chrono::steady_clock;
  // Each phase's duration goes to the job log: what a slow sync spent its time on.
  auto millisSince = [](Clock::time_point t) {
    return std::to_string(
               std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count()) +
           " ms";
  };
  auto phase = Clock::now();
  const auto plan = planSync(runner, o, state);
  Json result = syncPlanJson(plan, o);
  result["dry_run"] = o.dryRun;
  const auto clone = cloneOptionsFor(plan, o);
  runner.log("Sync plan: " + std::to_string(plan.tables.changed.size()) + " tables to clone, " +
             std::to_string(plan.tables.upToDate.size()) + " in sync" +
             (o.tablesOnly
                  ? std::string()
                  : ", " + std::to_string(plan.viewsAdded.size() + plan.viewsChanged.size()) +
                        " views, " +
                        std::to_string(plan.extra.size() + plan.schemasDropped.size()) +
                        " objects to drop") +
             " (planned in " + millisSince(phase) + ")");
  phase = Clock::now();
  Json errors = Json::array();
  std::map<std::string, std::string> statusOf;  // "type:schema.name" → status
  if (!clone.includeObjects.empty()) {
    Json cloned = runClone(clone, runner, store, identity, progress);
    for (const auto& obj : cloned["objects"]) {
      statusOf[obj.value("type", "") + ":" + lowerAscii(obj.value("name", ""))] =
          obj.value("status", "");
    }
    for (const auto& e : cloned["errors"]) errors.push_back(e);
    if (cloned.contains("rollback_id")) result["rollback_id"] = cloned["rollback_id"];
    result["clone"] = std::move(cloned);
    runner.log("Cloned in " + millisSince(phase));
    phase = Clock::now();
  } else {
    runner.log("Nothing to clone: the destination has every object at its source version");
    progress(0, 0, "in sync", nullptr);
  }
  auto succeeded = [&statusOf](const char* type, const std::string& name) {
    const auto it = statusOf.find(std::string(type) + ":" + lowerAscii(name));
    return it != statusOf.end() && it->second == "success";
  };
  auto count = [&](const std::vector<std::string>& names, const char* type) {
    std::int64_t n = 0;
    for (const auto& name : names) n += succeeded(type, name) ? 1 : 0;
    return n;
  };
  // Schemas with nothing cloned into them are created on their own.
  Json schemasAdded = Json::array();
  for (const auto& s : plan.schemasAdded) {
    bool created = statusOf.count("schema:" + lowerAscii(s)) != 0;
    if (!created && !o.tablesOnly) {
      try {
        runner.write("CREATE SCHEMA IF NOT EXISTS " + quoted({o.destinationCatalog, s}),
                     "CREATE_SCHEMA");
        created = true;
      } catch (const std::exception& e) {
        errors.push_back(s + ": " + e.what());
      }
    }
    if (created) schemasAdded.push_back(s);
  }
  Json dropped = Json::array();
  for (const auto& [type, name] : plan.extra) {
    try {
      runner.write("DROP " + type + " IF EXISTS " + quoted(parts(o.destinationCatalog, name)),
                   "DROP");
      dropped.push_back({{"type", type}, {"name", name}});
      if (type == "TABLE" && !o.dryRun) state.forget(o.sourceCatalog, o.destinationCatalog, name);
    } catch (const std::exception& e) {
      errors.push_back(name + ": " + e.what());
    }
  }
  Json schemasDropped = Json::array();
  for (const auto& s : plan.schemasDropped) {
    try {
      runner.write("DROP SCHEMA IF EXISTS " + quoted({o.destinationCatalog, s}) + " CASCADE",
                   "DROP");
      schemasDropped.push_back(s);
    } catch (const std::exception& e) {
      errors.push_back(s + ": " + e.what());
    }
  }
  std::int64_t tablesAdded = 0;
  std::int64_t tablesUpdated = 0;
  std::int64_t tablesFailed = 0;
  for (const auto& t : plan.tables.changed) {
    const auto name = t.schema + "." + t.table;
    if (!succeeded("table", name)) {
      ++tablesFailed;
      continue;
    }
    (t.reason == "missing_in_destination" ? tablesAdded : tablesUpdated) += 1;
    if (o.dryRun) continue;
    // The copy's version right after the clone: a later write to it is a change too.
    SyncRecord record{t.currentVersion, std::nullopt, now(), identity.jobId};
    const auto copy = quoted({o.destinationCatalog, t.schema, t.table});
    try {
      const auto h = runner.call("history of " + copy, [&](const CallOptions& c) {
        return runner.workspace().catalog().history({o.destinationCatalog, t.schema, t.table}, 1,
                                                    c);
      });
      if (!h.empty()) record.destinationVersion = h.front().version;
    } catch (const std::exception& e) {
      runner.log("WARN version of " + copy + " not read: " + e.what());
    }
    state.save(o.sourceCatalog, o.destinationCatalog, name, record);
  }
  if (!o.dryRun) {
    for (const auto& [key, record] : plan.tables.adopted)
      state.save(o.sourceCatalog, o.destinationCatalog, key, record);
  }
  runner.log("Schemas, drops and sync records in " + millisSince(phase));
  result["tables_added"] = tablesAdded;
  result["tables_updated"] = tablesUpdated;
  result["tables_failed"] = tablesFailed;
  result["tables_unchanged"] = plan.tables.upToDate.size();
  if (!o.tablesOnly) {
    result["schemas_added"] = schemasAdded;
    result["schemas_dropped"] = schemasDropped;
    result["views_added"] = count(plan.viewsAdded, "view");
    result["views_updated"] = count(plan.viewsChanged, "view");
    result["functions_added"] = count(plan.functionsAdded, "function");
    result["volumes_added"] = count(plan.volumesAdded, "volume");
    result["objects_dropped"] = dropped;
  }
  result["errors"] = errors;
  return result;
}

}  // namespace clxs::clone
