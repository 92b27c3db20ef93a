// Test helper: audited runs written through CloneStore::audit, the writer the plugin uses, so
// the readers are tested against the real row layout.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "clxs/json.hpp"
#include "plugins/clone/clone_store.hpp"

namespace clxs::clone::audit::testing {

/// "2026-11-27T<hour>:<minute>:00.000Z".
inline std::string at(int hour, int minute = 0) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "2026-11-27T%02d:%02d:00.000Z", hour, minute);
  return buf;
}

/// One run to audit.
struct FakeRun {
  explicit FakeRun(std::string jobId, std::string endedAs = "completed")
      : id(std::move(jobId)), status(std::move(endedAs)) {}

  std::string id;
  std::string status;
  std::string source = "src";
  std::string destination = "dst";
  std::string started = at(10);
  std::string finished = at(10, 1);
  double seconds = 60;
  std::int64_t tables = 0;
  std::int64_t failed = 0;
  std::int64_t skipped = 0;
  std::string operation = "clone";
  Json summary;  // null: a result with the table counts
  std::vector<std::string> lines{"started", "done"};
};

/// Writes `r` as the clone service's audit lambda does.
inline void writeRun(CloneStore& store, const FakeRun& r) {
  Json summary = r.summary;
  if (summary.is_null()) {
    summary = {{"tables", {{"success", r.tables}, {"failed", r.failed}, {"skipped", r.skipped}}},
               {"views", {{"success", 1}, {"failed", 0}, {"skipped", 0}}},
               {"bytes_copied", 1000 * r.tables}};
  }
  const Json op{{"job_id", r.id},
                {"operation", r.operation},
                {"source_catalog", r.source},
                {"destination_catalog", r.destination},
                {"clone_type", "DEEP"},
                {"status", r.status},
                {"started_at", r.started},
                {"finished_at", r.finished},
                {"duration_seconds", r.seconds},
                {"user_name", "local"},
                {"summary", summary}};
  Json metrics{{"duration_seconds", r.seconds}};
  if (summary.contains("tables")) {
    metrics["tables_success"] = r.tables;
    metrics["tables_failed"] = r.failed;
    metrics["tables_skipped"] = r.skipped;
    metrics["views_success"] = 1;
    metrics["bytes_copied"] = 1000 * r.tables;
    metrics["retries"] = 0;
  }
  store.audit(op, r.lines, metrics);
}

}  // namespace clxs::clone::audit::testing
