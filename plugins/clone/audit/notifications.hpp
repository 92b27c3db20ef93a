// Notifications about finished runs, derived from the audit rows: one item per run, newest
// first, with an unread count against a read marker.
//
// "Unread" means: finished strictly after the read marker. The marker is the `since` query
// parameter when given; otherwise the server-wide marker that a GET with mark_read=true moves
// to the newest run it reported. The marker is shared by every client of the server (the
// local workspace has no per-user identity); a client that wants its own keeps the newest
// `timestamp` it has seen and passes it as `since`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "clxs/json.hpp"
#include "clxs/store.hpp"
#include "plugins/clone/audit/audit_runs.hpp"

namespace clxs::clone::audit {

/// A timestamp from a request in the form the audit rows use (YYYY-MM-DDTHH:MM:SS.mmmZ), so it
/// compares as text. Accepts a date, a time without seconds or fraction, and `Z` or `+00:00`;
/// nullopt for anything else (other offsets included).
std::optional<std::string> normaliseUtc(std::string_view text);

/// One notification item for a run.
Json notificationItem(const AuditRun& run, bool unread);

/// GET /api/notifications: {unread_count, unread_since, items}. `since` (normalised) replaces
/// the stored marker; `markRead` then moves the stored marker to the newest run.
Json notifications(Store& store, int limit, const std::optional<std::string>& since, bool markRead);

}  // namespace clxs::clone::audit
