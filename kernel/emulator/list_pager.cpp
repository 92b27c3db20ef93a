#include "kernel/emulator/list_pager.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>

#include "kernel/emulator/emulator_http.hpp"

namespace clxs::kernel::emulator {

namespace {

constexpr std::string_view kTokenPrefix = "emu1-";

// Every token is distinct (clients rightly refuse a token the server repeats), so a serial
// number follows the offset: "emu1-<offset>.<serial>".
std::atomic<std::uint64_t>& tokenSerial() {
  static std::atomic<std::uint64_t> serial{0};
  return serial;
}

}  // namespace

ListPager::ListPager(int pageSize, bool emptyPages, std::uint64_t seed)
    : pageSize_(std::max(1, pageSize)), emptyPages_(emptyPages), rng_(seed) {}

std::string ListPager::tokenFor(std::size_t offset) {
  return std::string(kTokenPrefix) + std::to_string(offset) + "." + std::to_string(++tokenSerial());
}

std::size_t ListPager::offsetOf(const std::string& token) {
  std::size_t offset = 0;
  const auto digits = std::string_view(token).substr(std::min(token.size(), kTokenPrefix.size()));
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), offset);
  const std::string_view serial(end, static_cast<std::size_t>(digits.data() + digits.size() - end));
  const bool serialOk = serial.size() > 1 && serial[0] == '.' &&
                        serial.find_first_not_of("0123456789", 1) == std::string_view::npos;
  if (token.rfind(kTokenPrefix, 0) != 0 || digits.empty() || ec != std::errc() || !serialOk) {
    throw ApiError(400, "INVALID_PARAMETER_VALUE", "page_token is not a token this server issued");
  }
  return offset;
}

Json ListPager::page(const Json& items, const std::string& field,
                     const std::optional<std::string>& maxResults,
                     const std::optional<std::string>& pageToken) {
  const bool paging = (maxResults && !maxResults->empty()) || (pageToken && !pageToken->empty());
  if (!paging) {
    // As Databricks: a client that does not ask for pages gets the whole list, no token.
    Json out = Json::object();
    out[field] = items.is_array() ? items : Json::array();
    return out;
  }
  std::size_t size = static_cast<std::size_t>(pageSize_);
  if (maxResults && !maxResults->empty()) {
    long long requested = 0;
    const auto [end, ec] =
        std::from_chars(maxResults->data(), maxResults->data() + maxResults->size(), requested);
    if (ec != std::errc() || end != maxResults->data() + maxResults->size() || requested < 0) {
      throw ApiError(400, "INVALID_PARAMETER_VALUE", "max_results must be a non-negative integer");
    }
    if (requested > 0) size = std::min<std::size_t>(static_cast<std::size_t>(requested), 1000);
  }
  const std::size_t offset = pageToken && !pageToken->empty() ? offsetOf(*pageToken) : 0;
  const std::size_t total = items.size();
  Json out = Json::object();
  out[field] = Json::array();
  if (offset < total && emptyPages_) {
    bool empty = false;
    {
      std::lock_guard lock(mutex_);
      empty = rng_() % 5 == 0;
    }
    if (empty) {
      out["next_page_token"] = tokenFor(offset);
      return out;
    }
  }
  const std::size_t end = std::min(total, offset + size);
  for (std::size_t i = offset; i < end; ++i) out[field].push_back(items[i]);
  if (end < total) out["next_page_token"] = tokenFor(end);
  return out;
}

}  // namespace clxs::kernel::emulator
