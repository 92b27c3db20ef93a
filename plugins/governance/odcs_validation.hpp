// A contract checked against its workspace in 11 sections (fundamentals, schema, quality, sla,
// servers, team, roles, support, pricing, references, customProperties). The schema's data
// checks (NULLs in required columns, duplicates in unique ones) and the quality rules of each
// table run as one query through the quality plugin's check engine (service quality.checks).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "clxs/json.hpp"
#include "clxs/services/check_runner.hpp"
#include "clxs/workspace.hpp"

namespace clxs::governance {

/// Gets the check runner when there is something to run (throws 503 when it is missing).
using CheckRunnerSource = std::function<std::shared_ptr<services::CheckRunner>()>;

/// Validates `doc`: {compliant, sections_checked, sections: [{section, status, violations,
/// warnings}], violations: [{section, message, …}], quality: [judged rules]}. `now` is the
/// current time (seconds since the epoch) for SLA latency.
Json validateContract(const Json& doc, Workspace& ws, const CheckRunnerSource& runner,
                      const CallOptions& call, double now);

/// Runs the contract's quality rules as DQX checks only (no SQL or rowCount rules) per table
/// and answers {tables: [{table, total_rows, error_rows, warning_rows, valid_rows, pass_rate,
/// passed, checks: [{name, function, criticality, rule_id, failed_rows, pass_rate}]}],
/// skipped: [{rule_id, reason}], passed}; a table passes when its pass rate (rows failing no
/// error check, in %) reaches `minPassRate`.
Json dqxValidateContract(const Json& doc, Workspace& ws, const CheckRunnerSource& runner,
                         const CallOptions& call, double minPassRate);

/// Seconds since the epoch of an ISO-8601 UTC time ("2026-12-08T01:00:00.000Z"), or nothing.
std::optional<double> odcsIsoSeconds(const std::string& iso);

/// An SLA duration in seconds: value with unit d/day(s), h/hour(s), m/min/minute(s), s/sec,
/// w/week(s), y/year(s), ms; nothing for an unknown unit.
std::optional<double> odcsSlaSeconds(double value, const std::string& unit);

}  // namespace clxs::governance
