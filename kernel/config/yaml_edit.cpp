#include "kernel/config/yaml_edit.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "clxs/yaml.hpp"

namespace clxs::kernel {
namespace {

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += line;
    out += '\n';
  }
  return out;
}

// Keys the line edit can find reliably: plain words that need no quoting.
bool isPlainKey(const std::string& key) {
  if (key.empty() || !resolvePlainScalar(key).is_string()) return false;
  for (char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return key[0] != '-' && key[0] != '.';
}

bool isKeyLine(std::string_view line, const std::string& key) {
  if (line.substr(0, key.size()) != key) return false;
  std::size_t pos = key.size();
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  if (pos >= line.size() || line[pos] != ':') return false;
  return pos + 1 == line.size() || line[pos + 1] == ' ' || line[pos + 1] == '\t' ||
         line[pos + 1] == '\r';
}

// A line that belongs to the value of the top-level key above it.
bool isContinuation(std::string_view line) {
  if (line.empty()) return false;
  if (line[0] == ' ' || line[0] == '\t') return line.find_first_not_of(" \t\r") != line.npos;
  return line[0] == '-' && line.substr(0, 3) != "---";
}

bool isBlankOrComment(std::string_view line) {
  const std::size_t first = line.find_first_not_of(" \t\r");
  return first == line.npos || line[first] == '#';
}

struct Block {
  std::size_t first;
  std::size_t last;
};

enum class Found { Absent, Once, Ambiguous };

Found findBlock(const std::vector<std::string>& lines, const std::string& key, Block& block) {
  std::optional<std::size_t> at;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!isKeyLine(lines[i], key)) continue;
    if (at) return Found::Ambiguous;
    at = i;
  }
  if (!at) return Found::Absent;
  block = {*at, *at};
  for (std::size_t j = *at + 1; j < lines.size(); ++j) {
    if (isContinuation(lines[j])) {
      block.last = j;
    } else if (!isBlankOrComment(lines[j])) {
      break;
    }
  }
  return Found::Once;
}

// Column of a `# comment` that follows the value on a key line, if any.
std::optional<std::size_t> trailingComment(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == line.npos) return std::nullopt;
  for (std::size_t k = colon + 1; k < line.size(); ++k) {
    if (line[k] == '#' && (line[k - 1] == ' ' || line[k - 1] == '\t')) return k;
  }
  return std::nullopt;
}

std::vector<std::string> emittedLines(const std::string& key, const Json& value,
                                      std::string_view oldKeyLine) {
  Json single = Json::object();
  single[key] = value;
  std::vector<std::string> lines = splitLines(emitYaml(single));
  if (auto comment = trailingComment(oldKeyLine); comment && !lines.empty()) {
    std::string& first = lines.front();
    if (first.size() + 1 <= *comment) {
      first.append(*comment - first.size(), ' ');
    } else {
      first += "  ";
    }
    first += oldKeyLine.substr(*comment);
  }
  return lines;
}

std::optional<std::string> spliceKeys(const std::string& text, const Json& updates) {
  std::vector<std::string> lines = splitLines(text);
  for (const auto& [key, value] : updates.items()) {
    if (!isPlainKey(key)) return std::nullopt;
    Block block{};
    const Found found = findBlock(lines, key, block);
    if (found == Found::Ambiguous) return std::nullopt;
    if (found == Found::Absent) {
      for (auto& line : emittedLines(key, value, {})) lines.push_back(std::move(line));
      continue;
    }
    std::vector<std::string> replacement = emittedLines(key, value, lines[block.first]);
    lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(block.first),
                lines.begin() + static_cast<std::ptrdiff_t>(block.last + 1));
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(block.first), replacement.begin(),
                 replacement.end());
  }
  return joinLines(lines);
}

}  // namespace

bool sameJson(const Json& a, const Json& b) {
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a.items()) {
      auto it = b.find(k);
      if (it == b.end() || !sameJson(v, *it)) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!sameJson(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

std::string setTopLevelKeys(const std::string& text, const Json& updates) {
  Json expected = parseYaml(text);
  if (expected.is_null()) expected = Json::object();
  if (!expected.is_object()) throw YamlError("the document is not a mapping of keys to values");
  for (const auto& [key, value] : updates.items()) expected[key] = value;

  if (auto spliced = spliceKeys(text, updates)) {
    try {
      if (sameJson(parseYaml(*spliced), expected)) return *spliced;
    } catch (const YamlError&) {  // the line edit broke the layout: re-emit below
    }
  }
  return emitYaml(expected);
}

}  // namespace clxs::kernel
