#include "plugins/quality/check_scan.hpp"

#include <chrono>
#include <optional>
#include <set>

#include "clxs/error.hpp"
#include "clxs/object_name.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/quality/check_registry.hpp"
#include "plugins/quality/schema_match.hpp"

namespace clxs::quality {

namespace {

std::string flagColumn(std::size_t i) {
  return "__c" + std::to_string(i);
}

std::int64_t count(const Json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number()) return static_cast<std::int64_t>(v.get<double>());
  if (v.is_string()) return std::stoll(v.get<std::string>());
  return 0;  // a count over no rows can be NULL on some engines
}

}  // namespace

namespace {

// The two halves of a scan: the inner projection (one flag column per check, and the segment
// when there is one) and the outer counts over it.
struct ScanParts {
  std::string inner;
  std::string counts;
};

ScanParts scanParts(const std::string& tableFqn, const std::vector<Check>& checks,
                    const std::string& segmentSql, bool rowColumns = false) {
  std::string flags;
  std::string joins;
  std::string counts = "count(*) AS input_rows";
  std::string errors;
  std::string warnings;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const CompiledCheck c = compileCheck(checks[i], i);
    // A row fails when it is inside the filter and the condition is TRUE: NULL passes.
    const std::string filter = c.filter.empty() ? "" : c.filter + " AND ";
    flags += ", coalesce(" + filter + "(" + c.failWhen + "), FALSE) AS " + flagColumn(i);
    if (!c.join.empty()) joins += " " + c.join;
    counts += ", count_if(" + flagColumn(i) + ") AS " + flagColumn(i);
    auto& any = checks[i].criticality == Criticality::Error ? errors : warnings;
    any += (any.empty() ? "" : " OR ") + flagColumn(i);
  }
  counts += ", count_if(" + (errors.empty() ? std::string("FALSE") : errors) + ") AS error_rows";
  counts +=
      ", count_if(" + (warnings.empty() ? std::string("FALSE") : warnings) + ") AS warning_rows";
  std::string any = errors;
  if (!warnings.empty()) any += (any.empty() ? "" : " OR ") + warnings;
  counts += ", count_if(" + (any.empty() ? std::string("FALSE") : any) + ") AS flagged_rows";
  const std::string segment = segmentSql.empty() ? "" : ", " + segmentSql + " AS __segment";
  return {"SELECT " + std::string(rowColumns ? "__t.*, " : "") + "TRUE AS __row" + segment + flags +
              " FROM " + quoteQualified(splitQualified(tableFqn)) + " AS __t" + joins,
          counts};
}

ScanCounts countsAt(const ResultSet& result, std::size_t row, const std::vector<Check>& checks) {
  const auto at = [&](const std::string& name) -> const Json& {
    const auto i = result.columnIndex(name);
    if (!i) throw HttpError(502, "The check query's answer lacks the column " + name + ".");
    return result.rows[row][*i];
  };
  ScanCounts out;
  out.inputRows = count(at("input_rows"));
  out.errorRows = count(at("error_rows"));
  out.warningRows = count(at("warning_rows"));
  out.flaggedRows = count(at("flagged_rows"));
  for (std::size_t i = 0; i < checks.size(); ++i) {
    out.checks.push_back({checks[i].id, checks[i].name, checks[i].function, checks[i].criticality,
                          count(at(flagColumn(i)))});
  }
  return out;
}

}  // namespace

std::string scanSql(const std::string& tableFqn, const std::vector<Check>& checks) {
  const ScanParts p = scanParts(tableFqn, checks, "");
  return "SELECT " + p.counts + " FROM (" + p.inner + ") AS __r";
}

std::string samplesSql(const std::string& tableFqn, const std::vector<Check>& checks,
                       std::int64_t maxRows) {
  const ScanParts p = scanParts(tableFqn, checks, "", true);
  std::string any;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    any += (any.empty() ? "" : " OR ") + flagColumn(i);
  }
  return "SELECT * FROM (" + p.inner + ") AS __r WHERE " + (any.empty() ? "FALSE" : any) +
         " LIMIT " + std::to_string(maxRows);
}

