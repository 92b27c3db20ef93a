// `clxs sql`: runs Databricks SQL on the configured workspace from a terminal.
#pragma once

#include <string>
#include <vector>

namespace clxs::kernel {

/// Runs the statement (or `-f` script) and prints the rows; returns the exit code.
int sqlCommand(const std::vector<std::string>& args);

}  // namespace clxs::kernel
