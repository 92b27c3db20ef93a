#include "plugins/governance/certification_store.hpp"

#include <utility>

#include "clxs/text.hpp"

namespace clxs::governance {
namespace {

constexpr const char* kCertColumns =
    "cert_id, table_fqn, status, certifier, notes, expiry_date, expires_at, review_frequency, "
    "mirror_tag, requested_by, requested_at, reviewed_by, reviewed_at, reviewer_notes, "
    "certified_at, ended_at, end_reason, updated_at";

std::string certText(const Json& row, const char* column) {
  const auto it = row.find(column);
  return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Empty texts are stored and answered as null: "not yet" rather than "blank".
Json certOrNull(const std::string& s) {
  return s.empty() ? Json() : Json(s);
}

Certification certFromRow(const Json& r) {
  Certification c;
  c.certId = certText(r, "cert_id");
  c.tableFqn = certText(r, "table_fqn");
  c.status = certText(r, "status");
  c.certifier = certText(r, "certifier");
  c.notes = certText(r, "notes");
  c.expiryDate = certText(r, "expiry_date");
  c.expiresAt = certText(r, "expires_at");
  c.reviewFrequency = certText(r, "review_frequency");
  c.mirrorTag = r.value("mirror_tag", 0) != 0;
  c.requestedBy = certText(r, "requested_by");
  c.requestedAt = certText(r, "requested_at");
  c.reviewedBy = certText(r, "reviewed_by");
  c.reviewedAt = certText(r, "reviewed_at");
  c.reviewerNotes = certText(r, "reviewer_notes");
  c.certifiedAt = certText(r, "certified_at");
  c.endedAt = certText(r, "ended_at");
  c.endReason = certText(r, "end_reason");
  c.updatedAt = certText(r, "updated_at");
  return c;
}

}  // namespace

bool certificationMayMove(const std::string& from, const std::string& to) {
  if (from == "pending") return to == "certified" || to == "rejected";
  if (from == "certified") return to == "expired" || to == "revoked";
  return false;  // rejected, expired and revoked are final
}

std::vector<Migration> CertificationStore::migrations() {
  return {{20,
           "CREATE TABLE governance_certifications (cert_id TEXT PRIMARY KEY, table_fqn TEXT NOT "
           "NULL, status TEXT NOT NULL, certifier TEXT, notes TEXT, expiry_date TEXT, expires_at "
           "TEXT, review_frequency TEXT, mirror_tag INTEGER NOT NULL DEFAULT 0, requested_by TEXT "
           "NOT NULL, requested_at TEXT NOT NULL, reviewed_by TEXT, reviewed_at TEXT, "
           "reviewer_notes TEXT, certified_at TEXT, ended_at TEXT, end_reason TEXT, updated_at "
           "TEXT NOT NULL);"
           "CREATE INDEX governance_certifications_table ON governance_certifications "
           "(lower(table_fqn), status);"
           // At most one open certification per table, even for two requests at once.
           "CREATE UNIQUE INDEX governance_certifications_open ON governance_certifications "
           "(lower(table_fqn)) WHERE status IN ('pending', 'certified');"
           "CREATE INDEX governance_certifications_expiry ON governance_certifications "
           "(status, expires_at);"},
          {21,
           "CREATE TABLE governance_certification_events (event_id INTEGER PRIMARY KEY "
           "AUTOINCREMENT, cert_id TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, "
           "action TEXT NOT NULL, actor TEXT NOT NULL, notes TEXT, at TEXT NOT NULL);"
           "CREATE INDEX governance_certification_events_cert ON governance_certification_events "
           "(cert_id, event_id);"}};
}

bool CertificationStore::insert(const Certification& c, const Transition& created) {
  if (openFor(c.tableFqn)) return false;
  try {
    store_.execute(
        std::string("INSERT INTO governance_certifications (") + kCertColumns +
            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {c.certId, c.tableFqn, c.status, certOrNull(c.certifier), certOrNull(c.notes),
         certOrNull(c.expiryDate), certOrNull(c.expiresAt), certOrNull(c.reviewFrequency),
         c.mirrorTag ? 1 : 0, c.requestedBy, c.requestedAt, certOrNull(c.reviewedBy),
         certOrNull(c.reviewedAt), certOrNull(c.reviewerNotes), certOrNull(c.certifiedAt),
         certOrNull(c.endedAt), certOrNull(c.endReason), c.updatedAt});
  } catch (const StoreError&) {
    if (openFor(c.tableFqn)) return false;  // another request for the table came first
    throw;
  }
  store_.execute(
      "INSERT INTO governance_certification_events (cert_id, from_status, to_status, action, "
      "actor, notes, at) VALUES (?, NULL, ?, ?, ?, ?, ?)",
      {c.certId, created.to, created.action, created.actor, certOrNull(created.notes), created.at});
  return true;
}

std::optional<Certification> CertificationStore::find(const std::string& certId) const {
  const auto rows = store_.query(
      std::string("SELECT ") + kCertColumns + " FROM governance_certifications WHERE cert_id = ?",
      {certId});
  if (rows.empty()) return std::nullopt;
  return certFromRow(rows[0]);
}

std::vector<Certification> CertificationStore::list(const std::string& tableFqn,
                                                    const std::string& status) const {
  std::string sql =
      std::string("SELECT ") + kCertColumns + " FROM governance_certifications WHERE 1 = 1";
  std::vector<Json> params;
  if (!tableFqn.empty()) {
    sql += " AND lower(table_fqn) = ?";
    params.emplace_back(lowerAscii(tableFqn));
  }
  if (!status.empty()) {
    sql += " AND status = ?";
    params.emplace_back(status);
  }
  sql += " ORDER BY requested_at DESC, rowid DESC";
  std::vector<Certification> out;
  for (const auto& r : store_.query(sql, params)) out.push_back(certFromRow(r));
  return out;
}

std::optional<Certification> CertificationStore::openFor(const std::string& tableFqn) const {
  const auto rows =
      store_.query(std::string("SELECT ") + kCertColumns +
                       " FROM governance_certifications WHERE lower(table_fqn) = ? AND status IN "
                       "('pending', 'certified') ORDER BY requested_at DESC LIMIT 1",
                   {lowerAscii(tableFqn)});
  if (rows.empty()) return std::nullopt;
  return certFromRow(rows[0]);
}

bool CertificationStore::move(const Certification& before, const Certification& after,
                              const Transition& t) {
  // The status in the WHERE clause makes a concurrent second transition lose cleanly.
  const auto changed = store_.execute(
      "UPDATE governance_certifications SET status = ?, certifier = ?, expires_at = ?, "
      "reviewed_by = ?, reviewed_at = ?, reviewer_notes = ?, certified_at = ?, ended_at = ?, "
      "end_reason = ?, updated_at = ? WHERE cert_id = ? AND status = ?",
      {t.to, certOrNull(after.certifier), certOrNull(after.expiresAt), certOrNull(after.reviewedBy),
       certOrNull(after.reviewedAt), certOrNull(after.reviewerNotes), certOrNull(after.certifiedAt),
       certOrNull(after.endedAt), certOrNull(after.endReason), t.at, before.certId, before.status});
  if (changed == 0) return false;
  store_.execute(
      "INSERT INTO governance_certification_events (cert_id, from_status, to_status, action, "
      "actor, notes, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {before.certId, before.status, t.to, t.action, t.actor, certOrNull(t.notes), t.at});
  return true;
}

std::vector<Certification> CertificationStore::dueToExpire(const std::string& nowIso) const {
  std::vector<Certification> out;
  for (const auto& r : store_.query(std::string("SELECT ") + kCertColumns +
                                        " FROM governance_certifications WHERE status = "
                                        "'certified' AND expires_at IS NOT NULL AND expires_at "
                                        "<= ? ORDER BY expires_at",
                                    {nowIso})) {
    out.push_back(certFromRow(r));
  }
  return out;
}

std::vector<Json> CertificationStore::history(const std::string& certId) const {
  std::vector<Json> out;
  for (const auto& r :
       store_.query("SELECT from_status, to_status, action, actor, notes, at FROM "
                    "governance_certification_events WHERE cert_id = ? ORDER BY event_id",
                    {certId})) {
    out.push_back(Json{{"from_status", r["from_status"]},
                       {"to_status", r["to_status"]},
                       {"action", r["action"]},
                       {"actor", r["actor"]},
                       {"notes", r["notes"]},
                       {"at", r["at"]}});
  }
  return out;
}

Json certificationJson(const Certification& c) {
  return Json{{"cert_id", c.certId},
              {"table_fqn", c.tableFqn},
              {"status", c.status},
              {"certifier", certOrNull(c.certifier)},
              {"notes", certOrNull(c.notes)},
              {"expiry_date", certOrNull(c.expiryDate)},
              {"expires_at", certOrNull(c.expiresAt)},
              {"review_frequency", certOrNull(c.reviewFrequency)},
              {"mirror_tag", c.mirrorTag},
              {"requested_by", c.requestedBy},
              {"requested_at", c.requestedAt},
              {"reviewed_by", certOrNull(c.reviewedBy)},
              {"reviewed_at", certOrNull(c.reviewedAt)},
              {"reviewer_notes", certOrNull(c.reviewerNotes)},
              {"certified_at", certOrNull(c.certifiedAt)},
              {"ended_at", certOrNull(c.endedAt)},
              {"end_reason", certOrNull(c.endReason)},
              {"updated_at", c.updatedAt}};
}

}  // namespace clxs::governance
