// A Delta table's transaction log on the local disk: atomic put-if-absent commits and
// snapshot replay (protocol reader 1 / writer 2, JSON commits, no checkpoints).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "clxs/json.hpp"

namespace clxs::kernel {

/// The state of a table at one version, from replaying its commits in order.
struct DeltaSnapshot {
  std::int64_t version = -1;               ///< version replayed up to (-1: no table)
  Json protocol;                           ///< last protocol action
  Json metadata;                           ///< last metaData action
  std::map<std::string, Json> files;       ///< live files: add action by decoded path
  std::map<std::string, Json> tombstones;  ///< removed files: remove action by decoded path
  std::vector<std::int64_t> commitTimes;   ///< monotonized commit time (ms) per version
  std::vector<Json> commitInfos;           ///< commitInfo per version (null when absent)
};

/// The `_delta_log` of one table directory.
class DeltaLog {
 public:
  /// `tableRoot` holds `_delta_log/` (it need not exist yet).
  explicit DeltaLog(std::filesystem::path tableRoot);

  /// Versions present, ascending; throws WorkspaceError when they are not contiguous from 0.
  [[nodiscard]] std::vector<std::int64_t> versions() const;
  /// Latest version, or nullopt when the table has no log.
  [[nodiscard]] std::optional<std::int64_t> latestVersion() const;

  /// Writes commit `version` atomically and only if absent: the actions go to a hidden
  /// temporary file, are synced, then hard-linked to `NNNNNNNNNNNNNNNNNNNN.json`. Another
  /// writer's commit at that version makes this throw WorkspaceError (Conflict). The
  /// file's mtime is set to the commitInfo timestamp, kept strictly after the previous
  /// commit's, because timestamp time travel reads it.
  void commit(std::int64_t version, const std::vector<Json>& actions) const;

  /// Replays versions 0..`version` (latest when nullopt). Throws WorkspaceError NotFound
  /// for a missing table or version.
  [[nodiscard]] DeltaSnapshot snapshot(std::optional<std::int64_t> version = std::nullopt) const;
  /// Applies the commits after `snapshot.version` up to the latest (incremental refresh).
  void advance(DeltaSnapshot& snapshot) const;
  /// The version current at `timestampMs` (latest commit at or before it). Throws
  /// WorkspaceError when it is before the first commit or after the latest.
  [[nodiscard]] std::int64_t versionAt(std::int64_t timestampMs) const;

  /// The actions of commit `version`, in order (a change data feed reads them one by one).
  [[nodiscard]] std::vector<Json> actions(std::int64_t version) const;

  /// Path of a commit file.
  [[nodiscard]] std::filesystem::path commitPath(std::int64_t version) const;

 private:
  void apply(DeltaSnapshot& s, std::int64_t version) const;

  std::filesystem::path root_;
  std::filesystem::path log_;
};

/// Decodes %XX escapes once (paths in the log are URI-encoded).
std::string decodeDeltaPath(const std::string& path);
/// Flushes a data file and its directory entry to disk, so a commit that names the file
/// never outlives its contents after a power loss.
void syncToDisk(const std::filesystem::path& file);
/// Encodes a file path for the log ('%' and spaces escaped), the inverse of decodeDeltaPath.
std::string encodeDeltaPath(const std::string& path);

}  // namespace clxs::kernel
