// Tables, views, SQL functions and volumes: CREATE (columns, AS SELECT, LIKE, CLONE),
// DESCRIBE, SHOW TBLPROPERTIES and SHOW CREATE TABLE (ALTER is alter_table_statements.cpp).
#include <algorithm>
#include <filesystem>

#include "clxs/clock.hpp"
#include "clxs/id.hpp"
#include "clxs/sql.hpp"
#include "kernel/workspace/local/sql/result_types.hpp"
#include "kernel/workspace/local/sql/statement_executor.hpp"

namespace clxs::kernel {

namespace {

std::string isoMs(std::int64_t ms) {
  return isoUtc(std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)));
}

std::vector<std::string> columnNames(const std::vector<DeltaColumn>& columns) {
  std::vector<std::string> out;
  for (const auto& c : columns) out.push_back(c.name);
  return out;
}

}  // namespace

Json StatementExecutor::parseProperties() {
  Json out = Json::object();
  cur_.expectSymbol("(");
  if (cur_.acceptSymbol(")")) return out;
  do {
    std::string key;
    if (cur_.peek().kind == TokenKind::String) {
      key = cur_.stringLiteral();
    } else {
      key = cur_.identifier();
      while (cur_.acceptSymbol(".")) key += "." + cur_.identifier();
    }
    std::string value;
    if (cur_.acceptSymbol("=") || cur_.peek().kind != TokenKind::Symbol) {
      const auto& t = cur_.next();
      if (t.kind == TokenKind::End || t.isSymbol(",") || t.isSymbol(")")) {
        throwSyntaxError(t.text, "expected a property value");
      }
      value = t.text;
      if (t.kind == TokenKind::Word)
        value =
            lowerAscii(value) == "true" || lowerAscii(value) == "false" ? lowerAscii(value) : value;
    }
    out[key] = value;
  } while (cur_.acceptSymbol(","));
  cur_.expectSymbol(")");
  return out;
}

std::vector<DeltaColumn> StatementExecutor::parseColumns() {
  std::vector<DeltaColumn> cols;
  cur_.expectSymbol("(");
  do {
    if (cur_.peek().is("CONSTRAINT") || cur_.peek().is("PRIMARY") || cur_.peek().is("FOREIGN") ||
        cur_.peek().is("CHECK")) {
      // A table constraint: added once the table exists, as ALTER TABLE … ADD would.
      const auto start = cur_.position();
      for (int depth = 0; !cur_.atEnd(); cur_.next()) {
        const auto& t = cur_.peek();
        if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")"))) break;
        if (t.isSymbol("(")) ++depth;
        if (t.isSymbol(")")) --depth;
      }
      std::string text = cur_.text(start, cur_.position());
      // Delta names an unnamed CHECK constraint; ALTER TABLE … ADD CONSTRAINT needs a name.
      if (upperAscii(text).rfind("CHECK", 0) == 0) {
        text = "CONSTRAINT chk_" + std::to_string(pendingConstraints_.size() + 1) + " " + text;
      }
      pendingConstraints_.push_back(text);
      continue;
    }
    DeltaColumn c;
    c.name = cur_.identifier();
    // The type runs up to NOT/COMMENT/','/')' at this depth (DECIMAL(10, 2) included).
    const auto typeStart = cur_.position();
    int depth = 0;
    while (!cur_.atEnd()) {
      const auto& t = cur_.peek();
      if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")") || t.is("NOT") || t.is("COMMENT") ||
                         t.is("DEFAULT") || t.is("GENERATED"))) {
        break;
      }
      if (t.isSymbol("(") || t.isSymbol("<")) ++depth;
      if (t.isSymbol(")") || t.isSymbol(">")) --depth;
      cur_.next();
    }
    const auto typeText = cur_.text(typeStart, cur_.position());
    if (typeText.empty()) cur_.fail("expected a column type");
    c.type = deltaTypeFor(typeText);
    while (true) {
      if (cur_.acceptAll({"NOT", "NULL"})) {
        c.nullable = false;
      } else if (cur_.acceptAll({"PRIMARY", "KEY"})) {
        pendingConstraints_.push_back("PRIMARY KEY (" + backtick(c.name) + ")");
      } else if (cur_.accept("COMMENT")) {
        c.comment = cur_.stringLiteral();
      } else if (cur_.peek().is("DEFAULT") || cur_.peek().is("GENERATED")) {
        throwUnsupported("column " + upperAscii(cur_.peek().text));
      } else {
        break;
      }
    }
    for (const auto& o : cols) {
      if (lowerAscii(o.name) == lowerAscii(c.name)) {
        throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                             "[COLUMN_ALREADY_EXISTS] The column " + backtick(c.name) +
                                 " already exists. SQLSTATE: 42711");
      }
    }
    cols.push_back(std::move(c));
  } while (cur_.acceptSymbol(","));
  cur_.expectSymbol(")");
  return cols;
}

// CREATE TABLE, then the constraints it declared, each added as ALTER TABLE … ADD adds it (a
// PRIMARY or FOREIGN KEY to the metastore, a CHECK to the table's properties), once the table
// exists and its lock is released.
ResultSet StatementExecutor::createTableWithConstraints(bool orReplace, bool external) {
  ResultSet out = createTable(orReplace, external);
  const auto constraints = std::move(pendingConstraints_);
  pendingConstraints_.clear();
  if (!createdTable_) return out;
  try {
    for (const auto& c : constraints) {
      StatementExecutor inner(state_, session_,
                              "ALTER TABLE " + createdTable_->quoted() + " ADD " + c, params_,
                              options_);
      (void)inner.run();
    }
  } catch (const WorkspaceError&) {
    // A constraint the table cannot take (a bad CHECK, rows that break it) undoes the CREATE
    // of a new table, so the statement can be run again once fixed.
    if (createdNew_) {
      StatementExecutor drop(state_, session_, "DROP TABLE " + createdTable_->quoted(), params_,
                             options_);
      (void)drop.run();
    }
    throw;
  }
  return out;
}

