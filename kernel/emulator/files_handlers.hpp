// The Files API (/api/2.0/fs/files and /api/2.0/fs/directories) on the local workspace's
// volumes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "kernel/emulator/emulator_http.hpp"

namespace clxs::kernel {
class LocalWorkspace;
}

namespace clxs::kernel::emulator {

/// Volume file routes. Thread-safe.
class FilesHandlers {
 public:
  explicit FilesHandlers(LocalWorkspace& workspace);

  /// A request under /api/2.0/fs; `rest` holds the decoded segments after "fs"
  /// ("files" or "directories" first, then the volume path).
  EmulatorResponse handle(const EmulatorRequest& request, const std::vector<std::string>& rest);

 private:
  EmulatorResponse file(const EmulatorRequest& request, const std::string& path);
  EmulatorResponse directory(const EmulatorRequest& request, const std::string& path);
  std::optional<std::filesystem::path> diskPath(const std::vector<std::string>& segments);

  LocalWorkspace& workspace_;
};

/// "/Volumes/c/s/v/a/b" from decoded segments {"Volumes", "c", "s", "v", "a", "b"}; throws
/// ApiError 400 for `.`/`..` segments or a path outside /Volumes/<c>/<s>/<v>.
std::string volumePath(const std::vector<std::string>& segments, bool allowVolumeRoot);

}  // namespace clxs::kernel::emulator
