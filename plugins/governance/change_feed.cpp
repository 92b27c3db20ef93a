#include "plugins/governance/change_feed.hpp"

#include <chrono>
#include <set>
#include <string>

#include "clxs/clock.hpp"

namespace clxs::governance {

namespace {

std::string feedText(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Times compare as instants: the two logs need not write the same number of decimals.
std::chrono::system_clock::time_point feedTime(const Json& entry) {
  const auto parsed = parseIsoUtc(feedText(entry, "changed_at"));
  return parsed ? *parsed : std::chrono::system_clock::time_point{};
}

}  // namespace

Json governanceChangeEntry(const Json& change) {
  Json out = change;
  out["source"] = "governance";
  out["change_type"] = change.value("action", Json());
  // What an update changed, so a reader need not compare the two snapshots.
  const auto before = change.value("before", Json());
  const auto after = change.value("after", Json());
  Json changed = Json::array();
  if (before.is_object() && after.is_object()) {
    std::set<std::string> keys;
    for (const auto& [k, v] : before.items()) keys.insert(k);
    for (const auto& [k, v] : after.items()) keys.insert(k);
    for (const auto& k : keys) {
      if (k == "updated_at" || k == "updated_by") continue;
      if (before.value(k, Json()) != after.value(k, Json())) changed.push_back(k);
    }
  }
  out["details"] = Json{{"changed_fields", changed}};
  return out;
}

Json kernelChangeEntry(const Json& call) {
  const auto method = feedText(call, "method");
  const auto route = feedText(call, "route");
  return Json{{"source", "kernel"},
              {"change_id", call.value("id", Json())},
              {"entity_type", "api_call"},
              {"entity_id", call.value("path", Json())},
              {"action", method + " " + route},
              {"change_type", method + " " + route},
              {"changed_by", call.value("actor", Json())},
              {"changed_at", call.value("at", Json())},
              {"before", nullptr},
              {"after", nullptr},
              {"details", Json::object()},
              {"plugin", call.value("plugin", Json())},
              {"method", method},
              {"route", route},
              {"path", call.value("path", Json())},
              {"status", call.value("status", Json())},
              {"request_id", call.value("request_id", Json())}};
}

std::vector<Json> mergeChangeFeeds(const std::vector<Json>& governance,
                                   const std::vector<Json>& kernel, std::int64_t limit) {
  std::vector<Json> out;
  std::size_t g = 0;
  std::size_t k = 0;
  while (static_cast<std::int64_t>(out.size()) < limit &&
         (g < governance.size() || k < kernel.size())) {
    // On a tie the history entry goes first: it holds the values the call changed.
    const bool takeGovernance =
        k >= kernel.size() ||
        (g < governance.size() && feedTime(governance[g]) >= feedTime(kernel[k]));
    out.push_back(takeGovernance ? governance[g++] : kernel[k++]);
  }
  return out;
}

}  // namespace clxs::governance
