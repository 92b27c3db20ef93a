#include "kernel/http/router.hpp"

#include <stdexcept>

namespace clxs::kernel {

namespace {
void checkTemplate(const RouteTarget& t) {
  if (t.spec.path.empty() || t.spec.path.front() != '/') {
    throw std::invalid_argument("route path must start with '/': " + t.spec.path);
  }
  for (const auto& seg : t.segments) {
    const bool open = seg.find('{') != std::string::npos;
    const bool close = seg.find('}') != std::string::npos;
    if ((open || close) && !(seg.front() == '{' && seg.back() == '}' && seg.size() > 2)) {
      throw std::invalid_argument("bad path parameter segment '" + seg + "' in " + t.spec.path);
    }
  }
}
}  // namespace

Router::Router()
    : snapshot_(std::make_shared<RouteTable>(std::vector<std::shared_ptr<const RouteTarget>>{})) {}

void Router::add(const std::string& owner, std::shared_ptr<const void> library, RouteSpec spec,
                 GuardedHandler handler) {
  auto t = std::make_shared<RouteTarget>();
  t->library = std::move(library);
  t->owner = owner;
  t->segments = splitPath(spec.path);
  t->spec = std::move(spec);
  t->handler = std::move(handler);
  checkTemplate(*t);
  validator_.precompile(t->spec);
  std::lock_guard lock(mu_);
  auto next = routes_;
  next.push_back(std::move(t));
  publish(next);
}

void Router::addSocket(const std::string& owner, std::shared_ptr<const void> library,
                       std::string path, std::string summary, GuardedSocketHandler handler) {
  auto t = std::make_shared<RouteTarget>();
  t->library = std::move(library);
  t->owner = owner;
  t->segments = splitPath(path);
  t->spec.path = std::move(path);
  t->spec.summary = std::move(summary);
  t->socket = std::move(handler);
  checkTemplate(*t);
  std::lock_guard lock(mu_);
  auto next = routes_;
  next.push_back(std::move(t));
  publish(next);
}

void Router::answerOnLoop(Method method, const std::string& path) {
  std::lock_guard lock(mu_);
  auto next = routes_;
  for (auto& r : next) {
    if (r->owner == "kernel" && !r->isSocket() && r->spec.method == method &&
        r->spec.path == path) {
      auto marked = std::make_shared<RouteTarget>(*r);
      marked->onLoop = true;
      r = std::move(marked);
      publish(next);
      return;
    }
  }
  throw std::invalid_argument("no kernel route " + path + " to answer on the I/O loop");
}

std::size_t Router::disableOwner(const std::string& owner) {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  std::vector<std::shared_ptr<const RouteTarget>> next;
  next.reserve(routes_.size());
  for (const auto& r : routes_) {
    if (r->owner != owner || r->disabled) {
      next.push_back(r);
      continue;
    }
    // The tombstone keeps only plain strings: no handler, no library reference.
    auto tomb = std::make_shared<RouteTarget>();
    tomb->owner = owner;
    tomb->spec.method = r->spec.method;
    tomb->spec.path = r->spec.path;
    tomb->segments = r->segments;
    tomb->disabled = true;
    if (r->isSocket()) tomb->socket = [](const Request&, WebSocketChannel&) {};
    next.push_back(std::move(tomb));
    ++n;
  }
  publish(next);
  return n;
}

std::vector<std::pair<std::string, std::string>> Router::ownedRoutes(
    const std::string& owner) const {
  std::lock_guard lock(mu_);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : routes_) {
    if (r->owner == owner && !r->disabled) {
      out.emplace_back(r->isSocket() ? "WEBSOCKET" : methodName(r->spec.method), r->spec.path);
    }
  }
  return out;
}

void Router::addTombstones(const std::string& owner,
                           const std::vector<std::pair<std::string, std::string>>& routes) {
  std::lock_guard lock(mu_);
  auto next = routes_;
  for (const auto& [method, path] : routes) {
    auto tomb = std::make_shared<RouteTarget>();
    tomb->owner = owner;
    tomb->spec.path = path;
    tomb->segments = splitPath(path);
    tomb->disabled = true;
    if (method == "WEBSOCKET") {
      tomb->socket = [](const Request&, WebSocketChannel&) {};
    } else {
      for (Method m : {Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete}) {
        if (method == methodName(m)) tomb->spec.method = m;
      }
    }
    next.push_back(std::move(tomb));
  }
  publish(next);
}

std::size_t Router::countOwned(const std::string& owner) const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const auto& r : routes_) n += (r->owner == owner && !r->disabled) ? 1 : 0;
  return n;
}

std::shared_ptr<const RouteTable> Router::snapshot() const {
  return snapshot_.load(std::memory_order_acquire);
}

void Router::publish(const std::vector<std::shared_ptr<const RouteTarget>>& routes) {
  // Drop tombstones that a live route of the same method and path now replaces.
  std::vector<std::shared_ptr<const RouteTarget>> kept;
  for (const auto& r : routes) {
    if (r->disabled) {
      bool replaced = false;
      for (const auto& o : routes) {
        if (!o->disabled && o->spec.path == r->spec.path && o->spec.method == r->spec.method &&
            o->isSocket() == r->isSocket()) {
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    kept.push_back(r);
  }
  auto table = std::make_shared<RouteTable>(kept);
  routes_ = std::move(kept);
  snapshot_.store(std::move(table), std::memory_order_release);
}

void OwnedRoutes::addGuarded(RouteSpec spec, GuardedHandler handler) {
  router_.add(owner_, lease(), std::move(spec), std::move(handler));
}

void OwnedRoutes::addSocketGuarded(std::string path, std::string summary,
                                   GuardedSocketHandler handler) {
  router_.addSocket(owner_, lease(), std::move(path), std::move(summary), std::move(handler));
}

}  // namespace clxs::kernel
