#include "plugins/governance/compliance_store.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::governance {
namespace {

class ComplianceStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(ComplianceStore::migrations()); }

  void assess(const std::string& id, const std::string& at, double score,
              std::vector<std::string> statuses) {
    StoredAssessment a;
    a.assessmentId = id;
    a.frameworkId = "gdpr";
    a.frameworkName = "GDPR";
    a.totalControls = static_cast<std::int64_t>(statuses.size());
    a.score = score;
    a.partialWeight = 0.2;
    a.assessedBy = "ana";
    a.assessedAt = at;
    std::vector<StoredEvidence> rows;
    int n = 0;
    for (const auto& s : statuses) {
      StoredEvidence e;
      e.evidenceId = id + "-" + std::to_string(n);
      e.assessmentId = id;
      e.frameworkId = "gdpr";
      e.controlId = "C" + std::to_string(n++);
      e.controlName = "control";
      e.evidenceType = "pii_audit";
      e.status = s;
      e.failing = Json::array({Json{{"object", "a.b.c"}, {"detail", "x"}}});
      e.collectedAt = at;
      rows.push_back(e);
    }
    store_.save(a, rows);
  }

  clxs::testing::SqliteTestStore sqlite_;
  ComplianceStore store_{sqlite_};
};

TEST_F(ComplianceStoreTest, EachAssessmentIsOneTrendPointWithItsEvidence) {
  EXPECT_FALSE(store_.latest("gdpr"));
  assess("a1", "2026-12-08T01:00:00.000Z", 0.5, {"met", "partial", "gap"});
  assess("a2", "2026-12-08T02:00:00.000Z", 0.75, {"met", "gap"});
  const auto latest = store_.latest("gdpr");
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->assessmentId, "a2");
  EXPECT_DOUBLE_EQ(latest->score, 0.75);

  const auto gaps = store_.evidence("a1", true);
  ASSERT_EQ(gaps.size(), 2u);
  EXPECT_EQ(gaps[0].status, "gap") << "gaps first";
  EXPECT_EQ(gaps[1].status, "partial");
  EXPECT_EQ(gaps[0].failing[0]["object"], "a.b.c");
  EXPECT_EQ(store_.evidence("a1", false).size(), 3u);

  const auto trend = store_.history("gdpr", 100);
  ASSERT_EQ(trend.size(), 2u);
  EXPECT_EQ(trend[0].assessmentId, "a1") << "oldest first";
  EXPECT_EQ(store_.history("gdpr", 1).at(0).assessmentId, "a2") << "the newest when limited";
  EXPECT_TRUE(store_.history("soc2", 10).empty());
}

TEST_F(ComplianceStoreTest, EvidenceAndAssessmentsAreImmutable) {
  assess("a1", "2026-12-08T01:00:00.000Z", 0.5, {"gap"});
  EXPECT_ANY_THROW(sqlite_.execute("UPDATE governance_compliance_evidence SET status = 'met'"));
  EXPECT_ANY_THROW(sqlite_.execute("DELETE FROM governance_compliance_evidence"));
  EXPECT_ANY_THROW(sqlite_.execute("UPDATE governance_compliance_assessments SET score = 1"));
  EXPECT_ANY_THROW(sqlite_.execute("DELETE FROM governance_compliance_assessments"));
  EXPECT_EQ(store_.evidence("a1", false).at(0).status, "gap");
}

}  // namespace
}  // namespace clxs::governance
