#include "kernel/log/secret_scrubber.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>

namespace clxs::kernel {

namespace {
constexpr std::size_t kMinSecret = 8;
constexpr std::size_t kMaxKnown = 256;
}  // namespace

struct SecretScrubber::Patterns {
  // Databricks personal access tokens.
  RE2 databricksToken{R"(\bdapi[0-9a-zA-Z\-]{16,})"};
  // Authorization: Bearer <token>, Basic <credentials>.
  RE2 authScheme{R"((?i)\b(bearer|basic)\s+[A-Za-z0-9\-._~+/=]{8,})"};
  // key=value, key: value and "key": "value" for secret-named keys.
  RE2 keyed{
      R"((?i)((?:access_?token|refresh_?token|id_?token|token|password|passwd|secret|client_?secret|api_?key|authorization)["']?\s*[:=]\s*["']?)([^"'\s&,;}]{4,}))"};
};

SecretScrubber::SecretScrubber() : patterns_(std::make_unique<Patterns>()) {}

SecretScrubber::~SecretScrubber() = default;

void SecretScrubber::remember(const std::string& secret) {
  if (secret.size() < kMinSecret) return;
  std::lock_guard lock(mu_);
  if (std::find(known_.begin(), known_.end(), secret) != known_.end()) return;
  if (known_.size() >= kMaxKnown) known_.erase(known_.begin());
  known_.push_back(secret);
  anyKnown_.store(true, std::memory_order_release);
}

std::string SecretScrubber::scrub(std::string text) const {
  if (anyKnown_.load(std::memory_order_acquire)) {
    std::lock_guard lock(mu_);
    for (const auto& secret : known_) {
      for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
        text.replace(pos, secret.size(), "****");
      }
    }
  }
  // Each pattern runs only when the text has what any match of it must contain: most logged
  // strings (paths, ids, addresses) have none of it, and the access log scrubs the fields a
  // client chose on every request, where three regex passes per string were a tenth of a
  // cheap request's CPU. One pass over the text finds all three hints.
  // A byte's hint bits: 1 whitespace (\s+ after "bearer" or "basic"), 2 ':' or '=' (after a
  // secret-named key), 4 'd' (a Databricks token starts with "dapi").
  static constexpr auto kHints = [] {
    std::array<unsigned char, 256> t{};
    for (const unsigned char c : {' ', '\t', '\n', '\f', '\r', '\v'}) t[c] = 1;
    t[':'] = t['='] = 2;
    t['d'] = 4;
    return t;
  }();
  unsigned seen = 0;
  bool dapi = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned hint = kHints[static_cast<unsigned char>(text[i])];
    seen |= hint;
    if (hint == 4 && !dapi) dapi = text.compare(i, 4, "dapi") == 0;
  }
  const bool space = (seen & 1) != 0;
  const bool keyed = (seen & 2) != 0;
  if (dapi) RE2::GlobalReplace(&text, patterns_->databricksToken, "dapi****");
  if (space) RE2::GlobalReplace(&text, patterns_->authScheme, "\\1 ****");
  if (keyed) RE2::GlobalReplace(&text, patterns_->keyed, "\\1****");
  return text;
}

}  // namespace clxs::kernel
