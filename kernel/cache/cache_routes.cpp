#include "kernel/cache/cache_routes.hpp"

namespace clxs::kernel {

void registerCacheRoutes(Routes& routes, MetadataCache& cache) {
  routes.add(RouteSpec{Method::Get, "/api/cache/stats",
                       "Returns cache hit/miss counters and current size."},
             [&cache](const Request&) { return Response(cache.stats()); });
  routes.add(RouteSpec{Method::Post,
                       "/api/cache/clear",
                       "Clear all cached metadata entries and reset counters.",
                       "",
                       std::nullopt,
                       {},
                       {},
                       true},
             [&cache](const Request&) {
               cache.clear();
               return Response(Json{{"status", "cleared"}});
             });
  RouteSpec inv{Method::Post, "/api/cache/invalidate",
                "Invalidate cached metadata for a specific catalog.",
                "Useful after changing a catalog outside clxs; other catalogs stay cached."};
  inv.body =
      Model("CacheInvalidateRequest")
          .field("catalog", Field::string().required().identifier().describe("Catalog name"));
  inv.mutates = true;
  routes.add(std::move(inv), [&cache](const Request& r) {
    const auto catalog = r.body()["catalog"].get<std::string>();
    const auto removed = cache.invalidate(catalog);
    return Response(
        Json{{"status", "invalidated"}, {"catalog", catalog}, {"entries_removed", removed}});
  });
}

}  // namespace clxs::kernel
