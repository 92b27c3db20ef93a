#include "kernel/store/change_log_store.hpp"

#include <algorithm>

#include "kernel/store/state_store.hpp"

namespace clxs::kernel {

namespace {
constexpr std::int64_t kTrimEvery = 1000;
constexpr std::int64_t kMaxListed = 10000;
}  // namespace

ChangeLogStore::ChangeLogStore(StateStore& store) : store_(store) {
  store_.migrate("kernel.change_log",
                 {{1,
                   "CREATE TABLE kernel_change_log (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                   "at TEXT NOT NULL, actor TEXT NOT NULL, plugin TEXT NOT NULL, "
                   "method TEXT NOT NULL, route TEXT NOT NULL, path TEXT NOT NULL, "
                   "status INTEGER NOT NULL, request_id TEXT NOT NULL);"
                   "CREATE INDEX kernel_change_log_at ON kernel_change_log(at)"}});
}

void ChangeLogStore::record(const ChangeEntry& e) {
  try {
    store_.execute(
        "INSERT INTO kernel_change_log (at, actor, plugin, method, route, path, status, "
        "request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {e.at, e.actor, e.plugin, e.method, e.route, e.path, e.status, e.requestId});
    if (++sinceTrim_ >= kTrimEvery) {
      sinceTrim_ = 0;
      store_.execute(
          "DELETE FROM kernel_change_log WHERE id <= (SELECT MAX(id) FROM kernel_change_log) - ?",
          {kMaxRows});
    }
  } catch (const std::exception&) {  // losing an audit row must not fail the request
  }
}

std::vector<Json> ChangeLogStore::list(const ChangeQuery& q) const {
  std::string sql =
      "SELECT id, at, actor, plugin, method, route, path, status, request_id "
      "FROM kernel_change_log WHERE 1 = 1";
  std::vector<Json> params;
  if (!q.since.empty()) {
    sql += " AND at >= ?";
    params.emplace_back(q.since);
  }
  if (!q.until.empty()) {
    sql += " AND at < ?";
    params.emplace_back(q.until);
  }
  if (!q.plugin.empty()) {
    sql += " AND plugin = ?";
    params.emplace_back(q.plugin);
  }
  if (!q.actor.empty()) {
    sql += " AND actor = ?";
    params.emplace_back(q.actor);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::clamp<std::int64_t>(q.limit, 0, kMaxListed));
  return store_.query(sql, params);
}

}  // namespace clxs::kernel
