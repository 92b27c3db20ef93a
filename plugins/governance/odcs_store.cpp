#include "plugins/governance/odcs_store.hpp"

#include "clxs/text.hpp"
#include "plugins/governance/odcs_document.hpp"

namespace clxs::governance {

namespace {

StoredContract odcsContractOf(const Json& r) {
  return {r["contract_id"].get<std::string>(), Json::parse(r["document"].get<std::string>()),
          r["created_by"].get<std::string>(),  r["created_at"].get<std::string>(),
          r["updated_by"].get<std::string>(),  r["updated_at"].get<std::string>()};
}

Json odcsTablesJson(const Json& doc) {
  Json out = Json::array();
  for (const auto& t : contractTables(doc)) out.push_back(lowerAscii(t));
  return out;
}

std::string odcsText(const Json& doc, const char* key) {
  const Json& v = doc.value(key, Json());
  return v.is_string() ? v.get<std::string>() : std::string();
}

}  // namespace

std::vector<Migration> ContractStore::migrations() {
  return {{30,
           "CREATE TABLE governance_odcs_contracts (contract_id TEXT PRIMARY KEY, name TEXT NOT "
           "NULL, version TEXT NOT NULL, status TEXT NOT NULL, domain TEXT, data_product TEXT, "
           "tenant TEXT, table_fqns TEXT NOT NULL, document TEXT NOT NULL, created_by TEXT NOT "
           "NULL, created_at TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL);"
           "CREATE TABLE governance_odcs_versions (contract_id TEXT NOT NULL, version TEXT NOT "
           "NULL, revision INTEGER NOT NULL, document TEXT NOT NULL, change_summary TEXT NOT "
           "NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (contract_id, "
           "version));"},
          {31,
           "CREATE TABLE governance_odcs_validations (validation_id TEXT PRIMARY KEY, "
           "contract_id TEXT NOT NULL, contract_version TEXT NOT NULL, sections_checked INTEGER "
           "NOT NULL, violations TEXT NOT NULL, compliant INTEGER NOT NULL, result TEXT NOT "
           "NULL, validated_by TEXT NOT NULL, validated_at TEXT NOT NULL);"
           "CREATE INDEX governance_odcs_validations_contract ON governance_odcs_validations "
           "(contract_id, validated_at);"}};
}

bool ContractStore::insert(const StoredContract& c, const std::string& summary) {
  if (find(c.id)) return false;
  const Json& d = c.document;
  store_.execute(
      "INSERT INTO governance_odcs_contracts (contract_id, name, version, status, domain, "
      "data_product, tenant, table_fqns, document, created_by, created_at, updated_by, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {c.id, odcsText(d, "name"), odcsText(d, "version"), odcsText(d, "status"),
       odcsText(d, "domain"), odcsText(d, "dataProduct"), odcsText(d, "tenant"),
       odcsTablesJson(d).dump(), d.dump(), c.createdBy, c.createdAt, c.updatedBy, c.updatedAt});
  store_.execute(
      "INSERT INTO governance_odcs_versions (contract_id, version, revision, document, "
      "change_summary, created_by, created_at) VALUES (?, ?, 1, ?, ?, ?, ?)",
      {c.id, odcsText(d, "version"), d.dump(), summary, c.updatedBy, c.updatedAt});
  return true;
}

bool ContractStore::revise(const StoredContract& c, const std::string& summary) {
  const Json& d = c.document;
  if (hasVersion(c.id, odcsText(d, "version"))) return false;
  store_.execute(
      "INSERT INTO governance_odcs_versions (contract_id, version, revision, document, "
      "change_summary, created_by, created_at) VALUES (?, ?, (SELECT coalesce(max(revision), "
      "0) + 1 FROM governance_odcs_versions WHERE contract_id = ?), ?, ?, ?, ?)",
      {c.id, odcsText(d, "version"), c.id, d.dump(), summary, c.updatedBy, c.updatedAt});
  store_.execute(
      "UPDATE governance_odcs_contracts SET name = ?, version = ?, status = ?, domain = ?, "
      "data_product = ?, tenant = ?, table_fqns = ?, document = ?, updated_by = ?, updated_at "
      "= ? WHERE contract_id = ?",
      {odcsText(d, "name"), odcsText(d, "version"), odcsText(d, "status"), odcsText(d, "domain"),
       odcsText(d, "dataProduct"), odcsText(d, "tenant"), odcsTablesJson(d).dump(), d.dump(),
       c.updatedBy, c.updatedAt, c.id});
  return true;
}

