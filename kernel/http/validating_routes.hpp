// A Routes for unit tests of kernel routes whose handlers trust the declared models: like
// CaptureRoutes, but each call is first validated against what its route declares, as the
// server does, so bad input gets the server's 422 and handlers see defaults applied.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "kernel/http/validator.hpp"
#include "tests/support/capture_routes.hpp"

namespace clxs::kernel::testing {

/// Records routes by "METHOD path" and calls them through the kernel's Validator.
class ValidatingRoutes final : public Routes {
 public:
  void addGuarded(RouteSpec spec, GuardedHandler handler) override {
    validator_.precompile(spec);
    routes_.addGuarded(std::move(spec), std::move(handler));
  }
  void addSocketGuarded(std::string path, std::string summary,
                        GuardedSocketHandler handler) override {
    routes_.addSocketGuarded(std::move(path), std::move(summary), std::move(handler));
  }
  /// Validates `parts` (query values as strings, body as JSON; a null body counts as {})
  /// and calls the route, or answers 422 with every issue.
  Response call(const std::string& key, RequestParts parts = {}) {
    const RouteSpec& spec = routes_.spec(key);
    Json issues = Json::array();
    std::map<std::string, std::string> rawQuery;
    for (const auto& [name, value] : parts.query.items()) {
      rawQuery[name] = value.is_string() ? value.get<std::string>() : value.dump();
    }
    parts.query = validator_.params(spec.query, rawQuery, "query", issues);
    const Json path = validator_.params(spec.pathParams, parts.pathParams, "path", issues);
    for (auto& [name, value] : parts.pathParams) {
      value = path[name].is_string() ? path[name].get<std::string>() : path[name].dump();
    }
    if (spec.body) {
      parts.body =
          validator_.body(*spec.body, parts.body.is_null() ? Json::object() : parts.body, issues);
    }
    if (!issues.empty()) return Response::error(422, issues);
    return routes_.call(key, std::move(parts));
  }
  /// Whether a route was registered.
  [[nodiscard]] bool has(const std::string& key) const { return routes_.has(key); }
  /// The spec a route was registered with.
  [[nodiscard]] const RouteSpec& spec(const std::string& key) const { return routes_.spec(key); }

 private:
  clxs::testing::CaptureRoutes routes_;
  Validator validator_;
};

}  // namespace clxs::kernel::testing
