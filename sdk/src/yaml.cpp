#include "clxs/yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace clxs {
namespace {

constexpr std::string_view kTagStr = "tag:yaml.org,2002:str";
constexpr std::string_view kTagInt = "tag:yaml.org,2002:int";
constexpr std::string_view kTagFloat = "tag:yaml.org,2002:float";
constexpr std::string_view kTagBool = "tag:yaml.org,2002:bool";
constexpr std::string_view kTagNull = "tag:yaml.org,2002:null";
constexpr int kYamlMaxDepth = 200;
constexpr std::size_t kYamlMaxValues = 100'000;

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

bool allDigits(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = base == 16  ? (isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
                    : base == 8 ? (c >= '0' && c <= '7')
                                : isDigit(c);
    if (!ok) return false;
  }
  return true;
}

// YAML 1.2 core-schema integers: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+.
std::optional<Json> parseInteger(std::string_view text) {
  std::string_view s = text;
  int base = 10;
  bool negative = false;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
    base = s[1] == 'x' ? 16 : 8;
    s.remove_prefix(2);
  } else if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (!allDigits(s, base)) return std::nullopt;
  std::uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;  // too large
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (!negative) {
    if (magnitude <= kMax) return Json(static_cast<std::int64_t>(magnitude));
    return Json(magnitude);
  }
  if (magnitude <= kMax) return Json(-static_cast<std::int64_t>(magnitude));
  if (magnitude == kMax + 1) return Json(std::numeric_limits<std::int64_t>::min());
  return std::nullopt;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
std::optional<Json> parseFloat(std::string_view text) {
  std::string_view s = text;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  std::size_t i = 0;
  std::size_t intDigits = 0;
  while (i < s.size() && isDigit(s[i])) ++i, ++intDigits;
  std::size_t fracDigits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && isDigit(s[i])) ++i, ++fracDigits;
  }
  if (intDigits == 0 && fracDigits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t expDigits = 0;
    while (i < s.size() && isDigit(s[i])) ++i, ++expDigits;
    if (expDigits == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  // from_chars rejects a leading '+'.
  std::string_view digits = text[0] == '+' ? text.substr(1) : text;
  double value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return Json(value);
}

bool isOneOf(std::string_view text, std::initializer_list<std::string_view> words) {
  for (auto w : words) {
    if (text == w) return true;
  }
  return false;
}

std::string where(const YAML::Mark& mark) {
  if (mark.is_null()) return {};
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1) +
         ": ";
}

class Converter {
 public:
  Json convert(const YAML::Node& node, int depth) {
    if (depth > kYamlMaxDepth) {
      throw YamlError(where(node.Mark()) + "nesting is deeper than 200 levels");
    }
    if (++values_ > kYamlMaxValues) {
      throw YamlError("the document expands to more than 100000 values (alias bomb?)");
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar:
        return scalar(node);
      case YAML::NodeType::Sequence: {
        Json out = Json::array();
        for (const auto& item : node) out.push_back(convert(item, depth + 1));
        return out;
      }
      case YAML::NodeType::Map:
        return map(node, depth);
    }
    return nullptr;
  }

 private:
  static Json scalar(const YAML::Node& node) {
    const std::string& tag = node.Tag();
    const std::string& text = node.Scalar();
    if (tag == "!" || tag == kTagStr) return text;
    Json value = resolvePlainScalar(text);
    const bool matches = tag == kTagInt     ? value.is_number_integer()
                         : tag == kTagFloat ? value.is_number()
                         : tag == kTagBool  ? value.is_boolean()
                         : tag == kTagNull  ? value.is_null()
                                            : true;
    if (!matches) {
      throw YamlError(where(node.Mark()) + "the value '" + text + "' does not match its tag " +
                      tag);
    }
    if (tag == kTagFloat && value.is_number_integer()) return value.get<double>();
    return value;
  }

