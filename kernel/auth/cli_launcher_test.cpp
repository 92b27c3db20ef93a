#include "kernel/auth/cli_launcher.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "kernel/auth/test_fakes.hpp"

namespace clxs::kernel {
namespace {

using namespace std::chrono_literals;
using testing::MapEnvironment;
using testing::TempDir;

class CliLauncherTest : public ::testing::Test {
 protected:
  CliLauncherTest() { env.vars["PATH"] = ":relative/bin:" + bin.string() + ":/nonexistent"; }

  // An executable shell script called `name` in the test's bin directory.
  std::string script(const std::string& name, const std::string& body) {
    const auto path = bin / name;
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    return path.string();
  }

  TempDir dir;
  std::filesystem::path bin = [this] {
    auto p = dir.path() / "bin";
    std::filesystem::create_directories(p);
    return p;
  }();
  MapEnvironment env;
  ProcessCliLauncher launcher{env};
};

TEST_F(CliLauncherTest, FindsExecutablesOnAbsolutePathEntriesOnly) {
  const std::string tool = script("tool", "exit 0");
  EXPECT_EQ(launcher.find("tool"), tool);
  EXPECT_FALSE(launcher.find("missing").has_value());
  EXPECT_FALSE(launcher.find("../bin/tool").has_value());
  EXPECT_FALSE(launcher.find("").has_value());

  std::ofstream(bin / "plain") << "not executable\n";
  EXPECT_FALSE(launcher.find("plain").has_value());
  std::filesystem::create_directories(bin / "dir");
  EXPECT_FALSE(launcher.find("dir").has_value());

  env.vars["PATH"] = "";
  EXPECT_FALSE(launcher.find("tool").has_value());
}

TEST_F(CliLauncherTest, RunCapturesOutputAndExitCode) {
  const std::string tool = script("tool", "echo \"out:$1\"; echo err >&2; exit 3");
  const auto r = launcher.run({tool, "a b; $(rm -rf /)"}, 10s);
  EXPECT_EQ(r.exitCode, 3);
  EXPECT_FALSE(r.timedOut);
  EXPECT_EQ(r.out, "out:a b; $(rm -rf /)\n") << "arguments never pass through a shell";
  EXPECT_EQ(r.err, "err\n");
}

TEST_F(CliLauncherTest, RunKillsWhatOutlivesItsTimeout) {
  const std::string tool = script("slow", "exec sleep 30");
  const auto start = std::chrono::steady_clock::now();
  const auto r = launcher.run({tool}, 300ms);
  EXPECT_TRUE(r.timedOut);
  EXPECT_EQ(r.exitCode, -1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

TEST_F(CliLauncherTest, RunOfAMissingProgramThrows) {
  EXPECT_THROW(launcher.run({(bin / "missing").string()}, 1s), std::runtime_error);
}

TEST_F(CliLauncherTest, FirstLineIsReturnedWhileTheProgramKeepsRunning) {
  const auto marker = dir.path() / "finished";
  const std::string tool =
      script("az",
             "echo 'To sign in, enter the code ABC123' >&2; sleep 1; echo '[{\"more\": 1}]'; "
             "echo done > '" +
                 marker.string() + "'");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(launcher.startAndReadFirstLine({tool}, 10s), "To sign in, enter the code ABC123");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 900ms) << "returns before the tool ends";
  // The tool outlives the call and finishes its work (its later output is drained).
  for (int i = 0; i < 100 && !std::filesystem::exists(marker); ++i)
    std::this_thread::sleep_for(50ms);
  EXPECT_TRUE(std::filesystem::exists(marker));
}

TEST_F(CliLauncherTest, FirstLineGivesUpAfterTheTimeout) {
  const std::string tool = script("quiet", "exec sleep 5");
  EXPECT_EQ(launcher.startAndReadFirstLine({tool}, 200ms), "");
}

TEST_F(CliLauncherTest, DetachedProgramsRunOnTheirOwn) {
  const auto marker = dir.path() / "detached";
  const std::string tool = script("databricks", "echo \"$@\" > '" + marker.string() + "'");
  launcher.startDetached({tool, "auth", "login", "--host", "https://h"});
  for (int i = 0; i < 100; ++i) {
    std::ifstream in(marker);
    std::string line;
    if (std::getline(in, line) && !line.empty()) {
      EXPECT_EQ(line, "auth login --host https://h");
      return;
    }
    std::this_thread::sleep_for(50ms);
  }
  ADD_FAILURE() << "the detached program did not run";
}

}  // namespace
}  // namespace clxs::kernel