std::string quarantineSql(const std::string& tableFqn, const std::vector<Check>& checks,
                          const std::string& runId, const std::string& at) {
  const ScanParts p = scanParts(tableFqn, checks, "", true);
  std::string flags = "__row";
  std::string any;
  std::string errors;
  std::string warnings;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    flags += ", " + flagColumn(i);
    any += (any.empty() ? "" : " OR ") + flagColumn(i);
    auto& list = checks[i].criticality == Criticality::Error ? errors : warnings;
    list += (list.empty() ? "" : ", ") + std::string("CASE WHEN ") + flagColumn(i) + " THEN " +
            quoteLiteral(checks[i].name) + " END";
  }
  // The names of the checks a row fails, as DQX's _errors and _warnings columns hold them.
  const auto names = [](const std::string& list) {
    return list.empty() ? std::string("CAST(array() AS ARRAY<STRING>)")
                        : "filter(array(" + list + "), x -> x IS NOT NULL)";
  };
  return "SELECT * EXCEPT (" + flags + "), " + names(errors) + " AS _errors, " + names(warnings) +
         " AS _warnings, " + quoteLiteral(runId) + " AS _run_id, TIMESTAMP " + quoteLiteral(at) +
         " AS _checked_at FROM (" + p.inner + ") AS __r WHERE " + (any.empty() ? "FALSE" : any);
}

std::vector<FailureSample> readSamples(const ResultSet& result, const std::vector<Check>& checks,
                                       std::int64_t perCheck) {
  std::vector<FailureSample> out;
  std::vector<std::int64_t> taken(checks.size(), 0);
  std::vector<std::optional<std::size_t>> flags;
  for (std::size_t i = 0; i < checks.size(); ++i)
    flags.push_back(result.columnIndex(flagColumn(i)));
  for (const auto& row : result.rows) {
    Json values = Json::object();
    for (std::size_t c = 0; c < result.columns.size() && c < row.size(); ++c) {
      const std::string& name = result.columns[c].name;
      if (name.rfind("__", 0) == 0) continue;  // the scan's own columns
      values[name] = row[c];
    }
    for (std::size_t i = 0; i < checks.size(); ++i) {
      if (!flags[i] || row[*flags[i]] != true || taken[i] >= perCheck) continue;
      ++taken[i];
      out.push_back({i, values});
    }
  }
  return out;
}

std::string segmentedScanSql(const std::string& tableFqn, const std::vector<Check>& checks,
                             const std::string& segmentSql, std::int64_t maxSegments) {
  const ScanParts p = scanParts(tableFqn, checks, segmentSql);
  // Counts per segment, ranked by size; segments past the cap add up into __other__ (rows
  // belong to one segment each, so every count sums).
  std::string sums =
      "sum(input_rows) AS input_rows, sum(error_rows) AS error_rows, "
      "sum(warning_rows) AS warning_rows, sum(flagged_rows) AS flagged_rows";
  for (std::size_t i = 0; i < checks.size(); ++i) {
    sums += ", sum(" + flagColumn(i) + ") AS " + flagColumn(i);
  }
  return "SELECT CASE WHEN __rank <= " + std::to_string(maxSegments) +
         " THEN CAST(__segment AS STRING) ELSE '__other__' END AS segment, " + sums +
         ", min(__rank) AS __order FROM (SELECT *, row_number() OVER (ORDER BY input_rows DESC, "
         "__segment) AS __rank FROM (SELECT __segment, " +
         p.counts + " FROM (" + p.inner +
         ") AS __r GROUP BY __segment) AS __g) AS __k GROUP BY 1 "
         "ORDER BY __order";
}

std::vector<SegmentCounts> readSegments(const ResultSet& result, const std::vector<Check>& checks) {
  std::vector<SegmentCounts> out;
  const auto segment = result.columnIndex("segment");
  for (std::size_t r = 0; r < result.rows.size(); ++r) {
    out.push_back({segment ? result.rows[r][*segment] : Json(), countsAt(result, r, checks)});
  }
  return out;
}

