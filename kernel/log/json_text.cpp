#include "kernel/log/json_text.hpp"

#include <cmath>
#include <cstdint>

#include "clxs/utf8.hpp"

namespace clxs::kernel {

void appendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    // Runs of plain characters are copied at once.
    std::size_t j = i;
    while (j < text.size()) {
      const auto c = static_cast<unsigned char>(text[j]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++j;
    }
    out.append(text.data() + i, j - i);
    if (j == text.size()) break;
    i = j;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      // An ill-formed sequence becomes one U+FFFD, as the JSON library does.
      i += appendUtf8Sequence(out, text.substr(i));
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
    ++i;
  }
  out.push_back('"');
}

void appendFixed3(std::string& out, double value) {
  // JSON has no infinity or NaN; a duration is never either, and never beyond 1e15 ms.
  if (!std::isfinite(value) || std::abs(value) > 1e15) {
    out += "null";
    return;
  }
  // In thousandths, as an integer: this runs once per request, where the floating-point
  // formatter was a visible cost.
  const long long thousandths = std::llround(value * 1000.0);
  const unsigned long long magnitude = thousandths < 0
                                           ? 0ULL - static_cast<unsigned long long>(thousandths)
                                           : static_cast<unsigned long long>(thousandths);
  if (thousandths < 0) out.push_back('-');
  out += std::to_string(magnitude / 1000);
  const auto frac = static_cast<unsigned>(magnitude % 1000);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + frac / 100));
  out.push_back(static_cast<char>('0' + frac / 10 % 10));
  out.push_back(static_cast<char>('0' + frac % 10));
}

}  // namespace clxs::kernel
