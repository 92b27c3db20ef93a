#include "kernel/workspace/local/functions/java_text.hpp"

#include <charconv>
#include <cmath>

namespace clxs::kernel {

namespace {

template <class F>
std::string javaText(F value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  const auto magnitude = std::fabs(value);
  if (magnitude == 0 || (magnitude >= F(1e-3) && magnitude < F(1e7))) {
    const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
    std::string s(buf, r.ptr);
    if (s.find('.') == std::string::npos) s += ".0";
    return s;
  }
  const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  const std::string s(buf, r.ptr);  // 1e+20, 1.5e-05
  const auto e = s.find('e');
  std::string mantissa = s.substr(0, e);
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  int exponent = 0;
  std::from_chars(s.data() + e + 1 + (s[e + 1] == '+' ? 1 : 0), s.data() + s.size(), exponent);
  return mantissa + "E" + std::to_string(exponent);
}

}  // namespace

std::string javaDoubleText(double d) {
  return javaText(d);
}

std::string javaFloatText(float f) {
  return javaText(f);
}

}  // namespace clxs::kernel
