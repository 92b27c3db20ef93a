// INSERT, UPDATE, DELETE, MERGE and TRUNCATE on Delta tables. Rows are computed in DuckDB
// against a temporary copy of the table, checked against NOT NULL and CHECK constraints, then
// written as a new file and committed (copy-on-write; the log never sees a partial write).
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "clxs/id.hpp"
#include "kernel/workspace/local/engine/engine_errors.hpp"
#include "kernel/workspace/local/sql/result_types.hpp"
#include "kernel/workspace/local/sql/statement_executor.hpp"

namespace clxs::kernel {

namespace {

std::string tempName() {
  std::string id = newUuid();
  id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
  return "clxs_tmp_" + id;
}

// Drops a temporary table when the statement ends, however it ends.
class TempTable {
 public:
  TempTable(DuckDbConnection& conn, std::string name) : conn_(conn), name_(std::move(name)) {}
  ~TempTable() {
    try {
      conn_.query("DROP TABLE IF EXISTS " + duckdbIdentifier(name_));
    } catch (...) {  // the connection may be interrupted; it is dropped with it then
    }
  }
  TempTable(const TempTable&) = delete;
  TempTable& operator=(const TempTable&) = delete;
  [[nodiscard]] std::string ref() const { return duckdbIdentifier(name_); }

 private:
  DuckDbConnection& conn_;
  std::string name_;
};

std::int64_t countOf(const ResultSet& r) {
  if (r.rows.empty() || r.rows[0].empty() || !r.rows[0][0].is_number()) return 0;
  return r.rows[0][0].get<std::int64_t>();
}

// Whether snapshot `s` has delta.enableChangeDataFeed set to true.
bool changeDataFeedOn(const DeltaSnapshot& s) {
  const auto cfg = s.metadata.value("configuration", Json::object());
  const auto it = cfg.find("delta.enableChangeDataFeed");
  return it != cfg.end() && it->is_string() && lowerAscii(it->get<std::string>()) == "true";
}

// `b.c1 IS DISTINCT FROM a.c1 OR …`: the row `b` (before) and the row `a` (after) differ.
std::string valuesDiffer(const std::vector<DeltaColumn>& cols) {
  std::string out;
  for (const auto& c : cols) {
    const auto id = duckdbIdentifier(c.name);
    out += (out.empty() ? "" : " OR ") + std::string("b.") + id + " IS DISTINCT FROM a." + id;
  }
  return out;
}

// Delta's change rows of a statement that ran on `after`, a copy of `before` (both with
// __clxs_row, NULL for rows the statement inserted): rows gone are `delete`, rows whose values
// changed are an `update_preimage` and `update_postimage` pair, new rows are `insert`. A row
// updated to the values it had changes nothing and gives no change rows.
std::string changeRows(const std::string& before, const std::string& after,
                       const std::vector<DeltaColumn>& cols) {
  std::string b;
  std::string a;
  for (const auto& c : cols) {
    const auto id = duckdbIdentifier(c.name);
    b += (b.empty() ? "" : ", ") + std::string("b.") + id;
    a += (a.empty() ? "" : ", ") + std::string("a.") + id;
  }
  const std::string pairs = " FROM " + before + " AS b JOIN " + after +
                            " AS a ON a.__clxs_row = b.__clxs_row WHERE " + valuesDiffer(cols);
  return "SELECT " + b + ", 'delete' AS _change_type FROM " + before +
         " AS b WHERE NOT EXISTS (SELECT 1 FROM " + after +
         " AS a WHERE a.__clxs_row = b.__clxs_row) UNION ALL SELECT " + b + ", 'update_preimage'" +
         pairs + " UNION ALL SELECT " + a + ", 'update_postimage'" + pairs + " UNION ALL SELECT " +
         a + ", 'insert' FROM " + after + " AS a WHERE a.__clxs_row IS NULL";
}

// Whether DELETE writes deletion vectors on snapshot `s`: the table property asks for them and
// the protocol names the feature (readers that do not know it then refuse the table).
bool deletionVectorsOn(const DeltaSnapshot& s) {
  const auto cfg = s.metadata.value("configuration", Json::object());
  const auto it = cfg.find("delta.enableDeletionVectors");
  if (it == cfg.end() || !it->is_string() || lowerAscii(it->get<std::string>()) != "true") {
    return false;
  }
  const auto features = s.protocol.value("readerFeatures", Json::array());
  return std::find(features.begin(), features.end(), Json("deletionVectors")) != features.end();
}

// `EXISTS (…)`: the row `a` of the copy is one whose values the statement changed (its row
// in `before` differs).
std::string changedRow(const std::string& before, const std::vector<DeltaColumn>& cols) {
  return "EXISTS (SELECT 1 FROM " + before + " AS b WHERE b.__clxs_row = a.__clxs_row AND (" +
         valuesDiffer(cols) + "))";
}

}  // namespace

void StatementExecutor::checkConstraints(const ResolvedTable& t, const std::string& relation) {
  const auto snap = state_.latestSnapshot(*t.delta);
  for (const auto& c : DeltaTable::columnsOf(snap)) {
    if (c.nullable) continue;
    const auto nulls = duck("SELECT count(*) FROM " + relation + " AS r WHERE " +
                            duckdbIdentifier(c.name) + " IS NULL");
    if (countOf(nulls) > 0) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[DELTA_NOT_NULL_CONSTRAINT_VIOLATED] NOT NULL constraint violated "
                           "for column: " +
                               c.name + ". SQLSTATE: 23502");
    }
  }
  const auto cfg = snap.metadata.value("configuration", Json::object());
  for (const auto& [key, value] : cfg.items()) {
    if (key.rfind("delta.constraints.", 0) != 0 || !value.is_string()) continue;
    const auto expr = value.get<std::string>();
    const auto bad = duck("SELECT count(*) FROM " + relation + " AS r WHERE NOT coalesce((" +
                          translateText(expr, 0) + "), true)");
    if (countOf(bad) > 0) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] CHECK constraint " +
                               key.substr(18) + " (" + expr + ") violated by " +
                               std::to_string(countOf(bad)) + " row(s). SQLSTATE: 23001");
    }
  }
}

