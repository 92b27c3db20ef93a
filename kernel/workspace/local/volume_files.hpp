// Volume files on the local disk: the Files API of the local workspace.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "clxs/workspace.hpp"
#include "kernel/workspace/local/metastore/metastore.hpp"

namespace clxs::kernel {

/// Maps `/Volumes/<catalog>/<schema>/<volume>/<relative>` to a path inside the volume's
/// storage directory. Throws WorkspaceError InvalidSql for a malformed path or one that
/// tries to leave the volume, NotFound for an unknown volume.
std::filesystem::path resolveVolumePath(Metastore& metastore, std::string_view path);

/// Entries directly under a volume directory, sorted by name.
std::vector<FileEntry> listVolumeDirectory(Metastore& metastore, const std::string& path);

/// The contents of a volume file.
std::string readVolumeFile(Metastore& metastore, const std::string& path);

/// Writes a volume file atomically (temporary file, fsync, rename).
void writeVolumeFile(Metastore& metastore, const std::string& path, std::string_view contents,
                     bool overwrite);

}  // namespace clxs::kernel
