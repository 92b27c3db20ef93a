#include "plugins/quality/profile_drift.hpp"

#include <cmath>
#include <map>
#include <string>

#include "plugins/quality/store_values.hpp"

namespace clxs::quality {

namespace {

// Points of a percentage that count as drift, and the share a row count may move by.
constexpr double kNullPoints = 1.0;
constexpr double kDistinctPoints = 10.0;
constexpr double kRowShare = 0.10;

std::map<std::string, Json> columnsByName(const Json& profile) {
  std::map<std::string, Json> out;
  for (const auto& c : profile.value("columns", Json::array())) {
    out.emplace(c.value("column_name", ""), c);
  }
  return out;
}

// Whether `a` is below `b` (numbers as numbers, times as their ISO text); false when either
// is missing or they are of different kinds.
bool below(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() < b.get<double>();
  if (a.is_string() && b.is_string()) return a.get<std::string>() < b.get<std::string>();
  return false;
}

bool onColumn(const Check& c, const std::string& column) {
  const Json col = c.arguments.value("column", Json());
  if (col.is_string() && col.get<std::string>() == column) return true;
  for (const char* list : {"columns", "column1", "column2"}) {
    const Json v = c.arguments.value(list, Json());
    if (v.is_string() && v.get<std::string>() == column) return true;
    if (v.is_array()) {
      for (const auto& x : v) {
        if (x.is_string() && x.get<std::string>() == column) return true;
      }
    }
  }
  return false;
}

const StoredCheck* findCheck(const std::vector<StoredCheck>& checks, const std::string& column,
                             const std::string& function) {
  for (const auto& s : checks) {
    if (s.check.function == function && s.check.arguments.value("column", Json()) == column) {
      return &s;
    }
  }
  return nullptr;
}

Json checkIr(const std::string& function, Json arguments, const std::string& criticality) {
  return Json{
      {"function", function}, {"arguments", std::move(arguments)}, {"criticality", criticality}};
}

}  // namespace

Json profileDrift(const Json& baseline, const Json& current,
                  const std::vector<StoredCheck>& checks) {
  Json drift = Json::array();
  Json recommendations = Json::array();
  const auto note = [&](const Json& column, const char* metric, Json previous, Json now) {
    drift.push_back(Json{{"column", column},
                         {"metric", metric},
                         {"previous", std::move(previous)},
                         {"current", std::move(now)}});
  };
  const auto recommend = [&](const char* action, Json check, const StoredCheck* existing,
                             std::string reason) {
    recommendations.push_back(Json{{"action", action},
                                   {"check", std::move(check)},
                                   {"check_id", existing ? Json(existing->check.id) : Json()},
                                   {"reason", std::move(reason)}});
  };

  const double before = numberOf(baseline.value("row_count", Json()), 0);
  const double after = numberOf(current.value("row_count", Json()), 0);
  if (std::fabs(after - before) > kRowShare * std::max(before, 1.0)) {
    note(nullptr, "row_count", baseline["row_count"], current["row_count"]);
  }

  const auto old = columnsByName(baseline);
  const auto now = columnsByName(current);
  for (const auto& [name, col] : now) {
    const auto was = old.find(name);
    if (was == old.end()) {
      note(name, "column_added", nullptr, col.value("data_type", ""));
      if (col.value("null_count", Json()) == 0 && !findCheck(checks, name, "is_not_null")) {
        recommend("add", checkIr("is_not_null", Json{{"column", name}}, "error"), nullptr,
                  "New column " + name + " has no NULLs.");
      }
      continue;
    }
    const Json& prev = was->second;
    if (prev.value("data_type", "") != col.value("data_type", "")) {
      note(name, "data_type", prev["data_type"], col["data_type"]);
    }
    const double nullsBefore = numberOf(prev.value("null_pct", Json()), 0);
    const double nullsNow = numberOf(col.value("null_pct", Json()), 0);
    if (std::fabs(nullsNow - nullsBefore) >= kNullPoints || (nullsBefore == 0 && nullsNow > 0)) {
      note(name, "null_pct", prev["null_pct"], col["null_pct"]);
      const StoredCheck* notNull = findCheck(checks, name, "is_not_null");
      if (nullsBefore == 0 && nullsNow > 0 && notNull != nullptr &&
          notNull->check.criticality == Criticality::Error) {
        recommend("update", checkIr("is_not_null", Json{{"column", name}}, "warn"), notNull,
                  name + " had no NULLs and now has " + col["null_pct"].dump() +
                      " %: keep the check as a warning, or fix the source.");
      }
    }
    const Json dBefore = prev.value("distinct_pct", Json());
    const Json dNow = col.value("distinct_pct", Json());
    if (dBefore.is_number() && dNow.is_number() &&
        std::fabs(dNow.get<double>() - dBefore.get<double>()) >= kDistinctPoints) {
      note(name, "distinct_pct", dBefore, dNow);
    }
    const Json lo = col.value("min", Json());
    const Json hi = col.value("max", Json());
    const bool lower = below(lo, prev.value("min", Json()));
    const bool higher = below(prev.value("max", Json()), hi);
    if (lower) note(name, "min", prev["min"], lo);
    if (higher) note(name, "max", prev["max"], hi);
    if ((lower || higher) && !lo.is_null() && !hi.is_null()) {
      const StoredCheck* range = findCheck(checks, name, "is_in_range");
      const Json widened =
          checkIr("is_in_range", Json{{"column", name}, {"min_limit", lo}, {"max_limit", hi}},
                  range ? std::string(criticalityName(range->check.criticality)) : "warn");
      if (range != nullptr) {
        recommend("update", widened, range,
                  name + " now ranges from " + lo.dump() + " to " + hi.dump() +
                      ", outside the range its check allows.");
      } else {
        recommend("add", widened, nullptr,
                  name + "'s range moved to " + lo.dump() + " … " + hi.dump() +
                      "; a range check would catch the next jump.");
      }
    }
  }
  for (const auto& [name, col] : old) {
    if (now.contains(name)) continue;
    note(name, "column_removed", col.value("data_type", ""), nullptr);
    for (const auto& s : checks) {
      if (onColumn(s.check, name)) {
        recommend("remove",
                  checkIr(s.check.function, s.check.arguments,
                          std::string(criticalityName(s.check.criticality))),
                  &s, "Column " + name + " is gone; the check can only fail.");
      }
    }
  }
  return Json{{"drift", drift}, {"recommendations", recommendations}};
}

}  // namespace clxs::quality
