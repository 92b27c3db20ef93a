#include "plugins/governance/term_status.hpp"

#include <gtest/gtest.h>

namespace clxs::governance {
namespace {

TEST(GlossaryTermStatus, FollowsTheReviewPathOnly) {
  EXPECT_TRUE(canMoveTerm(TermStatus::Draft, TermStatus::InReview));
  EXPECT_TRUE(canMoveTerm(TermStatus::InReview, TermStatus::Approved));
  EXPECT_TRUE(canMoveTerm(TermStatus::InReview, TermStatus::Draft));
  EXPECT_TRUE(canMoveTerm(TermStatus::Approved, TermStatus::Deprecated));
  EXPECT_TRUE(canMoveTerm(TermStatus::Deprecated, TermStatus::Draft));
  EXPECT_TRUE(canMoveTerm(TermStatus::Approved, TermStatus::Approved));
  // Approval without a review, or back from approved, is refused.
  EXPECT_FALSE(canMoveTerm(TermStatus::Draft, TermStatus::Approved));
  EXPECT_FALSE(canMoveTerm(TermStatus::Approved, TermStatus::Draft));
  EXPECT_FALSE(canMoveTerm(TermStatus::Approved, TermStatus::InReview));
  EXPECT_FALSE(canMoveTerm(TermStatus::Deprecated, TermStatus::Approved));
}

TEST(GlossaryTermStatus, NewTermsStartUnapproved) {
  EXPECT_TRUE(canCreateTermAs(TermStatus::Draft));
  EXPECT_TRUE(canCreateTermAs(TermStatus::InReview));
  EXPECT_FALSE(canCreateTermAs(TermStatus::Approved));
  EXPECT_FALSE(canCreateTermAs(TermStatus::Deprecated));
}

TEST(GlossaryTermStatus, ParsesNamesInAnySpelling) {
  EXPECT_EQ(parseTermStatus("In-Review"), TermStatus::InReview);
  EXPECT_EQ(parseTermStatus("in review"), TermStatus::InReview);
  EXPECT_EQ(parseTermStatus("APPROVED"), TermStatus::Approved);
  EXPECT_EQ(parseTermStatus("certified"), std::nullopt);
  for (const auto& n : termStatusNames()) EXPECT_EQ(termStatusName(*parseTermStatus(n)), n);
}

}  // namespace
}  // namespace clxs::governance
