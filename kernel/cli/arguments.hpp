// Minimal flag parsing for the subcommands: --name value and --flag.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clxs::kernel {

/// Parsed command line of one subcommand.
struct Arguments {
  std::vector<std::string> positional;        ///< words that are not flags
  std::map<std::string, std::string> values;  ///< --name value
  std::set<std::string> flags;                ///< --flag (no value)

  /// Parses `args`; `valueFlags` take a value, `boolFlags` don't. Throws
  /// std::invalid_argument naming an unknown flag or a missing value.
  static Arguments parse(const std::vector<std::string>& args,
                         const std::set<std::string>& valueFlags,
                         const std::set<std::string>& boolFlags);
  /// A value flag, if given.
  [[nodiscard]] std::optional<std::string> value(const std::string& name) const;
  /// Whether a boolean flag was given.
  [[nodiscard]] bool has(const std::string& name) const { return flags.count(name) != 0; }
};

}  // namespace clxs::kernel
