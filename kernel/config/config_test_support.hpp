// Test-only helpers shared by the kernel/config unit tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace clxs::kernel::testing {

using clxs::testing::TempDir;

/// Writes `text` to `file` (creating parent directories).
inline void writeText(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
}

/// The content of `file` ("" when missing).
inline std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The repository's shipped config directory.
inline std::filesystem::path shippedConfigDir() {
  return std::filesystem::path(CLXS_SOURCE_DIR) / "config";
}

}  // namespace clxs::kernel::testing
