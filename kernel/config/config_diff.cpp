#include "kernel/config/config_diff.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "kernel/config/secret_mask.hpp"
#include "kernel/config/yaml_edit.hpp"

namespace clxs::kernel {
namespace {

Json shown(const std::string& leafKey, const Json& value) {
  return isSecretKey(leafKey) ? maskAllStrings(value) : maskSecrets(value);
}

void walk(const Json& a, const Json& b, const std::string& prefix, std::vector<Json>& out) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : a.items()) keys.push_back(k);
  for (const auto& [k, v] : b.items()) {
    if (!a.contains(k)) keys.push_back(k);
  }
  for (const auto& key : keys) {
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    const auto inA = a.find(key);
    const auto inB = b.find(key);
    if (inB == b.end()) {
      out.push_back(
          {{"key", path}, {"a", shown(key, *inA)}, {"b", nullptr}, {"change", "removed"}});
    } else if (inA == a.end()) {
      out.push_back({{"key", path}, {"a", nullptr}, {"b", shown(key, *inB)}, {"change", "added"}});
    } else if (inA->is_object() && inB->is_object()) {
      walk(*inA, *inB, path, out);
    } else if (!sameJson(*inA, *inB)) {
      out.push_back(
          {{"key", path}, {"a", shown(key, *inA)}, {"b", shown(key, *inB)}, {"change", "changed"}});
    }
  }
}

}  // namespace

Json diffConfigs(const Json& a, const Json& b) {
  std::vector<Json> entries;
  walk(a.is_object() ? a : Json::object(), b.is_object() ? b : Json::object(), "", entries);
  std::stable_sort(entries.begin(), entries.end(), [](const Json& x, const Json& y) {
    return x["key"].get_ref<const std::string&>() < y["key"].get_ref<const std::string&>();
  });
  Json out = Json::array();
  for (auto& e : entries) out.push_back(std::move(e));
  return out;
}

}  // namespace clxs::kernel
