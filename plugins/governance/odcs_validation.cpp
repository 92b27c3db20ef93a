#include "plugins/governance/odcs_validation.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>

#include "clxs/error.hpp"
#include "clxs/object_name.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/governance/odcs_document.hpp"
#include "plugins/governance/odcs_quality.hpp"

namespace clxs::governance {

namespace {

struct OdcsSection {
  std::string name;
  Json violations = Json::array();
  Json warnings = Json::array();
  bool ran = true;
  void violate(const std::string& message, Json extra = Json::object()) {
    extra["message"] = message;
    violations.push_back(std::move(extra));
  }
  [[nodiscard]] Json toJson() const {
    return Json{{"section", name},
                {"status", !ran                 ? "skipped"
                           : violations.empty() ? "passed"
                                                : "failed"},
                {"violations", violations},
                {"warnings", warnings}};
  }
};

// A column type reduced for a loose comparison: base name upper case, aliases folded.
std::string odcsBaseType(const std::string& t) {
  std::string b = upperAscii(t.substr(0, t.find('(')));
  while (!b.empty() && b.back() == ' ') b.pop_back();
  if (b == "INTEGER") return "INT";
  if (b == "LONG") return "BIGINT";
  if (b == "SHORT") return "SMALLINT";
  if (b == "BYTE") return "TINYINT";
  if (b == "DEC" || b == "NUMERIC") return "DECIMAL";
  if (b == "VARCHAR" || b == "CHAR") return "STRING";
  if (b == "REAL") return "FLOAT";
  return b;
}

std::string odcsLogicalOf(const std::string& type) {
  const std::string b = odcsBaseType(type);
  if (b == "INT" || b == "BIGINT" || b == "SMALLINT" || b == "TINYINT") return "integer";
  if (b == "DECIMAL" || b == "DOUBLE" || b == "FLOAT") return "number";
  if (b == "BOOLEAN") return "boolean";
  if (b == "DATE") return "date";
  if (b == "TIMESTAMP" || b == "TIMESTAMP_NTZ") return "timestamp";
  if (b.rfind("ARRAY", 0) == 0) return "array";
  if (b.rfind("STRUCT", 0) == 0 || b.rfind("MAP", 0) == 0) return "object";
  return "string";
}

struct OdcsTableState {
  bool exists = false;
  std::map<std::string, ColumnInfo> columns;  // lower-case name
  std::optional<HistoryEntry> latest;
};

// The schema's data checks appended to a table's run.
struct OdcsSchemaCheck {
  std::size_t run;
  std::size_t check;
  std::string object;
  std::string column;
  std::string what;  // required or unique
};

}  // namespace

std::optional<double> odcsIsoSeconds(const std::string& iso) {
  std::tm tm{};
  int ms = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return std::nullopt;
  }
  (void)ms;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<double>(timegm(&tm));
}

std::optional<double> odcsSlaSeconds(double value, const std::string& unitText) {
  const std::string u = lowerAscii(unitText);
  static const std::map<std::string, double> kUnits{
      {"ms", 0.001},    {"s", 1},           {"sec", 1},         {"second", 1},     {"seconds", 1},
      {"m", 60},        {"min", 60},        {"minute", 60},     {"minutes", 60},   {"h", 3600},
      {"hr", 3600},     {"hour", 3600},     {"hours", 3600},    {"d", 86400},      {"day", 86400},
      {"days", 86400},  {"w", 604800},      {"week", 604800},   {"weeks", 604800}, {"y", 31536000},
      {"yr", 31536000}, {"year", 31536000}, {"years", 31536000}};
  const auto it = kUnits.find(u);
  if (it == kUnits.end()) return std::nullopt;
  return value * it->second;
}