ResultSet StatementExecutor::insert() {
  cur_.expect("INSERT");
  const bool overwrite = cur_.accept("OVERWRITE");
  if (!overwrite) cur_.expect("INTO");
  cur_.accept("TABLE");
  auto t = table(resolve(cur_.qualifiedName()), false);
  requirePrivilege(Securable::Table, t.name, "MODIFY");
  std::vector<std::string> named;
  if (cur_.peek().isSymbol("(") && !isQueryStart(cur_.peek(1))) {
    cur_.next();
    do {
      named.push_back(cur_.identifier());
    } while (cur_.acceptSymbol(","));
    cur_.expectSymbol(")");
  }
  if (cur_.peek().is("REPLACE") || cur_.peek().is("BY") || cur_.peek().is("PARTITION")) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[UNSUPPORTED_FEATURE] INSERT ... " + upperAscii(cur_.peek().text) +
                             " is not supported on the local workspace. SQLSTATE: 0A000");
  }
  const auto start = cur_.position();
  auto end = cur_.tokens().size() - 1;
  if (end > start && cur_.tokens()[end - 1].isSymbol(";")) --end;
  if (start >= end) cur_.fail("expected VALUES or a query");
  const auto source = sparkTyped(translate(start, end));
  const auto lock = state_.lockFor(t.entry.location);
  std::lock_guard guard(*lock);
  t.delta->commitUser = user();
  const auto read = state_.latestSnapshot(*t.delta);
  const auto cols = DeltaTable::columnsOf(read);
  TempTable tmp(conn(), tempName());
  duck("CREATE TEMP TABLE " + tmp.ref() + " AS " + source);
  const auto shape = duck("SELECT * FROM " + tmp.ref() + " LIMIT 0");
  const auto expected = named.empty() ? cols.size() : named.size();
  if (shape.columns.size() != expected) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         std::string("[INSERT_COLUMN_ARITY_MISMATCH.") +
                             (shape.columns.size() < expected ? "NOT_ENOUGH_DATA_COLUMNS"
                                                              : "TOO_MANY_DATA_COLUMNS") +
                             "] Cannot write to " + t.name.quoted() + ": the table has " +
                             std::to_string(expected) + " column(s) but the inserted data has " +
                             std::to_string(shape.columns.size()) + ". SQLSTATE: 21S01");
  }
  std::string projection;
  for (const auto& c : cols) {
    std::optional<std::size_t> pos;
    if (named.empty()) {
      pos = static_cast<std::size_t>(&c - cols.data());
    } else {
      for (std::size_t k = 0; k < named.size(); ++k) {
        if (upperAscii(named[k]) == upperAscii(c.name)) pos = k;
      }
    }
    const auto src = pos ? duckdbIdentifier(shape.columns[*pos].name) : std::string("NULL");
    projection += (projection.empty() ? "" : ", ") + std::string("CAST(") + src + " AS " +
                  duckdbTypeFor(c.type) + ") AS " + duckdbIdentifier(c.name);
  }
  for (const auto& n : named) {
    if (std::none_of(cols.begin(), cols.end(),
                     [&](const DeltaColumn& c) { return upperAscii(c.name) == upperAscii(n); })) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column " + backtick(n) +
                               " cannot be resolved in " + t.name.quoted() + ". SQLSTATE: 42703");
    }
  }
  TempTable rowsTmp(conn(), tempName());
  duck("CREATE TEMP TABLE " + rowsTmp.ref() + " AS SELECT " + projection + " FROM " + tmp.ref());
  checkConstraints(t, rowsTmp.ref());
  std::vector<Json> actions;
  if (overwrite) actions = DeltaTable::removeAll(read);
  const auto partitions = DeltaTable::partitionColumnsOf(read);
  const auto adds = t.delta->writeFiles(conn(), "SELECT * FROM " + rowsTmp.ref(), cols, partitions);
  const auto inserted = DeltaTable::recordsOf(adds);
  actions.insert(actions.end(), adds.begin(), adds.end());
  if (!actions.empty()) {
    t.delta->commit(
        read, "WRITE",
        {{"mode", overwrite ? "Overwrite" : "Append"}, {"partitionBy", Json(partitions).dump()}},
        actions,
        {{"numFiles", std::to_string(adds.size())},
         {"numOutputRows", std::to_string(inserted)},
         {"numOutputBytes", std::to_string(DeltaTable::bytesOf(adds))}},
        !overwrite);
  }
  recordWrite(t.name);
  {
    std::vector<std::string> targets;
    if (named.empty()) {
      for (const auto& c : cols) targets.push_back(c.name);
    } else {
      targets = named;
    }
    recordColumnLineage(t.name, source, targets);
  }
  return rows({{"num_affected_rows", "BIGINT"}, {"num_inserted_rows", "BIGINT"}},
              {{inserted, inserted}});
}

