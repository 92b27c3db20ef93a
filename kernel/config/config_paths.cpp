#include "kernel/config/config_paths.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

#include "clxs/error.hpp"

namespace clxs::kernel {
namespace {

namespace fs = std::filesystem;

// The path as it may be echoed in a message: NUL and other control bytes made visible.
std::string printable(const std::string& requested) {
  std::string out;
  for (char c : requested.substr(0, 200)) {
    if (c == '\0') {
      out += "\\0";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += '?';
    } else {
      out += c;
    }
  }
  if (requested.size() > 200) out += "...";
  return out;
}

bool isStrictlyInside(const fs::path& root, const fs::path& candidate) {
  auto r = root.begin();
  auto c = candidate.begin();
  for (; r != root.end(); ++r, ++c) {
    if (r->empty()) continue;  // trailing separator of root
    if (c == candidate.end() || *r != *c) return false;
  }
  for (; c != candidate.end(); ++c) {
    if (!c->empty()) return true;  // a real component below root, not just a trailing '/'
  }
  return false;
}

}  // namespace

fs::path confinePath(const fs::path& root, const std::string& requested, FileKind kind) {
  const std::string shown = "'" + printable(requested) + "'";
  if (requested.empty())
    throw badRequest("The path is empty; name a file such as clone_config.yaml.");
  if (requested.find('\0') != std::string::npos) {
    throw badRequest("The path " + shown +
                     " contains a NUL character; name a file such as "
                     "clone_config.yaml.");
  }
  std::string relative = requested;
  while (relative.rfind("./", 0) == 0) relative.erase(0, 2);
  if (relative.rfind("config/", 0) == 0) relative.erase(0, 7);

  const fs::path asked(relative);
  for (const auto& part : asked) {
    if (part == "..") {
      throw badRequest("The path " + shown +
                       " may not contain '..'; name a file inside the "
                       "config directory such as clone_config.yaml.");
    }
  }
  const fs::path candidate = asked.is_absolute() ? asked : root / asked;
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(candidate, ec);
  if (ec) throw badRequest("The path " + shown + " cannot be resolved: " + ec.message() + ".");
  if (!isStrictlyInside(root, resolved)) {
    throw badRequest("The path " + shown +
                     " is outside the config directory; name a file "
                     "inside it such as clone_config.yaml.");
  }
  if (kind == FileKind::Yaml) {
    std::string ext = resolved.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext != ".yaml" && ext != ".yml") {
      throw badRequest("The path " + shown +
                       " is not a YAML file; config files end in .yaml "
                       "or .yml.");
    }
  }
  return resolved;
}

std::string displayPath(const fs::path& root, const fs::path& resolved) {
  return "config/" + resolved.lexically_relative(root).generic_string();
}

}  // namespace clxs::kernel
