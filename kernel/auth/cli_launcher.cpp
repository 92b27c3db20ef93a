#include "kernel/auth/cli_launcher.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <thread>
#include <utility>

extern char** environ;  // NOLINT: POSIX declares it only this way

namespace clxs::kernel {
namespace {

// A file descriptor closed on scope exit.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      reset();
      fd_ = std::exchange(o.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  [[nodiscard]] int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

Pipe makePipe() {
  std::array<int, 2> fds{};
  // Close-on-exec, so only the descriptors dup2'ed into place reach the child.
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
  }
  return {Fd(fds[0]), Fd(fds[1])};
}

// Spawns `argv` in a new session with a clean signal mask; stdin is /dev/null, stdout and
// stderr go to the given descriptors (-1: /dev/null).
pid_t spawn(const std::vector<std::string>& argv, int outFd, int errFd) {
  if (argv.empty()) throw std::invalid_argument("empty command");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);

  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (outFd >= 0) {
    posix_spawn_file_actions_adddup2(&actions, outFd, STDOUT_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  }
  if (errFd >= 0) {
    posix_spawn_file_actions_adddup2(&actions, errFd, STDERR_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  }

  // The server may block or ignore signals for its own threads; the tool must not inherit that.
  sigset_t empty;
  sigemptyset(&empty);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, argv[0].c_str(), &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    throw std::runtime_error("could not start " +
                             std::filesystem::path(argv[0]).filename().string() + ": " +
                             std::strerror(rc));
  }
  return pid;
}

// Reaps a child the caller no longer waits for, so it does not linger as a zombie.
void reapInBackground(pid_t pid, Fd drain) {
  std::thread([pid, fd = std::move(drain)]() mutable {
    if (fd.get() >= 0) {
      std::array<char, 4096> buf{};
      while (true) {
        const ssize_t n = ::read(fd.get(), buf.data(), buf.size());
        if (n > 0) continue;
        if (n < 0 && errno == EINTR) continue;
        break;
      }
      fd.reset();
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }).detach();
}

int exitCodeOf(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

std::optional<std::string> ProcessCliLauncher::find(const std::string& name) const {
  if (name.empty() || name.find('/') != std::string::npos) return std::nullopt;
  const std::string path = env_.value("PATH");
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const auto colon = std::min(path.find(':', pos), path.size());
    const std::string dir = path.substr(pos, colon - pos);
    pos = colon + 1;
    // An empty entry means the working directory; a server should not run whatever lies there.
    if (dir.empty() || dir.front() != '/') continue;
    const std::string candidate = std::string(dir).append("/").append(name);
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return std::nullopt;
}

void ProcessCliLauncher::startDetached(const std::vector<std::string>& argv) {
  reapInBackground(spawn(argv, -1, -1), Fd());
}

std::string ProcessCliLauncher::startAndReadFirstLine(const std::vector<std::string>& argv,
                                                      std::chrono::milliseconds timeout) {
  Pipe p = makePipe();
  const pid_t pid = spawn(argv, p.write.get(), p.write.get());
  p.write.reset();

  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::array<char, 512> buf{};
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd pfd{p.read.get(), POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    const ssize_t n = ::read(p.read.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    line.append(buf.data(), static_cast<std::size_t>(n));
  }
  // The tool keeps waiting for the user; it must never block on (or die of) a full or
  // closed pipe, so the rest of its output is drained until it exits.
  reapInBackground(pid, std::move(p.read));

  if (auto nl = line.find('\n'); nl != std::string::npos) line.resize(nl);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

CliLauncher::Result ProcessCliLauncher::run(const std::vector<std::string>& argv,
                                            std::chrono::milliseconds timeout) {
  Pipe out = makePipe();
  Pipe err = makePipe();
  const pid_t pid = spawn(argv, out.write.get(), err.write.get());
  out.write.reset();
  err.write.reset();

  Result result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::array<char, 4096> buf{};
  bool outOpen = true;
  bool errOpen = true;
  while (outOpen || errOpen) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timedOut = true;
      break;
    }
    std::array<pollfd, 2> fds{pollfd{outOpen ? out.read.get() : -1, POLLIN, 0},
                              pollfd{errOpen ? err.read.get() : -1, POLLIN, 0}};
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    if (ready == 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        (i == 0 ? outOpen : errOpen) = false;
        continue;
      }
      (i == 0 ? result.out : result.err).append(buf.data(), static_cast<std::size_t>(n));
    }
  }
  if (result.timedOut) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exitCode = result.timedOut ? -1 : exitCodeOf(status);
  return result;
}

}  // namespace clxs::kernel
