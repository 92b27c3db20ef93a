#include "kernel/http/route_table.hpp"

#include <stdexcept>

namespace clxs::kernel {

namespace {
bool isParam(const std::string& seg) {
  return seg.size() >= 2 && seg.front() == '{' && seg.back() == '}';
}
std::string methodKey(const RouteTarget& t) {
  return t.isSocket() ? "WEBSOCKET" : methodName(t.spec.method);
}

// The segments of `path` as views into it ("/api/x/" == "/api/x").
std::vector<std::string_view> pathSegments(std::string_view path) {
  std::vector<std::string_view> out;
  out.reserve(8);
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    if (i >= path.size()) break;
    const std::size_t j = path.find('/', i);
    const std::size_t end = j == std::string_view::npos ? path.size() : j;
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

}  // namespace

std::vector<std::string> splitPath(std::string_view path) {
  const auto views = pathSegments(path);
  return {views.begin(), views.end()};
}

RouteTable::RouteTable(std::vector<std::shared_ptr<const RouteTarget>> routes)
    : routes_(std::move(routes)) {
  for (const auto& r : routes_) {
    Node* node = &root_;
    for (const auto& seg : r->segments) {
      if (isParam(seg)) {
        if (!node->param) node->param = std::make_unique<Node>();
        node = node->param.get();
      } else {
        auto& child = node->literals[seg];
        if (!child) child = std::make_unique<Node>();
        node = child.get();
      }
    }
    const std::string key = methodKey(*r);
    auto [it, inserted] = node->byMethod.emplace(key, r);
    if (!inserted) {
      // A live route replaces a tombstone of the same path (a plugin re-enabled or
      // replaced); two live routes on one path is a programming error.
      if (it->second->disabled && !r->disabled) {
        it->second = r;
      } else if (!r->disabled) {
        throw std::invalid_argument("duplicate route " + key + " " + r->spec.path + " (" +
                                    r->owner + " and " + it->second->owner + ")");
      }
    }
  }
}

void RouteTable::collect(const Node& node, const std::vector<std::string_view>& segs, std::size_t i,
                         std::vector<const Node*>& leaves) const {
  if (i == segs.size()) {
    if (!node.byMethod.empty()) leaves.push_back(&node);
    return;
  }
  if (auto it = node.literals.find(segs[i]); it != node.literals.end()) {
    collect(*it->second, segs, i + 1, leaves);
  }
  if (node.param) collect(*node.param, segs, i + 1, leaves);
}

RouteMatch RouteTable::match(std::string_view method, std::string_view path, bool websocket) const {
  // Views and no copies: this runs for every request.
  const auto segs = pathSegments(path);
  std::vector<const Node*> leaves;
  leaves.reserve(4);
  collect(root_, segs, 0, leaves);
  RouteMatch m;
  const std::string_view key = websocket ? std::string_view("WEBSOCKET") : method;
  for (const Node* leaf : leaves) {
    auto it = leaf->byMethod.find(key);
    if (it == leaf->byMethod.end()) continue;
    m.target = it->second;
    for (std::size_t i = 0; i < segs.size(); ++i) {
      const auto& t = m.target->segments[i];
      if (isParam(t)) m.params[t.substr(1, t.size() - 2)] = std::string(segs[i]);
    }
    return m;
  }
  for (const Node* leaf : leaves) {
    for (const auto& [meth, target] : leaf->byMethod) {
      if (meth != "WEBSOCKET") m.allowed.push_back(meth);
    }
  }
  return m;
}

}  // namespace clxs::kernel
