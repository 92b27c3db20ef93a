#include "kernel/config/secret_mask.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "clxs/credentials.hpp"

namespace clxs::kernel {
namespace {

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void maskInPlace(Json& value) {
  if (value.is_array()) {
    for (auto& item : value) maskInPlace(item);
    return;
  }
  if (!value.is_object()) return;
  for (auto& [key, item] : value.items()) {
    if (isSecretKey(key)) {
      item = maskAllStrings(std::move(item));
    } else {
      maskInPlace(item);
    }
  }
}

}  // namespace

Json maskAllStrings(Json value) {
  if (value.is_string()) return maskSecret(value.get<std::string>());
  if (value.is_structured()) {
    for (auto& item : value) item = maskAllStrings(std::move(item));
  }
  return value;
}

bool isSecretKey(std::string_view key) {
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view exact : {"token", "client_secret", "password", "api_key", "webhook"}) {
    if (lower == exact) return true;
  }
  for (std::string_view suffix : {"_token", "_secret", "_password", "_api_key", "_webhook_url"}) {
    if (endsWith(lower, suffix)) return true;
  }
  return false;
}

Json maskSecrets(Json value) {
  maskInPlace(value);
  return value;
}

}  // namespace clxs::kernel
