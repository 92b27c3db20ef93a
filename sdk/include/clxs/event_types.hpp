// The events plugins exchange, each with its topic and payload declared once. A plugin that
// publishes a new event adds it here, so subscribers and the docs see one definition.
#pragma once

#include <string>

#include "clxs/schema.hpp"

namespace clxs::events {

/// `clone.completed`, `sync.completed`, `incremental_sync.completed`: a clone-like job ended
/// completed or completed_with_errors. Published by the clone plugin.
struct CloneCompleted {
  /// The topic for a clone; sync runs publish on "sync.completed" and
  /// "incremental_sync.completed" with the same payload.
  static constexpr const char* kTopic = "clone.completed";
  std::string jobId;               ///< the job
  std::string sourceCatalog;       ///< catalog read
  std::string destinationCatalog;  ///< catalog written
  std::string status;              ///< completed or completed_with_errors
  /// The payload's schema.
  static const Schema<CloneCompleted>& schema() {
    static const auto s =
        Schema<CloneCompleted>("CloneCompleted")
            .field("job_id", &CloneCompleted::jobId, "The job")
            .field("source_catalog", &CloneCompleted::sourceCatalog, "Catalog read")
            .field("destination_catalog", &CloneCompleted::destinationCatalog, "Catalog written")
            .field("status", &CloneCompleted::status, "completed or completed_with_errors");
    return s;
  }
};

/// `demo_data.generated`: a demo catalog was generated. Published by the generate plugin;
/// with `dest_catalog` set the clone plugin clones the new catalog into it.
struct DemoDataGenerated {
  static constexpr const char* kTopic = "demo_data.generated";  ///< the topic
  std::string jobId;                                            ///< the generation job
  std::string catalog;                                          ///< the generated catalog
  std::string destCatalog;  ///< where to clone it (empty: nowhere)
  /// The payload's schema.
  static const Schema<DemoDataGenerated>& schema() {
    static const auto s =
        Schema<DemoDataGenerated>("DemoDataGenerated")
            .field("job_id", &DemoDataGenerated::jobId, "The generation job")
            .field("catalog", &DemoDataGenerated::catalog, "The generated catalog")
            .field("dest_catalog", &DemoDataGenerated::destCatalog,
                   "Catalog to clone it into (empty: none)");
    return s;
  }
};

/// `scheduler.missed`: a schedule's slots passed without firing (server down, plugin
/// disabled); they are not replayed. Published by the kernel.
struct ScheduleMissed {
  static constexpr const char* kTopic = "scheduler.missed";  ///< the topic
  std::string plugin;                                        ///< owner of the schedule
  std::string name;                                          ///< the schedule
  long long missed = 0;                                      ///< slots skipped
  std::string firedSlot;  ///< the slot that fired instead (ISO-8601 UTC)
  /// The payload's schema.
  static const Schema<ScheduleMissed>& schema() {
    static const auto s = Schema<ScheduleMissed>("ScheduleMissed")
                              .field("plugin", &ScheduleMissed::plugin, "Owner of the schedule")
                              .field("name", &ScheduleMissed::name, "The schedule")
                              .field("missed", &ScheduleMissed::missed, "Slots skipped")
                              .field("fired_slot", &ScheduleMissed::firedSlot,
                                     "The slot that fired instead (ISO-8601 UTC)");
    return s;
  }
};

/// `quality.check_result`: one data-quality check's outcome in one run, published by the
/// quality plugin for every check of every run and every rule result (passes too, so that
/// whoever tracks failures can close them). The observability plugin opens and resolves
/// incidents from these and keeps the latest of each as trust evidence. A rule passes when its
/// failure rate is within its threshold.
struct CheckResult {
  static constexpr const char* kTopic = "quality.check_result";  ///< the topic
  std::string source;        ///< what ran it: dqx (a DQX check) or dq_rule (a legacy rule)
  std::string tableFqn;      ///< catalog.schema.table
  std::string checkId;       ///< the check
  std::string checkName;     ///< its name
  std::string criticality;   ///< error or warn
  bool passed = true;        ///< no row failed it
  long long failedRows = 0;  ///< rows that failed it
  long long inputRows = 0;   ///< rows the run read
  std::string runId;         ///< the run
  std::string executedBy;    ///< who ran it
  std::string executedAt;    ///< when (ISO-8601 UTC)
  /// The payload's schema.
  static const Schema<CheckResult>& schema() {
    static const auto s =
        Schema<CheckResult>("CheckResult")
            .field("source", &CheckResult::source, "What ran it: dqx or dq_rule")
            .field("table_fqn", &CheckResult::tableFqn, "catalog.schema.table")
            .field("check_id", &CheckResult::checkId, "The check")
            .field("check_name", &CheckResult::checkName, "Its name")
            .field("criticality", &CheckResult::criticality, "error or warn")
            .field("passed", &CheckResult::passed, "No row failed it")
            .field("failed_rows", &CheckResult::failedRows, "Rows that failed it")
            .field("input_rows", &CheckResult::inputRows, "Rows the run read")
            .field("run_id", &CheckResult::runId, "The run")
            .field("executed_by", &CheckResult::executedBy, "Who ran it")
            .field("executed_at", &CheckResult::executedAt, "When (ISO-8601 UTC)");
    return s;
  }
};

/// `observability.signal`: a pass or a failure of anything else that watches a table (an SLA,
/// a data contract, a reconciliation, a plugin's own rule) for the observability plugin to
/// open, add to or resolve the table's incident of that source and reference, as it does for
/// check results. Publish a pass too, so the incident closes when the thing holds again.
struct ObservabilitySignal {
  static constexpr const char* kTopic = "observability.signal";  ///< the topic
  std::string source;     ///< what watches: sla, contract, recon, … (lower case)
  std::string tableFqn;   ///< catalog.schema.table
  std::string sourceRef;  ///< which rule, contract or run: one incident per source, table, ref
  bool passed = true;     ///< it holds
  std::string severity;   ///< critical, high, medium or low (failures)
  std::string title;      ///< what failed or passed, in words
  Json details = Json::object();  ///< the evidence (values, limits, run id)
  std::string reportedBy;         ///< who ran what reported it
  std::string at;                 ///< when (ISO-8601 UTC)
  /// The payload's schema.
  static const Schema<ObservabilitySignal>& schema() {
    static const auto s =
        Schema<ObservabilitySignal>("ObservabilitySignal")
            .field("source", &ObservabilitySignal::source, "What watches: sla, contract, recon, …")
            .field("table_fqn", &ObservabilitySignal::tableFqn, "catalog.schema.table")
            .field("source_ref", &ObservabilitySignal::sourceRef, "Which rule, contract or run")
            .field("passed", &ObservabilitySignal::passed, "It holds")
            .field("severity", &ObservabilitySignal::severity,
                   "critical, high, medium or low (failures)")
            .field("title", &ObservabilitySignal::title, "What failed or passed")
            .field("details", &ObservabilitySignal::details, "The evidence")
            .field("reported_by", &ObservabilitySignal::reportedBy, "Who reported it")
            .field("at", &ObservabilitySignal::at, "When (ISO-8601 UTC)");
    return s;
  }
};

}  // namespace clxs::events
