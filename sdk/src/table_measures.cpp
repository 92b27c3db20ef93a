#include "clxs/table_measures.hpp"

#include <string>

#include "clxs/sql.hpp"

namespace clxs {
namespace {

// A count cell: the local engine answers a number, a warehouse may answer its text.
std::int64_t measuredCount(const Json& cell) {
  if (cell.is_number_integer()) return cell.get<std::int64_t>();
  if (cell.is_number()) return static_cast<std::int64_t>(cell.get<double>());
  if (cell.is_string()) {
    try {
      return std::stoll(cell.get<std::string>());
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

}  // namespace

RowCount rowCountOf(Workspace& ws, const TableInfo& table, const CallOptions& options) {
  if (table.rowCount) return {*table.rowCount, "delta_statistics"};
  const auto r = ws.sql().execute("SELECT count(*) AS row_count FROM " +
                                      quoteQualified({table.catalog, table.schema, table.name}),
                                  {}, options);
  RowCount out{0, "count"};
  if (!r.rows.empty() && !r.rows[0].empty()) out.rows = measuredCount(r.rows[0][0]);
  return out;
}

NullCounts nullCountsOf(Workspace& ws, const TableInfo& table,
                        const std::vector<std::string>& columns, const CallOptions& options) {
  std::string select = "count(*)";
  for (const auto& c : columns) select += ", count_if(" + quoteIdentifier(c) + " IS NULL)";
  const auto r = ws.sql().execute(
      "SELECT " + select + " FROM " + quoteQualified({table.catalog, table.schema, table.name}), {},
      options);
  NullCounts out;
  const std::vector<Json> empty;
  const auto& row = r.rows.empty() ? empty : r.rows[0];
  out.rows = row.empty() ? 0 : measuredCount(row[0]);
  for (std::size_t i = 0; i < columns.size(); ++i)
    out.columns.push_back({columns[i], i + 1 < row.size() ? measuredCount(row[i + 1]) : 0});
  return out;
}

}  // namespace clxs
