// Access policies end to end, on the local workspace and through `clxs emulate`: rules stored
// by id, a deny rule that names only destinations leaves the others allowed, only admins
// write, and POST /api/clone, /api/multi-clone and /api/sync refuse what the rules deny when
// the config sets rbac_enabled.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "tests/support/cli_process.hpp"
#include "tests/support/json_get.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

constexpr const char* kRbacSource = R"sql(
CREATE CATALOG rbac_src;
CREATE SCHEMA rbac_src.sales;
CREATE SCHEMA rbac_src.hr;
CREATE TABLE rbac_src.sales.orders (id BIGINT, amount DOUBLE);
INSERT INTO rbac_src.sales.orders VALUES (1, 2.5), (2, 3.0);
CREATE TABLE rbac_src.hr.people (id BIGINT);
)sql";

// Sets top-level config keys (each a YAML/JSON value) in the server's config file, replacing
// earlier lines of the same keys; the server reads the file again when it changes.
void rbacSetConfig(const ServerProcess& s, const std::map<std::string, std::string>& values) {
  const auto file = s.dataDir() / "config" / "clone_config.yaml";
  std::ifstream in(file);
  std::stringstream kept;
  std::string line;
  while (std::getline(in, line)) {
    bool replaced = false;
    for (const auto& [key, value] : values) replaced |= line.rfind(key + ":", 0) == 0;
    if (!replaced) kept << line << "\n";
  }
  for (const auto& [key, value] : values) kept << key << ": " << value << "\n";
  std::ofstream(file, std::ios::trunc) << kept.str();
}

// Who the server's requests act as: the dry run says whom it evaluated.
std::string rbacCaller(const ServerProcess& s) {
  const auto r = s.post("/api/rbac/evaluate", Json{{"operation", "clone"}});
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json()["principal"].get<std::string>() : "";
}

// Makes the caller an admin on every workspace (the Databricks run has no local user).
std::string rbacBecomeAdmin(const ServerProcess& s) {
  const auto user = rbacCaller(s);
  rbacSetConfig(s, {{"rbac_admins", Json::array({user}).dump()}});
  return user;
}

std::string rbacAdd(const ServerProcess& s, const Json& rule) {
  const auto r = s.post("/api/rbac/policies", rule);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json()["policy_id"].get<std::string>() : "";
}

Json rbacEvaluate(const ServerProcess& s, const Json& ask) {
  const auto r = s.post("/api/rbac/evaluate", ask);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json() : Json::object();
}

TEST(GovernanceRbac, PoliciesAreStoredByIdAndADenyOnDestinationsLeavesOthersAllowed) {
  ServerProcess s;
  const auto admin = rbacBecomeAdmin(s);
  EXPECT_EQ(getJson(s, "/api/rbac/policies"), Json::array());
  EXPECT_EQ(
      rbacEvaluate(s, {{"operation", "clone"}, {"source", "a"}, {"destination", "b"}})["allowed"],
      true);

  const auto r = s.post("/api/rbac/policies", Json{{"name", "no copies into prod's `x` 100%"},
                                                   {"allowed_destinations", {"prod_.*"}},
                                                   {"deny", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto rule = r.json();
  const auto id = rule["policy_id"].get<std::string>();
  EXPECT_EQ(rule["index"], 0);
  EXPECT_EQ(rule["created_by"], admin);
  EXPECT_EQ(rule["name"], "no copies into prod's `x` 100%");
  EXPECT_EQ(rule["allowed_sources"], Json::array()) << "unset stays unset";
  const auto allow = rbacAdd(
      s, {{"principals", {"*"}}, {"allowed_operations", {"sync"}}, {"allowed_sources", {"dev"}}});

  const auto listed = getJson(s, "/api/rbac/policies");
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0]["policy_id"], id);
  EXPECT_EQ(listed[1]["policy_id"], allow);
  EXPECT_EQ(listed[1]["index"], 1);

  auto d =
      rbacEvaluate(s, {{"operation", "clone"}, {"source", "dev"}, {"destination", "PROD_sales"}});
  EXPECT_EQ(d["allowed"], false);
  EXPECT_EQ(d["matched_policy"]["policy_id"], id);
  EXPECT_NE(d["reason"].get<std::string>().find(id), std::string::npos);
  // The original denied this too, its unset allowed_sources being ".*".
  d = rbacEvaluate(s, {{"operation", "clone"}, {"source", "prod_sales"}, {"destination", "dev"}});
  EXPECT_EQ(d["allowed"], true) << d.dump();
  EXPECT_EQ(d["matched_policy"], nullptr);
  // The allow rule governs sync only: from dev allowed, from elsewhere not.
  d = rbacEvaluate(s, {{"operation", "sync"}, {"source", "dev"}, {"destination", "qa"}});
  EXPECT_EQ(d["allowed"], true);
  EXPECT_EQ(d["matched_policy"]["policy_id"], allow);
  EXPECT_EQ(rbacEvaluate(
                s, {{"operation", "sync"}, {"source", "prod"}, {"destination", "qa"}})["allowed"],
            false);
  d = rbacEvaluate(s, {{"principal", "bob@example.com"},
                       {"operation", "clone"},
                       {"source", "a"},
                       {"destination", "prod_1"}});
  EXPECT_EQ(d["principal"], "bob@example.com");
  EXPECT_EQ(d["allowed"], false);

  const auto del = s.request("DELETE", "/api/rbac/policies/" + id);
  ASSERT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(del.json()["deleted"], true);
  EXPECT_EQ(s.request("DELETE", "/api/rbac/policies/" + id).status, 404);
  EXPECT_EQ(getJson(s, "/api/rbac/policies").size(), 1u);
  EXPECT_EQ(
      rbacEvaluate(
          s, {{"operation", "clone"}, {"source", "dev"}, {"destination", "prod_1"}})["allowed"],
      true);

  // Stored in the server's state, not a file: they survive a restart.
  s.restart();
  EXPECT_EQ(getJson(s, "/api/rbac/policies").size(), 1u);
}

TEST(GovernanceRbac, BadInputIsAClearError) {
  ServerProcess s;
  rbacBecomeAdmin(s);
  auto r = s.post("/api/rbac/policies", Json{{"allowed_sources", {"ok", "prod_("}}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("prod_("), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("allowed_sources"), std::string::npos) << r.body;
  EXPECT_EQ(s.post("/api/rbac/policies", Json{{"principals", "ana"}}).status, 422);
  EXPECT_EQ(s.post("/api/rbac/policies", Json{{"principals", {""}}}).status, 422);
  EXPECT_EQ(s.post("/api/rbac/policies", Json{{"deny", "yes"}}).status, 422);
  EXPECT_EQ(s.post("/api/rbac/evaluate", Json{{"source", "a"}}).status, 422) << "operation";
  r = s.request("DELETE", "/api/rbac/policies/no-such-id");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("no-such-id"), std::string::npos) << r.body;
  EXPECT_EQ(getJson(s, "/api/rbac/policies"), Json::array()) << "nothing was stored";
}

TEST(GovernanceRbac, OnlyAdminsWritePolicies) {
  ServerProcess s;
  // Without rbac_admins the local workspace's user is the admin; on Databricks nobody is.
  auto r = s.post("/api/rbac/policies", Json{{"principals", {"*"}}});
  if (s.workspaceKind() == "local") {
    EXPECT_EQ(r.status, 200) << r.body;
  } else {
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_NE(r.body.find("rbac_admins"), std::string::npos) << r.body;
  }
  rbacBecomeAdmin(s);
  const auto id = rbacAdd(s, {{"allowed_destinations", {"prod"}}, {"deny", true}});
  const auto before = getJson(s, "/api/rbac/policies");

  rbacSetConfig(s, {{"rbac_admins", R"(["someone-else@example.com"])"}});
  r = s.post("/api/rbac/policies", Json{{"principals", {"*"}}});
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find("rbac_admins"), std::string::npos) << r.body;
  EXPECT_EQ(s.request("DELETE", "/api/rbac/policies/" + id).status, 403);
  EXPECT_EQ(getJson(s, "/api/rbac/policies"), before) << "reads stay open, nothing changed";
  EXPECT_EQ(s.post("/api/rbac/evaluate", Json{{"operation", "clone"}}).status, 200);
}

