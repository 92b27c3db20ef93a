#include "plugins/quality/check_generation.hpp"

#include <string>

#include "plugins/quality/check_registry.hpp"
#include "plugins/quality/store_values.hpp"

namespace clxs::quality {

namespace {

// A column name as a check's column argument: plain names as they are, others backticked.
std::string columnArgument(const std::string& name) {
  bool plain =
      !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) != 0 || name[0] == '_');
  for (const char c : name) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_');
  }
  if (plain) return name;
  std::string quoted = "`";
  for (const char c : name) quoted += c == '`' ? std::string("``") : std::string(1, c);
  return quoted + "`";
}

}  // namespace

std::vector<SuggestedRule> suggestChecks(const Json& profile, const Json& settings) {
  const double maxNullRatio = numberOf(settings.value("max_null_ratio", Json()), 0.01);
  const double maxInCount = numberOf(settings.value("max_in_count", Json()), 10);
  const double distinctRatio = numberOf(settings.value("distinct_ratio", Json()), 0.05);
  const double rows = numberOf(profile.value("row_count", Json()), 0);
  const std::string table = profile.value("table_fqn", "");
  std::vector<SuggestedRule> out;
  if (rows <= 0) return out;
  for (const auto& c : profile.value("columns", Json::array())) {
    const std::string name = c.value("column_name", "");
    const std::string column = columnArgument(name);
    const double nulls = numberOf(c.value("null_count", Json()), 0);
    const auto add = [&](const std::string& ruleType, Json parameters, std::string description,
                         const std::string& function, Json arguments) {
      SuggestedRule s{name, ruleType, std::move(parameters), std::move(description), Check{}};
      s.check.tableFqn = table;
      s.check.function = function;
      s.check.arguments = std::move(arguments);
      validateCheck(s.check);
      out.push_back(std::move(s));
    };
    if (nulls / rows <= maxNullRatio) {
      add("is_not_null", Json{{"null_ratio", nulls / rows}},
          name + " has " + std::to_string(static_cast<long long>(nulls)) + " NULLs in " +
              std::to_string(static_cast<long long>(rows)) + " rows.",
          "is_not_null", Json{{"column", column}});
    }
    const Json& distinct = c.value("distinct_count", Json());
    const Json& top = c.value("top_values", Json());
    if (distinct.is_number() && top.is_array() && !top.empty() &&
        distinct.get<double>() <= maxInCount && distinct.get<double>() / rows <= distinctRatio &&
        top.size() >= static_cast<std::size_t>(distinct.get<double>())) {
      Json values = Json::array();
      for (const auto& v : top) values.push_back(v["value"]);
      add("is_in_list", Json{{"in", values}},
          name + " takes " + std::to_string(values.size()) + " values.", "is_in_list",
          Json{{"column", column}, {"allowed", values}});
    }
    const Json& lo = c.value("min", Json());
    const Json& hi = c.value("max", Json());
    if (!lo.is_null() && !hi.is_null() && c.value("min_length", Json()).is_null()) {
      add("min_max", Json{{"min", lo}, {"max", hi}},
          name + " lies between " + lo.dump() + " and " + hi.dump() + ".", "is_in_range",
          Json{{"column", column}, {"min_limit", lo}, {"max_limit", hi}});
    }
  }
  return out;
}

}  // namespace clxs::quality
