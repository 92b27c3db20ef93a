#include "plugins/governance/governance_admin.hpp"

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "clxs/workspace.hpp"
#include "plugins/governance/governance_deps.hpp"

namespace clxs::governance {

bool isGovernanceAdmin(const ConfigView& config, const std::string& user,
                       const std::string& workspaceKind) {
  const Json admins = config.value("rbac_admins", Json::array());
  if (admins.is_array() && !admins.empty()) {
    for (const auto& a : admins) {
      if (a.is_string() && !user.empty() && sameName(a.get_ref<const std::string&>(), user)) {
        return true;
      }
    }
    return false;
  }
  return workspaceKind == "local";
}

std::string requireGovernanceAdmin(const Request& req, const ConfigView& config) {
  const auto user = actorOf(req);
  if (isGovernanceAdmin(config, user, req.workspace()->kind())) return user;
  throw HttpError(403, "'" + user +
                           "' is not a governance admin: only the principals listed in the "
                           "config key rbac_admins may change access policies");
}

}  // namespace clxs::governance
