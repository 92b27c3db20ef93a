// Delta maintenance: RESTORE, VACUUM, OPTIMIZE and CONVERT TO DELTA.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "kernel/workspace/local/sql/statement_executor.hpp"

namespace clxs::kernel {

namespace {

constexpr double kDefaultRetentionHours = 168.0;

// "interval 7 days" / "interval 36 hours" → hours (Delta's deletedFileRetentionDuration).
std::optional<double> intervalHours(const std::string& text) {
  std::string t;
  for (char c : text) t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  double n = 0;
  char unit[32] = {};
  if (std::sscanf(t.c_str(), "interval %lf %31s", &n, unit) != 2) return std::nullopt;
  const std::string u(unit);
  if (u.rfind("day", 0) == 0) return n * 24;
  if (u.rfind("hour", 0) == 0) return n;
  if (u.rfind("week", 0) == 0) return n * 168;
  if (u.rfind("minute", 0) == 0) return n / 60;
  return std::nullopt;
}

}  // namespace

ResultSet StatementExecutor::restore() {
  cur_.expect("RESTORE");
  cur_.accept("TABLE");
  auto t = table(resolve(cur_.qualifiedName()), false);
  requirePrivilege(Securable::Table, t.name, "MODIFY");
  cur_.accept("TO");
  TimeTravel tt;
  if (cur_.acceptAll({"VERSION", "AS", "OF"})) {
    tt.version = cur_.integer();
  } else if (cur_.acceptAll({"TIMESTAMP", "AS", "OF"})) {
    auto end = cur_.tokens().size() - 1;
    if (end > cur_.position() && cur_.tokens()[end - 1].isSymbol(";")) --end;
    tt.timestamp = translate(cur_.position(), end);
    cur_.seek(end);
  } else {
    cur_.fail("expected VERSION AS OF or TIMESTAMP AS OF");
  }
  cur_.expectEnd();
  const auto lock = state_.lockFor(t.entry.location);
  std::lock_guard guard(*lock);
  t.delta->commitUser = user();
  const auto target = snapshotAt(*t.delta, tt);
  const auto current = state_.latestSnapshot(*t.delta);
  std::vector<Json> actions{Json{{"metaData", target.metadata}}};
  std::int64_t restored = 0;
  std::int64_t restoredBytes = 0;
  std::int64_t removed = 0;
  std::int64_t removedBytes = 0;
  // A file is the same in both versions when its path and its deletion vector are; a file
  // whose vector changed is removed and added back with the target's (removes first, as one
  // commit applies them in order).
  const auto same = [](const std::map<std::string, Json>& files, const std::string& path,
                       const Json& add) {
    const auto it = files.find(path);
    return it != files.end() &&
           it->second.value("deletionVector", Json()) == add.value("deletionVector", Json());
  };
  for (const auto& [path, add] : current.files) {
    if (same(target.files, path, add)) continue;
    actions.push_back(DeltaTable::removeFor(add));
    ++removed;
    removedBytes += add.value("size", std::int64_t{0});
  }
  for (const auto& [path, add] : target.files) {
    if (same(current.files, path, add)) continue;
    if (!std::filesystem::exists(t.delta->fileFor(path))) {
      throw WorkspaceError(WorkspaceErrorClass::NotFound,
                           "[DELTA_FILE_NOT_FOUND] File " + t.delta->fileFor(path).string() +
                               " referenced in version " + std::to_string(target.version) +
                               " cannot be found: it was vacuumed. SQLSTATE: 42K03");
    }
    Json a = add;
    a["dataChange"] = true;
    actions.push_back(Json{{"add", a}});
    ++restored;
    restoredBytes += add.value("size", std::int64_t{0});
  }
  t.delta->commit(current, "RESTORE", {{"version", target.version}, {"timestamp", nullptr}},
                  actions,
                  {{"numRestoredFiles", std::to_string(restored)},
                   {"numRemovedFiles", std::to_string(removed)},
                   {"restoredFilesSize", std::to_string(restoredBytes)},
                   {"removedFilesSize", std::to_string(removedBytes)},
                   {"tableSizeAfterRestore", std::to_string(DeltaTable::sizeOf(target))},
                   {"numOfFilesAfterRestore", std::to_string(target.files.size())}});
  recordWrite(t.name);
  return rows({{"table_size_after_restore", "BIGINT"},
               {"num_of_files_after_restore", "BIGINT"},
               {"num_removed_files", "BIGINT"},
               {"num_restored_files", "BIGINT"},
               {"removed_files_size", "BIGINT"},
               {"restored_files_size", "BIGINT"}},
              {{DeltaTable::sizeOf(target), static_cast<std::int64_t>(target.files.size()), removed,
                restored, removedBytes, restoredBytes}});
}

ResultSet StatementExecutor::vacuum() {
  cur_.expect("VACUUM");
  auto t = table(resolve(cur_.qualifiedName()), false);
  requirePrivilege(Securable::Table, t.name, "MODIFY");
  std::optional<double> retain;
  bool dryRun = false;
  while (!cur_.atEnd() && !cur_.peek().isSymbol(";")) {
    if (cur_.accept("RETAIN")) {
      const auto& n = cur_.next();
      if (n.kind != TokenKind::Number) throwSyntaxError(n.text, "RETAIN takes a number of hours");
      retain = std::stod(n.text);
      cur_.expect("HOURS");
    } else if (cur_.acceptAll({"DRY", "RUN"})) {
      dryRun = true;
    } else if (cur_.accept("LITE") || cur_.accept("FULL")) {
    } else {
      cur_.fail("expected RETAIN n HOURS or DRY RUN");
    }
  }
  cur_.expectEnd();
  const auto lock = state_.lockFor(t.entry.location);
  std::lock_guard guard(*lock);
  t.delta->commitUser = user();
  const auto snap = state_.latestSnapshot(*t.delta);
  const auto cfg = snap.metadata.value("configuration", Json::object());
  const double configured =
      cfg.contains("delta.deletedFileRetentionDuration") &&
              cfg["delta.deletedFileRetentionDuration"].is_string()
          ? intervalHours(cfg["delta.deletedFileRetentionDuration"].get<std::string>())
                .value_or(kDefaultRetentionHours)
          : kDefaultRetentionHours;
  const double hours = retain.value_or(configured);
  if (hours < configured &&
      confEnabled("spark.databricks.delta.retentionDurationCheck.enabled", true)) {
    throw WorkspaceError(
        WorkspaceErrorClass::InvalidSql,
        "[DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT] Are you sure you would like to vacuum files "
        "with such a low retention period? If you have writers that are currently writing to "
        "this table, there is a risk that you may corrupt the state of your Delta table. If you "
        "are certain that there are no operations being performed on this table, such as "
        "insert/upsert/delete/optimize, then you may turn off this check by setting: "
        "spark.databricks.delta.retentionDurationCheck.enabled = false. SQLSTATE: 22023");
  }
  // Candidates: files under the table directory (hidden `_`/`.` entries and the log
  // excluded, but `_change_data/`: change files are never live, only kept for the retention
  // period) that the current version does not reference and that are older than it.
  std::set<std::string> live;
  for (const auto& [path, add] : snap.files) {
    live.insert(t.delta->fileFor(path).lexically_normal().string());
    // A live file's deletion vector is live with it.
    if (add.contains("deletionVector") && add["deletionVector"].value("storageType", "") != "i") {
      live.insert(std::filesystem::path(t.delta->deletionVectorWhere(add["deletionVector"]))
                      .lexically_normal()
                      .string());
    }
  }
  const auto cutoff = std::filesystem::file_time_type::clock::now() -
                      std::chrono::duration_cast<std::filesystem::file_time_type::duration>(
                          std::chrono::duration<double, std::ratio<3600>>(hours));
  std::vector<std::filesystem::path> victims;
  const auto root = t.delta->root();
  for (auto it = std::filesystem::recursive_directory_iterator(root);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    const auto name = it->path().filename().string();
    if (!name.empty() && (name[0] == '_' || name[0] == '.') && name != "_change_data") {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    if (live.count(it->path().lexically_normal().string()) > 0) continue;
    if (it->last_write_time() > cutoff) continue;
    victims.push_back(it->path());
  }
  std::sort(victims.begin(), victims.end());
  std::vector<std::vector<Json>> out;
  if (dryRun) {
    for (const auto& v : victims) out.push_back({v.string()});
    return rows({{"path", "STRING"}}, out);
  }
  t.delta->commit(snap, "VACUUM START",
                  {{"retentionCheckEnabled", hours >= configured},
                   {"specifiedRetentionMillis", static_cast<std::int64_t>(hours * 3600000)},
                   {"defaultRetentionMillis", static_cast<std::int64_t>(configured * 3600000)}},
                  {}, {{"numFilesToDelete", std::to_string(victims.size())}});
  std::int64_t deleted = 0;
  for (const auto& v : victims) {
    std::error_code ec;
    if (std::filesystem::remove(v, ec)) ++deleted;
  }
  const auto after = state_.latestSnapshot(*t.delta);
  t.delta->commit(after, "VACUUM END", {{"status", "COMPLETED"}}, {},
                  {{"numDeletedFiles", std::to_string(deleted)}, {"numVacuumedDirectories", "1"}});
  return rows({{"path", "STRING"}}, {{t.entry.location}});
}

// REORG TABLE t APPLY (PURGE): every file with a deletion vector is rewritten without its
// deleted rows, so the rows are gone from the data files too (VACUUM then removes the old
// files and vectors once past the retention).
ResultSet StatementExecutor::reorg() {
  cur_.expect("REORG");
  cur_.expect("TABLE");
  auto t = table(resolve(cur_.qualifiedName()), false);
  requirePrivilege(Securable::Table, t.name, "MODIFY");
  if (cur_.peek().is("WHERE")) {
    throwUnsupported("REORG TABLE … WHERE (a partition predicate)");
  }
  cur_.expect("APPLY");
  cur_.expectSymbol("(");
  if (!cur_.accept("PURGE")) {
    throwUnsupported("REORG TABLE … APPLY (" + cur_.peek().text + ")");
  }
  cur_.expectSymbol(")");
  cur_.expectEnd();
  const auto lock = state_.lockFor(t.entry.location);
  std::lock_guard guard(*lock);
  t.delta->commitUser = user();
  const auto snap = state_.latestSnapshot(*t.delta);
  const auto cols = DeltaTable::columnsOf(snap);
  const auto partitions = DeltaTable::partitionColumnsOf(snap);
  std::vector<Json> actions;
  std::int64_t removed = 0;
  std::int64_t added = 0;
  for (const auto& [path, add] : snap.files) {
    if (!add.contains("deletionVector")) continue;
    DeltaSnapshot one = snap;
    one.files = {{path, add}};
    actions.push_back(DeltaTable::removeFor(add));
    ++removed;
    for (auto& a :
         t.delta->writeFiles(conn(), "SELECT * FROM " + t.delta->scan(one), cols, partitions)) {
      a["add"]["dataChange"] = false;  // the rows are the same rows
      actions.push_back(std::move(a));
      ++added;
    }
  }
  for (auto& a : actions) {
    if (a.contains("remove")) a["remove"]["dataChange"] = false;
  }
  if (removed > 0) {
    t.delta->commit(snap, "REORG", {{"predicate", "[]"}, {"applyPurge", true}}, actions,
                    {{"numRemovedFiles", std::to_string(removed)},
                     {"numAddedFiles", std::to_string(added)},
                     {"numDeletionVectorsRemoved", std::to_string(removed)}});
  }
  recordWrite(t.name);
  return rows(
      {{"path", "STRING"}, {"metrics", "STRING"}},
      {{t.entry.location, Json{{"numFilesRemoved", removed}, {"numFilesAdded", added}}.dump()}});
}

ResultSet StatementExecutor::optimize() {
  cur_.expect("OPTIMIZE");
  auto t = table(resolve(cur_.qualifiedName()), false);
  requirePrivilege(Securable::Table, t.name, "MODIFY");
  std::vector<std::string> zorder;
  if (cur_.accept("WHERE")) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[UNSUPPORTED_FEATURE] OPTIMIZE ... WHERE needs partition columns, which "
                         "the local workspace does not support yet. SQLSTATE: 0A000");
  }
  if (cur_.acceptAll({"ZORDER", "BY"})) {
    if (cur_.peek().isSymbol("(")) {
      zorder = parseStringList();
    } else {
      zorder.push_back(cur_.identifier());
    }
  }
  cur_.expectEnd();
  const auto lock = state_.lockFor(t.entry.location);
  std::lock_guard guard(*lock);
  t.delta->commitUser = user();
  const auto snap = state_.latestSnapshot(*t.delta);
  const auto cols = DeltaTable::columnsOf(snap);
  for (const auto& z : zorder) {
    if (std::none_of(cols.begin(), cols.end(),
                     [&](const DeltaColumn& c) { return upperAscii(c.name) == upperAscii(z); })) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[DELTA_ZORDERING_COLUMN_DOES_NOT_EXIST] Z-Ordering column " + z +
                               " does not exist in data schema. SQLSTATE: 42703");
    }
  }
  Json metrics{{"numFilesAdded", 0},
               {"numFilesRemoved", 0},
               {"filesAdded", {{"totalFiles", 0}, {"totalSize", 0}}},
               {"filesRemoved", {{"totalFiles", 0}, {"totalSize", 0}}},
               {"zOrderStats", nullptr}};
  // One file is already compact (unless a Z-order was asked for and never applied).
  std::set<std::string> partitionsSeen;
  for (const auto& [path, add] : snap.files) {
    partitionsSeen.insert(add.value("partitionValues", Json::object()).dump());
  }
  if (snap.files.size() > partitionsSeen.size() || (!zorder.empty() && !snap.files.empty())) {
    std::string order;
    for (const auto& z : zorder)
      order += (order.empty() ? " ORDER BY " : ", ") + duckdbIdentifier(z);
    auto adds =
        t.delta->writeFiles(conn(), "SELECT * FROM " + t.delta->scan(snap) + " AS s" + order, cols,
                            DeltaTable::partitionColumnsOf(snap));
    std::vector<Json> actions;
    for (auto& r : DeltaTable::removeAll(snap)) {
      r["remove"]["dataChange"] = false;
      actions.push_back(std::move(r));
    }
    for (auto& a : adds) {
      a["add"]["dataChange"] = false;
      actions.push_back(a);
    }
    const auto addedSize = DeltaTable::bytesOf(adds);
    t.delta->commit(snap, "OPTIMIZE", {{"predicate", "[]"}, {"zOrderBy", Json(zorder).dump()}},
                    actions,
                    {{"numAddedFiles", std::to_string(adds.size())},
                     {"numRemovedFiles", std::to_string(snap.files.size())},
                     {"numAddedBytes", std::to_string(addedSize)},
                     {"numRemovedBytes", std::to_string(DeltaTable::sizeOf(snap))}});
    metrics["numFilesAdded"] = adds.size();
    metrics["numFilesRemoved"] = snap.files.size();
    metrics["filesAdded"] = {{"totalFiles", adds.size()}, {"totalSize", addedSize}};
    metrics["filesRemoved"] = {{"totalFiles", snap.files.size()},
                               {"totalSize", DeltaTable::sizeOf(snap)}};
  }
  return rows({{"path", "STRING"}, {"metrics", "STRUCT"}}, {{t.entry.location, metrics}});
}

