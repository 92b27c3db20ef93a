#include "plugins/observability/coverage_routes.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "clxs/data_tags.hpp"
#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/id.hpp"
#include "clxs/services/quality_catalog.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/catalog_tables.hpp"
#include "plugins/observability/coverage.hpp"
#include "plugins/observability/lineage_links.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {
namespace {

constexpr std::chrono::seconds kCoverageDeadline{120};
constexpr const char* kNoSlaProvider =
    "has_sla and has_contract are false for every table: no SLA or data-contract provider "
    "exists yet";

// The coverage of the tables of a catalog, with notes on what could not be known.
struct CatalogCoverage {
  std::vector<TableInfo> tables;
  std::vector<Json> coverage;  // one per table, in the same order
  Json notes = Json::array();
};

CatalogCoverage catalogCoverage(Workspace& ws, const CoverageDeps& d, const std::string& catalog,
                                const std::string& schema, const CallOptions& call) {
  CatalogCoverage out;
  out.tables = catalogTables(ws, catalog, schema, call);
  // Checks belong to the quality plugin: asked for through its service, when it is there.
  std::map<std::string, std::vector<services::DefinedCheck>> checks;
  bool checksKnown = false;
  if (d.services->available<services::QualityCatalog>()) {
    try {
      for (auto& t : d.services->get<services::QualityCatalog>()->checksIn(catalog, schema))
        checks[lowerAscii(t.tableFqn)] = std::move(t.checks);
      checksKnown = true;
    } catch (const std::exception& e) {
      out.notes.push_back(std::string("the quality catalog failed: ") + e.what());
    }
  }
  if (!checksKnown) {
    out.notes.push_back(
        "no quality catalog service (quality.catalog) is available: the tables' checks and "
        "rules are unknown, so has_dq_rule and has_dqx_check are false");
  }
  std::map<std::string, MonitorConfig> monitors;
  for (auto& m : d.monitors->list()) monitors[lowerAscii(m.tableFqn)] = std::move(m);
  static const std::vector<services::DefinedCheck> kNoChecks;
  for (const auto& t : out.tables) {
    const auto key = lowerAscii(fqnOf(t));
    const auto c = checks.find(key);
    const auto m = monitors.find(key);
    out.coverage.push_back(tableCoverageOf(t,
                                           !checksKnown        ? nullptr
                                           : c == checks.end() ? &kNoChecks
                                                               : &c->second,
                                           m == monitors.end() ? nullptr : &m->second));
  }
  out.notes.push_back(kNoSlaProvider);
  return out;
}

// Statements in the last 30 days whose text names the table, from the query history; unknown
// (with the note) where the workspace has none or refuses it.
std::optional<std::int64_t> tableReads(Workspace& ws, const TableInfo& t, const CallOptions& call,
                                       std::string& note) {
  try {
    const auto rs = ws.sql().execute(
        "SELECT count(*) AS n FROM system.query.history WHERE start_time >= current_timestamp() "
        "- INTERVAL 30 DAYS AND lower(statement_text) LIKE :pattern",
        {{"pattern", "%" + lowerAscii(t.schema + "." + t.name) + "%"}}, call);
    if (!rs.rows.empty() && !rs.rows[0].empty()) {
      const auto& v = rs.rows[0][0];
      if (v.is_number()) return v.get<std::int64_t>();
      if (v.is_string()) return std::stoll(v.get<std::string>());
    }
    note = "reads unknown: the query history answered no count";
  } catch (const WorkspaceError& e) {
    if (e.errorClass() == WorkspaceErrorClass::Cancelled) throw;
    note = std::string("reads unknown: the query history could not be read: ") + e.what();
  } catch (const std::logic_error&) {  // stoll: not a number, or out of range
    note = "reads unknown: the query history answered no count";
  }
  return std::nullopt;
}

GapSignals gapSignals(Workspace& ws, const TableInfo& t, services::LineageGraph* lineage,
                      const CallOptions& call) {
  GapSignals s;
  s.reads = tableReads(ws, t, call, s.readsNote);
  auto down = linkedTables(lineage, ws, fqnOf(t), services::LineageDirection::Downstream, 3, call);
  if (down.tables) {
    s.downstream = static_cast<std::int64_t>(down.tables->size());
  } else {
    s.downstreamNote = "downstream unknown: " + down.note;
  }
  try {
    const auto tags =
        ws.catalog().tags("TABLE", quoteQualified({t.catalog, t.schema, t.name}), call);
    s.certified = std::any_of(tags.begin(), tags.end(), isCertificationTag);
    s.personalData = std::any_of(tags.begin(), tags.end(), [](const TagInfo& tag) {
      return !tag.column.empty() && isPersonalDataTag(tag);
    });
  } catch (const WorkspaceError& e) {
    if (e.errorClass() == WorkspaceErrorClass::Cancelled) throw;
    s.tagsNote = std::string("certification and personal data unknown: ") + e.what();
  }
  s.rows = t.rowCount;
  return s;
}

Json latestSnapshot(const CoverageDeps& d, const std::string& catalog) {
  auto snapshot = d.snapshots->latest(catalog);
  if (!snapshot) {
    throw notFound("No coverage snapshot computed for catalog '" + catalog +
                   "'; compute one with POST /api/coverage/" + catalog + "/compute");
  }
  return *snapshot;
}

// The snapshot's tables of `schema` (all when empty).
std::vector<Json> snapshotTables(const Json& snapshot, const std::string& schema) {
  std::vector<Json> out;
  for (const auto& t : snapshot.value("tables", Json::array())) {
    if (schema.empty() || sameName(t.value("schema", ""), schema)) out.push_back(t);
  }
  return out;
}

// The fields every snapshot answer starts with.
Json snapshotHeader(const Json& snapshot, const std::string& schema) {
  return {{"catalog", snapshot.value("catalog", "")},
          {"snapshot_id", snapshot.value("snapshot_id", "")},
          {"computed_at", snapshot.value("computed_at", "")},
          {"computed_by", snapshot.value("computed_by", "")},
          {"snapshot_schema_filter", snapshot.value("schema_filter", Json())},
          {"schema", textOrNull(schema)},
          {"notes", snapshot.value("notes", Json::array())}};
}

Field coverageCatalogParam() {
  return Field::string().required().identifier().describe("Catalog");
}

}  // namespace

