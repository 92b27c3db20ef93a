#include "tests/support/cli_process.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "clxs/id.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

}  // namespace

CliResult runCli(const std::vector<std::string>& args) {
  std::string cmd = shellQuote(ServerProcess::binary().string());
  for (const auto& a : args) cmd += " " + shellQuote(a);
  cmd += " 2>&1";
  CliResult r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  while (auto n = std::fread(buf.data(), 1, buf.size(), pipe)) r.output.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

Json sqlRows(const std::filesystem::path& dataDir, const std::string& statement) {
  const auto r = runCli({"sql", "--data-dir", dataDir.string(), "--json", statement});
  if (r.exitCode != 0) {
    ADD_FAILURE() << statement << "\n" << r.output;
    return Json::array();
  }
  try {
    return Json::parse(r.output);
  } catch (const std::exception& e) {
    ADD_FAILURE() << statement << ": not JSON: " << r.output;
    return Json::array();
  }
}

CliResult sqlScript(const std::filesystem::path& dataDir, const std::string& script) {
  const auto file = std::filesystem::temp_directory_path() / ("clxs-script-" + newUuid() + ".sql");
  {
    std::ofstream out(file);
    out << script;
  }
  auto r = runCli({"sql", "--data-dir", dataDir.string(), "-f", file.string()});
  std::filesystem::remove(file);
  return r;
}

void seedSql(const std::filesystem::path& dataDir, const std::string& script) {
  const auto r = sqlScript(dataDir, script);
  if (r.exitCode != 0) ADD_FAILURE() << "seed script failed:\n" << r.output;
}

}  // namespace clxs::testing
