#include "plugins/clone/snapshot_store.hpp"

#include "clxs/text.hpp"

namespace clxs::clone {
namespace {

Json tablesJson(const std::vector<SnapshotTable>& tables) {
  Json out = Json::array();
  for (const auto& t : tables) {
    out.push_back({{"schema", t.schema},
                   {"table", t.table},
                   {"version", t.version},
                   {"size_bytes", t.sizeBytes ? Json(*t.sizeBytes) : Json()}});
  }
  return out;
}

Snapshot fromRow(const Json& r, bool withTables) {
  Snapshot s;
  s.snapshotId = jsonText(r["snapshot_id"]);
  s.name = jsonText(r["name"]);
  s.sourceCatalog = jsonText(r["source_catalog"]);
  s.description = jsonText(r["description"]);
  s.capturedAt = jsonText(r["captured_at"]);
  s.createdBy = jsonText(r["created_by"]);
  s.totalBytes = r["total_bytes"].is_number() ? r["total_bytes"].get<std::int64_t>() : 0;
  const auto count = r["table_count"].is_number() ? r["table_count"].get<std::size_t>() : 0;
  if (!withTables) {
    // The list keeps the count without the tables themselves.
    s.tables.resize(count);
    return s;
  }
  for (const auto& t : Json::parse(jsonText(r["tables"]))) {
    SnapshotTable st;
    st.schema = t.value("schema", "");
    st.table = t.value("table", "");
    st.version = t.value("version", std::int64_t{0});
    if (t.contains("size_bytes") && t["size_bytes"].is_number())
      st.sizeBytes = t["size_bytes"].get<std::int64_t>();
    s.tables.push_back(std::move(st));
  }
  return s;
}

}  // namespace

Json summaryJson(const Snapshot& s) {
  return {{"snapshot_id", s.snapshotId},       {"name", s.name},
          {"source_catalog", s.sourceCatalog}, {"description", s.description},
          {"captured_at", s.capturedAt},       {"created_by", s.createdBy},
          {"table_count", s.tables.size()},    {"total_bytes", s.totalBytes}};
}

Json detailJson(const Snapshot& s) {
  Json out = summaryJson(s);
  out["tables"] = tablesJson(s.tables);
  return out;
}

void SnapshotStore::save(const Snapshot& s) {
  store_.execute(
      "INSERT INTO clone_snapshots (snapshot_id, name, source_catalog, description, "
      "captured_at, created_by, table_count, total_bytes, tables) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.snapshotId, s.name, s.sourceCatalog, s.description, s.capturedAt, s.createdBy,
       static_cast<std::int64_t>(s.tables.size()), s.totalBytes, tablesJson(s.tables).dump()});
}

std::optional<Snapshot> SnapshotStore::get(const std::string& snapshotId) const {
  const auto rows =
      store_.query("SELECT * FROM clone_snapshots WHERE snapshot_id = ?", {snapshotId});
  if (rows.empty()) return std::nullopt;
  return fromRow(rows[0], true);
}

std::vector<Snapshot> SnapshotStore::list(const std::string& sourceCatalog) const {
  const std::string columns =
      "SELECT snapshot_id, name, source_catalog, description, captured_at, created_by, "
      "table_count, total_bytes FROM clone_snapshots";
  const std::string order = " ORDER BY captured_at DESC, rowid DESC";
  const auto rows = sourceCatalog.empty()
                        ? store_.query(columns + order)
                        : store_.query(columns + " WHERE lower(source_catalog) = lower(?)" + order,
                                       {sourceCatalog});
  std::vector<Snapshot> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(fromRow(r, false));
  return out;
}

bool SnapshotStore::remove(const std::string& snapshotId) {
  return store_.execute("DELETE FROM clone_snapshots WHERE snapshot_id = ?", {snapshotId}) > 0;
}

}  // namespace clxs::clone
