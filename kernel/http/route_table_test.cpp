#include "kernel/http/route_table.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>

#include "kernel/http/router.hpp"

namespace clxs::kernel {
namespace {

std::string call(const RouteMatch& m) {
  return m.target->handler(Request(RequestParts{})).body()["route"].get<std::string>();
}

class RouterTest : public ::testing::Test {
 protected:
  // Declares a route of `owner` answering {"route": path}; it holds what `lease` hands out.
  void add(Method m, const std::string& path, const std::string& owner = "p",
           LeaseSource lease = {}) {
    OwnedRoutes routes(router, owner, std::move(lease));
    RouteBuilder<>(routes, m, path).summary(path).handle([path](const Request&) {
      return Json{{"route", path}};
    });
  }
  Router router;
};

TEST_F(RouterTest, LiteralSegmentWinsOverParameter) {
  add(Method::Get, "/api/clone/{job_id}");
  add(Method::Get, "/api/clone/jobs");
  auto m = router.snapshot()->match("GET", "/api/clone/jobs");
  ASSERT_TRUE(m.target);
  EXPECT_EQ(call(m), "/api/clone/jobs");
  m = router.snapshot()->match("GET", "/api/clone/abc");
  ASSERT_TRUE(m.target);
  EXPECT_EQ(call(m), "/api/clone/{job_id}");
  EXPECT_EQ(m.params.at("job_id"), "abc");
}

TEST_F(RouterTest, FallsBackToParameterRouteWhenLiteralLacksTheMethod) {
  add(Method::Get, "/api/clone/jobs");
  add(Method::Delete, "/api/clone/{job_id}");
  auto m = router.snapshot()->match("DELETE", "/api/clone/jobs");
  ASSERT_TRUE(m.target);
  EXPECT_EQ(m.params.at("job_id"), "jobs");
}

TEST_F(RouterTest, KnownPathWithOtherMethodReportsAllowedMethods) {
  add(Method::Get, "/api/notebooks");
  add(Method::Post, "/api/notebooks");
  auto m = router.snapshot()->match("DELETE", "/api/notebooks");
  EXPECT_FALSE(m.target);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "POST"}));
  m = router.snapshot()->match("GET", "/api/nothing");
  EXPECT_FALSE(m.target);
  EXPECT_TRUE(m.allowed.empty());
}

TEST_F(RouterTest, TrailingSlashAndMultipleParameters) {
  add(Method::Get, "/api/catalogs/{catalog}/{schema}/tables");
  auto m = router.snapshot()->match("GET", "/api/catalogs/c1/s1/tables/");
  ASSERT_TRUE(m.target);
  EXPECT_EQ(m.params.at("catalog"), "c1");
  EXPECT_EQ(m.params.at("schema"), "s1");
}

TEST_F(RouterTest, DisablingAnOwnerLeavesTombstonesAndReEnablingReplacesThem) {
  add(Method::Get, "/api/a", "alpha");
  add(Method::Get, "/api/b", "beta");
  EXPECT_EQ(router.disableOwner("alpha"), 1u);
  auto m = router.snapshot()->match("GET", "/api/a");
  ASSERT_TRUE(m.target);
  EXPECT_TRUE(m.target->disabled);
  EXPECT_EQ(m.target->owner, "alpha");
  EXPECT_FALSE(m.target->library);
  EXPECT_EQ(router.countOwned("alpha"), 0u);
  add(Method::Get, "/api/a", "alpha");
  m = router.snapshot()->match("GET", "/api/a");
  ASSERT_TRUE(m.target);
  EXPECT_FALSE(m.target->disabled);
  EXPECT_EQ(router.countOwned("alpha"), 1u);
}

TEST_F(RouterTest, DuplicateLiveRouteIsRejected) {
  add(Method::Get, "/api/x");
  EXPECT_THROW(add(Method::Get, "/api/x", "other"), std::invalid_argument);
}

TEST_F(RouterTest, MalformedTemplateIsRejected) {
  EXPECT_THROW(add(Method::Get, "api/x"), std::invalid_argument);
  EXPECT_THROW(add(Method::Get, "/api/{x"), std::invalid_argument);
  EXPECT_THROW(add(Method::Get, "/api/{}"), std::invalid_argument);
}

TEST_F(RouterTest, SnapshotKeepsLibraryAliveUntilReleased) {
  auto lib = std::make_shared<int>(42);
  std::weak_ptr<int> weak = lib;
  add(Method::Get, "/api/lib", "p", [lib] { return lib; });
  lib.reset();
  auto held = router.snapshot();
  router.disableOwner("p");
  EXPECT_FALSE(weak.expired()) << "an in-flight snapshot must keep the plugin loaded";
  held.reset();
  EXPECT_TRUE(weak.expired());
}

TEST_F(RouterTest, WebSocketRoutesMatchOnlyUpgrades) {
  router.addSocket("k", nullptr, "/api/clone/ws/{job_id}", "ws",
                   [](const Request&, WebSocketChannel&) {});
  EXPECT_FALSE(router.snapshot()->match("GET", "/api/clone/ws/1").target);
  auto m = router.snapshot()->match("GET", "/api/clone/ws/1", true);
  ASSERT_TRUE(m.target);
  EXPECT_TRUE(m.target->isSocket());
}

TEST_F(RouterTest, OnlyTheKernelsOwnRoutesAreAnsweredOnTheLoop) {
  add(Method::Get, "/api/health", "kernel");
  add(Method::Get, "/api/slow", "p");
  auto before = router.snapshot();
  EXPECT_FALSE(before->match("GET", "/api/health").target->onLoop);  // not by default
  router.answerOnLoop(Method::Get, "/api/health");
  const auto m = router.snapshot()->match("GET", "/api/health");
  ASSERT_TRUE(m.target);
  EXPECT_TRUE(m.target->onLoop);
  EXPECT_EQ(call(m), "/api/health");
  // A snapshot taken before is immutable; a plugin's route cannot be marked.
  EXPECT_FALSE(before->match("GET", "/api/health").target->onLoop);
  EXPECT_THROW(router.answerOnLoop(Method::Get, "/api/slow"), std::invalid_argument);
  EXPECT_THROW(router.answerOnLoop(Method::Post, "/api/health"), std::invalid_argument);
  EXPECT_FALSE(router.snapshot()->match("GET", "/api/slow").target->onLoop);
}

}  // namespace
}  // namespace clxs::kernel
