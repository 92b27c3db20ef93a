#include "plugins/analysis/drift_reports.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "clxs/text.hpp"

namespace clxs::analysis {
namespace {

Json presenceJson(const std::vector<ColumnPresence>& columns) {
  Json out = Json::array();
  for (const auto& c : columns) {
    out.push_back(Json{
        {"column", c.name}, {"type", c.type}, {"nullable", c.nullable}, {"position", c.position}});
  }
  return out;
}

Json namesJson(const std::vector<ColumnPresence>& columns) {
  Json out = Json::array();
  for (const auto& c : columns) out.push_back(c.name);
  return out;
}

Json typeChangesJson(const ColumnDrift& d) {
  Json out = Json::array();
  for (const auto& c : d.typeChanges) {
    out.push_back(
        Json{{"column", c.column}, {"source_type", c.sourceType}, {"dest_type", c.destType}});
  }
  return out;
}

Json nullabilityChangesJson(const ColumnDrift& d) {
  Json out = Json::array();
  for (const auto& c : d.nullabilityChanges) {
    out.push_back(Json{{"column", c.column},
                       {"source_nullable", c.sourceNullable},
                       {"dest_nullable", c.destNullable}});
  }
  return out;
}

Json movesJson(const ColumnDrift& d) {
  Json out = Json::array();
  for (const auto& m : d.moved) {
    out.push_back(Json{{"column", m.column},
                       {"source_position", m.sourcePosition},
                       {"dest_position", m.destPosition}});
  }
  return out;
}

// Tables (not views) of one listing that the other lacks, as "schema.table".
Json tablesOnlyIn(const CatalogTables& side, const CatalogTables& other) {
  Json out = Json::array();
  for (const auto& [key, t] : side.tables) {
    if (isView(t)) continue;
    const auto it = other.tables.find(key);
    if (it == other.tables.end() || isView(it->second)) out.push_back(displayName(key));
  }
  return out;
}

// The type and nullability changes of one table merged per column, in source order.
Json modifiedColumnsJson(const ColumnDrift& d) {
  Json out = Json::array();
  std::vector<std::string> order;
  std::map<std::string, Json> byColumn;
  auto entry = [&](const std::string& column) -> Json& {
    auto [it, added] =
        byColumn.try_emplace(column, Json{{"column", column}, {"changes", Json::array()}});
    if (added) order.push_back(column);
    return it->second;
  };
  for (const auto& c : d.typeChanges) {
    Json& e = entry(c.column);
    e["changes"].push_back("type");
    e["source_type"] = c.sourceType;
    e["dest_type"] = c.destType;
  }
  for (const auto& c : d.nullabilityChanges) {
    Json& e = entry(c.column);
    e["changes"].push_back("nullability");
    e["source_nullable"] = c.sourceNullable;
    e["dest_nullable"] = c.destNullable;
  }
  for (const auto& column : order) out.push_back(std::move(byColumn[column]));
  return out;
}

}  // namespace

Json tableComparisonJson(const TableDrift& drift) {
  const ColumnDrift& d = drift.columns;
  return Json{{"schema", drift.schema},
              {"table", drift.table},
              {"table_fqn", drift.fqn()},
              {"match", drift.error.empty() && !d.any()},
              {"source_columns", d.sourceColumns},
              {"dest_columns", d.destColumns},
              {"missing_columns", presenceJson(d.missing)},
              {"extra_columns", presenceJson(d.extra)},
              {"type_changes", typeChangesJson(d)},
              {"nullability_changes", nullabilityChangesJson(d)},
              {"moved_columns", movesJson(d)},
              {"error", drift.error.empty() ? Json() : Json(drift.error)}};
}

Json compareReport(const CatalogTables& source, const CatalogTables& destination,
                   const std::vector<TableDrift>& drifts) {
  Json tables = Json::array();
  std::size_t matching = 0;
  std::size_t differing = 0;
  std::size_t errors = 0;
  std::size_t missing = 0;
  std::size_t extra = 0;
  std::size_t retyped = 0;
  std::size_t nullability = 0;
  std::size_t moved = 0;
  for (const auto& t : drifts) {
    if (!t.error.empty()) {
      ++errors;
    } else if (t.columns.any()) {
      ++differing;
    } else {
      ++matching;
    }
    missing += t.columns.missing.size();
    extra += t.columns.extra.size();
    retyped += t.columns.typeChanges.size();
    nullability += t.columns.nullabilityChanges.size();
    moved += t.columns.moved.size();
    tables.push_back(tableComparisonJson(t));
  }
  Json missingTables = tablesOnlyIn(source, destination);
  Json extraTables = tablesOnlyIn(destination, source);
  const bool inSync = differing == 0 && errors == 0 && missingTables.empty() && extraTables.empty();
  Json summary{{"tables_compared", drifts.size()},
               {"tables_matching", matching},
               {"tables_with_differences", differing},
               {"tables_with_errors", errors},
               {"missing_columns", missing},
               {"extra_columns", extra},
               {"type_changes", retyped},
               {"nullability_changes", nullability},
               {"moved_columns", moved},
               {"missing_tables", missingTables.size()},
               {"extra_tables", extraTables.size()}};
  return Json{{"tables", std::move(tables)},
              {"missing_tables", std::move(missingTables)},
              {"extra_tables", std::move(extraTables)},
              {"summary", std::move(summary)},
              {"in_sync", inSync}};
}

Json schemaDriftReport(const std::vector<TableDrift>& drifts) {
  Json tables = Json::array();
  Json rows = Json::array();
  Json errors = Json::array();
  std::size_t added = 0;
  std::size_t removed = 0;
  std::size_t modified = 0;
  std::size_t moved = 0;
  for (const auto& t : drifts) {
    if (!t.error.empty()) {
      errors.push_back(Json{{"table_fqn", t.fqn()}, {"error", t.error}});
      continue;
    }
    const ColumnDrift& d = t.columns;
    if (!d.any()) continue;
    Json modifiedColumns = modifiedColumnsJson(d);
    auto row = [&](const std::string& column, const char* change) {
      return Json{{"schema", t.schema},
                  {"table", t.table},
                  {"table_fqn", t.fqn()},
                  {"column", column},
                  {"change_type", change}};
    };
    for (const auto& c : d.extra) {
      Json r = row(c.name, "ADDED");
      r["old_type"] = nullptr;
      r["new_type"] = c.type;
      rows.push_back(std::move(r));
    }
    for (const auto& c : d.missing) {
      Json r = row(c.name, "REMOVED");
      r["old_type"] = c.type;
      r["new_type"] = nullptr;
      rows.push_back(std::move(r));
    }
    for (const auto& m : modifiedColumns) {
      Json r = row(m["column"].get<std::string>(), "MODIFIED");
      r["changes"] = m["changes"];
      r["old_type"] = m.value("source_type", Json());
      r["new_type"] = m.value("dest_type", Json());
      if (m.contains("source_nullable")) {
        r["old_nullable"] = m["source_nullable"];
        r["new_nullable"] = m["dest_nullable"];
      }
      rows.push_back(std::move(r));
    }
    for (const auto& mv : d.moved) {
      Json r = row(mv.column, "MOVED");
      r["old_position"] = mv.sourcePosition;
      r["new_position"] = mv.destPosition;
      rows.push_back(std::move(r));
    }
    added += d.extra.size();
    removed += d.missing.size();
    modified += modifiedColumns.size();
    moved += d.moved.size();
    tables.push_back(Json{{"schema", t.schema},
                          {"table", t.table},
                          {"table_fqn", t.fqn()},
                          {"source_columns", d.sourceColumns},
                          {"dest_columns", d.destColumns},
                          {"added_columns", presenceJson(d.extra)},
                          {"removed_columns", presenceJson(d.missing)},
                          {"modified_columns", std::move(modifiedColumns)},
                          {"moved_columns", movesJson(d)},
                          {"order_changed", !d.moved.empty()}});
  }
  const std::size_t drifted = tables.size();
  const bool inSync = drifted == 0 && errors.empty();
  return Json{{"tables", std::move(tables)},
              {"drifts", std::move(rows)},
              {"summary", Json{{"tables_checked", drifts.size()},
                               {"tables_with_drift", drifted},
                               {"added_columns", added},
                               {"removed_columns", removed},
                               {"modified_columns", modified},
                               {"moved_columns", moved},
                               {"total_drift_count", added + removed + modified + moved}}},
              {"errors", std::move(errors)},
              {"in_sync", inSync}};
}

Json diffDetailReport(const Json& diff, const std::vector<TableDrift>& drifts) {
  Json out = Json::object();
  for (const char* kind : {"schemas", "tables", "views", "functions", "volumes"}) {
    const std::string k(kind);
    out[k] = Json{{"missing", diff.value("missing_" + k, Json::array())},
                  {"extra", diff.value("extra_" + k, Json::array())},
                  {"matching", diff.value("matching_" + k, Json::array())}};
  }
  Json drift = Json::array();
  Json driftErrors = Json::array();
  std::int64_t sourceBytes = 0;
  std::int64_t destBytes = 0;
  std::int64_t deltaBytes = 0;
  std::size_t added = 0;
  std::size_t removed = 0;
  std::size_t retyped = 0;
  bool columnsDiffer = false;
  for (const auto& t : drifts) {
    sourceBytes += t.sourceSizeBytes.value_or(0);
    destBytes += t.destSizeBytes.value_or(0);
    const auto sizeDelta = t.sizeDelta();
    const auto rowDelta = t.rowDelta();
    deltaBytes += sizeDelta.value_or(0);
    if (!t.error.empty()) driftErrors.push_back(Json{{"table_fqn", t.fqn()}, {"error", t.error}});
    const ColumnDrift& d = t.columns;
    columnsDiffer = columnsDiffer || d.any();
    if (!d.any() && sizeDelta.value_or(0) == 0 && rowDelta.value_or(0) == 0) continue;
    added += d.extra.size();
    removed += d.missing.size();
    retyped += d.typeChanges.size();
    drift.push_back(Json{{"table_fqn", t.fqn()},
                         {"schema", t.schema},
                         {"table", t.table},
                         {"source_columns", d.sourceColumns},
                         {"dest_columns", d.destColumns},
                         {"added_columns", namesJson(d.extra)},
                         {"removed_columns", namesJson(d.missing)},
                         {"type_changes", typeChangesJson(d)},
                         {"nullability_changes", nullabilityChangesJson(d)},
                         {"order_changed", !d.moved.empty()},
                         {"source_size_bytes", optionalJson(t.sourceSizeBytes)},
                         {"dest_size_bytes", optionalJson(t.destSizeBytes)},
                         {"size_delta_bytes", optionalJson(sizeDelta)},
                         {"source_row_count", optionalJson(t.sourceRows)},
                         {"dest_row_count", optionalJson(t.destRows)},
                         {"row_delta", optionalJson(rowDelta)}});
  }
  const std::size_t drifted = drift.size();
  out["drift"] = std::move(drift);
  out["summary"] = Json{{"total_matching_tables", drifts.size()},
                        {"tables_with_drift", drifted},
                        {"columns_added", added},
                        {"columns_removed", removed},
                        {"type_changes", retyped},
                        {"total_size_source_bytes", sourceBytes},
                        {"total_size_dest_bytes", destBytes},
                        {"total_size_delta_bytes", deltaBytes}};
  // Sizes differ between faithful copies (file layout, compaction), so only objects and
  // columns decide whether the catalogs are in sync.
  out["in_sync"] = diff.value("in_sync", false) && !columnsDiffer && driftErrors.empty();
  out["drift_errors"] = std::move(driftErrors);
  out["warnings"] = diff.value("warnings", Json::array());
  return out;
}

}  // namespace clxs::analysis
