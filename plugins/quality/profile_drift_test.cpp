#include "plugins/quality/profile_drift.hpp"

#include <gtest/gtest.h>

namespace clxs::quality {
namespace {

Json column(const std::string& name, double nullPct, Json min, Json max,
            const std::string& type = "DOUBLE") {
  return Json{{"column_name", name},  {"data_type", type},    {"null_count", nullPct > 0 ? 1 : 0},
              {"null_pct", nullPct},  {"distinct_pct", 50.0}, {"min", std::move(min)},
              {"max", std::move(max)}};
}

StoredCheck check(const std::string& id, const std::string& function, Json arguments) {
  StoredCheck s;
  s.check.id = id;
  s.check.function = function;
  s.check.arguments = std::move(arguments);
  return s;
}

TEST(ProfileDrift, ReportsEachKindOfDriftWithTheChecksItCallsFor) {
  const Json baseline{{"row_count", 100},
                      {"columns", Json::array({column("amount", 0, 0.0, 100.0),
                                               column("email", 0, nullptr, nullptr),
                                               column("legacy", 0, 1.0, 2.0)})}};
  const Json current{{"row_count", 150},
                     {"columns", Json::array({column("amount", 0, -5.0, 100.0),
                                              column("email", 4, nullptr, nullptr),
                                              column("region", 0, nullptr, nullptr, "STRING")})}};
  const std::vector<StoredCheck> checks{
      check("c1", "is_in_range", Json{{"column", "amount"}, {"min_limit", 0}, {"max_limit", 100}}),
      check("c2", "is_not_null", Json{{"column", "email"}}),
      check("c3", "is_unique", Json{{"columns", Json::array({"legacy"})}})};
  const Json out = profileDrift(baseline, current, checks);

  std::vector<std::string> metrics;
  for (const auto& d : out["drift"]) {
    metrics.push_back((d["column"].is_null() ? "" : d["column"].get<std::string>()) + ":" +
                      d["metric"].get<std::string>());
  }
  EXPECT_EQ(metrics, (std::vector<std::string>{":row_count", "amount:min", "email:null_pct",
                                               "region:column_added", "legacy:column_removed"}));
  const Json& recs = out["recommendations"];
  ASSERT_EQ(recs.size(), 4U) << recs.dump(2);
  EXPECT_EQ(recs[0]["action"], "update");  // the range check widened to the new minimum
  EXPECT_EQ(recs[0]["check_id"], "c1");
  EXPECT_EQ(recs[0]["check"]["arguments"]["min_limit"], -5.0);
  EXPECT_EQ(recs[1]["action"], "update");  // nulls appeared under an error-level check
  EXPECT_EQ(recs[1]["check"]["criticality"], "warn");
  EXPECT_EQ(recs[2]["action"], "add");  // the new column has no NULLs
  EXPECT_EQ(recs[2]["check"]["function"], "is_not_null");
  EXPECT_EQ(recs[3]["action"], "remove");  // the check on the vanished column
  EXPECT_EQ(recs[3]["check_id"], "c3");
}

TEST(ProfileDrift, TheSameProfileHasNoDrift) {
  const Json p{{"row_count", 10}, {"columns", Json::array({column("a", 5, 1.0, 9.0)})}};
  const Json out = profileDrift(p, p, {});
  EXPECT_TRUE(out["drift"].empty());
  EXPECT_TRUE(out["recommendations"].empty());
}

}  // namespace
}  // namespace clxs::quality
