// The kernel's in-process event bus (implements clxs::Events).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "clxs/events.hpp"

namespace clxs::kernel {

/// Thread-safe publish/subscribe. Subscribers are called on the publishing thread, outside
/// the bus lock, so a handler may publish or unsubscribe without deadlock.
class EventBus final : public Events {
 public:
  void publish(const std::string& topic, const Json& payload) override;
  std::uint64_t subscribe(const std::string& topic,
                          std::function<void(const Json&)> handler) override;
  void unsubscribe(std::uint64_t id) override;

 private:
  struct Subscription {
    std::string topic;
    std::shared_ptr<std::function<void(const Json&)>> handler;
  };
  std::mutex mu_;
  std::uint64_t next_ = 1;
  std::map<std::uint64_t, Subscription> subs_;
};

}  // namespace clxs::kernel
