#include "plugins/quality/table_profile.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/object_name.hpp"
#include "clxs/sql.hpp"
#include "clxs/sql_guard.hpp"
#include "clxs/text.hpp"
#include "plugins/quality/store_values.hpp"

namespace clxs::quality {

namespace {

enum class Kind { Number, Text, Time, Other };

// What statistics a column gets, from its Databricks type.
Kind kindOf(const std::string& type) {
  const std::string t = upperAscii(type);
  for (const char* n : {"TINYINT", "SMALLINT", "INT", "BIGINT", "LONG", "SHORT", "BYTE", "FLOAT",
                        "DOUBLE", "DECIMAL", "REAL"}) {
    if (t.rfind(n, 0) == 0) return Kind::Number;
  }
  if (t.rfind("STRING", 0) == 0 || t.rfind("VARCHAR", 0) == 0 || t.rfind("CHAR", 0) == 0) {
    return Kind::Text;
  }
  if (t.rfind("DATE", 0) == 0 || t.rfind("TIMESTAMP", 0) == 0) return Kind::Time;
  return Kind::Other;
}

bool simple(const std::string& type) {
  const std::string t = upperAscii(type);
  return t.rfind("ARRAY", 0) != 0 && t.rfind("MAP", 0) != 0 && t.rfind("STRUCT", 0) != 0 &&
         t.rfind("VARIANT", 0) != 0 && t.rfind("BINARY", 0) != 0;
}

std::int64_t asCount(const Json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  const double d = numericValue(v);
  return std::isnan(d) ? 0 : static_cast<std::int64_t>(d);
}

double percent(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return 0;
  return std::round(10000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 100.0;
}

const Json& cell(const ResultSet& r, std::size_t row, const std::string& name) {
  static const Json kNull;
  const auto i = r.columnIndex(name);
  return i && row < r.rows.size() ? r.rows[row][*i] : kNull;
}

// The profile of the rows `source` (a table name or a parenthesised query) gives, whose
// columns are `columns`; `label` is what the answer calls it.
Json profileSource(Workspace& ws, const std::string& source,
                   const std::vector<ColumnInfo>& columnsIn, const std::string& label,
                   const ProfileOptions& options, const CallOptions& call, const std::string& at) {
  // One pass: every column's counts and ranges.
  std::string stats = "count(*) AS __rows";
  for (std::size_t i = 0; i < columnsIn.size(); ++i) {
    const auto& c = columnsIn[i];
    const std::string q = quoteIdentifier(c.name);
    const std::string p = "__c" + std::to_string(i) + "_";
    stats += ", count(" + q + ") AS " + p + "n";
    if (!simple(c.type)) continue;
    stats += ", approx_count_distinct(" + q + ") AS " + p + "d";
    switch (kindOf(c.type)) {
      case Kind::Number:
        stats += ", min(" + q + ") AS " + p + "min, max(" + q + ") AS " + p + "max, avg(" + q +
                 ") AS " + p + "avg";
        break;
      case Kind::Text:
        stats += ", min(length(" + q + ")) AS " + p + "minl, max(length(" + q + ")) AS " + p +
                 "maxl, avg(length(" + q + ")) AS " + p + "avgl";
        break;
      case Kind::Time:
        stats += ", CAST(min(" + q + ") AS STRING) AS " + p + "min, CAST(max(" + q +
                 ") AS STRING) AS " + p + "max";
        break;
      case Kind::Other:
        break;
    }
  }
  const ResultSet r = ws.sql().execute("SELECT " + stats + " FROM " + source + " AS __p", {}, call);
  const std::int64_t rows = asCount(cell(r, 0, "__rows"));

  Json columns = Json::array();
  for (std::size_t i = 0; i < columnsIn.size(); ++i) {
    const auto& c = columnsIn[i];
    const std::string p = "__c" + std::to_string(i) + "_";
    const Kind kind = simple(c.type) ? kindOf(c.type) : Kind::Other;
    const std::int64_t nulls = rows - asCount(cell(r, 0, p + "n"));
    // The distinct count is approximate: it can overshoot, never past the values present.
    const Json& approx = cell(r, 0, p + "d");
    const Json distinct = approx.is_null() ? Json() : Json(std::min(asCount(approx), rows - nulls));
    Json col{{"column_name", c.name},
             {"data_type", upperAscii(c.type)},
             {"null_count", nulls},
             {"null_pct", percent(nulls, rows)},
             {"distinct_count", distinct},
             {"distinct_pct", distinct.is_null() ? Json() : Json(percent(asCount(distinct), rows))},
             {"min", cell(r, 0, p + "min")},
             {"max", cell(r, 0, p + "max")},
             {"avg", cell(r, 0, p + "avg")},
             {"min_length", cell(r, 0, p + "minl")},
             {"max_length", cell(r, 0, p + "maxl")},
             {"avg_length", cell(r, 0, p + "avgl")},
             {"histogram", nullptr},
             {"top_values", nullptr},
             {"error", nullptr}};
    if (kind == Kind::Number || kind == Kind::Time) {
      // Numbers and times come back as the engine gives them; numbers as numbers.
      for (const char* k : {"min", "max", "avg"}) {
        if (kind == Kind::Number && !col[k].is_null()) col[k] = numericValue(col[k]);
      }
    }
    const std::string q = quoteIdentifier(c.name);
    if (!options.distributions) {
      columns.push_back(std::move(col));
      continue;
    }
    try {
      const double lo = numericValue(col["min"]);
      const double hi = numericValue(col["max"]);
      if (kind == Kind::Number && !std::isnan(lo) && !std::isnan(hi) && hi > lo) {
        const std::int64_t bins = options.histogramBins;
        const std::string edge = [&] {
          char buf[64];
          std::snprintf(buf, sizeof buf, "%.17g", hi);
          return std::string(buf);
        }();
        char low[64];
        std::snprintf(low, sizeof low, "%.17g", lo);
        const ResultSet h =
            ws.sql().execute("SELECT least(width_bucket(CAST(" + q + " AS DOUBLE), " + low + ", " +
                                 edge + ", " + std::to_string(bins) + "), " + std::to_string(bins) +
                                 ") AS bucket, count(*) AS freq FROM " + source + " AS __p WHERE " +
                                 q + " IS NOT NULL GROUP BY 1 ORDER BY 1",
                             {}, call);
        Json histogram = Json::array();
        const double width = (hi - lo) / static_cast<double>(bins);
        for (std::size_t k = 0; k < h.rows.size(); ++k) {
          const std::int64_t b = asCount(cell(h, k, "bucket"));
          histogram.push_back(Json{{"bucket", b},
                                   {"freq", asCount(cell(h, k, "freq"))},
                                   {"range_min", lo + width * static_cast<double>(b - 1)},
                                   {"range_max", lo + width * static_cast<double>(b)}});
        }
        col["histogram"] = histogram;
      }
      const bool fewValues = !distinct.is_null() && asCount(distinct) <= 30;
      if (kind == Kind::Text ||
          (simple(c.type) && kind != Kind::Text && fewValues && kind != Kind::Time)) {
        const ResultSet t = ws.sql().execute(
            "SELECT CAST(" + q + " AS STRING) AS value, count(*) AS freq FROM " + source +
                " AS __p WHERE " + q + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " +
                std::to_string(options.topN),
            {}, call);
        Json top = Json::array();
        for (std::size_t k = 0; k < t.rows.size(); ++k) {
          const std::int64_t f = asCount(cell(t, k, "freq"));
          top.push_back(
              Json{{"value", cell(t, k, "value")}, {"freq", f}, {"pct", percent(f, rows)}});
        }
        col["top_values"] = top;
      }
    } catch (const std::exception& e) {
      col["error"] = e.what();
    }
    columns.push_back(std::move(col));
  }
  return Json{{"table_fqn", label}, {"row_count", rows}, {"profiled_at", at}, {"columns", columns}};
}

}  // namespace

Json profileTable(Workspace& ws, const std::string& tableFqn, const ProfileOptions& options,
                  const CallOptions& call, const std::string& at) {
  const auto parts = splitQualified(tableFqn);
  if (parts.size() != 3) throw badRequest("table_fqn must name a table as catalog.schema.table.");
  const TableInfo info = ws.catalog().table(ObjectName{parts[0], parts[1], parts[2]}, call);
  const std::string table = quoteQualified(parts);
  // A sample is drawn across the table (TABLESAMPLE), not its first rows.
  const std::string source = options.sampleLimit > 0
                                 ? "(SELECT * FROM " + table + " TABLESAMPLE (" +
                                       std::to_string(options.sampleLimit) + " ROWS))"
                                 : table;
  return profileSource(ws, source, info.columns, tableFqn, options, call, at);
}

Json profileQuery(Workspace& ws, const std::string& sql, const ProfileOptions& options,
                  const CallOptions& call, const std::string& at) {
  const std::string query = requireSingleQuery(sql);
  const std::string source = "(" + query + ")";
  // The query's columns and types, from the engine's plan of it (no row is read).
  const ResultSet shape = ws.sql().execute("SELECT * FROM " + source + " AS __q LIMIT 0", {}, call);
  std::vector<ColumnInfo> columns;
  std::set<std::string> seen;
  for (const auto& c : shape.columns) {
    if (!seen.insert(lowerAscii(c.name)).second) {
      throw badRequest("The query returns two columns named " + c.name +
                       "; give each column its own name to profile it.");
    }
    columns.push_back(ColumnInfo{c.name, c.type});
  }
  return profileSource(ws, source, columns, "(query)", options, call, at);
}

}  // namespace clxs::quality
