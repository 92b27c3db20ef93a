#include "kernel/scheduler/schedule_runner.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "kernel/store/state_store.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/recording_events.hpp"
#include "tests/support/recording_logger.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::kernel {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// One "process": its own store connection and runner over a shared data directory.
struct Process {
  Process(const testing::TempDir& dir, const Clock& clock)
      : store(dir.path()), runner(store, clock, log, events) {}
  StateStore store;
  testing::RecordingLogger log;
  testing::RecordingEvents events;
  ScheduleRunner runner;
};

struct Fired {
  std::vector<ScheduleFiring> all;
  std::function<void(const ScheduleFiring&)> fn() {
    return [this](const ScheduleFiring& f) { all.push_back(f); };
  }
};

class ScheduleRunnerTest : public ::testing::Test {
 protected:
  testing::TempDir dir;
  testing::ManualClock clock;  // starts on a whole minute
};

TEST_F(ScheduleRunnerTest, FiresEachSlotOnceAndNeverBeforeItsTime) {
  Process p(dir, clock);
  Fired fired;
  auto scheduler = p.runner.forOwner("demo", {});
  scheduler->schedule("every-minute", {.cron = "* * * * *"}, fired.fn());
  p.runner.tick();
  EXPECT_TRUE(fired.all.empty()) << "a new schedule fires first at its next slot";
  clock.advance(seconds(30));
  p.runner.tick();
  EXPECT_TRUE(fired.all.empty());
  clock.advance(seconds(30));
  p.runner.tick();
  p.runner.tick();
  ASSERT_EQ(fired.all.size(), 1U);
  EXPECT_EQ(fired.all[0].name, "every-minute");
  EXPECT_EQ(fired.all[0].missed, 0);
  EXPECT_EQ(std::chrono::system_clock::time_point(fired.all[0].slot), clock.now());

  const auto listed = scheduler->list();
  ASSERT_EQ(listed.size(), 1U);
  EXPECT_EQ(listed[0]["fired"], 1);
  EXPECT_EQ(listed[0]["active"], true);
  EXPECT_TRUE(listed[0]["next_slot"].is_string());
}

TEST_F(ScheduleRunnerTest, TwoProcessesOnOneDataDirectoryFireASlotOnce) {
  Process a(dir, clock);
  Process b(dir, clock);
  Fired firedA;
  Fired firedB;
  a.runner.forOwner("demo", {})->schedule("job", {.everySeconds = 60}, firedA.fn());
  b.runner.forOwner("demo", {})->schedule("job", {.everySeconds = 60}, firedB.fn());
  for (int i = 0; i < 5; ++i) {
    clock.advance(seconds(60));
    a.runner.tick();
    b.runner.tick();
  }
  EXPECT_EQ(firedA.all.size() + firedB.all.size(), 5U);
}

TEST_F(ScheduleRunnerTest, ARestartReportsTheSlotsMissedWhileDownAndDoesNotReplayThem) {
  {
    Process before(dir, clock);
    Fired fired;
    before.runner.forOwner("demo", {})->schedule("hourly", {.cron = "0 * * * *"}, fired.fn());
    clock.advance(minutes(60));
    before.runner.tick();
    ASSERT_EQ(fired.all.size(), 1U);
  }
  clock.advance(minutes(5 * 60 + 10));  // down across five slots
  Process after(dir, clock);
  Fired fired;
  auto scheduler = after.runner.forOwner("demo", {});
  scheduler->schedule("hourly", {.cron = "0 * * * *"}, fired.fn());
  after.runner.tick();
  EXPECT_TRUE(fired.all.empty()) << "missed slots are not replayed";
  ASSERT_EQ(after.events.published().size(), 1U);
  EXPECT_EQ(after.events.published()[0].first, "scheduler.missed");
  EXPECT_EQ(after.events.published()[0].second["missed"], 5);
  EXPECT_EQ(after.events.published()[0].second["name"], "hourly");
  EXPECT_FALSE(after.log.messages(LogLevel::Warning).empty());
  EXPECT_EQ(scheduler->list()[0]["missed"], 5);

  clock.advance(minutes(50));  // the next slot after the restart
  after.runner.tick();
  ASSERT_EQ(fired.all.size(), 1U);
  EXPECT_EQ(fired.all[0].missed, 0);
}

TEST_F(ScheduleRunnerTest, ALateTickFiresTheLatestSlotAndCountsTheOthersMissed) {
  Process p(dir, clock);
  Fired fired;
  p.runner.forOwner("demo", {})->schedule("m", {.everySeconds = 60}, fired.fn());
  clock.advance(seconds(185));
  p.runner.tick();
  ASSERT_EQ(fired.all.size(), 1U);
  EXPECT_EQ(fired.all[0].missed, 2);
  EXPECT_EQ(p.events.published().size(), 1U);
}

TEST_F(ScheduleRunnerTest, ReleasingTheOwnerPausesItsSchedulesAndRemoveForgetsThem) {
  Process p(dir, clock);
  Fired fired;
  auto scheduler = p.runner.forOwner("demo", {});
  scheduler->schedule("m", {.everySeconds = 60}, fired.fn());
  p.runner.releaseOwner("demo");
  clock.advance(seconds(120));
  p.runner.tick();
  EXPECT_TRUE(fired.all.empty());
  EXPECT_EQ(scheduler->list()[0]["active"], false);
  EXPECT_TRUE(scheduler->remove("m"));
  EXPECT_TRUE(scheduler->list().empty());
  EXPECT_FALSE(scheduler->remove("m"));
}

TEST_F(ScheduleRunnerTest, ValidatesSpecsAndReadsCronInAFixedOffsetZone) {
  Process p(dir, clock);
  auto scheduler = p.runner.forOwner("demo", {});
  const auto bad = [&](ScheduleSpec spec, const std::string& field) {
    try {
      scheduler->schedule("x", spec, [](const ScheduleFiring&) {});
      ADD_FAILURE() << "accepted a bad spec for " << field;
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 422);
      EXPECT_EQ(e.detail()[0]["loc"][1], field) << e.detail().dump();
    }
  };
  bad({.cron = "61 * * * *"}, "cron");
  bad({.cron = ""}, "cron");
  bad({.everySeconds = -5}, "every_seconds");
  bad({.cron = "* * * * *", .everySeconds = 60}, "every_seconds");
  bad({.cron = "* * * * *", .timeZone = "Mars/Olympus"}, "time_zone");

  // 09:00 at +02:00 is 07:00 UTC.
  const auto after = std::chrono::sys_days(std::chrono::year(2026) / 6 / 1);
  const auto next = scheduler->nextSlot({.cron = "0 9 * * *", .timeZone = "+02:00"},
                                        std::chrono::sys_seconds(after));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(*next, std::chrono::sys_seconds(after) + std::chrono::hours(7));
}

}  // namespace
}  // namespace clxs::kernel
