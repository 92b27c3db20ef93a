#include "plugins/governance/odcs_quality.hpp"

#include <cmath>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"
#include "plugins/governance/odcs_document.hpp"

namespace clxs::governance {

namespace {

std::string odcsRuleName(const Json& rule, const std::string& object, const std::string& property,
                         const std::string& metric) {
  const std::string given = rule.value("name", std::string());
  if (!given.empty()) return given;
  return object + (property.empty() ? "" : "." + property) + " " + metric;
}

std::string odcsCriticality(const Json& rule) {
  const std::string s = rule.value("severity", std::string("error"));
  return s == "warning" || s == "warn" || s == "info" ? "warn" : "error";
}

// A literal list of the values that count as missing, the NULLs left out.
std::string odcsMissingList(const Json& values) {
  std::string out;
  for (const auto& v : values) {
    if (v.is_null()) continue;
    out +=
        (out.empty() ? "" : ", ") + quoteLiteral(v.is_string() ? v.get<std::string>() : v.dump());
  }
  return out;
}

// The DQX check measuring a library metric on a property (its failing rows are the metric).
services::CheckSpec odcsMetricCheck(const std::string& metric, const Json& args,
                                    const std::string& column) {
  services::CheckSpec c;
  if (metric == "nullValues") {
    c.function = "is_not_null";
    c.arguments = {{"column", column}};
  } else if (metric == "missingValues") {
    const Json values = args.value("missingValues", Json::array({nullptr, ""}));
    const std::string listed = odcsMissingList(values);
    if (listed.empty()) {
      c.function = "is_not_null";
      c.arguments = {{"column", column}};
    } else {
      c.function = "sql_expression";
      c.arguments = {{"expression", column + " IS NOT NULL AND CAST(" + column +
                                        " AS STRING) NOT IN (" + listed + ")"}};
    }
  } else if (metric == "invalidValues") {
    const Json& valid = args.value("validValues", Json());
    const Json& pattern = args.value("pattern", Json());
    if (!valid.is_null() && !pattern.is_null()) {
      std::string list;
      for (const auto& v : valid) {
        list += (list.empty() ? "" : ", ") +
                (v.is_string() ? quoteLiteral(v.get<std::string>()) : v.dump());
      }
      // NULL is not invalid (it is what nullValues counts).
      c.function = "sql_expression";
      c.arguments = {{"expression", column + " IS NULL OR (" + column + " IN (" + list +
                                        ") AND CAST(" + column + " AS STRING) RLIKE " +
                                        quoteLiteral(pattern.get<std::string>()) + ")"}};
    } else if (!valid.is_null()) {
      c.function = "is_in_list";
      c.arguments = {{"column", column}, {"allowed", valid}};
    } else {
      c.function = "regex_match";
      c.arguments = {{"column", column}, {"regex", pattern}};
    }
  } else {  // duplicateValues
    c.function = "is_unique";
    c.arguments = {{"columns", Json::array({column})}};
  }
  return c;
}

void odcsPlanRule(OdcsQualityPlan& plan, const Json& doc, const Json& rule, const std::string& path,
                  const std::string& object, const std::string& property,
                  const std::string& table) {
  OdcsRule r;
  r.ruleId = path;
  r.object = object;
  r.property = property;
  r.table = table;
  r.type =
      rule.value("type", rule.contains("metric") || rule.contains("rule") ? std::string("library")
                                                                          : std::string("text"));
  r.unit = rule.value("unit", std::string("rows"));
  r.criticality = odcsCriticality(rule);
  const Json& m = rule.contains("metric") ? rule["metric"] : rule.value("rule", Json());
  r.metric = r.type == "library" && m.is_string() ? canonicalMetric(m.get<std::string>())
             : r.type == "sql"                    ? "sql"
                                                  : rule.value("dqx_function", std::string());
  r.name = odcsRuleName(rule, object, property, r.metric.empty() ? r.type : r.metric);
  r.threshold = ruleThreshold(rule, r.metric);
  (void)doc;
  if (r.type == "text" || (r.type == "custom" && r.metric.empty())) {
    r.skipped = r.type == "text" ? "a text rule is read by people, not run"
                                 : "a custom rule runs only with dqx_function (the DQX engine's)";
    plan.rules.push_back(std::move(r));
    return;
  }
  if (table.empty()) {
    r.skipped = "its schema object '" + object +
                "' names no table (physicalName catalog.schema.table, or a databricks server "
                "with catalog and schema)";
    plan.rules.push_back(std::move(r));
    return;
  }
  r.run = odcsRunFor(plan, table);
  auto& run = plan.runs[r.run];
  const std::string column = property.empty() ? "" : quoteIdentifier(property);
  if (r.type == "sql") {
    r.value = run.values.size();
    run.values.push_back({r.ruleId, substituteRuleSql(rule.value("query", ""), table, property)});
  } else if (r.type == "custom") {
    services::CheckSpec c;
    c.function = r.metric;
    c.arguments = rule.value("dqx_arguments", Json::object());
    c.filter = rule.value("dqx_filter", std::string());
    c.name = r.name;
    c.criticality = r.criticality;
    r.check = run.checks.size();
    run.checks.push_back(std::move(c));
  } else if (r.metric == "rowCount") {
    r.rowCount = true;
  } else {
    const Json args = rule.value("arguments", Json::object());
    std::string target = column;
    services::CheckSpec c;
    if (r.metric == "duplicateValues" && property.empty()) {
      Json cols = Json::array();
      for (const auto& p : args.value("properties", Json::array())) {
        cols.push_back(quoteIdentifier(p.get<std::string>()));
      }
      c.function = "is_unique";
      c.arguments = {{"columns", cols}};
    } else {
      c = odcsMetricCheck(r.metric, args, target);
    }
    c.name = r.name;
    c.criticality = r.criticality;
    r.check = run.checks.size();
    run.checks.push_back(std::move(c));
  }
  plan.rules.push_back(std::move(r));
}

std::string odcsNumber(const Json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  return v.dump();
}

}  // namespace

OdcsThreshold ruleThreshold(const Json& rule, const std::string& metric) {
  for (const auto& op : odcsOperators()) {
    if (rule.contains(op)) return {op, rule[op]};
  }
  if (rule.contains("mustBeGreaterThanOrEqualTo")) {
    return {"mustBeGreaterOrEqualTo", rule["mustBeGreaterThanOrEqualTo"]};
  }
  if (rule.contains("mustBeLessThanOrEqualTo")) {
    return {"mustBeLessOrEqualTo", rule["mustBeLessThanOrEqualTo"]};
  }
  if (metric == "rowCount") return {"mustBeGreaterThan", 0};
  return {"mustBe", 0};
}

bool thresholdHolds(const OdcsThreshold& t, double actual) {
  const auto num = [](const Json& v) { return v.is_number() ? v.get<double>() : NAN; };
  if (t.op == "mustBeBetween" || t.op == "mustNotBeBetween") {
    if (!t.operand.is_array() || t.operand.size() != 2) return false;
    const bool inside = actual >= num(t.operand[0]) && actual <= num(t.operand[1]);
    return t.op == "mustBeBetween" ? inside : !inside;
  }
  const double x = num(t.operand);
  if (t.op == "mustBe") return actual == x;
  if (t.op == "mustNotBe") return actual != x;
  if (t.op == "mustBeGreaterThan") return actual > x;
  if (t.op == "mustBeGreaterOrEqualTo") return actual >= x;
  if (t.op == "mustBeLessThan") return actual < x;
  if (t.op == "mustBeLessOrEqualTo") return actual <= x;
  return false;
}

std::string describeThreshold(const OdcsThreshold& t) {
  if (t.operand.is_array() && t.operand.size() == 2) {
    return t.op + " [" + odcsNumber(t.operand[0]) + ", " + odcsNumber(t.operand[1]) + "]";
  }
  return t.op + " " + odcsNumber(t.operand);
}

std::size_t odcsRunFor(OdcsQualityPlan& plan, const std::string& table) {
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    if (plan.runs[i].table == table) return i;
  }
  plan.runs.push_back({table, {}, {}});
  return plan.runs.size() - 1;
}

