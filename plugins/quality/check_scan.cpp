#include "plugins/quality/check_scan.hpp"

#include <chrono>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "plugins/quality/check_registry.hpp"

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

std::string scanSql(const std::string& tableFqn, const std::vector<Check>& checks) {
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
  return "SELECT " + counts + " FROM (SELECT TRUE AS __row" + flags + " FROM " +
         quoteQualified(splitQualified(tableFqn)) + " AS __t" + joins + ") AS __r";
}

ScanCounts readScan(const ResultSet& result, const std::vector<Check>& checks) {
  if (result.rows.size() != 1) {
    throw HttpError(502, "The check query answered " + std::to_string(result.rows.size()) +
                             " rows where it should answer one.");
  }
  const auto at = [&](const std::string& name) -> const Json& {
    const auto i = result.columnIndex(name);
    if (!i) throw HttpError(502, "The check query's answer lacks the column " + name + ".");
    return result.rows[0][*i];
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

ScanCounts measure(Workspace& ws, const std::string& tableFqn, const std::vector<Check>& checks,
                   const CallOptions& call, std::int64_t& elapsedMs) {
  const std::string sql = scanSql(tableFqn, checks);
  const auto started = std::chrono::steady_clock::now();
  ScanCounts counts = readScan(ws.sql().execute(sql, {}, call), checks);
  elapsedMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
  return counts;
}

}  // namespace clxs::quality
