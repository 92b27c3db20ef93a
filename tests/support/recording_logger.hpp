// A logger for tests: keeps every line, so a test can check what was logged or ignore it.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clxs/log.hpp"

namespace clxs::testing {

/// Keeps each line with its level; workers and schedulers may log from their own threads.
class RecordingLogger final : public Logger {
 public:
  void write(LogLevel level, std::string_view message, const Json& /*fields*/) override {
    std::lock_guard lock(mutex_);
    lines_.emplace_back(level, std::string(message));
  }
  [[nodiscard]] bool enabled(LogLevel /*level*/) const override { return true; }

  /// The messages logged so far, oldest first: all of them, or those at `level`.
  std::vector<std::string> messages(std::optional<LogLevel> level = std::nullopt) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [l, m] : lines_) {
      if (!level || l == *level) out.push_back(m);
    }
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<LogLevel, std::string>> lines_;
};

}  // namespace clxs::testing
