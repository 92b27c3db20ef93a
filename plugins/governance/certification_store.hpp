// Certifications of tables (`governance_certifications`) and every transition they went
// through (`governance_certification_events`): a request starts pending; a reviewer certifies
// or rejects it; a certification ends expired (the scheduler, at its expiry) or revoked. Rows
// are updated in place and each transition appended, so the history is never lost (the
// original deleted a table's certifications and inserted the new one).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"
#include "clxs/store.hpp"

namespace clxs::governance {

/// One certification.
struct Certification {
  std::string certId;           ///< UUID
  std::string tableFqn;         ///< catalog.schema.table
  std::string status;           ///< pending, certified, rejected, expired or revoked
  std::string certifier;        ///< who is asked to certify (or certified)
  std::string notes;            ///< the request's notes
  std::string expiryDate;       ///< as given (empty: none)
  std::string expiresAt;        ///< ISO-8601 UTC (empty: never, until certified with a cadence)
  std::string reviewFrequency;  ///< monthly, quarterly, semiannual, annual (empty: none)
  bool mirrorTag = false;       ///< mirror the status as the table's `certification` tag
  std::string requestedBy;      ///< who created it
  std::string requestedAt;      ///< when
  std::string reviewedBy;       ///< who approved or rejected it
  std::string reviewedAt;       ///< when
  std::string reviewerNotes;    ///< the reviewer's notes
  std::string certifiedAt;      ///< when it was certified
  std::string endedAt;          ///< when it was rejected, expired or revoked
  std::string endReason;        ///< why it was revoked (or rejected)
  std::string updatedAt;        ///< last transition
};

/// What a transition needs to know.
struct Transition {
  std::string to;      ///< the new status
  std::string action;  ///< create, approve, reject, expire, revoke
  std::string actor;   ///< who ("scheduler" for expiry)
  std::string notes;   ///< why
  std::string at;      ///< when, ISO-8601 UTC
};

/// Whether a certification in status `from` may move to `to`.
bool certificationMayMove(const std::string& from, const std::string& to);

/// The certifications and their transitions.
class CertificationStore {
 public:
  /// Uses the plugin's migrated store.
  explicit CertificationStore(Store& store) : store_(store) {}
  /// The tables' schema (versions 20 and 21).
  static std::vector<Migration> migrations();

  /// Inserts `c` (status pending or certified) and its first transition (from nothing);
  /// false, inserting nothing, when the table has a pending or certified one already.
  bool insert(const Certification& c, const Transition& created);
  /// One certification, or nullopt.
  [[nodiscard]] std::optional<Certification> find(const std::string& certId) const;
  /// Certifications, newest request first; filters are ignored when empty.
  [[nodiscard]] std::vector<Certification> list(const std::string& tableFqn,
                                                const std::string& status) const;
  /// The table's pending or certified certification (ASCII case of the name ignored).
  [[nodiscard]] std::optional<Certification> openFor(const std::string& tableFqn) const;
  /// Moves `c` (as read) to `t.to` when its status has not changed meanwhile, updating the
  /// row from `after`; appends the transition. False when someone moved it first.
  bool move(const Certification& before, const Certification& after, const Transition& t);
  /// Certified certifications whose expiry is at or before `nowIso`.
  [[nodiscard]] std::vector<Certification> dueToExpire(const std::string& nowIso) const;
  /// The transitions of one certification, oldest first: [{from_status, to_status, action,
  /// actor, notes, at}].
  [[nodiscard]] std::vector<Json> history(const std::string& certId) const;

 private:
  Store& store_;
};

/// The certification's JSON (without its history).
Json certificationJson(const Certification& c);

}  // namespace clxs::governance
