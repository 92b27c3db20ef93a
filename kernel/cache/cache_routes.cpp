#include "kernel/cache/cache_routes.hpp"

#include <cstdint>
#include <string>

namespace clxs::kernel {
namespace {

struct CacheInvalidateRequest {
  std::string catalog;
  static const Schema<CacheInvalidateRequest>& schema() {
    static const auto s =
        Schema<CacheInvalidateRequest>("CacheInvalidateRequest")
            .field("catalog", &CacheInvalidateRequest::catalog,
                   Field::string().required().identifier().describe("Catalog name"));
    return s;
  }
};

struct CacheCleared {
  std::string status = "cleared";
  static const Schema<CacheCleared>& schema() {
    static const auto s = Schema<CacheCleared>("CacheCleared")
                              .field("status", &CacheCleared::status,
                                     Field::string().required().describe("Always cleared"));
    return s;
  }
};

struct CacheInvalidated {
  std::string status = "invalidated";
  std::string catalog;
  std::uint64_t entriesRemoved = 0;
  static const Schema<CacheInvalidated>& schema() {
    static const auto s =
        Schema<CacheInvalidated>("CacheInvalidated")
            .field("status", &CacheInvalidated::status,
                   Field::string().required().describe("Always invalidated"))
            .field("catalog", &CacheInvalidated::catalog,
                   Field::string().required().describe("The catalog asked for"))
            .field("entries_removed", &CacheInvalidated::entriesRemoved,
                   Field::integer().required().describe("Cached answers dropped"));
    return s;
  }
};

Model cacheStatsModel() {
  return Model("CacheStats")
      .field("hits", Field::integer().required().describe("Lookups answered from the cache"))
      .field("misses", Field::integer().required().describe("Lookups that loaded"))
      .field("size", Field::integer().required().describe("Entries not yet expired"))
      .field("ttl_seconds", Field::integer().required().describe("Lifetime of an entry"));
}

}  // namespace

void registerCacheRoutes(Routes& routes, MetadataCache& cache) {
  routes.get("/api/cache/stats")
      .summary("Returns cache hit/miss counters and current size.")
      .returns(cacheStatsModel())
      .handle([&cache](const Request&) { return cache.stats(); });
  routes.post("/api/cache/clear")
      .summary("Clear all cached metadata entries and reset counters.")
      .returns<CacheCleared>()
      .mutates()
      .handle([&cache](const Request&) {
        cache.clear();
        return CacheCleared{};
      });
  routes.post("/api/cache/invalidate")
      .summary("Invalidate cached metadata for a specific catalog.")
      .description("Useful after changing a catalog outside clxs; other catalogs stay cached.")
      .body<CacheInvalidateRequest>()
      .returns<CacheInvalidated>()
      .mutates()
      .handle([&cache](const Request&, const CacheInvalidateRequest& body) {
        return CacheInvalidated{.catalog = body.catalog,
                                .entriesRemoved = cache.invalidate(body.catalog)};
      });
}

}  // namespace clxs::kernel
