// Test doubles shared by the auth unit tests: a settable clock, config and environment.
#pragma once

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "clxs/clock.hpp"
#include "clxs/config.hpp"
#include "kernel/auth/environment.hpp"

namespace clxs::kernel::testing {

/// A clock that moves only when told to.
class FakeClock final : public clxs::Clock {
 public:
  [[nodiscard]] std::chrono::system_clock::time_point now() const override { return wall_; }
  [[nodiscard]] std::chrono::steady_clock::time_point steadyNow() const override { return steady_; }
  void advance(std::chrono::nanoseconds d) {
    wall_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(d);
    steady_ += d;
  }

 private:
  std::chrono::system_clock::time_point wall_{std::chrono::hours(24 * 365 * 50)};
  std::chrono::steady_clock::time_point steady_{std::chrono::hours(1)};
};

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

/// A fresh, empty directory removed when the object dies.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "clxs-auth-XXXXXX").string();
    path_ = mkdtempOrThrow(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  static std::filesystem::path mkdtempOrThrow(std::string& tmpl) {
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return tmpl;
  }
  std::filesystem::path path_;
};

}  // namespace clxs::kernel::testing
