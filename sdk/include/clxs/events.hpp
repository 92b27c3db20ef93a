// In-process publish/subscribe between plugins and the kernel. Prefer the typed events of
// clxs/event_types.hpp: each names its topic and documents its payload once.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <string>

#include "clxs/json.hpp"
#include "clxs/schema.hpp"

namespace clxs {

/// A typed event: a struct with a schema (its payload) and `static constexpr const char*
/// kTopic`.
template <class E>
concept TypedEvent = HasSchema<E> && requires {
  { E::kTopic } -> std::convertible_to<const char*>;
};

/// Event bus. Topics are dotted names such as `clone.completed` or `job.event`.
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

  /// Publishes a typed event on its topic.
  template <TypedEvent E>
  void publish(const E& event) {
    publish(E::kTopic, E::schema().toJson(event));
  }
  /// Subscribes `fn(const E&)` to E's topic; payloads are read with E's schema (absent
  /// fields take their defaults).
  template <TypedEvent E, class Fn>
  std::uint64_t on(Fn fn) {
    return subscribe(E::kTopic,
                     [fn = std::move(fn)](const Json& payload) { fn(E::schema().parse(payload)); });
  }
};

}  // namespace clxs
