#include "plugins/clone/access_check.hpp"

#include <algorithm>

#include "clxs/config.hpp"
#include "clxs/error.hpp"
#include "clxs/services.hpp"
#include "clxs/services/access_policy.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"

namespace clxs::clone {
namespace {

bool accessListed(const std::vector<std::string>& names, const std::string& name) {
  return std::any_of(names.begin(), names.end(),
                     [&name](const std::string& n) { return sameName(n, name); });
}

// The schemas the run would copy; one empty name when the catalog has none to copy.
std::vector<std::string> accessSchemas(Workspace& ws, const AccessScope& scope) {
  std::vector<std::string> out;
  if (!scope.include.empty()) {
    for (const auto& s : scope.include) {
      if (!accessListed(scope.exclude, s)) out.push_back(s);
    }
  } else {
    for (const auto& s : ws.catalog().schemas(scope.source, {})) {
      if (lowerAscii(s.name) == "information_schema" || accessListed(scope.exclude, s.name)) {
        continue;
      }
      out.push_back(s.name);
    }
  }
  if (out.empty()) out.emplace_back();
  return out;
}

}  // namespace

void requireAccessAllowed(Host& host, const Request& req, const AccessScope& scope) {
  const Json enabled = host.config().value("rbac_enabled", Json(false));
  if (!enabled.is_boolean() || !enabled.get<bool>()) return;
  const auto policy = host.services().get<services::AccessPolicy>();
  auto ws = req.workspace();
  const auto principal = ws->identity().currentUser({});
  for (const auto& schema : accessSchemas(*ws, scope)) {
    const auto decision =
        policy->evaluate({principal, scope.operation, scope.source, scope.destination, schema});
    if (!decision.allowed) {
      throw HttpError(403, "Access policy refuses this " + scope.operation + ": " +
                               decision.reason +
                               " (dry run: POST /api/rbac/evaluate; rules: GET "
                               "/api/rbac/policies)");
    }
  }
}

}  // namespace clxs::clone
