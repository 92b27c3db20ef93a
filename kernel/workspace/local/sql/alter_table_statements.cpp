// ALTER TABLE and ALTER VIEW: a dispatcher over the sub-commands and one handler each.
// Sub-commands that change a Delta table's schema, properties or CHECK constraints work on the
// latest snapshot read under the table's write lock and end in one commit.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "clxs/text.hpp"
#include "kernel/workspace/local/sql/statement_executor.hpp"

namespace clxs::kernel {

// What the locked sub-commands change and commitAlter writes back. Views keep their properties
// and comment in the metastore, so they start from there and have no snapshot.
struct StatementExecutor::AlterState {
  ResolvedTable& t;                   // the altered table or view
  std::optional<DeltaSnapshot> snap;  // the snapshot every change is based on (tables only)
  std::vector<DeltaColumn> cols;      // columns to commit
  Json config;                        // table properties to commit
  std::string description;            // table comment to commit
};

namespace {

// Column names are case-blind, as in Unity Catalog.
template <typename Columns>
auto columnByName(Columns& cols, const std::string& name) {
  return std::find_if(cols.begin(), cols.end(),
                      [&](const DeltaColumn& d) { return lowerAscii(d.name) == lowerAscii(name); });
}

template <typename Columns>
auto requireColumn(Columns& cols, const std::string& name, const ObjectName& table) {
  const auto it = columnByName(cols, name);
  if (it == cols.end()) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column " + backtick(name) +
                             " cannot be resolved in " + table.quoted() + ". SQLSTATE: 42703");
  }
  return it;
}

// rewriteAlter keeps the snapshot's partition columns, so those cannot be renamed or dropped.
void rejectPartitionColumn(const DeltaSnapshot& snap, const std::string& column,
                           const std::string& what) {
  const auto parts = DeltaTable::partitionColumnsOf(snap);
  if (std::find(parts.begin(), parts.end(), column) != parts.end()) throwUnsupported(what);
}

std::string identifierList(const std::vector<DeltaColumn>& cols) {
  std::string out;
  for (const auto& c : cols) out += (out.empty() ? "" : ", ") + duckdbIdentifier(c.name);
  return out;
}

// ADD [CONSTRAINT name] PRIMARY KEY | FOREIGN KEY, told apart from ADD CONSTRAINT name CHECK.
bool addsInformationalKey(const SqlCursor& cur) {
  const auto key = [&](std::size_t ahead) {
    return cur.peek(ahead).is("PRIMARY") || cur.peek(ahead).is("FOREIGN");
  };
  return cur.peek().is("ADD") && (key(1) || (cur.peek(1).is("CONSTRAINT") && key(3)));
}

}  // namespace

ResultSet StatementExecutor::alterTable() {
  const bool isView = cur_.next().is("VIEW");
  auto t = alterTarget(isView);
  const auto full = t.name.full();
  if (cur_.acceptAll({"OWNER", "TO"})) return alterOwner(full);
  if (cur_.acceptAll({"RENAME", "TO"})) return alterRename(t.name);
  if (cur_.acceptAll({"SET", "TAGS"})) return alterSetTags(full, "");
  if (cur_.acceptAll({"UNSET", "TAGS"})) return alterUnsetTags(full, "");
  if (isView || !t.delta) {
    if (cur_.accept("AS")) return alterViewQuery(t.entry);
    if (!cur_.peek().is("SET") && !cur_.peek().is("UNSET")) {
      cur_.fail("expected AS, OWNER TO, RENAME TO, SET TAGS or UNSET TAGS");
    }
  }
  return alterLocked(t);
}

ResolvedTable StatementExecutor::alterTarget(bool isView) {
  auto t = table(resolve(cur_.qualifiedName()));
  if (isView && t.delta) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE] " + t.name.quoted() +
                             " is a table; ALTER VIEW expects a view. SQLSTATE: 42809");
  }
  requireOwnership(Securable::Table, t.name);
  return t;
}

ResultSet StatementExecutor::alterOwner(const std::string& full) {
  const auto owner =
      cur_.peek().kind == TokenKind::String ? cur_.stringLiteral() : cur_.identifier();
  cur_.expectEnd();
  state_.metastore.setOwner(Securable::Table, full, owner);
  return empty();
}

ResultSet StatementExecutor::alterRename(const ObjectName& from) {
  const auto to = resolve(cur_.qualifiedName());
  cur_.expectEnd();
  if (lowerAscii(to.catalog) != lowerAscii(from.catalog)) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[INVALID_RENAME] A table cannot move to another catalog. "
                         "SQLSTATE: 42000");
  }
  if (findTable(to)) throwTableAlreadyExists(to);
  state_.metastore.renameTable(from.catalog, from.schema, from.name, to.schema, to.name);
  return empty();
}

