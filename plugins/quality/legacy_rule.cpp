#include "plugins/quality/legacy_rule.hpp"

#include "clxs/error.hpp"
#include "plugins/quality/check_registry.hpp"

namespace clxs::quality {

namespace {

[[noreturn]] void invalid(const char* field, const std::string& msg) {
  throw unprocessable(Json::array({"body", field}), msg, "value_error");
}

const Json* param(const LegacyRule& r, const char* name) {
  const auto it = r.params.find(name);
  return it == r.params.end() || it->is_null() ? nullptr : &*it;
}

std::string needColumn(const LegacyRule& r) {
  if (r.column.empty()) invalid("column", "A " + r.ruleType + " rule needs a column.");
  return r.column;
}

}  // namespace

std::vector<Check> checksOfRule(const LegacyRule& r) {
  std::vector<Check> out;
  Check c;
  c.id = r.id;
  c.name = r.name;
  c.tableFqn = r.tableFqn;
  c.criticality = r.severity == "critical" ? Criticality::Error : Criticality::Warn;
  c.enabled = r.enabled;
  if (r.ruleType == "not_null") {
    c.function = "is_not_null";
    c.arguments = Json{{"column", needColumn(r)}};
  } else if (r.ruleType == "unique") {
    c.function = "is_unique";
    c.arguments = Json{{"columns", Json::array({needColumn(r)})}};
  } else if (r.ruleType == "range") {
    const Json* lo = param(r, "min");
    const Json* hi = param(r, "max");
    if (lo == nullptr && hi == nullptr)
      invalid("params", "A range rule needs params.min or params.max.");
    c.arguments = Json{{"column", needColumn(r)}};
    if (lo != nullptr && hi != nullptr) {
      c.function = "is_in_range";
      c.arguments["min_limit"] = *lo;
      c.arguments["max_limit"] = *hi;
    } else {
      c.function = lo != nullptr ? "is_not_less_than" : "is_not_greater_than";
      c.arguments["limit"] = lo != nullptr ? *lo : *hi;
    }
  } else if (r.ruleType == "regex") {
    const Json* p = param(r, "pattern");
    const std::string pattern =
        p != nullptr && p->is_string() ? p->get<std::string>() : r.expression;
    if (pattern.empty()) invalid("params", "A regex rule needs params.pattern (or expression).");
    c.function = "regex_match";
    c.arguments = Json{{"column", needColumn(r)}, {"regex", pattern}};
  } else if (r.ruleType == "custom_sql") {
    if (r.expression.empty()) invalid("expression", "A custom_sql rule needs an expression.");
    c.function = "sql_expression";
    c.arguments = Json{{"expression", r.expression}};
  } else if (r.ruleType == "freshness") {
    const Json* hours = param(r, "max_hours");
    if (hours == nullptr || !hours->is_number()) {
      invalid("params", "A freshness rule needs params.max_hours (a number).");
    }
    // The newest value of the column must be younger than max_hours: the table is stale
    // otherwise, and every row counts as failing, as the original measured it.
    c.function = "is_aggr_not_less_than";
    c.arguments =
        Json{{"column", needColumn(r)},
             {"aggr_type", "max"},
             {"limit", "current_timestamp() - INTERVAL " +
                           std::to_string(static_cast<long long>(hours->get<double>() * 3600)) +
                           " SECONDS"}};
  } else if (r.ruleType == "row_count") {
    const Json* lo = param(r, "min");
    const Json* hi = param(r, "max");
    if (lo == nullptr && hi == nullptr) {
      invalid("params", "A row_count rule needs params.min or params.max.");
    }
    for (const auto& [bound, function] :
         {std::pair{lo, "is_aggr_not_less_than"}, std::pair{hi, "is_aggr_not_greater_than"}}) {
      if (bound == nullptr) continue;
      Check b = c;
      b.function = function;
      b.arguments = Json{{"column", "*"}, {"aggr_type", "count"}, {"limit", *bound}};
      validateCheck(b);
      out.push_back(std::move(b));
    }
    return out;
  } else if (r.ruleType == "referential") {
    const Json* table = param(r, "parent_table");
    if (table == nullptr || !table->is_string()) {
      invalid("params", "A referential rule needs params.parent_table.");
    }
    const Json* parent = param(r, "parent_column");
    const std::string col = needColumn(r);
    c.function = "foreign_key";
    c.arguments = Json{{"columns", Json::array({col})},
                       {"ref_columns", Json::array({parent != nullptr && parent->is_string()
                                                        ? parent->get<std::string>()
                                                        : col})},
                       {"ref_table", *table}};
  } else {
    invalid("rule_type",
            "rule_type must be one of not_null, unique, range, regex, custom_sql, "
            "freshness, row_count, referential.");
  }
  validateCheck(c);
  out.push_back(std::move(c));
  return out;
}

}  // namespace clxs::quality