OdcsQualityPlan planContractQuality(const Json& doc) {
  OdcsQualityPlan plan;
  const Json schema = doc.value("schema", Json::array());
  for (std::size_t i = 0; i < schema.size(); ++i) {
    const Json& o = schema[i];
    const std::string object = o.value("name", std::string());
    const std::string table = objectTable(doc, o);
    const std::string at = "schema[" + std::to_string(i) + "]";
    const Json rules = o.value("quality", Json::array());
    for (std::size_t q = 0; q < rules.size(); ++q) {
      odcsPlanRule(plan, doc, rules[q], at + ".quality[" + std::to_string(q) + "]", object, "",
                   table);
    }
    const Json props = o.value("properties", Json::array());
    for (std::size_t p = 0; p < props.size(); ++p) {
      const Json prules = props[p].value("quality", Json::array());
      for (std::size_t q = 0; q < prules.size(); ++q) {
        odcsPlanRule(
            plan, doc, prules[q],
            at + ".properties[" + std::to_string(p) + "].quality[" + std::to_string(q) + "]",
            object, props[p].value("name", std::string()), table);
      }
    }
  }
  // The contract's own rules concern its one table; with several they say nothing runnable.
  const Json top = doc.value("quality", Json::array());
  const auto tables = contractTables(doc);
  for (std::size_t q = 0; q < top.size(); ++q) {
    const std::string object =
        schema.size() == 1 ? schema[0].value("name", std::string()) : std::string("(contract)");
    odcsPlanRule(plan, doc, top[q], "quality[" + std::to_string(q) + "]", object, "",
                 tables.size() == 1 ? tables[0] : std::string());
    if (tables.size() != 1 &&
        plan.rules.back().skipped.find("names no table") != std::string::npos) {
      plan.rules.back().skipped =
          "a contract-level rule runs only when the contract describes exactly one table";
    }
  }
  return plan;
}