// Tags of the table itself have an empty column.
ResultSet StatementExecutor::alterSetTags(const std::string& full, const std::string& column) {
  const auto tags = parseTagPairs();
  cur_.expectEnd();
  state_.metastore.setTags(Securable::Table, full, column, tags);
  return empty();
}

ResultSet StatementExecutor::alterUnsetTags(const std::string& full, const std::string& column) {
  const auto keys = parseStringList();
  cur_.expectEnd();
  state_.metastore.unsetTags(Securable::Table, full, column, keys);
  return empty();
}

ResultSet StatementExecutor::alterViewQuery(MetastoreTable& view) {
  view.viewText = cur_.rest();
  state_.metastore.updateTable(view);
  return empty();
}

// The lock is held from reading the snapshot to the commit, so no other writer slips between.
ResultSet StatementExecutor::alterLocked(ResolvedTable& t) {
  const auto lock = t.delta ? state_.lockFor(t.entry.location) : nullptr;
  std::unique_lock guard = lock ? std::unique_lock(*lock) : std::unique_lock<std::mutex>();
  AlterState a{t, std::nullopt, {}, t.entry.properties, t.entry.comment};
  if (t.delta) {
    t.delta->commitUser = user();
    a.snap = state_.latestSnapshot(*t.delta);
    a.cols = DeltaTable::columnsOf(*a.snap);
    a.config = a.snap->metadata.value("configuration", Json::object());
    a.description = a.snap->metadata.value("description", "");
  }
  if (cur_.acceptAll({"SET", "TBLPROPERTIES"})) return alterSetProperties(a);
  if (cur_.acceptAll({"UNSET", "TBLPROPERTIES"})) return alterUnsetProperties(a);
  if (!t.delta) cur_.fail("expected SET/UNSET TBLPROPERTIES");
  if (cur_.accept("ALTER") || cur_.accept("CHANGE")) return alterColumn(a);
  if (cur_.acceptAll({"ADD", "COLUMNS"}) || cur_.acceptAll({"ADD", "COLUMN"})) {
    return alterAddColumns(a);
  }
  if (cur_.acceptAll({"RENAME", "COLUMN"})) return alterRenameColumn(a);
  if (cur_.acceptAll({"DROP", "COLUMNS"}) || cur_.acceptAll({"DROP", "COLUMN"})) {
    return alterDropColumns(a);
  }
  if (addsInformationalKey(cur_)) return alterAddKey(a);
  if (cur_.acceptAll({"DROP", "PRIMARY", "KEY"})) return alterDropPrimaryKey(t.name);
  if (cur_.acceptAll({"SET", "ROW", "FILTER"})) return alterSetRowFilter(a);
  if (cur_.acceptAll({"DROP", "ROW", "FILTER"})) return alterDropRowFilter(t.name.full());
  if (cur_.acceptAll({"ADD", "CONSTRAINT"})) return alterAddCheck(a);
  if (cur_.acceptAll({"DROP", "CONSTRAINT"})) return alterDropConstraint(a);
  cur_.fail("unsupported ALTER TABLE clause");
}

ResultSet StatementExecutor::commitAlter(AlterState& a, const std::string& operation,
                                         const Json& parameters) {
  if (!a.t.delta) {
    a.t.entry.properties = a.config;
    state_.metastore.updateTable(a.t.entry);
    return empty();
  }
  a.t.delta->commit(*a.snap, operation, parameters,
                    {DeltaTable::metadataWith(*a.snap, a.cols, a.config, a.description)},
                    Json::object());
  return empty();
}

// Schema changes that move data rewrite the table (no column mapping on protocol 1/2).
ResultSet StatementExecutor::rewriteAlter(AlterState& a, const std::string& projection,
                                          const std::string& operation, const Json& parameters) {
  replaceData(a.t, *a.snap, "SELECT " + projection + " FROM " + a.t.delta->scan(*a.snap) + " AS s",
              a.cols, operation, parameters, a.config);
  return empty();
}

ResultSet StatementExecutor::alterSetProperties(AlterState& a) {
  const auto props = parseProperties();
  cur_.expectEnd();
  for (const auto& [k, v] : props.items()) a.config[k] = v;
  return commitAlter(a, "SET TBLPROPERTIES", {{"properties", props.dump()}});
}