ScanCounts readScan(const ResultSet& result, const std::vector<Check>& checks) {
  if (result.rows.size() != 1) {
    throw HttpError(502, "The check query answered " + std::to_string(result.rows.size()) +
                             " rows where it should answer one.");
  }
  return countsAt(result, 0, checks);
}

// has_valid_schema: the checked table's columns (those named in `columns`, less
// `exclude_columns`) against expected_schema or ref_table's columns.
template <typename ColumnsOf>
Json schemaErrors(const Check& c, const std::string& tableFqn, const ColumnsOf& columnsOf) {
  std::set<std::string> only;
  std::set<std::string> skip;
  for (const auto& v : c.arguments.value("columns", Json::array())) {
    if (v.is_string()) only.insert(lowerAscii(v.get<std::string>()));
  }
  for (const auto& v : c.arguments.value("exclude_columns", Json::array())) {
    if (v.is_string()) skip.insert(lowerAscii(v.get<std::string>()));
  }
  std::vector<ColumnInfo> actual;
  for (const auto& col : columnsOf(tableFqn)) {
    const std::string name = lowerAscii(col.name);
    if ((only.empty() || only.contains(name)) && !skip.contains(name)) actual.push_back(col);
  }
  const Json& ddl = c.arguments.value("expected_schema", Json());
  const std::vector<ColumnInfo> expected =
      ddl.is_string() ? parseSchemaDdl(ddl.get<std::string>())
                      : columnsOf(c.arguments.value("ref_table", std::string()));
  Json out = Json::array();
  for (auto& e : schemaDifferences(actual, expected, c.arguments.value("strict", false))) {
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<Check> prepareChecks(Workspace& ws, const std::string& tableFqn,
                                 const std::vector<Check>& checks, const CallOptions& call) {
  std::vector<Check> out = checks;
  const auto columnsOf = [&](const std::string& fqn) {
    const auto p = splitQualified(fqn);
    if (p.size() != 3)
      throw badRequest("A table is named catalog.schema.table, not '" + fqn + "'.");
    return ws.catalog().table(ObjectName{p[0], p[1], p[2]}, call).columns;
  };
  for (auto& c : out) {
    if (c.function == "has_valid_schema" && !c.arguments.contains("__schema_errors")) {
      c.arguments["__schema_errors"] = schemaErrors(c, tableFqn, columnsOf);
      continue;
    }
    if (c.function != "compare_datasets" || c.arguments.contains("__compare_columns")) continue;
    std::set<std::string> skip;
    for (const char* list : {"columns", "ref_columns", "exclude_columns"}) {
      for (const auto& v : c.arguments.value(list, Json::array())) {
        if (v.is_string()) skip.insert(lowerAscii(v.get<std::string>()));
      }
    }
    std::set<std::string> theirs;
    for (const auto& col : columnsOf(c.arguments.value("ref_table", std::string()))) {
      if (upperAscii(col.type).rfind("MAP", 0) != 0) theirs.insert(lowerAscii(col.name));
    }
    Json compared = Json::array();
    for (const auto& col : columnsOf(tableFqn)) {
      const std::string name = lowerAscii(col.name);
      if (!skip.contains(name) && theirs.contains(name) &&
          upperAscii(col.type).rfind("MAP", 0) != 0) {
        compared.push_back(col.name);
      }
    }
    c.arguments["__compare_columns"] = compared;
  }
  return out;
}

ScanCounts measure(Workspace& ws, const std::string& tableFqn, const std::vector<Check>& checksIn,
                   const CallOptions& call, std::int64_t& elapsedMs) {
  const auto checks = prepareChecks(ws, tableFqn, checksIn, call);
  const std::string sql = scanSql(tableFqn, checks);
  const auto started = std::chrono::steady_clock::now();
  ScanCounts counts = readScan(ws.sql().execute(sql, {}, call), checks);
  elapsedMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
  return counts;
}

}  // namespace clxs::quality
