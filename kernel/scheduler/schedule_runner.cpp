#include "kernel/scheduler/schedule_runner.hpp"

#include <algorithm>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/event_types.hpp"
#include "kernel/scheduler/slot_calendar.hpp"
#include "kernel/store/state_store.hpp"

namespace clxs::kernel {

namespace {

using std::chrono::sys_seconds;

// Bounds the slot walk after a long downtime (a minutely cron over two years).
constexpr std::int64_t kMaxWalk = 1'100'000;

std::int64_t epoch(sys_seconds t) {
  return t.time_since_epoch().count();
}
sys_seconds fromEpoch(std::int64_t s) {
  return sys_seconds(std::chrono::seconds(s));
}
std::string iso(sys_seconds t) {
  return isoUtc(std::chrono::system_clock::time_point(t));
}

Json specJson(const ScheduleSpec& spec) {
  return Json{
      {"cron", spec.cron}, {"every_seconds", spec.everySeconds}, {"time_zone", spec.timeZone}};
}

// The latest slot at or before `now` after `last`, and how many slots that is in all.
struct Due {
  sys_seconds latest;
  std::int64_t count = 0;
};
std::optional<Due> dueSlots(const SlotCalendar& cal, sys_seconds last, sys_seconds now) {
  auto slot = cal.next(last);
  if (!slot || *slot > now) return std::nullopt;
  Due due{*slot, 1};
  for (auto n = cal.next(*slot); n && *n <= now && due.count < kMaxWalk; n = cal.next(*n)) {
    due.latest = *n;
    ++due.count;
  }
  return due;
}

}  // namespace

struct ScheduleRunner::Entry {
  std::shared_ptr<const void> lease;  // first, so released after the callback
  std::string owner;
  std::string name;
  ScheduleSpec spec;
  SlotCalendar calendar;
  std::function<void(const ScheduleFiring&)> fn;
};

/// The clxs::Scheduler one owner sees.
class ScheduleRunner::OwnerScheduler final : public Scheduler {
 public:
  OwnerScheduler(ScheduleRunner& runner, std::string owner, LeaseSource lease)
      : runner_(runner), owner_(std::move(owner)), lease_(std::move(lease)) {}
  void schedule(const std::string& name, const ScheduleSpec& spec,
                std::function<void(const ScheduleFiring&)> fn) override {
    if (name.empty() || name.size() > 200) {
      throw unprocessable({"body", "name"}, "a schedule name must have 1 to 200 characters");
    }
    runner_.add(owner_, name, spec, std::move(fn), lease_ ? lease_() : nullptr);
  }
  bool remove(const std::string& name) override { return runner_.remove(owner_, name); }
  [[nodiscard]] std::vector<Json> list() const override { return runner_.list(owner_); }
  [[nodiscard]] std::optional<sys_seconds> nextSlot(const ScheduleSpec& spec,
                                                    sys_seconds after) const override {
    return SlotCalendar::of(spec).next(after);
  }

