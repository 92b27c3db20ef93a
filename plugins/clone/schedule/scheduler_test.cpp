#include "plugins/clone/schedule/scheduler.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>

#include "tests/support/recording_logger.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::clone::schedule {
namespace {

using namespace std::chrono_literals;

/// Wall time tests move from their own thread while the scheduler reads it.
class SharedClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::time_point(std::chrono::nanoseconds(nanos_.load()));
  }
  std::chrono::steady_clock::time_point steadyNow() const override {
    return std::chrono::steady_clock::now();
  }
  void advance(std::chrono::nanoseconds d) { nanos_ += d.count(); }

 private:
  std::atomic<std::int64_t> nanos_{std::int64_t{1'800'000'000} * 1'000'000'000};
};

/// The real wall clock.
class WallClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
  std::chrono::steady_clock::time_point steadyNow() const override {
    return std::chrono::steady_clock::now();
  }
};

/// Real time shifted to start `before` ahead of a minute boundary.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(std::chrono::milliseconds before) {
    const auto real = std::chrono::system_clock::now();
    const auto boundary = std::chrono::ceil<std::chrono::minutes>(real + 1min);
    offset_ = boundary - before - real;
  }
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now() + offset_;
  }
  std::chrono::steady_clock::time_point steadyNow() const override {
    return std::chrono::steady_clock::now();
  }

 private:
  std::chrono::system_clock::duration offset_{};
};

/// A store whose reads fail, as a broken disk would.
class BrokenStore final : public Store {
 public:
  void migrate(const std::vector<Migration>&) override {}
  std::vector<Json> query(std::string_view, const std::vector<Json>&) override {
    ++calls;
    throw StoreError("disk I/O error");
  }
  std::int64_t execute(std::string_view, const std::vector<Json>&) override { return 0; }
  std::atomic<int> calls{0};
};

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(ScheduleStore::migrations()); }

  std::shared_ptr<ScheduleService> service(const Clock& clock) {
    return std::make_shared<ScheduleService>(
        sqlite_, clock, log_, [] { return builtinTemplates(); },
        [this](const std::string&, const Json&) { return "job-" + std::to_string(++submitted_); });
  }

  static Json body() {
    return Json{{"name", "n"},
                {"source_catalog", "a"},
                {"destination_catalog", "b"},
                {"cron", "* * * * *"},
                {"job_type", "clone"}};
  }

  bool waitFor(int count) {
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < until) {
      if (submitted_.load() >= count) return true;
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }

  testing::SqliteTestStore sqlite_;
  clxs::testing::RecordingLogger log_;
  std::atomic<int> submitted_{0};
};

TEST_F(SchedulerTest, StopsWithinAHundredMillisecondsWhileSleeping) {
  WallClock clock;
  auto s = service(clock);
  s->create(ScheduleCreate::schema().parse(body()), "test");
  Scheduler scheduler(s, clock, log_);
  scheduler.start();
  EXPECT_TRUE(scheduler.running());
  std::this_thread::sleep_for(50ms);  // asleep until the next minute (or kMaxSleep)
  const auto t0 = std::chrono::steady_clock::now();
  scheduler.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 100ms);
  EXPECT_FALSE(scheduler.running());
  scheduler.stop();  // idempotent
}

TEST_F(SchedulerTest, TheDestructorStopsTheThread) {
  WallClock clock;
  auto s = service(clock);
  const auto t0 = std::chrono::steady_clock::now();
  {
    Scheduler scheduler(s, clock, log_);
    scheduler.start();
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 200ms);
}

TEST_F(SchedulerTest, FiresWhenTheClockReachesTheSlot) {
  SharedClock clock;
  auto s = service(clock);
  s->create(ScheduleCreate::schema().parse(body()), "test");
  Scheduler scheduler(s, clock, log_);
  scheduler.start();
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(submitted_.load(), 0);

  clock.advance(60s);
  scheduler.wake();
  ASSERT_TRUE(waitFor(1));
  for (int i = 0; i < 5; ++i) {
    scheduler.wake();
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(submitted_.load(), 1) << "once per slot";

  clock.advance(60s);
  scheduler.wake();
  ASSERT_TRUE(waitFor(2));
  scheduler.stop();
}

TEST_F(SchedulerTest, ChangesWakeTheThreadAndItSleepsUntilTheSlot) {
  OffsetClock clock(300ms);
  auto s = service(clock);
  Scheduler scheduler(s, clock, log_);
  scheduler.start();  // nothing scheduled: it sleeps kMaxSleep
  std::this_thread::sleep_for(20ms);
  // Due at the boundary ~280 ms from now; only a woken thread can notice in time.
  s->create(ScheduleCreate::schema().parse(body()), "test");
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(waitFor(1));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(submitted_.load(), 1);
}

TEST_F(SchedulerTest, RestartsAfterStop) {
  SharedClock clock;
  auto s = service(clock);
  s->create(ScheduleCreate::schema().parse(body()), "test");
  Scheduler scheduler(s, clock, log_);
  scheduler.start();
  scheduler.stop();
  clock.advance(60s);
  scheduler.start();  // arms at now: the slot just reached was missed while stopped
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(submitted_.load(), 0);
  clock.advance(60s);
  scheduler.wake();
  EXPECT_TRUE(waitFor(1));
}

TEST_F(SchedulerTest, AStoreFailureNeitherKillsNorBlocksTheThread) {
  BrokenStore broken;
  WallClock clock;
  auto s = std::make_shared<ScheduleService>(
      broken, clock, log_, [] { return builtinTemplates(); },
      [](const std::string&, const Json&) { return std::string("x"); });
  Scheduler scheduler(s, clock, log_);
  scheduler.start();
  const auto until = std::chrono::steady_clock::now() + 2s;
  while (broken.calls.load() == 0 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_GE(broken.calls.load(), 1);
  EXPECT_TRUE(scheduler.running());
  const auto t0 = std::chrono::steady_clock::now();
  scheduler.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 100ms);
}

}  // namespace
}  // namespace clxs::clone::schedule
