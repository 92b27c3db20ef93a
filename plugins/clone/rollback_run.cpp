#include "plugins/clone/rollback_run.hpp"

#include <set>

#include "clxs/jobs.hpp"
#include "clxs/sql.hpp"

namespace clxs::clone {
namespace {

std::string dotted(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
  return out;
}

}  // namespace

Json runRollback(CloneStore& store, const RollbackLogInfo& log, bool dropCatalog,
                 StatementRunner& runner, const ProgressFn& progress) {
  // A resumed run records an object again; its first entry holds the state before any run.
  std::vector<RollbackEntry> entries;
  std::set<std::string> seen;
  for (auto& e : store.entries(log.rollbackId)) {
    if (seen.insert(std::string(keyword(e.kind)) + ":" + Json(e.name).dump()).second) {
      entries.push_back(std::move(e));
    }
  }
  Json objects = Json::array();
  std::int64_t restored = 0;
  std::int64_t dropped = 0;
  std::int64_t unchanged = 0;
  std::int64_t failed = 0;
  const auto total = static_cast<std::int64_t>(entries.size()) + (dropCatalog ? 1 : 0);
  std::int64_t done = 0;
  auto note = [&](const RollbackEntry& e, const std::string& action, const std::string& error) {
    Json o{{"type", keyword(e.kind)}, {"name", dotted(e.name)}, {"action", action}};
    o["error"] = error.empty() ? Json() : Json(error);
    objects.push_back(std::move(o));
    if (action == "restored") ++restored;
    if (action == "dropped") ++dropped;
    if (action == "unchanged") ++unchanged;
    if (action == "failed") ++failed;
    if (progress) progress(++done, total, dotted(e.name), {{"phase", "rollback"}});
  };
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    const auto& e = *it;
    const auto name = quoteQualified(e.name);
    try {
      if (runner.cancelled()) throw JobCancelled();
      if (e.existed) {
        if (e.kind == ObjectKind::Table && e.preVersion) {
          const auto history = runner.call("history of " + name, [&](const CallOptions& c) {
            return runner.workspace().catalog().history(ObjectName::fromParts(e.name), 1, c);
          });
          if (!history.empty() && history.front().version == *e.preVersion) {
            note(e, "unchanged", "");
            continue;
          }
          runner.write(
              "RESTORE TABLE " + name + " TO VERSION AS OF " + std::to_string(*e.preVersion),
              "RESTORE");
          note(e, "restored", "");
        } else if (e.previous.is_object() && e.previous.contains("sql")) {
          runner.write(e.previous["sql"].get<std::string>(), "CREATE_OTHER");
          note(e, "restored", "");
        } else {
          note(e, "unchanged", "");
        }
        continue;
      }
      switch (e.kind) {
        case ObjectKind::Catalog:
          if (dropCatalog) {
            note(e, "unchanged", "");  // dropped with CASCADE below
            continue;
          }
          // A new catalog comes with an empty `default` schema; the catalog itself is
          // dropped only when nothing else was put in it meanwhile.
          runner.write("DROP SCHEMA IF EXISTS " + quoteQualified({e.name[0], "default"}), "DROP");
          runner.write("DROP CATALOG IF EXISTS " + name, "DROP");
          break;
        case ObjectKind::Schema:
          runner.write("DROP SCHEMA IF EXISTS " + name, "DROP");
          break;
        default:
          runner.write(std::string("DROP ") + keyword(e.kind) + " IF EXISTS " + name, "DROP");
          break;
      }
      note(e, "dropped", "");
    } catch (const JobCancelled&) {
      throw;
    } catch (const std::exception& ex) {
      runner.log("FAILED rollback of " + std::string(keyword(e.kind)) + " " + name + ": " +
                 ex.what());
      note(e, "failed", ex.what());
    }
  }
  if (dropCatalog) {
    RollbackEntry cat{ObjectKind::Catalog, {log.destinationCatalog}, true, std::nullopt, nullptr};
    try {
      runner.write("DROP CATALOG IF EXISTS " + quoteQualified(cat.name) + " CASCADE", "DROP");
      note(cat, "dropped", "");
    } catch (const JobCancelled&) {
      throw;
    } catch (const std::exception& ex) {
      note(cat, "failed", ex.what());
    }
  }
  return {{"rollback_id", log.rollbackId},
          {"destination_catalog", log.destinationCatalog},
          {"restored", restored},
          {"dropped", dropped},
          {"unchanged", unchanged},
          {"failed", failed},
          {"objects", objects},
          {"status", failed > 0 ? "rolled_back_with_errors" : "rolled_back"}};
}

}  // namespace clxs::clone
