#include "tests/support/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace clxs::testing {

pid_t spawnLogged(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env,
                  const std::filesystem::path& logFile) {
  std::vector<std::string> argvStore = args;
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int fd = ::open(logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    for (auto& a : argvStore) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

std::vector<std::string> loopbackServerArgs(const std::filesystem::path& binary,
                                            const std::string& command,
                                            const std::filesystem::path& portFile,
                                            const std::filesystem::path& dataDir) {
  return {binary.string(), command,           "--host",     "127.0.0.1",     "--port", "0",
          "--port-file",   portFile.string(), "--data-dir", dataDir.string()};
}

int waitForPortFile(pid_t& pid, const std::filesystem::path& portFile,
                    const std::filesystem::path& logFile, const std::string& what,
                    std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;
      throw std::runtime_error(what + " exited during start-up:\n" + readLog(logFile));
    }
    std::ifstream in(portFile);
    int port = 0;
    if (in >> port && port > 0) return port;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error(what + " did not start within " + std::to_string(timeout.count()) +
                           " s:\n" + readLog(logFile));
}

int terminateChild(pid_t& pid) {
  if (pid <= 0) return 0;
  kill(pid, SIGTERM);
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  pid = -1;
  return 137;
}

std::optional<int> waitForExit(pid_t& pid, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (pid > 0 && std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

std::string readLog(const std::filesystem::path& logFile) {
  std::ifstream in(logFile);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::filesystem::path makeTempDir(const std::string& prefix) {
  std::random_device rd;
  for (int i = 0; i < 100; ++i) {
    auto p = std::filesystem::temp_directory_path() /
             (prefix + std::to_string(rd()) + std::to_string(getpid()));
    if (std::filesystem::create_directory(p)) return p;
  }
  throw std::runtime_error("cannot create a temporary directory");
}

}  // namespace clxs::testing
