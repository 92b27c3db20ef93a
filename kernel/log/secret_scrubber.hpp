// Masks secrets in text bound for a log: the secret values the server has seen (tokens,
// client secrets) wherever they appear, and anything shaped like one (Databricks tokens,
// bearer tokens, password= or "token": values).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace clxs::kernel {

/// Thread-safe. remember() is called where secrets enter (credential resolution, config);
/// scrub() wherever text leaves for a log.
class SecretScrubber {
 public:
  SecretScrubber();
  ~SecretScrubber();
  SecretScrubber(const SecretScrubber&) = delete;
  SecretScrubber& operator=(const SecretScrubber&) = delete;

  /// Masks `secret` from now on wherever it appears (values shorter than 8 characters are
  /// ignored: masking them would mangle ordinary words). Keeps the latest 256.
  void remember(const std::string& secret);
  /// `text` with every known secret and every secret-shaped value replaced by "****".
  [[nodiscard]] std::string scrub(std::string text) const;

 private:
  struct Patterns;
  std::unique_ptr<Patterns> patterns_;
  mutable std::mutex mu_;
  std::vector<std::string> known_;
  // Set once the first secret is remembered: until then scrub() takes no lock, which the
  // access log's I/O threads would otherwise contend for on every request.
  std::atomic<bool> anyKnown_{false};
};

}  // namespace clxs::kernel