ResultSet StatementExecutor::createTable(bool orReplace, bool external) {
  const bool ifNotExists = cur_.acceptAll({"IF", "NOT", "EXISTS"});
  const auto target = resolve(cur_.qualifiedName());
  requireSchemaExists(target.catalog, target.schema);
  requirePrivilege(Securable::Schema, target, "CREATE TABLE");
  std::vector<DeltaColumn> columns;
  bool haveColumns = false;
  if (cur_.peek().isSymbol("(")) {
    columns = parseColumns();
    haveColumns = true;
  }
  // CLONE and LIKE come right after the name.
  if (cur_.peek().is("SHALLOW") || cur_.peek().is("DEEP") || cur_.peek().is("CLONE")) {
    return cloneTable(target, orReplace, ifNotExists);
  }
  std::optional<ObjectName> likeSource;
  if (cur_.accept("LIKE")) likeSource = resolve(cur_.qualifiedName());
  std::string format = "DELTA";
  std::string location;
  std::string comment;
  Json properties = Json::object();
  std::optional<std::size_t> asSelect;
  std::vector<std::string> partitionBy;
  while (!cur_.atEnd() && !cur_.peek().isSymbol(";")) {
    if (cur_.accept("USING")) {
      format = upperAscii(cur_.identifier());
      if (format != "DELTA" && format != "PARQUET" && format != "ICEBERG") {
        throwUnsupported("USING " + format);
      }
    } else if (cur_.acceptAll({"PARTITIONED", "BY"})) {
      partitionBy = parseStringList();
    } else if (cur_.acceptAll({"CLUSTER", "BY"})) {
      // Liquid clustering only changes file layout, never results.
      if (!cur_.accept("AUTO") && !cur_.accept("NONE")) (void)parseStringList();
    } else if (cur_.accept("LOCATION")) {
      location = cur_.stringLiteral();
    } else if (cur_.accept("COMMENT")) {
      comment = cur_.stringLiteral();
    } else if (cur_.accept("TBLPROPERTIES")) {
      const auto props = parseProperties();
      for (const auto& [k, v] : props.items()) properties[k] = v;
    } else if (cur_.accept("OPTIONS")) {
      (void)parseProperties();
    } else if (cur_.accept("AS")) {
      asSelect = cur_.position();
      while (!cur_.atEnd()) cur_.next();
    } else {
      cur_.fail("expected USING, LOCATION, COMMENT, TBLPROPERTIES or AS");
    }
  }
  cur_.expectEnd();
  if (orReplace && ifNotExists) {
    throwSyntaxError("IF NOT EXISTS", "OR REPLACE and IF NOT EXISTS cannot both be given");
  }
  auto existing = findTable(target);
  if (existing && !orReplace) {
    if (ifNotExists) return empty();
    throwTableAlreadyExists(existing->name);
  }
  if (existing && !existing->delta) throwTableAlreadyExists(existing->name);
  if (likeSource) {
    auto src = table(*likeSource);
    if (src.delta) {
      const auto snap = state_.latestSnapshot(*src.delta);
      columns = DeltaTable::columnsOf(snap);
      if (properties.empty()) properties = snap.metadata.value("configuration", Json::object());
    } else {
      const auto r = duck("SELECT * FROM " + relationFor(src.name, {}, 0) + " AS v LIMIT 0");
      for (const auto& c : r.columns) columns.push_back({c.name, deltaTypeFor(c.type)});
    }
    haveColumns = true;
  }
  std::string select;
  if (asSelect) {
    if (haveColumns) throwSyntaxError("AS", "a column list and AS SELECT cannot both be given");
    auto end = cur_.tokens().size() - 1;
    if (end > *asSelect && cur_.tokens()[end - 1].isSymbol(";")) --end;
    select = sparkTyped(translate(*asSelect, end));
    for (const auto& c : duck("SELECT * FROM (" + select + ") AS q LIMIT 0").columns) {
      columns.push_back({c.name, deltaTypeFor(c.type)});
    }
  }
  const bool adopt = !location.empty() && !haveColumns && !asSelect &&
                     std::filesystem::exists(std::filesystem::path(location) / "_delta_log");
  if (columns.empty() && !adopt) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[DELTA_SCHEMA_NOT_SET] Table schema is not set. Write data into it or "
                         "use CREATE TABLE to set the schema. SQLSTATE: KD008");
  }
  // Partition columns name table columns (spelled as the table spells them).
  for (auto& p : partitionBy) {
    const auto it = std::find_if(columns.begin(), columns.end(), [&](const DeltaColumn& c) {
      return lowerAscii(c.name) == lowerAscii(p);
    });
    if (it == columns.end()) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[DELTA_PARTITION_COLUMN_NOT_FOUND] Partition column " + backtick(p) +
                               " not found in schema of " + target.quoted() + ". SQLSTATE: 42703");
    }
    p = it->name;
  }
  if (!partitionBy.empty() && partitionBy.size() == columns.size()) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[DELTA_CANNOT_USE_ALL_COLUMNS_FOR_PARTITION] Cannot use all columns "
                         "for partition columns. SQLSTATE: 428FT");
  }
  if (existing) {
    requireOwnership(Securable::Table, existing->name);
    // CREATE OR REPLACE keeps the table's history: a new version with the new schema.
    const auto lock = state_.lockFor(existing->entry.location);
    std::lock_guard guard(*lock);
    existing->delta->commitUser = user();
    const auto read = state_.latestSnapshot(*existing->delta);
    replaceData(*existing, read, asSelect ? select : std::string(), columns,
                asSelect ? "CREATE OR REPLACE TABLE AS SELECT" : "CREATE OR REPLACE TABLE",
                {{"isManaged", existing->entry.tableType == "MANAGED" ? "true" : "false"},
                 {"description", comment},
                 {"partitionBy", Json(partitionBy).dump()}},
                properties, &partitionBy);
    existing->entry.comment = comment;
    existing->entry.format = format;
    state_.metastore.updateTable(existing->entry);
    recordWrite(existing->name);
    if (asSelect) recordColumnLineage(existing->name, select, columnNames(columns));
    createdTable_ = existing->name;
    return empty();
  }
  MetastoreTable entry;
  entry.catalog = target.catalog;
  entry.schema = target.schema;
  entry.name = target.name;
  entry.tableType = location.empty() && !external ? "MANAGED" : "EXTERNAL";
  if (external && location.empty()) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[INVALID_EXTERNAL_TABLE] CREATE EXTERNAL TABLE needs a LOCATION. "
                         "SQLSTATE: 42601");
  }
  entry.format = format;
  entry.location = location.empty()
                       ? state_.managedLocation(target.catalog, target.schema, target.name).string()
                       : std::filesystem::path(location).lexically_normal().string();
  entry.owner = user();
  entry.comment = comment;
  if (!adopt && entry.tableType == "MANAGED" &&
      std::filesystem::exists(std::filesystem::path(entry.location) / "_delta_log")) {
    // Left by a crash between writing and registering, or being created right now by
    // another process: either way not ours to delete, so this table takes a new directory
    // beside it.
    entry.location += "-" + newUuid().substr(0, 8);
  }
  DeltaTable delta(entry.location, state_.engine);
  delta.commitUser = user();
  const auto lock = state_.lockFor(entry.location);
  std::lock_guard guard(*lock);
  if (!adopt) {
    if (entry.tableType != "MANAGED" && delta.log().latestVersion()) {
      throw WorkspaceError(WorkspaceErrorClass::Conflict,
                           "[DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION] Cannot create table " +
                               target.quoted() + ": the location " + location +
                               " already holds a Delta table. SQLSTATE: 42601");
    }
    DeltaCreate spec;
    spec.columns = columns;
    spec.configuration = properties;
    spec.description = comment;
    spec.partitionColumns = partitionBy;
    if (asSelect) {
      spec.operation = "CREATE TABLE AS SELECT";
      spec.actions = delta.writeFiles(conn(), select, columns, partitionBy);
      spec.operationMetrics = {
          {"numFiles", std::to_string(spec.actions.size())},
          {"numOutputRows", std::to_string(DeltaTable::recordsOf(spec.actions))},
          {"numOutputBytes", std::to_string(DeltaTable::bytesOf(spec.actions))}};
    }
    try {
      delta.createFrom(spec);
    } catch (const WorkspaceError& e) {
      // Another process created version 0 in the same directory first: the same CREATE
      // racing this one. Its table stands; this statement reports what Databricks does.
      if (e.errorClass() != WorkspaceErrorClass::Conflict) throw;
      if (ifNotExists) return empty();
      throwTableAlreadyExists(target);
    }
  }
  try {
    state_.metastore.createTable(entry);
  } catch (const WorkspaceError& e) {
    if (entry.tableType == "MANAGED") std::filesystem::remove_all(entry.location);
    if (e.errorClass() == WorkspaceErrorClass::Conflict) {
      if (ifNotExists) return empty();
      throwTableAlreadyExists(target);
    }
    throw;
  }
  recordWrite(target);
  if (asSelect) recordColumnLineage(target, select, columnNames(columns));
  createdTable_ = target;
  createdNew_ = true;
  return empty();
}

