// A temporary plugin directory assembled from the fixture plugins of tests/plugins and the
// plugins the build produced, for tests that need a particular set of plugins.
#pragma once

#include <filesystem>
#include <initializer_list>

#include "tests/support/server_process.hpp"

namespace clxs::testing {

/// Copies the fixture libraries of some cases (folders of <build>/tests/plugins, built by
/// the clxs_test_plugins target) into a new temporary directory, removed on destruction.
class PluginDir {
 public:
  /// Copies every library of each fixture case; throws when a case has none.
  PluginDir(std::initializer_list<const char*> cases);
  ~PluginDir();
  PluginDir(const PluginDir&) = delete;
  PluginDir& operator=(const PluginDir&) = delete;

  /// Adds one of the build's real plugins by name ("clone" copies libclone.so).
  void addBuilt(const char* name);
  /// The directory to pass as the server's plugin directory.
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  /// Server options that load exactly this directory's plugins.
  [[nodiscard]] ServerOptions serverOptions() const;

 private:
  std::filesystem::path path_;
};

}  // namespace clxs::testing