Json validateContract(const Json& doc, Workspace& ws, const CheckRunnerSource& runnerSource,
                      const CallOptions& call, double now) {
  std::vector<OdcsSection> sections;
  const auto section = [&](const char* name) -> OdcsSection& {
    sections.push_back({name});
    return sections.back();
  };

  // 1. fundamentals
  {
    auto& s = section("fundamentals");
    try {
      requireValidDocument(doc, "document");
    } catch (const HttpError& e) {
      for (const auto& issue : e.detail())
        s.violate(issue.value("msg", ""), {{"loc", issue["loc"]}});
    }
  }

  // 2. schema: the tables and columns as the workspace has them.
  std::map<std::string, OdcsTableState> tables;
  OdcsQualityPlan plan = planContractQuality(doc);
  std::vector<OdcsSchemaCheck> schemaChecks;
  {
    auto& s = section("schema");
    const Json schema = doc.value("schema", Json::array());
    if (schema.empty()) s.ran = false;
    for (const auto& o : schema) {
      const std::string object = o.value("name", std::string());
      const std::string table = objectTable(doc, o);
      if (table.empty()) {
        s.warnings.push_back("schema object " + object +
                             " names no table; its columns were not compared");
        continue;
      }
      auto& state = tables[table];
      if (!state.exists && state.columns.empty()) {
        try {
          const TableInfo info = ws.catalog().table(ObjectName::parse(table), call);
          state.exists = true;
          for (const auto& c : info.columns) state.columns[lowerAscii(c.name)] = c;
          state.latest = info.latestCommit;
        } catch (const WorkspaceError& e) {
          if (e.interrupts()) throw;
          s.violate("table " + table + " cannot be read: " + e.what(), {{"object", object}});
          continue;
        } catch (const HttpError& e) {
          s.violate("table " + table + " cannot be read: " + e.what(), {{"object", object}});
          continue;
        }
      }
      if (!state.exists) continue;
      for (const auto& p : o.value("properties", Json::array())) {
        const std::string name = p.value("name", std::string());
        const auto it = state.columns.find(lowerAscii(name));
        if (it == state.columns.end()) {
          s.violate("column " + name + " of " + object + " is missing from " + table,
                    {{"object", object}, {"property", name}});
          continue;
        }
        const std::string physical = p.value("physicalType", std::string());
        if (!physical.empty() && odcsBaseType(physical) != odcsBaseType(it->second.type)) {
          s.violate("column " + name + " of " + object + " is " + it->second.type +
                        ", the contract says " + physical,
                    {{"object", object}, {"property", name}});
        }
        const std::string logical = p.value("logicalType", std::string());
        if (physical.empty() && !logical.empty() && logical != odcsLogicalOf(it->second.type) &&
            !(logical == "number" && odcsLogicalOf(it->second.type) == "integer")) {
          s.violate("column " + name + " of " + object + " is " + it->second.type +
                        ", not of logicalType " + logical,
                    {{"object", object}, {"property", name}});
        }
        const std::string column = quoteIdentifier(it->second.name);
        const std::size_t run = odcsRunFor(plan, table);
        if (p.value("required", false)) {
          plan.runs[run].checks.push_back(
              {"schema: " + name + " required", "is_not_null", {{"column", column}}, "error", ""});
          schemaChecks.push_back({run, plan.runs[run].checks.size() - 1, object, name, "required"});
        }
        if (p.value("unique", false) || (p.value("primaryKey", false) &&
                                         o.value("properties", Json::array()).size() > 0 && [&] {
                                           int keys = 0;
                                           for (const auto& q : o["properties"])
                                             keys += q.value("primaryKey", false) ? 1 : 0;
                                           return keys == 1;
                                         }())) {
          plan.runs[run].checks.push_back({"schema: " + name + " unique",
                                           "is_unique",
                                           {{"columns", Json::array({column})}},
                                           "error",
                                           ""});
          schemaChecks.push_back({run, plan.runs[run].checks.size() - 1, object, name, "unique"});
        }
      }
    }
  }

  // The runs: one query per table through the quality engine.
  std::vector<std::optional<services::CheckRunResult>> results(plan.runs.size());
  std::vector<std::string> runErrors(plan.runs.size());
  std::shared_ptr<services::CheckRunner> runner;
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const auto& run = plan.runs[i];
    const auto t = tables.find(run.table);
    if (t != tables.end() && !t->second.exists) {
      runErrors[i] = "table " + run.table + " cannot be read";
      continue;
    }
    if (!runner) runner = runnerSource();
    try {
      results[i] = runner->run(ws, run.table, run.checks, run.values, call);
    } catch (const WorkspaceError& e) {
      if (e.interrupts()) throw;
      runErrors[i] = e.what();
    } catch (const HttpError& e) {
      if (e.status() == 503) throw;
      runErrors[i] = e.what();
    }
  }
  {
    auto& s = sections[1];
    for (const auto& sc : schemaChecks) {
      if (!results[sc.run]) continue;
      const auto failed = results[sc.run]->checks.at(sc.check).failedRows;
      if (failed == 0) continue;
      s.violate(sc.what == "required"
                    ? "required column " + sc.column + " of " + sc.object + " has " +
                          std::to_string(failed) + " NULL rows"
                    : "unique column " + sc.column + " of " + sc.object + " has " +
                          std::to_string(failed) + " rows with a duplicated value",
                {{"object", sc.object}, {"property", sc.column}, {"failed_rows", failed}});
    }
  }

  // 3. quality
  Json quality = Json::array();
  {
    auto& s = section("quality");
    if (plan.rules.empty()) s.ran = false;
    for (const auto& rule : plan.rules) {
      Json verdict;
      if (rule.skipped.empty() && !runErrors[rule.run].empty()) {
        verdict = judgeRule(rule, nullptr);
        verdict["status"] = "error";
        verdict["passed"] = false;
        verdict["message"] = "The rule could not run: " + runErrors[rule.run];
      } else {
        verdict = judgeRule(rule, rule.skipped.empty() ? &*results[rule.run] : nullptr);
      }
      if (verdict["status"] == "failed" || verdict["status"] == "error") {
        Json v{{"rule_id", rule.ruleId}, {"object", rule.object}};
        if (!rule.property.empty()) v["property"] = rule.property;
        if (rule.criticality == "warn") {
          s.warnings.push_back(rule.name + ": " + verdict["message"].get<std::string>());
        } else {
          s.violate(rule.name + ": " + verdict["message"].get<std::string>(), v);
        }
      }
      quality.push_back(std::move(verdict));
    }
  }

  // 4. sla: latency (freshness) against the newest commit; the rest by shape.
  {
    auto& s = section("sla");
    const Json sla = doc.value("slaProperties", Json::array());
    if (!sla.is_array() || sla.empty()) s.ran = false;
    for (const auto& p : sla.is_array() ? sla : Json::array()) {
      if (!p.is_object()) continue;
      const std::string property = p.value("property", std::string());
      const std::string lower = lowerAscii(property);
      if (lower != "latency" && lower != "freshness") {
        if (!p.contains("value")) s.violate("SLA property " + property + " has no value");
        continue;
      }
      const Json& value = p.value("value", Json());
      const auto limit =
          value.is_number() ? odcsSlaSeconds(value.get<double>(), p.value("unit", std::string("d")))
                            : std::nullopt;
      if (!limit) {
        s.violate("SLA " + property + " needs a numeric value and a unit (d, h, m, s)");
        continue;
      }
      for (auto& [table, state] : tables) {
        if (!state.exists) continue;
        if (!state.latest) {
          const auto history = ws.catalog().history(ObjectName::parse(table), 1, call);
          if (!history.empty()) state.latest = history.front();
        }
        if (!state.latest) {
          s.warnings.push_back("table " + table + " has no commit history; latency not measured");
          continue;
        }
        const auto at = odcsIsoSeconds(state.latest->timestamp);
        if (!at) continue;
        const double age = now - *at;
        if (age > *limit) {
          s.violate("table " + table + " was last written " +
                        std::to_string(static_cast<long>(age)) + " s ago, over its " + property +
                        " of " + value.dump() + " " + p.value("unit", std::string("d")),
                    {{"table", table}, {"age_seconds", age}, {"limit_seconds", *limit}});
        }
      }
    }
  }

  // 5. servers: the databricks servers' catalogs and schemas exist.
  {
    auto& s = section("servers");
    const Json servers = doc.value("servers", Json::array());
    if (!servers.is_array() || servers.empty()) s.ran = false;
    for (const auto& sv : servers.is_array() ? servers : Json::array()) {
      if (!sv.is_object() || lowerAscii(sv.value("type", std::string())) != "databricks") continue;
      const std::string catalog = sv.value("catalog", std::string());
      const std::string schema = sv.value("schema", std::string());
      if (catalog.empty()) {
        s.violate("databricks server " + sv.value("server", std::string()) + " names no catalog");
        continue;
      }
      try {
        bool found = schema.empty();
        for (const auto& sc : ws.catalog().schemas(catalog, call)) {
          if (sameName(sc.name, schema)) found = true;
        }
        if (!found) s.violate("schema " + catalog + "." + schema + " of the server does not exist");
      } catch (const WorkspaceError& e) {
        if (e.interrupts()) throw;
        s.violate("catalog " + catalog + " of the server cannot be read: " + e.what());
      }
    }
  }

  // 6–11: sections checked by their shape.
  const auto shaped = [&](const char* name, const char* key, const std::vector<const char*>& needs,
                          bool anyOf) {
    auto& s = section(name);
    const Json& v = doc.value(key, Json());
    if (v.is_null()) {
      s.ran = false;
      return;
    }
    Json items = v.is_array()    ? v
                 : v.is_object() ? v.value("members", Json::array())
                                 : Json::array();
    if (!v.is_array() && !v.is_object()) s.violate(std::string(key) + " has the wrong shape");
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].is_object()) {
        s.violate(std::string(key) + "[" + std::to_string(i) + "] is not an object");
        continue;
      }
      int present = 0;
      for (const char* n : needs) present += items[i].contains(n) ? 1 : 0;
      if ((anyOf && present == 0) || (!anyOf && present < static_cast<int>(needs.size()))) {
        std::string list;
        for (const char* n : needs)
          list += (list.empty() ? "" : anyOf ? " or " : " and ") + std::string(n);
        s.violate(std::string(key) + "[" + std::to_string(i) + "] needs " + list);
      }
    }
  };
  shaped("team", "team", {"username", "name"}, true);
  shaped("roles", "roles", {"role"}, false);
  shaped("support", "support", {"channel", "url"}, true);
  {
    auto& s = section("pricing");
    const Json& price = doc.value("price", Json());
    if (price.is_null()) {
      s.ran = false;
    } else if (!price.is_object()) {
      s.violate("price must be an object");
    } else {
      if (price.contains("priceAmount") && !price["priceAmount"].is_number()) {
        s.violate("price.priceAmount must be a number");
      }
      for (const char* k : {"priceCurrency", "priceUnit"}) {
        if (price.contains(k) && !price[k].is_string())
          s.violate(std::string("price.") + k + " must be a string");
      }
    }
  }
  shaped("references", "authoritativeDefinitions", {"url", "type"}, false);
  shaped("customProperties", "customProperties", {"property"}, false);

  Json out{{"sections", Json::array()}, {"violations", Json::array()}};
  int checked = 0;
  for (const auto& s : sections) {
    out["sections"].push_back(s.toJson());
    if (s.ran) ++checked;
    for (auto v : s.violations) {
      v["section"] = s.name;
      out["violations"].push_back(std::move(v));
    }
  }
  out["sections_checked"] = checked;
  out["compliant"] = out["violations"].empty();
  out["quality"] = quality;
  return out;
}

