#include "kernel/config/file_io.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <system_error>

#include "kernel/config/config_test_support.hpp"

namespace clxs::kernel {
namespace {

namespace fs = std::filesystem;
using testing::readText;
using testing::TempDir;
using testing::writeText;

std::size_t entriesIn(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(FileIo, WritesANewFileWithReadablePermissions) {
  TempDir tmp;
  const fs::path f = tmp.path() / "a.yaml";
  writeFileAtomically(f, "x: 1\n");
  EXPECT_EQ(readText(f), "x: 1\n");
  struct stat st {};
  ASSERT_EQ(::stat(f.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  EXPECT_EQ(entriesIn(tmp.path()), 1u) << "no temporary file may be left behind";
}

TEST(FileIo, ReplacesByRenameAndKeepsTheMode) {
  TempDir tmp;
  const fs::path f = tmp.path() / "a.yaml";
  writeText(f, "old\n");
  ASSERT_EQ(::chmod(f.c_str(), 0600), 0);
  const FileStamp before = fileStamp(f);
  writeFileAtomically(f, "new content\n");
  const FileStamp after = fileStamp(f);
  EXPECT_EQ(readText(f), "new content\n");
  EXPECT_NE(before.inode, after.inode) << "a rename, not an in-place rewrite";
  struct stat st {};
  ASSERT_EQ(::stat(f.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(entriesIn(tmp.path()), 1u);
}

TEST(FileIo, FailureLeavesNothingBehind) {
  TempDir tmp;
  EXPECT_THROW(writeFileAtomically(tmp.path() / "missing-dir" / "a.yaml", "x"), std::system_error);
  EXPECT_EQ(entriesIn(tmp.path()), 0u);
  // The target is a directory: the rename fails and the temporary file is removed.
  fs::create_directory(tmp.path() / "dir.yaml");
  EXPECT_THROW(writeFileAtomically(tmp.path() / "dir.yaml", "x"), std::system_error);
  EXPECT_EQ(entriesIn(tmp.path()), 1u);
}

TEST(FileIo, ReadsWholeFilesAndReportsMissingOnes) {
  TempDir tmp;
  EXPECT_FALSE(readWholeFile(tmp.path() / "none").has_value());
  std::string big(200000, 'q');
  writeText(tmp.path() / "big", big);
  EXPECT_EQ(readWholeFile(tmp.path() / "big"), big);
}

TEST(FileIo, StampsTellVersionsApart) {
  TempDir tmp;
  const fs::path f = tmp.path() / "s";
  EXPECT_FALSE(fileStamp(f).exists);
  writeText(f, "one");
  const FileStamp a = fileStamp(f);
  EXPECT_TRUE(a.exists);
  EXPECT_EQ(a, fileStamp(f));
  writeText(f, "three");
  EXPECT_NE(a, fileStamp(f));
}

}  // namespace
}  // namespace clxs::kernel
