#include "plugins/observability/correlation_routes.hpp"

#include <set>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/lineage_links.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"
#include "plugins/observability/root_cause.hpp"

namespace clxs::observability {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// Lineage is followed this far when linking failing tables, as in the correlation rule.
constexpr int kLinkHops = 3;
// Tables whose lineage is walked per correlation; beyond, the rest are grouped by table only.
constexpr std::size_t kMaxLinkedTables = 200;
// History entries read per table for the root cause.
constexpr std::int64_t kHistoryEntries = 100;

std::vector<CorrelationEvent> eventsSince(const IncidentStore& incidents,
                                          std::chrono::system_clock::time_point since) {
  std::vector<CorrelationEvent> out;
  for (const auto& i : incidents.activeSince(isoUtc(since))) {
    const auto at = parseIsoUtc(i.value("opened_at", ""));
    if (!at || *at < since) continue;
    out.push_back({i.value("id", ""), i.value("source", ""), lowerAscii(i.value("table_fqn", "")),
                   *at, i.value("severity", ""), i.value("title", "")});
  }
  return out;
}

Field windowHours(int fallback, int max) {
  return Field::integer().min(1).max(max).defaultsTo(fallback).describe("Hours back");
}

std::int64_t queryInt(const Request& req, const char* name, std::int64_t fallback) {
  return static_cast<std::int64_t>(queryNumber(req, name, static_cast<double>(fallback)));
}

}  // namespace

