// `clxs serve`.
#pragma once

#include <string>
#include <vector>

namespace clxs::kernel {

/// Runs the server until SIGTERM/SIGINT; returns the process exit code.
int serveCommand(const std::vector<std::string>& args);

}  // namespace clxs::kernel
