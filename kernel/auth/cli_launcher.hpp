// Starts the external command-line tools some logins need (the Databricks CLI, az).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "kernel/auth/environment.hpp"

namespace clxs::kernel {

/// Runs programs without a shell: arguments travel as a vector, never through a command
/// line, so a host name cannot inject anything. Implementations are thread-safe.
class CliLauncher {
 public:
  /// How a command that ran to completion ended.
  struct Result {
    int exitCode = -1;      ///< exit status; -1 when killed or not exited normally
    bool timedOut = false;  ///< killed because it outlived its timeout
    std::string out;        ///< standard output
    std::string err;        ///< standard error
  };

  virtual ~CliLauncher() = default;
  /// Full path of the executable `name` on the server's PATH, or nullopt.
  [[nodiscard]] virtual std::optional<std::string> find(const std::string& name) const = 0;
  /// Starts `argv` (argv[0] a full path) in a session of its own, stdin and output on
  /// /dev/null, and returns at once. Throws std::runtime_error when it cannot start.
  virtual void startDetached(const std::vector<std::string>& argv) = 0;
  /// Starts `argv` like startDetached() and returns the first line it prints on stdout or
  /// stderr within `timeout` ("" when none). It keeps running; the rest of its output is
  /// read and discarded.
  virtual std::string startAndReadFirstLine(const std::vector<std::string>& argv,
                                            std::chrono::milliseconds timeout) = 0;
  /// Runs `argv` to completion, killing it after `timeout`.
  virtual Result run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) = 0;
};

/// The real launcher: PATH from `env`, processes through posix_spawn.
class ProcessCliLauncher final : public CliLauncher {
 public:
  /// `env` must outlive the launcher.
  explicit ProcessCliLauncher(const Environment& env) : env_(env) {}

  [[nodiscard]] std::optional<std::string> find(const std::string& name) const override;
  void startDetached(const std::vector<std::string>& argv) override;
  std::string startAndReadFirstLine(const std::vector<std::string>& argv,
                                    std::chrono::milliseconds timeout) override;
  Result run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) override;

 private:
  const Environment& env_;
};

}  // namespace clxs::kernel
