#include "plugins/governance/change_feed.hpp"

#include <gtest/gtest.h>

namespace clxs::governance {
namespace {

Json feedGovernanceAt(const std::string& at, const std::string& id) {
  return governanceChangeEntry(Json{{"change_id", 1},
                                    {"entity_type", "glossary_term"},
                                    {"entity_id", id},
                                    {"action", "create"},
                                    {"changed_by", "ana"},
                                    {"before", nullptr},
                                    {"after", Json{{"name", "X"}}},
                                    {"changed_at", at}});
}

Json feedKernelAt(const std::string& at, const std::string& route) {
  return kernelChangeEntry(Json{{"id", 7},
                                {"at", at},
                                {"actor", "bo"},
                                {"plugin", "quality"},
                                {"method", "POST"},
                                {"route", route},
                                {"path", route},
                                {"status", 200},
                                {"request_id", "r1"}});
}

TEST(GovernanceChangeFeed, MergesBothLogsNewestFirst) {
  const std::vector<Json> governance{feedGovernanceAt("2026-12-08T03:00:00.500Z", "t3"),
                                     feedGovernanceAt("2026-12-08T01:00:00.000Z", "t1")};
  // The kernel writes whole seconds here; the order must still follow the instants.
  const std::vector<Json> kernel{feedKernelAt("2026-12-08T03:00:00Z", "/api/a"),
                                 feedKernelAt("2026-12-08T02:00:00Z", "/api/b")};
  const auto feed = mergeChangeFeeds(governance, kernel, 10);
  ASSERT_EQ(feed.size(), 4u);
  EXPECT_EQ(feed[0]["entity_id"], "t3");
  EXPECT_EQ(feed[1]["route"], "/api/a");
  EXPECT_EQ(feed[2]["route"], "/api/b");
  EXPECT_EQ(feed[3]["entity_id"], "t1");
  EXPECT_EQ(feed[0]["source"], "governance");
  EXPECT_EQ(feed[0]["change_type"], "create");
  EXPECT_EQ(feed[0]["details"]["changed_fields"], Json::array());
  EXPECT_EQ(feed[1]["source"], "kernel");
  EXPECT_EQ(feed[1]["changed_by"], "bo");
  EXPECT_EQ(feed[1]["action"], "POST /api/a");

  EXPECT_EQ(mergeChangeFeeds(governance, kernel, 2).size(), 2u);
  EXPECT_TRUE(mergeChangeFeeds({}, {}, 5).empty());
}

TEST(GovernanceChangeFeed, NamesTheFieldsAnUpdateChanged) {
  const auto e = governanceChangeEntry(
      Json{{"action", "update"},
           {"before", Json{{"owner", ""}, {"name", "A"}, {"updated_at", "1"}}},
           {"after", Json{{"owner", "crm"}, {"name", "A"}, {"updated_at", "2"}, {"tags", {"x"}}}},
           {"changed_at", "2026-12-08T01:00:00.000Z"}});
  EXPECT_EQ(e["details"]["changed_fields"], Json::array({"owner", "tags"}));
}

}  // namespace
}  // namespace clxs::governance
