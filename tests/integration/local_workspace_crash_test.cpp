// The local workspace's tables under process death and under several writer processes: the
// real `clxs sql` binary, killed with SIGKILL mid-INSERT, or run by two processes at once on
// one data directory. A table must always read as some committed version, never in between.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "clxs/json.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using clxs::Json;
using std::chrono::milliseconds;

constexpr std::int64_t kBulkRows = 1000000;
constexpr std::int64_t kFirstRows = 1000;

struct Run {
  int exitCode = -1;
  std::string out;  // stdout and stderr together
};

// A `clxs sql --data-dir DIR args...` child whose output goes to `outFile`. posix_spawn, not
// fork, because the concurrency test spawns from several threads.
pid_t spawnClxs(const fs::path& dataDir, const std::vector<std::string>& args,
                const fs::path& outFile) {
  std::vector<std::string> all = {clxs::testing::ServerProcess::binary().string(), "sql",
                                  "--data-dir", dataDir.string()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Run clxsSql(const fs::path& dataDir, const std::vector<std::string>& args) {
  static std::atomic<int> counter{0};
  const auto outFile =
      dataDir / (".out-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  Run r;
  const pid_t pid = spawnClxs(dataDir, args, outFile);
  if (pid <= 0) return r;
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = readFile(outFile);
  fs::remove(outFile);
  return r;
}

// The single number a `--json "SELECT count(*) AS n ..."` prints, or nullopt.
std::optional<std::int64_t> countOf(const Run& r) {
  if (r.exitCode != 0) return std::nullopt;
  const auto rows = Json::parse(r.out, nullptr, false);
  if (rows.is_discarded() || !rows.is_array() || rows.size() != 1 || !rows[0].contains("n")) {
    return std::nullopt;
  }
  const auto& n = rows[0]["n"];
  if (n.is_number_integer()) return n.get<std::int64_t>();
  if (n.is_string()) return std::stoll(n.get<std::string>());
  return std::nullopt;
}

fs::path tableDir(const fs::path& dataDir, const std::string& table) {
  return dataDir / "local" / "warehouse" / "main" / "default" / table;
}

std::set<fs::path> parquetFiles(const fs::path& dir) {
  std::set<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".parquet") out.insert(e.path());
  }
  return out;
}

// Every commit file is complete JSON, line by line; versions are contiguous from 0. Returns
// the latest version (-1 when there is none). Hidden files (`.N.json.<uuid>.tmp`) are a
// writer's staging files and never read as commits.
std::int64_t checkLog(const fs::path& table, std::vector<std::string>* staging = nullptr) {
  static const std::regex kCommitName("^[0-9]{20}\\.json$");
  std::vector<std::int64_t> versions;
  for (const auto& e : fs::directory_iterator(table / "_delta_log")) {
    const auto name = e.path().filename().string();
    if (!std::regex_match(name, kCommitName)) {
      EXPECT_EQ(name.front(), '.') << "unexpected file in the log: " << name;
      if (staging != nullptr) staging->push_back(name);
      continue;
    }
    versions.push_back(std::stoll(name.substr(0, 20)));
    const auto content = readFile(e.path());
    EXPECT_TRUE(!content.empty() && content.back() == '\n') << name << " is truncated";
    std::istringstream lines(content);
    std::string line;
    bool hasCommitInfo = false;
    while (std::getline(lines, line)) {
      const auto action = Json::parse(line, nullptr, false);
      EXPECT_TRUE(!action.is_discarded() && action.is_object())
          << name << " holds a partial line: " << line;
      if (!action.is_discarded() && action.contains("commitInfo")) hasCommitInfo = true;
    }
    EXPECT_TRUE(hasCommitInfo) << name;
  }
  std::sort(versions.begin(), versions.end());
  for (std::size_t i = 0; i < versions.size(); ++i) {
    EXPECT_EQ(versions[i], static_cast<std::int64_t>(i)) << "log versions are not contiguous";
  }
  return versions.empty() ? -1 : versions.back();
}

// DESCRIBE HISTORY through the binary: versions newest first, contiguous down to 0.
std::vector<std::int64_t> historyVersions(const fs::path& dataDir, const std::string& table) {
  const auto r = clxsSql(dataDir, {"--json", "DESCRIBE HISTORY " + table});
  EXPECT_EQ(r.exitCode, 0) << r.out;
  std::vector<std::int64_t> out;
  const auto rows = Json::parse(r.out, nullptr, false);
  if (rows.is_discarded() || !rows.is_array()) {
    ADD_FAILURE() << "DESCRIBE HISTORY did not print JSON rows: " << r.out;
    return out;
  }
  for (const auto& row : rows) out.push_back(row.value("version", std::int64_t{-1}));
  for (std::size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i], static_cast<std::int64_t>(out.size() - 1 - i))
        << "history versions are not contiguous: " << r.out;
  }
  return out;
}

