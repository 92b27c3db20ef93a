#include "tests/support/plugin_dir.hpp"

#include <stdlib.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace clxs::testing {

namespace fs = std::filesystem;

namespace {

// <build>/tests/plugins: CLXS_BUILD_DIR when ctest sets it, else next to the build plugins.
fs::path fixturesRoot() {
  if (const char* d = std::getenv("CLXS_BUILD_DIR"); d != nullptr && *d != '\0') {
    return fs::path(d) / "tests" / "plugins";
  }
  // <build>/lib/clxs/plugins -> <build>
  return ServerProcess::buildPluginsDir().parent_path().parent_path().parent_path() / "tests" /
         "plugins";
}

}  // namespace

PluginDir::PluginDir(std::initializer_list<const char*> cases) {
  std::string tmpl = (fs::temp_directory_path() / "clxs-plugins-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
  for (const char* c : cases) {
    const fs::path from = fixturesRoot() / c;
    int copied = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(from, ec)) {
      if (e.path().extension() != ".so") continue;
      fs::copy_file(e.path(), path_ / e.path().filename());
      ++copied;
    }
    if (copied == 0) {
      throw std::runtime_error("no fixture plugins in " + from.string() +
                               "; build the clxs_test_plugins target");
    }
  }
}

PluginDir::~PluginDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void PluginDir::addBuilt(const char* name) {
  const std::string file = std::string("lib") + name + ".so";
  fs::copy_file(ServerProcess::buildPluginsDir() / file, path_ / file);
}

ServerOptions PluginDir::serverOptions() const {
  ServerOptions o;
  o.pluginsDir = path_;
  return o;
}

}  // namespace clxs::testing
