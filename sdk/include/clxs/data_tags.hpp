// What Unity Catalog tags say about a table or a column, read the same way by every plugin:
// personal data, its protection, and certification. Until a discovery service classifies
// columns, tags are the evidence there is.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "clxs/text.hpp"
#include "clxs/workspace/types.hpp"

namespace clxs {

namespace detail {
/// Whether `value` (lower case) is one of `values`.
template <std::size_t N>
bool oneOfTags(const std::string& value, const std::array<std::string_view, N>& values) {
  for (const auto v : values) {
    if (value == v) return true;
  }
  return false;
}
/// Whether a flag tag's value leaves it set: anything but "false", "no" or "0".
inline bool tagSet(const std::string& value) {
  return value != "false" && value != "no" && value != "0";
}
}  // namespace detail

/// Whether a tag marks personal data: `pii`, `personal` or `personal_data` (unless its value
/// is false/no/0), Databricks' classification tags (`class.*`), or a classification key
/// (`classification`, `data_classification`, `sensitivity`) whose value says so.
inline bool isPersonalDataTag(const TagInfo& t) {
  const std::string key = lowerAscii(t.key);
  const std::string value = lowerAscii(t.value);
  if (key == "pii" || key == "personal_data" || key == "personal") return detail::tagSet(value);
  if (key.rfind("class.", 0) == 0) return true;
  if (key == "classification" || key == "data_classification" || key == "sensitivity") {
    static constexpr std::array<std::string_view, 8> kPersonal{
        "pii",          "personal",   "personal_data", "sensitive",
        "confidential", "restricted", "phi",           "pci"};
    return detail::oneOfTags(value, kPersonal);
  }
  return false;
}

/// Whether a tag says its column is protected: `masked`, `mask`, `masking_policy`,
/// `protected`, `encrypted`, `tokenized` or `hashed` (unless its value is false/no/0).
inline bool isProtectionTag(const TagInfo& t) {
  static constexpr std::array<std::string_view, 7> kKeys{
      "masked", "mask", "masking_policy", "protected", "encrypted", "tokenized", "hashed"};
  return detail::oneOfTags(lowerAscii(t.key), kKeys) && detail::tagSet(lowerAscii(t.value));
}

/// Whether a table tag certifies the table: `certified` (unless false/no/0), or
/// `certification` / `certification_status` valued certified, approved, gold or trusted.
inline bool isCertificationTag(const TagInfo& t) {
  const std::string key = lowerAscii(t.key);
  const std::string value = lowerAscii(t.value);
  if (!t.column.empty()) return false;
  if (key == "certified") return detail::tagSet(value);
  if (key == "certification" || key == "certification_status") {
    static constexpr std::array<std::string_view, 4> kCertified{"certified", "approved", "gold",
                                                                "trusted"};
    return detail::oneOfTags(value, kCertified);
  }
  return false;
}

}  // namespace clxs
