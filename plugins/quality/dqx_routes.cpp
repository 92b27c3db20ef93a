#include "plugins/quality/dqx_routes.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/sql.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/check_registry.hpp"
#include "plugins/quality/check_run.hpp"
#include "plugins/quality/check_scan.hpp"
#include "plugins/quality/query_params.hpp"
#include "plugins/quality/response_models.hpp"
#include "plugins/quality/store_values.hpp"

namespace clxs::quality {

namespace {

constexpr const char* kBase = "/api/governance/dqx";

// The body of POST …/checks and PUT …/checks/{id}. The spec names the function `check_type`
// and the filter `filter`; the original's clients send `check_function` and `filter_expr`.
struct CheckBody {
  std::string tableFqn;
  std::string checkType;
  std::string checkFunction;
  std::string name;
  Json arguments = Json::object();
  std::string criticality = "error";
  std::string filter;
  std::string filterExpr;
  Json userMetadata = Json::object();
  static const Schema<CheckBody>& schema() {
    static const auto s =
        Schema<CheckBody>("DqxCheck")
            .field("table_fqn", &CheckBody::tableFqn,
                   Field::string().maxLength(767).describe("catalog.schema.table checked"))
            .field("check_type", &CheckBody::checkType,
                   Field::string().describe("Registry function (GET …/dqx/functions)"))
            .field("check_function", &CheckBody::checkFunction,
                   Field::string().describe("Same as check_type (the original's name)"))
            .field("name", &CheckBody::name,
                   Field::string().maxLength(255).describe("Name; DQX's when empty"))
            .field("arguments", &CheckBody::arguments,
                   Field::object().describe("The function's arguments by name"))
            .field("criticality", &CheckBody::criticality,
                   Field::string()
                       .oneOf({"error", "warn", "warning"})
                       .caseInsensitive()
                       .defaultsTo("error")
                       .describe("error makes a failing row invalid; warn only flags it"))
            .field("filter", &CheckBody::filter,
                   Field::string().describe("SQL predicate: the rows the check applies to"))
            .field("filter_expr", &CheckBody::filterExpr,
                   Field::string().describe("Same as filter (the original's name)"))
            .field("user_metadata", &CheckBody::userMetadata,
                   Field::object().describe("Key/value pairs kept with results"));
    return s;
  }
};

struct ToggleBody {
  bool enabled = true;
  static const Schema<ToggleBody>& schema() {
    static const auto s = Schema<ToggleBody>("DqxToggle")
                              .field("enabled", &ToggleBody::enabled,
                                     Field::boolean().defaultsTo(true).describe("On or off"));
    return s;
  }
};

struct BulkDeleteBody {
  std::vector<std::string> checkIds;
  std::string tableFqn;
  bool deleteAll = false;
  bool confirmDestructive = false;
  static const Schema<BulkDeleteBody>& schema() {
    static const auto s =
        Schema<BulkDeleteBody>("DqxBulkDelete")
            .field("check_ids", &BulkDeleteBody::checkIds, "Checks to delete")
            .field("table_fqn", &BulkDeleteBody::tableFqn, "With delete_all: that table's checks")
            .field("delete_all", &BulkDeleteBody::deleteAll, "Delete every check (of table_fqn)")
            .field("confirm_destructive", &BulkDeleteBody::confirmDestructive,
                   "Must be true to delete every check of every table");
    return s;
  }
};

struct RunBody {
  std::string tableFqn;
  std::vector<std::string> checkIds;
  std::string warehouseId;
  std::string quarantineTable;
  static const Schema<RunBody>& schema() {
    static const auto s =
        Schema<RunBody>("DqxRun")
            .required("table_fqn", &RunBody::tableFqn, "catalog.schema.table to check")
            .field("check_ids", &RunBody::checkIds, "Checks to run; empty: every enabled check")
            .field("quarantine_table", &RunBody::quarantineTable,
                   Field::string().maxLength(767).describe(
                       "Write the failing rows, with _errors and _warnings, to this "
                       "catalog.schema.table (the settings' quarantine_table when absent)"))
            .field("warehouse_id", &RunBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

Field idParam() {
  return Field::string().required().maxLength(64).describe("Check id");
}

std::string now(const Clock& clock) {
  return isoUtc(clock.now());
}

std::string userOf(const Request& req) {
  return req.workspace()->identity().currentUser({});
}

// A three-part table name, checked (400 otherwise) and given back as written.
std::string tableName(const std::string& fqn) {
  const auto parts = splitQualified(fqn);
  if (parts.size() != 3) {
    throw badRequest("table_fqn must name a table as catalog.schema.table, not '" + fqn + "'.");
  }
  return fqn;
}

// The check a body describes (validated against the registry).
Check checkFrom(const CheckBody& b, Check base) {
  if (!b.tableFqn.empty()) base.tableFqn = tableName(b.tableFqn);
  if (!b.checkType.empty()) base.function = b.checkType;
  if (!b.checkFunction.empty()) base.function = b.checkFunction;
  if (b.checkType.empty() && b.checkFunction.empty() && base.function.empty()) {
    throw unprocessable(Json::array({"body", "check_type"}), "Field required", "missing");
  }
  base.name = b.name.empty() && base.id.empty() ? "" : (b.name.empty() ? base.name : b.name);
  base.arguments = b.arguments.is_null() ? Json::object() : b.arguments;
  base.criticality = parseCriticality(b.criticality).value_or(Criticality::Error);
  base.filter = !b.filter.empty() ? b.filter : b.filterExpr;
  base.userMetadata = b.userMetadata.is_null() ? Json::object() : b.userMetadata;
  validateCheck(base);
  return base;
}

}  // namespace

void registerDqxRoutes(Routes& routes, std::shared_ptr<CheckRepository> repository,
                       std::shared_ptr<QualitySettings> settings, const Clock& clock) {
  auto repo = std::move(repository);
  const Clock* clk = &clock;
  const std::string base = kBase;

  routes.get(base + "/functions")
      .summary("List the check functions")
      .description(
          "Exactly the functions the engine compiles to SQL, with their level (row or "
          "dataset), category, description and arguments (name → type; `?` marks optional).")
      .returnsListOf(functionModel())
      .handle([](const Request&) { return functionCatalog(); });

  routes.post(base + "/checks")
      .summary("Create a check")
      .description(
          "A DQX check on a table: a registry function with its arguments, criticality and an "
          "optional row filter. Arguments are validated against the registry (422) and the SQL "
          "it compiles to is checked (400) before anything is stored; a check identical to one "
          "on the table (same function, arguments and filter) is a 409.")
      .body<CheckBody>()
      .mutates()
      .returns(Model("DqxCheckCreated")
                   .field("check_id", Field::string().describe("Id"))
                   .field("name", Field::string().describe("Name"))
                   .field("status", Field::string().describe("created")))
      .handle([repo, clk](const Request& req, const CheckBody& b) {
        if (b.tableFqn.empty()) {
          throw unprocessable(Json::array({"body", "table_fqn"}), "Field required", "missing");
        }
        StoredCheck s;
        s.check = checkFrom(b, Check{});
        if (repo->hasFingerprint(s.check.tableFqn, fingerprint(s.check))) {
          throw conflict("The table " + s.check.tableFqn +
                         " has this check already (same "
                         "function, arguments and filter).");
        }
        s.check.id = newUuid();
        s.createdBy = userOf(req);
        s.createdAt = s.updatedAt = now(*clk);
        repo->insert(s);
        return Json{{"check_id", s.check.id}, {"name", s.check.name}, {"status", "created"}};
      });

  routes.get(base + "/checks")
      .summary("List checks")
      .description("The checks of a table (every table when table_fqn is absent), oldest first.")
      .query("table_fqn", Field::string().describe("catalog.schema.table"))
      .returnsListOf(checkModel())
      .handle([repo](const Request& req) {
        Json out = Json::array();
        for (const auto& c : repo->list(queryText(req, "table_fqn"))) {
          out.push_back(checkJson(c));
        }
        return out;
      });

  routes.put(base + "/checks/{check_id}")
      .summary("Update a check")
      .description(
          "Changes a check's name, function, arguments, criticality or filter; re-validated as "
          "on create. The audit log keeps the check before and after.")
      .pathParam("check_id", idParam())
      .body<CheckBody>()
      .mutates()
      .returns(statusModel("DqxCheckUpdated", "check_id"))
      .handle([repo, clk](const Request& req, const CheckBody& b) {
        auto stored = repo->find(req.param("check_id"));
        if (!stored) throw notFound("Check '" + req.param("check_id") + "' not found.");
        if (!b.tableFqn.empty() && b.tableFqn != stored->check.tableFqn) {
          throw badRequest("A check stays on its table; create a new one for " + b.tableFqn + ".");
        }
        // What the client did not send stays as it is (the body's defaults would reset it).
        CheckBody merged = b;
        if (!bodyHas(req, "arguments")) merged.arguments = stored->check.arguments;
        if (!bodyHas(req, "filter") && !bodyHas(req, "filter_expr")) {
          merged.filter = stored->check.filter;
        }
        if (!bodyHas(req, "criticality")) {
          merged.criticality = std::string(criticalityName(stored->check.criticality));
        }
        if (!bodyHas(req, "user_metadata")) merged.userMetadata = stored->check.userMetadata;
        stored->check = checkFrom(merged, stored->check);
        stored->updatedAt = now(*clk);
        repo->update(*stored, userOf(req), stored->updatedAt);
        return Json{{"status", "updated"}, {"check_id", stored->check.id}};
      });

  routes.del(base + "/checks/{check_id}")
      .summary("Delete a check")
      .pathParam("check_id", idParam())
      .mutates()
      .returns(statusModel("DqxCheckDeleted", "check_id"))
      .handle([repo, clk](const Request& req) {
        const std::string id = req.param("check_id");
        if (repo->remove({id}, userOf(req), now(*clk)) == 0) {
          throw notFound("Check '" + id + "' not found.");
        }
        return Json{{"status", "deleted"}, {"check_id", id}};
      });

  routes.post(base + "/checks/{check_id}/toggle")
      .summary("Enable or disable a check")
      .pathParam("check_id", idParam())
      .body<ToggleBody>()
      .mutates()
      .returns(statusModel("DqxCheckToggled", "check_id")
                   .field("enabled", Field::boolean().describe("Now")))
      .handle([repo, clk](const Request& req, const ToggleBody& b) {
        auto stored = repo->find(req.param("check_id"));
        if (!stored) throw notFound("Check '" + req.param("check_id") + "' not found.");
        stored->check.enabled = b.enabled;
        stored->updatedAt = now(*clk);
        repo->update(*stored, userOf(req), stored->updatedAt);
        return Json{{"status", "toggled"}, {"check_id", stored->check.id}, {"enabled", b.enabled}};
      });

  routes.post(base + "/checks/delete-bulk")
      .summary("Delete several checks")
      .description(
          "Deletes the checks in check_ids, or with delete_all every check of table_fqn. "
          "delete_all without a table deletes every check of every table and needs "
          "confirm_destructive: true (422 otherwise).")
      .body<BulkDeleteBody>()
      .mutates()
      .returns(bulkDeleteModel())
      .handle([repo, clk](const Request& req, const BulkDeleteBody& b) {
        const std::string user = userOf(req);
        const std::string at = now(*clk);
        if (!b.deleteAll) {
          return Json{{"deleted", repo->remove(b.checkIds, user, at)}};
        }
        if (b.tableFqn.empty() && !b.confirmDestructive) {
          throw unprocessable(Json::array({"body", "confirm_destructive"}),
                              "Deleting every check of every table needs confirm_destructive: "
                              "true",
                              "value_error");
        }
        std::vector<std::string> ids;
        for (const auto& c : repo->list(b.tableFqn)) ids.push_back(c.check.id);
        Json out{{"deleted", repo->remove(ids, user, at)}};
        if (!b.tableFqn.empty()) out["table_fqn"] = b.tableFqn;
        return out;
      });

  routes.get(base + "/checks/audit-log")
      .summary("The change log of checks")
      .description(
          "Every create, update and delete of a check, newest first, with who, when "
          "and the check before and after.")
      .query("check_id", Field::string().describe("Only this check"))
      .query("table_fqn", Field::string().describe("Only this table's checks"))
      .query("limit", Field::integer().min(1).max(1000).clampToMax().defaultsTo(100).describe(
                          "At most this many entries (up to 1000)"))
      .returnsListOf(auditModel())
      .handle([repo](const Request& req) {
        Json out = Json::array();
        for (auto& e : repo->audit(queryText(req, "check_id"), queryText(req, "table_fqn"),
                                   queryInt(req, "limit", 100))) {
          out.push_back(std::move(e));
        }
        return out;
      });

  routes.post(base + "/run")
      .summary("Run a table's checks")
      .description(
          "Runs the table's enabled checks (or those in check_ids) as one query on the "
          "workspace and records the result: input_rows, error_rows (rows failing an error "
          "check), warning_rows, valid_rows = input_rows − error_rows, pass_rate (0–100) and "
          "each check's error and warning counts. NULL values pass value checks, as in DQX. "
          "With a quarantine table the failing rows are also written there with DQX's _errors "
          "and _warnings columns (quarantine_table, quarantined_rows).")
      .body<RunBody>()
      .mutates()
      .returns(runModel())
      .handle([repo, settings, clk](const Request& req, const RunBody& b) {
        const std::string table = tableName(b.tableFqn);
        std::vector<Check> checks;
        for (const auto& s : repo->list(table)) {
          const bool chosen = b.checkIds.empty() ? s.check.enabled
                                                 : std::find(b.checkIds.begin(), b.checkIds.end(),
                                                             s.check.id) != b.checkIds.end();
          if (chosen) checks.push_back(s.check);
        }
        for (const auto& id : b.checkIds) {
          if (std::none_of(checks.begin(), checks.end(),
                           [&](const Check& c) { return c.id == id; })) {
            throw notFound("Check '" + id + "' is not a check of " + table + ".");
          }
        }
        if (checks.empty()) {
          throw badRequest("The table " + table + " has no enabled checks; create some first.");
        }
        auto ws = req.workspace();
        CallOptions call;
        call.warehouseId = b.warehouseId;
        const auto perCheck = settings->samplesPerCheck();
        // The quarantine target is checked before the run, so a bad name runs nothing.
        std::string quarantine = b.quarantineTable;
        if (quarantine.empty()) {
          const Json configured = settings->get().value("quarantine_table", Json());
          if (configured.is_string()) quarantine = configured.get<std::string>();
        }
        if (!quarantine.empty()) (void)tableNameParts(quarantine, "quarantine_table");
        const RunRecord run = runAndRecord(*ws, *repo, table, checks, perCheck, call,
                                           ws->identity().currentUser(call), now(*clk));
        Json out = runJson(run);
        if (!quarantine.empty()) {
          out["quarantine_table"] = quarantine;
          out["quarantined_rows"] = quarantineRows(*ws, run, checks, quarantine, call);
        }
        return out;
      });

  routes.get(base + "/results")
      .summary("Run results")
      .description("Recorded runs, newest first, of a table or of every table.")
      .query("table_fqn", Field::string().describe("catalog.schema.table"))
      .query("limit", Field::integer().min(1).max(1000).clampToMax().defaultsTo(50).describe(
                          "At most this many runs (up to 1000)"))
      .returnsListOf(runModel())
      .handle([repo](const Request& req) {
        Json out = Json::array();
        for (auto& r : repo->runs(queryText(req, "table_fqn"), queryInt(req, "limit", 50))) {
          out.push_back(std::move(r));
        }
        return out;
      });

  routes.get("/api/data-quality/failure-samples")
      .summary("Failing rows of runs")
      .description(
          "The failing rows kept when runs were recorded (at most failure_sample_limit per "
          "check and run; the table is never queried again), newest first, of a run or a "
          "table: {run_id, table_fqn, check_id, check_name, function, criticality, values}.")
      .query("run_id", Field::string().describe("Only this run"))
      .query("table_fqn", Field::string().describe("Only this table's runs"))
      .query("limit", Field::integer().min(1).max(1000).clampToMax().defaultsTo(100).describe(
                          "At most this many rows (up to 1000)"))
      .returnsListOf(Model("QualityFailureSample")
                         .field("run_id", Field::string().describe("The run"))
                         .field("table_fqn", Field::string().describe("The table"))
                         .field("check_id", Field::string().describe("The check"))
                         .field("check_name", Field::string().describe("Its name"))
                         .field("function", Field::string().describe("Its function"))
                         .field("criticality", Field::string().describe("error or warn"))
                         .field("values", Field::object().describe("The row's columns")))
      .handle([repo](const Request& req) {
        Json out = Json::array();
        for (auto& r : repo->samples(queryText(req, "run_id"), queryText(req, "table_fqn"),
                                     queryInt(req, "limit", 100))) {
          out.push_back(std::move(r));
        }
        return out;
      });
}

}  // namespace clxs::quality