ResultSet StatementExecutor::replaceData(ResolvedTable& t, const DeltaSnapshot& read,
                                         const std::string& select,
                                         const std::vector<DeltaColumn>& columns,
                                         const std::string& operation, const Json& parameters,
                                         Json configuration,
                                         const std::vector<std::string>* partitions) {
  std::vector<Json> actions;
  const auto partitionColumns = partitions ? *partitions : DeltaTable::partitionColumnsOf(read);
  const auto oldCols = DeltaTable::columnsOf(read);
  const bool schemaChanged = columns.size() != oldCols.size() ||
                             !std::equal(columns.begin(), columns.end(), oldCols.begin(),
                                         [](const DeltaColumn& a, const DeltaColumn& b) {
                                           return a.name == b.name && a.type == b.type &&
                                                  a.nullable == b.nullable &&
                                                  a.comment == b.comment;
                                         });
  if (schemaChanged || !configuration.is_null() || partitions != nullptr) {
    auto meta = DeltaTable::metadataWith(read, columns,
                                         configuration.is_null()
                                             ? read.metadata.value("configuration", Json::object())
                                             : configuration,
                                         read.metadata.value("description", ""));
    meta["metaData"]["partitionColumns"] = partitionColumns;
    actions.push_back(std::move(meta));
  }
  auto removes = DeltaTable::removeAll(read);
  actions.insert(actions.end(), removes.begin(), removes.end());
  std::int64_t rowsOut = 0;
  if (!select.empty()) {
    const auto adds = t.delta->writeFiles(conn(), select, columns, partitionColumns);
    rowsOut = DeltaTable::recordsOf(adds);
    actions.insert(actions.end(), adds.begin(), adds.end());
  }
  t.delta->commit(read, operation, parameters, actions,
                  {{"numRemovedFiles", std::to_string(removes.size())},
                   {"numOutputRows", std::to_string(rowsOut)}});
  return rows({{"num_affected_rows", "BIGINT"}, {"num_inserted_rows", "BIGINT"}},
              {{rowsOut, rowsOut}});
}

