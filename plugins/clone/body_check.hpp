// Bodies that do not come through the kernel's validator (a schedule's stored job, a
// template's settings, an event) are checked here against the same model the route
// declares, so Schema::parse, which trusts its input, only ever reads checked values.
#pragma once

#include <string>

#include "clxs/error.hpp"
#include "clxs/json.hpp"
#include "clxs/model.hpp"
#include "clxs/schema.hpp"

namespace clxs::clone {

/// The field `name` of `model`, or nullptr.
const Field* findField(const Model& model, const std::string& name);

/// Checks the fields of `body` that `model` declares (types, allowed values, bounds,
/// identifiers, nested objects) and normalises enum spelling ("shallow" → "SHALLOW"). Absent
/// and undeclared fields are left alone. Returns the first problem as "field why" (a nested
/// field as "include_objects[0].type"), or empty.
std::string checkDeclaredFields(const Model& model, Json& body);

/// `body` read into T as its route would read it: 422 at {"body"} naming the first field
/// checkDeclaredFields() refuses, then T's own checks.
template <class T>
requires HasSchema<T> T parseUnvalidated(Json body) {
  const auto why = checkDeclaredFields(T::schema().model(), body);
  if (!why.empty()) throw unprocessable(Json::array({"body"}), why);
  return T::schema().parse(body);
}

}  // namespace clxs::clone
