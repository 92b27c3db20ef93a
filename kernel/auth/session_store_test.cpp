#include "kernel/auth/session_store.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "kernel/auth/test_fakes.hpp"

namespace clxs::kernel {
namespace {

using namespace std::chrono_literals;
using testing::FakeClock;

clxs::Credentials pat(const std::string& token) {
  clxs::Credentials c;
  c.source = clxs::CredentialSource::Headers;
  c.host = "https://h";
  c.token = token;
  c.authMethod = "pat";
  return c;
}

TEST(SessionStoreTest, IdsAre32HexDigitsAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string id = SessionStore::newId();
    EXPECT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{32}"))) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate id " << id;
  }
}

TEST(SessionStoreTest, CreateFindRemove) {
  FakeClock clock;
  SessionStore store(clock, 8h);
  const std::string id = store.create(pat("dapi-secret-1"), "alice@example.com");

  auto entry = store.find(id);
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->user, "alice@example.com");
  EXPECT_EQ(entry->credentials.token, "dapi-secret-1");
  EXPECT_EQ(entry->credentials.sessionId, id);
  EXPECT_EQ(entry->created, clock.steadyNow());

  EXPECT_FALSE(store.find("0123456789abcdef0123456789abcdef").has_value());
  EXPECT_TRUE(store.remove(id));
  EXPECT_FALSE(store.remove(id));
  EXPECT_FALSE(store.find(id).has_value());
}

TEST(SessionStoreTest, ExpiresAfterTtl) {
  FakeClock clock;
  SessionStore store(clock, 8h);
  const std::string id = store.create(pat("t"), "u");
  clock.advance(8h - 1s);
  EXPECT_TRUE(store.find(id).has_value());
  clock.advance(1s);
  EXPECT_FALSE(store.find(id).has_value());
  EXPECT_EQ(store.size(), 0u);
}

TEST(SessionStoreTest, ExpiredSessionsDoNotCount) {
  FakeClock clock;
  SessionStore store(clock, 1h, 3);
  store.create(pat("a"), "a");
  store.create(pat("b"), "b");
  EXPECT_EQ(store.size(), 2u);
  clock.advance(2h);
  EXPECT_EQ(store.size(), 0u);
  const std::string c = store.create(pat("c"), "c");
  EXPECT_EQ(store.size(), 1u);
  EXPECT_TRUE(store.find(c).has_value());
}

TEST(SessionStoreTest, EvictsOldestBeyondCapacity) {
  FakeClock clock;
  SessionStore store(clock, 8h);  // default capacity: 100
  std::vector<std::string> ids;
  for (int i = 0; i < 100; ++i) ids.push_back(store.create(pat("t"), "u" + std::to_string(i)));
  EXPECT_EQ(store.size(), 100u);

  const std::string newest = store.create(pat("t"), "u100");
  EXPECT_EQ(store.size(), 100u);
  EXPECT_FALSE(store.find(ids[0]).has_value()) << "the oldest session must be evicted";
  EXPECT_TRUE(store.find(ids[1]).has_value());
  EXPECT_TRUE(store.find(ids[99]).has_value());
  EXPECT_TRUE(store.find(newest).has_value());

  store.create(pat("t"), "u101");
  EXPECT_FALSE(store.find(ids[1]).has_value());
  EXPECT_TRUE(store.find(ids[2]).has_value());
}

TEST(SessionStoreTest, ConcurrentUseIsSafe) {
  FakeClock clock;
  SessionStore store(clock, 8h, 50);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store] {
      for (int i = 0; i < 200; ++i) {
        const std::string id = store.create(pat("t"), "u");
        (void)store.find(id);
        if (i % 3 == 0) store.remove(id);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_LE(store.size(), 50u);
}

}  // namespace
}  // namespace clxs::kernel
