#include "plugins/governance/sla_measure.hpp"

#include <algorithm>
#include <cmath>

#include "clxs/clock.hpp"
#include "clxs/delta_history.hpp"
#include "clxs/object_name.hpp"
#include "clxs/table_measures.hpp"
#include "clxs/text.hpp"

namespace clxs::governance {
namespace {

double slaRounded(double v) {
  return std::round(v * 100.0) / 100.0;
}

SlaMeasurement slaUnknown(std::string reason) {
  SlaMeasurement m;
  m.status = "unknown";
  m.reason = std::move(reason);
  return m;
}

// Passed when `ok`, else failed with `why`.
SlaMeasurement slaJudged(double value, bool ok, const std::string& why, Json details) {
  SlaMeasurement m;
  m.value = value;
  m.status = ok ? "passed" : "failed";
  if (!ok) m.reason = why;
  m.details = std::move(details);
  return m;
}

std::string slaNumberText(double v) {
  auto text = std::to_string(slaRounded(v));
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

const std::vector<HistoryEntry>& slaHistory(Workspace& ws, SlaTableFacts& facts,
                                            const CallOptions& options) {
  if (!facts.history) {
    const auto& t = *facts.table;
    facts.history =
        ws.catalog().history(ObjectName{t.catalog, t.schema, t.name}, kSlaHistoryLimit, options);
  }
  return *facts.history;
}

SlaMeasurement slaFreshness(const SlaRule& rule, const std::vector<HistoryEntry>& history,
                            std::chrono::system_clock::time_point now) {
  const auto* last = newestDataCommit(history);
  if (last == nullptr) {
    return slaUnknown(history.empty() ? "the table has no history"
                                      : "no commit that changed data among the " +
                                            std::to_string(history.size()) + " commits read");
  }
  const auto at = *parseIsoUtc(last->timestamp);
  const double hours =
      std::max(0.0, std::chrono::duration<double, std::ratio<3600>>(now - at).count());
  return slaJudged(slaRounded(hours), hours <= rule.threshold,
                   "last data commit " + slaNumberText(hours) + " h ago, more than the " +
                       slaNumberText(rule.threshold) + " h allowed",
                   Json{{"last_data_commit", last->timestamp},
                        {"last_data_operation", last->operation},
                        {"last_data_version", last->version},
                        {"hours_since_update", slaRounded(hours)},
                        {"commits_read", history.size()}});
}

SlaMeasurement slaSchemaStability(const SlaRule& rule, const std::vector<HistoryEntry>& history,
                                  std::chrono::system_clock::time_point now) {
  const auto counted = schemaChangesOf(history, now, rule.windowDays);
  Json changes = Json::array();
  for (const auto& h : history) {
    const auto at = parseIsoUtc(h.timestamp);
    if (!at || now - *at > std::chrono::hours(24 * rule.windowDays) || h.version == 0) continue;
    const auto kind = schemaChangeKind(h.operation);
    if (kind == SchemaChangeKind::None) continue;
    changes.push_back({{"version", h.version},
                       {"operation", h.operation},
                       {"at", h.timestamp},
                       {"breaking", kind == SchemaChangeKind::Breaking}});
  }
  const auto total = static_cast<double>(counted.total());
  return slaJudged(total, total <= rule.threshold,
                   std::to_string(counted.total()) + " schema changes in " +
                       std::to_string(rule.windowDays) + " days, more than the " +
                       slaNumberText(rule.threshold) + " allowed",
                   Json{{"window_days", rule.windowDays},
                        {"additive", counted.additive},
                        {"breaking", counted.breaking},
                        {"commits_in_window", counted.commitsInWindow},
                        {"changes", changes}});
}

SlaMeasurement slaRowCount(Workspace& ws, const SlaRule& rule, const TableInfo& table,
                           const CallOptions& options) {
  const auto counted = rowCountOf(ws, table, options);
  const auto rows = static_cast<double>(counted.rows);
  return slaJudged(rows, rows >= rule.threshold,
                   std::to_string(counted.rows) + " rows, fewer than the " +
                       slaNumberText(rule.threshold) + " required",
                   Json{{"row_count", counted.rows}, {"source", counted.source}});
}

SlaMeasurement slaCompleteness(Workspace& ws, const SlaRule& rule, const TableInfo& table,
                               const CallOptions& options) {
  std::vector<std::string> columns;
  if (rule.columns.empty()) {
    for (const auto& c : table.columns) columns.push_back(c.name);
  } else {
    for (const auto& wanted : rule.columns) {
      const auto it = std::find_if(table.columns.begin(), table.columns.end(),
                                   [&](const ColumnInfo& c) { return sameName(c.name, wanted); });
      if (it == table.columns.end())
        return slaUnknown("the column " + wanted + " no longer exists in " + rule.tableFqn);
      columns.push_back(it->name);
    }
  }
  if (columns.empty()) return slaUnknown("the table has no columns");
  const auto counted = nullCountsOf(ws, table, columns, options);
  if (counted.rows == 0) return slaUnknown("the table has no rows");
  Json perColumn = Json::array();
  double nullPctSum = 0;
  for (const auto& c : counted.columns) {
    const double pct = 100.0 * static_cast<double>(c.nulls) / static_cast<double>(counted.rows);
    nullPctSum += pct;
    perColumn.push_back({{"column", c.column}, {"nulls", c.nulls}, {"null_pct", slaRounded(pct)}});
  }
  const double completeness = 100.0 - nullPctSum / static_cast<double>(counted.columns.size());
  return slaJudged(slaRounded(completeness), completeness >= rule.threshold,
                   "completeness " + slaNumberText(completeness) + " %, below the " +
                       slaNumberText(rule.threshold) + " % required",
                   Json{{"row_count", counted.rows}, {"columns", perColumn}});
}

}  // namespace

const std::vector<std::string>& slaMetrics() {
  static const std::vector<std::string> kMetrics{"freshness", "row_count", "schema_stability",
                                                 "completeness"};
  return kMetrics;
}

SlaMeasurement measureSla(Workspace& ws, const SlaRule& rule, SlaTableFacts& facts,
                          std::chrono::system_clock::time_point now, const CallOptions& options) {
  if (!facts.table) {
    // A table that is gone breaks every SLA on it; one that could not be read is unknown.
    if (!facts.missing) return slaUnknown(facts.error);
    SlaMeasurement m;
    m.status = "failed";
    m.reason = facts.error;
    return m;
  }
  try {
    if (rule.metric == "freshness") return slaFreshness(rule, slaHistory(ws, facts, options), now);
    if (rule.metric == "schema_stability")
      return slaSchemaStability(rule, slaHistory(ws, facts, options), now);
    if (rule.metric == "row_count") return slaRowCount(ws, rule, *facts.table, options);
    if (rule.metric == "completeness") return slaCompleteness(ws, rule, *facts.table, options);
  } catch (const WorkspaceError& e) {
    if (e.errorClass() == WorkspaceErrorClass::Cancelled) throw;
    return slaUnknown(std::string("the workspace could not measure it: ") + e.what());
  }
  return slaUnknown("unknown metric " + rule.metric);
}

}  // namespace clxs::governance
