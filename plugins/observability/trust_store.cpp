#include "plugins/observability/trust_store.hpp"

#include "clxs/sql.hpp"
#include "clxs/text.hpp"

namespace clxs::observability {
namespace {

Json storedTrustScore(const Json& row) {
  auto out = Json::parse(row.value("result", "{}"), nullptr, false);
  return out.is_discarded() ? Json::object() : out;
}

}  // namespace

std::vector<Migration> TrustStore::migrations() {
  return {{21,
           "CREATE TABLE observability_trust_scores ("
           "  id INTEGER PRIMARY KEY AUTOINCREMENT, table_fqn TEXT NOT NULL,"
           "  table_key TEXT NOT NULL, catalog_key TEXT NOT NULL, schema_key TEXT NOT NULL,"
           "  computed_at TEXT NOT NULL, score REAL, grade TEXT, confidence REAL NOT NULL,"
           "  dims TEXT NOT NULL, config_hash TEXT NOT NULL, result TEXT NOT NULL);"
           "CREATE INDEX observability_trust_scores_table ON "
           "observability_trust_scores(table_key, computed_at);"
           "CREATE INDEX observability_trust_scores_schema ON "
           "observability_trust_scores(catalog_key, schema_key);"
           "CREATE TABLE observability_trust_config ("
           "  id INTEGER PRIMARY KEY CHECK (id = 1), weights TEXT NOT NULL,"
           "  updated_by TEXT NOT NULL, updated_at TEXT NOT NULL);"}};
}

void TrustStore::save(const Json& score) {
  const auto fqn = score.value("table_fqn", "");
  const auto parts = splitQualified(fqn);
  store_.execute(
      "INSERT INTO observability_trust_scores (table_fqn, table_key, catalog_key, schema_key, "
      "computed_at, score, grade, confidence, dims, config_hash, result) VALUES (?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?)",
      {fqn, lowerAscii(fqn), parts.size() == 3 ? lowerAscii(parts[0]) : std::string(),
       parts.size() == 3 ? lowerAscii(parts[1]) : std::string(), score.value("computed_at", ""),
       score["score"], score["grade"], score.value("confidence", 0.0), score["dimensions"].dump(),
       score.value("config_hash", ""), score.dump()});
}

std::optional<Json> TrustStore::latestOf(const std::string& tableFqn) const {
  const auto rows = store_.query(
      "SELECT result FROM observability_trust_scores WHERE table_key = ? ORDER BY computed_at "
      "DESC, id DESC LIMIT 1",
      {lowerAscii(tableFqn)});
  if (rows.empty()) return std::nullopt;
  return storedTrustScore(rows[0]);
}

std::vector<Json> TrustStore::latestIn(const std::string& catalog,
                                       const std::string& schema) const {
  const auto schemaKey = lowerAscii(schema);
  std::vector<Json> out;
  // The newest row of each table: the highest id among its rows (ids grow with time).
  for (const auto& row : store_.query(
           "SELECT result FROM observability_trust_scores WHERE id IN (SELECT max(id) FROM "
           "observability_trust_scores WHERE catalog_key = ? AND (? = '' OR schema_key = ?) "
           "GROUP BY table_key) ORDER BY table_key",
           {lowerAscii(catalog), schemaKey, schemaKey})) {
    out.push_back(storedTrustScore(row));
  }
  return out;
}

std::vector<Json> TrustStore::history(const std::string& tableFqn, std::int64_t limit) const {
  std::vector<Json> out;
  for (const auto& row : store_.query(
           "SELECT computed_at, score, grade, confidence, config_hash, dims FROM "
           "observability_trust_scores WHERE table_key = ? ORDER BY computed_at DESC, id DESC "
           "LIMIT ?",
           {lowerAscii(tableFqn), limit})) {
    Json dims = Json::object();
    const auto stored = Json::parse(row.value("dims", "{}"), nullptr, false);
    if (stored.is_object()) {
      for (const auto& [name, d] : stored.items()) dims[name] = d.value("score", Json());
    }
    out.push_back({{"computed_at", row["computed_at"]},
                   {"score", row["score"]},
                   {"grade", row["grade"]},
                   {"confidence", row["confidence"]},
                   {"config_hash", row["config_hash"]},
                   {"dimensions", dims}});
  }
  return out;
}

StoredTrustWeights TrustStore::weights() const {
  StoredTrustWeights out;
  const auto rows =
      store_.query("SELECT weights, updated_by, updated_at FROM observability_trust_config");
  if (rows.empty()) return out;
  // Stored weights were validated when set; merging them onto the defaults reads them back.
  const auto stored = Json::parse(rows[0].value("weights", "{}"), nullptr, false);
  if (stored.is_object()) out.weights = mergedTrustWeights(TrustWeights{}, stored);
  out.updatedBy = rows[0].value("updated_by", "");
  out.updatedAt = rows[0].value("updated_at", "");
  return out;
}

void TrustStore::setWeights(const TrustWeights& w, const std::string& by, const std::string& at) {
  store_.execute(
      "INSERT INTO observability_trust_config (id, weights, updated_by, updated_at) VALUES (1, "
      "?, ?, ?) ON CONFLICT (id) DO UPDATE SET weights = excluded.weights, updated_by = "
      "excluded.updated_by, updated_at = excluded.updated_at",
      {trustWeightsJson(w).dump(), by, at});
}

}  // namespace clxs::observability
