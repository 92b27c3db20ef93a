// Counters the admin route /_emulator/stats reports, so tests can check that retries
// happened and that no statement was applied twice.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "clxs/json.hpp"

namespace clxs::kernel::emulator {

/// Thread-safe request, fault and statement counters.
class EmulatorStats {
 public:
  /// One /api/ request arrived.
  void countRequest();
  /// A fault was injected: "503", "429" or "latency".
  void countFault(const std::string& kind);
  /// A statement submission was accepted.
  void countSubmitted();
  /// A statement ran on the local workspace (its text is hashed, never kept).
  void countExecuted(std::string_view statementText);
  /// A statement submission was failed by fault injection without running.
  void countFailedInjected();
  /// Zeroes every counter.
  void reset();
  /// {requests, faults{"503","429","latency"}, statements{submitted, executed,
  /// failed_injected, by_text_hash{sha256: n}}}
  [[nodiscard]] Json toJson() const;

 private:
  mutable std::mutex mutex_;
  std::int64_t requests_ = 0;
  std::map<std::string, std::int64_t> faults_;
  std::int64_t submitted_ = 0;
  std::int64_t executed_ = 0;
  std::int64_t failedInjected_ = 0;
  std::map<std::string, std::int64_t> byTextHash_;
};

/// Lower-case hex SHA-256 of `text`.
std::string sha256Hex(std::string_view text);

}  // namespace clxs::kernel::emulator
