// The approval life of a glossary term: draft -> in_review -> approved -> deprecated, with the
// ways back a steward needs (a review sends a term back to draft; a deprecated term can be
// revived as a draft). Every other move is refused, so "approved" always means reviewed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clxs::governance {

/// Where a term stands.
enum class TermStatus { Draft, InReview, Approved, Deprecated };

/// "draft", "in_review", "approved", "deprecated".
std::string termStatusName(TermStatus status);
/// The status named `name` (any case; "in-review" and "in review" too), or nullopt.
std::optional<TermStatus> parseTermStatus(std::string_view name);
/// Every status name, in life order.
std::vector<std::string> termStatusNames();
/// The statuses a term in `from` may move to (staying put is always allowed).
std::vector<TermStatus> nextTermStatuses(TermStatus from);
/// Whether a term in `from` may move to `to`.
bool canMoveTerm(TermStatus from, TermStatus to);
/// Whether a new term may start in `status` (draft or in_review: approval needs a review).
bool canCreateTermAs(TermStatus status);

}  // namespace clxs::governance