Json dqxValidateContract(const Json& doc, Workspace& ws, const CheckRunnerSource& runnerSource,
                         const CallOptions& call, double minPassRate) {
  const OdcsQualityPlan plan = planContractQuality(doc);
  Json skipped = Json::array();
  std::vector<std::vector<const OdcsRule*>> byRun(plan.runs.size());
  for (const auto& r : plan.rules) {
    if (!r.skipped.empty()) {
      skipped.push_back(Json{{"rule_id", r.ruleId}, {"reason", r.skipped}});
    } else if (!r.check) {
      skipped.push_back(
          Json{{"rule_id", r.ruleId},
               {"reason", r.rowCount ? "rowCount is a dataset measure, not a DQX row check; "
                                       "POST …/validate judges it"
                                     : "a sql rule is a scalar query, not a DQX row check; "
                                       "POST …/validate judges it"}});
    } else {
      byRun[r.run].push_back(&r);
    }
  }
  Json tablesOut = Json::array();
  bool allPassed = true;
  std::shared_ptr<services::CheckRunner> runner;
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    if (plan.runs[i].checks.empty()) continue;
    if (!runner) runner = runnerSource();
    const auto res = runner->run(ws, plan.runs[i].table, plan.runs[i].checks, {}, call);
    const double total = static_cast<double>(res.totalRows);
    const auto rate = [&](std::int64_t failed) {
      return total == 0
                 ? 100.0
                 : std::round(10000.0 * (total - static_cast<double>(failed)) / total) / 100.0;
    };
    Json checks = Json::array();
    for (const auto* r : byRun[i]) {
      const auto& c = res.checks.at(*r->check);
      checks.push_back(Json{{"rule_id", r->ruleId},
                            {"name", c.name},
                            {"function", c.function},
                            {"criticality", c.criticality},
                            {"arguments", plan.runs[i].checks.at(*r->check).arguments},
                            {"failed_rows", c.failedRows},
                            {"pass_rate", rate(c.failedRows)}});
    }
    const double passRate = rate(res.errorRows);
    const bool passed = passRate >= minPassRate;
    allPassed = allPassed && passed;
    tablesOut.push_back(Json{{"table", plan.runs[i].table},
                             {"total_rows", res.totalRows},
                             {"error_rows", res.errorRows},
                             {"warning_rows", res.warningRows},
                             {"valid_rows", res.totalRows - res.errorRows},
                             {"pass_rate", passRate},
                             {"min_pass_rate", minPassRate},
                             {"passed", passed},
                             {"execution_time_ms", res.elapsedMs},
                             {"checks", checks}});
  }
  return Json{
      {"tables", tablesOut}, {"skipped", skipped}, {"passed", allPassed}, {"checks_applied", [&] {
                                                                             std::size_t n = 0;
                                                                             for (const auto& v :
                                                                                  byRun)
                                                                               n += v.size();
                                                                             return n;
                                                                           }()}};
}

}  // namespace clxs::governance