ResultSet StatementExecutor::alterUnsetProperties(AlterState& a) {
  const bool ifExists = cur_.acceptAll({"IF", "EXISTS"});
  cur_.expectSymbol("(");
  std::vector<std::string> keys;
  do {
    std::string key =
        cur_.peek().kind == TokenKind::String ? cur_.stringLiteral() : cur_.identifier();
    while (cur_.acceptSymbol(".")) key += "." + cur_.identifier();
    keys.push_back(key);
  } while (cur_.acceptSymbol(","));
  cur_.expectSymbol(")");
  cur_.expectEnd();
  for (const auto& k : keys) {
    if (!a.config.contains(k) && !ifExists) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[UNSET_NONEXISTENT_PROPERTIES] Attempted to unset non-existent "
                           "properties [" +
                               k + "] in table " + a.t.name.quoted() + ". SQLSTATE: 42K0J");
    }
    a.config.erase(k);
  }
  return commitAlter(a, "UNSET TBLPROPERTIES", Json::object());
}

ResultSet StatementExecutor::alterColumn(AlterState& a) {
  cur_.accept("COLUMN");
  auto& column = *requireColumn(a.cols, cur_.identifier(), a.t.name);
  const auto full = a.t.name.full();
  if (cur_.acceptAll({"SET", "TAGS"})) return alterSetTags(full, column.name);
  if (cur_.acceptAll({"UNSET", "TAGS"})) return alterUnsetTags(full, column.name);
  if (cur_.accept("COMMENT")) return alterColumnComment(a, column);
  if (cur_.acceptAll({"DROP", "NOT", "NULL"})) return alterColumnNullability(a, column, true);
  if (cur_.acceptAll({"SET", "NOT", "NULL"})) return alterColumnNullability(a, column, false);
  if (cur_.acceptAll({"SET", "MASK"})) return alterSetColumnMask(a, column.name);
  if (cur_.acceptAll({"DROP", "MASK"})) return alterDropColumnMask(full, column.name);
  cur_.fail("expected SET TAGS, UNSET TAGS, COMMENT, SET NOT NULL or DROP NOT NULL");
}

ResultSet StatementExecutor::alterColumnComment(AlterState& a, DeltaColumn& column) {
  column.comment = cur_.stringLiteral();
  cur_.expectEnd();
  return commitAlter(a, "CHANGE COLUMN", {{"column", column.name}});
}

// SET NOT NULL also holds for the rows already written, so they are checked first.
ResultSet StatementExecutor::alterColumnNullability(AlterState& a, DeltaColumn& column,
                                                    bool nullable) {
  cur_.expectEnd();
  if (!nullable) {
    const auto nulls = duck("SELECT count(*) FROM " + a.t.delta->scan(*a.snap) + " AS s WHERE " +
                            duckdbIdentifier(column.name) + " IS NULL");
    if (nulls.rows[0][0].get<std::int64_t>() > 0) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[DELTA_NOT_NULL_CONSTRAINT_VIOLATED] NOT NULL constraint violated "
                           "for column: " +
                               column.name + ". SQLSTATE: 23502");
    }
  }
  column.nullable = nullable;
  return commitAlter(a, "CHANGE COLUMN", {{"column", column.name}});
}

ResultSet StatementExecutor::alterSetColumnMask(const AlterState& a, const std::string& column) {
  const auto fn = resolve(cur_.qualifiedName());
  std::vector<std::string> usingColumns;
  if (cur_.acceptAll({"USING", "COLUMNS"})) {
    for (const auto& u : parseStringList()) {
      usingColumns.push_back(requireColumn(a.cols, u, a.t.name)->name);
    }
  }
  cur_.expectEnd();
  requireFunction(fn);
  state_.metastore.setColumnMask({a.t.name.full(), column, fn.full(), usingColumns});
  return empty();
}

ResultSet StatementExecutor::alterDropColumnMask(const std::string& full,
                                                 const std::string& column) {
  cur_.expectEnd();
  state_.metastore.dropColumnMask(full, column);
  return empty();
}

