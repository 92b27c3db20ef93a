// Test doubles shared by the auth unit tests: a settable clock, config, environment and
// command launcher.
#pragma once

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "clxs/clock.hpp"
#include "clxs/config.hpp"
#include "kernel/auth/cli_launcher.hpp"
#include "kernel/auth/environment.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::kernel::testing {

using clxs::testing::TempDir;
/// A clock that moves only when told to.
using FakeClock = clxs::testing::ManualClock;

/// A config whose effective document is whatever the test sets.
class FakeConfig final : public clxs::ConfigView {
 public:
  explicit FakeConfig(clxs::Json doc = clxs::Json::object()) : doc_(std::move(doc)) {}
  [[nodiscard]] clxs::Json effective(const std::string& = {}) const override {
    ++reads;
    return doc_;
  }
  clxs::Json doc_;
  mutable int reads = 0;
};

/// An environment made of a map, a home directory and a user name.
class MapEnvironment final : public Environment {
 public:
  [[nodiscard]] std::optional<std::string> get(const std::string& name) const override {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  }
  [[nodiscard]] std::filesystem::path home() const override { return homeDir; }
  [[nodiscard]] std::string userName() const override { return user; }

  std::map<std::string, std::string> vars;
  std::filesystem::path homeDir = "/nonexistent-home-for-tests";
  std::string user = "tester";
};

/// A launcher that knows the programs it is told about and records what it was asked to run.
class FakeLauncher final : public CliLauncher {
 public:
  [[nodiscard]] std::optional<std::string> find(const std::string& name) const override {
    auto it = programs.find(name);
    if (it == programs.end()) return std::nullopt;
    return it->second;
  }
  void startDetached(const std::vector<std::string>& argv) override { started.push_back(argv); }
  std::string startAndReadFirstLine(const std::vector<std::string>& argv,
                                    std::chrono::milliseconds) override {
    started.push_back(argv);
    return firstLine;
  }
  Result run(const std::vector<std::string>& argv, std::chrono::milliseconds) override {
    ran.push_back(argv);
    return result;
  }

  std::map<std::string, std::string> programs;  ///< name -> full path
  std::vector<std::vector<std::string>> started;
  std::vector<std::vector<std::string>> ran;
  std::string firstLine;
  Result result;
};

}  // namespace clxs::kernel::testing
