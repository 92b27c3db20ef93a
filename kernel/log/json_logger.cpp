#include "kernel/log/json_logger.hpp"

#include <unistd.h>

#include "clxs/clock.hpp"
#include "clxs/text.hpp"
#include "kernel/log/log_context.hpp"

namespace clxs::kernel {

namespace {

constexpr std::size_t kAccessBuffer = 64u << 10;

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
  std::lock_guard lock(accessMu_);
  if (accessFile_ == nullptr) return;
  std::fwrite(accessPending_.data(), 1, accessPending_.size(), accessFile_);
  std::fclose(accessFile_);
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
  accessFile_ = std::fopen(file.c_str(), "a");
  lastFlush_ = std::chrono::steady_clock::now();
}

void JsonLogger::access(const Json& fields) {
  {
    std::lock_guard lock(accessMu_);
    if (accessFile_ == nullptr) return;
  }
  // Written field by field rather than copied into a second object: this runs once per
  // answered request, on the I/O loop for the routes answered there.
  const auto dump = [](const Json& v) {
    return v.dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  std::string text = "{\"ts\":" + dump(isoUtc(std::chrono::system_clock::now())) +
                     ",\"level\":\"info\",\"logger\":\"access\"";
  for (const auto& [k, v] : fields.items()) {
    text += ',';
    text += dump(k);
    text += ':';
    text += dump(scrubbed(v));
  }
  text += "}\n";
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(accessMu_);
  accessPending_ += text;
  // Whole lines only reach the file, so a reader never sees half a record.
  if (now - lastFlush_ > std::chrono::seconds(1) || accessPending_.size() > kAccessBuffer) {
    std::fwrite(accessPending_.data(), 1, accessPending_.size(), accessFile_);
    std::fflush(accessFile_);
    accessPending_.clear();
    lastFlush_ = now;
  }
}

}  // namespace clxs::kernel