ResultSet StatementExecutor::alterAddColumns(AlterState& a) {
  std::vector<DeltaColumn> added;
  if (cur_.peek().isSymbol("(")) {
    added = parseColumns();
  } else {
    DeltaColumn c;
    c.name = cur_.identifier();
    const auto typeStart = cur_.position();
    while (!cur_.atEnd() && !cur_.peek().is("COMMENT") && !cur_.peek().isSymbol(";")) {
      cur_.next();
    }
    c.type = deltaTypeFor(cur_.text(typeStart, cur_.position()));
    if (cur_.accept("COMMENT")) c.comment = cur_.stringLiteral();
    added.push_back(c);
  }
  cur_.expectEnd();
  auto projection = identifierList(a.cols);
  for (const auto& c : added) {
    if (columnByName(a.cols, c.name) != a.cols.end()) {
      throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                           "[FIELDS_ALREADY_EXISTS] Cannot add column " + backtick(c.name) +
                               " because it already exists in " + a.t.name.quoted() +
                               ". SQLSTATE: 42710");
    }
    projection += (projection.empty() ? "" : ", ") + std::string("CAST(NULL AS ") +
                  duckdbTypeFor(c.type) + ") AS " + duckdbIdentifier(c.name);
    a.cols.push_back(c);
  }
  return rewriteAlter(a, projection, "ADD COLUMNS", Json::object());
}

ResultSet StatementExecutor::alterRenameColumn(AlterState& a) {
  const auto from = cur_.identifier();
  cur_.expect("TO");
  const auto to = cur_.identifier();
  cur_.expectEnd();
  const auto it = requireColumn(a.cols, from, a.t.name);
  rejectPartitionColumn(*a.snap, it->name, "renaming a partition column");
  std::string projection;
  for (const auto& c : a.cols) {
    projection += (projection.empty() ? "" : ", ") + duckdbIdentifier(c.name) +
                  (&c == &*it ? " AS " + duckdbIdentifier(to) : "");
  }
  it->name = to;
  return rewriteAlter(a, projection, "RENAME COLUMN",
                      {{"oldColumnPath", from}, {"newColumnPath", to}});
}

ResultSet StatementExecutor::alterDropColumns(AlterState& a) {
  const bool ifExists = cur_.acceptAll({"IF", "EXISTS"});
  std::vector<std::string> names;
  if (cur_.peek().isSymbol("(")) {
    names = parseStringList();
  } else {
    names.push_back(cur_.identifier());
  }
  cur_.expectEnd();
  for (const auto& n : names) {
    if (ifExists && columnByName(a.cols, n) == a.cols.end()) continue;
    const auto it = requireColumn(a.cols, n, a.t.name);
    rejectPartitionColumn(*a.snap, it->name, "dropping a partition column");
    a.cols.erase(it);
  }
  if (a.cols.empty()) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[DELTA_DROP_COLUMN_ALL] Cannot drop all columns of " + a.t.name.quoted() +
                             ". SQLSTATE: 0AKDC");
  }
  return rewriteAlter(a, identifierList(a.cols), "DROP COLUMNS", Json::object());
}

// Informational keys: recorded in the metastore, never enforced (as on Databricks).
ResultSet StatementExecutor::alterAddKey(const AlterState& a) {
  cur_.next();
  std::string cname;
  if (cur_.accept("CONSTRAINT")) cname = cur_.identifier();
  MetastoreConstraint c;
  c.table = a.t.name.full();
  const bool primary = cur_.accept("PRIMARY");
  if (!primary) cur_.expect("FOREIGN");
  cur_.expect("KEY");
  c.type = primary ? "PRIMARY KEY" : "FOREIGN KEY";
  for (const auto& k : parseStringList()) {
    c.columns.push_back(requireColumn(a.cols, k, a.t.name)->name);
  }
  if (!primary) parseForeignKeyReference(c, a.t.name);
  while (!cur_.atEnd() && !cur_.peek().isSymbol(";")) cur_.next();  // RELY, NOT ENFORCED, ...
  c.name = cname.empty() ? a.t.name.name + (primary ? "_pk" : "_fk_" + std::to_string(deltaNowMs()))
                         : cname;
  try {
    state_.metastore.addConstraint(c);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() != WorkspaceErrorClass::Conflict) throw;
    throw WorkspaceError(
        WorkspaceErrorClass::Conflict,
        "[DELTA_CONSTRAINT_ALREADY_EXISTS] " + std::string(e.what()) + ". SQLSTATE: 42710");
  }
  return empty();
}

// Without a column list the reference is to the referenced table's primary key.
void StatementExecutor::parseForeignKeyReference(MetastoreConstraint& c, const ObjectName& from) {
  cur_.expect("REFERENCES");
  const auto ref = table(resolve(cur_.qualifiedName()), false);
  c.refTable = ref.name.full();
  const auto refCols = DeltaTable::columnsOf(state_.latestSnapshot(*ref.delta));
  std::vector<std::string> wanted;
  if (cur_.peek().isSymbol("(")) {
    wanted = parseStringList();
  } else {
    for (const auto& pk : state_.metastore.constraints(c.refTable)) {
      if (pk.type == "PRIMARY KEY") wanted = pk.columns;
    }
  }
  for (const auto& w : wanted) c.refColumns.push_back(requireColumn(refCols, w, ref.name)->name);
  if (c.refColumns.size() != c.columns.size()) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[FOREIGN_KEY_MISMATCH] The foreign key of " + from.quoted() + " names " +
                             std::to_string(c.columns.size()) + " column(s) but references " +
                             std::to_string(c.refColumns.size()) + ". SQLSTATE: 42830");
  }
}

