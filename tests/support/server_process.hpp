// Integration-test fixture: runs the real clxs binary on a free port with a temporary
// data directory, and a small HTTP client to talk to it.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
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
};

/// A running `clxs serve`. Stops it (SIGTERM, then SIGKILL) in the destructor.
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
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace clxs::testing
