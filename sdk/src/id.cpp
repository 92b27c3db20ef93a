#include "clxs/id.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <random>

namespace clxs {

namespace {

// SplitMix64's finaliser: a bijection of 64-bit words that scatters consecutive inputs.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Seeds {
  std::uint64_t high;
  std::uint64_t low;
  std::uint64_t counter;
};

Seeds randomSeeds() {
  std::random_device rd;
  const auto word = [&rd] { return (std::uint64_t{rd()} << 32) | rd(); };
  return Seeds{word(), word(), word()};
}

}  // namespace

std::string newUuid() {
  // A random starting counter and two random keys, drawn once: each call takes the next
  // counter value, so two calls of one process never share one (mix() is a bijection), and
  // two processes differ by their keys. One atomic add instead of a mutex around an engine:
  // this runs for every request (its X-Request-Id) on every I/O thread, and thread-local
  // state is unreliable inside plugins.
  static const Seeds seeds = randomSeeds();
  static std::atomic<std::uint64_t> counter{seeds.counter};
  const std::uint64_t n = counter.fetch_add(1, std::memory_order_relaxed);
  const std::uint64_t words[2] = {mix(n + seeds.high), mix(n ^ seeds.low)};
  std::array<std::uint8_t, 16> b{};
  for (std::size_t i = 0; i < b.size(); ++i) {
    b[i] = static_cast<std::uint8_t>(words[i / 8] >> (8 * (i % 8)));
  }
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0F]);
  }
  return out;
}

}  // namespace clxs
