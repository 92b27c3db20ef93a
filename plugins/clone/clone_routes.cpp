#include "plugins/clone/clone_routes.hpp"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/clone/access_check.hpp"
#include "plugins/clone/preflight.hpp"

namespace clxs::clone {

void requireCatalog(Workspace& workspace, const std::string& catalog, const std::string& role) {
  for (const auto& c : workspace.catalog().catalogs({})) {
    if (sameName(c.name, catalog)) return;
  }
  throw notFound(role + " '" + catalog + "' does not exist");
}

namespace {

// At most this many destinations in one multi-clone request.
constexpr std::size_t kMaxDestinations = 20;

// One destination of a multi-clone with the settings it overrides.
struct CloneDestination {
  std::optional<std::string> catalog;
  std::optional<std::string> destinationCatalog;
  std::optional<std::string> location;
  std::optional<std::string> cloneType;
  std::optional<std::vector<std::string>> includeSchemas;
  std::optional<std::vector<std::string>> excludeSchemas;
  static const Schema<CloneDestination>& schema() {
    using D = CloneDestination;
    static const auto s =
        Schema<D>("MultiCloneDestination")
            .field("catalog", &D::catalog,
                   Field::string().identifier().describe("Destination catalog"))
            .field("destination_catalog", &D::destinationCatalog,
                   Field::string().identifier().describe(
                       "Destination catalog (the original's name for catalog)"))
            .field("location", &D::location,
                   Field::string().describe("Managed location of a new catalog"))
            .field("clone_type", &D::cloneType,
                   Field::string()
                       .oneOf({"DEEP", "SHALLOW"})
                       .caseInsensitive()
                       .describe("DEEP or SHALLOW for this destination"))
            .field("include_schemas", &D::includeSchemas,
                   Field::array(Field::string().identifier())
                       .describe("Only these schemas, for this destination"))
            .field("exclude_schemas", &D::excludeSchemas,
                   Field::array(Field::string().identifier()).describe("Schemas to skip here"));
    return s;
  }
};

// Every field of POST /api/clone applies to each destination, so each job carries the full,
// validated clone configuration; a destination may override a few of them.
struct MultiCloneRequest {
  SourceCatalog source;
  CloneSettings settings;
  std::vector<CloneDestination> destinations;
  std::vector<std::string> destinationCatalogs;
  static const Schema<MultiCloneRequest>& schema() {
    static const auto s =
        Schema<MultiCloneRequest>("MultiCloneRequest")
            .include(&MultiCloneRequest::source)
            .include(&MultiCloneRequest::settings)
            .field("destinations", &MultiCloneRequest::destinations,
                   "Destinations, each with optional overrides")
            .field("destination_catalogs", &MultiCloneRequest::destinationCatalogs,
                   Field::array(Field::string().identifier())
                       .describe("Destination catalog names (shorthand for destinations)"));
    return s;
  }
};

struct QueuedClone {
  std::string destination;
  std::string jobId;
  std::string status = "queued";
  static const Schema<QueuedClone>& schema() {
    static const auto s =
        Schema<QueuedClone>("MultiCloneJob")
            .field("destination", &QueuedClone::destination, "Destination catalog of this job")
            .field("job_id", &QueuedClone::jobId, "The clone job")
            .field("status", &QueuedClone::status, "Always queued");
    return s;
  }
};

void registerMultiClone(Routes& routes, const std::shared_ptr<CloneService>& service) {
  routes.post("/api/multi-clone")
      .summary("Clone one catalog to several destinations")
      .description(
          "Submits one clone job per destination, each with the full clone configuration of "
          "the request (every field of POST /api/clone) and the destination's overrides. Every "
          "destination is validated before any job is submitted: one bad destination submits "
          "nothing.")
      .body<MultiCloneRequest>()
      .returnsListOf<QueuedClone>()
      .mutates()
      .handle([service](const Request& r, const MultiCloneRequest& body) {
        std::vector<CloneDestination> targets = body.destinations;
        for (const auto& name : body.destinationCatalogs) targets.push_back({.catalog = name});
        for (std::size_t i = 0; i < targets.size(); ++i) {
          auto& t = targets[i];
          if (t.catalog && t.destinationCatalog &&
              lowerAscii(*t.catalog) != lowerAscii(*t.destinationCatalog)) {
            throw unprocessable(Json::array({"body", "destinations", i}),
                                "catalog and destination_catalog name different catalogs");
          }
          if (!t.catalog) t.catalog = t.destinationCatalog;
          if (!t.catalog) {
            throw unprocessable(Json::array({"body", "destinations", i, "catalog"}),
                                "Field required", "missing");
          }
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
        requireCatalog(*r.workspace(), body.source.name, "Source catalog");
        Json shared = CloneSettings::schema().toJson(body.settings);
        shared["source_catalog"] = body.source.name;
        std::vector<CloneRequest> all;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < targets.size(); ++i) {
          const std::string& name = *targets[i].catalog;
          if (!seen.insert(lowerAscii(name)).second) {
            throw unprocessable(Json::array({"body", "destinations", i}),
                                "destination '" + name + "' is named twice");
          }
          // Parsed again as a POST /api/clone body, so each job passes its checks.
          Json config = shared;
          Json overrides = CloneDestination::schema().toJson(targets[i]);
          overrides.erase("catalog");
          overrides["destination_catalog"] = name;
          for (const auto& [k, v] : overrides.items()) {
            if (!v.is_null()) config[k] = v;
          }
          all.push_back(CloneRequest::schema().parse(config));
        }
        for (const auto& request : all) {
          requireAccessAllowed(service->host(), r,
                               {"clone", request.catalogs.source.name, request.catalogs.destination,
                                request.settings.includeSchemas, request.settings.excluded.names});
        }
        Json out = Json::array();
        for (auto& request : all) {
          const auto dest = request.catalogs.destination;
          out.push_back(QueuedClone::schema().toJson(
              {dest, service->submitClone(std::move(request), r.credentials())}));
        }
        return out;
      });
}

struct PreflightRequest {
  CatalogPair catalogs;
  std::optional<std::string> warehouseId;
  bool checkWrite = true;
  static const Schema<PreflightRequest>& schema() {
    static const auto s = Schema<PreflightRequest>("PreflightRequest")
                              .include(&PreflightRequest::catalogs)
                              .field("warehouse_id", &PreflightRequest::warehouseId,
                                     "SQL warehouse ID (default: the request's)")
                              .field("check_write", &PreflightRequest::checkWrite,
                                     "Create and drop a probe object where the clone writes");
    return s;
  }
};

void registerPreflight(Routes& routes) {
  routes.post("/api/preflight")
      .summary("Pre-flight checks before a clone")
      .description(
          "Checks, in order: connectivity (the current user), the warehouse, that the source "
          "exists, can be listed and read, the user's privileges on it, the destination, and "
          "(check_write) a real write: a probe schema with a table created and dropped in the "
          "destination, or a probe catalog when the destination does not exist yet. Each check "
          "is {name, status: pass|warn|fail|skipped, detail}; `ready` is true when none "
          "failed.")
      .body<PreflightRequest>()
      .returns(Model("PreflightReport")
                   .field("checks", Field::array(Field::object({{"name", Field::string()},
                                                                {"status", Field::string()},
                                                                {"detail", Field::string()}}))
                                        .describe("Each check in the order it ran"))
                   .field("ready", Field::boolean().describe("No check failed"))
                   .field("passed", Field::integer().describe("Checks that passed"))
                   .field("warnings", Field::integer().describe("Checks that warned"))
                   .field("failed", Field::integer().describe("Checks that failed"))
                   .field("source_catalog", Field::string())
                   .field("destination_catalog", Field::string()))
      .mutates()
      .handle([](const Request& r, const PreflightRequest& body) {
        const PreflightOptions o{body.catalogs.source.name, body.catalogs.destination,
                                 body.warehouseId.value_or(r.credentials().warehouseId),
                                 body.checkWrite};
        Json out = runPreflight(*r.workspace(), o, newUuid().substr(0, 8));
        out["source_catalog"] = o.sourceCatalog;
        out["destination_catalog"] = o.destinationCatalog;
        return out;
      });
}

struct RollbackRequest {
  std::string rollbackId;
  std::string logFile;
  std::string logPath;
  std::string warehouseId;
  bool dropCatalog = false;
  // log_file (the original's server) and log_path (its web UI) name the same id.
  [[nodiscard]] const std::string& id() const {
    if (!rollbackId.empty()) return rollbackId;
    return logFile.empty() ? logPath : logFile;
  }
  static const Schema<RollbackRequest>& schema() {
    static const auto s =
        Schema<RollbackRequest>("RollbackRequest")
            .field("rollback_id", &RollbackRequest::rollbackId,
                   Field::string().maxLength(200).describe(
                       "Id from GET /api/rollback/logs (rb-<job id>)"))
            .field("log_file", &RollbackRequest::logFile,
                   Field::string().maxLength(200).describe(
                       "Accepted for compatibility: a rollback id, never a file path"))
            .field("log_path", &RollbackRequest::logPath,
                   Field::string().maxLength(200).describe(
                       "The original web UI's name for the same id; never a file path"))
            .field("warehouse_id", &RollbackRequest::warehouseId, "SQL warehouse ID")
            .field("drop_catalog", &RollbackRequest::dropCatalog,
                   "Drop the whole destination catalog")
            .check([](const RollbackRequest& b) {
              if (b.id().empty()) {
                throw unprocessable(Json::array({"body", "rollback_id"}),
                                    "rollback_id is required (see GET /api/rollback/logs)",
                                    "missing");
              }
              if (b.id().find('/') != std::string::npos || b.id().find("..") != std::string::npos) {
                throw unprocessable(Json::array({"body", "rollback_id"}),
                                    "a rollback id, not a file path (see GET /api/rollback/logs)");
              }
            });
    return s;
  }
};

struct RollbackQueued {
  std::string jobId;
  std::string status = "queued";
  std::string rollbackId;
  std::string message = "Rollback job submitted";
  static const Schema<RollbackQueued>& schema() {
    static const auto s =
        Schema<RollbackQueued>("RollbackQueued")
            .field("job_id", &RollbackQueued::jobId, "The rollback job")
            .field("status", &RollbackQueued::status, "Always queued")
            .field("rollback_id", &RollbackQueued::rollbackId, "The log being rolled back")
            .field("message", &RollbackQueued::message, "What was submitted");
    return s;
  }
};

}  // namespace

void registerCloneRoutes(Routes& routes, const std::shared_ptr<CloneService>& service) {
  routes.post("/api/clone")
      .summary("Submit a clone job")
      .description(
          "Clones a catalog (DEEP or SHALLOW, with time travel, filters and metadata) as a job "
          "followed through GET /api/clone/{job_id}. The result counts {success, failed, "
          "skipped} per object type; a run with failures ends completed_with_errors. dry_run "
          "lists every statement in order and writes nothing. resume_job_id finishes only what "
          "an earlier run did not.")
      .body<CloneRequest>()
      .returns<QueuedJob>()
      .mutates()
      .handle([service](const Request& r, const CloneRequest& body) {
        // A missing source is the caller's mistake: say so now rather than in a failed job.
        requireCatalog(*r.workspace(), body.catalogs.source.name, "Source catalog");
        requireAccessAllowed(service->host(), r,
                             {"clone", body.catalogs.source.name, body.catalogs.destination,
                              body.settings.includeSchemas, body.settings.excluded.names});
        return QueuedJob{.jobId = service->submitClone(body, r.credentials()),
                         .message = "Clone job submitted"};
      });

  registerMultiClone(routes, service);
  registerPreflight(routes);

  routes.get("/api/rollback/logs")
      .summary("List rollback logs")
      .description(
          "One log per clone run, newest first: the tables it changed with their versions "
          "before the run, and the objects it created. The answer is a list of RollbackLog.")
      .query("limit", Field::integer().min(1).max(1000).clampToMax().defaultsTo(100).describe(
                          "At most this many logs"))
      .returns(Model("RollbackLog")
                   .field("rollback_id", Field::string().describe("Id for POST /api/rollback"))
                   .field("job_id", Field::string().describe("The clone run"))
                   .field("source_catalog", Field::string())
                   .field("destination_catalog", Field::string())
                   .field("timestamp", Field::string().describe("When the run started"))
                   .field("status", Field::string().describe("pending until rolled back"))
                   .field("executed_at", Field::string().nullable())
                   .field("total_objects", Field::integer())
                   .field("table_versions",
                          Field::object().describe("schema.table: version before the run"))
                   .field("created_objects",
                          Field::object().describe("Objects the run created, by kind"))
                   .field("restore_mode", Field::string().describe("version or drop")))
      .handle([service](const Request& r) {
        Json out = Json::array();
        for (auto& l : service->store().listLogs(r.query()["limit"].get<int>())) {
          out.push_back(std::move(l));
        }
        return out;
      });

  routes.post("/api/rollback")
      .summary("Roll back a clone run")
      .description(
          "A job that restores the tables the run changed to their recorded versions and drops "
          "what it created, views and functions included. Logs are named by id; file paths are "
          "not accepted.")
      .body<RollbackRequest>()
      .returns<RollbackQueued>()
      .mutates()
      .handle([service](const Request& r, const RollbackRequest& body) {
        return RollbackQueued{.jobId = service->submitRollback(body.id(), body.dropCatalog,
                                                               r.credentials(), body.warehouseId),
                              .rollbackId = body.id()};
      });
}

}  // namespace clxs::clone
