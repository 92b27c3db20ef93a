#include "kernel/http/access_log.hpp"

#include <chrono>
#include <cstdio>

#include "clxs/clock.hpp"
#include "clxs/json.hpp"

namespace clxs::kernel {

AccessLog::AccessLog(const std::filesystem::path& file) {
  if (file.empty()) return;
  std::filesystem::create_directories(file.parent_path());
  out_ = std::fopen(file.c_str(), "a");
  lastFlush_ = std::chrono::steady_clock::now();
}

AccessLog::~AccessLog() {
  if (out_ == nullptr) return;
  std::fwrite(pending_.data(), 1, pending_.size(), out_);
  std::fclose(out_);
}

void AccessLog::write(const AccessRecord& r) {
  if (out_ == nullptr) return;
  // Hand-built: this runs on every request, and only the strings need JSON escaping.
  const auto quote = [](const std::string& v) {
    return Json(v).dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, "\"status\":%d,\"duration_ms\":%.3f,\"bytes\":%zu",
                r.status, r.durationMs, r.bytes);
  std::string line = "{\"ts\":\"" + isoUtc(std::chrono::system_clock::now()) +
                     "\",\"request_id\":" + quote(r.requestId) + ",\"method\":" + quote(r.method) +
                     ",\"path\":" + quote(r.path) + "," + numbers +
                     ",\"remote\":" + quote(r.remote) + ",\"owner\":" + quote(r.owner) + "}\n";
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  pending_ += line;
  // Whole lines only reach the file, so a reader never sees half a record.
  if (now - lastFlush_ > std::chrono::seconds(1) || pending_.size() > (64u << 10)) {
    std::fwrite(pending_.data(), 1, pending_.size(), out_);
    std::fflush(out_);
    pending_.clear();
    lastFlush_ = now;
  }
}

}  // namespace clxs::kernel
