#include "plugins/governance/access_rules.hpp"

#include <re2/re2.h>

#include <utility>

#include "clxs/error.hpp"

namespace clxs::governance {
namespace {

// The rule fields by their names in the API, the original's names.
struct AccessField {
  const char* name;
  std::vector<std::string> AccessRule::*member;
};

constexpr AccessField kAccessFields[] = {{"principals", &AccessRule::principals},
                                         {"allowed_sources", &AccessRule::sources},
                                         {"allowed_destinations", &AccessRule::destinations},
                                         {"allowed_schemas", &AccessRule::schemas},
                                         {"allowed_operations", &AccessRule::operations}};

RE2::Options accessRegexOptions() {
  RE2::Options o;
  o.set_case_sensitive(false);  // Unity Catalog names and principals are case-insensitive
  o.set_log_errors(false);
  return o;
}

bool accessPatternMatches(const std::string& pattern, const std::string& value) {
  if (pattern == "*") return true;
  const RE2 re(pattern, accessRegexOptions());
  return re.ok() && RE2::FullMatch(value, re);
}

// Whether `value` satisfies a field: an unset field always does.
bool accessFieldMatches(const std::vector<std::string>& patterns, const std::string& value) {
  if (patterns.empty()) return true;
  for (const auto& p : patterns) {
    if (accessPatternMatches(p, value)) return true;
  }
  return false;
}

bool accessRuleMatches(const AccessRule& r, const services::AccessRequest& q) {
  return accessFieldMatches(r.principals, q.principal) &&
         accessFieldMatches(r.operations, q.operation) && accessFieldMatches(r.sources, q.source) &&
         accessFieldMatches(r.destinations, q.destination) &&
         accessFieldMatches(r.schemas, q.schema);
}

std::string accessRuleLabel(const AccessRule& r) {
  return "policy " + r.policyId + (r.name.empty() ? "" : " ('" + r.name + "')");
}

std::string accessRequestText(const services::AccessRequest& q) {
  std::string out = "'" + q.principal + "' to " + q.operation;
  if (!q.source.empty()) out += " from '" + q.source + "'";
  if (!q.destination.empty()) out += " to '" + q.destination + "'";
  if (!q.schema.empty()) out += " (schema '" + q.schema + "')";
  return out;
}

std::vector<std::string> accessPatterns(const Json& body, const char* field) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return {};
  const auto loc = [field](std::size_t i) { return Json::array({"body", field, i}); };
  if (!it->is_array()) {
    throw unprocessable(Json::array({"body", field}), "a list of patterns", "list_type");
  }
  if (it->size() > kAccessMaxPatterns) {
    throw unprocessable(Json::array({"body", field}),
                        "at most " + std::to_string(kAccessMaxPatterns) + " patterns");
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& p = (*it)[i];
    if (!p.is_string() || p.get_ref<const std::string&>().empty()) {
      throw unprocessable(loc(i), "each pattern is a non-empty string", "string_type");
    }
    const auto& text = p.get_ref<const std::string&>();
    if (text.size() > kAccessMaxPatternLength) {
      throw unprocessable(
          loc(i), "pattern longer than " + std::to_string(kAccessMaxPatternLength) + " characters");
    }
    if (text != "*") {
      const RE2 re(text, accessRegexOptions());
      if (!re.ok()) {
        throw unprocessable(loc(i), "invalid regular expression '" + text + "': " + re.error(),
                            "value_error.regex");
      }
    }
    out.push_back(text);
  }
  return out;
}

Json accessList(const std::vector<std::string>& v) {
  return v.empty() ? Json::array() : Json(v);
}

std::vector<std::string> accessStrings(const Json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& s : j) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

std::string accessOptionalText(const Json& body, const char* field, std::size_t maxLength) {
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_string()) {
    throw unprocessable(Json::array({"body", field}), "a string", "string_type");
  }
  if (it->get_ref<const std::string&>().size() > maxLength) {
    throw unprocessable(Json::array({"body", field}),
                        "at most " + std::to_string(maxLength) + " characters");
  }
  return it->get<std::string>();
}

}  // namespace

Json AccessRule::toJson() const {
  return Json{{"policy_id", policyId},
              {"name", name},
              {"description", description},
              {"principals", accessList(principals)},
              {"allowed_sources", accessList(sources)},
              {"allowed_destinations", accessList(destinations)},
              {"allowed_schemas", accessList(schemas)},
              {"allowed_operations", accessList(operations)},
              {"deny", deny},
              {"created_by", createdBy},
              {"created_at", createdAt}};
}

AccessRule AccessRule::fromJson(const Json& j) {
  AccessRule r;
  r.policyId = j.value("policy_id", "");
  r.name = j.value("name", "");
  r.description = j.value("description", "");
  for (const auto& f : kAccessFields) r.*f.member = accessStrings(j.value(f.name, Json()));
  r.deny = j.value("deny", false);
  r.createdBy = j.value("created_by", "");
  r.createdAt = j.value("created_at", "");
  return r;
}

AccessRule parseAccessRule(const Json& body) {
  if (!body.is_object()) {
    throw unprocessable(Json::array({"body"}), "a JSON object", "dict_type");
  }
  AccessRule r;
  for (const auto& f : kAccessFields) r.*f.member = accessPatterns(body, f.name);
  if (const auto it = body.find("deny"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      throw unprocessable(Json::array({"body", "deny"}), "true or false", "bool_type");
    }
    r.deny = it->get<bool>();
  }
  r.name = accessOptionalText(body, "name", 200);
  r.description = accessOptionalText(body, "description", 2000);
  return r;
}

services::AccessDecision evaluateAccess(const std::vector<AccessRule>& rules,
                                        const services::AccessRequest& request) {
  services::AccessDecision d;
  if (rules.empty()) {
    d.reason = "No access policy is defined: everything is allowed";
    return d;
  }
  for (const auto& r : rules) {
    if (r.deny && accessRuleMatches(r, request)) {
      d.allowed = false;
      d.matchedPolicy = r.toJson();
      d.reason = "Denied by " + accessRuleLabel(r) + ": it denies " + accessRequestText(request);
      return d;
    }
  }
  std::size_t governing = 0;
  for (const auto& r : rules) {
    if (r.deny || !accessFieldMatches(r.operations, request.operation)) continue;
    ++governing;
    if (accessRuleMatches(r, request)) {
      d.matchedPolicy = r.toJson();
      d.reason = "Allowed by " + accessRuleLabel(r);
      return d;
    }
  }
  if (governing == 0) {
    d.reason = "No deny rule matches and no allow rule restricts the operation '" +
               request.operation + "'";
    return d;
  }
  d.allowed = false;
  d.reason = std::to_string(governing) + " allow rule(s) restrict the operation '" +
             request.operation + "' and none allows " + accessRequestText(request);
  return d;
}

}  // namespace clxs::governance