void registerCorrelationRoutes(Routes& routes, const Services& services,
                               std::shared_ptr<IncidentStore> incidents,
                               std::shared_ptr<CorrelationStore> groups, const Clock& clock) {
  const Clock* clk = &clock;
  const Services* svc = &services;
  routes.post("/api/anomalies/correlate")
      .summary("Group the failures that started together")
      .description(
          "Takes the incidents (anomalies, volume drops, failing checks, freshness breaches, …) "
          "that started in the last `hours`; two join one group when they started within "
          "`time_window_minutes` of each other and their tables are the same or linked by "
          "lineage within 3 hops (lineage plugin; without it only the same table links). The "
          "root cause of a group is its earliest member on a table with no failing upstream "
          "table in the group. Groups of two or more are stored; correlating the same incidents "
          "again updates their group.")
      .returns(correlationRunModel())
      .query("time_window_minutes", Field::integer().min(10).max(10'080).defaultsTo(120).describe(
                                        "Most minutes between two members' starts"))
      .query("hours", windowHours(24, 24 * 90))
      .mutates()
      .handle([svc, incidents, groups, clk](const Request& req) {
        const auto window = minutes(queryInt(req, "time_window_minutes", 120));
        const auto lookback = queryInt(req, "hours", 24);
        const auto now = clk->now();
        const auto events = eventsSince(*incidents, now - hours(lookback));
        std::set<std::string> tables;
        for (const auto& e : events) tables.insert(e.tableFqn);
        LineageLinks links;
        std::string lineageReason;
        std::size_t walked = 0;
        if (tables.size() > 1) {
          auto ws = req.workspace();
          const auto options = callOptions(req, *clk, std::chrono::seconds(120));
          for (const auto& t : tables) {
            if (walked == kMaxLinkedTables) {
              lineageReason = "lineage walked for the first " + std::to_string(walked) +
                              " tables only; the others link by table";
              break;
            }
            const auto down = lookupLineage(*svc, *ws, t, services::LineageDirection::Downstream,
                                            kLinkHops, options);
            if (!down.walk) {
              lineageReason = down.reason;
              break;
            }
            ++walked;
            for (const auto& e : down.walk->edges) {
              if (tables.count(e.target) && !links[t].count(e.target)) links[t][e.target] = e.depth;
            }
          }
        }
        const auto found = correlate(events, links, window);
        Json out{{"time_window_minutes", window.count()},
                 {"hours", lookback},
                 {"events_considered", events.size()},
                 {"tables_considered", tables.size()},
                 {"lineage_tables_walked", walked},
                 {"groups", groups->save(found, static_cast<int>(window.count()), isoUtc(now))},
                 {"computed_at", isoUtc(now)}};
        if (!lineageReason.empty()) out["lineage_note"] = lineageReason;
        return out;
      });

  routes.get("/api/anomalies/groups")
      .summary("Recent correlation groups")
      .description("Groups whose last member started in the last `hours`, newest first.")
      .returns(correlationGroupListModel())
      .query("hours", windowHours(24 * 7, 24 * 365))
      .query("limit", Field::integer().min(1).max(1000).defaultsTo(50).describe("Most groups"))
      .handle([groups, clk](const Request& req) {
        const auto lookback = queryInt(req, "hours", 24 * 7);
        const auto list =
            groups->list(isoUtc(clk->now() - hours(lookback)), queryInt(req, "limit", 50));
        return Json{{"groups", list}, {"total", list.size()}, {"hours", lookback}};
      });

  routes.get("/api/anomalies/groups/{group_id}")
      .summary("One correlation group")
      .description(
          "Its members by time, the lineage links between their tables, and per table "
          "when it first failed relative to the group's start.")
      .returns(correlationGroupModel())
      .pathParam("group_id", Field::string().required().minLength(1).describe("Group id"))
      .handle([groups](const Request& req) {
        const auto id = req.param("group_id");
        auto group = groups->find(id);
        if (!group) throw notFound("Correlation group " + id + " not found");
        return *group;
      });

  routes.get("/api/anomalies/root-causes")
      .summary("Tables most often the root cause")
      .description("Root-cause tables of the groups of the last `days`, most groups first.")
      .returns(rootCauseListModel())
      .query("days", Field::integer().min(1).max(365).defaultsTo(7).describe("Days back"))
      .query("limit", Field::integer().min(1).max(1000).defaultsTo(10).describe("Most tables"))
      .handle([groups, clk](const Request& req) {
        const auto days = queryInt(req, "days", 7);
        return Json{{"root_causes", groups->rootCauses(isoUtc(clk->now() - hours(24 * days)),
                                                       queryInt(req, "limit", 10))},
                    {"days", days}};
      });

  routes.get("/api/data-quality/root-cause/{table_fqn}")
      .summary("Look upstream for the cause of a table's trouble")
      .description(
          "The table's and its upstream tables' (lineage plugin, `depth` hops) incidents, volume "
          "drops, schema changes in the last `hours` and freshness gaps now, each with its time "
          "offset against the table's first signal, and the most upstream table whose trouble "
          "began no later as the likely root cause.")
      .returns(rootCauseModel())
      .pathParam("table_fqn",
                 Field::string().required().minLength(5).describe("catalog.schema.table"))
      .query("hours", windowHours(24, 24 * 90))
      .query("depth",
             Field::integer().min(1).max(10).defaultsTo(3).describe("Hops of lineage upstream"))
      .handle([svc, incidents, clk](const Request& req) {
        const auto name = tableNameOf(req.param("table_fqn"));
        const auto fqn = lowerAscii(name.dotted());
        auto ws = req.workspace();
        const auto options = callOptions(req, *clk, std::chrono::seconds(120));
        const auto now = clk->now();
        const auto lookback = queryInt(req, "hours", 24);
        const auto since = now - hours(lookback);
        std::vector<TableEvidence> evidence{{fqn, 0, {}, {}, ""}};
        try {
          evidence[0].history = ws->catalog().history(name, kHistoryEntries, options);
        } catch (const WorkspaceError& e) {
          if (e.errorClass() == WorkspaceErrorClass::NotFound)
            throw notFound("Table '" + name.dotted() + "' does not exist");
          throw;
        }
        const auto depth = static_cast<int>(queryInt(req, "depth", 3));
        const auto up =
            lookupLineage(*svc, *ws, fqn, services::LineageDirection::Upstream, depth, options);
        if (up.walk) {
          for (const auto& e : up.walk->edges) {
            if (std::none_of(evidence.begin(), evidence.end(),
                             [&](const auto& t) { return t.tableFqn == e.source; })) {
              evidence.push_back({e.source, e.depth, {}, {}, ""});
            }
          }
        }
        for (auto& t : evidence) {
          if (t.depth == 0) continue;
          try {
            t.history = ws->catalog().history(tableNameOf(t.tableFqn), kHistoryEntries, options);
          } catch (const WorkspaceError& e) {
            if (e.errorClass() == WorkspaceErrorClass::Cancelled) throw;
            t.historyError = e.what();  // a view or a dropped table has no history
          }
        }
        for (auto& i : incidents->activeSince(isoUtc(since))) {
          const auto key = lowerAscii(i.value("table_fqn", ""));
          for (auto& t : evidence) {
            if (t.tableFqn == key) t.incidents.push_back(i);
          }
        }
        auto out = rootCauseOf(evidence, since, now);
        out["table_fqn"] = fqn;
        out["hours"] = lookback;
        out["depth"] = depth;
        out["lineage_available"] = up.walk.has_value();
        if (!up.walk) out["lineage_note"] = up.reason;
        out["checked_at"] = isoUtc(now);
        return out;
      });
}

}  // namespace clxs::observability
