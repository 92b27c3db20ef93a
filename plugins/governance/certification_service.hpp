// Certifications as a state machine: pending → certified or rejected; certified → expired (the
// scheduler, at the expiry) or revoked. Every transition is kept (CertificationStore), recorded
// in the change history with who made it, and, when asked at creation, mirrored as the table's
// Unity Catalog tag `certification` = the status.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "clxs/workspace.hpp"
#include "plugins/governance/certification_store.hpp"
#include "plugins/governance/governance_deps.hpp"

namespace clxs::governance {

/// A request to certify a table.
struct CertificationRequest {
  std::string tableFqn;         ///< catalog.schema.table (must exist)
  std::string certifier;        ///< who is asked to certify it
  std::string expiryDate;       ///< YYYY-MM-DD or ISO-8601 (empty: none)
  std::string notes;            ///< free text
  std::string status;           ///< pending (default) or certified (the creator certifies)
  std::string reviewFrequency;  ///< monthly, quarterly, semiannual or annual (empty: none)
  bool mirrorTag = false;       ///< mirror the status as the table's `certification` tag
};

/// The certifications' rules and their expiry job.
class CertificationService : public std::enable_shared_from_this<CertificationService> {
 public:
  /// Uses `deps` (store, history, clock; log when set); `serverWorkspace` opens the server's
  /// own workspace for the scheduler's tag updates (null: expiry leaves tags alone).
  CertificationService(const GovernanceDeps& deps,
                       std::function<std::shared_ptr<Workspace>()> serverWorkspace);

  /// The schedule that expires certifications, every minute.
  static constexpr const char* kExpirySchedule = "governance:certification-expiry";

  /// Creates a certification of a table of `ws` as `actor`. 404 for an unknown table, 409
  /// when the table has a pending or certified one, 422 for a bad status, expiry date or
  /// frequency.
  Certification create(Workspace& ws, const CertificationRequest& request,
                       const std::string& actor);
  /// Approves (certified) or rejects a pending certification. 404 unknown, 409 when it is not
  /// pending or its expiry has passed.
  Certification review(Workspace& ws, const std::string& certId, bool approve,
                       const std::string& reviewerNotes, const std::string& actor);
  /// Revokes a certified certification. 404 unknown, 409 when it is not certified.
  Certification revoke(Workspace& ws, const std::string& certId, const std::string& reason,
                       const std::string& actor);
  /// Expires every certified certification whose expiry has come; answers how many.
  int expireDue();
  /// Puts expireDue() on the plugin's scheduler.
  void startExpiry(Scheduler& scheduler);

  /// The store (reads).
  [[nodiscard]] const CertificationStore& store() const { return store_; }

 private:
  Certification moveOrConflict(const Certification& before, Certification after,
                               const Transition& t);

  GovernanceDeps deps_;
  CertificationStore store_;
  std::function<std::shared_ptr<Workspace>()> serverWorkspace_;
};

}  // namespace clxs::governance
