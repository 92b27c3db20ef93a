#include "plugins/observability/field_health.hpp"

#include <algorithm>
#include <cmath>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/observability/request_values.hpp"

namespace clxs::observability {
namespace {

bool numeric(const std::string& type) {
  const auto t = upperAscii(type);
  for (const char* n : {"TINYINT", "SMALLINT", "INT", "BIGINT", "LONG", "SHORT", "BYTE", "FLOAT",
                        "DOUBLE", "REAL", "DECIMAL"}) {
    if (t.rfind(n, 0) == 0) return true;
  }
  return false;
}

bool textual(const std::string& type) {
  const auto t = upperAscii(type);
  return t == "STRING" || t.rfind("VARCHAR", 0) == 0 || t.rfind("CHAR", 0) == 0;
}

// Complex columns (arrays, maps, structs) have no distinct count or range worth watching.
bool simple(const std::string& type) {
  const auto t = upperAscii(type);
  return t.rfind("ARRAY", 0) != 0 && t.rfind("MAP", 0) != 0 && t.rfind("STRUCT", 0) != 0 &&
         t != "BINARY" && t != "VARIANT";
}

bool wants(const std::vector<std::string>& metrics, const char* name) {
  return std::find(metrics.begin(), metrics.end(), name) != metrics.end();
}

}  // namespace

const std::vector<std::string>& fieldHealthMetrics() {
  static const std::vector<std::string> kMetrics{
      "row_count", "null_pct", "empty_pct", "distinct_pct", "min", "max", "mean", "freshness"};
  return kMetrics;
}

std::vector<Measurement> measureFieldHealth(Workspace& ws, const TableInfo& table,
                                            const std::vector<std::string>& columnsIn,
                                            const std::vector<std::string>& metrics,
                                            const CallOptions& options) {
  std::vector<ColumnInfo> columns;
  for (const auto& c : table.columns) {
    const bool listed =
        columnsIn.empty() || std::any_of(columnsIn.begin(), columnsIn.end(),
                                         [&](const std::string& n) { return sameName(n, c.name); });
    if (listed && simple(c.type)) columns.push_back(c);
  }
  for (const auto& wanted : columnsIn) {
    if (std::none_of(table.columns.begin(), table.columns.end(),
                     [&](const ColumnInfo& c) { return sameName(c.name, wanted); })) {
      throw notFound("Column '" + wanted + "' does not exist in " + table.catalog + "." +
                     table.schema + "." + table.name);
    }
  }
  // What each selected expression measures: {column ("*" for the table), metric}.
  std::vector<std::pair<std::string, std::string>> what{{"*", "row_count"}};
  std::string select = "count(*)";
  auto add = [&](const std::string& column, const char* metric, const std::string& sql) {
    select += ", " + sql;
    what.emplace_back(column, metric);
  };
  for (const auto& c : columns) {
    const auto q = quoteIdentifier(c.name);
    // Shares in % of the rows; NULL for an empty table rather than a division by zero.
    const std::string per = " * 100.0 / nullif(count(*), 0)";
    if (wants(metrics, "null_pct")) add(c.name, "null_pct", "count_if(" + q + " IS NULL)" + per);
    if (wants(metrics, "empty_pct") && textual(c.type))
      add(c.name, "empty_pct", "count_if(trim(" + q + ") = '')" + per);
    if (wants(metrics, "distinct_pct"))
      add(c.name, "distinct_pct", "approx_count_distinct(" + q + ")" + per);
    if (!numeric(c.type)) continue;
    if (wants(metrics, "min")) add(c.name, "min", "CAST(min(" + q + ") AS DOUBLE)");
    if (wants(metrics, "max")) add(c.name, "max", "CAST(max(" + q + ") AS DOUBLE)");
    if (wants(metrics, "mean")) add(c.name, "mean", "avg(CAST(" + q + " AS DOUBLE))");
  }
  const auto r = ws.sql().execute(
      "SELECT " + select + " FROM " + quoteQualified({table.catalog, table.schema, table.name}), {},
      options);
  std::vector<Measurement> out;
  if (r.rows.empty()) return out;
  const auto fqn = table.catalog + "." + table.schema + "." + table.name;
  for (std::size_t i = 0; i < what.size() && i < r.rows[0].size(); ++i) {
    if (what[i].second == "row_count" && !wants(metrics, "row_count")) continue;
    const auto v = numberOf(r.rows[0][i]);
    if (!v || !std::isfinite(*v)) continue;  // an empty table has no shares, min or max
    out.push_back({fqn, what[i].first, what[i].second, *v, "", "", "monitor"});
  }
  return out;
}

}  // namespace clxs::observability
