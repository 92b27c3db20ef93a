#include "plugins/quality/check_runner_service.hpp"

#include <chrono>
#include <regex>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "clxs/sql_guard.hpp"
#include "plugins/quality/check_registry.hpp"
#include "plugins/quality/check_scan.hpp"

namespace clxs::quality {

namespace {

std::string runnerValueColumn(std::size_t i) {
  return "__v" + std::to_string(i);
}

// A value as the caller expects it: numbers as numbers whatever the engine answered them as.
Json runnerTypedValue(const Json& v) {
  if (!v.is_string()) return v;
  const Json number = Json::parse(v.get<std::string>(), nullptr, false);
  return number.is_number() ? number : v;
}

}  // namespace

std::vector<Check> checksOfSpecs(const std::string& tableFqn,
                                 const std::vector<services::CheckSpec>& specs) {
  if (splitQualified(tableFqn).size() != 3) {
    throw badRequest("A table is named catalog.schema.table, not '" + tableFqn + "'.");
  }
  std::vector<Check> out;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& s = specs[i];
    Check c;
    c.name = s.name;
    c.tableFqn = tableFqn;
    c.function = s.function;
    c.arguments = s.arguments.is_null() ? Json::object() : s.arguments;
    c.filter = s.filter;
    const auto criticality = parseCriticality(s.criticality.empty() ? "error" : s.criticality);
    if (!criticality) {
      throw unprocessable(Json::array({"checks", i, "criticality"}),
                          "criticality must be error or warn, not '" + s.criticality + "'");
    }
    c.criticality = *criticality;
    try {
      validateCheck(c);
    } catch (const HttpError& e) {
      if (e.status() != 422) throw;
      Json detail = Json::array();
      const std::string label = s.name.empty() ? s.function : s.name;
      for (const auto& issue : e.detail().is_array() ? e.detail() : Json::array()) {
        Json loc = Json::array({"checks", i});
        for (const auto& part : issue.value("loc", Json::array())) {
          if (part != "body") loc.push_back(part);
        }
        detail.push_back(validationIssue(loc, "Check '" + label + "': " + issue.value("msg", ""),
                                         issue.value("type", "value_error")));
      }
      throw HttpError(422, detail, "Check '" + label + "': " + e.what());
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string checkRunSql(const std::string& tableFqn, const std::vector<Check>& checks,
                        const std::vector<services::ValueQuery>& values) {
  const std::string scan = scanSql(tableFqn, checks);
  if (values.empty()) return scan;
  static const std::regex kInput(R"(\{\{\s*input_view\s*\}\})");
  const std::string input = "(SELECT * FROM " + quoteQualified(splitQualified(tableFqn)) + ")";
  std::string columns;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string query =
        requireSingleQuery(std::regex_replace(values[i].query, kInput, input));
    columns += ", (" + query + ") AS " + runnerValueColumn(i);
  }
  return "SELECT __s.*" + columns + " FROM (" + scan + ") AS __s";
}

services::CheckRunResult CheckRunnerService::run(Workspace& ws, const std::string& tableFqn,
                                                 const std::vector<services::CheckSpec>& specs,
                                                 const std::vector<services::ValueQuery>& values,
                                                 const CallOptions& call) {
  const auto checks = prepareChecks(ws, tableFqn, checksOfSpecs(tableFqn, specs), call);
  const std::string sql = checkRunSql(tableFqn, checks, values);
  const auto started = std::chrono::steady_clock::now();
  const ResultSet result = ws.sql().execute(sql, {}, call);
  services::CheckRunResult out;
  out.elapsedMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  const ScanCounts counts = readScan(result, checks);
  out.totalRows = counts.inputRows;
  out.errorRows = counts.errorRows;
  out.warningRows = counts.warningRows;
  for (const auto& c : counts.checks) {
    out.checks.push_back(
        {c.name, c.function, std::string(criticalityName(c.criticality)), c.failedRows});
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto at = result.columnIndex(runnerValueColumn(i));
    if (!at) throw HttpError(502, "The check query's answer lacks the value " + values[i].name);
    out.values.push_back({values[i].name, runnerTypedValue(result.rows[0][*at])});
  }
  return out;
}

}  // namespace clxs::quality
