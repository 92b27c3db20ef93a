#include "plugins/observability/impact.hpp"

#include <array>
#include <map>
#include <set>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {
namespace {

constexpr std::array<const char*, 5> kRiskLevels{"none", "low", "medium", "high", "high"};

std::string plural(std::size_t n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

// Lineage names its entities JOB, NOTEBOOK, PIPELINE, DASHBOARD (and others, e.g. QUERY).
std::string summaryKey(const std::string& entityType) {
  const auto t = lowerAscii(entityType);
  if (t == "job" || t == "notebook" || t == "pipeline" || t == "dashboard") return t + "s";
  return "other_entities";
}

}  // namespace

Json impactOf(const std::string& tableFqn, const LineageLookup& downstream,
              const std::vector<Json>& incidents) {
  Json out{{"table_fqn", tableFqn},
           {"lineage_available", downstream.walk.has_value()},
           {"open_incidents", incidents}};
  Json summary{{"tables", 0},    {"views", 0},      {"jobs", 0},          {"notebooks", 0},
               {"pipelines", 0}, {"dashboards", 0}, {"other_entities", 0}};
  Json tables = Json::array();
  Json entities = Json::array();
  if (!downstream.walk) {
    out["reason"] = downstream.reason;
    out["downstream_tables"] = tables;
    out["entities"] = entities;
    out["summary"] = summary;
    out["truncated"] = false;
    out["risk"] = {{"level", "unknown"}, {"reasons", Json::array({downstream.reason})}};
    return out;
  }
  const auto& walk = *downstream.walk;
  // The first edge that reached each table says how and how far.
  std::map<std::string, const services::LineageEdge*> reachedBy;
  std::map<std::string, std::set<std::string>> entityTables;
  for (const auto& e : walk.edges) {
    reachedBy.emplace(e.target, &e);
    for (const auto& entity : e.entities) entityTables[entity].insert(e.target);
  }
  for (const auto& t : walk.tables) {
    const auto* e = reachedBy.at(t);
    const bool view = upperAscii(e->targetType).find("VIEW") != std::string::npos;
    summary[view ? "views" : "tables"] = summary[view ? "views" : "tables"].get<int>() + 1;
    tables.push_back({{"table_fqn", t},
                      {"type", e->targetType.empty() ? "TABLE" : e->targetType},
                      {"depth", e->depth},
                      {"via", e->source},
                      {"last_event_time", e->lastEventTime}});
  }
  bool dashboards = false;
  bool writers = false;
  for (const auto& [entity, written] : entityTables) {
    const auto colon = entity.find(':');
    const auto type = entity.substr(0, colon);
    const auto key = summaryKey(type);
    summary[key] = summary[key].get<int>() + 1;
    dashboards = dashboards || key == "dashboards";
    writers = writers || key == "jobs" || key == "notebooks" || key == "pipelines";
    entities.push_back(
        {{"type", type},
         {"id", entity.substr(colon + 1)},
         {"tables", Json(std::vector<std::string>(written.begin(), written.end()))}});
  }
  const std::size_t objects = walk.tables.size() + entityTables.size();
  Json reasons = Json::array();
  std::size_t level = 0;
  if (objects == 0) {
    reasons.push_back("nothing downstream in lineage");
  } else {
    reasons.push_back(
        plural(summary["tables"].get<std::size_t>(), "downstream table") + " and " +
        plural(summary["views"].get<std::size_t>(), "view") + " within " +
        plural(static_cast<std::size_t>(walk.edges.empty() ? 0 : walk.edges.back().depth), "hop"));
    level = objects > 10 ? 3 : objects > 3 ? 2 : 1;
    if (writers && level < 2) {
      level = 2;
      reasons.push_back("jobs, notebooks or pipelines write downstream tables");
    }
    if (dashboards) {
      level = 3;
      reasons.push_back("dashboards read downstream tables");
    }
  }
  const bool severe = std::any_of(incidents.begin(), incidents.end(), [](const Json& i) {
    const auto s = i.value("severity", "");
    return s == "critical" || s == "high";
  });
  if (severe && level > 0) {
    ++level;
    reasons.push_back("the table has an unresolved critical or high incident");
  }
  if (walk.truncated) reasons.push_back("the depth limit stopped the walk: there may be more");
  out["downstream_tables"] = tables;
  out["entities"] = entities;
  out["summary"] = summary;
  out["truncated"] = walk.truncated;
  out["risk"] = {{"level", kRiskLevels[level]}, {"reasons", reasons}};
  return out;
}

void registerImpactRoute(Routes& routes, const Services& services,
                         std::shared_ptr<IncidentStore> incidents, const Clock& clock) {
  const Clock* clk = &clock;
  const Services* svc = &services;
  routes.get("/api/data-quality/impact/{table_fqn}")
      .summary("What a failing table puts at risk downstream")
      .description(
          "The tables and views built from the table within `depth` hops of lineage (same "
          "catalog included), the jobs, notebooks, pipelines and dashboards that wrote them, "
          "the table's unresolved incidents, and a risk level: none with nothing downstream, "
          "low up to 3 objects, medium up to 10 or when jobs write downstream, high beyond or "
          "when dashboards read downstream; an unresolved critical or high incident raises it "
          "one step. Without the lineage plugin the level is unknown, with the reason.")
      .returns(impactModel())
      .pathParam("table_fqn",
                 Field::string().required().minLength(5).describe("catalog.schema.table"))
      .query("depth",
             Field::integer().min(1).max(10).defaultsTo(3).describe("Hops of lineage to follow"))
      .handle([svc, incidents, clk](const Request& req) {
        const auto name = tableNameOf(req.param("table_fqn"));
        auto ws = req.workspace();
        const auto options = callOptions(req, *clk, std::chrono::seconds(60));
        try {
          (void)ws->catalog().table(name, options);
        } catch (const WorkspaceError& e) {
          if (e.errorClass() == WorkspaceErrorClass::NotFound)
            throw notFound("Table '" + name.dotted() + "' does not exist");
          throw;
        }
        const auto fqn = lowerAscii(name.dotted());
        std::vector<Json> own;
        for (auto& i : incidents->unresolvedIn(name.catalog, name.schema)) {
          if (lowerAscii(i.value("table_fqn", "")) == fqn) own.push_back(std::move(i));
        }
        const auto depth = static_cast<int>(queryNumber(req, "depth", 3));
        auto out = impactOf(
            fqn,
            lookupLineage(*svc, *ws, fqn, services::LineageDirection::Downstream, depth, options),
            own);
        out["depth"] = depth;
        out["checked_at"] = isoUtc(clk->now());
        return out;
      });
}

}  // namespace clxs::observability
