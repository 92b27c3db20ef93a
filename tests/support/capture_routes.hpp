// A Routes implementation for unit tests: keeps handlers so a test can call them directly.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "clxs/routes.hpp"

namespace clxs::testing {

/// Records registered routes by "METHOD path" and invokes them with hand-built requests.
class CaptureRoutes final : public Routes {
 public:
  void addGuarded(RouteSpec spec, GuardedHandler handler) override {
    const std::string key = std::string(methodName(spec.method)) + " " + spec.path;
    specs_.emplace(key, spec);
    handlers_.emplace(key, std::move(handler));
  }
  void addSocketGuarded(std::string path, std::string, GuardedSocketHandler handler) override {
    sockets_.emplace(std::move(path), std::move(handler));
  }
  /// Calls a captured route; the body is used as-is (no model validation here).
  Response call(const std::string& key, RequestParts parts = {}) const {
    auto it = handlers_.find(key);
    if (it == handlers_.end()) throw std::out_of_range("no route " + key);
    return it->second(Request(std::move(parts)));
  }
  /// Whether a route was registered.
  bool has(const std::string& key) const { return handlers_.count(key) != 0; }
  /// The spec a route was registered with.
  const RouteSpec& spec(const std::string& key) const { return specs_.at(key); }

 private:
  std::map<std::string, RouteSpec> specs_;
  std::map<std::string, GuardedHandler> handlers_;
  std::map<std::string, GuardedSocketHandler> sockets_;
};

}  // namespace clxs::testing
