#include "plugins/clone/body_check.hpp"

#include <string>
#include <vector>

#include "clxs/text.hpp"

namespace clxs::clone {
namespace {

std::string listOfValues(const std::vector<Json>& values) {
  std::string out;
  for (const auto& v : values) {
    out += (out.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  return out;
}

// 64 rather than 64.0.
std::string boundText(double d) {
  const auto i = static_cast<long long>(d);
  return static_cast<double>(i) == d ? std::to_string(i) : Json(d).dump();
}

std::string checkNumber(const Field& f, const Json& v) {
  const double d = v.get<double>();
  if (f.minimum() && d < *f.minimum()) return "must be at least " + boundText(*f.minimum());
  if (f.maximum() && d > *f.maximum()) return "must be at most " + boundText(*f.maximum());
  return {};
}

std::string checkString(const Field& f, Json& v) {
  const auto s = v.get<std::string>();
  if (!f.enumValues().empty()) {
    for (const auto& allowed : f.enumValues()) {
      if (!allowed.is_string()) continue;
      const auto a = allowed.get<std::string>();
      if (a == s || (f.isCaseInsensitive() && sameName(a, s))) {
        v = a;
        return {};
      }
    }
    return "must be one of " + listOfValues(f.enumValues());
  }
  if (f.isIdentifier()) {
    if (s.empty()) return "must not be empty";
    if (s.size() > 255) return "must be at most 255 characters";
    if (s.find('\0') != std::string::npos) return "must not contain NUL";
  }
  if (f.minimumLength() && s.size() < *f.minimumLength()) {
    return "must have at least " + std::to_string(*f.minimumLength()) + " characters";
  }
  if (f.maximumLength() && s.size() > *f.maximumLength()) {
    return "must have at most " + std::to_string(*f.maximumLength()) + " characters";
  }
  return {};
}

// Checks `v` against `f`; returns "why" or empty. `path` grows for nested values.
std::string checkValue(const Field& f, Json& v, std::string& path) {
  if (v.is_null()) return f.isNullable() || !f.isRequired() ? std::string() : "must not be null";
  switch (f.type()) {
    case FieldType::String:
      if (!v.is_string()) return "must be a string";
      return checkString(f, v);
    case FieldType::Integer:
      if (!v.is_number_integer()) return "must be an integer";
      return checkNumber(f, v);
    case FieldType::Number:
      if (!v.is_number()) return "must be a number";
      return checkNumber(f, v);
    case FieldType::Boolean:
      return v.is_boolean() ? std::string() : "must be true or false";
    case FieldType::Array: {
      if (!v.is_array()) return "must be a list";
      if (f.maximumLength() && v.size() > *f.maximumLength()) return "has too many elements";
      if (f.items().empty()) return {};
      for (std::size_t i = 0; i < v.size(); ++i) {
        std::string inner = path + "[" + std::to_string(i) + "]";
        auto why = checkValue(f.items().front(), v[i], inner);
        if (!why.empty()) {
          path = inner;
          return why;
        }
      }
      return {};
    }
    case FieldType::Object: {
      if (!v.is_object()) return "must be a mapping";
      for (const auto& [name, prop] : f.properties()) {
        std::string inner = path + "." + name;
        if (!v.contains(name)) {
          if (!prop.isRequired()) continue;
          path = inner;
          return "is required";
        }
        auto why = checkValue(prop, v[name], inner);
        if (!why.empty()) {
          path = inner;
          return why;
        }
      }
      return {};
    }
    case FieldType::Any:
      return {};
  }
  return {};
}

}  // namespace

const Field* findField(const Model& model, const std::string& name) {
  for (const auto& [n, field] : model.fields()) {
    if (n == name) return &field;
  }
  return nullptr;
}

std::string checkDeclaredFields(const Model& model, Json& body) {
  if (!body.is_object()) return "must be a mapping";
  for (auto it = body.begin(); it != body.end(); ++it) {
    const Field* f = findField(model, it.key());
    if (f == nullptr) continue;
    std::string path = it.key();
    const auto why = checkValue(*f, it.value(), path);
    if (!why.empty()) return path + " " + why;
  }
  return {};
}

}  // namespace clxs::clone