 private:
  ScheduleRunner& runner_;
  std::string owner_;
  LeaseSource lease_;
};

ScheduleRunner::ScheduleRunner(StateStore& store, const Clock& clock, Logger& log, Events& events)
    : store_(store), clock_(clock), log_(log), events_(events) {
  store_.migrate("kernel.scheduler",
                 {{1,
                   "CREATE TABLE kernel_schedules (owner TEXT NOT NULL, name TEXT NOT NULL, "
                   "spec TEXT NOT NULL, last_slot INTEGER NOT NULL, "
                   "fired INTEGER NOT NULL DEFAULT 0, missed INTEGER NOT NULL DEFAULT 0, "
                   "created_at TEXT NOT NULL, PRIMARY KEY (owner, name))"}});
}

ScheduleRunner::~ScheduleRunner() {
  stop();
}

void ScheduleRunner::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ScheduleRunner::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

sys_seconds ScheduleRunner::nowSeconds() const {
  return std::chrono::floor<std::chrono::seconds>(clock_.now());
}

std::unique_ptr<Scheduler> ScheduleRunner::forOwner(std::string owner, LeaseSource lease) {
  return std::make_unique<OwnerScheduler>(*this, std::move(owner), std::move(lease));
}

void ScheduleRunner::add(const std::string& owner, const std::string& name,
                         const ScheduleSpec& spec, std::function<void(const ScheduleFiring&)> fn,
                         std::shared_ptr<const void> lease) {
  auto entry = std::make_shared<Entry>(
      Entry{std::move(lease), owner, name, spec, SlotCalendar::of(spec), std::move(fn)});
  const std::string specText = specJson(spec).dump();
  const sys_seconds now = nowSeconds();
  std::optional<Due> missed;
  store_.transaction([&] {
    const auto rows = store_.query(
        "SELECT spec, last_slot FROM kernel_schedules WHERE owner = ? AND name = ?", {owner, name});
    if (rows.empty()) {
      store_.execute(
          "INSERT INTO kernel_schedules (owner, name, spec, last_slot, created_at) "
          "VALUES (?, ?, ?, ?, ?)",
          {owner, name, specText, epoch(now), iso(now)});
      return;
    }
    if (rows[0]["spec"].get<std::string>() != specText) {
      // A changed schedule starts afresh: slots of the old spec mean nothing now.
      store_.execute(
          "UPDATE kernel_schedules SET spec = ?, last_slot = ? WHERE owner = ? AND name = ?",
          {specText, epoch(now), owner, name});
      return;
    }
    // Known schedule, e.g. after a restart: slots that passed meanwhile are missed. They
    // are reported and skipped, never replayed; the next slot after now fires.
    const std::int64_t last = rows[0]["last_slot"].get<std::int64_t>();
    missed = dueSlots(entry->calendar, fromEpoch(last), now);
    if (!missed) return;
    store_.execute(
        "UPDATE kernel_schedules SET last_slot = ?, missed = missed + ? "
        "WHERE owner = ? AND name = ? AND last_slot = ?",
        {epoch(missed->latest), missed->count, owner, name, last});
  });
  if (missed) reportMissed(*entry, missed->count, missed->latest);
  std::shared_ptr<Entry> replaced;
  {
    std::lock_guard lock(mu_);
    auto& slot = entries_[Key{owner, name}];
    replaced = std::move(slot);
    slot = std::move(entry);
    woken_ = true;
  }
  cv_.notify_all();
}

bool ScheduleRunner::remove(const std::string& owner, const std::string& name) {
  std::shared_ptr<Entry> gone;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(Key{owner, name});
    if (it != entries_.end()) {
      gone = std::move(it->second);
      entries_.erase(it);
    }
  }
  return store_.execute("DELETE FROM kernel_schedules WHERE owner = ? AND name = ?",
                        {owner, name}) > 0 ||
         gone != nullptr;
}

void ScheduleRunner::releaseOwner(const std::string& owner) {
  std::vector<std::shared_ptr<Entry>> gone;
  {
    std::lock_guard lock(mu_);
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->first.first == owner) {
        gone.push_back(std::move(it->second));
        it = entries_.erase(it);
      } else {
        ++it;
      }
    }
  }
  // A callback running now holds its entry (and so the lease) until it returns.
}

