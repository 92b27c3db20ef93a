#include "kernel/workspace/local/delta/delta_table.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <fstream>
#include <iterator>

#include "clxs/clock.hpp"
#include "clxs/id.hpp"
#include "clxs/workspace.hpp"
#include "kernel/workspace/local/delta/deletion_vector.hpp"
#include "kernel/workspace/local/sql/sql_lexer.hpp"

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

std::int64_t deltaNowMs() {
  return nowMs();
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
    fields.push_back(Json{{"name", c.name},
                          {"type", deltaTypeJson(c.type)},
                          {"nullable", c.nullable},
                          {"metadata", meta}});
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
  // Writing change data files is writer version 4 in the protocol.
  const auto cdf = spec.configuration.find("delta.enableChangeDataFeed");
  const bool changeDataFeed = cdf != spec.configuration.end() && cdf->is_string() &&
                              lowerAscii(cdf->get<std::string>()) == "true";
  // Deletion vectors are a table feature: reader 3 and writer 7, named in both lists, with the
  // writer features the table uses.
  const auto dv = spec.configuration.find("delta.enableDeletionVectors");
  const bool deletionVectors = dv != spec.configuration.end() && dv->is_string() &&
                               lowerAscii(dv->get<std::string>()) == "true";
  Json protocol{{"minReaderVersion", 1}, {"minWriterVersion", changeDataFeed ? 4 : 2}};
  if (deletionVectors) {
    Json writerFeatures = Json::array({"appendOnly", "invariants", "deletionVectors"});
    if (changeDataFeed) writerFeatures.push_back("changeDataFeed");
    protocol = Json{{"minReaderVersion", 3},
                    {"minWriterVersion", 7},
                    {"readerFeatures", Json::array({"deletionVectors"})},
                    {"writerFeatures", writerFeatures}};
  }
  Json meta{{"id", newUuid()},
            {"format", {{"provider", "parquet"}, {"options", Json::object()}}},
            {"schemaString", schemaJson(spec.columns).dump()},
            {"partitionColumns", Json(spec.partitionColumns)},
            {"configuration", spec.configuration.is_object() ? spec.configuration : Json::object()},
            {"createdTime", nowMs()}};
  if (!spec.name.empty()) meta["name"] = spec.name;
  if (!spec.description.empty()) meta["description"] = spec.description;
  Json params{{"isManaged", "true"},
              {"description", spec.description.empty() ? Json(nullptr) : Json(spec.description)},
              {"partitionBy", Json(spec.partitionColumns).dump()},
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
                            Json{{"protocol", protocol}}, Json{{"metaData", meta}}};
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

HistoryEntry DeltaTable::commitOf(const DeltaSnapshot& s, std::int64_t version) {
  HistoryEntry h;
  h.version = version;
  const auto i = static_cast<std::size_t>(version);
  if (version < 0 || i >= s.commitTimes.size()) return h;
  h.timestamp =
      isoUtc(std::chrono::system_clock::time_point(std::chrono::milliseconds(s.commitTimes[i])));
  if (i >= s.commitInfos.size() || !s.commitInfos[i].is_object()) return h;
  const auto& info = s.commitInfos[i];
  h.userName = info.value("userName", "");
  h.operation = info.value("operation", "");
  h.operationParameters = info.value("operationParameters", Json::object());
  h.operationMetrics = info.value("operationMetrics", Json::object());
  return h;
}

std::vector<DeltaColumn> DeltaTable::columns(std::optional<std::int64_t> version) const {
  return columnsOf(log_.snapshot(version));
}

namespace {

// Hive-style directory value: special characters %XX-escaped, NULL as Hive's default.
std::string partitionDirValue(const Json& v) {
  if (v.is_null()) return "__HIVE_DEFAULT_PARTITION__";
  std::string out;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : v.get<std::string>()) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || c == '"' || c == '#' || c == '%' || c == '\'' || c == '*' || c == '/' ||
        c == ':' || c == '=' || c == '?' || c == '\\' || c == '\x7f' || c == '{' || c == '[' ||
        c == ']' || c == '^') {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> DeltaTable::partitionColumnsOf(const DeltaSnapshot& s) {
  std::vector<std::string> out;
  for (const auto& p : s.metadata.value("partitionColumns", Json::array())) {
    if (p.is_string()) out.push_back(p.get<std::string>());
  }
  return out;
}

Json DeltaTable::statsFor(DuckDbConnection& conn, const std::filesystem::path& file,
                          const std::vector<DeltaColumn>& cols) {
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
                              duckdbLiteral(file.string()) + ")")
                       .objects()[0];
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
  return Json{{"numRecords", row["n"]},
              {"minValues", minValues},
              {"maxValues", maxValues},
              {"nullCount", nullCount}};
}

std::vector<Json> DeltaTable::writeFiles(DuckDbConnection& conn, std::string_view duckdbSelect,
                                         const std::vector<DeltaColumn>& cols,
                                         const std::vector<std::string>& partitionColumns) const {
  // Cast to the table's schema so the file's physical types are the Delta ones.
  std::string projection;
  std::string dataProjection;
  std::vector<DeltaColumn> dataCols;
  std::vector<DeltaColumn> partCols;
  for (const auto& c : cols) {
    if (!projection.empty()) projection += ", ";
    projection += "CAST(" + duckdbIdentifier(c.name) + " AS " + duckdbTypeFor(c.type) + ") AS " +
                  duckdbIdentifier(c.name);
    const bool isPartition = std::find(partitionColumns.begin(), partitionColumns.end(), c.name) !=
                             partitionColumns.end();
    if (isPartition) {
      partCols.push_back(c);
      continue;
    }
    dataCols.push_back(c);
    dataProjection += (dataProjection.empty() ? "" : ", ") + duckdbIdentifier(c.name);
  }
  std::filesystem::create_directories(root_);
  auto writeOne = [&](const std::string& from, const std::string& dir,
                      const Json& partitionValues) -> std::optional<Json> {
    const std::string file = "part-00000-" + newUuid() + "-c000.snappy.parquet";
    const auto rel = dir.empty() ? file : dir + "/" + file;
    const auto full = root_ / rel;
    std::filesystem::create_directories(full.parent_path());
    conn.query("COPY (" + from + ") TO " + duckdbLiteral(full.string()) +
               " (FORMAT PARQUET, COMPRESSION SNAPPY)");
    syncToDisk(full);
    const auto stats = statsFor(conn, full, dataCols);
    if (stats["numRecords"].get<std::int64_t>() == 0) {
      std::filesystem::remove(full);
      return std::nullopt;
    }
    return Json{{"add",
                 {{"path", encodeDeltaPath(rel)},
                  {"partitionValues", partitionValues},
                  {"size", static_cast<std::int64_t>(std::filesystem::file_size(full))},
                  {"modificationTime", nowMs()},
                  {"dataChange", true},
                  {"stats", stats.dump()}}}};
  };
  std::vector<Json> adds;
  if (partCols.empty()) {
    if (auto add = writeOne("SELECT " + projection + " FROM (" + std::string(duckdbSelect) + ")",
                            "", Json::object())) {
      adds.push_back(std::move(*add));
    }
    return adds;
  }
  // One file per partition value, under col=value/ directories; the files hold only the
  // data columns, as Delta readers take partition values from the log.
  std::string tmp = "clxs_part_" + newUuid();
  tmp.erase(std::remove(tmp.begin(), tmp.end(), '-'), tmp.end());
  conn.query("CREATE TEMP TABLE " + duckdbIdentifier(tmp) + " AS SELECT " + projection + " FROM (" +
             std::string(duckdbSelect) + ")");
  try {
    std::string keys;
    for (const auto& p : partCols) {
      keys += (keys.empty() ? "" : ", ") + std::string("CAST(") + duckdbIdentifier(p.name) +
              " AS VARCHAR) AS " + duckdbIdentifier(p.name);
    }
    const auto tuples =
        conn.query("SELECT DISTINCT " + keys + " FROM " + duckdbIdentifier(tmp) + " ORDER BY ALL");
    for (const auto& row : tuples.rows) {
      std::string dir;
      std::string where;
      Json values = Json::object();
      for (std::size_t i = 0; i < partCols.size(); ++i) {
        const auto& v = row[i];
        values[partCols[i].name] = v;
        dir += (dir.empty() ? "" : "/") + partCols[i].name + "=" + partitionDirValue(v);
        where +=
            (where.empty() ? "" : " AND ") + std::string("CAST(") +
            duckdbIdentifier(partCols[i].name) + " AS VARCHAR) " +
            (v.is_null() ? std::string("IS NULL") : "= " + duckdbLiteral(v.get<std::string>()));
      }
      const auto from = "SELECT " +
                        (dataProjection.empty() ? std::string("1 AS _empty") : dataProjection) +
                        " FROM " + duckdbIdentifier(tmp) + " WHERE " + where;
      if (auto add = writeOne(from, dir, values)) adds.push_back(std::move(*add));
    }
  } catch (...) {
    conn.query("DROP TABLE IF EXISTS " + duckdbIdentifier(tmp));
    throw;
  }
  conn.query("DROP TABLE IF EXISTS " + duckdbIdentifier(tmp));
  return adds;
}

std::int64_t DeltaTable::recordsOf(const std::vector<Json>& adds) {
  std::int64_t n = 0;
  for (const auto& a : adds) {
    const auto stats = Json::parse(a["add"].value("stats", "{}"), nullptr, false);
    if (stats.is_object()) n += stats.value("numRecords", std::int64_t{0});
  }
  return n;
}

std::int64_t DeltaTable::bytesOf(const std::vector<Json>& adds) {
  std::int64_t n = 0;
  for (const auto& a : adds) n += a["add"].value("size", std::int64_t{0});
  return n;
}

std::int64_t DeltaTable::commit(const DeltaSnapshot& read, const std::string& operation,
                                const Json& parameters, const std::vector<Json>& actions,
                                const Json& metrics, bool blindAppend) const {
  // Delta's WriteSerializable rules: a commit that lost the race may still go in after
  // concurrent blind appends, which only add files this one never read or removes; any
  // other concurrent change (a rewrite, a delete, a schema change) means this commit was
  // computed from a stale table and must fail.
  constexpr int kAttempts = 1000;
  std::int64_t version = read.version + 1;
  for (int attempt = 0;; ++attempt) {
    std::vector<Json> all{Json{{"commitInfo",
                                {{"timestamp", nowMs()},
                                 {"userName", commitUser},
                                 {"operation", operation},
                                 {"operationParameters", parameters},
                                 {"readVersion", read.version},
                                 {"isolationLevel", "WriteSerializable"},
                                 {"isBlindAppend", blindAppend},
                                 {"operationMetrics", metrics},
                                 {"engineInfo", "clxs-local"}}}}};
    all.insert(all.end(), actions.begin(), actions.end());
    try {
      log_.commit(version, all);
      return version;
    } catch (const WorkspaceError& e) {
      if (e.errorClass() != WorkspaceErrorClass::Conflict || attempt + 1 >= kAttempts) throw;
      DeltaSnapshot now = read;
      log_.advance(now);
      if (now.metadata != read.metadata || now.protocol != read.protocol) {
        throw WorkspaceError(WorkspaceErrorClass::Conflict,
                             "[DELTA_METADATA_CHANGED] MetadataChangedException: the metadata "
                             "of the Delta table at " +
                                 root_.string() +
                                 " was changed by a concurrent update. Please try the "
                                 "operation again. SQLSTATE: 2D521");
      }
      for (auto v = read.version + 1; v <= now.version; ++v) {
        const auto& info = now.commitInfos[static_cast<std::size_t>(v)];
        const bool append = info.is_object() && info.value("isBlindAppend", false);
        if (!append && !blindAppend) throw;
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

std::optional<std::int64_t> DeltaTable::rowsOf(const DeltaSnapshot& s) {
  // Listings call this for every table, so the count is read out of the statistics text
  // rather than by parsing each file's whole statistics (min and max of every column).
  static constexpr std::string_view kKey = "\"numRecords\":";
  std::int64_t total = 0;
  for (const auto& [p, add] : s.files) {
    const auto it = add.find("stats");
    if (it == add.end() || !it->is_string()) return std::nullopt;
    const auto& stats = it->get_ref<const std::string&>();
    auto at = stats.find(kKey);
    if (at == std::string::npos) return std::nullopt;
    if (stats.find(kKey, at + 1) != std::string::npos) {
      // A column named numRecords has its bounds under that key too: parse to be sure.
      const auto parsed = Json::parse(stats, nullptr, false);
      if (!parsed.is_object() || !parsed.contains("numRecords") ||
          !parsed["numRecords"].is_number_integer())
        return std::nullopt;
      total += parsed["numRecords"].get<std::int64_t>();
    } else {
      at += kKey.size();
      while (at < stats.size() && stats[at] == ' ') ++at;
      std::int64_t n = 0;
      const auto* first = stats.data() + at;
      const auto* last = stats.data() + stats.size();
      if (std::from_chars(first, last, n).ec != std::errc()) return std::nullopt;
      total += n;
    }
    if (add.contains("deletionVector") && add["deletionVector"].is_object())
      total -= add["deletionVector"].value("cardinality", std::int64_t{0});
  }
  return total;
}

Json DeltaTable::removeFor(const Json& add) {
  const Json& a = add.contains("add") ? add["add"] : add;
  Json out{{"remove",
            {{"path", a.value("path", "")},
             {"deletionTimestamp", nowMs()},
             {"dataChange", true},
             {"extendedFileMetadata", true},
             {"partitionValues", a.value("partitionValues", Json::object())},
             {"size", a.value("size", 0)}}}};
  // A file with a deletion vector is keyed by its path and that vector: the remove names it.
  if (a.contains("deletionVector")) out["remove"]["deletionVector"] = a["deletionVector"];
  return out;
}

std::optional<Json> DeltaTable::writeChangeFile(DuckDbConnection& conn,
                                                std::string_view duckdbSelect,
                                                const std::vector<DeltaColumn>& cols) const {
  std::string projection;
  for (const auto& c : cols) {
    projection += "CAST(" + duckdbIdentifier(c.name) + " AS " + duckdbTypeFor(c.type) + ") AS " +
                  duckdbIdentifier(c.name) + ", ";
  }
  projection += "CAST(_change_type AS VARCHAR) AS _change_type";
  const std::string rel = "_change_data/cdc-00000-" + newUuid() + ".c000.snappy.parquet";
  const auto full = root_ / rel;
  std::filesystem::create_directories(full.parent_path());
  conn.query("COPY (SELECT " + projection + " FROM (" + std::string(duckdbSelect) + ")) TO " +
             duckdbLiteral(full.string()) + " (FORMAT PARQUET, COMPRESSION SNAPPY)");
  const auto count =
      conn.query("SELECT count(*) FROM read_parquet(" + duckdbLiteral(full.string()) + ")");
  if (count.rows.empty() || count.rows[0].empty() || count.rows[0][0] == 0) {
    std::filesystem::remove(full);
    return std::nullopt;
  }
  syncToDisk(full);
  return Json{{"cdc",
               {{"path", encodeDeltaPath(rel)},
                {"partitionValues", Json::object()},
                {"size", static_cast<std::int64_t>(std::filesystem::file_size(full))},
                {"dataChange", false}}}};
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
  const auto adds =
      writeFiles(*conn, duckdbSelect, columnsOf(snapshot), partitionColumnsOf(snapshot));
  if (adds.empty()) return snapshot.version;
  return commit(snapshot, "WRITE", {{"mode", "Append"}, {"partitionBy", "[]"}}, adds,
                {{"numFiles", std::to_string(adds.size())},
                 {"numOutputRows", std::to_string(recordsOf(adds))},
                 {"numOutputBytes", std::to_string(bytesOf(adds))}},
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

std::string DeltaTable::scan(const DeltaSnapshot& s, bool withFile) const {
  const auto cols = columnsOf(s);
  const auto partitions = partitionColumnsOf(s);
  auto isPartition = [&](const std::string& name) {
    return std::find(partitions.begin(), partitions.end(), name) != partitions.end();
  };
  if (s.files.empty()) {
    std::string select;
    for (const auto& c : cols) {
      if (!select.empty()) select += ", ";
      select += "CAST(NULL AS " + duckdbTypeFor(c.type) + ") AS " + duckdbIdentifier(c.name);
    }
    if (select.empty()) select = "NULL AS _empty";
    if (withFile)
      select += ", CAST(NULL AS VARCHAR) AS __clxs_file, CAST(NULL AS BIGINT) AS __clxs_pos";
    return "(SELECT " + select + " WHERE false)";
  }
  std::string list;
  std::string values;
  std::vector<std::string> withDeletions;  // one relation per file with a deletion vector
  for (const auto& [path, add] : s.files) {
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
    if (add.contains("deletionVector")) {
      withDeletions.push_back(deletedRowsLeftOut(file, add, cols, partitions, withFile));
      continue;
    }
    if (!list.empty()) list += ", ";
    list += duckdbLiteral(file.string());
    if (!partitions.empty()) {
      values += values.empty() ? "(" : ", (";
      values += duckdbLiteral(file.string());
      const auto pv = add.value("partitionValues", Json::object());
      for (const auto& p : partitions) {
        const auto it = pv.find(p);
        values += ", ";
        values += it == pv.end() || it->is_null()
                      ? "NULL"
                      : duckdbLiteral(it->is_string() ? it->get<std::string>() : it->dump());
      }
      values += ")";
    }
  }
  std::string select;
  for (const auto& c : cols) {
    if (!select.empty()) select += ", ";
    if (isPartition(c.name)) {
      // Partition values come from the log, as text, typed by the schema.
      select += "CAST(v." + duckdbIdentifier(c.name) + " AS " + duckdbTypeFor(c.type) + ") AS " +
                duckdbIdentifier(c.name);
    } else {
      select += (partitions.empty() ? "" : "p.") + duckdbIdentifier(c.name);
    }
  }
  std::string out;
  if (list.empty()) {
    // Every file has a deletion vector.
  } else if (partitions.empty()) {
    out = withFile ? "SELECT " + select +
                         ", filename AS __clxs_file, file_row_number AS __clxs_pos FROM "
                         "read_parquet([" +
                         list + "], filename = true, file_row_number = true)"
                   : "SELECT " + select + " FROM read_parquet([" + list + "])";
  } else {
    if (withFile) select += ", p.filename AS __clxs_file, p.file_row_number AS __clxs_pos";
    std::string names = "clxs_file";
    for (const auto& p : partitions) names += ", " + duckdbIdentifier(p);
    out = "SELECT " + select + " FROM read_parquet([" + list +
          "], filename = true, file_row_number = true, hive_partitioning = false, "
          "union_by_name = true) AS p JOIN "
          "(VALUES " +
          values + ") AS v(" + names + ") ON p.filename = v.clxs_file";
  }
  for (const auto& relation : withDeletions) {
    out += (out.empty() ? "" : " UNION ALL ") + relation;
  }
  return "(" + out + ")";
}

std::string DeltaTable::deletionVectorWhere(const Json& dv) const {
  const std::string storage = dv.value("storageType", "");
  if (storage == "i") return dv.value("pathOrInlineDv", "");
  if (storage == "u") {
    return (root_ / deletion_vector::relativePathOfUuidDv(dv.value("pathOrInlineDv", ""))).string();
  }
  if (storage == "p") return fileFor(decodeDeltaPath(dv.value("pathOrInlineDv", ""))).string();
  throw WorkspaceError(WorkspaceErrorClass::Remote,
                       "[DELTA_INVALID_DELETION_VECTOR] Unknown deletion vector storage type '" +
                           storage + "'. SQLSTATE: XX000");
}

deletion_vector::Positions DeltaTable::deletedPositions(const Json& add) const {
  if (!add.contains("deletionVector")) return {};
  const Json& dv = add["deletionVector"];
  return readDeletionVector(deletionVectorWhere(dv), dv.value("storageType", ""),
                            dv.value("offset", 1), dv.value("sizeInBytes", 0));
}

Json DeltaTable::writeDeletionVector(const deletion_vector::Positions& positions) const {
  const auto name = deletion_vector::newDvName();
  const auto file = deletion_vector::fileWithOneBitmap(positions);
  const auto full = root_ / name.fileName;
  {
    std::ofstream out(full, std::ios::binary | std::ios::trunc);
    out.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
    if (!out) {
      throw WorkspaceError(WorkspaceErrorClass::Unavailable,
                           "cannot write the deletion vector " + full.string());
    }
  }
  syncToDisk(full);
  return Json{{"storageType", "u"},
              {"pathOrInlineDv", name.pathOrInlineDv},
              {"offset", file.offset},
              {"sizeInBytes", file.sizeInBytes},
              {"cardinality", static_cast<std::int64_t>(positions.size())}};
}

deletion_vector::Positions readDeletionVector(const std::string& where, const std::string& storage,
                                              std::int32_t offset, std::int32_t size) {
  if (storage == "i") {
    return deletion_vector::deserializeBitmap(deletion_vector::z85Decode(where));
  }
  std::ifstream in(where, std::ios::binary);
  if (!in) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "[DELTA_FILE_NOT_FOUND] The deletion vector file " + where +
                             " cannot be found. SQLSTATE: 42K03");
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return deletion_vector::readFromFile(bytes, offset, size);
}

std::string DeltaTable::deletedRowsLeftOut(const std::filesystem::path& file, const Json& add,
                                           const std::vector<DeltaColumn>& cols,
                                           const std::vector<std::string>& partitions,
                                           bool withFile) const {
  const Json& dv = add["deletionVector"];
  const std::string storage = dv.value("storageType", "");
  const std::string where = deletionVectorWhere(dv);
  const auto pv = add.value("partitionValues", Json::object());
  std::string select;
  for (const auto& c : cols) {
    if (!select.empty()) select += ", ";
    if (std::find(partitions.begin(), partitions.end(), c.name) != partitions.end()) {
      const auto it = pv.find(c.name);
      const std::string value =
          it == pv.end() || it->is_null()
              ? "NULL"
              : duckdbLiteral(it->is_string() ? it->get<std::string>() : it->dump());
      select +=
          "CAST(" + value + " AS " + duckdbTypeFor(c.type) + ") AS " + duckdbIdentifier(c.name);
    } else {
      select += duckdbIdentifier(c.name);
    }
  }
  if (withFile) select += ", filename AS __clxs_file, file_row_number AS __clxs_pos";
  return "SELECT " + select + " FROM read_parquet([" + duckdbLiteral(file.string()) +
         "], filename = true, file_row_number = true) WHERE NOT clxs_delta_deleted(" +
         duckdbLiteral(where) + ", " + duckdbLiteral(storage) + ", " +
         std::to_string(dv.value("offset", 1)) + ", " + std::to_string(dv.value("sizeInBytes", 0)) +
         ", file_row_number)";
}

}  // namespace clxs::kernel
