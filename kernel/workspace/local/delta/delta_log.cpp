#include "kernel/workspace/local/delta/delta_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>

#include "clxs/id.hpp"
#include "clxs/workspace.hpp"

namespace clxs::kernel {

namespace {

constexpr std::size_t kVersionDigits = 20;

std::optional<std::int64_t> versionOf(const std::string& name) {
  if (name.size() != kVersionDigits + 5 || name.substr(kVersionDigits) != ".json") {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < kVersionDigits; ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
  }
  return std::stoll(name.substr(0, kVersionDigits));
}

std::int64_t mtimeMs(const std::filesystem::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

void syncPath(const std::filesystem::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

[[noreturn]] void ioError(const std::string& what, const std::filesystem::path& p) {
  throw WorkspaceError(WorkspaceErrorClass::Remote,
                       what + " '" + p.string() + "': " + std::strerror(errno));
}

}  // namespace

std::string decodeDeltaPath(const std::string& path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size() &&
        std::isxdigit(static_cast<unsigned char>(path[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(path[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(path.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(path[i]);
    }
  }
  return out;
}

DeltaLog::DeltaLog(std::filesystem::path tableRoot)
    : root_(std::move(tableRoot)), log_(root_ / "_delta_log") {}

std::filesystem::path DeltaLog::commitPath(std::int64_t version) const {
  std::string digits = std::to_string(version);
  return log_ / (std::string(kVersionDigits - digits.size(), '0') + digits + ".json");
}

std::vector<std::int64_t> DeltaLog::versions() const {
  std::vector<std::int64_t> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(log_, ec)) {
    if (auto v = versionOf(e.path().filename().string())) out.push_back(*v);
  }
  std::sort(out.begin(), out.end());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] != static_cast<std::int64_t>(i)) {
      throw WorkspaceError(
          WorkspaceErrorClass::Remote,
          "Delta log of '" + root_.string() + "' is missing version " + std::to_string(i));
    }
  }
  return out;
}

std::optional<std::int64_t> DeltaLog::latestVersion() const {
  const auto v = versions();
  if (v.empty()) return std::nullopt;
  return v.back();
}

void DeltaLog::commit(std::int64_t version, const std::vector<Json>& actions) const {
  std::filesystem::create_directories(log_);
  const auto target = commitPath(version);
  const auto temp = log_ / ("." + target.filename().string() + "." + newUuid() + ".tmp");
  std::int64_t timestamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  for (const auto& a : actions) {
    if (a.contains("commitInfo") && a["commitInfo"].contains("timestamp")) {
      timestamp = a["commitInfo"]["timestamp"].get<std::int64_t>();
    }
  }
  if (version > 0) timestamp = std::max(timestamp, mtimeMs(commitPath(version - 1)) + 1);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) ioError("cannot write", temp);
    for (const auto& a : actions)
      out << a.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    if (!out.flush()) ioError("cannot write", temp);
  }
  syncPath(temp, O_RDONLY);
  struct timespec times[2];
  times[0].tv_sec = times[1].tv_sec = timestamp / 1000;
  times[0].tv_nsec = times[1].tv_nsec = (timestamp % 1000) * 1000000;
  ::utimensat(AT_FDCWD, temp.c_str(), times, 0);
  // link() fails with EEXIST when another writer won this version: the put-if-absent.
  const int rc = ::link(temp.c_str(), target.c_str());
  const int err = errno;
  ::unlink(temp.c_str());
  if (rc != 0) {
    if (err == EEXIST) {
      throw WorkspaceError(WorkspaceErrorClass::Conflict,
                           "[DELTA_CONCURRENT_APPEND] ConcurrentAppendException: version " +
                               std::to_string(version) + " of the Delta table at " +
                               root_.string() +
                               " was committed by another writer. Refresh and retry. "
                               "SQLSTATE: 2D521");
    }
    errno = err;
    ioError("cannot commit", target);
  }
  syncPath(log_, O_RDONLY | O_DIRECTORY);
}

std::vector<Json> DeltaLog::actions(std::int64_t version) const {
  const auto path = commitPath(version);
  std::ifstream in(path, std::ios::binary);
  if (!in) ioError("cannot read", path);
  std::vector<Json> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json a = Json::parse(line, nullptr, false);
    if (a.is_discarded() || !a.is_object()) {
      throw WorkspaceError(WorkspaceErrorClass::Remote,
                           "corrupt Delta commit '" + path.string() + "'");
    }
    out.push_back(std::move(a));
  }
  return out;
}

void DeltaLog::apply(DeltaSnapshot& s, std::int64_t version) const {
  const auto path = commitPath(version);
  Json commitInfo;
  for (auto& a : actions(version)) {
    if (a.contains("protocol")) s.protocol = a["protocol"];
    if (a.contains("metaData")) s.metadata = a["metaData"];
    if (a.contains("commitInfo")) commitInfo = a["commitInfo"];
    if (a.contains("add")) {
      const auto key = decodeDeltaPath(a["add"].value("path", ""));
      s.tombstones.erase(key);
      s.files[key] = a["add"];
    }
    if (a.contains("remove")) {
      const auto key = decodeDeltaPath(a["remove"].value("path", ""));
      s.files.erase(key);
      s.tombstones[key] = a["remove"];
    }
  }
  std::int64_t t = mtimeMs(path);
  if (!s.commitTimes.empty() && t <= s.commitTimes.back()) t = s.commitTimes.back() + 1;
  s.commitTimes.push_back(t);
  s.commitInfos.push_back(commitInfo);
  s.version = version;
}

DeltaSnapshot DeltaLog::snapshot(std::optional<std::int64_t> version) const {
  const auto latest = latestVersion();
  if (!latest) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "'" + root_.string() + "' is not a Delta table (no _delta_log)");
  }
  const std::int64_t upTo = version.value_or(*latest);
  if (upTo < 0 || upTo > *latest) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "Cannot time travel Delta table to version " + std::to_string(upTo) +
                             ". Available versions: [0, " + std::to_string(*latest) + "]");
  }
  DeltaSnapshot s;
  for (std::int64_t v = 0; v <= upTo; ++v) apply(s, v);
  return s;
}

void DeltaLog::advance(DeltaSnapshot& s) const {
  const auto latest = latestVersion();
  if (!latest) return;
  for (std::int64_t v = s.version + 1; v <= *latest; ++v) apply(s, v);
}

std::int64_t DeltaLog::versionAt(std::int64_t timestampMs) const {
  const auto s = snapshot();
  if (timestampMs < s.commitTimes.front()) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "[DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION] The provided "
                         "timestamp is before the earliest version available to this table. "
                         "SQLSTATE: 42816");
  }
  if (timestampMs > s.commitTimes.back()) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "[DELTA_TIMESTAMP_GREATER_THAN_COMMIT] The provided timestamp is after "
                         "the latest version available to this table. Use VERSION AS OF or a "
                         "timestamp not later than the latest commit. SQLSTATE: 42816");
  }
  std::int64_t v = 0;
  for (std::size_t i = 0; i < s.commitTimes.size(); ++i) {
    if (s.commitTimes[i] <= timestampMs) v = static_cast<std::int64_t>(i);
  }
  return v;
}

void syncToDisk(const std::filesystem::path& file) {
  syncPath(file, O_RDONLY);
  syncPath(file.parent_path(), O_RDONLY | O_DIRECTORY);
}

std::string encodeDeltaPath(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '%') {
      out += "%25";
    } else if (c == ' ') {
      out += "%20";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace clxs::kernel
