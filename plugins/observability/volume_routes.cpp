#include "plugins/observability/volume_routes.hpp"

#include <chrono>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/http.hpp"
#include "clxs/parallel.hpp"
#include "clxs/schema.hpp"
#include "clxs/table_measures.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/observability/catalog_tables.hpp"
#include "plugins/observability/request_values.hpp"
#include "plugins/observability/response_models.hpp"

namespace clxs::observability {
namespace {

constexpr std::size_t kCountWorkers = 4;
constexpr std::chrono::seconds kCountDeadline{600};

struct SnapshotBody {
  std::string catalog;
  std::string schemaName;
  static const Schema<SnapshotBody>& schema() {
    static const auto s =
        Schema<SnapshotBody>("VolumeSnapshotRequest")
            .field("catalog", &SnapshotBody::catalog,
                   Field::string().required().identifier().describe("Catalog to measure"))
            .field("schema_name", &SnapshotBody::schemaName,
                   Field::string().identifier().describe("Only this schema"));
    return s;
  }
};

// Row counts of `tables` (rowCountOf: Delta statistics where the listing has them).
std::vector<VolumeSample> countRows(Workspace& ws, const std::vector<TableInfo>& tables,
                                    const CallOptions& options) {
  std::vector<VolumeSample> out(tables.size());
  parallelFor(tables.size(), kCountWorkers, [&](std::size_t i) {
    const auto& t = tables[i];
    auto& s = out[i];
    s.tableFqn = fqnOf(t);
    s.catalog = t.catalog;
    s.sizeBytes = t.sizeBytes;
    const auto counted = rowCountOf(ws, t, options);
    s.rowCount = counted.rows;
    s.source = counted.source;
  });
  return out;
}

Json sampleJson(const VolumeSample& s, const VolumeSample* previous) {
  Json out{{"table_fqn", s.tableFqn},
           {"row_count", s.rowCount},
           {"size_bytes", s.sizeBytes ? Json(*s.sizeBytes) : Json()},
           {"source", s.source},
           {"previous_row_count", nullptr},
           {"previous_measured_at", nullptr},
           {"change", nullptr},
           {"change_pct", nullptr}};
  if (previous) {
    out["previous_row_count"] = previous->rowCount;
    out["previous_measured_at"] = previous->measuredAt;
    out["change"] = s.rowCount - previous->rowCount;
    // From zero rows any change is infinite: no percentage then.
    if (previous->rowCount != 0) {
      const double pct = 100.0 * static_cast<double>(s.rowCount - previous->rowCount) /
                         static_cast<double>(previous->rowCount);
      out["change_pct"] = std::round(pct * 100.0) / 100.0;
    }
  }
  return out;
}

// The measured tables with their change since the newest stored snapshot of each.
Json compared(const std::vector<VolumeSample>& samples, const VolumeStore& store,
              const std::string& catalog) {
  std::map<std::string, VolumeSample> before;
  for (auto& s : store.latest(catalog)) before[lowerAscii(s.tableFqn)] = std::move(s);
  Json rows = Json::array();
  for (const auto& s : samples) {
    const auto it = before.find(lowerAscii(s.tableFqn));
    rows.push_back(sampleJson(s, it == before.end() ? nullptr : &it->second));
  }
  return rows;
}

std::int64_t totalRows(const std::vector<VolumeSample>& samples) {
  std::int64_t n = 0;
  for (const auto& s : samples) n += s.rowCount;
  return n;
}

}  // namespace

void registerVolumeRoutes(Routes& routes, std::shared_ptr<VolumeStore> store,
                          std::shared_ptr<AnomalyDetector> detector, const Clock& clock) {
  const Clock* clk = &clock;
  const std::string base = "/api/data-quality/volume";

  routes.get(base + "/{catalog}")
      .summary("Row counts of a catalog's tables")
      .returns(volumeReportModel())
      .description(
          "Each table's rows now, from its Delta statistics where the workspace keeps them (the "
          "local workspace: no scan), else COUNT(*), with the change since the newest stored "
          "snapshot. Reads only: POST …/volume/snapshot records.")
      .pathParam("catalog", Field::string().required().identifier().describe("Catalog"))
      .query("schema", Field::string().identifier().describe("Only this schema"))
      .handle([store, clk](const Request& req) {
        auto ws = req.workspace();
        const auto options = callOptions(req, *clk, kCountDeadline);
        const auto& catalog = req.param("catalog");
        const auto schema = queryText(req, "schema");
        const auto samples = countRows(*ws, catalogTables(*ws, catalog, schema, options), options);
        return Json{{"catalog", catalog},
                    {"schema_filter", schema.empty() ? Json() : Json(schema)},
                    {"total_tables", samples.size()},
                    {"total_rows", totalRows(samples)},
                    {"measured_at", isoUtc(clk->now())},
                    {"tables", compared(samples, *store, catalog)}};
      });

  routes.post(base + "/snapshot")
      .summary("Record the row counts of a catalog's tables")
      .returns(volumeSnapshotModel())
      .description(
          "Measures as GET …/volume/{catalog} does and stores one sample per table (who and "
          "when included), which later reads compare against and …/history charts.")
      .body<SnapshotBody>()
      .mutates()
      .handle([store, detector, clk](const Request& req, const SnapshotBody& b) {
        auto ws = req.workspace();
        const auto options = callOptions(req, *clk, kCountDeadline);
        auto samples =
            countRows(*ws, catalogTables(*ws, b.catalog, b.schemaName, options), options);
        const auto at = isoUtc(clk->now());
        const auto who = ws->identity().currentUser(options);
        for (auto& s : samples) {
          s.measuredAt = at;
          s.measuredBy = who;
        }
        Json rows = compared(samples, *store, b.catalog);
        store->record(samples);
        // Each count is judged against the table's earlier counts: a drop to nothing alarms.
        for (std::size_t i = 0; i < samples.size(); ++i) {
          const auto& s = samples[i];
          const auto judged =
              detector->record({s.tableFqn, "*", "row_count", static_cast<double>(s.rowCount),
                                s.measuredAt, s.measuredBy, "volume_snapshot"});
          rows[i]["anomaly"] = judged["is_anomaly"].get<bool>()
                                   ? Json{{"anomaly_id", judged["anomaly_id"]},
                                          {"severity", judged["severity"]},
                                          {"direction", judged["direction"]},
                                          {"expected_low", judged["expected_low"]},
                                          {"expected_high", judged["expected_high"]}}
                                   : Json();
        }
        return Json{{"catalog", b.catalog},
                    {"schema_name", b.schemaName.empty() ? Json() : Json(b.schemaName)},
                    {"snapshot_at", at},
                    {"measured_by", who},
                    {"tables_recorded", samples.size()},
                    {"total_rows", totalRows(samples)},
                    {"tables", std::move(rows)}};
      });

  routes.get(base + "/{catalog}/history")
      .summary("Row-count snapshots of a catalog over time")
      .returns(volumeHistoryModel())
      .description(
          "From the stored snapshots of the last `days` days: per day the catalog's total rows "
          "(each table's last sample that day, summed) and per table its series.")
      .pathParam("catalog", Field::string().required().identifier().describe("Catalog"))
      .query("days", Field::integer().min(1).max(3650).defaultsTo(30).describe("Days back"))
      .handle([store, clk](const Request& req) {
        const auto& catalog = req.param("catalog");
        const Json& q = req.query();
        const auto days = q.is_object() ? q.value("days", std::int64_t{30}) : std::int64_t{30};
        const auto since = isoUtc(clk->now() - std::chrono::hours(24 * days));
        std::map<std::string, std::map<std::string, std::int64_t>> byDay;  // day → table → rows
        Json tables = Json::object();
        for (const auto& s : store->since(catalog, since)) {
          byDay[s.measuredAt.substr(0, 10)][s.tableFqn] = s.rowCount;
          if (!tables.contains(s.tableFqn)) tables[s.tableFqn] = Json::array();
          tables[s.tableFqn].push_back({{"measured_at", s.measuredAt}, {"row_count", s.rowCount}});
        }
        Json daily = Json::array();
        for (const auto& [day, counts] : byDay) {
          std::int64_t total = 0;
          for (const auto& [t, n] : counts) total += n;
          daily.push_back({{"date", day}, {"total_rows", total}, {"tables", counts.size()}});
        }
        return Json{{"catalog", catalog}, {"days", days}, {"daily", daily}, {"tables", tables}};
      });
}

}  // namespace clxs::observability
