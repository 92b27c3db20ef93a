#include "kernel/app/server_options.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace clxs::kernel {

std::filesystem::path installPrefix() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return std::filesystem::current_path();
  return exe.parent_path().parent_path();
}

void resolveDefaults(ServerOptions& o) {
  const auto prefix = installPrefix();
  if (o.shareDir.empty()) o.shareDir = prefix / "share" / "clxs";
  if (o.pluginsDir.empty()) o.pluginsDir = prefix / "lib" / "clxs" / "plugins";
  if (o.dataDir.empty()) {
    if (const char* d = std::getenv("CLXS_DATA_DIR"); d != nullptr && *d != '\0') {
      o.dataDir = d;
    } else if (const char* x = std::getenv("XDG_DATA_HOME"); x != nullptr && *x != '\0') {
      o.dataDir = std::filesystem::path(x) / "clxs";
    } else if (const char* h = std::getenv("HOME"); h != nullptr && *h != '\0') {
      o.dataDir = std::filesystem::path(h) / ".local" / "share" / "clxs";
    } else {
      o.dataDir = std::filesystem::current_path() / ".clxs-data";
    }
  }
  if (o.configDir.empty()) {
    o.configDir = o.dataDir / "config";
  } else if (std::filesystem::is_regular_file(o.configDir)) {
    o.configDir = o.configDir.parent_path();
  }
  o.dataDir = std::filesystem::absolute(o.dataDir);
  o.configDir = std::filesystem::absolute(o.configDir);
  o.pluginsDir = std::filesystem::absolute(o.pluginsDir);
}

void writePortFile(const std::filesystem::path& path, int port) {
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp);
    out << port << "\n";
    if (!out) throw std::runtime_error("cannot write the port file " + path.string());
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace clxs::kernel
