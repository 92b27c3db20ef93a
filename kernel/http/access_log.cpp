#include "kernel/http/access_log.hpp"

#include <chrono>

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
  Json j{{"ts", isoUtc(std::chrono::system_clock::now())},
         {"request_id", r.requestId},
         {"method", r.method},
         {"path", r.path},
         {"status", r.status},
         {"duration_ms", static_cast<double>(static_cast<long long>(r.durationMs * 1000)) / 1000},
         {"bytes", r.bytes},
         {"remote", r.remote},
         {"owner", r.owner}};
  std::string line = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  line.push_back('\n');
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
