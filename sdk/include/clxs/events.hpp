// In-process publish/subscribe between plugins and the kernel.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "clxs/json.hpp"

namespace clxs {

/// Event bus. Topics are dotted names such as `clone.completed` or `job.progress`.
class Events {
 public:
  virtual ~Events() = default;
  /// Delivers `payload` to every subscriber of `topic`, synchronously, on this thread.
  virtual void publish(const std::string& topic, const Json& payload) = 0;
  /// Subscribes; the returned id unsubscribes. A plugin's subscriptions end when it is
  /// disabled. Handlers must be quick and must not throw.
  virtual std::uint64_t subscribe(const std::string& topic,
                                  std::function<void(const Json&)> handler) = 0;
  /// Ends a subscription.
  virtual void unsubscribe(std::uint64_t id) = 0;
};

}  // namespace clxs
