#include "kernel/events/event_bus.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace clxs::kernel {
namespace {

TEST(EventBus, DeliversToSubscribersOfTheTopicOnly) {
  EventBus bus;
  std::vector<int> got;
  bus.subscribe("a", [&](const Json& j) { got.push_back(j.get<int>()); });
  bus.subscribe("b", [&](const Json&) { got.push_back(-1); });
  bus.publish("a", 7);
  EXPECT_EQ(got, std::vector<int>{7});
}

TEST(EventBus, UnsubscribeStopsDelivery) {
  EventBus bus;
  int calls = 0;
  const auto id = bus.subscribe("t", [&](const Json&) { ++calls; });
  bus.publish("t", nullptr);
  bus.unsubscribe(id);
  bus.publish("t", nullptr);
  EXPECT_EQ(calls, 1);
}

TEST(EventBus, HandlerMayUnsubscribeItselfAndThrowingHandlersAreContained) {
  EventBus bus;
  std::uint64_t id = 0;
  int calls = 0;
  id = bus.subscribe("t", [&](const Json&) {
    ++calls;
    bus.unsubscribe(id);
  });
  bus.subscribe("t", [](const Json&) { throw std::runtime_error("boom"); });
  EXPECT_NO_THROW(bus.publish("t", nullptr));
  bus.publish("t", nullptr);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace clxs::kernel
