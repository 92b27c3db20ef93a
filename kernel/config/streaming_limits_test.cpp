#include "kernel/config/streaming_limits.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "clxs/error.hpp"
#include "kernel/config/config_test_support.hpp"

namespace clxs::kernel {
namespace {

namespace fs = std::filesystem;
using testing::readText;
using testing::TempDir;
using testing::writeText;

const Json kSpecDefaults = Json::parse(R"({
  "events_per_batch": {"default": 100, "min": 1, "max": 10000},
  "interval_seconds": {"default": 5, "min": 0.1, "max": 300},
  "total_duration_seconds": {"default": 60, "min": 1, "max": 3600}})");

class StreamingLimitsTest : public ::testing::Test {
 protected:
  TempDir tmp_;
  fs::path file_ = tmp_.path() / "streaming_limits.json";
  StreamingLimits limits_{file_};
};

TEST_F(StreamingLimitsTest, DefaultsMatchTheSpecWhenNoFileExists) {
  EXPECT_EQ(StreamingLimits::defaults(), kSpecDefaults);
  EXPECT_EQ(limits_.current(), kSpecDefaults);
  EXPECT_FALSE(fs::exists(file_));
}

TEST_F(StreamingLimitsTest, PartialUpdatesMergeAndPersist) {
  const Json out = limits_.update(Json::parse(
      R"({"events_per_batch": {"max": 50000}, "total_duration_seconds": {"default": 120},
          "unknown": {"max": 1}})"));
  Json expected = kSpecDefaults;
  expected["events_per_batch"]["max"] = 50000;
  expected["total_duration_seconds"]["default"] = 120;
  EXPECT_EQ(out, expected);
  EXPECT_EQ(limits_.current(), expected);
  EXPECT_EQ(Json::parse(readText(file_)), expected);
  StreamingLimits reopened(file_);
  EXPECT_EQ(reopened.current(), expected);
}

TEST_F(StreamingLimitsTest, InvariantViolationsAreRejectedAndTheFileIsUntouched) {
  (void)limits_.update(Json::parse(R"({"interval_seconds": {"default": 10}})"));
  const std::string before = readText(file_);
  const Json bad[] = {
      Json::parse(R"({"events_per_batch": {"default": 20000}})"),
      Json::parse(R"({"events_per_batch": {"min": 200, "default": 100}})"),
      Json::parse(R"({"interval_seconds": {"max": 1}})"),
      Json::parse(R"({"interval_seconds": {"min": 0}})"),
      Json::parse(R"({"total_duration_seconds": {"max": 10.5}})"),
      Json::parse(R"({"total_duration_seconds": {"max": "big"}})"),
      Json::parse(R"({"total_duration_seconds": 5})"),
  };
  for (const auto& body : bad) {
    try {
      (void)limits_.update(body);
      ADD_FAILURE() << "accepted " << body.dump();
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 400) << body.dump();
    }
    EXPECT_EQ(readText(file_), before) << body.dump();
  }
  try {
    (void)limits_.update(Json::parse(R"({"events_per_batch": {"min": 200, "default": 100}})"));
  } catch (const HttpError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("events_per_batch"), std::string::npos) << m;
    EXPECT_NE(m.find("min <= default <= max"), std::string::npos) << m;
  }
}

TEST_F(StreamingLimitsTest, ARejectedFirstUpdateCreatesNoFile) {
  EXPECT_THROW((void)limits_.update(Json::parse(R"({"events_per_batch": {"max": 0}})")), HttpError);
  EXPECT_FALSE(fs::exists(file_));
}

TEST_F(StreamingLimitsTest, OutsideEditsAreSeenAtOnce) {
  EXPECT_EQ(limits_.current(), kSpecDefaults);
  writeText(file_, R"({"events_per_batch": {"default": 7, "min": 2, "max": 9}})");
  const Json now = limits_.current();
  EXPECT_EQ(now["events_per_batch"], Json::parse(R"({"default": 7, "min": 2, "max": 9})"));
  EXPECT_EQ(now["interval_seconds"], kSpecDefaults["interval_seconds"]);
}

TEST_F(StreamingLimitsTest, ADamagedFileFallsBackToDefaults) {
  writeText(file_, "{not json");
  EXPECT_EQ(limits_.current(), kSpecDefaults);
  const Json out = limits_.update(Json::parse(R"({"events_per_batch": {"max": 500}})"));
  EXPECT_EQ(out["events_per_batch"]["max"], 500);
  EXPECT_EQ(Json::parse(readText(file_)), out);
}

}  // namespace
}  // namespace clxs::kernel
