#include "plugins/quality/suite_routes.hpp"

#include <string>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/sql.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/response_models.hpp"

namespace clxs::quality {

namespace {

struct SuiteBody {
  std::string name;
  std::string description;
  Json checks = Json::array();
  static const Schema<SuiteBody>& schema() {
    static const auto s =
        Schema<SuiteBody>("QualitySuite")
            .field("name", &SuiteBody::name,
                   Field::string().required().minLength(1).maxLength(255).describe("Name"))
            .field("description", &SuiteBody::description, "Free text")
            .field(
                "checks", &SuiteBody::checks,
                Field::array(Field::object())
                    .describe("[{check_id, description}]: DQX checks and data-quality rules by id "
                              "(the original's [{type, id}] too)"));
    return s;
  }
};

struct GateBody {
  std::string tableFqn;
  std::string suiteId;
  double minPassRate = 100;
  std::string warehouseId;
  static const Schema<GateBody>& schema() {
    static const auto s =
        Schema<GateBody>("QualityGate")
            .required("table_fqn", &GateBody::tableFqn, "catalog.schema.table to judge")
            .field("suite_id", &GateBody::suiteId, "The suite's checks; empty: the table's")
            .field("min_pass_rate", &GateBody::minPassRate,
                   Field::number().min(0).max(100).defaultsTo(100).describe(
                       "Valid rows the table needs, in % (0–100)"))
            .field("warehouse_id", &GateBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

Field suiteIdParam() {
  return Field::string().required().maxLength(64).describe("Suite id");
}

}  // namespace

void registerSuiteRoutes(Routes& routes, std::shared_ptr<SuiteRepository> suites,
                         std::shared_ptr<SuiteRunner> runner, const Clock& clock) {
  const Clock* clk = &clock;
  const std::string base = "/api/data-quality";

  routes.get(base + "/suites")
      .summary("List suites")
      .returns(suiteListModel())
      .handle([suites](const Request&) {
        Json list = Json::array();
        for (const auto& s : suites->list()) {
          Json j = suiteJson(s);
          j.erase("checks");
          list.push_back(std::move(j));
        }
        return Json{{"suites", list}};
      });

  routes.post(base + "/suites")
      .summary("Create a suite")
      .description(
          "A named list of DQX checks and data-quality rules, run together; an id "
          "that is neither is a 422.")
      .body<SuiteBody>()
      .mutates()
      .returns(suiteModel())
      .handle([suites, runner, clk](const Request& req, const SuiteBody& b) {
        if (b.name.empty())
          throw unprocessable(Json::array({"body", "name"}), "Field required", "missing");
        StoredSuite s;
        s.id = newUuid();
        s.name = b.name;
        s.description = b.description;
        s.items = runner->resolveItems(b.checks);
        s.createdBy = req.workspace()->identity().currentUser({});
        s.createdAt = s.updatedAt = isoUtc(clk->now());
        suites->insert(s);
        return suiteJson(s);
      });

  routes.get(base + "/suites/{suite_id}")
      .summary("A suite")
      .pathParam("suite_id", suiteIdParam())
      .returns(suiteModel())
      .handle([suites](const Request& req) {
        const auto s = suites->find(req.param("suite_id"));
        if (!s) throw notFound("Suite " + req.param("suite_id") + " not found.");
        return suiteJson(*s);
      });

  routes.del(base + "/suites/{suite_id}")
      .summary("Delete a suite")
      .pathParam("suite_id", suiteIdParam())
      .mutates()
      .returns(statusModel("QualitySuiteDeleted", "suite_id"))
      .handle([suites](const Request& req) {
        if (!suites->remove(req.param("suite_id"))) {
          throw notFound("Suite " + req.param("suite_id") + " not found.");
        }
        return Json{{"status", "deleted"}, {"suite_id", req.param("suite_id")}};
      });

  routes.post(base + "/suites/{suite_id}/run")
      .summary("Run a suite")
      .description(
          "Runs every item for real, one query per table: a DQX check passes with no failing "
          "row, a rule with a failure rate within its threshold; an item whose table cannot be "
          "read is an error. overall_status is fail when any item fails or errs.")
      .pathParam("suite_id", suiteIdParam())
      .mutates()
      .returns(suiteRunModel())
      .handle([suites, runner, clk](const Request& req) {
        const auto s = suites->find(req.param("suite_id"));
        if (!s) throw notFound("Suite " + req.param("suite_id") + " not found.");
        auto ws = req.workspace();
        return runner->run(*ws, *s, {}, ws->identity().currentUser({}), isoUtc(clk->now()));
      });

  routes.post(base + "/gate/evaluate")
      .summary("Evaluate a quality gate")
      .description(
          "Runs the table's enabled checks and rules (or the suite's on the table) in one query "
          "and answers {passed, pass_rate, blocking_failures}: pass_rate is the valid rows in "
          "% (rows failing no error-level check); an error-level check passing fewer rows than "
          "min_pass_rate blocks. Also the service quality.gate for other plugins.")
      .body<GateBody>()
      .mutates()
      .returns(gateModel())
      .handle([runner](const Request& req, const GateBody& b) {
        const auto parts = splitQualified(b.tableFqn);
        if (parts.size() != 3) {
          throw badRequest("table_fqn must name a table as catalog.schema.table.");
        }
        CallOptions call;
        call.warehouseId = b.warehouseId;
        auto ws = req.workspace();
        return runner->evaluate(*ws, {b.tableFqn, b.suiteId, b.minPassRate}, call).toJson();
      });
}

}  // namespace clxs::quality
