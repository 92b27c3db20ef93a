#include "kernel/workspace/local/delta/delta_log.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "clxs/workspace.hpp"
#include "tests/support/temp_dir.hpp"

namespace clxs::kernel {
namespace {

Json commitInfo(std::int64_t ts, const std::string& op) {
  return Json{{"commitInfo", {{"timestamp", ts}, {"operation", op}}}};
}
Json add(const std::string& path, std::int64_t size) {
  return Json{{"add",
               {{"path", path},
                {"partitionValues", Json::object()},
                {"size", size},
                {"modificationTime", 1},
                {"dataChange", true}}}};
}
Json remove(const std::string& path) {
  return Json{{"remove", {{"path", path}, {"deletionTimestamp", 2}, {"dataChange", true}}}};
}
std::vector<Json> create(std::int64_t ts) {
  return {commitInfo(ts, "CREATE TABLE"),
          Json{{"protocol", {{"minReaderVersion", 1}, {"minWriterVersion", 2}}}},
          Json{{"metaData",
                {{"id", "t1"},
                 {"format", {{"provider", "parquet"}, {"options", Json::object()}}},
                 {"schemaString", R"({"type":"struct","fields":[]})"},
                 {"partitionColumns", Json::array()},
                 {"configuration", Json::object()}}}},
          add("part-0.parquet", 10)};
}

TEST(DeltaLog, CommitsReplayIntoSnapshotsAtEveryVersion) {
  clxs::testing::TempDir dir;
  DeltaLog log(dir.path() / "t");
  EXPECT_FALSE(log.latestVersion());
  EXPECT_THROW((void)log.snapshot(), WorkspaceError);
  log.commit(0, create(1'700'000'000'000));
  log.commit(1, {commitInfo(1'700'000'001'000, "WRITE"), add("part%201.parquet", 20)});
  log.commit(2, {commitInfo(1'700'000'002'000, "DELETE"), remove("part-0.parquet")});

  EXPECT_EQ(log.latestVersion(), 2);
  auto s = log.snapshot();
  EXPECT_EQ(s.version, 2);
  EXPECT_EQ(s.protocol["minWriterVersion"], 2);
  EXPECT_EQ(s.metadata["id"], "t1");
  ASSERT_EQ(s.files.size(), 1u);
  EXPECT_TRUE(s.files.count("part 1.parquet")) << "paths are decoded once";
  EXPECT_TRUE(s.tombstones.count("part-0.parquet"));
  EXPECT_EQ(s.commitInfos[2]["operation"], "DELETE");

  auto v0 = log.snapshot(0);
  EXPECT_EQ(v0.files.size(), 1u);
  EXPECT_TRUE(v0.files.count("part-0.parquet"));
  EXPECT_THROW((void)log.snapshot(3), WorkspaceError);
}

TEST(DeltaLog, CommitFilesAreNdjsonWithTheCommitTimeAsMtime) {
  clxs::testing::TempDir dir;
  DeltaLog log(dir.path() / "t");
  log.commit(0, create(1'700'000'000'000));
  EXPECT_EQ(log.commitPath(0).filename(), "00000000000000000000.json");
  auto s = log.snapshot();
  EXPECT_EQ(s.commitTimes.at(0), 1'700'000'000'000);
  // A commit whose clock went backwards is still ordered after its predecessor.
  log.commit(1, {commitInfo(1'600'000'000'000, "WRITE")});
  s = log.snapshot();
  EXPECT_GT(s.commitTimes.at(1), s.commitTimes.at(0));
  EXPECT_EQ(log.versionAt(1'700'000'000'000), 0);
  EXPECT_EQ(log.versionAt(s.commitTimes.at(1)), 1);
  EXPECT_THROW((void)log.versionAt(1'000), WorkspaceError);
  EXPECT_THROW((void)log.versionAt(s.commitTimes.at(1) + 1), WorkspaceError);
  for (const auto& e : std::filesystem::directory_iterator(dir.path() / "t" / "_delta_log")) {
    EXPECT_NE(e.path().filename().string().front(), '.') << "no temporary file is left";
  }
}

TEST(DeltaLog, OnlyOneOfConcurrentWritersWinsAVersion) {
  clxs::testing::TempDir dir;
  DeltaLog log(dir.path() / "t");
  log.commit(0, create(1'700'000'000'000));
  std::atomic<int> won{0};
  std::atomic<int> conflicts{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < 8; ++i) {
    writers.emplace_back([&, i] {
      try {
        DeltaLog(dir.path() / "t").commit(1, {add("w" + std::to_string(i) + ".parquet", 1)});
        ++won;
      } catch (const WorkspaceError& e) {
        if (e.errorClass() == WorkspaceErrorClass::Conflict) ++conflicts;
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(won, 1);
  EXPECT_EQ(conflicts, 7);
  EXPECT_EQ(log.snapshot().files.size(), 2u) << "the log holds exactly the winner's commit";
}

TEST(DeltaLog, AdvanceAppliesOnlyNewCommitsAndGapsAreDetected) {
  clxs::testing::TempDir dir;
  DeltaLog log(dir.path() / "t");
  log.commit(0, create(1'700'000'000'000));
  auto s = log.snapshot();
  log.commit(1, {add("a.parquet", 1)});
  log.commit(2, {add("b.parquet", 1)});
  log.advance(s);
  EXPECT_EQ(s.version, 2);
  EXPECT_EQ(s.files.size(), 3u);
  std::filesystem::remove(log.commitPath(1));
  EXPECT_THROW((void)log.latestVersion(), WorkspaceError);
}

TEST(DeltaLog, ReAddingARemovedPathMakesItLiveAgain) {
  clxs::testing::TempDir dir;
  DeltaLog log(dir.path() / "t");
  log.commit(0, create(1'700'000'000'000));
  log.commit(1, {remove("part-0.parquet")});
  log.commit(2, {add("part-0.parquet", 10)});
  auto s = log.snapshot();
  EXPECT_TRUE(s.files.count("part-0.parquet"));
  EXPECT_FALSE(s.tombstones.count("part-0.parquet"));
}

}  // namespace
}  // namespace clxs::kernel
