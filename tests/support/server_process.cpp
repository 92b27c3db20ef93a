#include "tests/support/server_process.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <cstdlib>

#include "tests/support/child_process.hpp"
#include "tests/support/emulated_workspace.hpp"

namespace clxs::testing {

namespace {

std::filesystem::path buildDir() {
  if (const char* d = std::getenv("CLXS_BUILD_DIR"); d != nullptr && *d != '\0') return d;
  // tests live in <build>/tests/
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return exe.parent_path().parent_path();
}

}  // namespace

std::filesystem::path ServerProcess::binary() {
  if (const char* b = std::getenv("CLXS_BINARY"); b != nullptr && *b != '\0') return b;
  return buildDir() / "bin" / "clxs";
}

std::filesystem::path ServerProcess::buildPluginsDir() {
  return buildDir() / "lib" / "clxs" / "plugins";
}

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
  if (options_.dataDir.empty()) {
    dataDir_ = makeTempDir("clxs-test-");
    ownsDataDir_ = true;
  } else {
    dataDir_ = options_.dataDir;
  }
  if (databricksRun() && !options_.localOnly && !options_.env.contains("DATABRICKS_HOST")) {
    emulator_ = std::make_unique<EmulatedWorkspace>(dataDir_, options_.emulatorArgs);
    for (auto& [k, v] : emulator_->serverEnv()) options_.env.emplace(k, v);
  }
  start();
}

ServerProcess::~ServerProcess() {
  stop();
  emulator_.reset();
  if (ownsDataDir_) {
    std::error_code ec;
    std::filesystem::remove_all(dataDir_, ec);
  }
}

std::string ServerProcess::baseUrl() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

void ServerProcess::start() {
  const auto portFile = dataDir_ / "port";
  std::filesystem::remove(portFile);
  logFile_ = dataDir_ / "server.log";
  auto args = loopbackServerArgs(binary(), "serve", portFile, dataDir_);
  args.emplace_back("--plugins-dir");
  args.push_back((options_.pluginsDir.empty() ? buildPluginsDir() : options_.pluginsDir).string());
  for (const auto& a : options_.extraArgs) args.push_back(a);
  pid_ = spawnLogged(args, options_.env, logFile_);
  port_ = waitForPortFile(pid_, portFile, logFile_, "clxs");
}

std::string ServerProcess::output() const {
  return readLog(logFile_);
}

int ServerProcess::stop() {
  return terminateChild(pid_);
}

void ServerProcess::restart() {
  stop();
  start();
}

HttpResult ServerProcess::request(const std::string& method, const std::string& path,
                                  const std::string& body,
                                  const std::map<std::string, std::string>& headers) const {
  return httpRequest(port_, method, path, body, headers);
}

HttpResult httpRequest(int port, const std::string& method, const std::string& path,
                       const std::string& body, const std::map<std::string, std::string>& headers) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(60, 0));
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() && !req.has("Content-Type")) req.setContentType("application/json");
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    req.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session.sendRequest(req) << body;
  Poco::Net::HTTPResponse resp;
  std::istream& in = session.receiveResponse(resp);
  HttpResult r;
  r.status = resp.getStatus();
  for (const auto& [k, v] : resp) {
    std::string key = k;
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[key] = v;
  }
  Poco::StreamCopier::copyToString(in, r.body);
  return r;
}

}  // namespace clxs::testing
