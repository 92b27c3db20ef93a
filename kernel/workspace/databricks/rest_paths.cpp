#include "kernel/workspace/databricks/rest_paths.hpp"

#include <vector>

#include "clxs/workspace.hpp"
#include "kernel/workspace/databricks/url.hpp"

namespace clxs::kernel::databricks {
namespace {

constexpr std::string_view kPrefix = "/Volumes/";

[[noreturn]] void badPath(std::string_view path, const std::string& why) {
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       "Invalid volume path '" + std::string(path) + "': " + why);
}

}  // namespace

std::string encodePathSegment(std::string_view segment) {
  return percentEncode(segment);
}

VolumePath volumePath(std::string_view path) {
  if (path.substr(0, kPrefix.size()) != kPrefix) {
    badPath(path, "it must start with /Volumes/<catalog>/<schema>/<volume>");
  }
  std::string_view rest = path.substr(kPrefix.size());
  // A trailing slash names the directory itself.
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto slash = rest.find('/', start);
    const auto end = slash == std::string_view::npos ? rest.size() : slash;
    parts.push_back(rest.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (parts.size() < 3) badPath(path, "it must name a catalog, a schema and a volume");
  for (const auto p : parts) {
    if (p.empty()) badPath(path, "empty path segment");
    if (p == "." || p == "..") badPath(path, "'.' and '..' segments are not allowed");
    if (p.find('\0') != std::string_view::npos) badPath(path, "NUL in path");
  }
  VolumePath out;
  out.raw = std::string(kPrefix.substr(0, kPrefix.size() - 1));
  out.encoded = "/Volumes";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i + 1 == parts.size() && parts.size() > 3) out.parent = out.encoded;
    out.raw += "/" + std::string(parts[i]);
    out.encoded += "/" + encodePathSegment(parts[i]);
  }
  out.depth = static_cast<int>(parts.size());
  return out;
}

}  // namespace clxs::kernel::databricks
