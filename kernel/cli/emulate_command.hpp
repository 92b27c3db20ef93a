// `clxs emulate`: the Databricks REST API emulator on the local workspace.
#pragma once

#include <string>
#include <vector>

namespace clxs::kernel {

/// Runs the emulator until SIGTERM/SIGINT; returns the process exit code.
int emulateCommand(const std::vector<std::string>& args);

}  // namespace clxs::kernel
