// Validates request bodies, query and path parameters against declared models and fields,
// applying defaults and producing FastAPI-shaped 422 details.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "clxs/json.hpp"
#include "clxs/model.hpp"
#include "clxs/routes.hpp"

namespace re2 {
class RE2;
}

namespace clxs::kernel {

/// Validation against Model/Field declarations. Patterns are RE2 (linear time), compiled
/// once and shared.
class Validator {
 public:
  Validator();
  ~Validator();
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  /// Compiles every pattern a route declares; throws std::invalid_argument on a bad one.
  void precompile(const RouteSpec& spec);

  /// Validates a parsed JSON body against `model`. Appends issues to `issues`; returns the
  /// body with defaults applied and unknown fields kept.
  Json body(const Model& model, const Json& input, Json& issues);

  /// Validates string parameters (query or path) against declared fields, converting them
  /// to their declared types. `where` is "query" or "path". Undeclared parameters are kept
  /// as strings.
  Json params(const std::vector<std::pair<std::string, Field>>& fields,
              const std::map<std::string, std::string>& raw, const std::string& where,
              Json& issues);

 private:
  Json value(const Field& field, const Json& input, const Json& loc, Json& issues);
  const re2::RE2& regex(const std::string& pattern);

  std::mutex mu_;
  std::map<std::string, std::unique_ptr<re2::RE2>> patterns_;
};

}  // namespace clxs::kernel
