#include "plugins/governance/certification_service.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "clxs/object_name.hpp"
#include "clxs/sql.hpp"
#include "clxs/text.hpp"
#include "plugins/governance/governed_table.hpp"

namespace clxs::governance {
namespace {

// Days between reviews for each accepted review_frequency.
std::optional<int> certReviewDays(const std::string& frequency) {
  static const std::map<std::string, int> kDays{
      {"monthly", 30},      {"quarterly", 91}, {"semiannual", 182}, {"semi_annual", 182},
      {"semi-annual", 182}, {"annual", 365},   {"annually", 365},   {"yearly", 365}};
  const auto it = kDays.find(lowerAscii(frequency));
  if (it == kDays.end()) return std::nullopt;
  return it->second;
}

// An expiry date as the time it takes effect: a bare date at the start of that day (UTC).
std::optional<std::chrono::system_clock::time_point> certExpiryOf(const std::string& text) {
  if (text.size() == 10) return parseIsoUtc(text + "T00:00:00Z");
  return parseIsoUtc(text);
}

// Sets the table's `certification` tag to the status (values through the SDK's literal
// escaping: SET TAGS takes no parameters).
void certMirror(Workspace& ws, const Certification& c) {
  const auto name = ObjectName::parse(c.tableFqn);
  ws.sql().execute("ALTER TABLE " + name.quoted() + " SET TAGS (" + quoteLiteral("certification") +
                       " = " + quoteLiteral(c.status) + ")",
                   {}, {});
}

}  // namespace

CertificationService::CertificationService(
    const GovernanceDeps& deps, std::function<std::shared_ptr<Workspace>()> serverWorkspace)
    : deps_(deps), store_(*deps.store), serverWorkspace_(std::move(serverWorkspace)) {}

Certification CertificationService::create(Workspace& ws, const CertificationRequest& request,
                                           const std::string& actor) {
  std::string status = lowerAscii(request.status.empty() ? "pending" : request.status);
  // The original's statuses: a draft or a request for review starts pending.
  if (status == "draft" || status == "pending_review") status = "pending";
  if (status != "pending" && status != "certified") {
    throw unprocessable(Json::array({"body", "status"}),
                        "A certification starts pending (or certified by its creator); '" +
                            request.status +
                            "' is not a starting status: revoke a certification to withdraw it");
  }
  const auto now = deps_.clock->now();
  std::optional<std::chrono::system_clock::time_point> expires;
  if (!request.expiryDate.empty()) {
    expires = certExpiryOf(request.expiryDate);
    if (!expires) {
      throw unprocessable(Json::array({"body", "expiry_date"}),
                          "expiry_date must be a date (YYYY-MM-DD) or an ISO-8601 time, not '" +
                              request.expiryDate + "'");
    }
    if (*expires <= now) {
      throw unprocessable(Json::array({"body", "expiry_date"}),
                          "expiry_date " + request.expiryDate + " has passed already");
    }
  }
  if (!request.reviewFrequency.empty() && !certReviewDays(request.reviewFrequency)) {
    throw unprocessable(Json::array({"body", "review_frequency"}),
                        "review_frequency must be monthly, quarterly, semiannual or annual");
  }
  // The table must exist; its name is kept as the catalog spells it.
  const auto table = ws.catalog().table(ObjectName::parse(request.tableFqn), {});
  const std::string fqn = governedTableFqn(table);
  if (const auto open = store_.openFor(fqn)) {
    throw conflict("The table " + fqn + " has a " + open->status + " certification (" +
                   open->certId + "): review or revoke it before requesting another.");
  }
  Certification c;
  c.certId = newUuid();
  c.tableFqn = fqn;
  c.status = status;
  c.certifier = request.certifier;
  c.notes = request.notes;
  c.expiryDate = request.expiryDate;
  c.reviewFrequency = lowerAscii(request.reviewFrequency);
  c.mirrorTag = request.mirrorTag;
  c.requestedBy = actor;
  c.requestedAt = c.updatedAt = isoUtc(now);
  if (expires) c.expiresAt = isoUtc(*expires);
  if (status == "certified") {
    // Certified at creation: the creator is its reviewer.
    c.reviewedBy = actor;
    c.reviewedAt = c.certifiedAt = c.requestedAt;
    if (c.certifier.empty()) c.certifier = actor;
    if (!expires && !c.reviewFrequency.empty())
      c.expiresAt = isoUtc(now + std::chrono::days(*certReviewDays(c.reviewFrequency)));
  }
  if (c.mirrorTag) certMirror(ws, c);  // fails the request before anything is stored
  if (!store_.insert(c, {status, "create", actor, c.notes, c.requestedAt})) {
    throw conflict("The table " + fqn + " has a pending or certified certification already.");
  }
  deps_.history->record({"certification", c.certId, status == "certified" ? "certify" : "create",
                         actor, Json(), certificationJson(c), c.requestedAt});
  return c;
}

Certification CertificationService::moveOrConflict(const Certification& before, Certification after,
                                                   const Transition& t) {
  after.status = t.to;
  after.updatedAt = t.at;
  if (!store_.move(before, after, t)) {
    throw conflict("The certification " + before.certId +
                   " changed meanwhile; read it again before retrying.");
  }
  deps_.history->record({"certification", before.certId, t.action, t.actor,
                         certificationJson(before), certificationJson(after), t.at});
  return after;
}

Certification CertificationService::review(Workspace& ws, const std::string& certId, bool approve,
                                           const std::string& reviewerNotes,
                                           const std::string& actor) {
  const auto before = store_.find(certId);
  if (!before) throw notFound("Certification '" + certId + "' not found.");
  const std::string to = approve ? "certified" : "rejected";
  if (!certificationMayMove(before->status, to)) {
    throw conflict("The certification " + certId + " is " + before->status +
                   ": only a pending certification can be " + (approve ? "approved" : "rejected") +
                   ".");
  }
  const auto now = deps_.clock->now();
  const auto at = isoUtc(now);
  Certification after = *before;
  after.reviewedBy = actor;
  after.reviewedAt = at;
  after.reviewerNotes = reviewerNotes;
  if (approve) {
    if (!after.expiresAt.empty() && after.expiresAt <= at) {
      throw conflict("The certification " + certId + " would expire at " + after.expiresAt +
                     ", which has passed: reject it and request a new one.");
    }
    after.certifiedAt = at;
    if (after.certifier.empty()) after.certifier = actor;
    if (after.expiresAt.empty() && !after.reviewFrequency.empty()) {
      after.expiresAt = isoUtc(now + std::chrono::days(*certReviewDays(after.reviewFrequency)));
    }
  } else {
    after.endedAt = at;
    after.endReason = reviewerNotes;
  }
  Certification shown = after;
  shown.status = to;
  if (after.mirrorTag) certMirror(ws, shown);
  return moveOrConflict(*before, after,
                        {to, approve ? "approve" : "reject", actor, reviewerNotes, at});
}

Certification CertificationService::revoke(Workspace& ws, const std::string& certId,
                                           const std::string& reason, const std::string& actor) {
  const auto before = store_.find(certId);
  if (!before) throw notFound("Certification '" + certId + "' not found.");
  if (!certificationMayMove(before->status, "revoked")) {
    throw conflict("The certification " + certId + " is " + before->status +
                   ": only a certified certification can be revoked.");
  }
  const auto at = nowIso(*deps_.clock);
  Certification after = *before;
  after.endedAt = at;
  after.endReason = reason;
  Certification shown = after;
  shown.status = "revoked";
  if (after.mirrorTag) certMirror(ws, shown);
  return moveOrConflict(*before, after, {"revoked", "revoke", actor, reason, at});
}

int CertificationService::expireDue() {
  const auto at = nowIso(*deps_.clock);
  int expired = 0;
  std::shared_ptr<Workspace> ws;
  for (const auto& before : store_.dueToExpire(at)) {
    Certification after = before;
    after.endedAt = at;
    after.endReason = "expired at " + before.expiresAt;
    try {
      after =
          moveOrConflict(before, after, {"expired", "expire", "scheduler", after.endReason, at});
    } catch (const HttpError&) {
      continue;  // moved meanwhile (revoked by a user): nothing to expire
    }
    ++expired;
    if (!after.mirrorTag || !serverWorkspace_) continue;
    // The state is the record; a tag that cannot be updated is logged, not retried.
    try {
      if (!ws) ws = serverWorkspace_();
      certMirror(*ws, after);
    } catch (const std::exception& e) {
      if (deps_.log != nullptr)
        deps_.log->warn("certification tag of " + after.tableFqn + " not updated: " + e.what());
    }
  }
  return expired;
}

void CertificationService::startExpiry(Scheduler& scheduler) {
  std::weak_ptr<CertificationService> self = weak_from_this();
  scheduler.schedule(kExpirySchedule, ScheduleSpec{"", 60, "UTC"}, [self](const ScheduleFiring&) {
    if (auto s = self.lock()) s->expireDue();
  });
}

}  // namespace clxs::governance
