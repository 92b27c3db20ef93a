#include "tests/support/emulated_workspace.hpp"

#include <cstdlib>
#include <random>

#include "tests/support/child_process.hpp"

namespace clxs::testing {

bool databricksRun() {
  const char* mode = std::getenv("CLXS_TEST_WORKSPACE");
  return mode != nullptr && std::string(mode) == "databricks";
}

namespace {
std::string randomToken() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string t = "dapi";
  for (int i = 0; i < 32; ++i) t += kHex[gen() % 16];
  return t;
}
}  // namespace

EmulatedWorkspace::EmulatedWorkspace(std::filesystem::path dataDir,
                                     std::vector<std::string> extraArgs)
    : dataDir_(std::move(dataDir)), token_(randomToken()) {
  std::filesystem::create_directories(dataDir_);
  const auto portFile = dataDir_ / "emulator.port";
  std::filesystem::remove(portFile);
  logFile_ = dataDir_ / "emulator.log";
  // Small chunks and pages, and the empty-page fault, so every suite run exercises chunked
  // results and paging the hard way (the Databricks workspace's client pages with
  // max_results, so it meets the empty pages).
  auto args = loopbackServerArgs(ServerProcess::binary(), "emulate", portFile, dataDir_);
  for (const char* a : {"--token", token_.c_str(), "--chunk-rows", "200", "--page-size", "20",
                        "--empty-pages", "on"}) {
    args.emplace_back(a);
  }
  for (auto& a : extraArgs) args.push_back(std::move(a));
  pid_ = spawnLogged(args, {}, logFile_);
  port_ = waitForPortFile(pid_, portFile, logFile_, "clxs emulate");
}

EmulatedWorkspace::~EmulatedWorkspace() {
  terminateChild(pid_);
}

std::string EmulatedWorkspace::host() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

std::map<std::string, std::string> EmulatedWorkspace::serverEnv() const {
  return {{"DATABRICKS_HOST", host()},
          {"DATABRICKS_TOKEN", token_},
          {"DATABRICKS_WAREHOUSE_ID", warehouseId()}};
}

std::string EmulatedWorkspace::output() const {
  return readLog(logFile_);
}

HttpResult EmulatedWorkspace::request(const std::string& method, const std::string& path,
                                      const std::string& body,
                                      std::map<std::string, std::string> headers) const {
  headers.emplace("Authorization", "Bearer " + token_);
  return httpRequest(port_, method, path, body, headers);
}

}  // namespace clxs::testing
