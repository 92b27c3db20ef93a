#include "kernel/config/streaming_limits.hpp"

#include <string>

#include "clxs/error.hpp"

namespace clxs::kernel {
namespace {

constexpr const char* kFields[] = {"events_per_batch", "interval_seconds",
                                   "total_duration_seconds"};
constexpr const char* kBounds[] = {"default", "min", "max"};

bool isIntegerField(const std::string& field) {
  return field != "interval_seconds";
}

// Copies the numeric bounds of `source` over `target`, ignoring anything malformed.
void overlay(Json& target, const Json& source) {
  if (!source.is_object()) return;
  for (const char* field : kFields) {
    auto f = source.find(field);
    if (f == source.end() || !f->is_object()) continue;
    for (const char* bound : kBounds) {
      auto b = f->find(bound);
      if (b != f->end() && b->is_number()) target[field][bound] = *b;
    }
  }
}

}  // namespace

StreamingLimits::StreamingLimits(std::filesystem::path file) : file_(std::move(file)) {}

const Json& StreamingLimits::defaults() {
  static const Json value = Json::parse(R"({
    "events_per_batch": {"default": 100, "min": 1, "max": 10000},
    "interval_seconds": {"default": 5, "min": 0.1, "max": 300},
    "total_duration_seconds": {"default": 60, "min": 1, "max": 3600}
  })");
  return value;
}

Json StreamingLimits::load() const {
  Json limits = defaults();
  const auto text = readWholeFile(file_);
  if (!text) return limits;
  // A damaged file must not take the streaming form down: unreadable parts fall back to
  // the defaults, and the next update rewrites the file whole.
  overlay(limits, Json::parse(*text, nullptr, false));
  return limits;
}

Json StreamingLimits::current() const {
  std::lock_guard lock(mutex_);
  const FileStamp now = fileStamp(file_);
  if (!haveCache_ || !(now == cachedStamp_)) {
    cached_ = load();
    cachedStamp_ = now;
    haveCache_ = true;
  }
  return cached_;
}

Json StreamingLimits::update(const Json& patch) {
  std::lock_guard lock(mutex_);
  Json limits = load();
  if (patch.is_object()) {
    for (const char* field : kFields) {
      auto f = patch.find(field);
      if (f == patch.end() || f->is_null()) continue;
      if (!f->is_object())
        throw badRequest(std::string(field) +
                         " must be an object with "
                         "default, min and max.");
      for (const char* bound : kBounds) {
        auto b = f->find(bound);
        if (b == f->end() || b->is_null()) continue;
        if (!b->is_number()) {
          throw badRequest(std::string(field) + "." + bound + " must be a number.");
        }
        if (isIntegerField(field) && !b->is_number_integer()) {
          throw badRequest(std::string(field) + "." + bound + " must be a whole number.");
        }
        limits[field][bound] = *b;
      }
    }
  }
  for (const char* field : kFields) {
    const Json& f = limits[field];
    const double lo = f["min"].get<double>();
    const double def = f["default"].get<double>();
    const double hi = f["max"].get<double>();
    if (lo <= 0) {
      throw badRequest(std::string(field) + ".min must be greater than 0 (got " + f["min"].dump() +
                       "); nothing was saved.");
    }
    if (!(lo <= def && def <= hi)) {
      throw badRequest(std::string(field) + " needs min <= default <= max, got min " +
                       f["min"].dump() + ", default " + f["default"].dump() + ", max " +
                       f["max"].dump() + "; nothing was saved.");
    }
  }
  writeFileAtomically(file_, limits.dump(2) + "\n");
  cached_ = limits;
  cachedStamp_ = fileStamp(file_);
  haveCache_ = true;
  return limits;
}

}  // namespace clxs::kernel
