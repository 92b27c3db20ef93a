#include "kernel/config/config_paths.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "clxs/error.hpp"
#include "kernel/config/config_test_support.hpp"

namespace clxs::kernel {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::writeText;

class ConfigPaths : public ::testing::Test {
 protected:
  ConfigPaths() : root_(tmp_.path() / "config"), outside_(tmp_.path() / "outside") {
    fs::create_directories(root_);
    fs::create_directories(outside_);
    writeText(outside_ / "secret.yaml", "token: x\n");
  }

  // The status and message of the HttpError confinePath throws, or 0 when it accepts.
  std::pair<int, std::string> rejection(const std::string& requested,
                                        FileKind kind = FileKind::Yaml) {
    try {
      (void)confinePath(root_, requested, kind);
      return {0, {}};
    } catch (const HttpError& e) {
      return {e.status(), e.what()};
    }
  }

  TempDir tmp_;
  fs::path root_;
  fs::path outside_;
};

TEST_F(ConfigPaths, AcceptsNamesInsideTheDirectory) {
  EXPECT_EQ(confinePath(root_, "clone_config.yaml", FileKind::Yaml), root_ / "clone_config.yaml");
  EXPECT_EQ(confinePath(root_, "config/clone_config.yaml", FileKind::Yaml),
            root_ / "clone_config.yaml");
  EXPECT_EQ(confinePath(root_, "./config/dev.yml", FileKind::Yaml), root_ / "dev.yml");
  EXPECT_EQ(confinePath(root_, "envs/dev.yaml", FileKind::Yaml), root_ / "envs" / "dev.yaml");
  EXPECT_EQ(confinePath(root_, (root_ / "abs.yaml").string(), FileKind::Yaml), root_ / "abs.yaml");
  EXPECT_EQ(confinePath(root_, "notes.json", FileKind::Any), root_ / "notes.json");
}

TEST_F(ConfigPaths, RejectsParentDirectoryComponents) {
  for (const char* p :
       {"../secret.yaml", "envs/../../outside/secret.yaml", "config/../clone_config.yaml", ".."}) {
    auto [status, message] = rejection(p);
    EXPECT_EQ(status, 400) << p;
    EXPECT_NE(message.find(p), std::string::npos) << "message must name the path: " << message;
  }
}

TEST_F(ConfigPaths, RejectsAbsolutePathsOutside) {
  auto [status, message] = rejection((outside_ / "secret.yaml").string());
  EXPECT_EQ(status, 400);
  EXPECT_NE(message.find("outside the config directory"), std::string::npos) << message;
  EXPECT_EQ(rejection("/etc/passwd", FileKind::Any).first, 400);
}

TEST_F(ConfigPaths, RejectsSymlinkEscapes) {
  fs::create_directory_symlink(outside_, root_ / "link");
  fs::create_symlink(outside_ / "secret.yaml", root_ / "evil.yaml");
  EXPECT_EQ(rejection("link/secret.yaml").first, 400);
  EXPECT_EQ(rejection("evil.yaml").first, 400);
  EXPECT_EQ(rejection("link/new.yaml").first, 400) << "a file not yet created counts too";
}

TEST_F(ConfigPaths, RejectsNulEmptyAndTheDirectoryItself) {
  auto [status, message] = rejection(std::string("clone_config.yaml\0../x", 23));
  EXPECT_EQ(status, 400);
  EXPECT_NE(message.find("NUL"), std::string::npos) << message;
  EXPECT_NE(message.find("clone_config.yaml\\0../x"), std::string::npos) << message;
  EXPECT_EQ(rejection("").first, 400);
  EXPECT_EQ(rejection("config/", FileKind::Any).first, 400);
  EXPECT_EQ(rejection(root_.string(), FileKind::Any).first, 400);
}

TEST_F(ConfigPaths, YamlRoutesTakeOnlyYamlFiles) {
  auto [status, message] = rejection("notes.json");
  EXPECT_EQ(status, 400);
  EXPECT_NE(message.find(".yaml"), std::string::npos) << message;
  EXPECT_EQ(rejection("UPPER.YAML").first, 0);
}

TEST_F(ConfigPaths, DisplayPathIsRelativeToTheDirectory) {
  EXPECT_EQ(displayPath(root_, root_ / "clone_config.yaml"), "config/clone_config.yaml");
  EXPECT_EQ(displayPath(root_, root_ / "envs" / "dev.yaml"), "config/envs/dev.yaml");
}

}  // namespace
}  // namespace clxs::kernel