  Json map(const YAML::Node& node, int depth) {
    Json out = Json::object();
    std::vector<Json> merges;
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      if (key.IsNull()) {
        out["null"] = convert(entry.second, depth + 1);
        continue;
      }
      if (!key.IsScalar()) {
        throw YamlError(where(key.Mark()) + "mapping keys must be plain values, not " +
                        (key.IsMap() ? "mappings" : "sequences"));
      }
      if (key.Scalar() == "<<" && key.Tag() == "?") {
        collectMerge(entry.second, depth, merges);
        continue;
      }
      // A repeated key keeps its first position and takes the last value, as PyYAML does.
      out[key.Scalar()] = convert(entry.second, depth + 1);
    }
    for (const auto& merged : merges) {
      for (const auto& [k, v] : merged.items()) {
        if (!out.contains(k)) out[k] = v;
      }
    }
    return out;
  }

  void collectMerge(const YAML::Node& value, int depth, std::vector<Json>& merges) {
    Json merged = convert(value, depth + 1);
    if (merged.is_object()) {
      merges.push_back(std::move(merged));
      return;
    }
    if (merged.is_array()) {
      for (auto& item : merged) {
        if (!item.is_object()) {
          throw YamlError(where(value.Mark()) + "a '<<' merge list may hold only mappings");
        }
        merges.push_back(std::move(item));
      }
      return;
    }
    throw YamlError(where(value.Mark()) + "a '<<' merge key needs a mapping or a list of them");
  }

  std::size_t values_ = 0;
};

std::string formatDouble(double d) {
  std::array<char, 64> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), d);
  std::string s(buf.data(), ec == std::errc() ? end : buf.data());
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

void writeString(YAML::Emitter& out, const std::string& s, bool isKey) {
  const bool ambiguous = s.empty() || !resolvePlainScalar(s).is_string() || (isKey && s == "<<");
  if (ambiguous) out << YAML::SingleQuoted;
  out << s;
}

void write(YAML::Emitter& out, const Json& v) {
  switch (v.type()) {
    case Json::value_t::boolean:
      out << v.get<bool>();
      return;
    case Json::value_t::number_integer:
      out << v.get<std::int64_t>();
      return;
    case Json::value_t::number_unsigned:
      out << v.get<std::uint64_t>();
      return;
    case Json::value_t::number_float: {
      const double d = v.get<double>();
      if (!std::isfinite(d)) {
        out << YAML::Null;
      } else {
        out << formatDouble(d);
      }
      return;
    }
    case Json::value_t::string:
      writeString(out, v.get_ref<const std::string&>(), false);
      return;
    case Json::value_t::array:
      if (v.empty()) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
        return;
      }
      out << YAML::BeginSeq;
      for (const auto& item : v) write(out, item);
      out << YAML::EndSeq;
      return;
    case Json::value_t::object:
      if (v.empty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        return;
      }
      out << YAML::BeginMap;
      for (const auto& [k, item] : v.items()) {
        out << YAML::Key;
        writeString(out, k, true);
        out << YAML::Value;
        write(out, item);
      }
      out << YAML::EndMap;
      return;
    default:
      out << YAML::Null;
      return;
  }
}

}  // namespace

Json resolvePlainScalar(std::string_view text) {
  if (isOneOf(text, {"", "~", "null", "Null", "NULL"})) return nullptr;
  if (isOneOf(text, {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})) return true;
  if (isOneOf(text, {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})) {
    return false;
  }
  if (!text.empty() && (isDigit(text[0]) || text[0] == '-' || text[0] == '+' || text[0] == '.')) {
    if (auto i = parseInteger(text)) return *i;
    if (auto f = parseFloat(text)) return *f;
  }
  return std::string(text);
}

Json yamlToJson(const YAML::Node& node) {
  try {
    Converter converter;
    return converter.convert(node, 0);
  } catch (const YAML::Exception& e) {
    throw YamlError(where(e.mark) + e.msg);
  }
}

Json parseYaml(const std::string& text) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    throw YamlError(where(e.mark) + e.msg);
  }
  if (docs.empty()) return nullptr;
  if (docs.size() > 1) {
    throw YamlError("the text holds " + std::to_string(docs.size()) +
                    " YAML documents; a config file holds exactly one");
  }
  return yamlToJson(docs.front());
}

std::string emitYaml(const Json& value) {
  YAML::Emitter out;
  out.SetNullFormat(YAML::LowerNull);
  out.SetIndent(2);
  write(out, value);
  if (!out.good()) throw YamlError("cannot write YAML: " + out.GetLastError());
  return std::string(out.c_str()) + "\n";
}

}  // namespace clxs
