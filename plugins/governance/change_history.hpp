// The governance change history (`governance_changes`): every mutation made through this
// plugin (a term created, a certification approved, a contract revised, a policy added) with
// who made it and the entity before and after, so `GET /api/governance/changes` can answer
// "who changed what, and from what". The kernel's own log of mutating calls (clxs::ChangeLog)
// holds the calls of every plugin without their bodies; this one holds the values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::governance {

/// One recorded mutation.
struct Change {
  std::string entityType;  ///< glossary_term, glossary_link, certification, sla_rule, contract, …
  std::string entityId;    ///< the entity's id
  std::string action;      ///< create, update, delete, link, approve, reject, expire, …
  std::string actor;       ///< who (the caller's user, or "scheduler")
  Json before;             ///< the entity before (null when created)
  Json after;              ///< the entity after (null when deleted)
  std::string at;          ///< when, ISO-8601 UTC
};

/// Which changes to read.
struct ChangeFilter {
  std::string entityType;  ///< only this entity type (empty: all)
  std::string entityId;    ///< only this entity (empty: all)
  std::string actor;       ///< only this actor (empty: all)
  std::string since;       ///< at or after this ISO-8601 UTC time (empty: no bound)
  std::int64_t limit = 100;
};

/// The history.
class ChangeHistory {
 public:
  /// Uses the plugin's migrated store.
  explicit ChangeHistory(Store& store) : store_(store) {}
  /// The table's schema.
  static std::vector<Migration> migrations();

  /// Records one change; answers its id.
  std::int64_t record(const Change& change);
  /// Changes matching `filter`, newest first: [{change_id, entity_type, entity_id, action,
  /// changed_by, before, after, changed_at}].
  [[nodiscard]] std::vector<Json> list(const ChangeFilter& filter) const;

 private:
  Store& store_;
};

}  // namespace clxs::governance
