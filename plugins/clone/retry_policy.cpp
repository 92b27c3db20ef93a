#include "plugins/clone/retry_policy.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <random>
#include <string>

namespace clxs::clone {
namespace {

bool mentions(std::string_view text, std::string_view needle) {
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
           return std::tolower(a) == std::tolower(b);
         }) != text.end();
}

}  // namespace

bool isTransient(const WorkspaceError& error) {
  switch (error.errorClass()) {
    case WorkspaceErrorClass::Remote:
    case WorkspaceErrorClass::Timeout:
      return true;
    case WorkspaceErrorClass::Conflict:
      // A concurrent commit to the same table is worth another attempt; an object that
      // already exists is not.
      return mentions(error.what(), "CONCURRENT") || mentions(error.what(), "METADATA_CHANGED");
    default:
      return false;
  }
}

std::chrono::milliseconds backoffDelay(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap) {
  const int shift = std::clamp(attempt - 1, 0, 20);
  const auto full = std::min<std::int64_t>(cap.count(), base.count() << shift);
  // Retries are rare, so a fresh random_device per delay is cheap enough and keeps the
  // plugin free of thread-local state (which would pin its library in memory).
  std::random_device rd;
  std::uniform_int_distribution<std::int64_t> pick(full / 2, std::max<std::int64_t>(full, 1));
  return std::chrono::milliseconds(pick(rd));
}

}  // namespace clxs::clone
