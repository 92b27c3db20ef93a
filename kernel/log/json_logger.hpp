// The one logger of the server: JSON lines for the kernel and every plugin, at a chosen
// level, with the thread's request and job id, secrets scrubbed; the access log is written
// by the same logger to its own file.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "clxs/log.hpp"
#include "kernel/log/access_record.hpp"
#include "kernel/log/secret_scrubber.hpp"

namespace clxs::kernel {

/// Writes each line whole. Thread-safe.
class JsonLogger final : public Logger {
 public:
  /// Where finished lines go (one call per line, newline included).
  using Sink = std::function<void(std::string_view line)>;

  /// Lines at `level` and above go to `sink` (standard error when empty).
  explicit JsonLogger(LogLevel level = LogLevel::Info, Sink sink = {});
  ~JsonLogger() override;
  JsonLogger(const JsonLogger&) = delete;
  JsonLogger& operator=(const JsonLogger&) = delete;

  /// "debug", "info", "warning"/"warn" or "error", any case; nullopt otherwise.
  static std::optional<LogLevel> parseLevel(std::string_view text);

  void write(LogLevel level, std::string_view message, const Json& fields) override;
  [[nodiscard]] bool enabled(LogLevel level) const override { return level >= level_; }

  /// Writes a line tagged with a plugin's name (what Host::log() writes through).
  void writeFor(const std::string& plugin, LogLevel level, std::string_view message,
                const Json& fields);
  /// A Logger whose lines carry `plugin`; it must not outlive this logger.
  [[nodiscard]] std::unique_ptr<Logger> forPlugin(std::string plugin);

  /// Appends access records to `file` (directories created; empty: no access log). Lines
  /// reach the file whole, flushed at least once a second and on destruction.
  void openAccessLog(const std::filesystem::path& file);
  /// Writes one request's record to the access log.
  void access(const AccessRecord& record);

  /// The scrubber every line passes through; remember() secrets as they arrive.
  [[nodiscard]] SecretScrubber& scrubber() { return scrubber_; }

 private:
  [[nodiscard]] std::string line(LogLevel level, const std::string* plugin,
                                 std::string_view message, const Json& fields) const;
  [[nodiscard]] Json scrubbed(const Json& value) const;

  LogLevel level_;
  Sink sink_;
  SecretScrubber scrubber_;
  std::mutex accessMu_;       // guards accessPending_ and lastFlush_
  std::mutex accessWriteMu_;  // held while a full buffer is written to accessFile_
  std::atomic<std::FILE*> accessFile_{nullptr};  // null: access() writes nothing (no lock)
  std::string accessPending_;
  std::chrono::steady_clock::time_point lastFlush_;
};

}  // namespace clxs::kernel