// MERGE's clauses that name no columns (INSERT *, UPDATE SET *, INSERT VALUES (…)) written
// out with the table's columns, so the copy's extra row number is left alone.
void StatementExecutor::expandMergeColumnLists(std::size_t usingAt, std::size_t firstWhen,
                                               std::size_t end, const DeltaSnapshot& read) {
  const auto& toks = cur_.tokens();
  std::size_t onAt = firstWhen;
  int level = 0;
  for (std::size_t i = usingAt + 1; i < firstWhen; ++i) {
    if (toks[i].isSymbol("(")) ++level;
    if (toks[i].isSymbol(")")) --level;
    if (level == 0 && toks[i].is("ON")) {
      onAt = i;
      break;
    }
  }
  const bool named = onAt > usingAt + 1 && toks[onAt - 1].isIdentifier();
  const std::string source = named ? duckdbIdentifier(toks[onAt - 1].text) + "." : "";
  std::string names;
  std::string values;
  std::string sets;
  for (const auto& c : DeltaTable::columnsOf(read)) {
    const auto id = duckdbIdentifier(c.name);
    names += (names.empty() ? "" : ", ") + id;
    values += (values.empty() ? "" : ", ") + source + id;
    sets += (sets.empty() ? "" : ", ") + id + " = " + source + id;
  }
  level = 0;
  for (std::size_t i = firstWhen; i + 1 < end; ++i) {
    if (toks[i].isSymbol("(")) ++level;
    if (toks[i].isSymbol(")")) --level;
    if (level != 0) continue;
    const bool star = toks[i + 1].isSymbol("*");
    const bool insertAll = toks[i].is("INSERT") && star;
    const bool updateAll = toks[i].is("SET") && star && i > 0 && toks[i - 1].is("UPDATE");
    if ((insertAll || updateAll) && !named) {
      throwUnsupportedFeature(
          "MERGE … INSERT * and UPDATE SET * on a table with the change data feed need the "
          "source to have an alias on the local workspace.");
    }
    if (insertAll) {
      replace_[i + 1] = "(" + names + ") VALUES (" + values + ")";
    } else if (toks[i].is("INSERT") && toks[i + 1].is("VALUES")) {
      replace_[i + 1] = "(" + names + ") VALUES";
    } else if (updateAll) {
      replace_[i + 1] = sets;
    }
  }
}

