#include "plugins/clone/clone_routes.hpp"

#include <cctype>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"

namespace clxs::clone {
namespace {}  // namespace

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
    bool found = false;
    for (const auto& c : r.workspace()->catalogs({})) {
      found = found || lowerAscii(c.name) == lowerAscii(options.sourceCatalog);
    }
    if (!found) throw notFound("Source catalog '" + options.sourceCatalog + "' does not exist");
    const auto id = service->submitClone(std::move(options), r.credentials());
    return Json{{"job_id", id}, {"status", "queued"}, {"message", "Clone job submitted"}};
  });

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
