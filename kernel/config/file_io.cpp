#include "kernel/config/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>
#include <vector>

namespace clxs::kernel {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void throwErrno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

// Closes a descriptor on every path out of a scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

void writeAll(int fd, std::string_view content, const std::string& name) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throwErrno("cannot write " + name);
    }
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

void writeFileAtomically(const fs::path& target, std::string_view content) {
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  mode_t mode = 0644;
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0) mode = st.st_mode & 07777;

  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  Fd fd(::mkstemp(name.data()));
  if (fd.get() < 0) throwErrno("cannot create a temporary file in " + dir.string());
  const std::string tmpPath(name.data());
  try {
    if (::fchmod(fd.get(), mode) != 0) throwErrno("cannot set the mode of " + tmpPath);
    writeAll(fd.get(), content, tmpPath);
    if (::fsync(fd.get()) != 0) throwErrno("cannot flush " + tmpPath);
    if (::close(fd.release()) != 0) throwErrno("cannot close " + tmpPath);
    if (::rename(tmpPath.c_str(), target.c_str()) != 0) {
      throwErrno("cannot replace " + target.string());
    }
  } catch (...) {
    ::unlink(tmpPath.c_str());
    throw;
  }
  // The rename is durable only once the directory entry is on disk.
  Fd dirFd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dirFd.get() >= 0) ::fsync(dirFd.get());
}

FileStamp fileStamp(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return {};
  return {true, static_cast<long long>(st.st_ino), static_cast<long long>(st.st_size),
          static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec};
}

std::optional<std::string> readWholeFile(const fs::path& file) {
  Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    throwErrno("cannot open " + file.string());
  }
  std::string out;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      throwErrno("cannot read " + file.string());
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace clxs::kernel
