#include "kernel/workspace/local/delta_table.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "clxs/id.hpp"
#include "clxs/workspace.hpp"
#include "kernel/workspace/local/sql_lexer.hpp"

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

std::int64_t deltaNowMs() {
  return nowMs();
}

std::string deltaTypeFor(std::string_view databricksType) {
  std::string t;
  for (char c : databricksType) {
    if (c != ' ') t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (t == "bigint" || t == "long") return "long";
  if (t == "int" || t == "integer") return "integer";
  if (t == "smallint" || t == "short") return "short";
  if (t == "tinyint" || t == "byte") return "byte";
  if (t == "double") return "double";
  if (t == "float" || t == "real") return "float";
  if (t == "boolean") return "boolean";
  if (t == "string" || t == "varchar" || t.rfind("varchar(", 0) == 0 || t.rfind("char(", 0) == 0)
    return "string";
  if (t == "binary") return "binary";
  if (t == "date") return "date";
  if (t == "timestamp" || t == "timestamp_ltz") return "timestamp";
  if (t == "timestamp_ntz") return "timestamp_ntz";
  if (t == "decimal" || t == "dec" || t == "numeric") return "decimal(10,0)";
  if (t.rfind("decimal(", 0) == 0 || t.rfind("numeric(", 0) == 0 || t.rfind("dec(", 0) == 0) {
    const auto open = t.find('(');
    const auto inner = t.substr(open + 1, t.size() - open - 2);
    const auto comma = inner.find(',');
    const auto p = inner.substr(0, comma);
    const auto sc = comma == std::string::npos ? std::string("0") : inner.substr(comma + 1);
    auto digits = [](const std::string& v) {
      return !v.empty() && v.size() <= 2 &&
             std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(c) != 0; });
    };
    if (t.back() == ')' && digits(p) && digits(sc) && std::stoi(p) >= 1 && std::stoi(p) <= 38 &&
        std::stoi(sc) <= std::stoi(p)) {
      return "decimal(" + p + "," + sc + ")";
    }
  }
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       "[UNSUPPORTED_DATATYPE] Unsupported data type \"" +
                           upperAscii(databricksType) +
                           "\" on the local workspace. SQLSTATE: 0A000");
}

std::string databricksTypeFor(const std::string& t) {
  if (t == "long") return "bigint";
  if (t == "integer") return "int";
  if (t == "short") return "smallint";
  if (t == "byte") return "tinyint";
  return t;
}

DeltaTable::DeltaTable(std::filesystem::path root, DuckDbEngine& engine)
    : root_(std::move(root)), engine_(engine), log_(root_) {}

namespace {

Json schemaJson(const std::vector<DeltaColumn>& columns) {
  Json fields = Json::array();
  for (const auto& c : columns) {
    (void)duckdbTypeFor(c.type);  // rejects unsupported types before anything is written
    Json meta = Json::object();
    if (!c.comment.empty()) meta["comment"] = c.comment;
    fields.push_back(
        Json{{"name", c.name}, {"type", c.type}, {"nullable", c.nullable}, {"metadata", meta}});
  }
  return Json{{"type", "struct"}, {"fields", fields}};
}

}  // namespace

void DeltaTable::create(const std::vector<DeltaColumn>& columns, const Json& configuration,
                        const std::string& name) {
  DeltaCreate spec;
  spec.columns = columns;
  spec.configuration = configuration.is_object() ? configuration : Json::object();
  spec.name = name;
  createFrom(spec);
}

void DeltaTable::createFrom(const DeltaCreate& spec) {
  Json meta{{"id", newUuid()},
            {"format", {{"provider", "parquet"}, {"options", Json::object()}}},
            {"schemaString", schemaJson(spec.columns).dump()},
            {"partitionColumns", Json::array()},
            {"configuration", spec.configuration.is_object() ? spec.configuration : Json::object()},
            {"createdTime", nowMs()}};
  if (!spec.name.empty()) meta["name"] = spec.name;
  if (!spec.description.empty()) meta["description"] = spec.description;
  Json params{{"isManaged", "true"},
              {"description", spec.description.empty() ? Json(nullptr) : Json(spec.description)},
              {"partitionBy", "[]"},
              {"properties", meta["configuration"].dump()}};
  for (const auto& [k, v] : spec.operationParameters.items()) params[k] = v;
  std::vector<Json> actions{Json{{"commitInfo",
                                  {{"timestamp", nowMs()},
                                   {"userName", commitUser},
                                   {"operation", spec.operation},
                                   {"operationParameters", params},
                                   {"isolationLevel", "Serializable"},
                                   {"isBlindAppend", spec.actions.empty()},
                                   {"operationMetrics", spec.operationMetrics},
                                   {"engineInfo", "clxs-local"}}}},
                            Json{{"protocol", {{"minReaderVersion", 1}, {"minWriterVersion", 2}}}},
                            Json{{"metaData", meta}}};
  actions.insert(actions.end(), spec.actions.begin(), spec.actions.end());
  std::filesystem::create_directories(root_);
  log_.commit(0, actions);
}

