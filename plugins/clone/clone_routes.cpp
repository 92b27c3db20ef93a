#include "plugins/clone/clone_routes.hpp"

#include <cctype>
#include <set>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/clone/preflight.hpp"

namespace clxs::clone {

void requireCatalog(Workspace& workspace, const std::string& catalog, const std::string& role) {
  for (const auto& c : workspace.catalogs({})) {
    if (sameName(c.name, catalog)) return;
  }
  throw notFound(role + " '" + catalog + "' does not exist");
}

namespace {

// At most this many destinations in one multi-clone request.
constexpr std::size_t kMaxDestinations = 20;

void registerMultiClone(Routes& routes, const std::shared_ptr<CloneService>& service) {
  // Every field of POST /api/clone applies to each destination, so each job carries the
  // full, validated clone configuration; a destination may override a few of them.
  Model model("MultiCloneRequest");
  const Model clone = cloneRequestModel();
  for (const auto& [name, field] : clone.fields()) {
    if (name != "destination_catalog" && name != "resume_job_id") model.field(name, field);
  }
  const Field destination = Field::object(
      {{"destination_catalog",
        Field::string().required().identifier().describe("Destination catalog")},
       {"location", Field::string().describe("Managed location of a new catalog")},
       {"clone_type", Field::string()
                          .oneOf({"DEEP", "SHALLOW"})
                          .caseInsensitive()
                          .describe("DEEP or SHALLOW for this destination")},
       {"include_schemas", Field::array(Field::string().identifier())
                               .describe("Only these schemas, for this destination")},
       {"exclude_schemas",
        Field::array(Field::string().identifier()).describe("Schemas to skip here")}});
  model
      .field("destinations",
             Field::array(destination).describe("Destinations, each with optional overrides"))
      .field("destination_catalogs",
             Field::array(Field::string().identifier())
                 .describe("Destination catalog names (shorthand for destinations)"));
  RouteSpec spec{Method::Post,
                 "/api/multi-clone",
                 "Clone one catalog to several destinations",
                 "Submits one clone job per destination, each with the full clone "
                 "configuration of the request (every field of POST /api/clone) and the "
                 "destination's overrides. Every destination is validated before any job is "
                 "submitted: one bad destination submits nothing.",
                 std::move(model),
                 {},
                 {},
                 true};
  routes.add(std::move(spec), [service](const Request& r) -> Response {
    const Json& body = r.body();
    std::vector<Json> targets;
    for (const auto& d : body.value("destinations", Json::array())) targets.push_back(d);
    for (const auto& d : body.value("destination_catalogs", Json::array())) {
      targets.push_back({{"destination_catalog", d}});
    }
    if (targets.empty()) {
      throw unprocessable(Json::array({"body", "destinations"}),
                          "name at least one destination (destinations or "
                          "destination_catalogs)",
                          "missing");
    }
    if (targets.size() > kMaxDestinations) {
      throw unprocessable(
          Json::array({"body", "destinations"}),
          "at most " + std::to_string(kMaxDestinations) + " destinations per request");
    }
    requireCatalog(*r.workspace(), body["source_catalog"].get<std::string>(), "Source catalog");
    std::vector<CloneOptions> all;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      Json config = body;
      config.erase("destinations");
      config.erase("destination_catalogs");
      for (const auto& [k, v] : targets[i].items()) {
        if (!v.is_null()) config[k] = v;
      }
      const auto dest = config["destination_catalog"].get<std::string>();
      if (!seen.insert(lowerAscii(dest)).second) {
        throw unprocessable(Json::array({"body", "destinations", i}),
                            "destination '" + dest + "' is named twice");
      }
      all.push_back(parseCloneOptions(config));
    }
    Json jobs = Json::array();
    for (auto& options : all) {
      const auto dest = options.destinationCatalog;
      const auto id = service->submitClone(std::move(options), r.credentials());
      jobs.push_back({{"destination_catalog", dest}, {"job_id", id}, {"status", "queued"}});
    }
    return Json{{"source_catalog", body["source_catalog"]},
                {"jobs", jobs},
                {"count", jobs.size()},
                {"message", std::to_string(jobs.size()) + " clone jobs submitted"}};
  });
}

void registerPreflight(Routes& routes) {
  Model model("PreflightRequest");
  model.field("source_catalog", Field::string().required().identifier().describe("Source catalog"))
      .field("destination_catalog",
             Field::string().required().identifier().describe("Destination catalog"))
      .field("warehouse_id", Field::string().describe("SQL warehouse ID"))
      .field("check_write", Field::boolean().defaultsTo(true).describe(
                                "Create and drop a probe object where the clone writes"));
  RouteSpec spec{Method::Post,
                 "/api/preflight",
                 "Pre-flight checks before a clone",
                 "Checks, in order: connectivity (the current user), the warehouse, that the "
                 "source exists, can be listed and read, the user's privileges on it, the "
                 "destination, and (check_write) a real write: a probe schema with a table "
                 "created and dropped in the destination, or a probe catalog when the "
                 "destination does not exist yet. Each check is {name, status: "
                 "pass|warn|fail|skipped, detail}; `ready` is true when none failed.",
                 std::move(model),
                 {},
                 {},
                 true};
  routes.add(std::move(spec), [](const Request& r) -> Response {
    const auto& b = r.body();
    PreflightOptions o{
        b["source_catalog"].get<std::string>(), b["destination_catalog"].get<std::string>(),
        b.value("warehouse_id", r.credentials().warehouseId), b["check_write"].get<bool>()};
    if (sameName(o.sourceCatalog, o.destinationCatalog)) {
      throw unprocessable(Json::array({"body", "destination_catalog"}),
                          "destination_catalog must differ from source_catalog");
    }
    auto suffix = newUuid().substr(0, 8);
    Json out = runPreflight(*r.workspace(), o, suffix);
    out["source_catalog"] = o.sourceCatalog;
    out["destination_catalog"] = o.destinationCatalog;
    return out;
  });
}

}  // namespace

