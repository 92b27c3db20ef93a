#include "kernel/emulator/scim_handlers.hpp"

#include "kernel/emulator/emulator_stats.hpp"
#include "kernel/workspace/local/local_workspace.hpp"

namespace clxs::kernel::emulator {

EmulatorResponse scimMe(LocalWorkspace& workspace) {
  const auto user = workspace.identity().currentUser({});
  const auto email = user.find('@') == std::string::npos ? user + "@localhost" : user;
  Json groups = Json::array();
  for (const auto& g : workspace.options().groups) {
    groups.push_back(Json{{"display", g}, {"value", g}, {"type", "direct"}});
  }
  // A stable numeric id per user, as SCIM ids are.
  const auto id = std::to_string(std::stoull(sha256Hex(user).substr(0, 13), nullptr, 16));
  auto response = jsonResponse(
      Json{{"schemas", Json::array({"urn:ietf:params:scim:schemas:core:2.0:User"})},
           {"id", id},
           {"userName", user},
           {"displayName", user},
           {"active", true},
           {"emails", Json::array({Json{{"value", email}, {"type", "work"}, {"primary", true}}})},
           {"groups", groups},
           {"entitlements", Json::array()}});
  response.headers["X-Databricks-Org-Id"] = std::to_string(kEmulatorWorkspaceId);
  return response;
}

}  // namespace clxs::kernel::emulator
