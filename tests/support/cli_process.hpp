// Integration-test helper: runs the real clxs binary as a command (e.g. `clxs sql`).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "clxs/json.hpp"

namespace clxs::testing {

/// How a command ended.
struct CliResult {
  int exitCode = -1;   ///< exit status (-1 when it did not exit normally)
  std::string output;  ///< stdout and stderr together
};

/// Runs `clxs <args...>` and waits for it.
CliResult runCli(const std::vector<std::string>& args);

/// Runs one statement with `clxs sql --data-dir DIR --json` and returns its rows; a failing
/// statement fails the calling test with its message and returns an empty array.
Json sqlRows(const std::filesystem::path& dataDir, const std::string& statement);

/// Runs statements with `clxs sql --data-dir DIR -f FILE`; returns the result.
CliResult sqlScript(const std::filesystem::path& dataDir, const std::string& script);

/// Runs a seeding script like sqlScript(); a failing script fails the calling test with its
/// output, so what the test checks next is not blamed for a bad seed.
void seedSql(const std::filesystem::path& dataDir, const std::string& script);

}  // namespace clxs::testing
