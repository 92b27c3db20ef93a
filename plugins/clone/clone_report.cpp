#include "plugins/clone/clone_report.hpp"

#include <chrono>
#include <cstdint>
#include <utility>

#include "clxs/text.hpp"

namespace clxs::clone {
namespace {

/// The part of a result made from the objects' outcomes.
struct ObjectSections {
  Json counts = Json::object();     // per kind: success, failed, skipped
  Json objects = Json::array();     // per object
  Json durations = Json::object();  // per schema
  std::int64_t bytes = 0;
};

Json objectJson(const ObjectResult& r) {
  Json o{{"type", lowerAscii(keyword(r.kind))}, {"name", r.name}, {"status", r.status}};
  o["error"] = r.status == "failed" ? Json(r.error) : Json();
  if (r.status != "failed" && !r.error.empty()) o["reason"] = r.error;
  o["duration_seconds"] = r.seconds;
  o["bytes"] = r.bytes ? Json(*r.bytes) : Json();
  if (!r.warnings.empty()) o["warnings"] = r.warnings;
  return o;
}

ObjectSections objectSections(const std::vector<ObjectResult>& results) {
  ObjectSections s;
  for (auto kind : {ObjectKind::Schema, ObjectKind::Table, ObjectKind::View, ObjectKind::Function,
                    ObjectKind::Volume}) {
    s.counts[plural(kind)] = {{"success", 0}, {"failed", 0}, {"skipped", 0}};
  }
  for (const auto& r : results) {
    auto& c = s.counts[plural(r.kind)][r.status];
    c = c.get<std::int64_t>() + 1;
    if (r.bytes) s.bytes += *r.bytes;
    if (r.kind == ObjectKind::Schema) s.durations[r.name] = r.seconds;
    s.objects.push_back(objectJson(r));
  }
  return s;
}

// What quiescing, the guardrails and the checks came to, each where it applies.
void addOutcomes(Json& out, const CloneRunRecord& record) {
  const auto& o = record.inputs.options;
  if (record.execution.abortReason) out["aborted"] = *record.execution.abortReason;
  if (o.quiesceSource) {
    out["quiesce"] = {{"warnings", record.quiesce.warnings},
                      {"not_regranted", record.quiesce.notRegranted}};
  }
  const auto& checks = record.checks;
  if (!checks.validation.is_null()) {
    out["validation"] = checks.validation;
    out["validation_evaluation"] = checks.validationEvaluation;
  }
  if (!checks.drift.empty()) {
    out["dq_comparison"] = {{"threshold_pct", o.dqDriftRollbackPct},
                            {"max_drift_pct", checks.drift}};
  }
}

// The statements the run issued (or, in a dry run, would issue) and its calls.
void addStatements(Json& out, const StatementRunner& runner) {
  const auto statements = runner.statements();
  Json byCategory = Json::object();
  for (const auto& s : statements) {
    byCategory[s.category] = byCategory.value(s.category, 0) + 1;
  }
  out["sql_summary"] = {{"total_statements", statements.size()}, {"by_category", byCategory}};
  if (runner.dryRun()) {
    Json list = Json::array();
    for (const auto& s : statements) list.push_back({{"sql", s.sql}, {"category", s.category}});
    out["sql_statements"] = list;
  }
  out["calls"] = runner.counters();
}

}  // namespace

Json cloneReport(const CloneRunRecord& record) {
  const auto& in = record.inputs;
  const auto& o = in.options;
  Json out{{"source_catalog", o.sourceCatalog},
           {"destination_catalog", o.destinationCatalog},
           {"clone_type", o.cloneType == CloneType::Deep ? "DEEP" : "SHALLOW"},
           {"dry_run", in.runner.dryRun()}};
  auto sections = objectSections(record.ledger.results());
  out["schemas_processed"] = sections.counts["schemas"]["success"];
  for (const auto& [k, v] : sections.counts.items()) out[k] = v;
  out["objects"] = std::move(sections.objects);
  out["errors"] = record.ledger.errors();
  Json warnings = o.warnings;
  for (const auto& w : record.execution.catalogWarnings) warnings.push_back(w);
  out["warnings"] = warnings;
  out["schema_durations"] = sections.durations;
  out["bytes_copied"] = sections.bytes;
  out["duration_seconds"] = std::chrono::duration<double>(RunClock::now() - record.started).count();
  addOutcomes(out, record);
  addStatements(out, in.runner);
  if (!in.runner.dryRun() && o.enableRollback && in.store) {
    out["rollback_id"] = in.identity.rollbackId;
  }
  if (!in.identity.resumedFrom.empty()) out["resumed_from"] = in.identity.resumedFrom;
  return out;
}

}  // namespace clxs::clone
