#include "plugins/observability/check_evidence_store.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::observability {
namespace {

events::CheckResult checkResult(const std::string& table, const std::string& check, bool passed,
                                const std::string& at) {
  return {"dqx", table, check, "name " + check, "error", passed, passed ? 0 : 5, 10,
          "run", "me",  at};
}

class CheckEvidenceStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(CheckEvidenceStore::migrations()); }
  clxs::testing::SqliteTestStore sqlite_;
  CheckEvidenceStore store_{sqlite_};
};

TEST_F(CheckEvidenceStoreTest, KeepsTheNewestResultOfEachCheck) {
  store_.record(checkResult("shop.sales.orders", "a", false, "2026-12-07T02:00:00.000Z"));
  store_.record(checkResult("shop.sales.orders", "a", true, "2026-12-07T01:00:00.000Z"));
  store_.record(checkResult("Shop.Sales.Orders", "b", true, "2026-12-07T03:00:00.000Z"));
  const auto latest = store_.latestOf("SHOP.sales.orders");
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].checkId, "a");
  EXPECT_FALSE(latest[0].passed) << "an older result arriving late does not replace it";
  EXPECT_EQ(latest[0].failedRows, 5);
  EXPECT_EQ(latest[0].inputRows, 10);
  EXPECT_EQ(latest[0].criticality, "error");
  store_.record(checkResult("shop.sales.orders", "a", true, "2026-12-07T04:00:00.000Z"));
  EXPECT_TRUE(store_.latestOf("shop.sales.orders")[0].passed);
}

TEST_F(CheckEvidenceStoreTest, ReadsACatalogOrASchemaByTable) {
  store_.record(checkResult("shop.sales.orders", "a", true, "2026-12-07T01:00:00.000Z"));
  store_.record(checkResult("shop.hr.people", "b", true, "2026-12-07T01:00:00.000Z"));
  store_.record(checkResult("shopx.hr.people", "c", true, "2026-12-07T01:00:00.000Z"));
  const auto all = store_.latestIn("SHOP", "");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all.at("shop.hr.people")[0].checkId, "b");
  const auto hr = store_.latestIn("shop", "HR");
  ASSERT_EQ(hr.size(), 1u);
  EXPECT_TRUE(hr.count("shop.hr.people"));
}

}  // namespace
}  // namespace clxs::observability
