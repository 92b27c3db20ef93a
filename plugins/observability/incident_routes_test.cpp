#include "plugins/observability/incident_routes.hpp"

#include <gtest/gtest.h>

#include <map>

#include "clxs/event_types.hpp"
#include "tests/support/recording_logger.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::observability {
namespace {

// Delivers each publication to the topic's subscribers at once, as the kernel's bus does.
class LoopbackEvents final : public Events {
 public:
  using Events::publish;  // the typed form, beside the override
  void publish(const std::string& topic, const Json& payload) override {
    for (const auto& h : handlers_[topic]) h(payload);
  }
  std::uint64_t subscribe(const std::string& topic,
                          std::function<void(const Json&)> handler) override {
    handlers_[topic].push_back(std::move(handler));
    return handlers_[topic].size();
  }
  void unsubscribe(std::uint64_t) override {}

 private:
  std::map<std::string, std::vector<std::function<void(const Json&)>>> handlers_;
};

events::ObservabilitySignal slaSignal(bool passed) {
  events::ObservabilitySignal s;
  s.source = "sla";
  s.tableFqn = "shop.sales.orders";
  s.sourceRef = "sla-1";
  s.passed = passed;
  s.severity = passed ? "" : "critical";
  s.title = passed ? "orders within its SLA" : "orders 5 h late against a 2 h SLA";
  s.details = {{"limit_hours", 2}};
  s.reportedBy = "governance";
  s.at = passed ? "2026-12-01T12:00:00.000Z" : "2026-12-01T10:00:00.000Z";
  return s;
}

TEST(IncidentFeeds, AnySourceOpensAndResolvesIncidentsThroughTheSignalEvent) {
  clxs::testing::SqliteTestStore sqlite;
  sqlite.migrate(IncidentStore::migrations());
  auto incidents = std::make_shared<IncidentStore>(sqlite);
  LoopbackEvents events;
  clxs::testing::RecordingLogger log;
  subscribeIncidentFeeds(events, log, incidents);

  events.publish(slaSignal(false));
  events.publish(slaSignal(false));
  auto open = incidents->list(10, "open", "sla");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["severity"], "critical");
  EXPECT_EQ(open[0]["occurrences"], 2);
  EXPECT_EQ(open[0]["details"]["limit_hours"], 2);

  events.publish(slaSignal(true));
  EXPECT_TRUE(incidents->list(10, "open", "sla").empty());
  EXPECT_EQ(incidents->list(10, "resolved", "sla").size(), 1u);

  auto nameless = slaSignal(false);
  nameless.sourceRef.clear();
  events.publish(nameless);
  EXPECT_TRUE(incidents->list(10, "open", "").empty());
  EXPECT_FALSE(log.messages().empty()) << "an unusable signal is logged, not stored";
}

}  // namespace
}  // namespace clxs::observability