ResultSet StatementExecutor::alterDropPrimaryKey(const ObjectName& name) {
  cur_.accept("CASCADE");
  cur_.expectEnd();
  const auto full = name.full();
  for (const auto& c : state_.metastore.constraints(full)) {
    if (c.type == "PRIMARY KEY") {
      state_.metastore.dropConstraint(full, c.name);
      return empty();
    }
  }
  throw WorkspaceError(WorkspaceErrorClass::NotFound, "[DELTA_CONSTRAINT_DOES_NOT_EXIST] " +
                                                          name.quoted() +
                                                          " has no primary key. SQLSTATE: 42704");
}

ResultSet StatementExecutor::alterSetRowFilter(const AlterState& a) {
  const auto fn = resolve(cur_.qualifiedName());
  cur_.expect("ON");
  std::vector<std::string> columns;
  cur_.expectSymbol("(");
  if (!cur_.acceptSymbol(")")) {
    do {
      columns.push_back(requireColumn(a.cols, cur_.identifier(), a.t.name)->name);
    } while (cur_.acceptSymbol(","));
    cur_.expectSymbol(")");
  }
  cur_.expectEnd();
  requireFunction(fn);
  state_.metastore.setRowFilter({a.t.name.full(), fn.full(), columns});
  return empty();
}

ResultSet StatementExecutor::alterDropRowFilter(const std::string& full) {
  cur_.expectEnd();
  state_.metastore.dropRowFilter(full);
  return empty();
}

// CHECK constraints live in the table properties (delta.constraints.<name>), as in Delta.
ResultSet StatementExecutor::alterAddCheck(AlterState& a) {
  const auto cname = cur_.identifier();
  cur_.expect("CHECK");
  cur_.expectSymbol("(");
  const auto start = cur_.position();
  int depth = 1;
  while (!cur_.atEnd()) {
    if (cur_.peek().isSymbol("(")) ++depth;
    if (cur_.peek().isSymbol(")") && --depth == 0) break;
    cur_.next();
  }
  const auto expr = cur_.text(start, cur_.position());
  cur_.expectSymbol(")");
  cur_.expectEnd();
  const auto key = "delta.constraints." + lowerAscii(cname);
  if (a.config.contains(key)) {
    throw WorkspaceError(WorkspaceErrorClass::Conflict,
                         "[DELTA_CONSTRAINT_ALREADY_EXISTS] Constraint '" + cname +
                             "' already exists. SQLSTATE: 42710");
  }
  const auto bad = duck("SELECT count(*) FROM " + a.t.delta->scan(*a.snap) +
                        " AS s WHERE NOT coalesce((" + translateText(expr, 0) + "), true)");
  if (bad.rows[0][0].get<std::int64_t>() > 0) {
    throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                         "[DELTA_NEW_CHECK_CONSTRAINT_VIOLATION] " + bad.rows[0][0].dump() +
                             " rows in " + a.t.name.quoted() +
                             " violate the new CHECK constraint (" + expr + "). SQLSTATE: 23512");
  }
  a.config[key] = expr;
  return commitAlter(a, "ADD CONSTRAINT", {{"name", cname}, {"expr", expr}});
}

// One DROP CONSTRAINT names either a CHECK (table property) or a key (metastore).
ResultSet StatementExecutor::alterDropConstraint(AlterState& a) {
  const bool ifExists = cur_.acceptAll({"IF", "EXISTS"});
  const auto cname = cur_.identifier();
  cur_.expectEnd();
  const auto key = "delta.constraints." + lowerAscii(cname);
  if (!a.config.contains(key) && state_.metastore.dropConstraint(a.t.name.full(), cname)) {
    return empty();
  }
  if (!a.config.contains(key)) {
    if (ifExists) return empty();
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "[DELTA_CONSTRAINT_DOES_NOT_EXIST] Cannot drop nonexistent constraint " +
                             cname + " from table " + a.t.name.quoted() + ". SQLSTATE: 42704");
  }
  a.config.erase(key);
  return commitAlter(a, "DROP CONSTRAINT", {{"name", cname}});
}

}  // namespace clxs::kernel
