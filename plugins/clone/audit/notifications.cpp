#include "plugins/clone/audit/notifications.hpp"

#include <regex>

#include "plugins/clone/audit/audit_state.hpp"

namespace clxs::clone::audit {
namespace {

std::string label(const std::string& operation) {
  if (operation == "clone") return "Clone";
  if (operation == "sync") return "Sync";
  if (operation == "incremental_sync") return "Incremental sync";
  return operation.empty() ? std::string("Run") : operation;
}

bool inRange(const std::string& digits, int lo, int hi) {
  if (digits.empty()) return true;
  const int v = std::stoi(digits);
  return v >= lo && v <= hi;
}

}  // namespace

std::optional<std::string> normaliseUtc(std::string_view text) {
  // A date, then optionally HH:MM with optional seconds and fraction, then a UTC zone.
  static const std::regex kIso(R"(^(\d{4})-(\d{2})-(\d{2}))"
                               R"((?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)"
                               R"((Z|\+00:?00)?$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, kIso)) return std::nullopt;
  const auto part = [&m](int i) { return m[i].matched ? m[i].str() : std::string(); };
  if (!inRange(part(2), 1, 12) || !inRange(part(3), 1, 31) || !inRange(part(4), 0, 23) ||
      !inRange(part(5), 0, 59) || !inRange(part(6), 0, 60)) {
    return std::nullopt;
  }
  const auto two = [&part](int i) { return part(i).empty() ? std::string("00") : part(i); };
  std::string fraction = part(7).substr(0, 3);
  fraction.append(3 - fraction.size(), '0');
  return part(1) + "-" + part(2) + "-" + part(3) + "T" + two(4) + ":" + two(5) + ":" + two(6) +
         "." + fraction + "Z";
}

Json notificationItem(const AuditRun& run, bool unread) {
  const std::string route = run.sourceCatalog + " -> " + run.destinationCatalog;
  std::string type = "info";
  std::string message;
  if (run.status == "completed") {
    type = "success";
    message = label(run.operation) + " completed: " + route;
  } else if (run.status == "completed_with_errors") {
    type = "warning";
    message = label(run.operation) + " completed with errors: " + route;
    if (run.tablesFailed > 0) {
      message += " (" + std::to_string(run.tablesFailed) +
                 (run.tablesFailed == 1 ? " table failed)" : " tables failed)");
    } else if (!run.errorMessage.empty()) {
      message += " (" + run.errorMessage + ")";
    }
  } else if (run.status == "failed") {
    type = "error";
    message = label(run.operation) + " failed: " + route;
    if (!run.errorMessage.empty()) message += ": " + run.errorMessage;
  } else {
    message = label(run.operation) + " " + run.status + ": " + route;
  }
  return Json{{"type", type},
              {"message", message},
              {"timestamp", run.finishedAt},
              {"status", run.status},
              {"job_id", run.jobId},
              {"operation", run.operation},
              {"source_catalog", run.sourceCatalog},
              {"destination_catalog", run.destinationCatalog},
              {"read", !unread}};
}

Json notifications(Store& store, int limit, const std::optional<std::string>& since,
                   bool markRead) {
  const std::string marker = since ? *since : readMarker(store);
  RunFilter unreadFilter;
  unreadFilter.finishedAfter = marker;
  const auto unread = countRuns(store, unreadFilter);
  const auto runs = loadRuns(store, RunFilter{}, limit);
  Json items = Json::array();
  for (const auto& run : runs) {
    items.push_back(notificationItem(run, marker.empty() || run.finishedAt > marker));
  }
  // The newest run is first in the list; marking up to it marks everything counted above.
  if (markRead && !runs.empty()) advanceReadMarker(store, runs.front().finishedAt);
  return Json{{"unread_count", unread},
              {"unread_since", marker.empty() ? Json() : Json(marker)},
              {"items", std::move(items)}};
}

}  // namespace clxs::clone::audit
