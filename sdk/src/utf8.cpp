#include "clxs/utf8.hpp"

namespace clxs {

Utf8Sequence utf8SequenceAt(std::string_view s) {
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = at(0);
  if (c < 0x80) return {1, true};
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

bool isValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const Utf8Sequence seq = utf8SequenceAt(text.substr(i));
    if (!seq.valid) return false;
    i += seq.length;
  }
  return true;
}

std::size_t appendUtf8Sequence(std::string& out, std::string_view text) {
  const Utf8Sequence seq = utf8SequenceAt(text);
  if (seq.valid) {
    out.append(text.data(), seq.length);
  } else {
    out += "\xEF\xBF\xBD";  // U+FFFD
  }
  return seq.length;
}

std::string makeValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) i += appendUtf8Sequence(out, text.substr(i));
  return out;
}

}  // namespace clxs