std::vector<DeltaColumn> DeltaTable::columnsOf(const DeltaSnapshot& s) {
  const Json schema = Json::parse(s.metadata.value("schemaString", "{}"), nullptr, false);
  std::vector<DeltaColumn> out;
  if (!schema.is_object()) return out;
  for (const auto& f : schema.value("fields", Json::array())) {
    DeltaColumn c;
    c.name = f.value("name", "");
    c.type = f["type"].is_string() ? f["type"].get<std::string>() : f["type"].dump();
    c.nullable = f.value("nullable", true);
    if (f.contains("metadata") && f["metadata"].is_object()) {
      c.comment = f["metadata"].value("comment", "");
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<DeltaColumn> DeltaTable::columns(std::optional<std::int64_t> version) const {
  return columnsOf(log_.snapshot(version));
}

std::optional<Json> DeltaTable::writeFile(DuckDbConnection& conn, std::string_view duckdbSelect,
                                          const std::vector<DeltaColumn>& cols) const {
  // Cast to the table's schema so the file's physical types are the Delta ones.
  std::string projection;
  for (const auto& c : cols) {
    if (!projection.empty()) projection += ", ";
    projection += "CAST(" + duckdbIdentifier(c.name) + " AS " + duckdbTypeFor(c.type) + ") AS " +
                  duckdbIdentifier(c.name);
  }
  const std::string file = "part-00000-" + newUuid() + "-c000.snappy.parquet";
  const auto full = root_ / file;
  std::filesystem::create_directories(root_);
  conn.query("COPY (SELECT " + projection + " FROM (" + std::string(duckdbSelect) + ")) TO " +
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
  const auto row = conn.query("SELECT " + aggregates + " FROM read_parquet(" +
                              duckdbLiteral(full.string()) + ")")
                       .objects()[0];
  const std::int64_t numRecords = row["n"].get<std::int64_t>();
  if (numRecords == 0) {
    std::filesystem::remove(full);
    return std::nullopt;
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
  return Json{{"add",
               {{"path", file},
                {"partitionValues", Json::object()},
                {"size", size},
                {"modificationTime", nowMs()},
                {"dataChange", true},
                {"stats", stats.dump()}}}};
}

std::int64_t DeltaTable::commit(const DeltaSnapshot& read, const std::string& operation,
                                const Json& parameters, const std::vector<Json>& actions,
                                const Json& metrics, bool blindAppend) const {
  // A blind append cannot conflict with another writer's commit (Delta's conflict rules), so
  // losing the race to another process only moves it to the next version; any other change
  // was computed from `read` and must fail instead.
  constexpr int kAppendAttempts = 1000;
  std::int64_t version = read.version + 1;
  for (int attempt = 0;; ++attempt) {
    std::vector<Json> all{Json{{"commitInfo",
                                {{"timestamp", nowMs()},
                                 {"userName", commitUser},
                                 {"operation", operation},
                                 {"operationParameters", parameters},
                                 {"readVersion", version - 1},
                                 {"isolationLevel", blindAppend ? "WriteSerializable"
                                                                : "Serializable"},
                                 {"isBlindAppend", blindAppend},
                                 {"operationMetrics", metrics},
                                 {"engineInfo", "clxs-local"}}}}};
    all.insert(all.end(), actions.begin(), actions.end());
    try {
      log_.commit(version, all);
      return version;
    } catch (const WorkspaceError& e) {
      if (!blindAppend || e.errorClass() != WorkspaceErrorClass::Conflict ||
          attempt + 1 >= kAppendAttempts) {
        throw;
      }
      DeltaSnapshot now = read;
      log_.advance(now);
      if (now.metadata != read.metadata || now.protocol != read.protocol) {
        throw WorkspaceError(WorkspaceErrorClass::Conflict,
                             "[DELTA_METADATA_CHANGED] MetadataChangedException: the metadata "
                             "of the Delta table at " + root_.string() +
                                 " was changed by a concurrent update. Please try the "
                                 "operation again. SQLSTATE: 2D521");
      }
      version = now.version + 1;
    }
  }
}

std::int64_t DeltaTable::sizeOf(const DeltaSnapshot& s) {
  std::int64_t total = 0;
  for (const auto& [p, add] : s.files) total += add.value("size", std::int64_t{0});
  return total;
}

Json DeltaTable::removeFor(const Json& add) {
  const Json& a = add.contains("add") ? add["add"] : add;
  return Json{{"remove",
               {{"path", a.value("path", "")},
                {"deletionTimestamp", nowMs()},
                {"dataChange", true},
                {"extendedFileMetadata", true},
                {"partitionValues", a.value("partitionValues", Json::object())},
                {"size", a.value("size", 0)}}}};
}

std::vector<Json> DeltaTable::removeAll(const DeltaSnapshot& s) {
  std::vector<Json> out;
  out.reserve(s.files.size());
  for (const auto& [path, add] : s.files) out.push_back(removeFor(add));
  return out;
}

Json DeltaTable::metadataWith(const DeltaSnapshot& s, const std::vector<DeltaColumn>& columns,
                              const Json& configuration, const std::string& description) {
  Json meta = s.metadata;
  meta["schemaString"] = schemaJson(columns).dump();
  meta["configuration"] = configuration.is_object() ? configuration : Json::object();
  if (description.empty()) {
    meta.erase("description");
  } else {
    meta["description"] = description;
  }
  return Json{{"metaData", meta}};
}

std::int64_t DeltaTable::append(std::string_view duckdbSelect) {
  const auto snapshot = log_.snapshot();
  auto conn = engine_.connect();
  auto add = writeFile(*conn, duckdbSelect, columnsOf(snapshot));
  if (!add) return snapshot.version;
  const auto& a = (*add)["add"];
  const auto stats = Json::parse(a["stats"].get<std::string>());
  return commit(snapshot, "WRITE", {{"mode", "Append"}, {"partitionBy", "[]"}}, {*add},
                {{"numFiles", "1"},
                 {"numOutputRows", std::to_string(stats["numRecords"].get<std::int64_t>())},
                 {"numOutputBytes", std::to_string(a["size"].get<std::int64_t>())}},
                true);
}

std::filesystem::path DeltaTable::fileFor(const std::string& decodedPath) const {
  if (decodedPath.rfind("file:", 0) == 0) {
    auto p = decodedPath.substr(5);
    while (p.size() > 1 && p[0] == '/' && p[1] == '/') p.erase(0, 1);
    return p;
  }
  const std::filesystem::path p(decodedPath);
  return p.is_absolute() ? p : root_ / p;
}

std::string DeltaTable::scan(std::optional<std::int64_t> version) const {
  return scan(log_.snapshot(version));
}

std::string DeltaTable::scan(const DeltaSnapshot& s) const {
  const auto cols = columnsOf(s);
  std::string select;
  for (const auto& c : cols) {
    if (!select.empty()) select += ", ";
    if (s.files.empty()) {
      select += "CAST(NULL AS " + duckdbTypeFor(c.type) + ") AS " + duckdbIdentifier(c.name);
    } else {
      select += duckdbIdentifier(c.name);
    }
  }
  if (select.empty()) select = "NULL AS _empty";
  if (s.files.empty()) return "(SELECT " + select + " WHERE false)";
  std::string list;
  for (const auto& [path, add] : s.files) {
    if (!list.empty()) list += ", ";
    const auto file = fileFor(path);
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
      throw WorkspaceError(WorkspaceErrorClass::NotFound,
                           "[DELTA_FILE_NOT_FOUND] File " + file.string() +
                               " referenced in the transaction log cannot be found. This "
                               "occurs when data has been manually deleted from the file "
                               "system, for example by VACUUM of a shallow clone's source. "
                               "SQLSTATE: 42K03");
    }
    list += duckdbLiteral(file.string());
  }
  return "(SELECT " + select + " FROM read_parquet([" + list + "]))";
}

}  // namespace clxs::kernel
