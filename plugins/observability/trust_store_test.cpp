#include "plugins/observability/trust_store.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::observability {
namespace {

Json storedScore(const std::string& table, const std::string& at, double score) {
  return {{"table_fqn", table},
          {"score", score},
          {"confidence", 0.9},
          {"grade", trustGrade(score)},
          {"dimensions", {{"dq", {{"score", score}, {"weight", 0.3}}}}},
          {"reasons", Json::array()},
          {"computed_at", at},
          {"config_hash", "h"}};
}

class TrustStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(TrustStore::migrations()); }
  clxs::testing::SqliteTestStore sqlite_;
  TrustStore store_{sqlite_};
};

TEST_F(TrustStoreTest, KeepsEveryScoreAndAnswersTheNewest) {
  EXPECT_FALSE(store_.latestOf("shop.sales.orders"));
  store_.save(storedScore("shop.sales.orders", "2026-12-07T01:00:00.000Z", 70));
  store_.save(storedScore("shop.sales.orders", "2026-12-07T02:00:00.000Z", 91));
  store_.save(storedScore("shop.hr.people", "2026-12-07T02:00:00.000Z", 40));
  store_.save(storedScore("other.hr.people", "2026-12-07T02:00:00.000Z", 40));
  EXPECT_EQ((*store_.latestOf("SHOP.sales.orders"))["score"], 91.0);
  const auto shop = store_.latestIn("shop", "");
  ASSERT_EQ(shop.size(), 2u);
  EXPECT_EQ(shop[0]["table_fqn"], "shop.hr.people");
  EXPECT_EQ(shop[1]["score"], 91.0);
  EXPECT_EQ(store_.latestIn("shop", "sales").size(), 1u);
  const auto history = store_.history("shop.sales.orders", 10);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["score"], 91.0);
  EXPECT_EQ(history[0]["grade"], "A");
  EXPECT_EQ(history[0]["dimensions"]["dq"], 91.0);
  EXPECT_EQ(history[1]["score"], 70.0);
  EXPECT_EQ(store_.history("shop.sales.orders", 1).size(), 1u);
}

TEST_F(TrustStoreTest, TheWeightsAreTheDefaultsUntilSet) {
  auto w = store_.weights();
  EXPECT_EQ(w.weights.dq, 0.30);
  EXPECT_TRUE(w.updatedBy.empty());
  TrustWeights changed;
  changed.dq = 0.4;
  changed.freshness = 0.15;
  store_.setWeights(changed, "me", "2026-12-07T01:00:00.000Z");
  w = store_.weights();
  EXPECT_EQ(w.weights.dq, 0.4);
  EXPECT_EQ(w.weights.freshness, 0.15);
  EXPECT_EQ(w.updatedBy, "me");
}

}  // namespace
}  // namespace clxs::observability
