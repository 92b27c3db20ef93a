// Integration-test helper: percent-encoding of one URL path segment or query value.
#pragma once

#include <cctype>
#include <string>

namespace clxs::testing {

/// Every byte but letters, digits, `_`, `-` and `.` as %XX.
inline std::string urlEncode(const std::string& s) {
  static constexpr const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '_' || c == '-' || c == '.') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace clxs::testing