ResultSet StatementExecutor::cloneTable(const ObjectName& target, bool orReplace,
                                        bool ifNotExists) {
  const bool shallow = cur_.accept("SHALLOW");
  if (!shallow) cur_.accept("DEEP");
  cur_.expect("CLONE");
  const auto sourceName = resolve(cur_.qualifiedName());
  TimeTravel tt;
  if (cur_.acceptAll({"VERSION", "AS", "OF"})) {
    tt.version = cur_.integer();
  } else if (cur_.acceptAll({"TIMESTAMP", "AS", "OF"})) {
    const auto start = cur_.position();
    while (!cur_.atEnd() && !cur_.peek().is("TBLPROPERTIES") && !cur_.peek().is("LOCATION") &&
           !cur_.peek().isSymbol(";")) {
      cur_.next();
    }
    tt.timestamp = translate(start, cur_.position());
  }
  Json properties = Json::object();
  std::string location;
  while (!cur_.atEnd() && !cur_.peek().isSymbol(";")) {
    if (cur_.accept("TBLPROPERTIES")) {
      properties = parseProperties();
    } else if (cur_.accept("LOCATION")) {
      location = cur_.stringLiteral();
    } else {
      cur_.fail("expected VERSION AS OF, TIMESTAMP AS OF, TBLPROPERTIES or LOCATION");
    }
  }
  cur_.expectEnd();
  auto source = table(sourceName, false);
  const auto snap = snapshotAt(*source.delta, tt);
  auto configuration = snap.metadata.value("configuration", Json::object());
  for (const auto& [k, v] : properties.items()) configuration[k] = v;
  // Files that come with deletion vectors need the feature in the clone's protocol, or
  // readers would show the deleted rows.
  if (std::any_of(snap.files.begin(), snap.files.end(),
                  [](const auto& f) { return f.second.contains("deletionVector"); })) {
    configuration["delta.enableDeletionVectors"] = "true";
  }
  auto existing = findTable(target);
  if (existing && !orReplace) {
    if (ifNotExists) return empty();
    throwTableAlreadyExists(existing->name);
  }
  if (existing && !existing->delta) throwTableAlreadyExists(existing->name);
  auto dest = existing ? std::filesystem::path(existing->entry.location)
              : location.empty()
                  ? state_.managedLocation(target.catalog, target.schema, target.name)
                  : std::filesystem::path(location).lexically_normal();
  if (!existing && location.empty() && std::filesystem::exists(dest / "_delta_log")) {
    // Not registered, so left by a crash or being created by another process: not ours.
    dest += "-" + newUuid().substr(0, 8);
  }
  const auto lock = state_.lockFor(dest);
  std::lock_guard guard(*lock);
  // Files: a shallow clone points at the source's files by absolute path; a deep clone
  // copies them (data first, then the commit that adds them).
  std::vector<Json> adds;
  std::int64_t copiedBytes = 0;
  std::int64_t copied = 0;
  for (const auto& [path, add] : snap.files) {
    Json a = add;
    const auto file = source.delta->fileFor(path);
    if (!std::filesystem::exists(file)) {
      throw WorkspaceError(WorkspaceErrorClass::NotFound,
                           "[DELTA_FILE_NOT_FOUND] File " + file.string() +
                               " referenced in the transaction log cannot be found. SQLSTATE: "
                               "42K03");
    }
    if (shallow) {
      a["path"] = encodeDeltaPath(file.string());
    } else {
      // Relative paths keep their partition directories; files the source reached by an
      // absolute path (it is itself a shallow clone) land at the top.
      const std::filesystem::path relative(path);
      const auto name = relative.is_absolute() || path.rfind("file:", 0) == 0
                            ? file.filename()
                            : relative.lexically_normal();
      std::filesystem::create_directories((dest / name).parent_path());
      std::filesystem::copy_file(file, dest / name,
                                 std::filesystem::copy_options::overwrite_existing);
      syncToDisk(dest / name);
      a["path"] = relative.is_absolute() || path.rfind("file:", 0) == 0
                      ? encodeDeltaPath(name.string())
                      : add.value("path", name.string());
      copiedBytes += a.value("size", std::int64_t{0});
      ++copied;
    }
    if (add.contains("deletionVector") && add["deletionVector"].value("storageType", "") != "i") {
      // The file's deletion vector goes with it: a shallow clone names the source's by
      // absolute path ('p'); a deep clone copies it beside the data, under the same name.
      const std::filesystem::path dvFile = source.delta->deletionVectorWhere(add["deletionVector"]);
      if (shallow || add["deletionVector"].value("storageType", "") == "p") {
        a["deletionVector"]["storageType"] = "p";
        a["deletionVector"]["pathOrInlineDv"] = encodeDeltaPath(dvFile.string());
      } else {
        const auto relative = dvFile.lexically_relative(source.delta->root());
        std::filesystem::create_directories((dest / relative).parent_path());
        std::filesystem::copy_file(dvFile, dest / relative,
                                   std::filesystem::copy_options::overwrite_existing);
        syncToDisk(dest / relative);
      }
    }
    a["dataChange"] = true;
    a["modificationTime"] = deltaNowMs();
    adds.push_back(Json{{"add", a}});
  }
  const auto srcSize = DeltaTable::sizeOf(snap);
  const Json params{
      {"source", sourceName.full()}, {"sourceVersion", snap.version}, {"isShallow", shallow}};
  const Json metrics{{"sourceTableSize", std::to_string(srcSize)},
                     {"sourceNumOfFiles", std::to_string(snap.files.size())},
                     {"numRemovedFiles", "0"},
                     {"numCopiedFiles", std::to_string(copied)},
                     {"removedFilesSize", "0"},
                     {"copiedFilesSize", std::to_string(copiedBytes)}};
  std::int64_t removedFiles = 0;
  std::int64_t removedBytes = 0;
  if (existing) {
    const auto read = state_.latestSnapshot(*existing->delta);
    removedFiles = static_cast<std::int64_t>(read.files.size());
    removedBytes = DeltaTable::sizeOf(read);
    std::vector<Json> actions{DeltaTable::metadataWith(
        read, DeltaTable::columnsOf(snap), configuration, snap.metadata.value("description", ""))};
    actions[0]["metaData"]["partitionColumns"] = DeltaTable::partitionColumnsOf(snap);
    for (auto& r : DeltaTable::removeAll(read)) actions.push_back(std::move(r));
    actions.insert(actions.end(), adds.begin(), adds.end());
    existing->delta->commitUser = user();
    existing->delta->commit(read, "CLONE", params, actions, metrics);
  } else {
    DeltaTable delta(dest, state_.engine);
    delta.commitUser = user();
    if (delta.log().latestVersion()) {
      throw WorkspaceError(WorkspaceErrorClass::Conflict,
                           "[DELTA_CREATE_TABLE_WITH_NON_EMPTY_LOCATION] The location " +
                               dest.string() + " already holds a Delta table. SQLSTATE: 42601");
    }
    DeltaCreate spec;
    spec.columns = DeltaTable::columnsOf(snap);
    spec.partitionColumns = DeltaTable::partitionColumnsOf(snap);
    spec.configuration = configuration;
    spec.description = snap.metadata.value("description", "");
    spec.operation = "CLONE";
    spec.operationParameters = params;
    spec.operationMetrics = metrics;
    spec.actions = adds;
    try {
      delta.createFrom(spec);
    } catch (const WorkspaceError& e) {
      if (e.errorClass() != WorkspaceErrorClass::Conflict) throw;
      if (ifNotExists) return empty();
      throwTableAlreadyExists(target);
    }
    MetastoreTable entry;
    entry.catalog = target.catalog;
    entry.schema = target.schema;
    entry.name = target.name;
    entry.tableType = location.empty() ? "MANAGED" : "EXTERNAL";
    entry.format = source.entry.format;
    entry.location = dest.string();
    entry.owner = user();
    entry.comment = source.entry.comment;
    try {
      state_.metastore.createTable(entry);
    } catch (const WorkspaceError&) {
      if (location.empty()) std::filesystem::remove_all(dest);
      throw;
    }
  }
  recordRead(source.name);
  recordWrite(target);
  for (const auto& c : DeltaTable::columnsOf(snap)) {
    columnLineage_.push_back({source.name.full(), c.name, target.full(), c.name});
  }
  return rows({{"source_table_size", "BIGINT"},
               {"source_num_of_files", "BIGINT"},
               {"num_removed_files", "BIGINT"},
               {"num_copied_files", "BIGINT"},
               {"removed_files_size", "BIGINT"},
               {"copied_files_size", "BIGINT"}},
              {{srcSize, static_cast<std::int64_t>(snap.files.size()), removedFiles, copied,
                removedBytes, copiedBytes}});
}