// When to kill the bulk INSERT: a fixed delay after the start, or once a new Parquet file
// exists in the table directory plus a delay (the file is being or has been written, the
// commit may or may not be done).
struct KillPoint {
  milliseconds delay;
  bool afterDataFile;
};

TEST(LocalWorkspaceCrash, AKilledInsertLeavesTheTableAtTheOldOrTheNewVersion) {
  clxs::testing::TempDir dir;
  const auto& data = dir.path();
  auto r = clxsSql(data, {"CREATE TABLE main.default.t (id BIGINT, v STRING)"});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  r = clxsSql(data, {"INSERT INTO t SELECT id, 'first' FROM range(" + std::to_string(kFirstRows) +
                     ") AS r(id)"});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  const auto table = tableDir(data, "t");
  ASSERT_EQ(checkLog(table), 1);

  std::int64_t expected = kFirstRows;
  int killedMidway = 0;
  int killedWithDataFile = 0;
  const std::vector<KillPoint> points = {
      {milliseconds(5), false},   {milliseconds(50), false},  {milliseconds(200), false},
      {milliseconds(400), false}, {milliseconds(700), false}, {milliseconds(0), true},
      {milliseconds(30), true},   {milliseconds(120), true},  {milliseconds(300), true}};
  for (const auto& point : points) {
    SCOPED_TRACE("kill " + std::to_string(point.delay.count()) + " ms after " +
                 (point.afterDataFile ? "a new data file appeared" : "the start"));
    const auto before = parquetFiles(table);
    const auto outFile = data / ".bulk.out";
    const pid_t pid = spawnClxs(data,
                                {"INSERT INTO t SELECT id, 'bulk ' || id FROM range(" +
                                 std::to_string(kBulkRows) + ") AS r(id)"},
                                outFile);
    ASSERT_GT(pid, 0);
    bool sawDataFile = false;
    if (point.afterDataFile) {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (std::chrono::steady_clock::now() < deadline && !sawDataFile) {
        const auto now = parquetFiles(table);
        sawDataFile = std::any_of(now.begin(), now.end(),
                                  [&](const fs::path& p) { return !before.count(p); });
        if (!sawDataFile) std::this_thread::sleep_for(milliseconds(1));
      }
    }
    std::this_thread::sleep_for(point.delay);
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    const bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    if (!killed) {
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
          << "an INSERT that ran to its end must succeed: " << readFile(outFile);
    }
    killedMidway += killed ? 1 : 0;
    killedWithDataFile += killed && sawDataFile ? 1 : 0;

    const auto count = countOf(clxsSql(data, {"--json", "SELECT count(*) AS n FROM t"}));
    ASSERT_TRUE(count.has_value()) << "the table is unreadable after the kill";
    EXPECT_TRUE(*count == expected || *count == expected + kBulkRows)
        << "count " << *count << " is neither " << expected << " nor " << expected + kBulkRows;
    if (!killed) {
      EXPECT_EQ(*count, expected + kBulkRows);
    }
    expected = *count;
    const auto history = historyVersions(data, "t");
    const auto latest = checkLog(table);
    ASSERT_FALSE(history.empty());
    EXPECT_EQ(history.front(), latest) << "DESCRIBE HISTORY disagrees with the log";
    // Each committed bulk insert is exactly one version on top of v1.
    EXPECT_EQ(expected, kFirstRows + (latest - 1) * kBulkRows);
  }
  // The test means something only if some kills landed mid-statement, some with data written.
  EXPECT_GE(killedMidway, 3);
  EXPECT_GE(killedWithDataFile, 1);

  std::vector<std::string> staging;
  const auto latest = checkLog(table, &staging);
  r = clxsSql(data, {"INSERT INTO t SELECT id, 'after' FROM range(10) AS r(id)"});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_EQ(checkLog(table), latest + 1) << "the next INSERT lands at the next version";
  EXPECT_EQ(countOf(clxsSql(data, {"--json", "SELECT count(*) AS n FROM t"})), expected + 10);
  EXPECT_EQ(countOf(clxsSql(data, {"--json", "SELECT count(*) AS n FROM t WHERE v = 'after'"})),
            10);
  const auto history = historyVersions(data, "t");
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.front(), latest + 1);
  std::cout << "[ note ] " << killedMidway << " of " << points.size() << " INSERTs killed ("
            << killedWithDataFile << " after writing data), " << latest - 1
            << " committed; staging files left in _delta_log: " << staging.size() << "\n";
}

