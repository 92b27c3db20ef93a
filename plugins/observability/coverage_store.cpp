#include "plugins/observability/coverage_store.hpp"

#include "clxs/text.hpp"

namespace clxs::observability {

std::vector<Migration> CoverageStore::migrations() {
  return {{22,
           "CREATE TABLE observability_coverage_snapshots ("
           "  id TEXT PRIMARY KEY, catalog TEXT NOT NULL, catalog_key TEXT NOT NULL,"
           "  schema_filter TEXT, computed_at TEXT NOT NULL, computed_by TEXT NOT NULL,"
           "  snapshot TEXT NOT NULL);"
           "CREATE INDEX observability_coverage_snapshots_catalog ON "
           "observability_coverage_snapshots(catalog_key, computed_at);"}};
}

void CoverageStore::save(const Json& snapshot) {
  const auto catalog = snapshot.value("catalog", "");
  store_.execute(
      "INSERT INTO observability_coverage_snapshots (id, catalog, catalog_key, schema_filter, "
      "computed_at, computed_by, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {snapshot.value("snapshot_id", ""), catalog, lowerAscii(catalog), snapshot["schema_filter"],
       snapshot.value("computed_at", ""), snapshot.value("computed_by", ""), snapshot.dump()});
}

std::optional<Json> CoverageStore::latest(const std::string& catalog) const {
  const auto rows = store_.query(
      "SELECT snapshot FROM observability_coverage_snapshots WHERE catalog_key = ? ORDER BY "
      "computed_at DESC, rowid DESC LIMIT 1",
      {lowerAscii(catalog)});
  if (rows.empty()) return std::nullopt;
  auto out = Json::parse(rows[0].value("snapshot", "{}"), nullptr, false);
  if (out.is_discarded()) return std::nullopt;
  return out;
}

}  // namespace clxs::observability
