#include "kernel/auth/request_fields.hpp"

namespace clxs::kernel {

std::string stringField(const clxs::Json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace clxs::kernel
