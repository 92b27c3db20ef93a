#include "plugins/notebooks/notebook_export.hpp"

#include <cstddef>
#include <vector>

namespace clxs::notebooks {
namespace {

constexpr std::size_t kMaxFilenameStem = 100;

bool isBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

std::string_view trimRight(std::string_view s) {
  while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view trimLeft(std::string_view s) {
  while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
  return s;
}

// Splits on \n, dropping a trailing \r so Windows line endings export cleanly.
std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    start = end + 1;
  }
  return out;
}

// A header value must stay on its comment line whatever the title contains.
std::string oneLine(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  return std::string(trimRight(out));
}

std::string markdownAsComment(std::string_view content) {
  std::string out;
  for (std::string_view line : lines(trimRight(content))) {
    line = trimRight(line);
    if (!out.empty()) out.push_back('\n');
    out += line.empty() ? "--" : "-- " + std::string(line);
  }
  return out;
}

std::string sqlStatement(std::string_view content) {
  std::string_view body = trimRight(content);
  // Strip leading blank lines only, so indentation of the first line survives.
  while (!body.empty() && (body.front() == '\n' || body.front() == '\r')) body.remove_prefix(1);
  std::string out(body);
  if (body.back() == ';') return out;

  bool onlyComments = true;
  for (std::string_view line : lines(body)) {
    std::string_view t = trimLeft(line);
    if (!t.empty() && t.substr(0, 2) != "--") onlyComments = false;
  }
  if (onlyComments) return out;  // a lone ';' after comments would be an empty statement

  // A ';' after a trailing line comment would be commented out, so it goes on its own line.
  const std::vector<std::string_view> all = lines(body);
  const bool endsInLineComment = all.back().find("--") != std::string_view::npos;
  out += endsInLineComment ? "\n;" : ";";
  return out;
}

// Keeps [A-Za-z0-9_-], turns each run of anything else into one '_', trims '_' at the ends.
std::string filenameStem(std::string_view text) {
  std::string stem;
  bool pendingSeparator = false;
  for (char c : text) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
    if (!keep) {
      pendingSeparator = true;
      continue;
    }
    if (pendingSeparator && !stem.empty()) stem.push_back('_');
    pendingSeparator = false;
    stem.push_back(c);
  }
  while (!stem.empty() && stem.front() == '_') stem.erase(stem.begin());
  if (stem.size() > kMaxFilenameStem) stem.resize(kMaxFilenameStem);
  while (!stem.empty() && stem.back() == '_') stem.pop_back();
  return stem;
}

}  // namespace

std::string exportSql(const Json& notebook, std::string_view exportedAt) {
  const std::string title = notebook.value("title", std::string());
  const std::string id = notebook.value("id", std::string());
  std::string out = "-- Notebook: " + oneLine(title) + "\n";
  out += "-- Notebook id: " + oneLine(id) + "\n";
  out += "-- Exported: " + std::string(exportedAt) + "\n";

  const Json cells = notebook.value("cells", Json::array());
  for (const Json& cell : cells) {
    if (!cell.is_object()) continue;
    const std::string content = cell.value("content", std::string());
    if (trimLeft(trimRight(content)).empty()) continue;
    const std::string type = cell.value("type", std::string("sql"));
    out += "\n";
    out += type == "markdown" ? markdownAsComment(content) : sqlStatement(content);
    out += "\n";
  }
  return out;
}

std::string exportFilename(std::string_view title, std::string_view id) {
  std::string stem = filenameStem(title);
  if (stem.empty()) stem = filenameStem(id);
  if (stem.empty()) stem = "notebook";
  return stem + ".sql";
}

}  // namespace clxs::notebooks
