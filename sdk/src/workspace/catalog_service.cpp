// Default catalog metadata calls, in Databricks SQL through the workspace's SQL service, so
// any workspace that runs Databricks SQL answers them the same way.
#include "clxs/workspace/catalog_service.hpp"

#include <algorithm>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace/sql_service.hpp"

namespace clxs {

TableInfo CatalogService::getTable(const ObjectName& name, const CallOptions& options) {
  for (auto& t : listTables(name.catalog, name.schema, options)) {
    if (sameName(t.name, name.name)) return std::move(t);
  }
  throw WorkspaceError(WorkspaceErrorClass::NotFound,
                       "Table '" + name.dotted() + "' does not exist.");
}

std::vector<TableSummary> CatalogService::listTableSummaries(const std::string& catalog,
                                                             const CallOptions& options) {
  std::vector<TableSummary> out;
  for (const auto& s : listSchemas(catalog, options)) {
    for (const auto& t : listTables(catalog, s.name, options)) {
      out.push_back({t.catalog, t.schema, t.name, t.tableType});
    }
  }
  return out;
}

std::vector<FunctionInfo> CatalogService::listFunctions(const std::string& catalog,
                                                        const std::string& schema,
                                                        const CallOptions& options) {
  std::vector<FunctionInfo> out;
  const auto r = statements().execute(
      "SELECT routine_catalog, routine_schema, routine_name, full_data_type, "
      "routine_definition, routine_owner, comment FROM " +
          quoteIdentifier(catalog) +
          ".information_schema.routines WHERE routine_schema = :schema "
          "ORDER BY routine_name",
      {{"schema", schema}}, options);
  for (const auto& row : r.rows) {
    FunctionInfo f;
    f.catalog = jsonText(row[0]);
    f.schema = jsonText(row[1]);
    f.name = jsonText(row[2]);
    f.returnType = jsonText(row[3]);
    f.body = jsonText(row[4]);
    f.owner = jsonText(row[5]);
    f.comment = jsonText(row[6]);
    out.push_back(std::move(f));
  }
  if (out.empty()) return out;
  const auto params = statements().execute(
      "SELECT specific_name, parameter_name, full_data_type FROM " + quoteIdentifier(catalog) +
          ".information_schema.parameters WHERE specific_schema = :schema "
          "ORDER BY specific_name, ordinal_position",
      {{"schema", schema}}, options);
  for (const auto& row : params.rows) {
    for (auto& f : out) {
      if (f.name == jsonText(row[0])) {
        f.parameters.push_back({{"name", jsonText(row[1])}, {"type", jsonText(row[2])}});
      }
    }
  }
  return out;
}

std::vector<VolumeInfo> CatalogService::listVolumes(const std::string& catalog,
                                                    const std::string& schema,
                                                    const CallOptions& options) {
  std::vector<VolumeInfo> out;
  const auto r = statements().execute(
      "SELECT volume_catalog, volume_schema, volume_name, volume_type, "
      "storage_location, volume_owner, comment FROM " +
          quoteIdentifier(catalog) +
          ".information_schema.volumes WHERE volume_schema = :schema "
          "ORDER BY volume_name",
      {{"schema", schema}}, options);
  for (const auto& row : r.rows) {
    out.push_back({jsonText(row[0]), jsonText(row[1]), jsonText(row[2]), jsonText(row[3]),
                   jsonText(row[4]), jsonText(row[5]), jsonText(row[6])});
  }
  return out;
}

std::vector<GrantInfo> CatalogService::listGrants(const std::string& objectType,
                                                  const std::string& fullName,
                                                  const CallOptions& options) {
  const auto target = grantTarget(objectType, fullName);
  std::vector<GrantInfo> out;
  const auto r = statements().execute(
      "SHOW GRANTS ON " + target.type + " " + quoteQualified(target.parts), {}, options);
  for (const auto& row : r.rows) {
    if (row.size() < 4) continue;
    out.push_back({jsonText(row[0]), jsonText(row[1]), jsonText(row[2]), jsonText(row[3])});
  }
  sortGrants(out);
  return out;
}

std::vector<GrantInfo> CatalogService::listEffectiveGrants(const std::string& objectType,
                                                           const std::string& fullName,
                                                           const std::string& principal,
                                                           const CallOptions& options) {
  const auto target = grantTarget(objectType, fullName);
  const auto& parts = target.parts;
  // The securable and each parent that passes privileges down to it.
  // Quoted, so a name part holding a dot stays one part when grants() splits it again.
  std::vector<std::pair<std::string, std::string>> chain{{"CATALOG", quoteIdentifier(parts[0])}};
  if (parts.size() >= 2) chain.emplace_back("SCHEMA", quoteQualified({parts[0], parts[1]}));
  if (parts.size() == 3) chain.emplace_back(target.type, quoteQualified(parts));
  std::vector<GrantInfo> out;
  for (const auto& [t, name] : chain) {
    for (auto& g : listGrants(t, name, options)) {
      if (principal.empty() || g.principal == principal) out.push_back(std::move(g));
    }
  }
  sortGrants(out);
  return out;
}

std::vector<TagInfo> CatalogService::listTags(const std::string& objectType,
                                              const std::string& fullName,
                                              const CallOptions& options) {
  const auto type = upperAscii(objectType);
  const auto parts = splitQualified(fullName);
  std::vector<TagInfo> out;
  auto collect = [&](const std::string& view, const std::string& where,
                     const std::vector<SqlParam>& params, bool column) {
    const auto r = statements().execute("SELECT " + std::string(column ? "column_name" : "NULL") +
                                            ", tag_name, tag_value FROM " +
                                            quoteIdentifier(parts.at(0)) + ".information_schema." +
                                            view + " WHERE " + where + " ORDER BY 1, 2",
                                        params, options);
    for (const auto& row : r.rows)
      out.push_back({jsonText(row[0]), jsonText(row[1]), jsonText(row[2])});
  };
  if (type == "CATALOG" && parts.size() == 1) {
    collect("catalog_tags", "catalog_name = :c", {{"c", parts[0]}}, false);
  } else if (type == "SCHEMA" && parts.size() == 2) {
    collect("schema_tags", "schema_name = :s", {{"s", parts[1]}}, false);
  } else if ((type == "TABLE" || type == "VIEW") && parts.size() == 3) {
    const std::vector<SqlParam> p{{"s", parts[1]}, {"t", parts[2]}};
    collect("table_tags", "schema_name = :s AND table_name = :t", p, false);
    collect("column_tags", "schema_name = :s AND table_name = :t", p, true);
  } else {
    throw HttpError(422,
                    "tags are read for a CATALOG, SCHEMA or TABLE with a matching name, "
                    "not " +
                        objectType + " '" + fullName + "'");
  }
  return out;
}

std::vector<HistoryEntry> CatalogService::readHistory(const ObjectName& table,
                                                      std::optional<std::int64_t> limit,
                                                      const CallOptions& options) {
  std::string statement = "DESCRIBE HISTORY " + table.quoted();
  if (limit) statement += " LIMIT " + std::to_string(*limit);
  const auto r = statements().execute(statement, {}, options);
  auto column = [&](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < r.columns.size(); ++i) {
      if (r.columns[i].name == name) return i;
    }
    return std::nullopt;
  };
  // A remote workspace returns maps as JSON text; the local one as objects.
  auto asObject = [](const Json& v) {
    if (v.is_object()) return v;
    if (v.is_string()) {
      auto parsed = Json::parse(v.get<std::string>(), nullptr, false);
      if (parsed.is_object()) return parsed;
    }
    return Json(Json::object());
  };
  std::vector<HistoryEntry> out;
  for (const auto& row : r.rows) {
    HistoryEntry h;
    if (auto i = column("version")) {
      h.version = row[*i].is_number() ? row[*i].get<std::int64_t>() : std::stoll(jsonText(row[*i]));
    }
    if (auto i = column("timestamp")) h.timestamp = jsonText(row[*i]);
    if (auto i = column("userName")) h.userName = jsonText(row[*i]);
    if (auto i = column("operation")) h.operation = jsonText(row[*i]);
    if (auto i = column("operationParameters")) h.operationParameters = asObject(row[*i]);
    if (auto i = column("operationMetrics")) h.operationMetrics = asObject(row[*i]);
    out.push_back(std::move(h));
  }
  return out;
}

SqlService& CatalogService::statements() const {
  if (statements_ == nullptr) {
    throw WorkspaceError(WorkspaceErrorClass::Unavailable,
                         "This workspace reads no catalog metadata through SQL");
  }
  return *statements_;
}

}  // namespace clxs