// Marks deleted, in the deletion vector of each touched file, the rows `positions` names (a
// query of __clxs_file, __clxs_pos): the file is removed and added back with its old vector's
// rows and the new ones, or removed for good when no row is left.
StatementExecutor::MarkedRows StatementExecutor::markDeleted(const ResolvedTable& t,
                                                             const DeltaSnapshot& touched,
                                                             const std::string& positions) {
  std::map<std::string, std::string> pathOf;  // data file → its key in the log
  for (const auto& [path, add] : touched.files) pathOf[t.delta->fileFor(path).string()] = path;
  std::map<std::string, deletion_vector::Positions> found;
  for (const auto& row : duck(positions + " ORDER BY 1, 2").rows) {
    found[row[0].get<std::string>()].push_back(row[1].get<std::uint64_t>());
  }
  MarkedRows out;
  for (const auto& [file, fresh] : found) {
    const auto key = pathOf.find(file);
    if (key == pathOf.end()) continue;
    const Json& add = touched.files.at(key->second);
    deletion_vector::Positions all = t.delta->deletedPositions(add);
    if (!all.empty()) ++out.vectorsRemoved;
    const std::size_t had = all.size();
    all.insert(all.end(), fresh.begin(), fresh.end());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    out.rows += static_cast<std::int64_t>(all.size() - had);
    out.actions.push_back(DeltaTable::removeFor(add));
    const auto stats = Json::parse(add.value("stats", std::string("{}")), nullptr, false);
    const auto records = stats.is_object() ? stats.value("numRecords", std::int64_t{-1}) : -1;
    if (records >= 0 && static_cast<std::int64_t>(all.size()) >= records) {
      ++out.filesRemoved;  // every row deleted: the file goes
      continue;
    }
    Json kept = add;
    kept["deletionVector"] = t.delta->writeDeletionVector(all);
    kept["dataChange"] = true;
    out.actions.push_back(Json{{"add", kept}});
    ++out.vectorsAdded;
  }
  return out;
}

// DELETE on a table with deletion vectors: each file holding a deleted row keeps its data and
// gets a new deletion vector; the change data feed, when on, records the deleted rows.
ResultSet StatementExecutor::deleteWithDeletionVectors(
    const ResolvedTable& t, const DeltaSnapshot& read, const DeltaSnapshot& touched,
    const std::string& alias, const std::string& whereSql, bool changeFeed) {
  const std::string condition = whereSql.empty() ? std::string() : " WHERE " + whereSql;
  auto marked = markDeleted(t, touched,
                            "SELECT __clxs_file, __clxs_pos FROM " + t.delta->scan(touched, true) +
                                " AS " + alias + condition);
  std::vector<Json>& actions = marked.actions;
  const std::int64_t deleted = marked.rows;
  const std::int64_t vectorsAdded = marked.vectorsAdded;
  const std::int64_t vectorsRemoved = marked.vectorsRemoved;
  const std::int64_t filesRemoved = marked.filesRemoved;
  if (deleted > 0) {
    if (changeFeed) {
      std::string names;
      for (const auto& c : DeltaTable::columnsOf(read)) {
        names += duckdbIdentifier(c.name) + ", ";
      }
      if (auto cdc =
              t.delta->writeChangeFile(conn(),
                                       "SELECT " + names + "'delete' AS _change_type FROM " +
                                           t.delta->scan(touched) + " AS " + alias + condition,
                                       DeltaTable::columnsOf(read))) {
        actions.push_back(std::move(*cdc));
      }
    }
    t.delta->commit(read, "DELETE", {{"predicate", "[]"}}, actions,
                    {{"numDeletedRows", std::to_string(deleted)},
                     {"numDeletionVectorsAdded", std::to_string(vectorsAdded)},
                     {"numDeletionVectorsRemoved", std::to_string(vectorsRemoved)},
                     {"numRemovedFiles", std::to_string(filesRemoved)},
                     {"numAddedFiles", "0"},
                     {"numCopiedRows", "0"},
                     {"numAffectedRows", std::to_string(deleted)}});
  }
  return rows({{"num_affected_rows", "BIGINT"}}, {{deleted}});
}