ResultSet StatementExecutor::createView(bool orReplace) {
  const bool ifNotExists = cur_.acceptAll({"IF", "NOT", "EXISTS"});
  const auto target = resolve(cur_.qualifiedName());
  requireSchemaExists(target.catalog, target.schema);
  requirePrivilege(Securable::Schema, target, "CREATE TABLE");
  std::string comment;
  Json properties = Json::object();
  if (cur_.peek().isSymbol("(")) throwUnsupported("a column list in CREATE VIEW");
  while (!cur_.peek().is("AS")) {
    if (cur_.accept("COMMENT")) {
      comment = cur_.stringLiteral();
    } else if (cur_.accept("TBLPROPERTIES")) {
      properties = parseProperties();
    } else {
      cur_.fail("expected COMMENT, TBLPROPERTIES or AS");
    }
  }
  cur_.expect("AS");
  const auto text = cur_.rest();
  if (text.empty()) cur_.fail("expected a query");
  // The definition must resolve now, in this catalog and schema, as Databricks checks it.
  {
    const auto saved = std::make_pair(session_.catalog, session_.schema);
    session_.catalog = target.catalog;
    session_.schema = target.schema;
    try {
      (void)duck("SELECT * FROM (" + translateText(text, 1) + ") AS v LIMIT 0");
    } catch (...) {
      std::tie(session_.catalog, session_.schema) = saved;
      throw;
    }
    std::tie(session_.catalog, session_.schema) = saved;
  }
  auto existing = findTable(target);
  if (existing) {
    if (ifNotExists) return empty();
    if (!orReplace || existing->delta) throwTableAlreadyExists(existing->name);
    existing->entry.viewText = text;
    existing->entry.comment = comment;
    existing->entry.properties = properties;
    state_.metastore.updateTable(existing->entry);
    recordWrite(existing->name, "VIEW");
    return empty();
  }
  MetastoreTable entry;
  entry.catalog = target.catalog;
  entry.schema = target.schema;
  entry.name = target.name;
  entry.tableType = "VIEW";
  entry.format = "";
  entry.owner = user();
  entry.comment = comment;
  entry.properties = properties;
  entry.viewText = text;
  try {
    state_.metastore.createTable(entry);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() == WorkspaceErrorClass::Conflict) throwTableAlreadyExists(target);
    throw;
  }
  recordWrite(target, "VIEW");
  return empty();
}

