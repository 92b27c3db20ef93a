#include "tests/support/server_process.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace clxs::testing {

namespace {

std::filesystem::path makeTempDir(const std::string& prefix) {
  std::random_device rd;
  for (int i = 0; i < 100; ++i) {
    auto p = std::filesystem::temp_directory_path() /
             (prefix + std::to_string(rd()) + std::to_string(getpid()));
    if (std::filesystem::create_directory(p)) return p;
  }
  throw std::runtime_error("cannot create a temporary directory");
}

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
  start();
}

ServerProcess::~ServerProcess() {
  stop();
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
  std::vector<std::string> args{
      binary().string(),
      "serve",
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "--port-file",
      portFile.string(),
      "--data-dir",
      dataDir_.string(),
      "--plugins-dir",
      (options_.pluginsDir.empty() ? buildPluginsDir() : options_.pluginsDir).string()};
  for (const auto& a : options_.extraArgs) args.push_back(a);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int fd = ::open(logFile_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    for (const auto& [k, v] : options_.env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  pid_ = pid;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("clxs exited during start-up:\n" + output());
    }
    std::ifstream in(portFile);
    if (in >> port_ && port_ > 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("clxs did not start within 60 s:\n" + output());
}

std::string ServerProcess::output() const {
  std::ifstream in(logFile_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int ServerProcess::stop() {
  if (pid_ <= 0) return 0;
  kill(pid_, SIGTERM);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return 137;
}

void ServerProcess::restart() {
  stop();
  start();
}

HttpResult ServerProcess::request(const std::string& method, const std::string& path,
                                  const std::string& body,
                                  const std::map<std::string, std::string>& headers) const {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port_));
  session.setTimeout(Poco::Timespan(60, 0));
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty()) {
    if (!req.has("Content-Type")) req.setContentType("application/json");
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
