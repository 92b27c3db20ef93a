#include "plugins/observability/copq_routes.hpp"

#include <chrono>
#include <limits>
#include <string>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/services/lineage_graph.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/copq_compute.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {
namespace {

Field copqDaysParam(int fallback, int minimum) {
  return Field::integer().min(minimum).max(3650).defaultsTo(fallback).describe(
      "Events of incidents opened in the last this many days");
}

// The window's start as the stored times spell it.
std::string copqSince(const Clock& clock, int days) {
  return isoUtc(clock.now() - std::chrono::hours(24) * days);
}

// The lineage service when it is available now; held for one compute only (clxs/services.hpp).
std::shared_ptr<services::LineageGraph> copqLineage(Services& registry) {
  if (!registry.available<services::LineageGraph>()) return nullptr;
  try {
    return registry.get<services::LineageGraph>();
  } catch (const HttpError&) {
    return nullptr;  // disabled between the two calls
  }
}

}  // namespace

void registerCopqRoutes(Routes& routes, const CopqDeps& deps) {
  const CopqDeps d = deps;
  const std::string base = "/api/copq";

  routes.get(base + "/summary")
      .summary("Cost of poor quality: total and breakdown")
      .description(
          "The cost events (POST /api/copq/compute) of the incidents opened in the last `days` "
          "days: their total, each component's sum (engineer_time, reruns, sla_breach, "
          "downstream_disruption) and the total per incident source. Amounts are kept in whole "
          "cents, so the total is exactly the sum of the components. Reads only.")
      .returns(copqSummaryModel())
      .query("days", copqDaysParam(30, 1))
      .handle([d](const Request& req) {
        const auto days = static_cast<int>(queryNumber(req, "days", 30));
        auto out = d.events->summary(copqSince(*d.clock, days));
        out["days"] = days;
        out["since"] = copqSince(*d.clock, days);
        out["config"] = d.config->get();
        return out;
      });

  routes.get(base + "/by-table")
      .summary("Cost of poor quality per table, costliest first")
      .description(
          "Each table's events of the last `days` days with their total and breakdown; with "
          "include_events, every event's inputs and components, to audit the numbers.")
      .returns(copqByTableModel())
      .query("days", copqDaysParam(30, 1))
      .query("include_events",
             Field::boolean().defaultsTo(false).describe("List each table's cost events"))
      .handle([d](const Request& req) {
        const auto days = static_cast<int>(queryNumber(req, "days", 30));
        const auto withEvents = req.query().value("include_events", false);
        const auto since = copqSince(*d.clock, days);
        auto tables = d.events->byTable(since, withEvents);
        const auto total = tables.size();
        return Json{
            {"days", days}, {"since", since}, {"tables", std::move(tables)}, {"total", total}};
      });

  routes.get(base + "/trends")
      .summary("Weekly cost of poor quality")
      .description(
          "One bucket per week (Monday to Sunday, UTC) from the week `days` days ago to this "
          "week, every week present (zero when nothing occurred); events count in the week "
          "their incident opened. The first week holds only its days inside the window.")
      .returns(copqTrendsModel())
      .query("days", copqDaysParam(90, 7))
      .handle([d](const Request& req) {
        const auto days = static_cast<int>(queryNumber(req, "days", 90));
        const auto now = d.clock->now();
        const auto from = now - std::chrono::hours(24) * days;
        auto out = d.events->weekly(from, now);
        out["days"] = days;
        out["since"] = isoUtc(from);
        return out;
      });

  routes.get(base + "/config")
      .summary("Cost assumptions of the COPQ compute")
      .returns(CopqConfig::model())
      .handle([d](const Request&) { return d.config->get(); });

  routes.put(base + "/config")
      .summary("Change the cost assumptions")
      .description(
          "Changes the fields the body names, each a finite number ≥ 0 (422 naming the field "
          "otherwise, or for a field not listed); the others stay. Used by the next compute: "
          "stored events keep the assumptions they were computed with until then.")
      .body(CopqConfig::model())
      .returns(CopqConfig::model())
      .mutates()
      .handle([d](const Request& req) { return d.config->put(req.body()); });

  routes.post(base + "/compute")
      .summary("Turn every incident into its cost event")
      .description(
          "A job (follow it with GET /api/clone/{job_id}): a few thousand incidents are quick "
          "to cost, but the tables downstream of each incident's table are read from lineage, "
          "one warehouse query per hop per table, which on Databricks takes minutes. One event "
          "per incident: computing again replaces an incident's event when its inputs changed "
          "and leaves it otherwise; the result counts events created, updated and unchanged.")
      .returns(queuedJobModel())
      .mutates()
      .handle([d](const Request& req) {
        auto ws = req.workspace();
        const auto user =
            ws->identity().currentUser(callOptions(req, *d.clock, std::chrono::seconds(30)));
        const auto call = callOptions(req, *d.clock, std::chrono::hours(1));
        const auto id = d.jobs->submit(
            JobSpec{.type = "observability.copq_compute",
                    .params = {{"started_by", user}},
                    .writes = {"observability:copq_events"}},
            [d, ws, call, user](JobContext& ctx) {
              auto options = call;
              options.cancel = &ctx.cancellation();
              const auto graph = copqLineage(*d.services);
              const auto incidents =
                  d.incidents->list(std::numeric_limits<std::int64_t>::max(), "", "");
              const auto total = static_cast<std::int64_t>(incidents.size());
              auto result = computeCopqEvents(
                  incidents, d.config->rates(), lineageDownstream(graph, ws, options), *d.events,
                  isoUtc(d.clock->now()), user, [&ctx, total](std::size_t done) {
                    ctx.checkCancelled();
                    const auto n = static_cast<std::int64_t>(done);
                    if (n % 100 == 0 || n == total) ctx.progress(n, total);
                  });
              result["lineage_available"] = graph != nullptr;
              result["config"] = d.config->get();
              return JobOutcome::completed(std::move(result));
            });
        return Json{{"job_id", id}, {"status", "queued"}};
      });
}

}  // namespace clxs::observability
