#include "plugins/governance/compliance_estate.hpp"

#include <utility>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::governance {
namespace {

bool estateEnds(const WorkspaceError& e) {
  return e.errorClass() == WorkspaceErrorClass::Cancelled ||
         e.errorClass() == WorkspaceErrorClass::Timeout;
}

std::string estateKey(const std::string& schema, const std::string& table) {
  return lowerAscii(schema) + "." + lowerAscii(table);
}

// One information_schema view of `catalog`, rows as JSON objects; a note when unreadable.
Json estateView(Workspace& ws, const std::string& catalog, const std::string& sql,
                const CallOptions& call, ComplianceEstate& out) {
  try {
    return ws.sql().execute(sql, {}, call).objects();
  } catch (const WorkspaceError& e) {
    if (estateEnds(e)) throw;
    out.notes.push_back("catalog " + catalog + ": " + e.what());
    return Json::array();
  }
}

void readEstateTags(Workspace& ws, const std::string& catalog, const CallOptions& call,
                    std::map<std::string, EstateTable*>& byName, ComplianceEstate& out) {
  const auto is = quoteIdentifier(catalog) + ".information_schema.";
  for (const auto& r :
       estateView(ws, catalog,
                  "SELECT schema_name, table_name, tag_name, tag_value FROM " + is + "table_tags",
                  call, out)) {
    const auto it = byName.find(estateKey(jsonText(r["schema_name"]), jsonText(r["table_name"])));
    if (it == byName.end()) continue;
    it->second->tags.push_back({"", jsonText(r["tag_name"]), jsonText(r["tag_value"])});
  }
  for (const auto& r : estateView(ws, catalog,
                                  "SELECT schema_name, table_name, column_name, tag_name, "
                                  "tag_value FROM " +
                                      is + "column_tags",
                                  call, out)) {
    const auto it = byName.find(estateKey(jsonText(r["schema_name"]), jsonText(r["table_name"])));
    if (it == byName.end()) continue;
    const auto column = jsonText(r["column_name"]);
    it->second->columnTags[lowerAscii(column)].push_back(
        {column, jsonText(r["tag_name"]), jsonText(r["tag_value"])});
  }
  for (const auto& r : estateView(
           ws, catalog, "SELECT table_schema, table_name, column_name FROM " + is + "column_masks",
           call, out)) {
    const auto it = byName.find(estateKey(jsonText(r["table_schema"]), jsonText(r["table_name"])));
    if (it != byName.end())
      it->second->maskedColumns.insert(lowerAscii(jsonText(r["column_name"])));
  }
}

std::vector<GrantInfo> estateGrants(Workspace& ws, const std::string& type,
                                    const std::string& quoted, const CallOptions& call,
                                    ComplianceEstate& out) {
  try {
    return ws.catalog().grants(type, quoted, call);
  } catch (const WorkspaceError& e) {
    if (estateEnds(e)) throw;
    out.notes.push_back("grants on " + type + " " + quoted + ": " + e.what());
    return {};
  }
}

void readEstateCatalog(Workspace& ws, const CatalogInfo& catalog, const CallOptions& call,
                       ComplianceEstate& out) {
  out.securables.push_back({"CATALOG", catalog.name, catalog.owner,
                            estateGrants(ws, "CATALOG", quoteIdentifier(catalog.name), call, out)});
  std::map<std::string, EstateTable*> byName;
  const auto first = out.tables.size();
  for (const auto& s : ws.catalog().schemas(catalog.name, call)) {
    if (lowerAscii(s.name) == "information_schema") continue;
    out.securables.push_back(
        {"SCHEMA", catalog.name + "." + s.name, s.owner,
         estateGrants(ws, "SCHEMA", quoteQualified({catalog.name, s.name}), call, out)});
    if (out.truncated) continue;
    std::vector<TableInfo> tables;
    try {
      tables = ws.catalog().tables(catalog.name, s.name, call);
    } catch (const WorkspaceError& e) {
      if (estateEnds(e)) throw;
      out.notes.push_back("schema " + catalog.name + "." + s.name + ": " + e.what());
      continue;
    }
    for (auto& t : tables) {
      if (out.tables.size() >= kComplianceMaxTables) {
        out.truncated = true;
        break;
      }
      out.tables.push_back({std::move(t), {}, {}, {}});
    }
  }
  // Pointers are taken once the vector stops growing for this catalog.
  for (auto i = first; i < out.tables.size(); ++i) {
    byName[estateKey(out.tables[i].info.schema, out.tables[i].info.name)] = &out.tables[i];
  }
  if (!byName.empty()) readEstateTags(ws, catalog.name, call, byName, out);
}

bool estateAuditTrailExists(Workspace& ws, const Json& config, const CallOptions& call,
                            ComplianceEstate& out) {
  const Json trail = config.value("audit_trail", Json::object());
  if (!trail.is_object()) return false;
  const auto part = [&trail](const char* k, const char* fallback) {
    const auto it = trail.find(k);
    return it != trail.end() && it->is_string() && !it->get_ref<const std::string&>().empty()
               ? it->get<std::string>()
               : std::string(fallback);
  };
  const ObjectName name{part("catalog", "clone_audit"), part("schema", "logs"),
                        part("table", "clone_operations")};
  out.auditTrailTable = name.catalog + "." + name.schema + "." + name.name;
  try {
    (void)ws.catalog().table(name, call);
    return true;
  } catch (const WorkspaceError& e) {
    if (estateEnds(e)) throw;
    if (e.errorClass() != WorkspaceErrorClass::NotFound) {
      out.notes.push_back("audit trail " + out.auditTrailTable + ": " + e.what());
    }
    return false;
  }
}

}  // namespace

std::string estateTableName(const TableInfo& t) {
  return t.catalog + "." + t.schema + "." + t.name;
}

std::vector<std::string> defaultComplianceCatalogs(Workspace& ws, const CallOptions& call) {
  std::vector<std::string> out;
  for (const auto& c : ws.catalog().catalogs(call)) {
    const auto n = lowerAscii(c.name);
    if (n == "system" || n == "samples" || n == "hive_metastore" || n.rfind("__", 0) == 0) {
      continue;
    }
    out.push_back(c.name);
  }
  return out;
}

ComplianceEstate readComplianceEstate(Workspace& ws, const std::vector<std::string>& catalogs,
                                      const Json& config, const CallOptions& call) {
  ComplianceEstate out;
  out.config = config;
  const Json rbac = config.value("rbac_enabled", Json(false));
  out.rbacEnabled = rbac.is_boolean() && rbac.get<bool>();
  const auto all = ws.catalog().catalogs(call);
  for (const auto& wanted : catalogs) {
    if (out.catalogs.size() >= kComplianceMaxCatalogs) {
      out.truncated = true;
      break;
    }
    const CatalogInfo* found = nullptr;
    for (const auto& c : all) {
      if (sameName(c.name, wanted)) found = &c;
    }
    if (found == nullptr) throw notFound("Catalog '" + wanted + "' does not exist");
    out.catalogs.push_back(found->name);
    readEstateCatalog(ws, *found, call, out);
  }
  out.auditTrailExists = estateAuditTrailExists(ws, config, call, out);
  return out;
}

}  // namespace clxs::governance