ResultSet StatementExecutor::createFunction(bool orReplace) {
  const bool ifNotExists = cur_.acceptAll({"IF", "NOT", "EXISTS"});
  const auto target = resolve(cur_.qualifiedName());
  requireSchemaExists(target.catalog, target.schema);
  requirePrivilege(Securable::Schema, target, "CREATE FUNCTION");
  MetastoreFunction f;
  f.catalog = target.catalog;
  f.schema = target.schema;
  f.name = target.name;
  f.owner = user();
  cur_.expectSymbol("(");
  if (!cur_.acceptSymbol(")")) {
    do {
      Json p{{"name", cur_.identifier()}};
      const auto typeStart = cur_.position();
      int depth = 0;
      while (!cur_.atEnd()) {
        const auto& t = cur_.peek();
        if (depth == 0 &&
            (t.isSymbol(",") || t.isSymbol(")") || t.is("COMMENT") || t.is("DEFAULT"))) {
          break;
        }
        if (t.isSymbol("(")) ++depth;
        if (t.isSymbol(")")) --depth;
        cur_.next();
      }
      const auto type = cur_.text(typeStart, cur_.position());
      (void)deltaTypeFor(type);
      p["type"] = upperAscii(type);
      if (cur_.accept("COMMENT")) p["comment"] = cur_.stringLiteral();
      f.parameters.push_back(p);
    } while (cur_.acceptSymbol(","));
    cur_.expectSymbol(")");
  }
  cur_.expect("RETURNS");
  if (cur_.peek().is("TABLE")) throwUnsupported("a table function");
  const auto typeStart = cur_.position();
  while (!cur_.atEnd() && !cur_.peek().is("RETURN") && !cur_.peek().is("COMMENT") &&
         !cur_.peek().is("LANGUAGE") && !cur_.peek().is("DETERMINISTIC") &&
         !cur_.peek().is("NOT") && !cur_.peek().is("CONTAINS") && !cur_.peek().is("READS")) {
    cur_.next();
  }
  f.returnType = upperAscii(cur_.text(typeStart, cur_.position()));
  (void)deltaTypeFor(f.returnType);
  while (!cur_.peek().is("RETURN")) {
    if (cur_.accept("COMMENT")) {
      f.comment = cur_.stringLiteral();
    } else if (cur_.accept("LANGUAGE")) {
      if (!cur_.accept("SQL")) throwUnsupported("a function in a language other than SQL");
    } else if (cur_.accept("DETERMINISTIC") || cur_.acceptAll({"NOT", "DETERMINISTIC"}) ||
               cur_.acceptAll({"CONTAINS", "SQL"}) || cur_.acceptAll({"READS", "SQL", "DATA"})) {
    } else {
      cur_.fail("expected RETURN");
    }
  }
  cur_.expect("RETURN");
  f.body = cur_.rest();
  if (f.body.empty()) cur_.fail("expected the function body");
  if (ifNotExists && state_.metastore.function(f.catalog, f.schema, f.name)) return empty();
  try {
    state_.metastore.createFunction(f, orReplace);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() != WorkspaceErrorClass::Conflict) throw;
    throw WorkspaceError(WorkspaceErrorClass::Conflict,
                         "[ROUTINE_ALREADY_EXISTS] Cannot create the function " + target.quoted() +
                             " because it already exists. SQLSTATE: 42723");
  }
  // Compile it now so a broken body fails at CREATE, as on Databricks.
  try {
    (void)sqlFunction({f.catalog, f.schema, f.name}, true);
  } catch (...) {
    state_.metastore.dropFunction(f.catalog, f.schema, f.name, true);
    throw;
  }
  return empty();
}

