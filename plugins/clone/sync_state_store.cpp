#include "plugins/clone/sync_state_store.hpp"

#include "clxs/text.hpp"

namespace clxs::clone {

// Catalog and table names are stored lower-case: Unity Catalog names are case-insensitive.
std::map<std::string, SyncRecord> SyncStateStore::records(const std::string& source,
                                                          const std::string& destination) const {
  std::map<std::string, SyncRecord> out;
  for (const auto& r :
       store_.query("SELECT table_key, source_version, destination_version, synced_at, job_id FROM "
                    "clone_sync_state WHERE source_catalog = ? AND destination_catalog = ?",
                    {lowerAscii(source), lowerAscii(destination)})) {
    SyncRecord rec;
    rec.sourceVersion = r["source_version"].get<std::int64_t>();
    if (r["destination_version"].is_number())
      rec.destinationVersion = r["destination_version"].get<std::int64_t>();
    rec.syncedAt = jsonText(r["synced_at"]);
    rec.jobId = jsonText(r["job_id"]);
    out[jsonText(r["table_key"])] = std::move(rec);
  }
  return out;
}

void SyncStateStore::save(const std::string& source, const std::string& destination,
                          const std::string& tableKey, const SyncRecord& record) {
  store_.execute(
      "INSERT OR REPLACE INTO clone_sync_state (source_catalog, destination_catalog, table_key, "
      "source_version, destination_version, synced_at, job_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {lowerAscii(source), lowerAscii(destination), lowerAscii(tableKey), record.sourceVersion,
       record.destinationVersion ? Json(*record.destinationVersion) : Json(), record.syncedAt,
       record.jobId.empty() ? Json() : Json(record.jobId)});
}

void SyncStateStore::forget(const std::string& source, const std::string& destination,
                            const std::string& tableKey) {
  store_.execute(
      "DELETE FROM clone_sync_state WHERE source_catalog = ? AND destination_catalog = ? AND "
      "table_key = ?",
      {lowerAscii(source), lowerAscii(destination), lowerAscii(tableKey)});
}

}  // namespace clxs::clone
