#include "plugins/quality/check_run.hpp"

#include <algorithm>

#include "clxs/id.hpp"
#include "plugins/quality/check_scan.hpp"

namespace clxs::quality {

RunRecord runAndRecord(Workspace& ws, CheckRepository& repo, const std::string& table,
                       const std::vector<Check>& checks, std::int64_t samplesPerCheck,
                       const CallOptions& call, const std::string& user, const std::string& at) {
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
  const auto result = ws.sql().execute(samplesSql(table, checks, wanted), {}, call);
  std::vector<Json> rows(checks.size(), Json::array());
  for (auto& s : readSamples(result, checks, samplesPerCheck)) {
    rows[s.check].push_back(std::move(s.values));
  }
  for (std::size_t i = 0; i < checks.size(); ++i) {
    if (!rows[i].empty()) repo.insertSamples(run.runId, table, checks[i], rows[i]);
  }
  return run;
}

}  // namespace clxs::quality
