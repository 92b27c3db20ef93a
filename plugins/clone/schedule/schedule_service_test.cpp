#include "plugins/clone/schedule/schedule_service.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/recording_logger.hpp"
#include "tests/support/sqlite_test_store.hpp"
#include "tests/support/test_scheduler.hpp"

namespace clxs::clone::schedule {
namespace {

using namespace std::chrono_literals;

struct Submitted {
  std::string jobType;
  Json body;
};

using KernelScheduler = clxs::testing::TestScheduler;

class ScheduleServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite_.migrate(ScheduleStore::migrations());
    service_ = makeService();
  }

  // A plugin start on `kernel`: the service registers the active schedules.
  std::shared_ptr<ScheduleService> makeService(KernelScheduler& kernel) {
    auto service = std::make_shared<ScheduleService>(
        sqlite_, clock_, log_, *kernel.scheduler, [] { return builtinTemplates(); },
        [this](const std::string& type, const Json& body) -> std::string {
          if (failWith_ == 422) throw unprocessable(Json::array({"body", "x"}), "refused");
          if (failWith_ == 500) throw std::runtime_error("queue full");
          submitted_.push_back({type, body});
          return "job-" + std::to_string(submitted_.size());
        });
    service->start();
    return service;
  }
  std::shared_ptr<ScheduleService> makeService() { return makeService(kernel_); }
  // Fires what is due; the earliest next slot of any schedule.
  std::optional<std::chrono::sys_seconds> fireDue() { return kernel_.runner.tick(); }

  Json create(const std::string& cron = "* * * * *", const std::string& jobType = "clone") {
    return service_->create(ScheduleCreate::schema().parse(Json{{"name", "every minute"},
                                                                {"source_catalog", "src"},
                                                                {"destination_catalog", "dst"},
                                                                {"cron", cron},
                                                                {"job_type", jobType}}),
                            "test");
  }

  Json listed(const std::string& id) {
    for (const auto& s : service_->list()) {
      if (s["id"] == id) return s;
    }
    return nullptr;
  }

  testing::SqliteTestStore sqlite_;
  testing::ManualClock clock_;  // 2027-01-15T08:00:00Z, on a minute boundary
  clxs::testing::RecordingLogger log_;
  clxs::testing::TempDir kernelDir_;
  KernelScheduler kernel_{kernelDir_, clock_, log_};
  int failWith_ = 0;
  std::vector<Submitted> submitted_;
  std::shared_ptr<ScheduleService> service_;
};

TEST_F(ScheduleServiceTest, CreateAndList) {
  const Json s = create();
  EXPECT_EQ(s["status"], "active");
  EXPECT_EQ(s["name"], "every minute");
  EXPECT_EQ(s["job_type"], "clone");
  EXPECT_EQ(s["timezone"], "UTC");
  EXPECT_EQ(s["next_run"], "2027-01-15T08:01:00.000Z");
  EXPECT_EQ(s["created_at"], "2027-01-15T08:00:00.000Z");
  EXPECT_TRUE(s["last_run"].is_null());
  EXPECT_TRUE(s["last_job_id"].is_null());
  EXPECT_EQ(s["run_count"], 0);
  EXPECT_EQ(s["job_request"]["source_catalog"], "src");
  EXPECT_EQ(s["id"].get<std::string>().size(), 36U);
  EXPECT_EQ(service_->list().size(), 1U);
  EXPECT_EQ(service_->get(s["id"]), s);
}

