// What changed between two revisions of a contract, split into what breaks its consumers or
// producers (a dropped table or column, a narrowed or changed type, a column made required or
// unique, a quality rule tightened or added on an existing column, an SLA tightened) and what
// does not (added tables and columns, widened types, loosened or removed rules, other edits).
#pragma once

#include "clxs/json.hpp"

namespace clxs::governance {

/// {breaking: [{kind, path, message, before, after}], non_breaking: [...], is_breaking}.
Json diffContracts(const Json& before, const Json& after);

/// Whether changing a column from `before` to `after` (Databricks type text) narrows it:
/// fewer values fit (BIGINT → INT, DOUBLE → FLOAT, DECIMAL(10,2) → DECIMAL(8,2),
/// VARCHAR(50) → VARCHAR(20), STRING → INT). Answers nothing when the type is unchanged, false
/// when it widens (INT → BIGINT, INT → DOUBLE, VARCHAR → STRING).
bool odcsTypeNarrows(const std::string& before, const std::string& after);

}  // namespace clxs::governance
