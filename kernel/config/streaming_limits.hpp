// Form bounds of the demo-data Streaming Events tab, kept in streaming_limits.json.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include "clxs/json.hpp"
#include "kernel/config/file_io.hpp"

namespace clxs::kernel {

/// Reads and updates the streaming-emit form bounds: for each of events_per_batch,
/// interval_seconds and total_duration_seconds a `{"default","min","max"}` object. The
/// file is optional (built-in defaults fill whatever it lacks); reads are cached and
/// re-read when the file's modification stamp changes. Thread-safe.
class StreamingLimits {
 public:
  /// Limits stored in `file` (created on the first update).
  explicit StreamingLimits(std::filesystem::path file);

  /// The built-in bounds: events_per_batch 100 [1, 10000], interval_seconds 5 [0.1, 300],
  /// total_duration_seconds 60 [1, 3600].
  [[nodiscard]] static const Json& defaults();

  /// The current bounds (file values over the defaults).
  [[nodiscard]] Json current() const;

  /// Merges a partial body (`{"events_per_batch":{"max":50000}}`; unknown fields ignored)
  /// over the current bounds, checks min > 0 and min <= default <= max for every field and
  /// the integer fields stay integers, then writes the file atomically and returns the new
  /// bounds. Throws HttpError 400 naming the field when a check fails; the file is then
  /// untouched.
  Json update(const Json& patch);

 private:
  [[nodiscard]] Json load() const;

  std::filesystem::path file_;
  mutable std::mutex mutex_;
  mutable FileStamp cachedStamp_;
  mutable Json cached_;
  mutable bool haveCache_ = false;
};

}  // namespace clxs::kernel
