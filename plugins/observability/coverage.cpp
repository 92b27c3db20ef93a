#include "plugins/observability/coverage.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "clxs/text.hpp"

namespace clxs::observability {
namespace {

// One decimal of a share in %, null without a whole.
Json coveragePct(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return nullptr;
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10;
}

// The check families a table's coverage names, with their field.
constexpr std::array<std::pair<const char*, const char*>, 6> kCheckFamilies{
    {{"dq_rule", "has_dq_rule"},
     {"dqx_check", "has_dqx_check"},
     {"monitor", "has_monitor"},
     {"freshness_monitor", "has_freshness_monitor"},
     {"sla", "has_sla"},
     {"contract", "has_contract"}}};

// A log-scaled share of `value` that is full at `full`, 0 for nothing.
double logShare(double value, double full) {
  if (value <= 0) return 0;
  return std::min(1.0, std::log10(1 + value) / std::log10(1 + full));
}

}  // namespace

Json tableCoverageOf(const TableInfo& table, const std::vector<services::DefinedCheck>* checks,
                     const MonitorConfig* monitor) {
  std::map<std::string, std::string> columns;  // lower case → as the table names it
  for (const auto& c : table.columns) columns[lowerAscii(c.name)] = c.name;
  bool dqRule = false;
  bool dqxCheck = false;
  bool freshness = false;
  std::int64_t enabled = 0;
  std::int64_t disabled = 0;
  std::set<std::string> covered;
  for (const auto& c : checks ? *checks : std::vector<services::DefinedCheck>{}) {
    if (!c.enabled) {
      ++disabled;
      continue;
    }
    ++enabled;
    dqRule = dqRule || c.kind == "dq_rule";
    dqxCheck = dqxCheck || c.kind == "dqx_check";
    freshness = freshness || c.freshness;
    // A column argument may be an expression; only the table's own columns count.
    for (const auto& col : c.columns) {
      if (const auto it = columns.find(lowerAscii(col)); it != columns.end())
        covered.insert(it->second);
    }
  }
  const bool monitored = monitor && monitor->enabled;
  // A monitor that takes the freshness metric opens freshness incidents as a check would.
  freshness = freshness || (monitored && std::find(monitor->metrics.begin(), monitor->metrics.end(),
                                                   "freshness") != monitor->metrics.end());
  return {{"table_fqn", table.catalog + "." + table.schema + "." + table.name},
          {"schema", table.schema},
          {"has_dq_rule", dqRule},
          {"has_dqx_check", dqxCheck},
          {"has_sla", false},
          {"has_monitor", monitored},
          {"has_contract", false},
          {"has_freshness_monitor", freshness},
          {"check_count", enabled},
          {"disabled_checks", disabled},
          {"columns_covered", covered.size()},
          {"columns_total", table.columns.size()},
          {"covered_columns", covered},
          {"covered", dqRule || dqxCheck || monitored},
          {"checks_known", checks != nullptr},
          {"row_count", optionalJson(table.rowCount)},
          {"size_bytes", optionalJson(table.sizeBytes)}};
}

Json coverageSummaryOf(const std::vector<Json>& tables) {
  std::int64_t covered = 0;
  std::int64_t columnsTotal = 0;
  std::int64_t columnsCovered = 0;
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> bySchema;  // tables, covered
  std::map<std::string, std::int64_t> byFamily;
  for (const auto& t : tables) {
    const bool isCovered = t.value("covered", false);
    covered += isCovered ? 1 : 0;
    columnsTotal += t.value("columns_total", std::int64_t{0});
    columnsCovered += t.value("columns_covered", std::int64_t{0});
    auto& s = bySchema[t.value("schema", "")];
    ++s.first;
    s.second += isCovered ? 1 : 0;
    for (const auto& [family, field] : kCheckFamilies)
      byFamily[family] += t.value(field, false) ? 1 : 0;
  }
  const auto total = static_cast<std::int64_t>(tables.size());
  Json schemas = Json::array();
  for (const auto& [schema, counts] : bySchema) {
    schemas.push_back({{"schema", schema},
                       {"tables", counts.first},
                       {"covered", counts.second},
                       {"coverage_pct", coveragePct(counts.second, counts.first)}});
  }
  Json families = Json::object();
  for (const auto& [family, field] : kCheckFamilies) {
    families[family] = {{"tables", byFamily[family]},
                        {"pct", coveragePct(byFamily[family], total)}};
  }
  return {{"total_tables", total},
          {"covered_tables", covered},
          {"coverage_pct", coveragePct(covered, total)},
          {"columns_total", columnsTotal},
          {"columns_covered", columnsCovered},
          {"column_coverage_pct", coveragePct(columnsCovered, columnsTotal)},
          {"by_schema", schemas},
          {"by_family", families}};
}

double gapPriority(const GapSignals& s) {
  double p = 0;
  if (s.reads) p += 35 * logShare(static_cast<double>(*s.reads), 1000);
  if (s.downstream) p += 30 * std::min(1.0, static_cast<double>(*s.downstream) / 5);
  if (s.certified.value_or(false)) p += 15;
  if (s.personalData.value_or(false)) p += 10;
  if (s.rows) p += 10 * logShare(static_cast<double>(*s.rows), 1e9);
  return p;
}

Json gapOf(Json coverage, const GapSignals& s) {
  // Each reason with the points it adds, so the list reads largest first.
  std::vector<std::pair<double, std::string>> reasons;
  if (s.reads) {
    reasons.emplace_back(35 * logShare(static_cast<double>(*s.reads), 1000),
                         "read by " + std::to_string(*s.reads) +
                             (*s.reads == 1 ? " statement" : " statements") + " in 30 days");
  }
  if (s.downstream) {
    reasons.emplace_back(30 * std::min(1.0, static_cast<double>(*s.downstream) / 5),
                         std::to_string(*s.downstream) +
                             (*s.downstream == 1 ? " table" : " tables") + " downstream");
  }
  if (s.certified.value_or(false)) reasons.emplace_back(15, "certified");
  if (s.personalData.value_or(false)) reasons.emplace_back(10, "holds personal data (tagged)");
  if (s.rows && *s.rows > 0) {
    reasons.emplace_back(10 * logShare(static_cast<double>(*s.rows), 1e9),
                         std::to_string(*s.rows) + " rows");
  }
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  Json words = Json::array({"no DQ rule, DQX check or monitor guards it"});
  for (auto& [points, text] : reasons) words.push_back(std::move(text));
  for (const auto* note : {&s.readsNote, &s.downstreamNote, &s.tagsNote}) {
    if (!note->empty()) words.push_back(*note);
  }
  coverage["priority"] = std::round(gapPriority(s) * 10) / 10;
  coverage["reasons"] = words;
  coverage["signals"] = {{"reads_30d", optionalJson(s.reads)},
                         {"downstream_tables", optionalJson(s.downstream)},
                         {"certified", optionalJson(s.certified)},
                         {"personal_data", optionalJson(s.personalData)},
                         {"row_count", optionalJson(s.rows)}};
  return coverage;
}

std::vector<Json> rankedGaps(const std::vector<Json>& tables) {
  std::vector<Json> out;
  for (const auto& t : tables) {
    if (!t.value("covered", false)) out.push_back(t);
  }
  std::stable_sort(out.begin(), out.end(), [](const Json& a, const Json& b) {
    const double pa = a.value("priority", 0.0);
    const double pb = b.value("priority", 0.0);
    if (pa != pb) return pa > pb;
    return a.value("table_fqn", "") < b.value("table_fqn", "");
  });
  return out;
}

}  // namespace clxs::observability
