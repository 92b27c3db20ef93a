// Integration-test fixture: runs the real clxs binary on a free port with a temporary
// data directory, and a small HTTP client to talk to it.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clxs/json.hpp"

namespace clxs::testing {

/// One HTTP answer.
struct HttpResult {
  int status = 0;                              ///< HTTP status
  std::map<std::string, std::string> headers;  ///< response headers, names lower-cased
  std::string body;                            ///< raw body
  /// Body parsed as JSON (throws when it is not JSON).
  [[nodiscard]] Json json() const { return Json::parse(body); }
};

/// Options for starting a server.
struct ServerOptions {
  std::vector<std::string> extraArgs;      ///< appended to `clxs serve`
  std::map<std::string, std::string> env;  ///< extra environment variables
  std::filesystem::path pluginsDir;        ///< empty: the build's plugin dir
  std::filesystem::path dataDir;           ///< empty: a fresh temporary dir
  /// Stay on the local workspace even in the suite's Databricks run (tests of the local
  /// lakehouse itself, of credential resolution, or that bring their own workspace).
  bool localOnly = false;
  /// Arguments for the emulator of the Databricks run (fault injection).
  std::vector<std::string> emulatorArgs;
};

class EmulatedWorkspace;

/// Sends one HTTP request to 127.0.0.1:`port`; `body` is sent as application/json unless a
/// Content-Type header is given.
HttpResult httpRequest(int port, const std::string& method, const std::string& path,
                       const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {});

/// A running `clxs serve`. Stops it (SIGTERM, then SIGKILL) in the destructor. In the
/// suite's Databricks run (CLXS_TEST_WORKSPACE=databricks) it first starts `clxs emulate`
/// over the same data directory and points the server at it through the environment, so
/// the same test exercises the databricks workspace; `options.env` naming DATABRICKS_HOST
/// or `localOnly` keeps it local.
class ServerProcess {
 public:
  explicit ServerProcess(ServerOptions options = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  /// Process id of the server.
  [[nodiscard]] pid_t pid() const { return pid_; }
  /// Port the server listens on.
  [[nodiscard]] int port() const { return port_; }
  /// http://127.0.0.1:PORT
  [[nodiscard]] std::string baseUrl() const;
  /// Data directory in use.
  [[nodiscard]] const std::filesystem::path& dataDir() const { return dataDir_; }
  /// Everything the server printed so far (stdout and stderr).
  [[nodiscard]] std::string output() const;
  /// The emulator the server talks to in the Databricks run (null on the local workspace).
  [[nodiscard]] const EmulatedWorkspace* emulator() const { return emulator_.get(); }
  /// "databricks" when the server is pointed at an emulator, else "local".
  [[nodiscard]] std::string workspaceKind() const { return emulator_ ? "databricks" : "local"; }

  /// Sends a request; `body` is sent as application/json when non-empty.
  HttpResult request(const std::string& method, const std::string& path,
                     const std::string& body = {},
                     const std::map<std::string, std::string>& headers = {}) const;
  /// GET path.
  HttpResult get(const std::string& path,
                 const std::map<std::string, std::string>& headers = {}) const {
    return request("GET", path, {}, headers);
  }
  /// POST path with a JSON body.
  HttpResult post(const std::string& path, const Json& body,
                  const std::map<std::string, std::string>& headers = {}) const {
    return request("POST", path, body.dump(), headers);
  }

  /// Sends SIGTERM and waits for exit; returns the exit status.
  int stop();
  /// Restarts on the same data directory (new port).
  void restart();

  /// Path of the clxs binary under test (from CLXS_BINARY or the build tree).
  static std::filesystem::path binary();
  /// Path of the build tree's plugin directory.
  static std::filesystem::path buildPluginsDir();

 private:
  void start();

  ServerOptions options_;
  std::filesystem::path dataDir_;
  std::filesystem::path logFile_;
  bool ownsDataDir_ = false;
  std::unique_ptr<EmulatedWorkspace> emulator_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace clxs::testing
