#include "plugins/observability/volume_store.hpp"

#include <gtest/gtest.h>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::observability {
namespace {

VolumeSample sample(const std::string& fqn, std::int64_t rows, const std::string& at) {
  return {fqn, fqn.substr(0, fqn.find('.')), rows, std::nullopt, "delta_statistics", at, "me"};
}

class VolumeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(VolumeStore::migrations()); }
  clxs::testing::SqliteTestStore sqlite_;
  VolumeStore store_{sqlite_};
};

TEST_F(VolumeStoreTest, TheNewestSampleOfEachTableWhateverItsCase) {
  store_.record({sample("shop.s.a", 1, "2026-12-01T00:00:00.000Z"),
                 sample("shop.s.b", 2, "2026-12-01T00:00:00.000Z"),
                 sample("other.s.a", 9, "2026-12-01T00:00:00.000Z")});
  store_.record({sample("Shop.S.A", 5, "2026-12-02T00:00:00.000Z")});
  const auto latest = store_.latest("SHOP");
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].rowCount, 5);
  EXPECT_EQ(latest[0].measuredAt, "2026-12-02T00:00:00.000Z");
  EXPECT_EQ(latest[1].tableFqn, "shop.s.b");
  EXPECT_EQ(latest[1].measuredBy, "me");
  EXPECT_FALSE(latest[1].sizeBytes);
}

TEST_F(VolumeStoreTest, SamplesSinceATimeOldestFirstAcrossManyStatements) {
  std::vector<VolumeSample> many;
  for (int i = 0; i < 1200; ++i)
    many.push_back(sample("shop.s.t" + std::to_string(i), i, "2026-12-03T00:00:00.000Z"));
  many[7].sizeBytes = 4096;
  store_.record(many);
  store_.record({sample("shop.s.t0", 1, "2026-11-01T00:00:00.000Z")});
  const auto since = store_.since("shop", "2026-12-01T00:00:00.000Z");
  ASSERT_EQ(since.size(), 1200u);
  EXPECT_EQ(since[1199].rowCount, 1199);
  EXPECT_EQ(since[7].sizeBytes, 4096);
  EXPECT_EQ(store_.since("shop", "2026-10-01T00:00:00.000Z").front().measuredAt,
            "2026-11-01T00:00:00.000Z");
  EXPECT_TRUE(store_.since("nowhere", "2026-10-01T00:00:00.000Z").empty());
}

}  // namespace
}  // namespace clxs::observability
