#include "plugins/observability/check_evidence_store.hpp"

#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::observability {
namespace {

CheckEvidence evidenceOf(const Json& row) {
  return {row.value("table_fqn", ""),
          row.value("check_id", ""),
          row.value("check_name", ""),
          row.value("source", ""),
          row.value("criticality", ""),
          row.value("passed", std::int64_t{1}) != 0,
          row.value("failed_rows", std::int64_t{0}),
          row.value("input_rows", std::int64_t{0}),
          row.value("run_id", ""),
          row.value("executed_at", "")};
}

}  // namespace

std::vector<Migration> CheckEvidenceStore::migrations() {
  // Versions from 20 on: the plugin's other stores use the low ones.
  return {{20,
           "CREATE TABLE observability_check_evidence ("
           "  table_key TEXT NOT NULL, check_id TEXT NOT NULL, catalog_key TEXT NOT NULL,"
           "  schema_key TEXT NOT NULL, table_fqn TEXT NOT NULL, check_name TEXT NOT NULL,"
           "  source TEXT NOT NULL, criticality TEXT NOT NULL, passed INTEGER NOT NULL,"
           "  failed_rows INTEGER NOT NULL, input_rows INTEGER NOT NULL, run_id TEXT NOT NULL,"
           "  executed_at TEXT NOT NULL, PRIMARY KEY (table_key, check_id));"
           "CREATE INDEX observability_check_evidence_schema ON "
           "observability_check_evidence(catalog_key, schema_key);"}};
}

void CheckEvidenceStore::record(const events::CheckResult& r) {
  // The catalog and schema are kept apart so that a catalog's results are read by equality,
  // not by a LIKE on the name.
  const auto parts = splitQualified(r.tableFqn);
  const auto key = lowerAscii(r.tableFqn);
  store_.execute(
      "INSERT INTO observability_check_evidence (table_key, check_id, catalog_key, schema_key, "
      "table_fqn, check_name, source, criticality, passed, failed_rows, input_rows, run_id, "
      "executed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (table_key, check_id) DO UPDATE SET table_fqn = excluded.table_fqn, "
      "check_name = excluded.check_name, source = excluded.source, criticality = "
      "excluded.criticality, passed = excluded.passed, failed_rows = excluded.failed_rows, "
      "input_rows = excluded.input_rows, run_id = excluded.run_id, executed_at = "
      "excluded.executed_at WHERE excluded.executed_at >= observability_check_evidence.executed_at",
      {key, r.checkId, parts.size() == 3 ? lowerAscii(parts[0]) : std::string(),
       parts.size() == 3 ? lowerAscii(parts[1]) : std::string(), r.tableFqn, r.checkName, r.source,
       r.criticality, r.passed ? 1 : 0, r.failedRows, r.inputRows, r.runId, r.executedAt});
}

std::vector<CheckEvidence> CheckEvidenceStore::latestOf(const std::string& tableFqn) const {
  std::vector<CheckEvidence> out;
  for (const auto& row : store_.query(
           "SELECT * FROM observability_check_evidence WHERE table_key = ? ORDER BY check_name, "
           "check_id",
           {lowerAscii(tableFqn)})) {
    out.push_back(evidenceOf(row));
  }
  return out;
}

std::map<std::string, std::vector<CheckEvidence>> CheckEvidenceStore::latestIn(
    const std::string& catalog, const std::string& schema) const {
  std::map<std::string, std::vector<CheckEvidence>> out;
  const auto schemaKey = lowerAscii(schema);
  for (const auto& row : store_.query(
           "SELECT * FROM observability_check_evidence WHERE catalog_key = ? AND (? = '' OR "
           "schema_key = ?) ORDER BY table_key, check_name, check_id",
           {lowerAscii(catalog), schemaKey, schemaKey})) {
    out[row.value("table_key", "")].push_back(evidenceOf(row));
  }
  return out;
}

void subscribeCheckEvidence(Events& events, Logger& log,
                            std::shared_ptr<CheckEvidenceStore> evidence) {
  events.on<events::CheckResult>([evidence, logger = &log](const events::CheckResult& r) {
    // Runs on the publisher's thread, inside its request: nothing may escape.
    try {
      evidence->record(r);
    } catch (const std::exception& e) {
      logger->warn(std::string("check result not kept as evidence: ") + e.what());
    }
  });
}

}  // namespace clxs::observability
