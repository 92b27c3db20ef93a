#include "plugins/observability/lineage_links.hpp"

#include <gtest/gtest.h>

#include "clxs/error.hpp"
#include "clxs/testing/memory_workspace.hpp"
#include "tests/support/stand_in_host.hpp"

namespace clxs::observability {
namespace {

// A lineage graph that answers `tables` or throws what it is told to.
class ScriptedLineage final : public services::LineageGraph {
 public:
  std::vector<std::string> tables;
  std::optional<WorkspaceErrorClass> fails;
  int depthAsked = 0;

  services::LineageWalk walk(Workspace&, const std::string& tableFqn,
                             services::LineageDirection direction, int maxDepth,
                             const CallOptions&) override {
    depthAsked = maxDepth;
    if (fails) throw WorkspaceError(*fails, "lineage is down");
    services::LineageWalk w;
    w.start = tableFqn;
    w.direction = direction;
    w.tables = tables;
    return w;
  }
};

TEST(LineageLinks, WithoutAServiceLineageIsUnknownAndSaidSo) {
  clxs::testing::MapServices registry;
  EXPECT_EQ(lineageGraphOf(registry), nullptr);
  clxs::testing::MemoryWorkspace ws("me");
  const auto links =
      linkedTables(nullptr, ws, "c.s.t", services::LineageDirection::Upstream, 1, CallOptions{});
  EXPECT_FALSE(links.tables);
  EXPECT_NE(links.note.find("lineage.graph"), std::string::npos) << links.note;
}

TEST(LineageLinks, TheServiceAnswersTheLinkedTables) {
  clxs::testing::MapServices registry;
  auto graph = std::make_shared<ScriptedLineage>();
  graph->tables = {"c.s.a", "c.s.b"};
  registry.provide<services::LineageGraph>(graph);
  auto found = lineageGraphOf(registry);
  ASSERT_NE(found, nullptr);
  clxs::testing::MemoryWorkspace ws("me");
  const auto links =
      linkedTables(found.get(), ws, "c.s.t", services::LineageDirection::Downstream, 3, {});
  ASSERT_TRUE(links.tables);
  EXPECT_EQ(links.tables->size(), 2u);
  EXPECT_EQ(graph->depthAsked, 3);
}

TEST(LineageLinks, AFailingWalkIsUnknownButCancellationEndsTheCaller) {
  ScriptedLineage graph;
  clxs::testing::MemoryWorkspace ws("me");
  graph.fails = WorkspaceErrorClass::Remote;
  const auto links =
      linkedTables(&graph, ws, "c.s.t", services::LineageDirection::Upstream, 1, CallOptions{});
  EXPECT_FALSE(links.tables);
  EXPECT_NE(links.note.find("lineage is down"), std::string::npos) << links.note;
  graph.fails = WorkspaceErrorClass::Cancelled;
  EXPECT_THROW(
      linkedTables(&graph, ws, "c.s.t", services::LineageDirection::Upstream, 1, CallOptions{}),
      WorkspaceError);
}

}  // namespace
}  // namespace clxs::observability
