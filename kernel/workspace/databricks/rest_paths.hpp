// Builds REST paths from names the user chose: every segment percent-encoded, volume paths
// checked before they reach the Files API.
#pragma once

#include <string>
#include <string_view>

namespace clxs::kernel::databricks {

/// Percent-encodes one path segment: unreserved characters (letters, digits, `-._~`) stay,
/// every other byte (slash included) becomes %XX.
std::string encodePathSegment(std::string_view segment);

/// A checked volume path /Volumes/<catalog>/<schema>/<volume>[/<relative>].
struct VolumePath {
  std::string raw;      ///< as given (a trailing slash removed)
  std::string encoded;  ///< every segment percent-encoded, slashes kept
  std::string parent;   ///< encoded path of the containing directory (empty at the volume)
  int depth = 0;        ///< segments after /Volumes (3 for the volume itself)
};

/// Checks `path` as the local workspace does: it must start with /Volumes/ and name a
/// catalog, schema and volume, with no empty, `.` or `..` segment and no NUL. Throws
/// WorkspaceError InvalidSql otherwise.
VolumePath volumePath(std::string_view path);

}  // namespace clxs::kernel::databricks
