#include "plugins/governance/term_status.hpp"

#include <algorithm>

#include "clxs/text.hpp"

namespace clxs::governance {

std::string termStatusName(TermStatus status) {
  switch (status) {
    case TermStatus::Draft:
      return "draft";
    case TermStatus::InReview:
      return "in_review";
    case TermStatus::Approved:
      return "approved";
    case TermStatus::Deprecated:
      return "deprecated";
  }
  return "draft";
}

std::optional<TermStatus> parseTermStatus(std::string_view name) {
  auto n = lowerAscii(name);
  std::replace(n.begin(), n.end(), '-', '_');
  std::replace(n.begin(), n.end(), ' ', '_');
  for (const auto s :
       {TermStatus::Draft, TermStatus::InReview, TermStatus::Approved, TermStatus::Deprecated}) {
    if (termStatusName(s) == n) return s;
  }
  return std::nullopt;
}

std::vector<std::string> termStatusNames() {
  return {"draft", "in_review", "approved", "deprecated"};
}

std::vector<TermStatus> nextTermStatuses(TermStatus from) {
  switch (from) {
    case TermStatus::Draft:
      return {TermStatus::InReview, TermStatus::Deprecated};
    case TermStatus::InReview:
      return {TermStatus::Approved, TermStatus::Draft, TermStatus::Deprecated};
    case TermStatus::Approved:
      return {TermStatus::Deprecated};
    case TermStatus::Deprecated:
      return {TermStatus::Draft};
  }
  return {};
}

bool canMoveTerm(TermStatus from, TermStatus to) {
  if (from == to) return true;
  const auto next = nextTermStatuses(from);
  return std::find(next.begin(), next.end(), to) != next.end();
}

bool canCreateTermAs(TermStatus status) {
  return status == TermStatus::Draft || status == TermStatus::InReview;
}

}  // namespace clxs::governance
