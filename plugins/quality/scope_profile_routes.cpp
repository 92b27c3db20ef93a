#include "plugins/quality/scope_profile_routes.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <mutex>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/parallel.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/table_profile.hpp"

namespace clxs::quality {

namespace {

struct SchemaProfileBody {
  std::string catalog;
  std::string schemaName;
  bool autoGenerateChecks = true;
  std::int64_t sampleLimit = 0;
  std::string warehouseId;
  static const Schema<SchemaProfileBody>& schema() {
    static const auto s =
        Schema<SchemaProfileBody>("DqxProfileSchemaRequest")
            .required("catalog", &SchemaProfileBody::catalog, "Catalog")
            .required("schema_name", &SchemaProfileBody::schemaName, "Schema to profile")
            .field("auto_generate_checks", &SchemaProfileBody::autoGenerateChecks,
                   Field::boolean().defaultsTo(true).describe(
                       "Store the suggested checks (identical ones are not added twice)"))
            .field("sample_limit", &SchemaProfileBody::sampleLimit,
                   Field::integer().min(0).defaultsTo(0).describe("Rows read per table (0: all)"))
            .field("warehouse_id", &SchemaProfileBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

struct CatalogProfileBody {
  std::string catalog;
  std::vector<std::string> excludeSchemas{"information_schema"};
  bool autoGenerateChecks = true;
  std::int64_t sampleLimit = 0;
  std::string warehouseId;
  static const Schema<CatalogProfileBody>& schema() {
    static const auto s =
        Schema<CatalogProfileBody>("DqxProfileCatalogRequest")
            .required("catalog", &CatalogProfileBody::catalog, "Catalog")
            .field("exclude_schemas", &CatalogProfileBody::excludeSchemas,
                   Field::array(Field::string())
                       .defaultsTo(Json::array({"information_schema"}))
                       .describe("Schemas to skip"))
            .field("auto_generate_checks", &CatalogProfileBody::autoGenerateChecks,
                   Field::boolean().defaultsTo(true).describe(
                       "Store the suggested checks (identical ones are not added twice)"))
            .field("sample_limit", &CatalogProfileBody::sampleLimit,
                   Field::integer().min(0).defaultsTo(0).describe("Rows read per table (0: all)"))
            .field("warehouse_id", &CatalogProfileBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

struct StreamProfileBody {
  std::string scope = "schema";
  std::string catalog;
  std::string schemaName;
  std::vector<std::string> excludeSchemas{"information_schema"};
  bool autoGenerateChecks = true;
  std::int64_t sampleLimit = 0;
  std::string warehouseId;
  static const Schema<StreamProfileBody>& schema() {
    static const auto s =
        Schema<StreamProfileBody>("DqxProfileStreamRequest")
            .field("scope", &StreamProfileBody::scope,
                   Field::string()
                       .oneOf({"schema", "catalog"})
                       .defaultsTo("schema")
                       .describe("Profile one schema or every schema of the catalog"))
            .required("catalog", &StreamProfileBody::catalog, "Catalog")
            .field("schema_name", &StreamProfileBody::schemaName,
                   Field::string().describe("The schema (scope schema)"))
            .field("exclude_schemas", &StreamProfileBody::excludeSchemas,
                   Field::array(Field::string())
                       .defaultsTo(Json::array({"information_schema"}))
                       .describe("Schemas to skip (scope catalog)"))
            .field("auto_generate_checks", &StreamProfileBody::autoGenerateChecks,
                   Field::boolean().defaultsTo(true).describe(
                       "Store the suggested checks (identical ones are not added twice)"))
            .field("sample_limit", &StreamProfileBody::sampleLimit,
                   Field::integer().min(0).defaultsTo(0).describe("Rows read per table (0: all)"))
            .field("warehouse_id", &StreamProfileBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

// One Server-Sent Event: `data: <json>` and a blank line; false once the client has gone.
bool sendEvent(ResponseStream& out, Json event) {
  return out.write("data: " + event.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n\n");
}

// Thrown through the profiling loop when the client of a stream has gone.
struct ClientGone {};

struct CatalogStatsBody {
  std::string sourceCatalog;
  std::string warehouseId;
  std::vector<std::string> excludeSchemas{"information_schema", "default"};
  std::int64_t maxWorkers = 4;
  std::string outputPath;
  static const Schema<CatalogStatsBody>& schema() {
    static const auto s =
        Schema<CatalogStatsBody>("ProfileCatalogRequest")
            .required("source_catalog", &CatalogStatsBody::sourceCatalog, "Catalog to profile")
            .field("warehouse_id", &CatalogStatsBody::warehouseId, "SQL warehouse (Databricks)")
            .field("exclude_schemas", &CatalogStatsBody::excludeSchemas,
                   Field::array(Field::string())
                       .defaultsTo(Json::array({"information_schema", "default"}))
                       .describe("Schemas to skip"))
            .field("max_workers", &CatalogStatsBody::maxWorkers,
                   Field::integer().min(1).max(16).clampToMax().defaultsTo(4).describe(
                       "Tables profiled at once"))
            .field("output_path", &CatalogStatsBody::outputPath,
                   Field::string().maxLength(200).describe(
                       "Also write the result as JSON to this file name (letters, digits, "
                       "'.', '_', '-', ending in .json) in the plugin's reports directory"));
    return s;
  }
};

Model queuedModel(const char* name) {
  return Model(name)
      .field("job_id", Field::string().describe("Follow at GET /api/clone/{job_id}"))
      .field("status", Field::string().describe("queued"))
      .field("message", Field::string().describe("What was queued"));
}

// The tables (not views) of a schema, in name order.
std::vector<TableInfo> tablesOf(Workspace& ws, const std::string& catalog,
                                const std::string& schema, const CallOptions& call) {
  std::vector<TableInfo> out;
  for (auto& t : ws.catalog().tables(catalog, schema, call)) {
    const std::string type = upperAscii(t.tableType);
    if (type == "MANAGED" || type == "EXTERNAL") out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(),
            [](const TableInfo& a, const TableInfo& b) { return a.name < b.name; });
  return out;
}

std::string fqnOf(const TableInfo& t) {
  return t.catalog + "." + t.schema + "." + t.name;
}

// What profiling many tables reports as it goes: a job's progress, or a stream's events.
struct ProfileObserver {
  std::function<void(const std::string& schema, std::int64_t tables)> schemaStart;
  std::function<void(const std::string& fqn)> tableStart;  ///< may throw to stop
  std::function<void(const std::string& fqn, std::int64_t checks)> tableDone;
  std::function<void(const std::string& fqn, const std::string& error)> tableError;
};

// DQX profiling of every table of one schema.
Json profileSchemaTables(Workspace& ws, const ScopeProfileDeps& d, const std::string& catalog,
                         const std::string& schema, bool autoGenerate, std::int64_t sampleLimit,
                         const std::string& user, const CallOptions& call,
                         const ProfileObserver& observer) {
  const Json config = d.settings->get();
  const auto list = tablesOf(ws, catalog, schema, call);
  observer.schemaStart(schema, static_cast<std::int64_t>(list.size()));
  Json tables = Json::array();
  std::int64_t checksAdded = 0;
  for (const auto& t : list) {
    const std::string fqn = fqnOf(t);
    observer.tableStart(fqn);
    try {
      Json r = profileAndSuggest(ws, *d.profiles, *d.checks, config, fqn, autoGenerate, sampleLimit,
                                 user, isoUtc(d.clock->now()), call);
      const std::int64_t count = r["count"].get<std::int64_t>();
      if (autoGenerate) checksAdded += count;
      tables.push_back(std::move(r));
      observer.tableDone(fqn, count);
    } catch (const JobCancelled&) {
      throw;
    } catch (const WorkspaceError& e) {
      if (e.errorClass() == WorkspaceErrorClass::Cancelled) throw;
      observer.tableError(fqn, e.what());
      tables.push_back(Json{{"table_fqn", fqn}, {"error", e.what()}});
    } catch (const std::exception& e) {
      observer.tableError(fqn, e.what());
      tables.push_back(Json{{"table_fqn", fqn}, {"error", e.what()}});
    }
  }
  return Json{{"catalog", catalog},
              {"schema", schema},
              {"tables", tables},
              {"total_checks", checksAdded},
              {"tables_processed", tables.size()}};
}

// A job's observer: progress over `total` tables, failures in its log.
ProfileObserver jobObserver(JobContext& ctx, std::int64_t& done, std::int64_t total) {
  return {[](const std::string&, std::int64_t) {},
          [&ctx, &done, total](const std::string& fqn) {
            ctx.checkCancelled();
            ctx.progress(done, total, fqn);
          },
          [&done](const std::string&, std::int64_t) { ++done; },
          [&ctx, &done](const std::string& fqn, const std::string& error) {
            ctx.log("profiling " + fqn + " failed: " + error);
            ++done;
          }};
}

std::vector<std::string> schemasOf(Workspace& ws, const std::string& catalog,
                                   const std::vector<std::string>& exclude,
                                   const CallOptions& call) {
  std::vector<std::string> out;
  for (const auto& s : ws.catalog().schemas(catalog, call)) {
    const bool skipped = std::any_of(exclude.begin(), exclude.end(), [&](const std::string& x) {
      return lowerAscii(x) == lowerAscii(s.name);
    });
    if (!skipped) out.push_back(s.name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A report file name: no directory part, so it cannot leave the reports directory.
std::string reportName(const std::string& requested) {
  static const std::regex kName(R"([A-Za-z0-9][A-Za-z0-9._-]{0,150}\.json)");
  if (!std::regex_match(requested, kName)) {
    throw unprocessable(Json::array({"body", "output_path"}),
                        "output_path must be a file name such as catalog_profile.json (letters, "
                        "digits, '.', '_', '-'; no directory), not '" +
                            requested + "'.",
                        "value_error");
  }
  return requested;
}

}  // namespace

void registerScopeProfileRoutes(Routes& routes, ScopeProfileDeps deps) {
  auto d = std::make_shared<const ScopeProfileDeps>(std::move(deps));

  routes.post("/api/governance/dqx/profile-schema")
      .summary("Profile every table of a schema and suggest checks")
      .description(
          "A job: each table (not view) of the schema is profiled and its suggested checks "
          "added, as POST …/dqx/profile does for one table; a table that fails is reported "
          "and the others go on. The result is {catalog, schema, tables, total_checks, "
          "tables_processed}; follow it at GET /api/clone/{job_id}.")
      .body<SchemaProfileBody>()
      .mutates()
      .returns(queuedModel("DqxProfileSchemaQueued"))
      .handle([d](const Request& req, const SchemaProfileBody& b) {
        auto ws = req.workspace();
        CallOptions call;
        call.warehouseId = b.warehouseId;
        // The warehouse too: none named and none or several to choose from is a 400 now.
        call.warehouseId = ws->sql().warehouse(call).id;
        // Names are checked now: an unknown schema is a 404 here, not a failed job.
        const auto count =
            static_cast<std::int64_t>(tablesOf(*ws, b.catalog, b.schemaName, call).size());
        const std::string user = ws->identity().currentUser(call);
        const std::string id = d->jobs->submit(
            JobSpec{.type = "quality.profile_schema",
                    .params = Json{{"catalog", b.catalog}, {"schema", b.schemaName}},
                    .labels = {{"source_catalog", b.catalog}}},
            [d, ws, b, call, user, count](JobContext& ctx) {
              CallOptions jobCall = call;
              jobCall.cancel = &ctx.cancellation();
              std::int64_t done = 0;
              Json r =
                  profileSchemaTables(*ws, *d, b.catalog, b.schemaName, b.autoGenerateChecks,
                                      b.sampleLimit, user, jobCall, jobObserver(ctx, done, count));
              ctx.progress(done, count);
              return JobOutcome::completed(std::move(r));
            });
        return Json{{"job_id", id},
                    {"status", "queued"},
                    {"message", "Profiling " + std::to_string(count) + " tables of " + b.catalog +
                                    "." + b.schemaName}};
      });

  routes.post("/api/governance/dqx/profile-catalog")
      .summary("Profile every table of a catalog and suggest checks")
      .description(
          "A job: every schema of the catalog but exclude_schemas, profiled as "
          "…/profile-schema does. The result is {catalog, schemas, total_checks, "
          "schemas_processed}; follow it at GET /api/clone/{job_id}.")
      .body<CatalogProfileBody>()
      .mutates()
      .returns(queuedModel("DqxProfileCatalogQueued"))
      .handle([d](const Request& req, const CatalogProfileBody& b) {
        auto ws = req.workspace();
        CallOptions call;
        call.warehouseId = b.warehouseId;
        // The warehouse too: none named and none or several to choose from is a 400 now.
        call.warehouseId = ws->sql().warehouse(call).id;
        const auto schemas = schemasOf(*ws, b.catalog, b.excludeSchemas, call);
        const std::string user = ws->identity().currentUser(call);
        const std::string id = d->jobs->submit(
            JobSpec{.type = "quality.profile_catalog",
                    .params = Json{{"catalog", b.catalog}},
                    .labels = {{"source_catalog", b.catalog}}},
            [d, ws, b, call, user, schemas](JobContext& ctx) {
              CallOptions jobCall = call;
              jobCall.cancel = &ctx.cancellation();
              std::vector<std::vector<TableInfo>> tables;
              std::int64_t total = 0;
              for (const auto& s : schemas) {
                tables.push_back(tablesOf(*ws, b.catalog, s, jobCall));
                total += static_cast<std::int64_t>(tables.back().size());
              }
              Json results = Json::array();
              std::int64_t checksAdded = 0;
              std::int64_t done = 0;
              for (const auto& s : schemas) {
                Json r =
                    profileSchemaTables(*ws, *d, b.catalog, s, b.autoGenerateChecks, b.sampleLimit,
                                        user, jobCall, jobObserver(ctx, done, total));
                checksAdded += r["total_checks"].get<std::int64_t>();
                results.push_back(std::move(r));
              }
              ctx.progress(done, total);
              return JobOutcome::completed(Json{{"catalog", b.catalog},
                                                {"schemas", results},
                                                {"total_checks", checksAdded},
                                                {"schemas_processed", results.size()}});
            });
        return Json{{"job_id", id},
                    {"status", "queued"},
                    {"message",
                     "Profiling " + std::to_string(schemas.size()) + " schemas of " + b.catalog}};
      });

  routes.post("/api/governance/dqx/profile-stream")
      .summary("Profile a schema or a catalog, streaming progress")
      .description(
          "Server-Sent Events (text/event-stream), one `data: <json>` line per event with its "
          "`type`: catalog_start {catalog, schema_count}, schema_start {schema, table_count}, "
          "table_start {table_fqn}, table_done {table_fqn, count} (checks suggested), "
          "table_error {table_fqn, error}, then complete {result} (the answer of "
          "…/profile-schema or …/profile-catalog) or error {error}; the stream then ends. Each "
          "table is profiled as POST …/dqx/profile does. Names are checked before the stream "
          "starts (422, 404); a client that goes away stops the profiling after the table at "
          "hand.")
      .body<StreamProfileBody>()
      .mutates()
      .returnsFile("text/event-stream")
      .handle([d](const Request& req, const StreamProfileBody& b) {
        if (b.scope == "schema" && b.schemaName.empty()) {
          throw unprocessable(Json::array({"body", "schema_name"}),
                              "scope schema needs schema_name.", "missing");
        }
        auto ws = req.workspace();
        CallOptions call;
        call.warehouseId = b.warehouseId;
        const auto schemas = b.scope == "schema"
                                 ? std::vector<std::string>{b.schemaName}
                                 : schemasOf(*ws, b.catalog, b.excludeSchemas, call);
        if (b.scope == "schema") (void)tablesOf(*ws, b.catalog, b.schemaName, call);  // 404 now
        const std::string user = ws->identity().currentUser(call);
        return Response::stream("text/event-stream", [d, ws, b, call, schemas,
                                                      user](ResponseStream& out) {
          const auto emit = [&out](Json event) {
            if (!sendEvent(out, std::move(event))) throw ClientGone{};
          };
          const ProfileObserver observer{
              [&](const std::string& schema, std::int64_t tables) {
                emit(Json{{"type", "schema_start"}, {"schema", schema}, {"table_count", tables}});
              },
              [&](const std::string& fqn) {
                if (out.closed()) throw ClientGone{};
                emit(Json{{"type", "table_start"}, {"table_fqn", fqn}});
              },
              [&](const std::string& fqn, std::int64_t count) {
                emit(Json{{"type", "table_done"}, {"table_fqn", fqn}, {"count", count}});
              },
              [&](const std::string& fqn, const std::string& error) {
                emit(Json{{"type", "table_error"}, {"table_fqn", fqn}, {"error", error}});
              }};
          try {
            Json result;
            if (b.scope == "schema") {
              result = profileSchemaTables(*ws, *d, b.catalog, b.schemaName, b.autoGenerateChecks,
                                           b.sampleLimit, user, call, observer);
            } else {
              emit(Json{{"type", "catalog_start"},
                        {"catalog", b.catalog},
                        {"schema_count", schemas.size()}});
              Json results = Json::array();
              std::int64_t checks = 0;
              for (const auto& s : schemas) {
                Json r = profileSchemaTables(*ws, *d, b.catalog, s, b.autoGenerateChecks,
                                             b.sampleLimit, user, call, observer);
                checks += r["total_checks"].get<std::int64_t>();
                results.push_back(std::move(r));
              }
              result = Json{{"catalog", b.catalog},
                            {"schemas", results},
                            {"total_checks", checks},
                            {"schemas_processed", results.size()}};
            }
            emit(Json{{"type", "complete"}, {"result", result}});
          } catch (const ClientGone&) {
            // Nobody reads any more: stop.
          } catch (const std::exception& e) {
            (void)sendEvent(out, Json{{"type", "error"}, {"error", e.what()}});
          }
        });
      });

  routes.post("/api/profile")
      .summary("Profile every table of a catalog")
      .description(
          "A job: per table (MANAGED and EXTERNAL; views are skipped) of every schema but "
          "exclude_schemas, the row count and per column the NULL count and share, approximate "
          "distinct count, and min/max/avg of numbers and times or lengths of strings, in one "
          "query per table, max_workers tables at a time. A table that fails carries its error "
          "and the others go on. The result is {catalog, profile_time, total_tables, "
          "total_rows, profiles:[{catalog, schema, table, row_count, columns, error}]}; with "
          "output_path it is also written as JSON to the plugin's reports directory.")
      .body<CatalogStatsBody>()
      .returns(queuedModel("ProfileCatalogQueued"))
      .handle([d](const Request& req, const CatalogStatsBody& b) {
        const std::string report = b.outputPath.empty() ? "" : reportName(b.outputPath);
        auto ws = req.workspace();
        CallOptions call;
        call.warehouseId = b.warehouseId;
        // The warehouse too: none named and none or several to choose from is a 400 now.
        call.warehouseId = ws->sql().warehouse(call).id;
        const auto schemas = schemasOf(*ws, b.sourceCatalog, b.excludeSchemas, call);
        const std::string id = d->jobs->submit(
            JobSpec{.type = "quality.profile_catalog_stats",
                    .params = Json{{"source_catalog", b.sourceCatalog}},
                    .labels = {{"source_catalog", b.sourceCatalog}}},
            [d, ws, b, call, schemas, report](JobContext& ctx) {
              CallOptions jobCall = call;
              jobCall.cancel = &ctx.cancellation();
              std::vector<TableInfo> tables;
              for (const auto& s : schemas) {
                for (auto& t : tablesOf(*ws, b.sourceCatalog, s, jobCall)) {
                  tables.push_back(std::move(t));
                }
              }
              const std::string at = isoUtc(d->clock->now());
              std::vector<Json> profiles(tables.size());
              std::mutex mu;
              std::int64_t done = 0;
              parallelFor(
                  tables.size(), static_cast<std::size_t>(b.maxWorkers),
                  [&](std::size_t i) {
                    const TableInfo& t = tables[i];
                    Json p{{"catalog", t.catalog}, {"schema", t.schema},       {"table", t.name},
                           {"row_count", nullptr}, {"columns", Json::array()}, {"error", nullptr}};
                    try {
                      ProfileOptions options;
                      options.distributions = false;
                      const Json r = profileTable(*ws, fqnOf(t), options, jobCall, at);
                      p["row_count"] = r["row_count"];
                      p["columns"] = r["columns"];
                    } catch (const WorkspaceError& e) {
                      if (e.errorClass() == WorkspaceErrorClass::Cancelled) throw;
                      p["error"] = e.what();
                    } catch (const std::exception& e) {
                      p["error"] = e.what();
                    }
                    profiles[i] = std::move(p);
                    const std::lock_guard lock(mu);
                    ctx.progress(++done, static_cast<std::int64_t>(tables.size()), fqnOf(t));
                  },
                  &ctx.cancellation());
              std::int64_t rows = 0;
              for (const auto& p : profiles) {
                if (p["row_count"].is_number_integer()) rows += p["row_count"].get<std::int64_t>();
              }
              Json result{{"catalog", b.sourceCatalog},
                          {"profile_time", at},
                          {"total_tables", tables.size()},
                          {"total_rows", rows},
                          {"profiles", profiles}};
              if (!report.empty()) {
                std::filesystem::create_directories(d->reportDir);
                const auto path = d->reportDir / report;
                std::ofstream out(path, std::ios::trunc);
                out << result.dump(2) << "\n";
                if (!out) throw std::runtime_error("cannot write " + path.string());
                result["output_path"] = "reports/" + report;
              }
              return JobOutcome::completed(std::move(result));
            });
        return Json{{"job_id", id},
                    {"status", "queued"},
                    {"message", "Profiling the tables of " + std::to_string(schemas.size()) +
                                    " schemas of " + b.sourceCatalog}};
      });
}

}  // namespace clxs::quality
