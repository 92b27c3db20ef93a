// The ODCS v3 data contract document: its fundamentals checked (required fields, semver,
// status, the shape of every section and of each quality rule, SQL rules one SELECT), the
// version arithmetic of revisions, the partial update's deep merge, and the tables a contract
// is about.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/json.hpp"

namespace clxs::governance {

/// The ODCS version documents are written in.
inline constexpr const char* kOdcsApiVersion = "v3.1.0";

/// A semantic version major.minor.patch with an optional pre-release.
struct OdcsSemver {
  long major = 0;
  long minor = 0;
  long patch = 0;
  std::string pre;  ///< after '-' (build metadata after '+' is dropped)
};

/// `text` as a semantic version, or nothing.
std::optional<OdcsSemver> parseOdcsSemver(std::string_view text);

/// Orders two semantic versions (a pre-release sorts before its release): <0, 0, >0.
int compareOdcsSemver(const OdcsSemver& a, const OdcsSemver& b);

/// The next patch version of `version` ("1.2.3" → "1.2.4", "1.2.3-rc1" → "1.2.4"); a text
/// that is no semver gets ".1" appended.
std::string bumpOdcsPatch(const std::string& version);

/// The ODCS statuses, lower case.
const std::vector<std::string>& odcsStatuses();

/// The library metrics: nullValues, missingValues, invalidValues, duplicateValues, rowCount.
const std::vector<std::string>& odcsMetrics();

/// The comparison operators of a quality rule (mustBe, …, mustNotBeBetween).
const std::vector<std::string>& odcsOperators();

/// A metric name as written in ODCS 3.1, from its 3.0 alias too (nullCheck → nullValues,
/// duplicateCount → duplicateValues, validValues → invalidValues); empty when unknown.
std::string canonicalMetric(std::string_view name);

/// `doc` with what the server owns filled in: apiVersion (v3.1.0 when absent), kind
/// DataContract, id.
Json completeDocument(Json doc, const std::string& id);

/// Throws HttpError 422 listing every problem of `doc` at its loc ([`root`, …path]): not an
/// object; apiVersion not v3.x.y; kind not DataContract; id, name missing; version not semver;
/// status not an ODCS status; sections of the wrong shape; schema objects and properties
/// without names or named twice; quality rules with an unknown type, metric or operator, a
/// metric on the wrong level, a non-numeric threshold, a between that is not [low, high], a
/// unit other than rows or percent, or SQL that is not one SELECT.
void requireValidDocument(const Json& doc, const std::string& root = "body");

/// `base` with `patch` merged in: objects merge key by key (recursively), a null in `patch`
/// removes the key, anything else (arrays included) replaces.
Json odcsDeepMerge(Json base, const Json& patch);

/// The tables the contract describes, catalog.schema.table, in schema order: each schema
/// object's physicalName when it names three parts, else its name (or physicalName) under the
/// catalog and schema of the first databricks server. Objects naming no table are skipped.
std::vector<std::string> contractTables(const Json& doc);

/// The table of `doc`'s schema object `object` (as contractTables finds it), or empty.
std::string objectTable(const Json& doc, const Json& object);

/// A contract's SQL rule text with `{object}` as the table's quoted name and `{property}` as
/// the column's (both backtick-quoted by the SDK helper), checked to be one SELECT (400).
std::string substituteRuleSql(const std::string& query, const std::string& tableFqn,
                              const std::string& property);

}  // namespace clxs::governance