void registerCoverageRoutes(Routes& routes, CoverageDeps deps) {
  auto d = std::make_shared<CoverageDeps>(std::move(deps));
  const std::string base = "/api/coverage";

  routes.get(base + "/{catalog}")
      .summary("Coverage map of a catalog")
      .description(
          "Each table of the newest coverage snapshot (of `schema` when given): has_dq_rule, "
          "has_dqx_check, has_sla, has_monitor, has_contract, has_freshness_monitor, "
          "check_count, columns_covered and columns_total. 404 when no snapshot was computed.")
      .returns(coverageMapModel())
      .pathParam("catalog", coverageCatalogParam())
      .query("schema", Field::string().identifier().describe("Only this schema"))
      .handle([d](const Request& req) {
        const auto schema = queryText(req, "schema");
        const auto snapshot = latestSnapshot(*d, req.param("catalog"));
        const auto tables = snapshotTables(snapshot, schema);
        Json out = snapshotHeader(snapshot, schema);
        out["tables"] = tables;
        out["total"] = tables.size();
        out["covered"] = std::count_if(tables.begin(), tables.end(),
                                       [](const Json& t) { return t.value("covered", false); });
        return out;
      });

  routes.get(base + "/{catalog}/summary")
      .summary("Coverage summary of a catalog")
      .description(
          "From the newest snapshot: tables and columns covered in %, by schema and by check "
          "family (dq_rule, dqx_check, monitor, freshness_monitor, sla, contract).")
      .returns(coverageSummaryModel())
      .pathParam("catalog", coverageCatalogParam())
      .query("schema", Field::string().identifier().describe("Only this schema"))
      .handle([d](const Request& req) {
        const auto schema = queryText(req, "schema");
        const auto snapshot = latestSnapshot(*d, req.param("catalog"));
        Json out = snapshotHeader(snapshot, schema);
        out.update(coverageSummaryOf(snapshotTables(snapshot, schema)));
        return out;
      });

  routes.get(base + "/{catalog}/gaps")
      .summary("Uncovered tables ranked by priority")
      .description(
          "The tables of the newest snapshot that no DQ rule, DQX check or monitor guards, "
          "highest priority first: reads in 30 days (query history), tables downstream "
          "(lineage service), certification, personal data and size, each gap with its "
          "reasons in words; signals that could not be read count for nothing and are named.")
      .returns(coverageGapsModel())
      .pathParam("catalog", coverageCatalogParam())
      .query("schema", Field::string().identifier().describe("Only this schema"))
      .query("limit", Field::integer().min(1).max(10'000).defaultsTo(100).describe("Most gaps"))
      .handle([d](const Request& req) {
        const auto schema = queryText(req, "schema");
        const auto snapshot = latestSnapshot(*d, req.param("catalog"));
        auto gaps = rankedGaps(snapshotTables(snapshot, schema));
        const auto total = gaps.size();
        gaps.resize(
            std::min(gaps.size(), static_cast<std::size_t>(queryNumber(req, "limit", 100))));
        Json out = snapshotHeader(snapshot, schema);
        out["gaps"] = gaps;
        out["total"] = total;
        return out;
      });

  routes.post(base + "/{catalog}/compute")
      .summary("Compute a coverage snapshot")
      .description(
          "A job that reads the catalog's tables (of schema_filter when given; views left out), "
          "the checks and rules the quality catalog lists, and the monitors, reads the gap "
          "signals of the uncovered tables, and stores the snapshot the GET routes read. Follow "
          "it with GET /api/clone/{job_id}. 404 at once for an unknown catalog or schema.")
      .returns(queuedJobModel())
      .mutates()
      .pathParam("catalog", coverageCatalogParam())
      .query("schema_filter", Field::string().identifier().describe("Only this schema"))
      .handle([d](const Request& req) {
        const auto catalog = req.param("catalog");
        const auto schema = queryText(req, "schema_filter");
        auto ws = req.workspace();
        const auto call = callOptions(req, *d->clock, std::chrono::seconds(60));
        catalogSchemas(*ws, catalog, schema, call);  // 404 now rather than a failed job
        const auto user = ws->identity().currentUser(call);
        const auto warehouse = req.credentials().warehouseId;
        const auto id = d->jobs->submit(
            JobSpec{.type = "observability.coverage_compute",
                    .params = {{"catalog", catalog},
                               {"schema_filter", textOrNull(schema)},
                               {"started_by", user}}},
            [d, ws, catalog, schema, user, warehouse](JobContext& ctx) {
              CallOptions call;
              call.deadline = d->clock->steadyNow() + kCoverageDeadline;
              call.warehouseId = warehouse;
              call.cancel = &ctx.cancellation();
              auto found = catalogCoverage(*ws, *d, catalog, schema, call);
              const auto lineage = lineageGraphOf(*d->services);
              const auto total = static_cast<std::int64_t>(found.tables.size());
              for (std::size_t i = 0; i < found.tables.size(); ++i) {
                ctx.checkCancelled();
                ctx.progress(static_cast<std::int64_t>(i), total, fqnOf(found.tables[i]));
                if (found.coverage[i].value("covered", false)) continue;
                auto tableCall = call;
                tableCall.deadline = d->clock->steadyNow() + kCoverageDeadline;
                found.coverage[i] =
                    gapOf(std::move(found.coverage[i]),
                          gapSignals(*ws, found.tables[i], lineage.get(), tableCall));
              }
              ctx.progress(total, total);
              Json snapshot{{"snapshot_id", newUuid()},
                            {"catalog", catalog},
                            {"schema_filter", textOrNull(schema)},
                            {"computed_at", isoUtc(d->clock->now())},
                            {"computed_by", user},
                            {"tables", found.coverage},
                            {"notes", found.notes}};
              d->snapshots->save(snapshot);
              Json out = coverageSummaryOf(found.coverage);
              out["snapshot_id"] = snapshot["snapshot_id"];
              out["catalog"] = catalog;
              out["schema_filter"] = textOrNull(schema);
              out["gaps"] = rankedGaps(found.coverage).size();
              out["notes"] = found.notes;
              return JobOutcome::completed(std::move(out));
            });
        return Json{{"job_id", id}, {"status", "queued"}};
      });

  routes.get("/api/data-quality/coverage/{catalog}")
      .summary("Live coverage of a catalog")
      .description(
          "The coverage map and summary computed now from the checks, rules and monitors (not "
          "stored; gaps are ranked by POST /api/coverage/{catalog}/compute, whose reads of "
          "query history and lineage take longer).")
      .returns(liveCoverageModel())
      .pathParam("catalog", coverageCatalogParam())
      .query("schema", Field::string().identifier().describe("Only this schema"))
      .handle([d](const Request& req) {
        const auto catalog = req.param("catalog");
        const auto schema = queryText(req, "schema");
        auto ws = req.workspace();
        const auto found = catalogCoverage(*ws, *d, catalog, schema,
                                           callOptions(req, *d->clock, kCoverageDeadline));
        return Json{{"catalog", catalog},
                    {"schema", textOrNull(schema)},
                    {"computed_at", isoUtc(d->clock->now())},
                    {"live", true},
                    {"tables", found.coverage},
                    {"total", found.coverage.size()},
                    {"summary", coverageSummaryOf(found.coverage)},
                    {"notes", found.notes}};
      });
}

}  // namespace clxs::observability
