#include "kernel/workspace/local/delta_table.hpp"

#include <chrono>

#include "clxs/id.hpp"
#include "clxs/workspace.hpp"

namespace clxs::kernel {

namespace {

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Types whose min/max Delta records as JSON numbers, or as text we can trust verbatim.
bool statsAsNumber(const std::string& t) {
  return t == "long" || t == "integer" || t == "short" || t == "byte" || t == "double" ||
         t == "float" || t.rfind("decimal", 0) == 0;
}
bool statsAsText(const std::string& t) {
  return t == "date" || t == "string";
}

}  // namespace

std::string duckdbTypeFor(const std::string& t) {
  if (t == "long") return "BIGINT";
  if (t == "integer") return "INTEGER";
  if (t == "short") return "SMALLINT";
  if (t == "byte") return "TINYINT";
  if (t == "double") return "DOUBLE";
  if (t == "float") return "FLOAT";
  if (t == "boolean") return "BOOLEAN";
  if (t == "string") return "VARCHAR";
  if (t == "binary") return "BLOB";
  if (t == "date") return "DATE";
  if (t == "timestamp") return "TIMESTAMPTZ";
  if (t == "timestamp_ntz") return "TIMESTAMP";
  if (t.rfind("decimal(", 0) == 0) return "DECIMAL" + t.substr(7);
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql, "unsupported Delta type '" + t + "'");
}

std::string duckdbLiteral(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  return out + "'";
}

std::string duckdbIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

DeltaTable::DeltaTable(std::filesystem::path root, DuckDbEngine& engine)
    : root_(std::move(root)), engine_(engine), log_(root_) {}

void DeltaTable::create(const std::vector<DeltaColumn>& columns, const Json& configuration,
                        const std::string& name) {
  Json fields = Json::array();
  for (const auto& c : columns) {
    (void)duckdbTypeFor(c.type);  // rejects unsupported types before anything is written
    fields.push_back(Json{{"name", c.name},
                          {"type", c.type},
                          {"nullable", c.nullable},
                          {"metadata", Json::object()}});
  }
  const Json schema{{"type", "struct"}, {"fields", fields}};
  Json meta{{"id", newUuid()},
            {"format", {{"provider", "parquet"}, {"options", Json::object()}}},
            {"schemaString", schema.dump()},
            {"partitionColumns", Json::array()},
            {"configuration", configuration.is_object() ? configuration : Json::object()},
            {"createdTime", nowMs()}};
  if (!name.empty()) meta["name"] = name;
  std::filesystem::create_directories(root_);
  log_.commit(0, {Json{{"commitInfo",
                        {{"timestamp", nowMs()},
                         {"operation", "CREATE TABLE"},
                         {"operationParameters",
                          {{"isManaged", "true"},
                           {"description", nullptr},
                           {"partitionBy", "[]"},
                           {"properties", meta["configuration"].dump()}}},
                         {"isolationLevel", "Serializable"},
                         {"isBlindAppend", true},
                         {"operationMetrics", Json::object()},
                         {"engineInfo", "clxs-local"}}}},
                  Json{{"protocol", {{"minReaderVersion", 1}, {"minWriterVersion", 2}}}},
                  Json{{"metaData", meta}}});
}

std::vector<DeltaColumn> DeltaTable::columns(std::optional<std::int64_t> version) const {
  const auto s = log_.snapshot(version);
  const Json schema = Json::parse(s.metadata.value("schemaString", "{}"));
  std::vector<DeltaColumn> out;
  for (const auto& f : schema.value("fields", Json::array())) {
    out.push_back({f.value("name", ""), f["type"].is_string() ? f["type"].get<std::string>() : "",
                   f.value("nullable", true)});
  }
  return out;
}

