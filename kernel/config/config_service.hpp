// The kernel's configuration service: clone_config.yaml and its siblings in the config
// directory, read with defaults and profiles, written validated and atomically.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "clxs/config.hpp"
#include "clxs/json.hpp"
#include "kernel/config/config_paths.hpp"
#include "kernel/config/file_io.hpp"
#include "kernel/config/streaming_limits.hpp"

namespace clxs::kernel {

/// Owns one config directory. Reads are cached per file and re-parsed when the file's
/// stamp changes or after any write through this service; every path a request names is
/// confined to the directory. Thread-safe.
class ConfigService final : public clxs::ConfigView {
 public:
  /// Name of the main config file inside the directory.
  static constexpr const char* kConfigFile = "clone_config.yaml";
  /// Name of the streaming form bounds file inside the directory.
  static constexpr const char* kStreamingLimitsFile = "streaming_limits.json";

  /// Serves `configDir`, creating it when missing. Throws std::filesystem::filesystem_error
  /// when it cannot be created.
  explicit ConfigService(std::filesystem::path configDir);
  ~ConfigService() override;
  ConfigService(const ConfigService&) = delete;
  ConfigService& operator=(const ConfigService&) = delete;

  /// Copies every file under `shippedDir` that is missing from `configDir` (keeping
  /// sub-folders); existing files are never overwritten. Returns how many were copied;
  /// 0 when `shippedDir` does not exist. Throws std::filesystem::filesystem_error.
  static std::size_t seedDefaults(const std::filesystem::path& shippedDir,
                                  const std::filesystem::path& configDir);

  /// The canonical config directory.
  [[nodiscard]] const std::filesystem::path& directory() const { return dir_; }

  /// Effective main config: built-in defaults < clone_config.yaml < `profile` (shallow),
  /// without the `profiles` key. A missing file means defaults only. Throws HttpError 404
  /// for an unknown profile (listing the known ones), 400 when the file is not valid YAML.
  [[nodiscard]] Json effective(const std::string& profile = {}) const override;

  /// The same for another YAML file named by a request (confined; 404 when missing).
  [[nodiscard]] Json effectiveOf(const std::string& requestPath, const std::string& profile) const;

  /// A file's own content as JSON, `profiles` included, no defaults. The main file, when
  /// missing, is an empty object; any other missing file is 404.
  [[nodiscard]] Json document(const std::string& requestPath) const;

  /// Profile names defined in a file, in file order (empty when it defines none).
  [[nodiscard]] std::vector<std::string> profileNames(const std::string& requestPath) const;

  /// Validates `yamlContent` (parses as one YAML mapping; known keys well typed) and
  /// writes it verbatim, atomically, to the confined `requestPath`. Returns the path as
  /// responses show it ("config/clone_config.yaml"). Throws HttpError 400 with the file
  /// untouched when validation fails.
  std::string saveYaml(const std::string& requestPath, const std::string& yamlContent);

  /// Read-modify-write of top-level keys of the main file, serialised with other writes:
  /// `updatesFor(current document)` returns the keys to set; they are type-checked, set
  /// in place (other keys and comments kept) and written atomically. Returns the new
  /// document. Throws HttpError 400 with the file untouched on invalid values or when the
  /// file on disk is not valid YAML.
  Json updateKeys(const std::function<Json(const Json& current)>& updatesFor);

  /// The streaming-emit form bounds (streaming_limits.json over built-in defaults).
  [[nodiscard]] Json streamingLimits() const;

  /// Merges partial bounds and saves them; see StreamingLimits::update.
  Json updateStreamingLimits(const Json& patch);

  /// Resolves a request path inside the directory (see confinePath).
  [[nodiscard]] std::filesystem::path resolve(const std::string& requestPath,
                                              FileKind kind = FileKind::Yaml) const;

  /// "config/<relative path>" for a resolved path.
  [[nodiscard]] std::string display(const std::filesystem::path& resolved) const;

 private:
  struct CacheEntry {
    FileStamp stamp;
    std::shared_ptr<const Json> doc;
  };

  [[nodiscard]] std::shared_ptr<const Json> load(const std::filesystem::path& file) const;
  [[nodiscard]] Json effectiveFrom(const Json& doc, const std::string& profile,
                                   const std::string& label) const;
  void invalidate(const std::filesystem::path& file);

  std::filesystem::path dir_;
  std::filesystem::path main_;
  mutable std::mutex cacheMutex_;
  mutable std::map<std::string, CacheEntry> cache_;
  std::mutex writeMutex_;
  StreamingLimits limits_;
};

}  // namespace clxs::kernel
