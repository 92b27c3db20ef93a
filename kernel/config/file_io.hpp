// File helpers for config storage: crash-safe replacement, whole-file reads, change stamps.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace clxs::kernel {

/// Replaces `target` with `content` so that readers see either the old or the new file,
/// never a partial one: a temporary file in the same directory is written, fsynced and
/// renamed over the target, then the directory is fsynced. An existing file's permission
/// bits are kept (new files get 0644). Throws std::system_error; the target is untouched
/// on failure.
void writeFileAtomically(const std::filesystem::path& target, std::string_view content);

/// The whole content of `file`, or nullopt when it does not exist. Throws
/// std::system_error when it exists but cannot be read.
[[nodiscard]] std::optional<std::string> readWholeFile(const std::filesystem::path& file);

/// What identifies one version of a file on disk: an atomic replace changes the inode, an
/// in-place edit the size or the nanosecond modification time.
struct FileStamp {
  bool exists = false;    ///< false when the file is missing
  long long inode = 0;    ///< st_ino
  long long size = 0;     ///< st_size
  long long mtimeNs = 0;  ///< st_mtim in nanoseconds
  bool operator==(const FileStamp&) const = default;
};

/// The current stamp of `file` (exists == false when it cannot be stat'ed).
[[nodiscard]] FileStamp fileStamp(const std::filesystem::path& file);

}  // namespace clxs::kernel
