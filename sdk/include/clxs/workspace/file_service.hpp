// Volume files (the Files API).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clxs/workspace/service.hpp"

namespace clxs {

/// Files in Unity Catalog volumes. Paths are /Volumes/<catalog>/<schema>/<volume>/<relative>;
/// `..`, `.` and empty segments are refused. Every call may throw WorkspaceError.
class CLXS_VISIBLE FileService : public WorkspaceService {
 public:
  /// Service id, as WorkspaceCall::service and Workspace::get() know it.
  static constexpr std::string_view kId = "files";
  /// What a workspace without it lacks, for the Unavailable message.
  static constexpr std::string_view kWhat = "Files API for volume files";

  /// Entries directly under a volume directory, by name (NotFound when it does not exist).
  std::vector<FileEntry> listDirectory(const std::string& path, const CallOptions& options) {
    const Scope scope(*this, kId, "listDirectory", {path}, options);
    return listFiles(path, options);
  }
  /// The whole contents of a volume file (NotFound when absent).
  std::string readFile(const std::string& path, const CallOptions& options) {
    const Scope scope(*this, kId, "readFile", {path}, options);
    return readVolumeFile(path, options);
  }
  /// Writes a volume file, creating its parent directories; Conflict when it exists and
  /// `overwrite` is false.
  void writeFile(const std::string& path, std::string_view contents, bool overwrite,
                 const CallOptions& options) {
    const Scope scope(*this, kId, "writeFile", {path}, options);
    writeVolumeFile(path, contents, overwrite, options);
  }

 protected:
  /// Implements listDirectory().
  virtual std::vector<FileEntry> listFiles(const std::string& path, const CallOptions& options) = 0;
  /// Implements readFile().
  virtual std::string readVolumeFile(const std::string& path, const CallOptions& options) = 0;
  /// Implements writeFile().
  virtual void writeVolumeFile(const std::string& path, std::string_view contents, bool overwrite,
                               const CallOptions& options) = 0;
};

}  // namespace clxs