void registerCloneRoutes(Routes& routes, const std::shared_ptr<CloneService>& service) {
  RouteSpec clone{Method::Post,
                  "/api/clone",
                  "Submit a clone job",
                  "Clones a catalog (DEEP or SHALLOW, with time travel, filters and metadata) "
                  "as a job followed through GET /api/clone/{job_id}. The result counts "
                  "{success, failed, skipped} per object type; a run with failures ends "
                  "completed_with_errors. dry_run lists every statement in order and writes "
                  "nothing. resume_job_id finishes only what an earlier run did not.",
                  cloneRequestModel(),
                  {},
                  {},
                  true};
  routes.add(std::move(clone), [service](const Request& r) -> Response {
    auto options = parseCloneOptions(r.body());
    // A missing source is the caller's mistake: say so now rather than in a failed job.
    requireCatalog(*r.workspace(), options.sourceCatalog, "Source catalog");
    const auto id = service->submitClone(std::move(options), r.credentials());
    return Json{{"job_id", id}, {"status", "queued"}, {"message", "Clone job submitted"}};
  });

  registerMultiClone(routes, service);
  registerPreflight(routes);

  RouteSpec logs{Method::Get,
                 "/api/rollback/logs",
                 "List rollback logs",
                 "One log per clone run, newest first: the tables it changed with their "
                 "versions before the run, and the objects it created.",
                 std::nullopt,
                 {{"limit", Field::integer().min(1).max(1000).clampToMax().defaultsTo(100).describe(
                                "At most this many logs")}},
                 {},
                 false};
  routes.add(std::move(logs), [service](const Request& r) -> Response {
    Json out = Json::array();
    for (auto& l : service->store().listLogs(r.query()["limit"].get<int>())) {
      out.push_back(std::move(l));
    }
    return out;
  });

  Model rollbackModel("RollbackRequest");
  rollbackModel
      .field("rollback_id", Field::string().maxLength(200).describe(
                                "Id from GET /api/rollback/logs (rb-<job id>)"))
      .field("log_file", Field::string().maxLength(200).describe(
                             "Accepted for compatibility: a rollback id, never a file path"))
      .field("warehouse_id", Field::string().describe("SQL warehouse ID"))
      .field("drop_catalog",
             Field::boolean().defaultsTo(false).describe("Drop the whole destination catalog"));
  RouteSpec rollback{Method::Post,
                     "/api/rollback",
                     "Roll back a clone run",
                     "A job that restores the tables the run changed to their recorded "
                     "versions and drops what it created, views and functions included. "
                     "Logs are named by id; file paths are not accepted.",
                     std::move(rollbackModel),
                     {},
                     {},
                     true};
  routes.add(std::move(rollback), [service](const Request& r) -> Response {
    const auto& b = r.body();
    std::string id = b.value("rollback_id", std::string());
    if (id.empty()) id = b.value("log_file", std::string());
    if (id.empty()) {
      throw unprocessable(Json::array({"body", "rollback_id"}),
                          "rollback_id is required (see GET /api/rollback/logs)", "missing");
    }
    if (id.find('/') != std::string::npos || id.find("..") != std::string::npos) {
      throw unprocessable(Json::array({"body", "rollback_id"}),
                          "a rollback id, not a file path (see GET /api/rollback/logs)");
    }
    const auto jobId = service->submitRollback(id, b["drop_catalog"].get<bool>(), r.credentials(),
                                               b.value("warehouse_id", std::string()));
    return Json{{"job_id", jobId},
                {"status", "queued"},
                {"rollback_id", id},
                {"message", "Rollback job submitted"}};
  });
}

}  // namespace clxs::clone