std::vector<Json> ScheduleRunner::list(const std::string& owner) const {
  std::map<std::string, std::shared_ptr<Entry>> active;
  {
    std::lock_guard lock(mu_);
    for (const auto& [key, e] : entries_) {
      if (key.first == owner) active[key.second] = e;
    }
  }
  std::vector<Json> out;
  for (auto row :
       store_.query("SELECT name, spec, last_slot, fired, missed, created_at FROM kernel_schedules "
                    "WHERE owner = ? ORDER BY name",
                    {owner})) {
    const Json spec = Json::parse(row["spec"].get<std::string>(), nullptr, false);
    const auto last = fromEpoch(row["last_slot"].get<std::int64_t>());
    auto it = active.find(row["name"].get<std::string>());
    Json next = nullptr;
    if (it != active.end()) {
      if (auto n = it->second->calendar.next(std::max(last, nowSeconds()))) next = iso(*n);
    }
    Json e{{"name", row["name"]},
           {"cron", spec.value("cron", "")},
           {"every_seconds", spec.value("every_seconds", 0)},
           {"time_zone", spec.value("time_zone", "UTC")},
           {"active", it != active.end()},
           {"next_slot", next},
           {"last_slot", row["fired"].get<std::int64_t>() > 0 ? Json(iso(last)) : Json(nullptr)},
           {"fired", row["fired"]},
           {"missed", row["missed"]},
           {"created_at", row["created_at"]}};
    out.push_back(std::move(e));
  }
  return out;
}

void ScheduleRunner::reportMissed(const Entry& entry, std::int64_t missed, sys_seconds fired) {
  log_.warn("schedule missed slots; they are skipped, not replayed",
            Json{{"owner", entry.owner},
                 {"schedule", entry.name},
                 {"missed", missed},
                 {"fired_slot", iso(fired)}});
  events_.publish(events::ScheduleMissed{entry.owner, entry.name, missed, iso(fired)});
}

void ScheduleRunner::fireIfDue(Entry& entry, sys_seconds now) {
  const auto rows =
      store_.query("SELECT last_slot FROM kernel_schedules WHERE owner = ? AND name = ?",
                   {entry.owner, entry.name});
  if (rows.empty()) return;  // removed (here or by another process)
  const std::int64_t last = rows[0]["last_slot"].get<std::int64_t>();
  const auto due = dueSlots(entry.calendar, fromEpoch(last), now);
  if (!due) return;
  const std::int64_t missed = due->count - 1;
  // The claim: only the process that moves last_slot forward fires the slot.
  const bool claimed =
      store_.execute(
          "UPDATE kernel_schedules SET last_slot = ?, fired = fired + 1, missed = missed + ? "
          "WHERE owner = ? AND name = ? AND last_slot = ?",
          {epoch(due->latest), missed, entry.owner, entry.name, last}) == 1;
  if (!claimed) return;
  if (missed > 0) reportMissed(entry, missed, due->latest);
  try {
    entry.fn(ScheduleFiring{entry.name, due->latest, missed});
  } catch (const std::exception& e) {
    log_.error("schedule callback failed",
               Json{{"owner", entry.owner}, {"schedule", entry.name}, {"error", e.what()}});
  } catch (...) {
    log_.error("schedule callback failed", Json{{"owner", entry.owner}, {"schedule", entry.name}});
  }
}

std::optional<sys_seconds> ScheduleRunner::tick() {
  std::lock_guard firing(fireMu_);
  std::vector<std::shared_ptr<Entry>> entries;
  {
    std::lock_guard lock(mu_);
    for (const auto& [key, e] : entries_) entries.push_back(e);
  }
  std::optional<sys_seconds> earliest;
  for (const auto& e : entries) {
    try {
      fireIfDue(*e, nowSeconds());
    } catch (const std::exception& ex) {  // the store failed; try again next tick
      log_.error("schedule could not be fired",
                 Json{{"owner", e->owner}, {"schedule", e->name}, {"error", ex.what()}});
    }
    if (auto n = e->calendar.next(nowSeconds()); n && (!earliest || *n < *earliest)) earliest = n;
  }
  return earliest;
}

void ScheduleRunner::run() {
  for (;;) {
    const auto next = tick();
    std::unique_lock lock(mu_);
    if (stopping_) return;
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(kMaxSleep);
    if (next) {
      const auto until = std::chrono::system_clock::time_point(*next) - clock_.now();
      wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(until),
                        std::chrono::milliseconds(0), wait);
    }
    cv_.wait_for(lock, wait, [&] { return stopping_ || woken_; });
    woken_ = false;
    if (stopping_) return;
  }
}

}  // namespace clxs::kernel
