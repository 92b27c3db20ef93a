#include "kernel/store/change_log_store.hpp"

#include <gtest/gtest.h>

#include <string>

#include "kernel/store/state_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::kernel {
namespace {

ChangeEntry entry(const std::string& at, const std::string& plugin, int status) {
  return ChangeEntry{at, "local", plugin, "POST", "/api/x/{id}", "/api/x/1", status, "req-" + at};
}

TEST(ChangeLogStore, RecordsAndListsNewestFirstWithFilters) {
  testing::TempDir dir;
  StateStore store(dir.path());
  ChangeLogStore log(store);
  log.record(entry("2026-01-01T00:00:00.000Z", "clone", 200));
  log.record(entry("2026-01-02T00:00:00.000Z", "kernel", 409));
  log.record(entry("2026-01-03T00:00:00.000Z", "clone", 200));

  const auto all = log.list({});
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0]["at"], "2026-01-03T00:00:00.000Z");
  EXPECT_EQ(all[0]["route"], "/api/x/{id}");
  EXPECT_EQ(all[0]["path"], "/api/x/1");
  EXPECT_EQ(all[0]["status"], 200);
  EXPECT_EQ(all[0]["request_id"], "req-2026-01-03T00:00:00.000Z");
  EXPECT_EQ(all[1]["plugin"], "kernel");

  EXPECT_EQ(log.list({.plugin = "clone"}).size(), 2U);
  EXPECT_EQ(log.list({.since = "2026-01-02T00:00:00.000Z"}).size(), 2U);
  EXPECT_EQ(log.list({.until = "2026-01-02T00:00:00.000Z"}).size(), 1U);
  EXPECT_EQ(log.list({.limit = 1}).size(), 1U);
  EXPECT_TRUE(log.list({.actor = "someone"}).empty());
}

}  // namespace
}  // namespace clxs::kernel