TEST_F(ScheduleServiceTest, FiresOncePerSlot) {
  const auto id = create()["id"].get<std::string>();
  EXPECT_EQ(fireDue(), std::chrono::sys_seconds(1'800'000'060s));
  EXPECT_TRUE(submitted_.empty()) << "the slot of creation time is not due";

  clock_.advance(60s);
  fireDue();
  ASSERT_EQ(submitted_.size(), 1U);
  EXPECT_EQ(submitted_[0].jobType, "clone");
  EXPECT_EQ(submitted_[0].body["destination_catalog"], "dst");
  fireDue();
  fireDue();
  EXPECT_EQ(submitted_.size(), 1U);

  const Json s = listed(id);
  EXPECT_EQ(s["last_job_id"], "job-1");
  EXPECT_EQ(s["last_run_at"], "2027-01-15T08:01:00.000Z");
  EXPECT_EQ(s["last_run"], s["last_run_at"]);
  EXPECT_EQ(s["last_fired_slot"], "2027-01-15T08:01:00.000Z");
  EXPECT_EQ(s["run_count"], 1);
  EXPECT_EQ(s["next_run"], "2027-01-15T08:02:00.000Z");

  clock_.advance(59s);
  fireDue();
  EXPECT_EQ(submitted_.size(), 1U);
  clock_.advance(1s);
  fireDue();
  EXPECT_EQ(submitted_.size(), 2U);
}

TEST_F(ScheduleServiceTest, MissedSlotsFireOnceAsTheLatest) {
  const auto id = create()["id"].get<std::string>();
  clock_.advance(3min + 30s);
  fireDue();
  ASSERT_EQ(submitted_.size(), 1U);
  EXPECT_EQ(listed(id)["last_fired_slot"], "2027-01-15T08:03:00.000Z");
  EXPECT_EQ(listed(id)["next_run"], "2027-01-15T08:04:00.000Z");
}

TEST_F(ScheduleServiceTest, ARestartInTheSameMinuteDoesNotFireAgain) {
  const auto id = create()["id"].get<std::string>();
  clock_.advance(60s + 200ms);
  fireDue();
  ASSERT_EQ(submitted_.size(), 1U);

  clock_.advance(5s);
  service_ = makeService();  // the server restarts on the same store
  fireDue();
  EXPECT_EQ(submitted_.size(), 1U);
  clock_.advance(55s);
  fireDue();
  EXPECT_EQ(submitted_.size(), 2U) << "the next slot fires";
  EXPECT_EQ(listed(id)["run_count"], 2);
}

TEST_F(ScheduleServiceTest, AClockThatWentBackDoesNotRefireAClaimedSlot) {
  create();
  clock_.advance(60s);
  fireDue();
  ASSERT_EQ(submitted_.size(), 1U);
  // A new process whose clock is behind: armed earlier than the slot already fired.
  testing::ManualClock behind;
  behind.advance(30s);
  KernelScheduler otherKernel(kernelDir_, behind, log_);
  ScheduleService other(
      sqlite_, behind, log_, *otherKernel.scheduler, [] { return builtinTemplates(); },
      [this](const std::string& t, const Json& b) {
        submitted_.push_back({t, b});
        return std::string("other");
      });
  other.start();
  behind.advance(30s);  // 08:01:00 again
  otherKernel.runner.tick();
  EXPECT_EQ(submitted_.size(), 1U);
}

TEST_F(ScheduleServiceTest, SlotsMissedWhileDownAreNotBackFilled) {
  create();
  clock_.advance(60s);
  fireDue();
  clock_.advance(10min);  // down meanwhile
  service_ = makeService();
  fireDue();
  EXPECT_EQ(submitted_.size(), 1U);
  clock_.advance(60s);
  fireDue();
  EXPECT_EQ(submitted_.size(), 2U);
}

TEST_F(ScheduleServiceTest, TwoProcessesClaimASlotOnce) {
  create();
  KernelScheduler secondKernel(kernelDir_, clock_, log_);
  auto second = makeService(secondKernel);
  clock_.advance(60s);
  fireDue();
  secondKernel.runner.tick();
  EXPECT_EQ(submitted_.size(), 1U);
}

TEST_F(ScheduleServiceTest, FailedSubmitsAreRecordedNotThrown) {
  const auto id = create()["id"].get<std::string>();
  failWith_ = 422;
  clock_.advance(60s);
  EXPECT_NO_THROW(fireDue());
  Json s = listed(id);
  EXPECT_EQ(s["last_error"], "refused");
  EXPECT_TRUE(s["last_job_id"].is_null());
  EXPECT_EQ(s["run_count"], 1);
  EXPECT_EQ(s["last_fired_slot"], "2027-01-15T08:01:00.000Z") << "a failed slot is not retried";
  EXPECT_EQ(log_.messages(LogLevel::Error).size(), 1U);

  failWith_ = 500;
  clock_.advance(60s);
  EXPECT_NO_THROW(fireDue());
  EXPECT_EQ(listed(id)["last_error"], "queue full");

  failWith_ = 0;
  clock_.advance(60s);
  fireDue();
  s = listed(id);
  EXPECT_TRUE(s["last_error"].is_null());
  EXPECT_EQ(s["last_job_id"], "job-1");
  EXPECT_EQ(s["run_count"], 3);
}

TEST_F(ScheduleServiceTest, PauseAndResume) {
  const auto id = create()["id"].get<std::string>();
  Json s = service_->pause(id, "test");
  EXPECT_EQ(s["status"], "paused");
  EXPECT_TRUE(s["next_run"].is_null());
  EXPECT_EQ(service_->pause(id, "test")["status"], "paused") << "idempotent";
  clock_.advance(5min);
  EXPECT_FALSE(fireDue().has_value());
  EXPECT_TRUE(submitted_.empty());

  clock_.advance(10s);
  s = service_->resume(id, "test");
  EXPECT_EQ(s["status"], "active");
  EXPECT_EQ(s["next_run"], "2027-01-15T08:06:00.000Z");
  fireDue();
  EXPECT_TRUE(submitted_.empty()) << "slots missed while paused do not fire";
  clock_.advance(50s);
  fireDue();
  EXPECT_EQ(submitted_.size(), 1U);
  EXPECT_EQ(service_->resume(id, "test")["status"], "active") << "idempotent";
}

TEST_F(ScheduleServiceTest, UnknownIdsAre404AndDeleteIsIdempotent) {
  for (auto call : {&ScheduleService::pause, &ScheduleService::resume}) {
    try {
      (void)(service_.get()->*call)("nope", "test");
      FAIL();
    } catch (const HttpError& e) {
      EXPECT_EQ(e.status(), 404);
      EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos);
    }
  }
  const auto id = create()["id"].get<std::string>();
  EXPECT_EQ(service_->remove(id, "test"), (Json{{"deleted", true}, {"schedule_id", id}}));
  EXPECT_EQ(service_->remove(id, "test"), (Json{{"deleted", false}, {"schedule_id", id}}));
  clock_.advance(60s);
  fireDue();
  EXPECT_TRUE(submitted_.empty());
}

TEST_F(ScheduleServiceTest, TheCloneOnlyViewAndRoute) {
  create("* * * * *", "clone");
  create("* * * * *", "sync");
  EXPECT_EQ(service_->list().size(), 2U);
  EXPECT_EQ(service_->list("clone").size(), 1U);
  const Json body{
      {"name", "n"}, {"source_catalog", "a"}, {"destination_catalog", "b"}, {"cron", "@daily"}};
  const auto clone = CloneScheduleCreate::schema().parse(body);
  EXPECT_EQ(service_->create(ScheduleCreate{clone.fields, clone.jobType}, "test")["job_type"],
            "clone");
  Json sync = body;
  sync["job_type"] = "sync";
  try {
    (void)CloneScheduleCreate::schema().parse(sync);
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
  }
}

TEST_F(ScheduleServiceTest, EveryChangeIsAuditedAndReachesTheScheduler) {
  const auto registered = [this] { return kernel_.scheduler->list(); };
  const auto id = create()["id"].get<std::string>();
  ASSERT_EQ(registered().size(), 1U);
  EXPECT_EQ(registered()[0]["name"], id);
  service_->pause(id, "request r2");
  EXPECT_TRUE(registered().empty());
  service_->resume(id, "request r3");
  EXPECT_EQ(registered().size(), 1U);
  clock_.advance(60s);
  fireDue();
  service_->remove(id, "request r4");
  EXPECT_TRUE(registered().empty());
  const auto rows = service_->history(id);
  std::vector<std::string> actions;
  actions.reserve(rows.size());
  for (const auto& r : rows) actions.push_back(r["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "pause", "resume", "fire", "delete"}));
  EXPECT_EQ(rows[1]["actor"], "request r2");
  EXPECT_EQ(rows[3]["actor"], "scheduler");
  EXPECT_EQ(rows[3]["outcome"], "submitted");
  EXPECT_EQ(rows[3]["detail"]["job_id"], "job-1");
}

TEST_F(ScheduleServiceTest, TheNextSlotAcrossSchedules) {
  create("0 9 * * *");
  create("30 8 * * *");
  EXPECT_EQ(fireDue(), std::chrono::sys_seconds(1'800'000'000s + 30min));
}

TEST_F(ScheduleServiceTest, TemplatesReachTheSubmittedBody) {
  service_->create(ScheduleCreate::schema().parse(Json{{"name", "n"},
                                                       {"source_catalog", "a"},
                                                       {"destination_catalog", "b"},
                                                       {"cron", "* * * * *"},
                                                       {"job_type", "clone"},
                                                       {"template", "minimal"}}),
                   "test");
  clock_.advance(60s);
  fireDue();
  ASSERT_EQ(submitted_.size(), 1U);
  EXPECT_EQ(submitted_[0].body["clone_type"], "SHALLOW");
  EXPECT_EQ(submitted_[0].body["copy_permissions"], false);
}

}  // namespace
}  // namespace clxs::clone::schedule
