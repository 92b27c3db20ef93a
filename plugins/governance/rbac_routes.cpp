#include "plugins/governance/rbac_routes.hpp"

#include <string>
#include <utility>

#include "clxs/config.hpp"
#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/workspace.hpp"
#include "plugins/governance/governance_admin.hpp"

namespace clxs::governance {
namespace {

Field rbacPatterns(const char* what) {
  return Field::array(Field::string())
      .maxLength(kAccessMaxPatterns)
      .describe(std::string(what) +
                ": full-match, case-insensitive RE2 patterns (`*` alone: anything); unset or "
                "empty: the rule does not restrict this field");
}

Model rbacPolicyModel() {
  return Model("AccessPolicy")
      .field("policy_id", Field::string().describe("Id (UUID) for DELETE"))
      .field("index", Field::integer().describe("Position in evaluation order, from 0"))
      .field("name", Field::string())
      .field("description", Field::string())
      .field("principals", rbacPatterns("Users, groups or service principals"))
      .field("allowed_sources", rbacPatterns("Source catalogs"))
      .field("allowed_destinations", rbacPatterns("Destination catalogs"))
      .field("allowed_schemas", rbacPatterns("Schemas"))
      .field("allowed_operations", rbacPatterns("Operations: clone, sync, …"))
      .field("deny", Field::boolean().describe("A deny rule (evaluated before allow rules)"))
      .field("created_by", Field::string())
      .field("created_at", Field::string());
}

Json rbacWithIndex(const AccessRule& rule, std::size_t index) {
  Json j = rule.toJson();
  j["index"] = index;
  return j;
}

}  // namespace

void registerRbacRoutes(Routes& routes, const GovernanceDeps& deps,
                        std::shared_ptr<AccessPolicyStore> policies) {
  const GovernanceDeps d = deps;

  routes.get("/api/rbac/policies")
      .summary("List access policies")
      .description(
          "Every access policy rule in evaluation order (oldest first), each with its id. How "
          "they are evaluated: docs/governance.md, Access policies and compliance.")
      .returnsListOf(rbacPolicyModel())
      .handle([policies](const Request&) {
        Json out = Json::array();
        const auto all = policies->list();
        for (std::size_t i = 0; i < all.size(); ++i) out.push_back(rbacWithIndex(all[i], i));
        return out;
      });

  routes.post("/api/rbac/policies")
      .summary("Add an access policy")
      .description(
          "Adds one rule {principals, allowed_sources, allowed_destinations, allowed_schemas, "
          "allowed_operations, deny, name, description}; every pattern is checked (422 naming "
          "the bad one). A rule matches only on the fields it sets. Deny rules are evaluated "
          "first; once an allow rule governs an operation, that operation is restricted to "
          "what allow rules allow. Only governance admins (config rbac_admins; without it the "
          "local workspace's user) may add rules: 403 otherwise. Answers the stored rule.")
      .body(Model("AccessPolicyRequest")
                .field("principals", rbacPatterns("Users, groups or service principals"))
                .field("allowed_sources", rbacPatterns("Source catalogs"))
                .field("allowed_destinations", rbacPatterns("Destination catalogs"))
                .field("allowed_schemas", rbacPatterns("Schemas"))
                .field("allowed_operations", rbacPatterns("Operations: clone, sync, …"))
                .field("deny", Field::boolean().defaultsTo(false).describe("A deny rule"))
                .field("name", Field::string().maxLength(200).describe("Optional label"))
                .field("description", Field::string().maxLength(2000)))
      .returns(rbacPolicyModel())
      .mutates()
      .handle([policies, d](const Request& req) {
        const auto actor = requireGovernanceAdmin(req, d.host->config());
        AccessRule rule = parseAccessRule(req.body());
        rule.policyId = newUuid();
        rule.createdBy = actor;
        rule.createdAt = nowIso(*d.clock);
        policies->add(rule);
        d.history->record({"access_policy", rule.policyId, "create", actor, nullptr, rule.toJson(),
                           rule.createdAt});
        const auto all = policies->list();
        for (std::size_t i = 0; i < all.size(); ++i) {
          if (all[i].policyId == rule.policyId) return rbacWithIndex(all[i], i);
        }
        return rbacWithIndex(rule, all.size());
      });

  routes.del("/api/rbac/policies/{policy_id}")
      .summary("Delete an access policy")
      .description(
          "Deletes one rule by its id (not by list position, so a concurrent change cannot "
          "delete the wrong rule). 404 for an unknown id; 403 unless a governance admin.")
      .pathParam("policy_id",
                 Field::string().required().maxLength(100).describe("The rule's policy_id"))
      .returns(Model("AccessPolicyDeleted")
                   .field("deleted", Field::boolean())
                   .field("policy_id", Field::string()))
      .mutates()
      .handle([policies, d](const Request& req) {
        const auto actor = requireGovernanceAdmin(req, d.host->config());
        const auto& id = req.param("policy_id");
        const auto before = policies->find(id);
        if (!before || !policies->remove(id)) {
          throw notFound("No access policy with id '" + id + "' (see GET /api/rbac/policies)");
        }
        d.history->record(
            {"access_policy", id, "delete", actor, before->toJson(), nullptr, nowIso(*d.clock)});
        return Json{{"deleted", true}, {"policy_id", id}};
      });

  routes.post("/api/rbac/evaluate")
      .summary("Dry-run the access policies")
      .description(
          "Evaluates the stored rules for {principal (default: the caller), operation, source, "
          "destination, schema} exactly as POST /api/clone does when rbac_enabled is set, and "
          "says which rule decided and why. Changes nothing.")
      .body(
          Model("AccessEvaluationRequest")
              .field("principal",
                     Field::string().maxLength(255).describe("Who acts (default: the caller)"))
              .field("operation", Field::string().required().minLength(1).maxLength(100).describe(
                                      "clone, sync, …"))
              .field("source", Field::string().maxLength(255).describe("Source catalog"))
              .field("destination", Field::string().maxLength(255).describe("Destination catalog"))
              .field("schema", Field::string().maxLength(255).describe("Schema")))
      .returns(Model("AccessDecision")
                   .field("allowed", Field::boolean())
                   .field("matched_policy",
                          Field::object().nullable().describe("The rule that decided, if any"))
                   .field("reason", Field::string().describe("Why, in one sentence"))
                   .field("principal", Field::string().describe("Who was evaluated"))
                   .field("enforced", Field::boolean().describe(
                                          "Whether clone and sync enforce the policies now "
                                          "(config rbac_enabled)")))
      .handle([policies, d](const Request& req) {
        const Json& b = req.body();
        const auto text = [&b](const char* k) {
          const auto it = b.find(k);
          return it != b.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        services::AccessRequest q{text("principal"), lowerAscii(text("operation")), text("source"),
                                  text("destination"), text("schema")};
        if (q.principal.empty()) q.principal = actorOf(req);
        Json out = policies->evaluate(q).toJson();
        out["principal"] = q.principal;
        const Json enforced = d.host->config().value("rbac_enabled", Json(false));
        out["enforced"] = enforced.is_boolean() && enforced.get<bool>();
        return out;
      });
}

}  // namespace clxs::governance
