// Unity Catalog style paging (max_results / page_token → next_page_token), including the
// empty page that still carries a token, which real workspaces send and clients must follow.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "clxs/json.hpp"

namespace clxs::kernel::emulator {

/// Cuts full lists into pages; thread-safe.
class ListPager {
 public:
  /// `pageSize` is used when max_results is 0 or absent; with `emptyPages` about one list
  /// call in five that has more items answers an empty page with a token instead (seeded).
  ListPager(int pageSize, bool emptyPages, std::uint64_t seed);

  /// The page of `items` selected by `maxResults` / `pageToken`, as
  /// {`field`: [...], "next_page_token": ...} (token absent on the last page). Throws
  /// ApiError 400 INVALID_PARAMETER_VALUE for a negative max_results or a bad token.
  Json page(const Json& items, const std::string& field,
            const std::optional<std::string>& maxResults,
            const std::optional<std::string>& pageToken);

  /// The token that resumes at `offset`.
  static std::string tokenFor(std::size_t offset);
  /// The offset a token resumes at; throws ApiError 400 for a token this pager did not issue.
  static std::size_t offsetOf(const std::string& token);

 private:
  int pageSize_;
  bool emptyPages_;
  std::mutex mutex_;
  std::mt19937_64 rng_;
};

}  // namespace clxs::kernel::emulator
