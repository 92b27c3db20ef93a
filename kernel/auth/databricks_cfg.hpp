// ~/.databrickscfg: the Databricks CLI's INI file of named connection profiles.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/auth/environment.hpp"

namespace clxs::kernel {

/// One `[name]` section of the file. Secrets (token, client secrets) stay in memory only.
struct DatabricksProfile {
  std::string name;
  std::string host;               ///< as written; callers normalise it
  std::string token;              ///< PAT (secret)
  std::string clientId;           ///< OAuth M2M client id
  std::string clientSecret;       ///< OAuth M2M client secret (secret)
  std::string azureClientId;      ///< Azure AD service principal
  std::string azureClientSecret;  ///< (secret)
  std::string azureTenantId;
  std::string authType;     ///< explicit `auth_type`, if any
  std::string warehouseId;  ///< `warehouse_id`, if any
  /// Every key of the section (keys lower-cased), including the ones above.
  std::map<std::string, std::string> values;

  /// The original's label for the way this profile authenticates: "pat", "oauth-sp",
  /// "azure-ad-sp" or "oauth-u2m".
  [[nodiscard]] std::string authLabel() const;
};

/// A parsed configuration file. Profiles keep file order; `[__settings__]` is not a profile.
class DatabricksCfg {
 public:
  /// Parses INI text: `[section]`, `key = value` (or `key: value`), full-line comments
  /// starting with `;` or `#`, inline comments only after whitespace (so `a#b` survives),
  /// optional quotes around values. Keys before any section belong to DEFAULT.
  static DatabricksCfg parse(std::string_view text);
  /// Reads and parses `file`; a missing or unreadable file is an empty configuration.
  static DatabricksCfg load(const std::filesystem::path& file);
  /// Where the file is: $DATABRICKS_CONFIG_FILE (a leading `~/` is expanded), else
  /// ~/.databrickscfg.
  static std::filesystem::path location(const Environment& env);

  /// Profiles in file order.
  [[nodiscard]] const std::vector<DatabricksProfile>& profiles() const { return profiles_; }
  /// The profile called `name` (exact, case-sensitive), or nullptr.
  [[nodiscard]] const DatabricksProfile* find(std::string_view name) const;
  /// Profile names in file order.
  [[nodiscard]] std::vector<std::string> names() const;
  /// `[__settings__] default_profile`, else "DEFAULT".
  [[nodiscard]] std::string defaultProfileName() const;

 private:
  std::vector<DatabricksProfile> profiles_;
  std::map<std::string, std::string> settings_;
};

/// The configuration file of this process, re-read only when its path, size or
/// modification time changes, so checking it on every request costs one stat(). Thread-safe.
class DatabricksCfgFile {
 public:
  /// Locates the file through `env` (which must outlive this object).
  explicit DatabricksCfgFile(const Environment& env) : env_(env) {}

  /// The current contents (empty when there is no file).
  [[nodiscard]] std::shared_ptr<const DatabricksCfg> current() const;
  /// The path the file is read from.
  [[nodiscard]] std::filesystem::path path() const { return DatabricksCfg::location(env_); }

 private:
  const Environment& env_;
  mutable std::mutex mu_;
  mutable std::filesystem::path loadedPath_;
  mutable std::filesystem::file_time_type loadedTime_{};
  mutable std::uintmax_t loadedSize_ = 0;
  mutable bool loadedExists_ = false;
  mutable std::shared_ptr<const DatabricksCfg> cached_;
};

}  // namespace clxs::kernel