TEST(GovernanceRbac, ADeniedCloneIs403WhenRbacIsEnabled) {
  ServerProcess s;
  seedSql(s.dataDir(), kRbacSource);
  rbacBecomeAdmin(s);
  const auto deny = rbacAdd(
      s,
      {{"name", "nothing into blocked"}, {"allowed_destinations", {"blocked_.*"}}, {"deny", true}});
  const auto hr = rbacAdd(
      s, {{"allowed_schemas", {"hr"}}, {"allowed_destinations", {"nohr_.*"}}, {"deny", true}});
  const Json blocked{
      {"source_catalog", "rbac_src"}, {"destination_catalog", "blocked_copy"}, {"dry_run", true}};
  // Not enforced until the config says so.
  auto r = s.post("/api/clone", blocked);
  EXPECT_EQ(r.status, 200) << r.body;

  EXPECT_EQ(rbacEvaluate(s, {{"operation", "clone"}})["enforced"], false);
  rbacSetConfig(s, {{"rbac_enabled", "true"}});
  EXPECT_EQ(rbacEvaluate(s, {{"operation", "clone"}})["enforced"], true);
  r = s.post("/api/clone", blocked);
  ASSERT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find(deny), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("nothing into blocked"), std::string::npos) << r.body;
  r = s.post("/api/clone", Json{{"source_catalog", "rbac_src"},
                                {"destination_catalog", "open_copy"},
                                {"dry_run", true}});
  EXPECT_EQ(r.status, 200) << r.body;

  // A schema rule: the whole catalog includes hr, a clone of sales alone does not.
  r = s.post("/api/clone", Json{{"source_catalog", "rbac_src"},
                                {"destination_catalog", "nohr_copy"},
                                {"dry_run", true}});
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find(hr), std::string::npos) << r.body;
  r = s.post("/api/clone", Json{{"source_catalog", "rbac_src"},
                                {"destination_catalog", "nohr_copy"},
                                {"include_schemas", {"sales"}},
                                {"dry_run", true}});
  EXPECT_EQ(r.status, 200) << r.body;

  r = s.post("/api/multi-clone",
             Json{{"source_catalog", "rbac_src"},
                  {"destinations", {{{"catalog", "fine_1"}}, {{"catalog", "blocked_2"}}}},
                  {"dry_run", true}});
  EXPECT_EQ(r.status, 403) << r.body;
  r = s.post("/api/sync", Json{{"source_catalog", "rbac_src"},
                               {"destination_catalog", "blocked_sync"},
                               {"dry_run", true}});
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find(deny), std::string::npos) << r.body;
}

}  // namespace
}  // namespace clxs::testing
