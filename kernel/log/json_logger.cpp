#include "kernel/log/json_logger.hpp"

#include <unistd.h>

#include <ctime>

#include "clxs/clock.hpp"
#include "clxs/text.hpp"
#include "kernel/log/json_text.hpp"
#include "kernel/log/log_context.hpp"

namespace clxs::kernel {

namespace {

constexpr std::size_t kAccessBuffer = 64u << 10;

// Appends the current UTC time as isoUtc() writes it. isoUtc() formats the date and time up
// to the second once a second per thread; the milliseconds are written every time.
void appendIsoUtcNow(std::string& out) {
  struct Cache {
    std::time_t second = -1;
    std::string prefix;  // "2026-12-07T01:12:12."
  };
  thread_local Cache cache;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  const auto second = static_cast<std::time_t>(ms / 1000);
  if (second != cache.second) {
    const std::string whole = isoUtc(std::chrono::system_clock::from_time_t(second));
    cache.prefix = whole.substr(0, whole.find('.') + 1);
    cache.second = second;
  }
  const auto milli = static_cast<int>(ms % 1000);
  out += cache.prefix;
  out.push_back(static_cast<char>('0' + milli / 100));
  out.push_back(static_cast<char>('0' + milli / 10 % 10));
  out.push_back(static_cast<char>('0' + milli % 10));
  out.push_back('Z');
}

// One write(2) per line, so lines from several threads or processes never interleave.
void writeStderr(std::string_view line) {
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

class PluginLogger final : public Logger {
 public:
  PluginLogger(JsonLogger& logger, std::string plugin)
      : logger_(logger), plugin_(std::move(plugin)) {}
  void write(LogLevel level, std::string_view message, const Json& fields) override {
    logger_.writeFor(plugin_, level, message, fields);
  }
  [[nodiscard]] bool enabled(LogLevel level) const override { return logger_.enabled(level); }

 private:
  JsonLogger& logger_;
  std::string plugin_;
};

}  // namespace

JsonLogger::JsonLogger(LogLevel level, Sink sink)
    : level_(level), sink_(sink ? std::move(sink) : Sink(writeStderr)) {}

JsonLogger::~JsonLogger() {
  std::scoped_lock lock(accessWriteMu_, accessMu_);
  std::FILE* file = accessFile_.load();
  if (file == nullptr) return;
  std::fwrite(accessPending_.data(), 1, accessPending_.size(), file);
  std::fclose(file);  // NOLINT(cppcoreguidelines-owning-memory): accessFile_ owns it
}

std::optional<LogLevel> JsonLogger::parseLevel(std::string_view text) {
  const std::string t = lowerAscii(std::string(text));
  if (t == "debug") return LogLevel::Debug;
  if (t == "info") return LogLevel::Info;
  if (t == "warning" || t == "warn") return LogLevel::Warning;
  if (t == "error") return LogLevel::Error;
  return std::nullopt;
}

Json JsonLogger::scrubbed(const Json& value) const {
  if (value.is_string()) return scrubber_.scrub(value.get<std::string>());
  if (!value.is_structured()) return value;
  Json out = value.is_object() ? Json::object() : Json::array();
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (value.is_object()) {
      out[it.key()] = scrubbed(it.value());
    } else {
      out.push_back(scrubbed(it.value()));
    }
  }
  return out;
}

std::string JsonLogger::line(LogLevel level, const std::string* plugin, std::string_view message,
                             const Json& fields) const {
  Json out = Json::object();
  out["ts"] = isoUtc(std::chrono::system_clock::now());
  out["level"] = logLevelName(level);
  if (plugin != nullptr) out["plugin"] = *plugin;
  const LogContext& ctx = currentLogContext();
  if (!ctx.requestId.empty()) out["request_id"] = ctx.requestId;
  if (!ctx.jobId.empty()) out["job_id"] = ctx.jobId;
  out["msg"] = scrubber_.scrub(std::string(message));
  if (fields.is_object()) {
    for (const auto& [k, v] : fields.items()) {
      if (!out.contains(k)) out[k] = scrubbed(v);
    }
  }
  return out.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

void JsonLogger::write(LogLevel level, std::string_view message, const Json& fields) {
  if (!enabled(level)) return;
  sink_(line(level, nullptr, message, fields));
}

void JsonLogger::writeFor(const std::string& plugin, LogLevel level, std::string_view message,
                          const Json& fields) {
  if (!enabled(level)) return;
  sink_(line(level, &plugin, message, fields));
}

std::unique_ptr<Logger> JsonLogger::forPlugin(std::string plugin) {
  return std::make_unique<PluginLogger>(*this, std::move(plugin));
}

void JsonLogger::openAccessLog(const std::filesystem::path& file) {
  if (file.empty()) return;
  std::filesystem::create_directories(file.parent_path());
  std::lock_guard lock(accessMu_);
  lastFlush_ = std::chrono::steady_clock::now();
  // NOLINTNEXTLINE(cppcoreguidelines-owning-memory): closed by the destructor
  accessFile_.store(std::fopen(file.c_str(), "a"), std::memory_order_release);
}

void JsonLogger::access(const AccessRecord& r) {
  if (accessFile_.load(std::memory_order_acquire) == nullptr) return;
  // Only the fields a client chose (its request id, method and path) can carry a secret; the
  // scrubber masks any it knows.
  const std::string requestId = scrubber_.scrub(r.requestId);
  const std::string method = scrubber_.scrub(r.method);
  const std::string path = scrubber_.scrub(r.path);
  // Written as text, not built as a JSON object and dumped: this runs once per answered
  // request, on the I/O loop for the routes answered there. Formatted before the lock, so two
  // I/O threads seldom meet on it (a thread that waits for a mutex sleeps and is woken, which
  // costs more than the line).
  std::string line;
  line.reserve(320);
  line += "{\"ts\":\"";
  appendIsoUtcNow(line);
  line += "\",\"level\":\"info\",\"logger\":\"access\",\"request_id\":";
  appendJsonString(line, requestId);
  line += ",\"method\":";
  appendJsonString(line, method);
  line += ",\"path\":";
  appendJsonString(line, path);
  line += ",\"status\":";
  line += std::to_string(r.status);
  line += ",\"duration_ms\":";
  appendFixed3(line, r.durationMs);
  line += ",\"bytes\":";
  line += std::to_string(r.bytes);
  line += ",\"remote\":";
  appendJsonString(line, r.remote);
  line += ",\"owner\":";
  appendJsonString(line, r.owner);
  line += "}\n";
  const auto now = std::chrono::steady_clock::now();
  std::string full;
  std::unique_lock writing(accessWriteMu_, std::defer_lock);
  std::unique_lock lock(accessMu_);
  accessPending_ += line;
  // Whole lines only reach the file, so a reader never sees half a record.
  if (now - lastFlush_ <= std::chrono::seconds(1) && accessPending_.size() <= kAccessBuffer) {
    return;
  }
  // The full buffer is written outside accessMu_, so other I/O threads keep logging meanwhile;
  // accessWriteMu_ is taken before accessMu_ is let go, so buffers reach the file in order.
  full.swap(accessPending_);
  accessPending_.reserve(kAccessBuffer + 1024);
  lastFlush_ = now;
  writing.lock();
  lock.unlock();
  std::FILE* file = accessFile_.load(std::memory_order_relaxed);
  std::fwrite(full.data(), 1, full.size(), file);
  std::fflush(file);
}

}  // namespace clxs::kernel
