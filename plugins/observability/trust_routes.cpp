#include "plugins/observability/trust_routes.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clxs/credentials.hpp"
#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/services/quality_catalog.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/catalog_tables.hpp"
#include "plugins/observability/lineage_links.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {
namespace {

// A table's reads in the compute job are bounded by this deadline each.
constexpr std::chrono::seconds kTrustTableDeadline{120};

// What one compute job reads once for the whole catalog.
struct TrustCatalogEvidence {
  std::map<std::string, std::vector<CheckEvidence>> checks;  // by lower-case table
  std::map<std::string, std::vector<Json>> anomalies;        // by lower-case table
};

// The (lower-case table, check id) of every enabled check and rule the quality catalog lists;
// nullopt when it is not available or fails.
std::optional<std::set<std::pair<std::string, std::string>>> enabledChecks(
    const TrustDeps& d, const std::string& catalog, const std::string& schema) {
  if (!d.services->available<services::QualityCatalog>()) return std::nullopt;
  try {
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& t : d.services->get<services::QualityCatalog>()->checksIn(catalog, schema)) {
      for (const auto& c : t.checks) {
        if (c.enabled) out.emplace(lowerAscii(t.tableFqn), c.id);
      }
    }
    return out;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

TrustCatalogEvidence catalogEvidence(const TrustDeps& d, const std::string& catalog,
                                     const std::string& schema) {
  TrustCatalogEvidence out;
  out.checks = d.evidence->latestIn(catalog, schema);
  // A deleted or disabled check's last result would weigh forever: when the quality catalog
  // can say which checks are in force, only theirs count.
  if (const auto enabled = enabledChecks(d, catalog, schema)) {
    for (auto& [table, results] : out.checks) {
      std::erase_if(results, [&, &key = table](const CheckEvidence& e) {
        return enabled->count({key, e.checkId}) == 0;
      });
    }
  }
  // Unresolved anomalies, and those resolved in the last week, whose penalty fades.
  const auto prefix = lowerAscii(catalog) + "." + (schema.empty() ? "" : lowerAscii(schema) + ".");
  for (auto& i : d.incidents->activeSince(isoUtc(d.clock->now() - std::chrono::days(7)))) {
    const auto table = lowerAscii(i.value("table_fqn", ""));
    if (i.value("source", "") != "anomaly" || !table.starts_with(prefix)) continue;
    out.anomalies[table].push_back(std::move(i));
  }
  return out;
}

// Whether a workspace failure ends the job rather than one table's evidence.
bool endsTheJob(const WorkspaceError& e) {
  return e.errorClass() == WorkspaceErrorClass::Cancelled;
}

TrustEvidence tableEvidence(Workspace& ws, const TableInfo& t, const TrustCatalogEvidence& all,
                            services::LineageGraph* lineage, double maxStaleHours,
                            const CallOptions& call) {
  const auto fqn = fqnOf(t);
  const auto key = lowerAscii(fqn);
  TrustEvidence e;
  if (const auto it = all.checks.find(key); it != all.checks.end()) e.checks = it->second;
  if (const auto it = all.anomalies.find(key); it != all.anomalies.end()) e.anomalies = it->second;
  e.maxStaleHours = maxStaleHours;
  e.owner = t.owner;
  e.comment = t.comment;
  try {
    e.history = ws.catalog().history({t.catalog, t.schema, t.name}, 100, call);
  } catch (const WorkspaceError& err) {
    if (endsTheJob(err)) throw;
    e.historyError = err.what();
  }
  try {
    e.tags = ws.catalog().tags("TABLE", quoteQualified({t.catalog, t.schema, t.name}), call);
  } catch (const WorkspaceError& err) {
    if (endsTheJob(err)) throw;
    e.tagsError = err.what();
  }
  auto upstream = linkedTables(lineage, ws, fqn, services::LineageDirection::Upstream, 1, call);
  if (upstream.tables) {
    e.hasUpstream = !upstream.tables->empty();
    e.lineageNote = upstream.tables->empty()
                        ? "lineage records no table upstream"
                        : "upstream: " + std::to_string(upstream.tables->size()) + " table(s)";
  } else {
    e.lineageNote = upstream.note;
  }
  return e;
}

// {A: n, B: n, …} and the mean score of `scores` (null when none has one).
Json gradeSummary(const std::vector<Json>& scores) {
  Json byGrade{{"A", 0}, {"B", 0}, {"C", 0}, {"D", 0}, {"F", 0}};
  double sum = 0;
  int n = 0;
  for (const auto& s : scores) {
    if (!s["score"].is_number()) continue;
    sum += s["score"].get<double>();
    ++n;
    const auto g = s.value("grade", "F");
    byGrade[g] = byGrade[g].get<int>() + 1;
  }
  return {{"by_grade", byGrade},
          {"average_score", n > 0 ? Json(std::round(sum / n * 10) / 10) : Json()},
          {"scored", n}};
}

Json trustConfigJson(const StoredTrustWeights& s) {
  Json out = trustWeightsJson(s.weights);
  out["config_hash"] = trustConfigHash(s.weights);
  out["defaults"] = trustWeightsJson(TrustWeights{});
  out["updated_by"] = textOrNull(s.updatedBy);
  out["updated_at"] = textOrNull(s.updatedAt);
  return out;
}

std::string computeHint(const std::string& catalog) {
  return "; compute them with POST /api/trust/compute/" + catalog;
}

Field trustNamePart(const char* what) {
  return Field::string().required().identifier().describe(what);
}

}  // namespace

void registerTrustRoutes(Routes& routes, TrustDeps deps) {
  auto d = std::make_shared<TrustDeps>(std::move(deps));
  const std::string base = "/api/trust";

  routes.get(base + "/scores/{catalog}")
      .summary("Trust scores of a catalog's tables")
      .description(
          "The newest stored trust score of each table of the catalog (of `schema` when given), "
          "as POST /api/trust/compute/{catalog} computed them, with the grades counted and the "
          "mean score. 404 when none was ever computed for the catalog (or the schema).")
      .returns(trustCatalogModel())
      .pathParam("catalog", trustNamePart("Catalog"))
      .query("schema", Field::string().identifier().describe("Only this schema"))
      .handle([d](const Request& req) {
        const auto& catalog = req.param("catalog");
        const auto schema = queryText(req, "schema");
        const auto scores = d->scores->latestIn(catalog, schema);
        if (scores.empty()) {
          throw notFound("No trust scores computed for catalog '" + catalog + "'" +
                         (schema.empty() ? "" : " schema '" + schema + "'") + computeHint(catalog));
        }
        std::string newest;
        for (const auto& s : scores) newest = std::max(newest, s.value("computed_at", ""));
        Json out = gradeSummary(scores);
        out["catalog"] = catalog;
        out["schema_filter"] = textOrNull(schema);
        out["tables"] = scores;
        out["total"] = scores.size();
        out["computed_at"] = newest;
        return out;
      });

  routes.get(base + "/scores/{catalog}/{schema}/{table}")
      .summary("Trust score of a table")
      .description(
          "The table's newest stored trust score: score, confidence, grade, each dimension with "
          "its weight, evidence and reason, and the largest deductions in words. 404 when it "
          "was never computed.")
      .returns(trustScoreModel())
      .pathParam("catalog", trustNamePart("Catalog"))
      .pathParam("schema", trustNamePart("Schema"))
      .pathParam("table", trustNamePart("Table"))
      .handle([d](const Request& req) {
        const auto fqn =
            req.param("catalog") + "." + req.param("schema") + "." + req.param("table");
        auto score = d->scores->latestOf(fqn);
        if (!score) {
          throw notFound("No trust score computed for table '" + fqn + "'" +
                         computeHint(req.param("catalog")));
        }
        return *score;
      });

  routes.get(base + "/scores/{catalog}/{schema}/{table}/history")
      .summary("Trust score history of a table")
      .description(
          "Every stored trust score of the table, newest first, with each dimension's score and "
          "the config_hash of the weights it was computed under. 404 when never computed.")
      .returns(trustHistoryModel())
      .pathParam("catalog", trustNamePart("Catalog"))
      .pathParam("schema", trustNamePart("Schema"))
      .pathParam("table", trustNamePart("Table"))
      .query("limit", Field::integer().min(1).max(1000).defaultsTo(100).describe("Most rows"))
      .handle([d](const Request& req) {
        const auto fqn =
            req.param("catalog") + "." + req.param("schema") + "." + req.param("table");
        const auto history =
            d->scores->history(fqn, static_cast<std::int64_t>(queryNumber(req, "limit", 100)));
        if (history.empty()) {
          throw notFound("No trust score computed for table '" + fqn + "'" +
                         computeHint(req.param("catalog")));
        }
        return Json{{"table_fqn", fqn}, {"history", history}, {"total", history.size()}};
      });

  routes.post(base + "/compute/{catalog}")
      .summary("Compute trust scores for a catalog")
      .description(
          "A job scoring every table of the catalog (of schema_filter when given; views left "
          "out) from its evidence: the latest result of each check, its Delta history, its "
          "unresolved anomalies, its tags, its owner and comment, and lineage when a lineage "
          "service is installed. Each score is stored (GET …/scores/…). Follow the job with "
          "GET /api/clone/{job_id}. 404 at once for an unknown catalog or schema.")
      .returns(queuedJobModel())
      .mutates()
      .pathParam("catalog", trustNamePart("Catalog"))
      .query("schema_filter", Field::string().identifier().describe("Only this schema"))
      .query("max_stale_hours", Field::number().min(0).defaultsTo(24).describe(
                                    "Freshness allowance in hours (longer when the table's "
                                    "cadence is)"))
      .handle([d](const Request& req) {
        const auto catalog = req.param("catalog");
        const auto schema = queryText(req, "schema_filter");
        const auto maxStale = queryNumber(req, "max_stale_hours", 24);
        auto ws = req.workspace();
        const auto call = callOptions(req, *d->clock, std::chrono::seconds(60));
        catalogSchemas(*ws, catalog, schema, call);  // 404 now rather than a failed job
        const auto user = ws->identity().currentUser(call);
        const auto warehouse = req.credentials().warehouseId;
        const auto id =
            d->jobs->submit(JobSpec{.type = "observability.trust_compute",
                                    .params = {{"catalog", catalog},
                                               {"schema_filter", textOrNull(schema)},
                                               {"max_stale_hours", maxStale},
                                               {"started_by", user}}},
                            [d, ws, catalog, schema, maxStale, warehouse](JobContext& ctx) {
                              CallOptions listing;
                              listing.deadline = d->clock->steadyNow() + kTrustTableDeadline;
                              listing.warehouseId = warehouse;
                              listing.cancel = &ctx.cancellation();
                              const auto tables = catalogTables(*ws, catalog, schema, listing);
                              const auto all = catalogEvidence(*d, catalog, schema);
                              const auto weights = d->scores->weights().weights;
                              const auto lineage = lineageGraphOf(*d->services);
                              Json results = Json::array();
                              std::vector<Json> scores;
                              std::int64_t done = 0;
                              std::int64_t failed = 0;
                              for (const auto& t : tables) {
                                ctx.checkCancelled();
                                const auto fqn = fqnOf(t);
                                ctx.progress(done, static_cast<std::int64_t>(tables.size()), fqn);
                                auto call = listing;
                                call.deadline = d->clock->steadyNow() + kTrustTableDeadline;
                                try {
                                  auto score = trustScoreOf(
                                      tableEvidence(*ws, t, all, lineage.get(), maxStale, call),
                                      weights, d->clock->now());
                                  score["table_fqn"] = fqn;
                                  d->scores->save(score);
                                  results.push_back({{"table_fqn", fqn},
                                                     {"score", score["score"]},
                                                     {"grade", score["grade"]},
                                                     {"confidence", score["confidence"]}});
                                  scores.push_back(std::move(score));
                                } catch (const WorkspaceError& e) {
                                  if (endsTheJob(e)) throw JobCancelled();
                                  ++failed;
                                  ctx.log("trust score of " + fqn + " failed: " + e.what());
                                  results.push_back({{"table_fqn", fqn}, {"error", e.what()}});
                                }
                                ++done;
                              }
                              ctx.progress(done, static_cast<std::int64_t>(tables.size()));
                              Json out = gradeSummary(scores);
                              out["catalog"] = catalog;
                              out["schema_filter"] = textOrNull(schema);
                              out["tables_scored"] = scores.size();
                              out["failed"] = failed;
                              out["config_hash"] = trustConfigHash(weights);
                              out["results"] = results;
                              return failed > 0 ? JobOutcome::withErrors(std::move(out))
                                                : JobOutcome::completed(std::move(out));
                            });
        return Json{{"job_id", id}, {"status", "queued"}};
      });

  routes.get(base + "/config")
      .summary("Trust score dimension weights")
      .description(
          "The weights of dq, freshness, anomaly, schema_stability, pii and lineage (defaults "
          "0.30, 0.25, 0.15, 0.10, 0.10, 0.10), their config_hash (stored with every score), "
          "the defaults, and who set them when.")
      .returns(trustConfigModel())
      .handle([d](const Request&) { return trustConfigJson(d->scores->weights()); });

  routes.put(base + "/config")
      .summary("Update the trust score dimension weights")
      .description(
          "Sets the weights named in the body; a partial body keeps the stored weights of the "
          "dimensions it leaves out, and the result is validated as a whole: 422 unless every "
          "weight is a number ≥ 0 and they sum to 1 (within 1e-6), or for an unknown "
          "dimension. Scores already stored keep the weights they were computed under.")
      .body(Model("TrustWeights")
                .field("dq", Field::number().describe("Data-quality check results"))
                .field("freshness", Field::number().describe("Last data commit"))
                .field("anomaly", Field::number().describe("Unresolved anomalies"))
                .field("schema_stability", Field::number().describe("Schema changes, 30 days"))
                .field("pii", Field::number().describe("Personal-data columns protected"))
                .field("lineage", Field::number().describe("Upstream, owner, description, "
                                                           "certification known")))
      .returns(trustConfigModel())
      .mutates()
      .handle([d](const Request& req) {
        const auto weights = mergedTrustWeights(d->scores->weights().weights, req.body());
        const auto user = req.workspace()->identity().currentUser(
            callOptions(req, *d->clock, std::chrono::seconds(30)));
        d->scores->setWeights(weights, user, isoUtc(d->clock->now()));
        return trustConfigJson(d->scores->weights());
      });
}

}  // namespace clxs::observability
