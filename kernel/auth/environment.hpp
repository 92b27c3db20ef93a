// Process environment as the auth module sees it, injectable so tests never depend on the
// machine they run on.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace clxs::kernel {

/// Environment variables, home directory and user name of the server process.
class Environment {
 public:
  virtual ~Environment() = default;
  /// Value of an environment variable; nullopt when unset.
  [[nodiscard]] virtual std::optional<std::string> get(const std::string& name) const = 0;
  /// Home directory of the user the server runs as.
  [[nodiscard]] virtual std::filesystem::path home() const = 0;
  /// Login name of that user.
  [[nodiscard]] virtual std::string userName() const = 0;

  /// The variable's value, or "" when unset; auth treats an empty variable as unset, as
  /// the original's truthiness checks did.
  [[nodiscard]] std::string value(const std::string& name) const {
    auto v = get(name);
    return v ? *v : std::string();
  }
};

/// The real process environment (getenv, $HOME or the password database).
class ProcessEnvironment final : public Environment {
 public:
  [[nodiscard]] std::optional<std::string> get(const std::string& name) const override;
  [[nodiscard]] std::filesystem::path home() const override;
  [[nodiscard]] std::string userName() const override;
};

}  // namespace clxs::kernel
