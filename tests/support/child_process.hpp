// Starting and stopping the processes integration tests run (clxs serve, clxs emulate):
// output to a log file, readiness through a port file, SIGTERM then SIGKILL.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clxs::testing {

/// Starts `args` (args[0] is the executable) with stdout and stderr appended to `logFile`
/// and `env` added to the environment; returns the child's pid.
pid_t spawnLogged(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env,
                  const std::filesystem::path& logFile);

/// `binary command --host 127.0.0.1 --port 0 --port-file portFile --data-dir dataDir`: the
/// command line of a clxs server (serve or emulate) on a free loopback port.
std::vector<std::string> loopbackServerArgs(const std::filesystem::path& binary,
                                            const std::string& command,
                                            const std::filesystem::path& portFile,
                                            const std::filesystem::path& dataDir);

/// Waits until `portFile` holds a port and returns it; throws (with the log's contents)
/// when the child exits first or `timeout` passes. `pid` is reaped if it exited.
int waitForPortFile(pid_t& pid, const std::filesystem::path& portFile,
                    const std::filesystem::path& logFile, const std::string& what,
                    std::chrono::seconds timeout = std::chrono::seconds(60));

/// SIGTERM, then SIGKILL after 30 s; returns the exit status (128+signal when killed) and
/// sets `pid` to -1. Does nothing for pid <= 0.
int terminateChild(pid_t& pid);

/// Waits up to `timeout` for `pid` to exit by itself; returns its exit status (128+signal when
/// killed) and sets `pid` to -1, or std::nullopt when it is still running.
std::optional<int> waitForExit(pid_t& pid, std::chrono::seconds timeout);

/// Contents of a log file ("" when absent).
std::string readLog(const std::filesystem::path& logFile);

/// A fresh directory under the system temp dir whose name starts with `prefix`.
std::filesystem::path makeTempDir(const std::string& prefix);

}  // namespace clxs::testing
