#include "plugins/quality/segment_routes.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/sql.hpp"
#include "clxs/workspace.hpp"
#include "plugins/quality/check_registry.hpp"
#include "plugins/quality/check_scan.hpp"
#include "plugins/quality/query_params.hpp"

namespace clxs::quality {

namespace {

struct SegmentBody {
  std::string tableFqn;
  std::string segmentColumn;
  std::vector<std::string> checkIds;
  std::int64_t maxSegments = 50;
  std::string warehouseId;
  static const Schema<SegmentBody>& schema() {
    static const auto s =
        Schema<SegmentBody>("QualitySegmentedRun")
            .required("table_fqn", &SegmentBody::tableFqn, "catalog.schema.table")
            .required("segment_column", &SegmentBody::segmentColumn, "The column to segment by")
            .field("check_ids", &SegmentBody::checkIds, "Checks to run; empty: every enabled one")
            .field("max_segments", &SegmentBody::maxSegments,
                   Field::integer().min(1).max(1000).clampToMax().defaultsTo(50).describe(
                       "The largest segments kept; the rest are __other__ (up to 1000)"))
            .field("warehouse_id", &SegmentBody::warehouseId, "SQL warehouse (Databricks)");
    return s;
  }
};

Json segmentJson(const SegmentCounts& s) {
  const auto& n = s.counts;
  Json checks = Json::array();
  for (const auto& c : n.checks) {
    const bool error = c.criticality == Criticality::Error;
    checks.push_back(Json{{"check_id", c.checkId},
                          {"name", c.name},
                          {"error_count", error ? c.failedRows : 0},
                          {"warning_count", error ? 0 : c.failedRows}});
  }
  const std::int64_t valid = n.inputRows - n.errorRows;
  return Json{{"segment", s.segment},
              {"input_rows", n.inputRows},
              {"error_rows", n.errorRows},
              {"warning_rows", n.warningRows},
              {"valid_rows", valid},
              {"pass_rate", n.inputRows == 0 ? 100.0
                                             : 100.0 * static_cast<double>(valid) /
                                                   static_cast<double>(n.inputRows)},
              {"checks", checks}};
}

}  // namespace

void registerSegmentRoutes(Routes& routes, std::shared_ptr<CheckRepository> checks,
                           const Clock& clock) {
  const Clock* clk = &clock;
  routes.post("/api/data-quality/segmented-run")
      .summary("Run a table's checks per segment")
      .description(
          "The table's enabled checks (or check_ids) counted per value of segment_column in "
          "one query: the max_segments largest segments by rows, the rest together as "
          "__other__ (truncated true), each with input, error, warning and valid rows and "
          "per-check counts. The result is stored (GET …/segment-results).")
      .body<SegmentBody>()
      .returns(
          Model("QualitySegmentedRunResult")
              .field("run_id", Field::string().describe("Id"))
              .field("table_fqn", Field::string().describe("The table"))
              .field("segment_column", Field::string().describe("The column"))
              .field("segments", Field::array(Field::object())
                                     .describe("[{segment, input_rows, error_rows, warning_rows, "
                                               "valid_rows, pass_rate, checks}]"))
              .field("truncated", Field::boolean().describe("Whether __other__ is there"))
              .field("executed_by", Field::string().describe("Who ran it"))
              .field("executed_at", Field::string().describe("ISO-8601 UTC")))
      .mutates()
      .handle([checks, clk](const Request& req, const SegmentBody& b) {
        const auto parts = splitQualified(b.tableFqn);
        if (parts.size() != 3) {
          throw badRequest("table_fqn must name a table as catalog.schema.table.");
        }
        std::vector<Check> chosen;
        for (const auto& s : checks->list(b.tableFqn)) {
          const bool wanted = b.checkIds.empty() ? s.check.enabled
                                                 : std::find(b.checkIds.begin(), b.checkIds.end(),
                                                             s.check.id) != b.checkIds.end();
          if (wanted) chosen.push_back(s.check);
        }
        if (chosen.empty()) {
          throw badRequest("The table " + b.tableFqn +
                           " has no enabled checks; create some first.");
        }
        const std::string segment = columnSql(Json(b.segmentColumn));
        auto ws = req.workspace();
        CallOptions call;
        call.warehouseId = b.warehouseId;
        chosen = prepareChecks(*ws, b.tableFqn, chosen, call);
        const auto rows = readSegments(
            ws->sql().execute(segmentedScanSql(b.tableFqn, chosen, segment, b.maxSegments), {},
                              call),
            chosen);
        Json segments = Json::array();
        bool truncated = false;
        for (const auto& s : rows) {
          truncated = truncated || s.segment == "__other__";
          segments.push_back(segmentJson(s));
        }
        Json out{{"run_id", newUuid()},
                 {"table_fqn", b.tableFqn},
                 {"segment_column", b.segmentColumn},
                 {"segments", segments},
                 {"truncated", truncated},
                 {"executed_by", ws->identity().currentUser(call)},
                 {"executed_at", isoUtc(clk->now())}};
        checks->insertSegmentRun(out);
        return out;
      });

  routes.get("/api/data-quality/segment-results")
      .summary("Segmented run results")
      .description("Stored segmented runs, newest first, of a run id or a table.")
      .query("run_id", Field::string().describe("Only this run"))
      .query("table_fqn", Field::string().describe("Only this table's runs"))
      .query("limit", Field::integer().min(1).max(1000).clampToMax().defaultsTo(20).describe(
                          "At most this many runs (up to 1000)"))
      .returnsListOf(Model("QualitySegmentedRunStored")
                         .field("run_id", Field::string().describe("Id"))
                         .field("table_fqn", Field::string().describe("The table"))
                         .field("segments", Field::array(Field::object()).describe("Segments")))
      .handle([checks](const Request& req) {
        Json out = Json::array();
        for (auto& r : checks->segmentRuns(queryText(req, "run_id"), queryText(req, "table_fqn"),
                                           queryInt(req, "limit", 20))) {
          out.push_back(std::move(r));
        }
        return out;
      });
}

}  // namespace clxs::quality
