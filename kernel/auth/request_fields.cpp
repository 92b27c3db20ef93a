#include "kernel/auth/request_fields.hpp"

#include "clxs/error.hpp"

namespace clxs::kernel {

std::string requiredBodyString(const clxs::Json& body, const char* field) {
  const clxs::Json loc = clxs::Json::array({"body", field});
  auto it = body.is_object() ? body.find(field) : body.end();
  if (!body.is_object() || it == body.end() || it->is_null()) {
    throw clxs::unprocessable(loc, "Field required", "missing");
  }
  if (!it->is_string())
    throw clxs::unprocessable(loc, "Input should be a valid string", "string_type");
  std::string value = it->get<std::string>();
  if (value.empty()) {
    throw clxs::unprocessable(loc, "String should have at least 1 character", "string_too_short");
  }
  return value;
}

std::string optionalBodyString(const clxs::Json& body, const char* field,
                               const std::string& fallback) {
  auto it = body.is_object() ? body.find(field) : body.end();
  if (!body.is_object() || it == body.end() || it->is_null()) return fallback;
  if (!it->is_string()) {
    throw clxs::unprocessable(clxs::Json::array({"body", field}), "Input should be a valid string",
                              "string_type");
  }
  return it->get<std::string>();
}

std::string stringField(const clxs::Json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace clxs::kernel