ResultSet StatementExecutor::createVolume(bool external) {
  const bool ifNotExists = cur_.acceptAll({"IF", "NOT", "EXISTS"});
  const auto target = resolve(cur_.qualifiedName());
  requireSchemaExists(target.catalog, target.schema);
  requirePrivilege(Securable::Schema, target, "CREATE VOLUME");
  MetastoreVolume v;
  v.catalog = target.catalog;
  v.schema = target.schema;
  v.name = target.name;
  v.owner = user();
  v.volumeType = external ? "EXTERNAL" : "MANAGED";
  while (!cur_.atEnd() && !cur_.peek().isSymbol(";")) {
    if (cur_.accept("LOCATION")) {
      v.storageLocation = cur_.stringLiteral();
    } else if (cur_.accept("COMMENT")) {
      v.comment = cur_.stringLiteral();
    } else {
      cur_.fail("expected LOCATION or COMMENT");
    }
  }
  cur_.expectEnd();
  if (external && v.storageLocation.empty()) {
    throwSyntaxError("", "CREATE EXTERNAL VOLUME needs a LOCATION");
  }
  if (!external) {
    if (!v.storageLocation.empty()) throwSyntaxError("LOCATION", "a managed volume has none");
    v.storageLocation = state_.volumeLocation(v.catalog, v.schema, v.name).string();
  }
  if (ifNotExists && state_.metastore.volume(v.catalog, v.schema, v.name)) return empty();
  try {
    state_.metastore.createVolume(v, false);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() != WorkspaceErrorClass::Conflict) throw;
    throw WorkspaceError(WorkspaceErrorClass::Conflict,
                         "[VOLUME_ALREADY_EXISTS] Cannot create volume " + target.quoted() +
                             " because it already exists. SQLSTATE: 42000");
  }
  std::filesystem::create_directories(v.storageLocation);
  return empty();
}

ResultSet StatementExecutor::describeTable(const ObjectName& n, bool extended) {
  auto t = table(n);
  std::vector<std::vector<Json>> out;
  // One snapshot answers the columns, the partitions and the properties.
  std::optional<DeltaSnapshot> snap;
  if (t.delta) snap = state_.latestSnapshot(*t.delta);
  if (snap) {
    const auto cols = DeltaTable::columnsOf(*snap);
    for (const auto& c : cols) {
      out.push_back(
          {c.name, databricksTypeFor(c.type), c.comment.empty() ? Json(nullptr) : Json(c.comment)});
    }
    const auto parts = DeltaTable::partitionColumnsOf(*snap);
    if (!parts.empty()) {
      out.push_back({"# Partition Information", "", ""});
      out.push_back({"# col_name", "data_type", "comment"});
      for (const auto& p : parts) {
        for (const auto& c : cols) {
          if (c.name == p) out.push_back({c.name, databricksTypeFor(c.type), nullptr});
        }
      }
    }
  } else {
    const auto r = duck("SELECT * FROM " + relationFor(t.name, {}, 0) + " AS v LIMIT 0");
    for (const auto& c : r.columns) {
      out.push_back({c.name, databricksTypeFor(deltaTypeFor(c.type)), nullptr});
    }
  }
  if (extended) {
    out.push_back({"", "", ""});
    out.push_back({"# Detailed Table Information", "", ""});
    out.push_back({"Catalog", t.name.catalog, ""});
    out.push_back({"Database", t.name.schema, ""});
    out.push_back({"Table", t.name.name, ""});
    out.push_back({"Owner", t.entry.owner, ""});
    out.push_back({"Type", t.entry.tableType, ""});
    out.push_back({"Comment", t.entry.comment, ""});
    if (t.delta) {
      out.push_back({"Location", t.entry.location, ""});
      out.push_back({"Provider", lowerAscii(t.entry.format), ""});
      const auto cfg = snap->metadata.value("configuration", Json::object());
      std::string props;
      for (const auto& [k, v] : cfg.items()) {
        props += (props.empty() ? "" : ",") + k + "=" +
                 (v.is_string() ? v.get<std::string>() : v.dump());
      }
      out.push_back({"Table Properties", "[" + props + "]", ""});
    } else {
      out.push_back({"View Text", t.entry.viewText, ""});
    }
  }
  return rows({{"col_name", "STRING"}, {"data_type", "STRING"}, {"comment", "STRING"}}, out);
}

ResultSet StatementExecutor::describeDetail() {
  const auto n = resolve(cur_.qualifiedName());
  cur_.expectEnd();
  auto t = table(n, false);
  const auto s = state_.latestSnapshot(*t.delta);
  return rows(
      {{"format", "STRING"},
       {"id", "STRING"},
       {"name", "STRING"},
       {"description", "STRING"},
       {"location", "STRING"},
       {"createdAt", "TIMESTAMP"},
       {"lastModified", "TIMESTAMP"},
       {"partitionColumns", "ARRAY<STRING>"},
       {"clusteringColumns", "ARRAY<STRING>"},
       {"numFiles", "BIGINT"},
       {"sizeInBytes", "BIGINT"},
       {"properties", "MAP<STRING,STRING>"},
       {"minReaderVersion", "INT"},
       {"minWriterVersion", "INT"},
       {"tableFeatures", "ARRAY<STRING>"},
       {"statistics", "MAP<STRING,BIGINT>"}},
      {{"delta", s.metadata.value("id", ""), t.name.full(), s.metadata.value("description", ""),
        t.entry.location, isoMs(s.metadata.value("createdTime", std::int64_t{0})),
        isoMs(s.commitTimes.empty() ? 0 : s.commitTimes.back()),
        s.metadata.value("partitionColumns", Json::array()), Json::array(),
        static_cast<std::int64_t>(s.files.size()), DeltaTable::sizeOf(s),
        s.metadata.value("configuration", Json::object()), s.protocol.value("minReaderVersion", 1),
        s.protocol.value("minWriterVersion", 2), Json::array({"appendOnly", "invariants"}),
        Json::object()}});
}

