#include "kernel/workspace/databricks/rest_paths.hpp"

#include <gtest/gtest.h>

#include "clxs/workspace.hpp"

namespace clxs::kernel::databricks {
namespace {

WorkspaceErrorClass failure(const std::string& path) {
  try {
    volumePath(path);
  } catch (const WorkspaceError& e) {
    return e.errorClass();
  }
  return WorkspaceErrorClass::Remote;
}

TEST(RestPaths, EncodesEverySegmentAndKeepsSlashes) {
  const auto vp = volumePath("/Volumes/my cat/s`q\"l/vol/dir/ä file.txt");
  EXPECT_EQ(vp.encoded, "/Volumes/my%20cat/s%60q%22l/vol/dir/%C3%A4%20file.txt");
  EXPECT_EQ(vp.parent, "/Volumes/my%20cat/s%60q%22l/vol/dir");
  EXPECT_EQ(vp.raw, "/Volumes/my cat/s`q\"l/vol/dir/ä file.txt");
  EXPECT_EQ(vp.depth, 5);
  EXPECT_EQ(encodePathSegment("a/b?c#d.e"), "a%2Fb%3Fc%23d.e");
}

TEST(RestPaths, VolumeRootAndTrailingSlash) {
  const auto root = volumePath("/Volumes/c/s/v/");
  EXPECT_EQ(root.encoded, "/Volumes/c/s/v");
  EXPECT_EQ(root.parent, "");
  EXPECT_EQ(root.depth, 3);
  EXPECT_EQ(volumePath("/Volumes/c/s/v/f").parent, "/Volumes/c/s/v");
}

TEST(RestPaths, RefusesPathsOutsideAVolume) {
  for (const char* bad : {"/tmp/x", "/Volumes/c/s", "/Volumes/c/s/v/../w", "/Volumes/c/s/v/./f",
                          "/Volumes/c//v/f", "Volumes/c/s/v", "", "/Volumes/c/s/v//f"}) {
    EXPECT_EQ(failure(bad), WorkspaceErrorClass::InvalidSql) << bad;
  }
  EXPECT_EQ(failure(std::string("/Volumes/c/s/v/a\0b", 18)), WorkspaceErrorClass::InvalidSql);
}

}  // namespace
}  // namespace clxs::kernel::databricks