ResultSet StatementExecutor::updateDeleteMerge(const std::string& kind) {
  cur_.next();
  std::string prefix = kind + " ";
  if (kind == "DELETE") {
    cur_.expect("FROM");
    prefix = "DELETE FROM ";
  } else if (kind == "MERGE") {
    cur_.expect("INTO");
    prefix = "MERGE INTO ";
  }
  const auto parts = cur_.qualifiedName();
  auto t = table(resolve(parts), false);
  requirePrivilege(Securable::Table, t.name, "SELECT");
  requirePrivilege(Securable::Table, t.name, "MODIFY");
  const auto afterName = cur_.position();
  auto end = cur_.tokens().size() - 1;
  if (end > afterName && cur_.tokens()[end - 1].isSymbol(";")) --end;
  const auto& toks = cur_.tokens();
  // An alias follows the name unless the next word starts the statement's next clause.
  const bool aliased =
      afterName < end &&
      (toks[afterName].is("AS") || (toks[afterName].isIdentifier() && !toks[afterName].is("SET") &&
                                    !toks[afterName].is("WHERE") && !toks[afterName].is("USING")));
  // Databricks accepts `SET t.col = ...`; DuckDB wants the bare column.
  skip_.assign(toks.size(), false);
  bool inSet = false;
  int depth = 0;
  for (std::size_t i = afterName; i + 3 < end; ++i) {
    if (toks[i].isSymbol("(")) ++depth;
    if (toks[i].isSymbol(")")) --depth;
    if (depth == 0 && toks[i].is("SET")) inSet = true;
    if (depth == 0 && (toks[i].is("WHERE") || toks[i].is("WHEN") || toks[i].is("FROM"))) {
      inSet = false;
    }
    const bool listStart = toks[i].is("SET") || toks[i].isSymbol(",");
    if (inSet && depth == 0 && listStart && toks[i + 1].isIdentifier() &&
        toks[i + 2].isSymbol(".") && i + 4 < end && toks[i + 3].isIdentifier() &&
        toks[i + 4].isSymbol("=")) {
      skip_[i + 1] = true;
      skip_[i + 2] = true;
    }
  }
  // The statement runs on a copy of the rows of the files it can touch; those files are
  // replaced by the copy's rows, the others stay (Delta's copy-on-write at file granularity).
  // The files it can touch are those with a row its condition selects: DELETE's and UPDATE's
  // WHERE, MERGE's join on ON. A form whose reach a condition cannot tell (UPDATE … FROM, MERGE
  // … WHEN NOT MATCHED BY SOURCE) copies every file.
  const std::string targetAlias =
      aliased ? toks[toks[afterName].is("AS") ? afterName + 1 : afterName].text : parts.back();
  std::string rest;
  std::string whereSql;     // DELETE's and UPDATE's condition, translated
  std::string reach;        // a query of the touched files' names, or empty: every file
  std::string reachSelect;  // its SELECT list, before the scan the lock's snapshot gives
  std::size_t depthZeroWhere = end;
  bool unbounded = false;
  int level = 0;
  std::size_t usingAt = end;
  std::size_t firstWhen = end;
  for (std::size_t i = afterName; i < end; ++i) {
    if (toks[i].isSymbol("(")) ++level;
    if (toks[i].isSymbol(")")) --level;
    if (level != 0) continue;
    if (toks[i].is("WHERE") && depthZeroWhere == end) depthZeroWhere = i;
    if (toks[i].is("FROM") && kind == "UPDATE") unbounded = true;
    if (toks[i].is("USING") && usingAt == end) usingAt = i;
    if (toks[i].is("WHEN") && firstWhen == end) firstWhen = i;
    if (toks[i].is("BY") && i + 1 < end && toks[i + 1].is("SOURCE")) unbounded = true;
  }
  const std::string alias = duckdbIdentifier(targetAlias);
  const auto read0 = state_.latestSnapshot(*t.delta);
  // With the change data feed on, the copy carries each row's number (__clxs_row) so the rows
  // before and after can be paired into Delta's change rows.
  const bool changeFeed = changeDataFeedOn(read0);
  // UPDATE and MERGE on a table with deletion vectors mark the rows they change in vectors and
  // write only the new rows; they too pair rows through the copy's row numbers.
  const bool vectors = kind != "DELETE" && !unbounded && deletionVectorsOn(read0);
  const bool paired = changeFeed || vectors;
  if (paired && kind == "MERGE") expandMergeColumnLists(usingAt, firstWhen, end, read0);
  if (kind == "MERGE") {
    if (usingAt == end) throwSyntaxError("", "MERGE needs USING");
    rest = cur_.text(afterName, usingAt) + " USING " + translate(usingAt + 1, end, 0, true);
    if (!unbounded) {
      reachSelect = "SELECT DISTINCT " + alias + ".__clxs_file FROM ";
      reach = " AS " + alias + " JOIN " + translate(usingAt + 1, firstWhen, 0, true);
    }
  } else {
    rest = translate(afterName, end);
    if (!unbounded) {
      reachSelect = "SELECT DISTINCT __clxs_file FROM ";
      reach = " AS " + alias;
      if (depthZeroWhere != end) {
        whereSql = translate(depthZeroWhere + 1, end);
        reach += " WHERE " + whereSql;
      }
    }
  }
  const auto lock = state_.lockFor(t.entry.location);
  std::lock_guard guard(*lock);
  t.delta->commitUser = user();
  const auto read = state_.latestSnapshot(*t.delta);
  // The files the statement can touch, found in the version it writes over (read under the
  // lock, so a commit that landed since read0 is seen).
  if (!reach.empty()) reach = reachSelect + t.delta->scan(read, true) + reach;
  const auto cols = DeltaTable::columnsOf(read);
  DeltaSnapshot touched = read;
  if (!reach.empty()) {
    std::set<std::string> files;
    for (const auto& row : duck(reach).rows) {
      if (!row.empty() && row[0].is_string()) files.insert(row[0].get<std::string>());
    }
    std::erase_if(touched.files, [&](const auto& entry) {
      return files.count(t.delta->fileFor(entry.first).string()) == 0;
    });
  }
  if (kind == "DELETE" && !reach.empty() && deletionVectorsOn(read)) {
    const auto result = deleteWithDeletionVectors(t, read, touched, alias, whereSql, changeFeed);
    recordWrite(t.name);
    return result;
  }
  if (changeDataFeedOn(read) != changeFeed) {
    throw WorkspaceError(WorkspaceErrorClass::Conflict,
                         "[DELTA_METADATA_CHANGED] The table's change data feed setting changed "
                         "while this statement ran; run it again. SQLSTATE: 2D521");
  }
  if (vectors && (reach.empty() || !deletionVectorsOn(read))) {
    throw WorkspaceError(WorkspaceErrorClass::Conflict,
                         "[DELTA_METADATA_CHANGED] The table's deletion vector setting changed "
                         "while this statement ran; run it again. SQLSTATE: 2D521");
  }
  TempTable tmp(conn(), tempName());
  duck("CREATE TEMP TABLE " + tmp.ref() + " AS SELECT *" +
       (paired ? ", row_number() OVER () AS __clxs_row" : "") + " FROM " +
       t.delta->scan(touched, vectors) + " AS s");
  std::optional<TempTable> before;
  if (paired) {
    before.emplace(conn(), tempName());
    duck("CREATE TEMP TABLE " + before->ref() + " AS SELECT * FROM " + tmp.ref());
  }
  const std::int64_t copiedBefore = countOf(duck("SELECT count(*) FROM " + tmp.ref()));
  const auto statement = prefix + tmp.ref() + (aliased ? "" : " AS " + alias) + " " + rest;
  std::int64_t affected = 0;
  std::int64_t updated = 0;
  std::int64_t deleted = 0;
  std::int64_t inserted = 0;
  if (kind == "MERGE") {
    for (const auto& row : duck(statement + " RETURNING merge_action").rows) {
      const std::string action =
          row.empty() || !row[0].is_string() ? "" : row[0].get<std::string>();
      if (action == "UPDATE") ++updated;
      if (action == "DELETE") ++deleted;
      if (action == "INSERT") ++inserted;
    }
    affected = updated + deleted + inserted;
  } else {
    affected = countOf(duck(statement));
    (kind == "DELETE" ? deleted : updated) = affected;
  }
  if (affected > 0) {
    checkConstraints(t, tmp.ref());
    const std::string hidden = vectors      ? " EXCLUDE (__clxs_row, __clxs_file, __clxs_pos)"
                               : changeFeed ? " EXCLUDE (__clxs_row)"
                                            : "";
    std::vector<Json> actions;
    std::string rows = "SELECT *" + hidden + " FROM " + tmp.ref();
    std::int64_t vectorsAdded = 0;
    if (vectors) {
      // The rows the statement removed or changed: their new values go to new files.
      auto marked = markDeleted(
          t, touched,
          "SELECT b.__clxs_file, b.__clxs_pos FROM " + before->ref() + " AS b LEFT JOIN " +
              tmp.ref() + " AS a ON a.__clxs_row = b.__clxs_row WHERE a.__clxs_row IS NULL OR " +
              valuesDiffer(cols));
      actions = std::move(marked.actions);
      vectorsAdded = marked.vectorsAdded;
      rows += " AS a WHERE a.__clxs_row IS NULL OR " + changedRow(before->ref(), cols);
    } else {
      actions = DeltaTable::removeAll(touched);
    }
    const auto adds = t.delta->writeFiles(conn(), rows, cols, DeltaTable::partitionColumnsOf(read));
    actions.insert(actions.end(), adds.begin(), adds.end());
    bool changed = true;
    if (changeFeed) {
      if (auto cdc =
              t.delta->writeChangeFile(conn(), changeRows(before->ref(), tmp.ref(), cols), cols)) {
        actions.push_back(std::move(*cdc));
      } else {
        // Every matched row kept its values: nothing changed, so nothing is committed (a
        // rewrite without change rows would read back as the files' rows deleted and
        // inserted again).
        changed = false;
      }
    }
    // With deletion vectors the unchanged rows stay where they are: nothing is copied.
    const std::int64_t copied = vectors ? 0 : copiedBefore - updated - deleted;
    std::map<std::string, std::string> metrics{
        {"numRemovedFiles", std::to_string(touched.files.size())},
        {"numAddedFiles", std::to_string(adds.size())},
        {"numCopiedRows", std::to_string(copied)},
        {"numOutputRows", std::to_string(DeltaTable::recordsOf(adds))}};
    if (kind == "DELETE") metrics["numDeletedRows"] = std::to_string(deleted);
    if (kind == "UPDATE") metrics["numUpdatedRows"] = std::to_string(updated);
    if (kind == "MERGE") {
      metrics = {{"numTargetRowsInserted", std::to_string(inserted)},
                 {"numTargetRowsUpdated", std::to_string(updated)},
                 {"numTargetRowsDeleted", std::to_string(deleted)},
                 {"numTargetRowsCopied", std::to_string(copied)},
                 {"numTargetFilesRemoved", std::to_string(touched.files.size())},
                 {"numTargetFilesAdded", std::to_string(adds.size())},
                 {"numOutputRows", std::to_string(DeltaTable::recordsOf(adds))}};
    }
    if (vectors) metrics["numDeletionVectorsAdded"] = std::to_string(vectorsAdded);
    Json operationMetrics = Json::object();
    for (const auto& [k, v] : metrics) operationMetrics[k] = v;
    operationMetrics["numAffectedRows"] = std::to_string(affected);
    if (vectors && actions.empty()) changed = false;
    if (changed) t.delta->commit(read, kind, {{"predicate", "[]"}}, actions, operationMetrics);
  }
  recordWrite(t.name);
  if (kind == "MERGE") {
    // A MERGE source feeds the target's columns of the same name.
    std::vector<std::string> targets;
    for (const auto& c : cols) targets.push_back(c.name);
    recordColumnLineage(t.name, "", targets);
    return rows({{"num_affected_rows", "BIGINT"},
                 {"num_updated_rows", "BIGINT"},
                 {"num_deleted_rows", "BIGINT"},
                 {"num_inserted_rows", "BIGINT"}},
                {{affected, updated, deleted, inserted}});
  }
  return rows({{"num_affected_rows", "BIGINT"}}, {{affected}});
}

ResultSet StatementExecutor::truncate() {
  cur_.expect("TRUNCATE");
  cur_.expect("TABLE");
  auto t = table(resolve(cur_.qualifiedName()), false);
  requirePrivilege(Securable::Table, t.name, "MODIFY");
  cur_.expectEnd();
  const auto lock = state_.lockFor(t.entry.location);
  std::lock_guard guard(*lock);
  t.delta->commitUser = user();
  const auto read = state_.latestSnapshot(*t.delta);
  if (!read.files.empty()) {
    t.delta->commit(read, "TRUNCATE", Json::object(), DeltaTable::removeAll(read),
                    {{"numRemovedFiles", std::to_string(read.files.size())}});
  }
  recordWrite(t.name);
  return empty();
}

}  // namespace clxs::kernel
