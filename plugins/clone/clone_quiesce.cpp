#include "plugins/clone/clone_quiesce.hpp"

#include <exception>
#include <utility>

#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/clone/metadata_copy.hpp"

namespace clxs::clone {

void SourceQuiesce::revokeWrites(const ClonePlan& plan) {
  std::vector<std::pair<std::string, std::vector<std::string>>> securables{
      {"CATALOG", {sourceCatalog_}}};
  for (const auto& p : plan.schemas) {
    securables.push_back({"SCHEMA", {sourceCatalog_, p.source.name}});
    for (const auto& t : p.tables)
      securables.push_back({"TABLE", {sourceCatalog_, t.schema, t.name}});
  }
  for (const auto& [type, name] : securables) revokeOn(type, name);
  outcome_.warnings.push_back(
      "owners keep write access to what they own; quiesce revokes granted MODIFY only");
}

void SourceQuiesce::revokeOn(const std::string& type, const std::vector<std::string>& name) {
  const auto grants = runner_.call("SHOW GRANTS " + quoted(name), [&](const CallOptions& c) {
    return runner_.workspace().catalog().grants(type, quoted(name), c);
  });
  for (const auto& g : grants) {
    if (lowerAscii(g.objectType) != lowerAscii(type)) continue;  // inherited: revoked where set
    if (g.privilege == "ALL PRIVILEGES") {
      outcome_.warnings.push_back(g.principal + " holds ALL PRIVILEGES on " + quoted(name) +
                                  " and can still write during the clone");
      continue;
    }
    if (g.privilege != "MODIFY") continue;
    runner_.write(
        "REVOKE MODIFY ON " + type + " " + quoted(name) + " FROM " + quoteIdentifier(g.principal),
        "REVOKE");
    runner_.log("Quiesce: revoked MODIFY on " + quoted(name) + " from " + g.principal);
    revoked_.push_back({type, name, g.principal});
  }
}

void SourceQuiesce::grantBack() noexcept {
  std::vector<Revoked> revoked;
  revoked.swap(revoked_);
  for (const auto& r : revoked) {
    const auto sql =
        "GRANT MODIFY ON " + r.type + " " + quoted(r.name) + " TO " + quoteIdentifier(r.principal);
    try {
      runner_.writeEvenIfCancelled(sql, "GRANT");
    } catch (const std::exception& e) {
      // Said loudly: a grant that could not be restored is the operator's to restore.
      runner_.log("ERROR could not re-grant (" + std::string(e.what()) + "); run: " + sql);
      outcome_.notRegranted.push_back(sql);
    } catch (...) {
      runner_.log("ERROR could not re-grant; run: " + sql);
      outcome_.notRegranted.push_back(sql);
    }
  }
}

}  // namespace clxs::clone
