#include "plugins/observability/freshness_routes.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/catalog_tables.hpp"
#include "plugins/observability/data_freshness.hpp"
#include "plugins/observability/freshness_scan.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {
namespace {

constexpr std::chrono::seconds kFreshnessDeadline{300};

FreshnessPolicy policyOf(const Request& req) {
  return {queryNumber(req, "max_stale_hours", 24), queryNumber(req, "cadence_factor", 3)};
}

Field maxStaleHours() {
  return Field::number().min(0).defaultsTo(24).describe(
      "A table is stale when its last data commit is older than this many hours");
}

Field cadenceFactor() {
  return Field::number().min(1).defaultsTo(3).describe(
      "A table is late when the time since its last data commit exceeds this many times the "
      "median gap between its data commits");
}

struct Counts {
  std::int64_t total = 0, fresh = 0, stale = 0, unknown = 0, late = 0;
  void add(const Json& row) {
    ++total;
    const auto status = row.value("status", "unknown");
    (status == "fresh" ? fresh : status == "stale" ? stale : unknown) += 1;
    if (row.value("is_late", false)) ++late;
  }
  void into(Json& out) const {
    out["total_tables"] = total;
    out["fresh"] = fresh;
    out["stale"] = stale;
    out["unknown"] = unknown;
    out["late"] = late;
  }
};

}  // namespace

void registerFreshnessRoutes(Routes& routes, const Clock& clock) {
  const Clock* clk = &clock;
  const std::string base = "/api/data-quality/freshness";

  routes.get(base + "/summary")
      .summary("Freshness counts across catalogs")
      .returns(freshnessSummaryModel())
      .description(
          "Fresh, stale, late and unknown tables of every catalog (system catalogs and `__*` "
          "left out), or of `catalog`, measured now from each table's Delta history.")
      .query("catalog", Field::string().identifier().describe("Only this catalog"))
      .query("max_stale_hours", maxStaleHours())
      .query("cadence_factor", cadenceFactor())
      .handle([clk](const Request& req) {
        auto ws = req.workspace();
        const auto options = callOptions(req, *clk, kFreshnessDeadline);
        const auto policy = policyOf(req);
        const auto only = queryText(req, "catalog");
        std::vector<std::string> catalogs;
        if (!only.empty()) {
          catalogs.push_back(only);
        } else {
          for (const auto& c : ws->catalog().catalogs(options)) {
            if (!isSystemCatalog(c.name)) catalogs.push_back(c.name);
          }
        }
        const auto now = clk->now();
        Counts all;
        Json perCatalog = Json::array();
        for (const auto& c : catalogs) {
          Counts counts;
          for (const auto& row :
               measureFreshness(*ws, catalogTables(*ws, c, "", options), policy, now, options)) {
            counts.add(row);
            all.add(row);
          }
          Json entry{{"catalog", c}};
          counts.into(entry);
          perCatalog.push_back(std::move(entry));
        }
        Json out{{"max_stale_hours", policy.maxStaleHours}, {"checked_at", isoUtc(now)}};
        all.into(out);
        out["catalogs"] = std::move(perCatalog);
        return out;
      });

  routes.get(base + "/{catalog}")
      .summary("Freshness of a catalog's tables")
      .returns(freshnessReportModel())
      .description(
          "Each table's last data commit from its Delta history (WRITE, MERGE, UPDATE, DELETE, "
          "COPY INTO, CTAS, TRUNCATE, CLONE, RESTORE, streaming updates; a comment, a property "
          "or an OPTIMIZE does not count), hours since, stale past max_stale_hours, late past "
          "cadence_factor × the median gap between its data commits. Views are left out.")
      .pathParam("catalog", Field::string().required().identifier().describe("Catalog"))
      .query("schema", Field::string().identifier().describe("Only this schema"))
      .query("max_stale_hours", maxStaleHours())
      .query("cadence_factor", cadenceFactor())
      .query("event_time_column",
             Field::string().identifier().describe(
                 "Event-time mode: the tables with this column are judged by the age of its "
                 "newest value (max, one query per table) rather than of their last commit, "
                 "with the ingestion latency between the two"))
      .handle([clk](const Request& req) {
        auto ws = req.workspace();
        const auto options = callOptions(req, *clk, kFreshnessDeadline);
        const auto policy = policyOf(req);
        const auto schema = queryText(req, "schema");
        const auto now = clk->now();
        const auto tables = catalogTables(*ws, req.param("catalog"), schema, options);
        Counts counts;
        Json rows = Json::array();
        const auto eventColumn = queryText(req, "event_time_column");
        for (auto& row : measureFreshness(*ws, tables, policy, now, options, eventColumn)) {
          counts.add(row);
          rows.push_back(std::move(row));
        }
        Json out{{"catalog", req.param("catalog")},
                 {"schema_filter", schema.empty() ? Json() : Json(schema)},
                 {"max_stale_hours", policy.maxStaleHours},
                 {"cadence_factor", policy.cadenceFactor},
                 {"event_time_column", eventColumn.empty() ? Json() : Json(eventColumn)},
                 {"checked_at", isoUtc(now)}};
        counts.into(out);
        out["tables"] = std::move(rows);
        return out;
      });

  routes.get(base + "/{catalog}/{schema}/{table}/history")
      .summary("Freshness history of a table")
      .returns(freshnessHistoryModel())
      .description(
          "The table's data commits, newest first, each with the hours since the data commit "
          "before it and whether that gap exceeded max_stale_hours: its freshness over time, "
          "read from the Delta history (limit commits at most).")
      .pathParam("catalog", Field::string().required().identifier().describe("Catalog"))
      .pathParam("schema", Field::string().required().identifier().describe("Schema"))
      .pathParam("table", Field::string().required().identifier().describe("Table"))
      .query("limit", Field::integer().min(1).max(1000).defaultsTo(100).describe(
                          "Commits of the history read"))
      .query("max_stale_hours", maxStaleHours())
      .handle([clk](const Request& req) {
        auto ws = req.workspace();
        const auto options = callOptions(req, *clk, kFreshnessDeadline);
        const ObjectName name{req.param("catalog"), req.param("schema"), req.param("table")};
        std::vector<HistoryEntry> history;
        try {
          history = ws->catalog().history(
              name, static_cast<std::int64_t>(queryNumber(req, "limit", 100)), options);
        } catch (const WorkspaceError& e) {
          if (e.errorClass() == WorkspaceErrorClass::NotFound)
            throw notFound("Table '" + name.dotted() + "' does not exist");
          throw;
        }
        const auto policy = policyOf(req);
        auto snapshots = dataCommitGaps(history, policy);
        for (auto& s : snapshots) s["table_fqn"] = name.dotted();
        return Json{{"table_fqn", name.dotted()},
                    {"max_stale_hours", policy.maxStaleHours},
                    {"commits_read", history.size()},
                    {"current", freshnessOf(history, clk->now(), policy)},
                    {"snapshots", std::move(snapshots)}};
      });
}

}  // namespace clxs::observability
