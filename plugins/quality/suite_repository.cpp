#include "plugins/quality/suite_repository.hpp"

#include "clxs/id.hpp"
#include "plugins/quality/store_values.hpp"

namespace clxs::quality {

namespace {

StoredSuite suiteFromRow(const Json& r) {
  StoredSuite s;
  s.id = textOf(r["suite_id"]);
  s.name = textOf(r["name"]);
  s.description = textOf(r["description"]);
  const auto items = Json::parse(textOf(r["items"]), nullptr, false);
  s.items = items.is_array() ? items : Json::array();
  s.createdBy = textOf(r["created_by"]);
  s.createdAt = textOf(r["created_at"]);
  s.updatedAt = textOf(r["updated_at"]);
  return s;
}

}  // namespace

Json suiteJson(const StoredSuite& s) {
  return Json{{"suite_id", s.id},
              {"name", s.name},
              {"description", s.description},
              {"checks", s.items},
              {"check_count", static_cast<std::int64_t>(s.items.size())},
              {"created_by", s.createdBy},
              {"created_at", s.createdAt},
              {"updated_at", s.updatedAt}};
}

std::vector<Migration> SuiteRepository::migrations() {
  return {{3,
           "CREATE TABLE quality_suites (suite_id TEXT PRIMARY KEY, name TEXT NOT NULL, "
           "description TEXT NOT NULL, items TEXT NOT NULL, created_by TEXT NOT NULL, "
           "created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
           "CREATE TABLE quality_suite_runs (run_id TEXT PRIMARY KEY, suite_id TEXT NOT NULL, "
           "executed_at TEXT NOT NULL, result TEXT NOT NULL);"}};
}

void SuiteRepository::insert(const StoredSuite& s) {
  store_.execute(
      "INSERT INTO quality_suites (suite_id, name, description, items, created_by, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {s.id, s.name, s.description, s.items.dump(), s.createdBy, s.createdAt, s.updatedAt});
}

std::optional<StoredSuite> SuiteRepository::find(const std::string& id) {
  const auto rows = store_.query("SELECT * FROM quality_suites WHERE suite_id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return suiteFromRow(rows[0]);
}

std::vector<StoredSuite> SuiteRepository::list() {
  std::vector<StoredSuite> out;
  for (const auto& r : store_.query("SELECT * FROM quality_suites ORDER BY created_at, rowid")) {
    out.push_back(suiteFromRow(r));
  }
  return out;
}

bool SuiteRepository::remove(const std::string& id) {
  return store_.execute("DELETE FROM quality_suites WHERE suite_id = ?", {id}) > 0;
}

void SuiteRepository::insertRun(const std::string& suiteId, const Json& result) {
  store_.execute(
      "INSERT INTO quality_suite_runs (run_id, suite_id, executed_at, result) VALUES (?, ?, ?, ?)",
      {newUuid(), suiteId, result.value("executed_at", ""), result.dump()});
}

}  // namespace clxs::quality
