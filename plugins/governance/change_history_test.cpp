#include "plugins/governance/change_history.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::governance {
namespace {

class ChangeHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(ChangeHistory::migrations()); }
  clxs::testing::SqliteTestStore sqlite_;
  ChangeHistory history_{sqlite_};
};

TEST_F(ChangeHistoryTest, KeepsWhoChangedWhatFromWhatNewestFirst) {
  const auto first = history_.record({"glossary_term", "t1", "create", "ana@example.com", nullptr,
                                      Json{{"name", "Customer"}}, "2026-12-08T01:00:00.000Z"});
  const auto second = history_.record({"glossary_term", "t1", "update", "bo@example.com",
                                       Json{{"name", "Customer"}}, Json{{"name", "Client"}},
                                       "2026-12-08T02:00:00.000Z"});
  EXPECT_LT(first, second);
  history_.record({"certification", "c1", "approve", "ana@example.com", Json{{"status", "pending"}},
                   Json{{"status", "certified"}}, "2026-12-08T03:00:00.000Z"});

  const auto all = history_.list({});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]["entity_type"], "certification");
  EXPECT_EQ(all[2]["before"], Json());
  EXPECT_EQ(all[2]["after"]["name"], "Customer");

  const auto term = history_.list({.entityType = "glossary_term", .entityId = "t1"});
  ASSERT_EQ(term.size(), 2u);
  EXPECT_EQ(term[0]["changed_by"], "bo@example.com");
  EXPECT_EQ(term[0]["before"]["name"], "Customer");
  EXPECT_EQ(term[0]["after"]["name"], "Client");

  EXPECT_EQ(history_.list({.actor = "ana@example.com"}).size(), 2u);
  EXPECT_EQ(history_.list({.since = "2026-12-08T02:00:00.000Z"}).size(), 2u);
  EXPECT_EQ(history_.list({.limit = 1}).size(), 1u);
}

}  // namespace
}  // namespace clxs::governance
