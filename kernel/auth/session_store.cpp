#include "kernel/auth/session_store.hpp"

#include <Poco/RandomStream.h>

#include <algorithm>
#include <array>
#include <utility>

namespace clxs::kernel {

SessionStore::SessionStore(const clxs::Clock& clock, std::chrono::seconds ttl, std::size_t capacity)
    : clock_(clock), ttl_(ttl), capacity_(std::max<std::size_t>(capacity, 1)) {}

std::string SessionStore::newId() {
  std::array<unsigned char, 16> bytes{};
  Poco::RandomInputStream in;  // /dev/urandom on Linux
  in.read(reinterpret_cast<char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    id.push_back(kHex[b >> 4]);
    id.push_back(kHex[b & 0x0f]);
  }
  return id;
}

bool SessionStore::expired(const SessionEntry& e, std::chrono::steady_clock::time_point now) const {
  return now - e.created >= ttl_;
}

void SessionStore::purgeExpiredLocked(std::chrono::steady_clock::time_point now) const {
  std::erase_if(sessions_, [&](const auto& kv) { return expired(kv.second.entry, now); });
}

std::string SessionStore::create(clxs::Credentials credentials, std::string user) {
  const auto now = clock_.steadyNow();
  std::string id = newId();
  std::lock_guard lock(mu_);
  purgeExpiredLocked(now);
  while (sessions_.count(id) != 0) id = newId();
  while (sessions_.size() >= capacity_) {
    auto oldest =
        std::min_element(sessions_.begin(), sessions_.end(),
                         [](const auto& a, const auto& b) { return a.second.seq < b.second.seq; });
    sessions_.erase(oldest);
  }
  credentials.sessionId = id;
  sessions_.emplace(id,
                    Slot{SessionEntry{std::move(credentials), std::move(user), now}, nextSeq_++});
  return id;
}

std::optional<SessionEntry> SessionStore::find(const std::string& id) const {
  const auto now = clock_.steadyNow();
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (expired(it->second.entry, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second.entry;
}

bool SessionStore::remove(const std::string& id) {
  std::lock_guard lock(mu_);
  return sessions_.erase(id) != 0;
}

std::size_t SessionStore::size() const {
  const auto now = clock_.steadyNow();
  std::lock_guard lock(mu_);
  purgeExpiredLocked(now);
  return sessions_.size();
}

}  // namespace clxs::kernel