Json judgeRule(const OdcsRule& rule, const services::CheckRunResult* run) {
  Json out{{"rule_id", rule.ruleId},
           {"name", rule.name},
           {"object", rule.object},
           {"property", rule.property.empty() ? Json() : Json(rule.property)},
           {"table", rule.table.empty() ? Json() : Json(rule.table)},
           {"type", rule.type},
           {"metric", rule.metric},
           {"unit", rule.unit},
           {"threshold", describeThreshold(rule.threshold)},
           {"criticality", rule.criticality}};
  if (!rule.skipped.empty() || run == nullptr) {
    out["status"] = "skipped";
    out["passed"] = nullptr;
    out["message"] = rule.skipped.empty() ? "not run" : rule.skipped;
    return out;
  }
  const std::int64_t total = run->totalRows;
  out["total_rows"] = total;
  Json actual;
  if (rule.value) {
    actual = run->values.at(*rule.value).value;
  } else if (rule.rowCount) {
    actual = total;
  } else {
    const std::int64_t failed = run->checks.at(*rule.check).failedRows;
    out["failed_rows"] = failed;
    if (rule.unit == "percent") {
      actual =
          total == 0
              ? 0.0
              : std::round(10000.0 * static_cast<double>(failed) / static_cast<double>(total)) /
                    100.0;
    } else {
      actual = failed;
    }
  }
  out["actual"] = actual;
  if (!actual.is_number()) {
    out["passed"] = false;
    out["status"] = "failed";
    out["message"] = "The query answered " + actual.dump() + ", not a number; expected " +
                     describeThreshold(rule.threshold);
    return out;
  }
  // Percentages are judged on the exact ratio, not the rounded one shown.
  double value = actual.get<double>();
  if (rule.unit == "percent" && rule.check && total > 0) {
    value = 100.0 * static_cast<double>(run->checks.at(*rule.check).failedRows) /
            static_cast<double>(total);
  }
  const bool passed = thresholdHolds(rule.threshold, value);
  out["passed"] = passed;
  out["status"] = passed ? "passed" : "failed";
  out["message"] =
      std::string(passed ? "" : "Expected ") +
      (passed ? rule.metric + " " + actual.dump() + (rule.unit == "percent" ? "%" : "") +
                    " satisfies " + describeThreshold(rule.threshold)
              : rule.metric + " " + describeThreshold(rule.threshold) +
                    (rule.unit == "percent" ? " (percent)" : "") + ", measured " + actual.dump());
  return out;
}

}  // namespace clxs::governance
