// Server sessions created by the /api/auth login routes: in memory only, never persisted.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "clxs/clock.hpp"
#include "clxs/credentials.hpp"

namespace clxs::kernel {

/// One live session.
struct SessionEntry {
  /// Credentials the session acts with (secrets included; they never leave memory).
  clxs::Credentials credentials;
  /// User name the workspace reported at login ("" when not verified).
  std::string user;
  /// When the session was created (monotonic, for the TTL).
  std::chrono::steady_clock::time_point created;
};

/// Sessions keyed by a random 32-hex-digit id, expiring `ttl` after creation, at most
/// `capacity` at once (creating one more evicts the oldest). Thread-safe.
class SessionStore {
 public:
  /// Default number of sessions kept, as in the original.
  static constexpr std::size_t kDefaultCapacity = 100;

  /// `clock` must outlive the store.
  SessionStore(const clxs::Clock& clock, std::chrono::seconds ttl,
               std::size_t capacity = kDefaultCapacity);

  /// Stores a session and returns its new id.
  std::string create(clxs::Credentials credentials, std::string user);
  /// The live session `id`, or nullopt when unknown or expired (an expired one is dropped).
  [[nodiscard]] std::optional<SessionEntry> find(const std::string& id) const;
  /// Ends session `id`; false when there was none.
  bool remove(const std::string& id);
  /// Number of live sessions.
  [[nodiscard]] std::size_t size() const;
  /// Session lifetime.
  [[nodiscard]] std::chrono::seconds ttl() const { return ttl_; }

  /// A fresh id: 16 bytes from the system's random device as 32 lower-case hex digits.
  static std::string newId();

 private:
  [[nodiscard]] bool expired(const SessionEntry& e,
                             std::chrono::steady_clock::time_point now) const;
  void purgeExpiredLocked(std::chrono::steady_clock::time_point now) const;

  // Creation order decides eviction even when two sessions share a timestamp.
  struct Slot {
    SessionEntry entry;
    std::uint64_t seq;
  };

  const clxs::Clock& clock_;
  const std::chrono::seconds ttl_;
  const std::size_t capacity_;
  // Mutable: dropping an expired session on lookup does not change what the store holds.
  mutable std::mutex mu_;
  std::uint64_t nextSeq_ = 0;
  mutable std::map<std::string, Slot> sessions_;
};

}  // namespace clxs::kernel
