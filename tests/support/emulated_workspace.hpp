// The Databricks side of the integration suite: `clxs emulate` serving the Databricks REST
// API over a data directory's local lakehouse. The suite runs twice (ctest names the second
// run ".../databricks"); in that run every ServerProcess points its server at an emulator.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/support/server_process.hpp"

namespace clxs::testing {

/// True when this run targets the Databricks workspace (CLXS_TEST_WORKSPACE=databricks).
bool databricksRun();

/// A running `clxs emulate` over `<dataDir>/local` (the root `clxs serve --data-dir` and
/// `clxs sql --data-dir` use, so data seeded either way is what the emulator serves).
class EmulatedWorkspace {
 public:
  /// Starts the emulator on a free port with a fresh random token; `extraArgs` are appended
  /// (fault injection: --error-rate, --latency-ms, ...).
  explicit EmulatedWorkspace(std::filesystem::path dataDir,
                             std::vector<std::string> extraArgs = {});
  ~EmulatedWorkspace();
  EmulatedWorkspace(const EmulatedWorkspace&) = delete;
  EmulatedWorkspace& operator=(const EmulatedWorkspace&) = delete;

  /// Port it listens on.
  [[nodiscard]] int port() const { return port_; }
  /// http://127.0.0.1:PORT (the workspace host).
  [[nodiscard]] std::string host() const;
  /// The only bearer token it accepts.
  [[nodiscard]] const std::string& token() const { return token_; }
  /// The id of its SQL warehouse.
  [[nodiscard]] static std::string warehouseId() { return "local"; }
  /// Environment that points `clxs serve` at it (DATABRICKS_HOST/TOKEN/WAREHOUSE_ID).
  [[nodiscard]] std::map<std::string, std::string> serverEnv() const;
  /// Everything it printed.
  [[nodiscard]] std::string output() const;
  /// Sends a request straight to the emulator (Authorization added unless given).
  [[nodiscard]] HttpResult request(const std::string& method, const std::string& path,
                                   const std::string& body = {},
                                   std::map<std::string, std::string> headers = {}) const;

 private:
  std::filesystem::path dataDir_;
  std::filesystem::path logFile_;
  std::string token_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace clxs::testing
