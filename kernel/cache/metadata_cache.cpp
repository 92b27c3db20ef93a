#include "kernel/cache/metadata_cache.hpp"

namespace clxs::kernel {

MetadataCache::MetadataCache(const Clock& clock, std::chrono::duration<double> ttl)
    : clock_(clock), ttl_(ttl) {}

Json MetadataCache::getOrLoad(const std::string& catalog, const std::string& key,
                              const std::function<Json()>& loader) {
  const auto now = clock_.steadyNow();
  {
    std::lock_guard lock(mu_);
    auto c = entries_.find(catalog);
    if (c != entries_.end()) {
      auto e = c->second.find(key);
      if (e != c->second.end()) {
        if (e->second.expires > now) {
          ++hits_;
          return e->second.value;
        }
        c->second.erase(e);
      }
    }
    ++misses_;
  }
  Json value = loader();
  std::lock_guard lock(mu_);
  entries_[catalog][key] =
      Entry{value, now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(ttl_)};
  return value;
}

std::size_t MetadataCache::invalidate(const std::string& catalog) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(catalog);
  if (it == entries_.end()) return 0;
  const auto n = it->second.size();
  entries_.erase(it);
  return n;
}

void MetadataCache::clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
  hits_ = 0;
  misses_ = 0;
}

Json MetadataCache::stats() {
  std::lock_guard lock(mu_);
  const auto now = clock_.steadyNow();
  std::size_t size = 0;
  for (const auto& [cat, m] : entries_) {
    for (const auto& [k, e] : m) size += e.expires > now ? 1 : 0;
  }
  return Json{{"hits", hits_}, {"misses", misses_}, {"size", size}, {"ttl_seconds", ttl_.count()}};
}

}  // namespace clxs::kernel
