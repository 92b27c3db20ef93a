#include "plugins/observability/incident_store.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::observability {
namespace {

IncidentSignal signal(const std::string& ref, const std::string& severity, const std::string& at) {
  return {"dqx", "c.s.t", ref, severity, "check " + ref, {{"failed_rows", 3}}, at, "me"};
}

class IncidentStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { sqlite_.migrate(IncidentStore::migrations()); }
  clxs::testing::SqliteTestStore sqlite_;
  IncidentStore store_{sqlite_};
};

TEST_F(IncidentStoreTest, ARepeatedFailureAddsToTheOpenIncidentAndAPassResolvesIt) {
  const auto id = store_.fail(signal("chk1", "medium", "2026-12-07T01:00:00.000Z"));
  EXPECT_EQ(store_.fail(signal("chk1", "high", "2026-12-07T02:00:00.000Z")), id);
  EXPECT_EQ(store_.fail(signal("chk1", "low", "2026-12-07T03:00:00.000Z")), id);
  auto incident = *store_.find(id);
  EXPECT_EQ(incident["occurrences"], 3);
  EXPECT_EQ(incident["severity"], "high") << "the worst severity seen stays";
  EXPECT_EQ(incident["last_seen_at"], "2026-12-07T03:00:00.000Z");
  EXPECT_EQ(incident["details"]["failed_rows"], 3);
  EXPECT_NE(store_.fail(signal("chk2", "low", "2026-12-07T03:00:00.000Z")), id);
  EXPECT_TRUE(store_.pass(signal("chk1", "", "2026-12-07T04:00:00.000Z")));
  EXPECT_FALSE(store_.pass(signal("chk1", "", "2026-12-07T05:00:00.000Z")));
  incident = *store_.find(id);
  EXPECT_EQ(incident["status"], "resolved");
  EXPECT_EQ(incident["resolved_by"], "me");
  // A failure after the pass is a new incident.
  EXPECT_NE(store_.fail(signal("chk1", "low", "2026-12-07T06:00:00.000Z")), id);
  EXPECT_EQ(store_.counts(), (Json{{"open", 2}, {"acknowledged", 0}, {"resolved", 1}}));
}

TEST_F(IncidentStoreTest, AcknowledgeAndResolveByHandAreCheckedTransitions) {
  const auto id = store_.fail(signal("chk1", "high", "2026-12-07T01:00:00.000Z"));
  auto acked = store_.acknowledge(id, "ann", "bob", "looking", "2026-12-07T02:00:00.000Z");
  EXPECT_EQ(acked["status"], "acknowledged");
  EXPECT_EQ(acked["assignee"], "bob");
  // Still the open incident of that check: a new failure adds to it.
  EXPECT_EQ(store_.fail(signal("chk1", "high", "2026-12-07T03:00:00.000Z")), id);
  const auto resolved = store_.resolve(id, "ann", "fixed upstream", "2026-12-07T04:00:00.000Z");
  EXPECT_EQ(resolved["resolution_reason"], "fixed upstream");
  EXPECT_THROW(store_.resolve(id, "ann", "again", "2026-12-07T05:00:00.000Z"), HttpError);
  EXPECT_THROW(store_.acknowledge(id, "ann", "", "", "2026-12-07T05:00:00.000Z"), HttpError);
  try {
    store_.resolve("nope", "ann", "x", "2026-12-07T05:00:00.000Z");
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  EXPECT_EQ(store_.list(10, "", "dqx").size(), 1u);
  EXPECT_TRUE(store_.unresolvedIn("c", "").empty()) << "resolved";
  EXPECT_TRUE(store_.list(10, "", "anomaly").empty());
}

TEST_F(IncidentStoreTest, UnresolvedIncidentsOfACatalogOrSchemaMatchNamesExactly) {
  auto in = [](const std::string& fqn) {
    return IncidentSignal{"dqx", fqn, "chk", "high", "t", Json::object(), "2026-12-07T00:00:00Z",
                          "me"};
  };
  store_.fail(in("a_b.s.t"));
  store_.fail(in("axb.s.t"));
  store_.fail(in("A_B.other.t"));
  EXPECT_EQ(store_.unresolvedIn("a_b", "").size(), 2u) << "the _ is not a wildcard";
  EXPECT_EQ(store_.unresolvedIn("A_B", "s").size(), 1u);
  EXPECT_TRUE(store_.unresolvedIn("a", "").empty());
}

}  // namespace
}  // namespace clxs::observability
