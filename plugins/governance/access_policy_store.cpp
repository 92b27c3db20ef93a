#include "plugins/governance/access_policy_store.hpp"

namespace clxs::governance {

std::vector<Migration> AccessPolicyStore::migrations() {
  return {{40,
           "CREATE TABLE governance_rbac_policies (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
           "policy_id TEXT NOT NULL UNIQUE, rule_json TEXT NOT NULL, deny INTEGER NOT NULL, "
           "created_by TEXT NOT NULL, created_at TEXT NOT NULL);"}};
}

void AccessPolicyStore::add(const AccessRule& rule) {
  store_.execute(
      "INSERT INTO governance_rbac_policies (policy_id, rule_json, deny, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?)",
      {rule.policyId, rule.toJson().dump(), rule.deny ? 1 : 0, rule.createdBy, rule.createdAt});
}

std::vector<AccessRule> AccessPolicyStore::list() const {
  std::vector<AccessRule> out;
  for (const auto& r :
       store_.query("SELECT rule_json FROM governance_rbac_policies ORDER BY seq")) {
    out.push_back(AccessRule::fromJson(Json::parse(r["rule_json"].get<std::string>())));
  }
  return out;
}

std::optional<AccessRule> AccessPolicyStore::find(const std::string& policyId) const {
  const auto rows = store_.query(
      "SELECT rule_json FROM governance_rbac_policies WHERE policy_id = ?", {policyId});
  if (rows.empty()) return std::nullopt;
  return AccessRule::fromJson(Json::parse(rows[0]["rule_json"].get<std::string>()));
}

bool AccessPolicyStore::remove(const std::string& policyId) {
  return store_.execute("DELETE FROM governance_rbac_policies WHERE policy_id = ?", {policyId}) > 0;
}

services::AccessDecision AccessPolicyStore::evaluate(const services::AccessRequest& request) {
  return evaluateAccess(list(), request);
}

}  // namespace clxs::governance