ResultSet StatementExecutor::convertToDelta() {
  cur_.expect("CONVERT");
  cur_.expect("TO");
  cur_.expect("DELTA");
  std::optional<std::filesystem::path> dir;
  std::optional<ResolvedTable> registered;
  if (cur_.peek().is("PARQUET") && cur_.peek(1).isSymbol(".") &&
      cur_.peek(2).kind == TokenKind::QuotedIdent) {
    cur_.next();
    cur_.next();
    dir = std::filesystem::path(cur_.next().text).lexically_normal();
  } else {
    registered = table(resolve(cur_.qualifiedName()), false);
  }
  bool collectStats = true;
  std::vector<DeltaColumn> partitionCols;
  while (!cur_.atEnd() && !cur_.peek().isSymbol(";")) {
    if (cur_.acceptAll({"NO", "STATISTICS"})) {
      collectStats = false;
    } else if (cur_.acceptAll({"PARTITIONED", "BY"})) {
      cur_.expectSymbol("(");
      do {
        DeltaColumn c;
        c.name = cur_.identifier();
        const auto typeStart = cur_.position();
        int depth = 0;
        while (!cur_.atEnd()) {
          if (depth == 0 && (cur_.peek().isSymbol(",") || cur_.peek().isSymbol(")"))) break;
          if (cur_.peek().isSymbol("(")) ++depth;
          if (cur_.peek().isSymbol(")")) --depth;
          cur_.next();
        }
        c.type = deltaTypeFor(cur_.text(typeStart, cur_.position()));
        partitionCols.push_back(c);
      } while (cur_.acceptSymbol(","));
      cur_.expectSymbol(")");
    } else {
      cur_.fail("expected NO STATISTICS or PARTITIONED BY");
    }
  }
  cur_.expectEnd();
  if (registered) {
    // A registered table is stored as Delta already; converting only relabels its format.
    if (registered->entry.format != "DELTA") {
      registered->entry.format = "DELTA";
      state_.metastore.updateTable(registered->entry);
    }
    return empty();
  }
  if (!dir->is_absolute() || !std::filesystem::is_directory(*dir)) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "[DELTA_PATH_DOES_NOT_EXIST] " + dir->string() +
                             " doesn't exist, or is not a directory. SQLSTATE: 42K03");
  }
  DeltaTable delta(*dir, state_.engine);
  delta.commitUser = user();
  const auto lock = state_.lockFor(*dir);
  std::lock_guard guard(*lock);
  if (delta.log().latestVersion()) return empty();  // already a Delta table
  // Every Parquet file below the directory (hidden `_`/`.` entries skipped), with the
  // partition values its directories name.
  struct Found {
    std::filesystem::path full;
    std::string relative;
    Json values = Json::object();
  };
  std::vector<Found> files;
  for (auto it = std::filesystem::recursive_directory_iterator(*dir);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    const auto name = it->path().filename().string();
    if (!name.empty() && (name[0] == '_' || name[0] == '.')) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->path().extension() != ".parquet") continue;
    Found f;
    f.full = it->path();
    f.relative = std::filesystem::relative(it->path(), *dir).string();
    std::vector<std::string> segments;
    for (const auto& part : std::filesystem::path(f.relative).parent_path()) {
      segments.push_back(part.string());
    }
    auto mismatch = [&]() {
      std::string want;
      for (const auto& c : partitionCols) want += (want.empty() ? "" : ", ") + c.name;
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[DELTA_UNEXPECTED_NUM_PARTITION_COLUMNS_FROM_FILE_NAME] Expecting " +
                               std::to_string(partitionCols.size()) + " partition column(s): [" +
                               want + "], but found " + std::to_string(segments.size()) +
                               " partition column(s) from parsing the file name: " + f.relative +
                               ". SQLSTATE: KD009");
    };
    if (segments.size() != partitionCols.size()) mismatch();
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const auto eq = segments[i].find('=');
      if (eq == std::string::npos ||
          lowerAscii(segments[i].substr(0, eq)) != lowerAscii(partitionCols[i].name)) {
        mismatch();
      }
      const auto raw = segments[i].substr(eq + 1);
      f.values[partitionCols[i].name] =
          raw == "__HIVE_DEFAULT_PARTITION__" ? Json(nullptr) : Json(decodeDeltaPath(raw));
    }
    files.push_back(std::move(f));
  }
  if (files.empty()) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[DELTA_EMPTY_DIRECTORY] No file found in the directory: " +
                             dir->string() + ". SQLSTATE: 42K03");
  }
  std::sort(files.begin(), files.end(),
            [](const Found& a, const Found& b) { return a.relative < b.relative; });
  std::string list;
  for (const auto& f : files) list += (list.empty() ? "" : ", ") + duckdbLiteral(f.full.string());
  const auto shape = duck("SELECT * FROM read_parquet([" + list +
                          "], union_by_name = true, hive_partitioning = false) LIMIT 0");
  std::vector<DeltaColumn> dataCols;
  for (const auto& c : shape.columns) {
    for (const auto& p : partitionCols) {
      if (lowerAscii(p.name) == lowerAscii(c.name)) {
        throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                             "[DELTA_DUPLICATE_COLUMNS_FOUND] Found duplicate column(s) in the "
                             "data and partition schema: " +
                                 c.name + ". SQLSTATE: 42711");
      }
    }
    dataCols.push_back({c.name, deltaTypeFor(c.type)});
  }
  std::vector<Json> adds;
  for (const auto& f : files) {
    Json add{{"path", encodeDeltaPath(f.relative)},
             {"partitionValues", f.values},
             {"size", static_cast<std::int64_t>(std::filesystem::file_size(f.full))},
             {"modificationTime",
              std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::file_clock::to_sys(std::filesystem::last_write_time(f.full))
                      .time_since_epoch())
                  .count()},
             {"dataChange", true}};
    if (collectStats) {
      // Stats of the columns this file holds (older files may lack later columns).
      const auto fileShape = duck("SELECT * FROM read_parquet(" + duckdbLiteral(f.full.string()) +
                                  ", hive_partitioning = false) LIMIT 0");
      std::vector<DeltaColumn> present;
      for (const auto& c : dataCols) {
        for (const auto& fc : fileShape.columns) {
          if (fc.name == c.name) present.push_back(c);
        }
      }
      add["stats"] = DeltaTable::statsFor(conn(), f.full, present).dump();
    }
    adds.push_back(Json{{"add", add}});
  }
  auto columns = dataCols;
  std::vector<std::string> partitionNames;
  for (const auto& p : partitionCols) {
    columns.push_back(p);
    partitionNames.push_back(p.name);
  }
  DeltaCreate spec;
  spec.columns = columns;
  spec.partitionColumns = partitionNames;
  spec.operation = "CONVERT";
  spec.operationParameters = {{"numFiles", std::to_string(files.size())},
                              {"partitionedBy", Json(partitionNames).dump()},
                              {"collectStats", collectStats}};
  spec.operationMetrics = {{"numConvertedFiles", std::to_string(files.size())}};
  spec.actions = adds;
  delta.createFrom(spec);
  return empty();
}

}  // namespace clxs::kernel
