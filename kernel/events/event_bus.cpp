#include "kernel/events/event_bus.hpp"

#include <memory>
#include <vector>

namespace clxs::kernel {

void EventBus::publish(const std::string& topic, const Json& payload) {
  std::vector<std::shared_ptr<std::function<void(const Json&)>>> targets;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, sub] : subs_) {
      if (sub.topic == topic) targets.push_back(sub.handler);
    }
  }
  for (const auto& h : targets) {
    try {
      (*h)(payload);
    } catch (...) {  // a subscriber's failure must not stop the publisher
    }
  }
}

std::uint64_t EventBus::subscribe(const std::string& topic,
                                  std::function<void(const Json&)> handler) {
  std::lock_guard lock(mu_);
  const auto id = next_++;
  subs_.emplace(
      id,
      Subscription{topic, std::make_shared<std::function<void(const Json&)>>(std::move(handler))});
  return id;
}

void EventBus::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mu_);
  subs_.erase(id);
}

}  // namespace clxs::kernel
