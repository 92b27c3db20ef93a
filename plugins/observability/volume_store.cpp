#include "plugins/observability/volume_store.hpp"

#include <algorithm>

#include "clxs/text.hpp"

namespace clxs::observability {
namespace {

VolumeSample sampleOf(const Json& row) {
  VolumeSample s;
  s.tableFqn = row.value("table_fqn", "");
  s.catalog = row.value("catalog", "");
  s.rowCount = row.value("row_count", std::int64_t{0});
  if (row.contains("size_bytes") && row["size_bytes"].is_number_integer())
    s.sizeBytes = row["size_bytes"].get<std::int64_t>();
  s.source = row.value("source", "");
  s.measuredAt = row.value("measured_at", "");
  s.measuredBy = row.value("measured_by", "");
  return s;
}

}  // namespace

std::vector<Migration> VolumeStore::migrations() {
  return {{1,
           "CREATE TABLE observability_volume ("
           "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
           "  table_fqn TEXT NOT NULL,"
           "  table_key TEXT NOT NULL,"
           "  catalog TEXT NOT NULL,"
           "  catalog_key TEXT NOT NULL,"
           "  row_count INTEGER NOT NULL,"
           "  size_bytes INTEGER,"
           "  source TEXT NOT NULL,"
           "  measured_at TEXT NOT NULL,"
           "  measured_by TEXT NOT NULL);"
           "CREATE INDEX observability_volume_catalog ON observability_volume(catalog_key, "
           "measured_at);"
           "CREATE INDEX observability_volume_table ON observability_volume(table_key, id);"}};
}

void VolumeStore::record(const std::vector<VolumeSample>& samples) {
  // Many rows per statement: a snapshot of a thousand tables is two statements, not a
  // thousand.
  constexpr std::size_t kRowsPerStatement = 500;
  for (std::size_t first = 0; first < samples.size(); first += kRowsPerStatement) {
    std::string sql =
        "INSERT INTO observability_volume (table_fqn, table_key, catalog, catalog_key, "
        "row_count, size_bytes, source, measured_at, measured_by) VALUES ";
    std::vector<Json> params;
    const auto last = std::min(samples.size(), first + kRowsPerStatement);
    for (std::size_t i = first; i < last; ++i) {
      const auto& s = samples[i];
      sql += i == first ? "(?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?)";
      params.insert(
          params.end(),
          {s.tableFqn, lowerAscii(s.tableFqn), s.catalog, lowerAscii(s.catalog), s.rowCount,
           s.sizeBytes ? Json(*s.sizeBytes) : Json(), s.source, s.measuredAt, s.measuredBy});
    }
    store_.execute(sql, params);
  }
}

std::vector<VolumeSample> VolumeStore::latest(const std::string& catalog) const {
  std::vector<VolumeSample> out;
  for (const auto& row : store_.query(
           "SELECT v.* FROM observability_volume v JOIN (SELECT table_key, max(id) AS id FROM "
           "observability_volume WHERE catalog_key = ? GROUP BY table_key) newest "
           "ON v.id = newest.id ORDER BY v.table_key",
           {lowerAscii(catalog)})) {
    out.push_back(sampleOf(row));
  }
  return out;
}

std::vector<Json> VolumeStore::dailySizes(const std::string& since) const {
  return store_.query(
      "SELECT catalog, day, sum(size_bytes) AS size_bytes, count(*) AS tables FROM (SELECT "
      "catalog, catalog_key, substr(measured_at, 1, 10) AS day, size_bytes, row_number() OVER "
      "(PARTITION BY catalog_key, substr(measured_at, 1, 10), table_key ORDER BY id DESC) AS rn "
      "FROM observability_volume WHERE measured_at >= ? AND size_bytes IS NOT NULL) WHERE rn = 1 "
      "GROUP BY catalog_key, day ORDER BY catalog_key, day",
      {since});
}

std::vector<VolumeSample> VolumeStore::since(const std::string& catalog,
                                             const std::string& since) const {
  std::vector<VolumeSample> out;
  for (const auto& row :
       store_.query("SELECT * FROM observability_volume WHERE catalog_key = ? AND measured_at "
                    ">= ? ORDER BY measured_at, id",
                    {lowerAscii(catalog), since})) {
    out.push_back(sampleOf(row));
  }
  return out;
}

}  // namespace clxs::observability
