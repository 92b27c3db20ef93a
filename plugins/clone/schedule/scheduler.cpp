#include "plugins/clone/schedule/scheduler.hpp"

#include <algorithm>
#include <exception>
#include <utility>

namespace clxs::clone::schedule {
namespace {

// After a store failure: retry soon, but without spinning.
constexpr std::chrono::seconds kRetrySleep{5};
// Floor of every sleep, so a slot the clocks disagree about by a hair cannot spin the loop.
constexpr std::chrono::milliseconds kMinSleep{10};

}  // namespace

Scheduler::Scheduler(std::shared_ptr<ScheduleService> service, const Clock& clock, Logger& log)
    : service_(std::move(service)), clock_(clock), log_(log) {}

Scheduler::~Scheduler() {
  stop();
}

void Scheduler::start() {
  {
    std::lock_guard lock(mu_);
    if (thread_.joinable()) return;
  }
  // Outside mu_: a change being announced holds the service's lock and then takes mu_.
  service_->arm();
  service_->onChange([this] { wake(); });
  std::lock_guard lock(mu_);
  stopping_ = false;
  woken_ = false;
  thread_ = std::thread([this] { run(); });
}

void Scheduler::stop() {
  std::thread finished;
  {
    std::lock_guard lock(mu_);
    if (!thread_.joinable()) return;
    stopping_ = true;
    finished = std::move(thread_);
  }
  cv_.notify_all();
  finished.join();
  // Only now: a change notified before the join would call wake() on a live object anyway.
  service_->onChange(nullptr);
}

void Scheduler::wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

bool Scheduler::running() const {
  std::lock_guard lock(mu_);
  return thread_.joinable() && !stopping_;
}

void Scheduler::run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    std::chrono::steady_clock::duration sleep = kMaxSleep;
    try {
      if (const auto next = service_->fireDue()) {
        sleep = std::clamp<std::chrono::steady_clock::duration>(
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(*next - clock_.now()),
            kMinSleep, kMaxSleep);
      }
    } catch (const std::exception& e) {
      log_.error(std::string("The scheduler could not read the schedules: ") + e.what());
      sleep = kRetrySleep;
    }
    lock.lock();
    cv_.wait_for(lock, sleep, [this] { return stopping_ || woken_; });
  }
}

}  // namespace clxs::clone::schedule