bool isDeltaConcurrencyError(const std::string& out) {
  static const std::regex kClass(
      "\\[DELTA_(CONCURRENT_[A-Z_]+|METADATA_CHANGED|PROTOCOL_CHANGED)\\]");
  return std::regex_search(out, kClass);
}

TEST(LocalWorkspaceConcurrency, TwoProcessesShareTheCatalogImmediately) {
  clxs::testing::TempDir dir;
  const auto& data = dir.path();
  const auto tables = [&](const std::string& who) {
    const auto r = clxsSql(data, {"--json", "SHOW TABLES IN main.default"});
    EXPECT_EQ(r.exitCode, 0) << who << ": " << r.out;
    std::set<std::string> names;
    const auto rows = Json::parse(r.out, nullptr, false);
    if (!rows.is_array()) return names;
    for (const auto& row : rows) names.insert(row.value("tableName", ""));
    return names;
  };
  // Process 1 creates, process 2 lists; then the other way round.
  auto r = clxsSql(data, {"CREATE TABLE main.default.from_one (id INT)"});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_TRUE(tables("second process").count("from_one"));
  r = clxsSql(data, {"CREATE TABLE main.default.from_two (id INT)"});
  ASSERT_EQ(r.exitCode, 0) << r.out;
  EXPECT_EQ(tables("first process"), (std::set<std::string>{"from_one", "from_two"}));
}

TEST(LocalWorkspaceConcurrency, ConcurrentInsertsFromTwoProcessesAllCountOnce) {
  constexpr int kInsertsPerWriter = 50;
  clxs::testing::TempDir dir;
  const auto& data = dir.path();
  auto r = clxsSql(data, {"CREATE TABLE main.default.c (id INT, writer STRING)"});
  ASSERT_EQ(r.exitCode, 0) << r.out;

  struct Outcome {
    std::set<int> succeeded;
    std::vector<std::string> failures;  // outputs of failed runs
  };
  std::vector<Outcome> outcomes(2);
  const auto writer = [&](int w) {
    const std::string name = w == 0 ? "a" : "b";
    for (int i = 0; i < kInsertsPerWriter; ++i) {
      const auto run = clxsSql(
          data, {"INSERT INTO main.default.c VALUES (" + std::to_string(i) + ", '" + name + "')"});
      if (run.exitCode == 0) {
        outcomes[w].succeeded.insert(i);
      } else {
        outcomes[w].failures.push_back("exit " + std::to_string(run.exitCode) + ": " + run.out);
      }
    }
  };
  std::thread a(writer, 0);
  std::thread b(writer, 1);
  a.join();
  b.join();

  std::size_t successes = 0;
  for (const auto& o : outcomes) {
    successes += o.succeeded.size();
    for (const auto& f : o.failures) {
      // Losing a commit race is allowed, but only as a Delta concurrency error and exit 1.
      EXPECT_EQ(f.rfind("exit 1: ", 0), 0u) << f;
      EXPECT_TRUE(isDeltaConcurrencyError(f)) << "not a Delta concurrency error: " << f;
    }
  }
  const auto count = countOf(clxsSql(data, {"--json", "SELECT count(*) AS n FROM c"}));
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(*count, static_cast<std::int64_t>(successes));
  // Not just the number: exactly the rows whose INSERT reported success.
  for (int w = 0; w < 2; ++w) {
    const std::string name = w == 0 ? "a" : "b";
    const auto rows = clxsSql(data, {"--json", "SELECT id FROM main.default.c WHERE writer = '" +
                                                   name + "' ORDER BY id"});
    ASSERT_EQ(rows.exitCode, 0) << rows.out;
    std::vector<int> ids;
    for (const auto& row : Json::parse(rows.out)) ids.push_back(row["id"].get<int>());
    EXPECT_EQ(ids, std::vector<int>(outcomes[w].succeeded.begin(), outcomes[w].succeeded.end()))
        << "writer " << name;
  }
  const auto history = historyVersions(data, "c");
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.front(), static_cast<std::int64_t>(successes))
      << "one version per successful INSERT on top of the CREATE";
  EXPECT_EQ(checkLog(tableDir(data, "c")), history.front());
  std::cout << "[ note ] " << successes << " of " << 2 * kInsertsPerWriter
            << " concurrent INSERTs succeeded\n";
}

}  // namespace
