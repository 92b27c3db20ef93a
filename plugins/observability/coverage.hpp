// Data-quality coverage of a catalog's tables: per table which check families guard it (DQ
// rules, DQX checks, a monitor, a freshness check; SLAs and contracts once a provider exists)
// and how many of its columns checks read; the shares covered by schema and by family; and
// the uncovered tables ranked by how much an undetected problem in them would cost (reads,
// tables downstream, certification, personal data, size). Pure: the routes gather the inputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/services/quality_catalog.hpp"
#include "clxs/workspace/types.hpp"
#include "plugins/observability/monitor_store.hpp"

namespace clxs::observability {

/// One table's coverage: {table_fqn, schema, has_dq_rule, has_dqx_check, has_sla,
/// has_monitor, has_contract, has_freshness_monitor, check_count (enabled checks and rules),
/// disabled_checks, columns_covered, columns_total, covered_columns, covered (any of rule,
/// check or monitor), checks_known, row_count, size_bytes}. `checks` is null when no quality
/// catalog answered (checks_known false); `monitor` null when the table has none.
Json tableCoverageOf(const TableInfo& table, const std::vector<services::DefinedCheck>* checks,
                     const MonitorConfig* monitor);

/// The summary of tableCoverageOf() answers: {total_tables, covered_tables, coverage_pct,
/// columns_total, columns_covered, column_coverage_pct, by_schema [{schema, tables, covered,
/// coverage_pct}], by_family {dq_rule, dqx_check, monitor, freshness_monitor, sla, contract:
/// {tables, pct}}}; percentages have one decimal and are null without tables.
Json coverageSummaryOf(const std::vector<Json>& tables);

/// What says how much an uncovered table matters; unknown signals count for nothing and are
/// said so.
struct GapSignals {
  std::optional<std::int64_t> reads;       ///< statements naming it in 30 days
  std::string readsNote;                   ///< why reads are unknown
  std::optional<std::int64_t> downstream;  ///< tables built from it (3 hops)
  std::string downstreamNote;              ///< why downstream is unknown
  std::optional<bool> certified;           ///< a certification tag; nullopt: tags unread
  std::optional<bool> personalData;        ///< a column tagged personal data; nullopt: unread
  std::string tagsNote;                    ///< why tags are unknown
  std::optional<std::int64_t> rows;        ///< its row count when known
};

/// Priority 0–100: 35 for reads (log scale, full at 1,000 in 30 days), 30 for tables
/// downstream (full at 5), 15 when certified, 10 when it holds personal data, 10 for size (log
/// scale, full at 10⁹ rows).
double gapPriority(const GapSignals& s);

/// `coverage` (an uncovered table) with priority (one decimal), the signals and the reasons
/// in words, the largest first.
Json gapOf(Json coverage, const GapSignals& s);

/// The gaps of `tables` (those not covered), highest priority first, then by name.
std::vector<Json> rankedGaps(const std::vector<Json>& tables);

}  // namespace clxs::observability
