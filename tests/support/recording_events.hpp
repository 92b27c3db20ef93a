// An event bus for unit tests: keeps what was published; subscriptions are accepted and
// never called.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "clxs/events.hpp"

namespace clxs::testing {

/// Records (topic, payload) pairs in order.
class RecordingEvents final : public Events {
 public:
  void publish(const std::string& topic, const Json& payload) override {
    std::lock_guard lock(mu_);
    published_.emplace_back(topic, payload);
  }
  std::uint64_t subscribe(const std::string&, std::function<void(const Json&)>) override {
    return 0;
  }
  void unsubscribe(std::uint64_t) override {}

  /// Everything published so far.
  [[nodiscard]] std::vector<std::pair<std::string, Json>> published() const {
    std::lock_guard lock(mu_);
    return published_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::pair<std::string, Json>> published_;
};

}  // namespace clxs::testing
