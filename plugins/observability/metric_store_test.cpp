#include "plugins/observability/metric_store.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"
#include "plugins/observability/anomaly_detector.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::observability {
namespace {

class MetricStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto all = MetricStore::migrations();
    for (auto& m : AnomalySettings::migrations()) all.push_back(std::move(m));
    for (auto& m : IncidentStore::migrations()) all.push_back(std::move(m));
    sqlite_.migrate(all);
  }
  Json record(const std::string& fqn, double value, const std::string& metric = "row_count") {
    return detector_.record({fqn, "*", metric, value, "2026-12-07T00:00:00.000Z", "me", "api"});
  }
  clxs::testing::SqliteTestStore sqlite_;
  std::shared_ptr<MetricStore> metrics_ = std::make_shared<MetricStore>(sqlite_);
  std::shared_ptr<AnomalySettings> settings_ = std::make_shared<AnomalySettings>(sqlite_);
  std::shared_ptr<IncidentStore> incidents_ = std::make_shared<IncidentStore>(sqlite_);
  AnomalyDetector detector_{metrics_, settings_, incidents_};
};

TEST_F(MetricStoreTest, AnAnomalyIsItsOwnRowAndStaysOutOfLaterBaselines) {
  for (int day = 0; day < 30; ++day) EXPECT_FALSE(record("c.s.t", 1000)["is_anomaly"]);
  const auto drop = record("c.s.t", 0);
  EXPECT_EQ(drop["is_anomaly"], true);
  EXPECT_EQ(drop["severity"], "critical");
  EXPECT_EQ(drop["direction"], "down");
  EXPECT_EQ(drop["baseline_points"], 28) << "the default window";
  EXPECT_TRUE(drop["anomaly_id"].is_string());
  // The zero is not part of the next baseline, so a second zero alarms again.
  EXPECT_EQ(record("c.s.t", 0)["severity"], "critical");
  EXPECT_EQ(metrics_->anomalies(10, "").size(), 2u);
  EXPECT_EQ(metrics_->anomalies(10, "warning").size(), 0u);
  EXPECT_EQ(metrics_->anomalies(10, "critical")[0]["status"], "open");
  // Both zeros are one incident of the series, seen twice; a normal value resolves it.
  auto open = incidents_->list(10, "open", "anomaly");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["occurrences"], 2);
  EXPECT_EQ(open[0]["severity"], "critical");
  EXPECT_EQ(open[0]["source_ref"], "*:row_count");
  EXPECT_EQ(drop["incident_id"], open[0]["id"]);
  record("c.s.t", 1000);
  EXPECT_TRUE(incidents_->list(10, "open", "").empty());
  EXPECT_EQ(incidents_->list(10, "resolved", "")[0]["resolution_reason"],
            "passed: row_count of c.s.t back to 1000 (expected 980 to 1020)");
  // Other series and other tables have their own baselines.
  EXPECT_EQ(record("c.s.t", 5, "null_pct")["insufficient_history"], true);
  EXPECT_EQ(record("C.S.T", 1000)["baseline_points"], 28) << "table names match in any case";
  EXPECT_EQ(metrics_->series("c.s.t", "null_pct", 10).size(), 1u);
  EXPECT_EQ(metrics_->series("c.s.t", "", 100).size(), 35u)
      << "30 + two zeros + 1000 + null_pct + 1000";
  EXPECT_EQ(metrics_->recent(3).size(), 3u);
  EXPECT_EQ(metrics_->recent(3)[0]["value"], 1000.0);
}

TEST_F(MetricStoreTest, SettingsChangeTheVerdictAtOnceAndRefuseCrossedThresholds) {
  for (int day = 0; day < 10; ++day) record("c.s.t", 100);
  EXPECT_EQ(record("c.s.t", 103)["severity"], "critical") << "3 scales of 1 away";
  settings_->put({{"warning_threshold", 4}, {"critical_threshold", 6}});
  EXPECT_EQ(record("c.s.t", 103)["is_anomaly"], false);
  EXPECT_EQ(record("c.s.t", 105)["severity"], "warning");
  EXPECT_THROW(settings_->put({{"critical_threshold", 3}}), HttpError);
  EXPECT_EQ(settings_->get()["critical_threshold"], 6);
  settings_->put({{"system_table_sources", {{"billing", true}}}});
  EXPECT_EQ(settings_->get()["system_table_sources"]["billing"], true);
  EXPECT_EQ(settings_->get()["system_table_sources"]["compute"], false);
}

}  // namespace
}  // namespace clxs::observability