ResultSet StatementExecutor::describeHistory() {
  const auto n = resolve(cur_.qualifiedName());
  std::optional<std::int64_t> limit;
  if (cur_.accept("LIMIT")) limit = cur_.integer();
  cur_.expectEnd();
  auto t = table(n, false);
  const auto s = state_.latestSnapshot(*t.delta);
  std::vector<std::vector<Json>> out;
  for (auto v = s.version; v >= 0; --v) {
    if (limit && static_cast<std::int64_t>(out.size()) >= *limit) break;
    const auto& ci = s.commitInfos[static_cast<std::size_t>(v)];
    const Json info = ci.is_object() ? ci : Json::object();
    out.push_back({v, isoMs(s.commitTimes[static_cast<std::size_t>(v)]),
                   info.value("userId", info.value("userName", "")), info.value("userName", ""),
                   info.value("operation", ""), info.value("operationParameters", Json::object()),
                   nullptr, nullptr, nullptr,
                   info.contains("readVersion") ? info["readVersion"] : Json(nullptr),
                   info.value("isolationLevel", ""), info.value("isBlindAppend", false),
                   info.value("operationMetrics", Json::object()),
                   info.contains("userMetadata") ? info["userMetadata"] : Json(nullptr),
                   info.value("engineInfo", "")});
  }
  return rows({{"version", "BIGINT"},
               {"timestamp", "TIMESTAMP"},
               {"userId", "STRING"},
               {"userName", "STRING"},
               {"operation", "STRING"},
               {"operationParameters", "MAP<STRING,STRING>"},
               {"job", "STRUCT"},
               {"notebook", "STRUCT"},
               {"clusterId", "STRING"},
               {"readVersion", "BIGINT"},
               {"isolationLevel", "STRING"},
               {"isBlindAppend", "BOOLEAN"},
               {"operationMetrics", "MAP<STRING,STRING>"},
               {"userMetadata", "STRING"},
               {"engineInfo", "STRING"}},
              out);
}

ResultSet StatementExecutor::showTblProperties() {
  const auto n = resolve(cur_.qualifiedName());
  std::optional<std::string> key;
  if (cur_.acceptSymbol("(")) {
    key = cur_.peek().kind == TokenKind::String ? cur_.stringLiteral() : cur_.identifier();
    while (cur_.acceptSymbol(".")) *key += "." + cur_.identifier();
    cur_.expectSymbol(")");
  }
  cur_.expectEnd();
  auto t = table(n);
  Json cfg = t.entry.properties;
  if (t.delta) {
    const auto s = state_.latestSnapshot(*t.delta);
    cfg = s.metadata.value("configuration", Json::object());
    cfg["delta.minReaderVersion"] = std::to_string(s.protocol.value("minReaderVersion", 1));
    cfg["delta.minWriterVersion"] = std::to_string(s.protocol.value("minWriterVersion", 2));
  }
  std::vector<std::vector<Json>> out;
  for (const auto& [k, v] : cfg.items()) {
    if (key && k != *key) continue;
    out.push_back({k, v.is_string() ? v.get<std::string>() : v.dump()});
  }
  if (key && out.empty()) {
    out.push_back({*key, "Table " + t.name.full() + " does not have property: " + *key});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a[0].template get<std::string>() < b[0].template get<std::string>();
  });
  return rows({{"key", "STRING"}, {"value", "STRING"}}, out);
}

ResultSet StatementExecutor::showCreateTable() {
  const auto n = resolve(cur_.qualifiedName());
  cur_.expectEnd();
  auto t = table(n);
  const auto q = t.name.quoted();
  std::string stmt;
  if (!t.delta) {
    stmt = "CREATE VIEW " + q + " AS " + t.entry.viewText;
  } else {
    const auto s = state_.latestSnapshot(*t.delta);
    stmt = "CREATE TABLE " + q + " (\n";
    const auto cols = DeltaTable::columnsOf(s);
    for (std::size_t i = 0; i < cols.size(); ++i) {
      stmt += "  " + backtick(cols[i].name) + " " + upperAscii(databricksTypeFor(cols[i].type));
      if (!cols[i].nullable) stmt += " NOT NULL";
      if (!cols[i].comment.empty()) stmt += " COMMENT " + quoteLiteral(cols[i].comment);
      stmt += i + 1 < cols.size() ? ",\n" : ")\n";
    }
    stmt += "USING " + t.entry.format + "\n";
    const auto parts = DeltaTable::partitionColumnsOf(s);
    if (!parts.empty()) {
      stmt += "PARTITIONED BY (";
      for (std::size_t i = 0; i < parts.size(); ++i) stmt += (i ? ", " : "") + backtick(parts[i]);
      stmt += ")\n";
    }
    if (!t.entry.comment.empty()) stmt += "COMMENT " + quoteLiteral(t.entry.comment) + "\n";
    if (t.entry.tableType == "EXTERNAL")
      stmt += "LOCATION " + quoteLiteral(t.entry.location) + "\n";
    const auto cfg = s.metadata.value("configuration", Json::object());
    if (!cfg.empty()) {
      stmt += "TBLPROPERTIES (\n";
      std::size_t i = 0;
      for (const auto& [k, v] : cfg.items()) {
        stmt += "  " + quoteLiteral(k) + " = " +
                quoteLiteral(v.is_string() ? v.get<std::string>() : v.dump()) +
                (++i < cfg.size() ? ",\n" : ")\n");
      }
    }
  }
  return rows({{"createtab_stmt", "STRING"}}, {{stmt}});
}

}  // namespace clxs::kernel
