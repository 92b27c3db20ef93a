// Confinement of file paths taken from requests to the config directory.
#pragma once

#include <filesystem>
#include <string>

namespace clxs::kernel {

/// Which files a request may name.
enum class FileKind { Yaml, Any };

/// Resolves `requested` (as a client sent it) to a path inside `root`, which must be
/// canonical. Accepted: "clone_config.yaml", "config/clone_config.yaml" (the original's
/// spelling; the leading "config/" is dropped), "sub/x.yaml", and absolute paths that lie
/// inside `root`. Throws HttpError 400 naming the path for an empty path, a NUL, a ".."
/// component, anything that resolves (symlinks followed) outside `root` or to `root`
/// itself, and, for FileKind::Yaml, a name not ending in .yaml or .yml.
[[nodiscard]] std::filesystem::path confinePath(const std::filesystem::path& root,
                                                const std::string& requested, FileKind kind);

/// How responses name a confined file: "config/" + its path relative to `root`.
[[nodiscard]] std::string displayPath(const std::filesystem::path& root,
                                      const std::filesystem::path& resolved);

}  // namespace clxs::kernel
