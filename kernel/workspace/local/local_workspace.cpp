#include "kernel/workspace/local/local_workspace.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>

#include "clxs/id.hpp"
#include "kernel/workspace/local/engine/engine_errors.hpp"
#include "kernel/workspace/local/sql/sql_lexer.hpp"
#include "kernel/workspace/local/sql/statement_executor.hpp"
#include "kernel/workspace/local/volume_files.hpp"

namespace clxs::kernel {

std::string osUserName() {
  if (const char* u = std::getenv("USER"); u != nullptr && *u != '\0') return u;
  if (const passwd* pw = getpwuid(getuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  return "local-user";
}

LocalWorkspaceOptions localWorkspaceOptions(const Json& block,
                                            const std::filesystem::path& dataDir) {
  LocalWorkspaceOptions o;
  const Json b = block.is_object() ? block : Json::object();
  const auto root = b.value("root", std::string());
  o.root = root.empty() ? dataDir / "local" : std::filesystem::path(root);
  if (o.root.is_relative()) o.root = dataDir / o.root;
  o.currentUser = b.value("current_user", std::string());
  if (b.contains("groups") && b["groups"].is_array()) {
    for (const auto& g : b["groups"]) {
      if (g.is_string()) o.groups.push_back(g.get<std::string>());
    }
  }
  o.enforceGrants = b.value("enforce_grants", false);
  return o;
}

namespace {

// Engine errors that reach the caller without a Databricks error class get the class
// Databricks gives the same mistake, in its words, so callers can handle both workspaces
// alike and never see the engine's text.
WorkspaceError withErrorClass(const WorkspaceError& e) {
  const std::string msg = e.what();
  if (!msg.empty() && msg[0] == '[') return e;
  return WorkspaceError(e.errorClass(),
                        databricksEngineError(msg, e.errorClass() == WorkspaceErrorClass::Cancelled,
                                              e.errorClass() == WorkspaceErrorClass::Timeout));
}

}  // namespace

namespace {

LocalWorkspaceOptions resolved(LocalWorkspaceOptions o) {
  if (o.currentUser.empty()) o.currentUser = osUserName();
  if (std::find(o.groups.begin(), o.groups.end(), "account users") == o.groups.end()) {
    o.groups.emplace_back("account users");
  }
  std::filesystem::create_directories(o.root / "warehouse");
  std::filesystem::create_directories(o.root / "volumes");
  return o;
}

}  // namespace

LocalWorkspace::LocalWorkspace(LocalWorkspaceOptions options)
    : CatalogService(this), state_(std::make_unique<LocalState>(resolved(std::move(options)))) {
  provide<SqlService>(*this);
  provide<CatalogService>(*this);
  provide<IdentityService>(*this);
  provide<FileService>(*this);
  provide<WarehouseService>(*this);
  provide<MetastoreService>(*this);
  // A new metastore has `main.default`, as a new Unity Catalog metastore does.
  if (state_->metastore.catalogs().empty()) {
    state_->metastore.createCatalog("main", state_->options.currentUser,
                                    "Main catalog (auto-created)", true);
    state_->metastore.createSchema("main", "default", state_->options.currentUser,
                                   "Default schema (auto-created)", true);
  }
}

LocalWorkspace::~LocalWorkspace() = default;

LocalSession::LocalSession() : id(newUuid()) {}

namespace {

std::int64_t epochMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The statement's first keyword (SELECT, INSERT, ...), for query history.
std::string statementType(std::string_view statement) {
  try {
    const auto tokens = lexSql(statement);
    if (!tokens.empty() && tokens[0].kind == TokenKind::Word) return upperAscii(tokens[0].text);
  } catch (const WorkspaceError&) {
  }
  return "UNKNOWN";
}

}  // namespace

const LocalWorkspaceOptions& LocalWorkspace::options() const {
  return state_->options;
}

ResultSet LocalWorkspace::execute(std::string_view statement, LocalSession& session,
                                  const std::vector<SqlParam>& params, const CallOptions& options) {
  StatementRecord record;
  record.statementId = newUuid();
  record.sessionId = session.id;
  record.user = state_->options.currentUser;
  record.text = std::string(statement);
  record.type = statementType(statement);
  record.startMs = epochMs();
  // Every statement is recorded, failed ones too; a failure to record never hides the
  // statement's own outcome.
  auto finish = [&](const StatementExecutor* run) {
    record.endMs = epochMs();
    if (run != nullptr) {
      record.reads = run->reads();
      record.writes = run->writes();
      record.columns = run->columnLineage();
    }
    try {
      state_->system.record(record);
    } catch (const std::exception&) {
    }
  };
  std::optional<StatementExecutor> run;
  try {
    run.emplace(*state_, session, statement, params, options);
    auto result = run->run();
    record.status = "FINISHED";
    record.producedRows = static_cast<std::int64_t>(result.rows.size());
    if (result.columns.size() >= 1 && result.columns[0].name == "num_affected_rows" &&
        !result.rows.empty() && result.rows[0][0].is_number()) {
      record.producedRows = result.rows[0][0].get<std::int64_t>();
    }
    finish(&*run);
    return result;
  } catch (const WorkspaceError& e) {
    const auto classified = withErrorClass(e);
    record.status = e.errorClass() == WorkspaceErrorClass::Cancelled ? "CANCELED" : "FAILED";
    record.error = classified.what();
    finish(run ? &*run : nullptr);
    throw classified;
  } catch (const std::filesystem::filesystem_error& e) {
    record.status = "FAILED";
    record.error = std::string("[FILE_SYSTEM_ERROR] ") + e.what();
    finish(run ? &*run : nullptr);
    throw WorkspaceError(WorkspaceErrorClass::Remote, record.error);
  }
}

ResultSet LocalWorkspace::runStatement(std::string_view statement,
                                       const std::vector<SqlParam>& params,
                                       const CallOptions& options) {
  LocalSession session;
  return execute(statement, session, params, options);
}

std::vector<CatalogInfo> LocalWorkspace::listCatalogs(const CallOptions&) {
  return state_->metastore.catalogs();
}

std::vector<SchemaInfo> LocalWorkspace::listSchemas(const std::string& catalog,
                                                    const CallOptions&) {
  return state_->metastore.schemas(catalog);
}

std::vector<TableInfo> LocalWorkspace::listTables(const std::string& catalog,
                                                  const std::string& schema,
                                                  const CallOptions& options) {
  std::vector<TableInfo> out;
  for (const auto& t : state_->metastore.tables(catalog, schema)) {
    TableInfo info;
    info.catalog = t.catalog;
    info.schema = t.schema;
    info.name = t.name;
    info.tableType = t.tableType;
    info.format = t.tableType == "VIEW" ? "" : t.format;
    info.owner = t.owner;
    info.comment = t.comment;
    info.location = t.tableType == "VIEW" ? "" : t.location;
    info.properties = t.properties;
    info.viewText = t.viewText;
    if (t.tableType == "VIEW") {
      try {
        LocalSession session;
        session.catalog = t.catalog;
        session.schema = t.schema;
        const auto r = execute("DESCRIBE TABLE " + backtick(t.catalog) + "." + backtick(t.schema) +
                                   "." + backtick(t.name),
                               session, {}, options);
        for (const auto& row : r.rows) {
          info.columns.push_back({row[0].get<std::string>(), row[1].get<std::string>(), true, ""});
        }
      } catch (const WorkspaceError&) {
        // A view over dropped tables lists without columns rather than failing the listing.
      }
    } else {
      try {
        DeltaTable d(t.location, state_->engine);
        const auto snap = state_->latestSnapshot(d);
        info.sizeBytes = DeltaTable::sizeOf(snap);
        info.rowCount = DeltaTable::rowsOf(snap);
        if (snap.version >= 0) info.latestCommit = DeltaTable::commitOf(snap, snap.version);
        info.properties = snap.metadata.value("configuration", Json::object());
        for (const auto& c : DeltaTable::columnsOf(snap)) {
          info.columns.push_back({c.name, databricksTypeFor(c.type), c.nullable, c.comment});
        }
      } catch (const WorkspaceError&) {
      }
    }
    out.push_back(std::move(info));
  }
  return out;
}

std::string LocalWorkspace::whoAmI(const CallOptions&) {
  return state_->options.currentUser;
}

std::vector<WarehouseInfo> LocalWorkspace::listWarehouses(const CallOptions&) {
  return {{"local", "Local DuckDB engine", "Local", "RUNNING", "LOCAL"}};
}

std::vector<FileEntry> LocalWorkspace::listFiles(const std::string& path, const CallOptions&) {
  return listVolumeDirectory(state_->metastore, path);
}

std::string LocalWorkspace::readVolumeFile(const std::string& path, const CallOptions&) {
  return kernel::readVolumeFile(state_->metastore, path);
}

void LocalWorkspace::writeVolumeFile(const std::string& path, std::string_view contents,
                                     bool overwrite, const CallOptions&) {
  kernel::writeVolumeFile(state_->metastore, path, contents, overwrite);
}

}  // namespace clxs::kernel