std::int64_t DeltaTable::append(std::string_view duckdbSelect) {
  const auto snapshot = log_.snapshot();
  const auto cols = columns(snapshot.version);
  // Cast to the table's schema so the file's physical types are the Delta ones.
  std::string projection;
  for (const auto& c : cols) {
    if (!projection.empty()) projection += ", ";
    projection += "CAST(" + duckdbIdentifier(c.name) + " AS " + duckdbTypeFor(c.type) + ") AS " +
                  duckdbIdentifier(c.name);
  }
  const std::string file = "part-00000-" + newUuid() + "-c000.snappy.parquet";
  const auto full = root_ / file;
  auto conn = engine_.connect();
  conn->query("COPY (SELECT " + projection + " FROM (" + std::string(duckdbSelect) + ")) TO " +
              duckdbLiteral(full.string()) + " (FORMAT PARQUET, COMPRESSION SNAPPY)");
  // Stats in one pass over the file just written.
  std::string aggregates = "count(*) AS n";
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const auto col = duckdbIdentifier(cols[i].name);
    const auto idx = std::to_string(i);
    aggregates += ", count(*) - count(" + col + ") AS null" + idx;
    if (statsAsNumber(cols[i].type) || statsAsText(cols[i].type)) {
      aggregates +=
          ", min(" + col + ")::VARCHAR AS min" + idx + ", max(" + col + ")::VARCHAR AS max" + idx;
    }
  }
  const auto row = conn->query("SELECT " + aggregates + " FROM read_parquet(" +
                               duckdbLiteral(full.string()) + ")")
                       .objects()[0];
  const std::int64_t numRecords = row["n"].get<std::int64_t>();
  if (numRecords == 0) {
    std::filesystem::remove(full);
    return snapshot.version;
  }
  Json minValues = Json::object();
  Json maxValues = Json::object();
  Json nullCount = Json::object();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const auto idx = std::to_string(i);
    nullCount[cols[i].name] = row["null" + idx];
    if (!row.contains("min" + idx) || row["min" + idx].is_null()) continue;
    const auto mn = row["min" + idx].get<std::string>();
    const auto mx = row["max" + idx].get<std::string>();
    if (statsAsNumber(cols[i].type)) {
      minValues[cols[i].name] = Json::parse(mn, nullptr, false);
      maxValues[cols[i].name] = Json::parse(mx, nullptr, false);
    } else if (cols[i].type == "date" || (mn.size() <= 32 && mx.size() <= 32)) {
      // Long strings would need prefix truncation with a tie-breaker: omit rather than lie.
      minValues[cols[i].name] = mn;
      maxValues[cols[i].name] = mx;
    }
  }
  const Json stats{{"numRecords", numRecords},
                   {"minValues", minValues},
                   {"maxValues", maxValues},
                   {"nullCount", nullCount}};
  const auto size = static_cast<std::int64_t>(std::filesystem::file_size(full));
  const std::int64_t version = snapshot.version + 1;
  log_.commit(version, {Json{{"commitInfo",
                              {{"timestamp", nowMs()},
                               {"operation", "WRITE"},
                               {"operationParameters", {{"mode", "Append"}, {"partitionBy", "[]"}}},
                               {"readVersion", snapshot.version},
                               {"isolationLevel", "Serializable"},
                               {"isBlindAppend", true},
                               {"operationMetrics",
                                {{"numFiles", "1"},
                                 {"numOutputRows", std::to_string(numRecords)},
                                 {"numOutputBytes", std::to_string(size)}}},
                               {"engineInfo", "clxs-local"}}}},
                        Json{{"add",
                              {{"path", file},
                               {"partitionValues", Json::object()},
                               {"size", size},
                               {"modificationTime", nowMs()},
                               {"dataChange", true},
                               {"stats", stats.dump()}}}}});
  return version;
}

std::string DeltaTable::scan(std::optional<std::int64_t> version) const {
  const auto s = log_.snapshot(version);
  const auto cols = columns(s.version);
  if (s.files.empty()) {
    std::string select;
    for (const auto& c : cols) {
      if (!select.empty()) select += ", ";
      select += "CAST(NULL AS " + duckdbTypeFor(c.type) + ") AS " + duckdbIdentifier(c.name);
    }
    return "(SELECT " + (select.empty() ? std::string("NULL AS _empty") : select) + " WHERE false)";
  }
  std::string list;
  for (const auto& [path, add] : s.files) {
    if (!list.empty()) list += ", ";
    const std::filesystem::path p(path);
    list += duckdbLiteral((p.is_absolute() ? p : root_ / p).string());
  }
  return "read_parquet([" + list + "])";
}

}  // namespace clxs::kernel
