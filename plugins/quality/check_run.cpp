#include "plugins/quality/check_run.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "clxs/data_tags.hpp"
#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/quality/check_scan.hpp"
#include "plugins/quality/query_params.hpp"

namespace clxs::quality {

namespace {

constexpr const char* kRedacted = "[REDACTED]";

// The table's columns tagged as personal data (lower-cased); nothing when the tags cannot be
// read, which the caller takes as "do not keep values".
std::optional<std::set<std::string>> personalColumns(Workspace& ws, const std::string& table,
                                                     const CallOptions& call) {
  try {
    std::set<std::string> out;
    for (const auto& t : ws.catalog().tags("TABLE", quoteQualified(splitQualified(table)), call)) {
      if (!t.column.empty() && isPersonalDataTag(t)) out.insert(lowerAscii(t.column));
    }
    return out;
  } catch (const WorkspaceError&) {
    return std::nullopt;
  }
}

}  // namespace

RunRecord runAndRecord(Workspace& ws, CheckRepository& repo, const std::string& table,
                       const std::vector<Check>& checksIn, std::int64_t samplesPerCheck,
                       const CallOptions& call, const std::string& user, const std::string& at) {
  const auto checks = prepareChecks(ws, table, checksIn, call);
  RunRecord run;
  run.runId = newUuid();
  run.tableFqn = table;
  run.executedBy = user;
  run.executedAt = at;
  run.counts = measure(ws, table, checks, call, run.executionTimeMs);
  repo.insertRun(run);
  if (samplesPerCheck <= 0 || run.counts.flaggedRows == 0) return run;
  const auto failing = std::count_if(run.counts.checks.begin(), run.counts.checks.end(),
                                     [](const CheckCount& c) { return c.failedRows > 0; });
  const std::int64_t wanted = std::min<std::int64_t>(1000, samplesPerCheck * failing);
  // Failing values are kept for people to read later: a column tagged as personal data is
  // kept as [REDACTED], and no row is kept when the tags cannot be read.
  const auto personal = personalColumns(ws, table, call);
  if (!personal) return run;
  const auto result = ws.sql().execute(samplesSql(table, checks, wanted), {}, call);
  std::vector<Json> rows(checks.size(), Json::array());
  for (auto& s : readSamples(result, checks, samplesPerCheck)) {
    for (auto& [column, value] : s.values.items()) {
      if (personal->contains(lowerAscii(column)) && !value.is_null()) value = kRedacted;
    }
    rows[s.check].push_back(std::move(s.values));
  }
  for (std::size_t i = 0; i < checks.size(); ++i) {
    if (!rows[i].empty()) repo.insertSamples(run.runId, table, checks[i], rows[i]);
  }
  return run;
}

std::int64_t quarantineRows(Workspace& ws, const RunRecord& run, const std::vector<Check>& checksIn,
                            const std::string& target, const CallOptions& call) {
  const auto parts = tableNameParts(target, "quarantine_table");
  if (run.counts.flaggedRows == 0) return 0;
  const auto checks = prepareChecks(ws, run.tableFqn, checksIn, call);
  const std::string table = quoteQualified(parts);
  const std::string rows = quarantineSql(run.tableFqn, checks, run.runId, run.executedAt);
  auto& sql = ws.sql();
  sql.execute("CREATE TABLE IF NOT EXISTS " + table + " AS " + rows + " LIMIT 0", {}, call);
  // Columns by name, so a target made from another version of the table is refused clearly.
  const auto want = sql.execute("SELECT * FROM (" + rows + ") AS __q LIMIT 0", {}, call).columns;
  const auto have = sql.execute("SELECT * FROM " + table + " LIMIT 0", {}, call).columns;
  const auto names = [](const std::vector<ResultColumn>& cs) {
    std::vector<std::string> out;
    for (const auto& c : cs) out.push_back(lowerAscii(c.name));
    return out;
  };
  if (names(want) != names(have)) {
    throw conflict("The quarantine table " + target +
                   " has other columns than the checked table's rows with _errors, _warnings, "
                   "_run_id and _checked_at; name a new table.");
  }
  sql.execute("INSERT INTO " + table + " " + rows, {}, call);
  return run.counts.flaggedRows;
}

}  // namespace clxs::quality
