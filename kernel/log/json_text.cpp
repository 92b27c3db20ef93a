#include "kernel/log/json_text.hpp"

#include <cmath>
#include <cstdint>

namespace clxs::kernel {

namespace {

// The UTF-8 sequence at the start of `s` (RFC 3629 table 3-7: no overlong forms, no
// surrogates, nothing above U+10FFFF): its length and whether it is well formed. An ill-formed
// one spans its maximal valid prefix (at least one byte), which is replaced by one U+FFFD, as
// Unicode recommends and the JSON library does.
struct Utf8Sequence {
  std::size_t length;
  bool valid;
};

Utf8Sequence utf8Sequence(std::string_view s) {
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = at(0);
  std::size_t need = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    lo = c == 0xE0 ? 0xA0 : 0x80;
    hi = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    lo = c == 0xF0 ? 0x90 : 0x80;
    hi = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return {1, false};
  }
  for (std::size_t i = 1; i <= need; ++i) {
    // Only the second byte has a narrower range; the rest are plain continuation bytes.
    const unsigned char min = i == 1 ? lo : 0x80;
    const unsigned char max = i == 1 ? hi : 0xBF;
    if (i >= s.size() || at(i) < min || at(i) > max) return {i, false};
  }
  return {need + 1, true};
}

}  // namespace

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
      const Utf8Sequence seq = utf8Sequence(text.substr(i));
      if (seq.valid) {
        out.append(text.data() + i, seq.length);
      } else {
        out += "\xEF\xBF\xBD";  // U+FFFD
      }
      i += seq.length;
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
