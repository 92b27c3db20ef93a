#include "plugins/lineage/lineage_graph.hpp"

#include <gtest/gtest.h>

#include <map>
#include <utility>

#include "clxs/testing/memory_workspace.hpp"

namespace clxs::lineage {
namespace {

using services::LineageDirection;
using services::LineageEdge;

// An in-memory edge list read the way the workspace reader answers a hop.
struct FakeLineage {
  std::vector<std::pair<std::string, std::string>> edges;
  int hops = 0;

  std::vector<LineageEdge> operator()(const std::vector<std::string>& frontier,
                                      LineageDirection direction) {
    ++hops;
    std::vector<LineageEdge> out;
    for (const auto& [s, t] : edges) {
      const auto& near = direction == LineageDirection::Downstream ? s : t;
      for (const auto& f : frontier) {
        if (f == near) out.push_back(LineageEdge{s, t, "TABLE", "TABLE", "", {}, 0});
      }
    }
    return out;
  }
};

TEST(LineageWalkTest, WalksDownstreamNearestFirstWithDepths) {
  FakeLineage fake{{{"c.s.a", "c.s.b"}, {"c.s.b", "c.s.c"}, {"c.s.a", "c.s.d"}}};
  const auto walk = walkLineage("c.s.a", LineageDirection::Downstream, 5, std::ref(fake));
  EXPECT_EQ(walk.tables, (std::vector<std::string>{"c.s.b", "c.s.d", "c.s.c"}));
  ASSERT_EQ(walk.edges.size(), 3u);
  EXPECT_EQ(walk.edges.back().target, "c.s.c");
  EXPECT_EQ(walk.edges.back().depth, 2);
  EXPECT_FALSE(walk.truncated);
}

TEST(LineageWalkTest, WalksUpstream) {
  FakeLineage fake{{{"c.s.a", "c.s.b"}, {"c.s.b", "c.s.c"}}};
  const auto walk = walkLineage("c.s.c", LineageDirection::Upstream, 5, std::ref(fake));
  EXPECT_EQ(walk.tables, (std::vector<std::string>{"c.s.b", "c.s.a"}));
}

TEST(LineageWalkTest, ACycleEndsWhereItMeetsAVisitedTable) {
  FakeLineage fake{{{"c.s.a", "c.s.b"}, {"c.s.b", "c.s.c"}, {"c.s.c", "c.s.a"}}};
  const auto walk = walkLineage("c.s.a", LineageDirection::Downstream, 10, std::ref(fake));
  EXPECT_EQ(walk.tables, (std::vector<std::string>{"c.s.b", "c.s.c"}));
  EXPECT_EQ(walk.edges.size(), 3u);  // the closing edge is reported, its table not again
  EXPECT_EQ(fake.hops, 3);
}

TEST(LineageWalkTest, ADiamondVisitsItsMeetingTableOnce) {
  FakeLineage fake{
      {{"c.s.a", "c.s.b"}, {"c.s.a", "c.s.c"}, {"c.s.b", "c.s.d"}, {"c.s.c", "c.s.d"}}};
  const auto walk = walkLineage("c.s.a", LineageDirection::Downstream, 5, std::ref(fake));
  EXPECT_EQ(walk.tables, (std::vector<std::string>{"c.s.b", "c.s.c", "c.s.d"}));
  EXPECT_EQ(walk.edges.size(), 4u);
}

TEST(LineageWalkTest, DepthLimitStopsAndSaysSo) {
  FakeLineage fake{{{"c.s.a", "c.s.b"}, {"c.s.b", "c.s.c"}, {"c.s.c", "c.s.d"}}};
  const auto walk = walkLineage("c.s.a", LineageDirection::Downstream, 2, std::ref(fake));
  EXPECT_EQ(walk.tables, (std::vector<std::string>{"c.s.b", "c.s.c"}));
  EXPECT_TRUE(walk.truncated);
  const auto whole = walkLineage("c.s.a", LineageDirection::Downstream, 3, std::ref(fake));
  EXPECT_FALSE(whole.truncated);
}

TEST(LineageWalkTest, ServiceRejectsBadNamesAndDepths) {
  WorkspaceLineageGraph graph;
  testing::MemoryWorkspace ws;
  EXPECT_THROW(graph.walk(ws, "c.s", LineageDirection::Downstream, 2, {}), HttpError);
  EXPECT_THROW(graph.walk(ws, "c.s.t", LineageDirection::Downstream, 0, {}), HttpError);
  EXPECT_THROW(graph.walk(ws, "c.s.t", LineageDirection::Downstream, 11, {}), HttpError);
  EXPECT_TRUE(ws.statements().empty());
}

ResultSet hopRows(std::vector<std::vector<Json>> rows) {
  ResultSet r;
  for (const char* c : {"source", "target", "source_type", "target_type", "entity_type",
                        "entity_id", "last_event"}) {
    r.columns.push_back({c, "STRING"});
  }
  r.rows = std::move(rows);
  return r;
}

TEST(LineageHopTest, MergesEntitiesPerEdgeAndBindsTheNames) {
  testing::MemoryWorkspace ws;
  ws.onSql([](std::string_view statement) {
    EXPECT_NE(statement.find("lower(source_table_full_name) IN (:t0"), std::string_view::npos);
    return hopRows({{"c.s.a", "c.s.b", "TABLE", "TABLE", "JOB", "7", "2026-12-01 10:00:00"},
                    {"c.s.a", "c.s.b", "TABLE", "TABLE", "NOTEBOOK", "9", "2026-12-02 10:00:00"},
                    {"c.s.a", "c.s.b", "TABLE", "TABLE", "QUERY", nullptr, "2026-11-30 10:00:00"},
                    {"c.s.a", "c.s.v", "TABLE", "VIEW", "QUERY", nullptr, "2026-12-01 09:00:00"}});
  });
  WorkspaceLineageGraph graph;
  const auto walk = graph.walk(ws, "C.S.A", LineageDirection::Downstream, 1, {});
  EXPECT_EQ(walk.start, "c.s.a");
  ASSERT_EQ(walk.edges.size(), 2u);
  EXPECT_EQ(walk.edges[0].target, "c.s.b");
  EXPECT_EQ(walk.edges[0].entities, (std::vector<std::string>{"JOB:7", "NOTEBOOK:9"}));
  EXPECT_EQ(walk.edges[0].lastEventTime, "2026-12-02T10:00:00.000Z");
  EXPECT_EQ(walk.edges[1].targetType, "VIEW");
}

TEST(LineageHopTest, AWorkspaceWithoutLineageHasNoEdges) {
  testing::MemoryWorkspace ws;
  ws.onSql([](std::string_view) -> ResultSet {
    throw WorkspaceError(WorkspaceErrorClass::NotFound, "system.access.table_lineage not found");
  });
  WorkspaceLineageGraph graph;
  const auto walk = graph.walk(ws, "c.s.a", LineageDirection::Upstream, 3, {});
  EXPECT_TRUE(walk.tables.empty());
  EXPECT_FALSE(walk.truncated);
}

}  // namespace
}  // namespace clxs::lineage
