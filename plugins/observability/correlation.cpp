#include "plugins/observability/correlation.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include "clxs/clock.hpp"

namespace clxs::observability {
namespace {

// Union-find over event positions.
class Partition {
 public:
  explicit Partition(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<std::size_t> parent_;
};

int hopsBetween(const LineageLinks& links, const std::string& up, const std::string& down) {
  const auto u = links.find(up);
  if (u == links.end()) return 0;
  const auto d = u->second.find(down);
  return d == u->second.end() ? 0 : d->second;
}

bool related(const LineageLinks& links, const std::string& a, const std::string& b) {
  return a == b || hopsBetween(links, a, b) > 0 || hopsBetween(links, b, a) > 0;
}

void chooseRoot(CorrelationGroup& g, const LineageLinks& links, std::chrono::minutes window) {
  std::set<std::string> tables;
  for (const auto& m : g.members) tables.insert(m.tableFqn);
  for (const auto& up : tables) {
    for (const auto& down : tables) {
      if (const int hops = up == down ? 0 : hopsBetween(links, up, down); hops > 0)
        g.edges.push_back({up, down, hops});
    }
  }
  const auto hasFailingUpstream = [&](const std::string& t) {
    return std::any_of(g.edges.begin(), g.edges.end(),
                       [&](const GroupEdge& e) { return e.downstream == t; });
  };
  // Members are by time, so the first without a failing upstream is the earliest such.
  const auto root = std::find_if(g.members.begin(), g.members.end(),
                                 [&](const auto& m) { return !hasFailingUpstream(m.tableFqn); });
  const bool cycle = root == g.members.end();
  const auto& chosen = cycle ? g.members.front() : *root;
  g.rootTable = chosen.tableFqn;
  g.rootEventId = chosen.id;
  const auto descendants = std::count_if(g.edges.begin(), g.edges.end(), [&](const GroupEdge& e) {
    return e.upstream == chosen.tableFqn;
  });
  const auto lead = std::chrono::duration<double>(g.members.back().at - chosen.at).count();
  const auto span = std::chrono::duration<double>(window).count();
  g.score = static_cast<double>(descendants) + std::clamp(lead / span, 0.0, 1.0);
  const auto when = isoUtc(chosen.at);
  if (cycle) {
    g.reason = "every failing table of the group has a failing upstream (a lineage cycle): " +
               chosen.tableFqn + " failed first, at " + when;
  } else if (descendants == 0) {
    g.reason = chosen.tableFqn + " failed first (" + chosen.kind + " at " + when +
               ") and no failing table of the group is upstream of it";
  } else {
    g.reason = chosen.tableFqn + " is upstream of " + std::to_string(descendants) +
               " other failing table" + (descendants == 1 ? "" : "s") +
               " of the group and has no failing upstream itself; its " + chosen.kind +
               " started at " + when;
  }
}

}  // namespace

std::vector<CorrelationGroup> correlate(std::vector<CorrelationEvent> events,
                                        const LineageLinks& links, std::chrono::minutes window) {
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.at < b.at; });
  Partition parts(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    for (std::size_t j = i + 1; j < events.size() && events[j].at - events[i].at <= window; ++j) {
      if (related(links, events[i].tableFqn, events[j].tableFqn)) parts.join(i, j);
    }
  }
  std::map<std::size_t, CorrelationGroup> byRoot;
  for (std::size_t i = 0; i < events.size(); ++i)
    byRoot[parts.find(i)].members.push_back(events[i]);
  std::vector<CorrelationGroup> groups;
  for (auto& [root, g] : byRoot) {
    if (g.members.size() < 2) continue;
    chooseRoot(g, links, window);
    groups.push_back(std::move(g));
  }
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    return a.members.front().at < b.members.front().at;
  });
  return groups;
}

}  // namespace clxs::observability
