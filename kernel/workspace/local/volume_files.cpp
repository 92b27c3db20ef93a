#include "kernel/workspace/local/volume_files.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

#include "clxs/id.hpp"
#include "kernel/workspace/local/delta/delta_log.hpp"

namespace clxs::kernel {
namespace {

constexpr std::string_view kPrefix = "/Volumes/";

[[noreturn]] void badPath(std::string_view path, const std::string& why) {
  throw WorkspaceError(WorkspaceErrorClass::InvalidSql,
                       "Invalid volume path '" + std::string(path) + "': " + why);
}

std::vector<std::string> segments(std::string_view rest) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= rest.size()) {
    const auto slash = rest.find('/', start);
    const auto end = slash == std::string_view::npos ? rest.size() : slash;
    out.emplace_back(rest.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  // A trailing slash names the directory itself.
  if (out.size() > 1 && out.back().empty()) out.pop_back();
  return out;
}

std::string joinPath(const std::string& dir, const std::string& name) {
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

}  // namespace

std::filesystem::path resolveVolumePath(Metastore& metastore, std::string_view path) {
  if (path.substr(0, kPrefix.size()) != kPrefix) {
    badPath(path, "it must start with /Volumes/<catalog>/<schema>/<volume>");
  }
  const auto parts = segments(path.substr(kPrefix.size()));
  if (parts.size() < 3) badPath(path, "it must name a catalog, a schema and a volume");
  for (const auto& p : parts) {
    if (p.empty()) badPath(path, "empty path segment");
    if (p == "." || p == "..") badPath(path, "'.' and '..' segments are not allowed");
    if (p.find('\0') != std::string::npos) badPath(path, "NUL in path");
  }
  const auto volume = metastore.volume(parts[0], parts[1], parts[2]);
  if (!volume) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound, "[RESOURCE_DOES_NOT_EXIST] Volume `" +
                                                            parts[0] + "`.`" + parts[1] + "`.`" +
                                                            parts[2] + "` does not exist");
  }
  std::filesystem::path out(volume->storageLocation);
  for (std::size_t i = 3; i < parts.size(); ++i) out /= parts[i];
  return out;
}

std::vector<FileEntry> listVolumeDirectory(Metastore& metastore, const std::string& path) {
  const auto dir = resolveVolumePath(metastore, path);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "[RESOURCE_DOES_NOT_EXIST] Directory '" + path + "' does not exist");
  }
  std::vector<FileEntry> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    // Temporary files of a write in progress are not part of the volume yet.
    if (name.rfind(".clxs-tmp-", 0) == 0) continue;
    FileEntry f;
    f.path = joinPath(path, name);
    f.isDirectory = e.is_directory();
    f.size = f.isDirectory ? 0 : static_cast<std::int64_t>(e.file_size());
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(),
            [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
  return out;
}

std::string readVolumeFile(Metastore& metastore, const std::string& path) {
  const auto file = resolveVolumePath(metastore, path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw WorkspaceError(WorkspaceErrorClass::NotFound,
                         "[RESOURCE_DOES_NOT_EXIST] File '" + path + "' does not exist");
  }
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeVolumeFile(Metastore& metastore, const std::string& path, std::string_view contents,
                     bool overwrite) {
  const auto file = resolveVolumePath(metastore, path);
  if (file.parent_path() == file || segments(path.substr(kPrefix.size())).size() < 4) {
    badPath(path, "it must name a file inside the volume");
  }
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) badPath(path, "it is a directory");
  if (!overwrite && std::filesystem::exists(file, ec)) {
    throw WorkspaceError(WorkspaceErrorClass::Conflict,
                         "[RESOURCE_ALREADY_EXISTS] File '" + path + "' already exists");
  }
  std::filesystem::create_directories(file.parent_path());
  const auto tmp = file.parent_path() / (".clxs-tmp-" + newUuid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    if (!out) {
      std::filesystem::remove(tmp, ec);
      throw WorkspaceError(WorkspaceErrorClass::Remote, "Cannot write '" + path + "'");
    }
  }
  syncToDisk(tmp);
  std::filesystem::rename(tmp, file);
  syncToDisk(file);  // the rename reaches the directory entry
}

}  // namespace clxs::kernel