std::optional<StoredContract> ContractStore::find(const std::string& id) const {
  const auto rows =
      store_.query("SELECT * FROM governance_odcs_contracts WHERE contract_id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return odcsContractOf(rows[0]);
}

std::vector<StoredContract> ContractStore::list(const ContractFilter& filter) const {
  std::string sql = "SELECT * FROM governance_odcs_contracts WHERE 1 = 1";
  std::vector<Json> params;
  if (!filter.domain.empty()) {
    sql += " AND domain = ?";
    params.emplace_back(filter.domain);
  }
  if (!filter.status.empty()) {
    sql += " AND status = ?";
    params.emplace_back(filter.status);
  }
  if (!filter.tableFqn.empty()) {
    // table_fqns is a JSON list of lower-case names: an element is its JSON text, quotes
    // included, so a name never matches inside a longer one.
    sql += " AND instr(table_fqns, ?) > 0";
    params.emplace_back(Json(lowerAscii(filter.tableFqn)).dump());
  }
  sql += " ORDER BY updated_at DESC, contract_id";
  std::vector<StoredContract> out;
  for (const auto& r : store_.query(sql, params)) out.push_back(odcsContractOf(r));
  return out;
}

bool ContractStore::remove(const std::string& id) {
  if (store_.execute("DELETE FROM governance_odcs_contracts WHERE contract_id = ?", {id}) == 0) {
    return false;
  }
  store_.execute("DELETE FROM governance_odcs_versions WHERE contract_id = ?", {id});
  store_.execute("DELETE FROM governance_odcs_validations WHERE contract_id = ?", {id});
  return true;
}

bool ContractStore::hasVersion(const std::string& id, const std::string& version) const {
  return !store_
              .query("SELECT 1 FROM governance_odcs_versions WHERE contract_id = ? AND version = ?",
                     {id, version})
              .empty();
}

std::vector<Json> ContractStore::versions(const std::string& id) const {
  std::vector<Json> out;
  for (auto& r : store_.query(
           "SELECT contract_id, version, revision, change_summary, created_by, created_at FROM "
           "governance_odcs_versions WHERE contract_id = ? ORDER BY revision DESC",
           {id})) {
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<Json> ContractStore::version(const std::string& id,
                                           const std::string& version) const {
  auto rows = store_.query(
      "SELECT contract_id, version, revision, change_summary, created_by, created_at, document "
      "FROM governance_odcs_versions WHERE contract_id = ? AND version = ?",
      {id, version});
  if (rows.empty()) return std::nullopt;
  Json out = rows[0];
  out["document"] = Json::parse(rows[0]["document"].get<std::string>());
  return out;
}

void ContractStore::saveValidation(const Json& r) {
  store_.execute(
      "INSERT INTO governance_odcs_validations (validation_id, contract_id, contract_version, "
      "sections_checked, violations, compliant, result, validated_by, validated_at) VALUES (?, "
      "?, ?, ?, ?, ?, ?, ?, ?)",
      {r["validation_id"], r["contract_id"], r["contract_version"], r["sections_checked"],
       r["violations"].dump(), r["compliant"].get<bool>() ? 1 : 0, r.dump(), r["validated_by"],
       r["validated_at"]});
}

std::optional<Json> ContractStore::latestValidation(const std::string& id) const {
  const auto rows = store_.query(
      "SELECT result FROM governance_odcs_validations WHERE contract_id = ? ORDER BY "
      "validated_at DESC, rowid DESC LIMIT 1",
      {id});
  if (rows.empty()) return std::nullopt;
  return Json::parse(rows[0]["result"].get<std::string>());
}

}  // namespace clxs::governance
