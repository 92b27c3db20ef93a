#include "kernel/cache/metadata_cache.hpp"

#include <gtest/gtest.h>

#include "kernel/cache/cache_routes.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"

namespace clxs::kernel {
namespace {

TEST(MetadataCache, HitsMissesTtlAndInvalidation) {
  clxs::testing::ManualClock clock;
  MetadataCache cache(clock, std::chrono::seconds(300));
  int loads = 0;
  auto loader = [&] { return Json(++loads); };
  EXPECT_EQ(cache.getOrLoad("prod", "schemas", loader), 1);
  EXPECT_EQ(cache.getOrLoad("prod", "schemas", loader), 1);
  EXPECT_EQ(cache.getOrLoad("dev", "schemas", loader), 2);
  auto s = cache.stats();
  EXPECT_EQ(s["hits"], 1);
  EXPECT_EQ(s["misses"], 2);
  EXPECT_EQ(s["size"], 2);
  EXPECT_EQ(s["ttl_seconds"], 300.0);

  clock.advance(std::chrono::seconds(301));
  EXPECT_EQ(cache.getOrLoad("prod", "schemas", loader), 3) << "expired entries reload";

  EXPECT_EQ(cache.invalidate("prod"), 1u);
  EXPECT_EQ(cache.invalidate("prod"), 0u);
  EXPECT_EQ(cache.stats()["size"], 0) << "dev expired too";
}

TEST(MetadataCache, LoaderFailureCachesNothing) {
  clxs::testing::ManualClock clock;
  MetadataCache cache(clock, std::chrono::seconds(300));
  EXPECT_THROW(cache.getOrLoad("c", "k", []() -> Json { throw std::runtime_error("x"); }),
               std::runtime_error);
  EXPECT_EQ(cache.getOrLoad("c", "k", [] { return Json(5); }), 5);
}

TEST(CacheRoutes, ClearResetsCountersAndInvalidateReportsRemovals) {
  clxs::testing::ManualClock clock;
  MetadataCache cache(clock, std::chrono::seconds(60));
  clxs::testing::CaptureRoutes routes;
  registerCacheRoutes(routes, cache);
  cache.getOrLoad("prod", "a", [] { return Json(1); });
  cache.getOrLoad("prod", "b", [] { return Json(2); });
  RequestParts p;
  p.body = Json{{"catalog", "prod"}};
  auto r = routes.call("POST /api/cache/invalidate", p);
  EXPECT_EQ(r.body()["entries_removed"], 2);
  EXPECT_EQ(r.body()["status"], "invalidated");
  cache.getOrLoad("x", "a", [] { return Json(1); });
  EXPECT_EQ(routes.call("POST /api/cache/clear").body()["status"], "cleared");
  auto stats = routes.call("GET /api/cache/stats").body();
  EXPECT_EQ(stats["hits"], 0);
  EXPECT_EQ(stats["misses"], 0);
  EXPECT_EQ(stats["size"], 0);
}

}  // namespace
}  // namespace clxs::kernel
