// Where the server finds its plugins, defaults and data, from flags, environment and the
// location of the executable.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "clxs/log.hpp"

namespace clxs::kernel {

/// Options of `clxs serve` after resolution.
struct ServerOptions {
  std::optional<std::string> host;     ///< --host (else config, else 127.0.0.1)
  std::optional<int> port;             ///< --port (else config, else 8080; 0 = free)
  std::filesystem::path portFile;      ///< --port-file: written once listening
  std::filesystem::path dataDir;       ///< --data-dir
  std::filesystem::path configDir;     ///< --config (a directory, or a file in it)
  std::filesystem::path pluginsDir;    ///< --plugins-dir
  std::filesystem::path shareDir;      ///< share/clxs beside the executable
  LogLevel logLevel = LogLevel::Info;  ///< --log-level, else CLXS_LOG_LEVEL
};

/// Fills unset paths: data dir from CLXS_DATA_DIR, XDG_DATA_HOME or ~/.local/share/clxs;
/// config dir `<data>/config`; plugins and share relative to the executable
/// (`<prefix>/bin/clxs` → `<prefix>/lib/clxs/plugins`, `<prefix>/share/clxs`).
void resolveDefaults(ServerOptions& options);

/// `<prefix>` of the running executable (parent of its bin/ directory).
std::filesystem::path installPrefix();

/// Writes `port` to `path` through a temporary file renamed into place, so a reader never
/// sees a half-written number; throws std::runtime_error when it cannot be written.
void writePortFile(const std::filesystem::path& path, int port);

}  // namespace clxs::kernel
