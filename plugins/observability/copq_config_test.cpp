#include "plugins/observability/copq_config.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "clxs/error.hpp"
#include "plugins/observability/anomaly_settings.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::observability {
namespace {

class CopqConfigTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(AnomalySettings::migrations()); }

  // The field a refused PUT names.
  std::string refusedField(const Json& body) {
    try {
      config_.put(body);
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 422);
      return e.detail()[0]["loc"][1].get<std::string>();
    }
    ADD_FAILURE() << body.dump() << " was accepted";
    return {};
  }

  clxs::testing::SqliteTestStore sqlite_;
  CopqConfig config_{sqlite_};
};

TEST_F(CopqConfigTest, DefaultsAreTheSpecsAndAPartialPutChangesOnlyWhatItNames) {
  EXPECT_EQ(config_.get(), (Json{{"hourly_engineer_cost", 75.0},
                                 {"per_rerun_cost", 25.0},
                                 {"sla_breach_penalty", 500.0},
                                 {"downstream_disruption_cost", 100.0},
                                 {"avg_responders_per_incident", 2.0},
                                 {"default_resolution_hours", 2.0}}));
  const auto after = config_.put({{"hourly_engineer_cost", 90}, {"default_resolution_hours", 0}});
  EXPECT_EQ(after["hourly_engineer_cost"], 90);
  EXPECT_EQ(after["default_resolution_hours"], 0);
  EXPECT_EQ(after["per_rerun_cost"], 25.0);
  config_.put({{"per_rerun_cost", 10.5}});
  const auto rates = config_.rates();
  EXPECT_EQ(rates.hourlyEngineerCost, 90.0) << "kept from the first PUT";
  EXPECT_EQ(rates.perRerunCost, 10.5);
  EXPECT_EQ(rates.defaultResolutionHours, 0.0);
  EXPECT_EQ(rates.slaBreachPenalty, 500.0);
  // The anomaly settings, in the same table, are not disturbed.
  EXPECT_EQ(AnomalySettings(sqlite_).get()["baseline_window"], 28);
}

TEST_F(CopqConfigTest, ARefusedPutNamesItsFieldAndChangesNothing) {
  EXPECT_EQ(refusedField({{"per_rerun_cost", 1}, {"hourly_rate", 3}}), "hourly_rate");
  EXPECT_EQ(refusedField({{"sla_breach_penalty", -1}}), "sla_breach_penalty");
  EXPECT_EQ(refusedField({{"per_rerun_cost", "25"}}), "per_rerun_cost");
  EXPECT_EQ(refusedField({{"per_rerun_cost", true}}), "per_rerun_cost");
  EXPECT_EQ(refusedField({{"per_rerun_cost", nullptr}}), "per_rerun_cost");
  EXPECT_EQ(
      refusedField({{"avg_responders_per_incident", std::numeric_limits<double>::infinity()}}),
      "avg_responders_per_incident");
  EXPECT_EQ(config_.get()["per_rerun_cost"], 25.0) << "nothing stored by a refused PUT";
  EXPECT_THROW(config_.put(Json::array()), HttpError);
}

}  // namespace
}  // namespace clxs::observability
