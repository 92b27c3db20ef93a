#include "kernel/emulator/files_handlers.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <charconv>
#include <chrono>

#include "clxs/text.hpp"
#include "kernel/emulator/list_pager.hpp"
#include "kernel/workspace/local/local_workspace.hpp"

namespace clxs::kernel::emulator {

namespace {

constexpr std::size_t kDirectoryPageSize = 1000;

std::optional<std::int64_t> modifiedMs(const std::optional<std::filesystem::path>& disk) {
  if (!disk) return std::nullopt;
  std::error_code ec;
  const auto t = std::filesystem::last_write_time(*disk, ec);
  if (ec) return std::nullopt;
  const auto sys = std::chrono::file_clock::to_sys(t);
  return std::chrono::duration_cast<std::chrono::milliseconds>(sys.time_since_epoch()).count();
}

std::string httpDate(std::int64_t ms) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp(ms * 1000),
                                         Poco::DateTimeFormat::HTTP_FORMAT);
}

std::vector<std::string> segmentsOf(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string::npos ? path.size() : slash;
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string volumePath(const std::vector<std::string>& segments, bool allowVolumeRoot) {
  for (const auto& s : segments) {
    if (s == "." || s == ".." || s.find('/') != std::string::npos ||
        s.find('\0') != std::string::npos) {
      throw ApiError(400, "INVALID_PARAMETER_VALUE",
                     "the path may not contain '.' or '..' segments or encoded slashes");
    }
  }
  const std::size_t minimum = allowVolumeRoot ? 4 : 5;
  if (segments.size() < minimum || segments[0] != "Volumes") {
    throw ApiError(400, "INVALID_PARAMETER_VALUE",
                   "the path must be /Volumes/<catalog>/<schema>/<volume>/...");
  }
  std::string out;
  for (const auto& s : segments) out += "/" + s;
  return out;
}

FilesHandlers::FilesHandlers(LocalWorkspace& workspace) : workspace_(workspace) {}

EmulatorResponse FilesHandlers::handle(const EmulatorRequest& request,
                                       const std::vector<std::string>& rest) {
  if (!rest.empty() && rest[0] == "files") {
    return file(request, volumePath({rest.begin() + 1, rest.end()}, false));
  }
  if (!rest.empty() && rest[0] == "directories") {
    return directory(request, volumePath({rest.begin() + 1, rest.end()}, true));
  }
  throw ApiError(404, "ENDPOINT_NOT_FOUND",
                 "no API found for '" + request.method + " " + request.rawPath + "'");
}

std::optional<std::filesystem::path> FilesHandlers::diskPath(
    const std::vector<std::string>& segments) {
  // segments: Volumes, catalog, schema, volume, relative...
  try {
    for (const auto& v : workspace_.catalog().volumes(segments.at(1), segments.at(2), {})) {
      if (!sameName(v.name, segments.at(3))) continue;
      std::filesystem::path p = v.storageLocation;
      if (!p.is_absolute()) return std::nullopt;
      for (std::size_t i = 4; i < segments.size(); ++i) p /= segments[i];
      return p;
    }
  } catch (const WorkspaceError&) {
  }
  return std::nullopt;
}

EmulatorResponse FilesHandlers::file(const EmulatorRequest& request, const std::string& path) {
  const auto& m = request.method;
  if (m == "PUT") {
    const bool overwrite = request.param("overwrite").value_or("true") != "false";
    workspace_.files().writeFile(path, request.body, overwrite, {});
    EmulatorResponse r;
    r.status = 204;
    r.contentType.clear();
    return r;
  }
  if (m == "GET" || m == "HEAD") {
    EmulatorResponse r;
    r.body = workspace_.files().readFile(path, {});
    r.contentType = "application/octet-stream";
    if (const auto ms = modifiedMs(diskPath(segmentsOf(path)))) {
      r.headers["Last-Modified"] = httpDate(*ms);
    }
    return r;
  }
  if (m == "DELETE") {
    throw ApiError(501, "NOT_IMPLEMENTED",
                   "deleting volume files is not available on the local workspace yet");
  }
  throw ApiError(404, "ENDPOINT_NOT_FOUND", "no API found for '" + m + " " + request.rawPath + "'");
}

EmulatorResponse FilesHandlers::directory(const EmulatorRequest& request, const std::string& path) {
  const auto& m = request.method;
  if (m == "PUT") {
    const auto segments = segmentsOf(path);
    const auto disk = diskPath(segments);
    if (!disk) {
      throw ApiError(
          404, "RESOURCE_DOES_NOT_EXIST",
          "volume '" + segments[1] + "." + segments[2] + "." + segments[3] + "' does not exist");
    }
    std::error_code ec;
    std::filesystem::create_directories(*disk, ec);
    if (ec || !std::filesystem::is_directory(*disk)) {
      throw ApiError(409, "ALREADY_EXISTS", "a file exists at '" + path + "'");
    }
    EmulatorResponse r;
    r.status = 204;
    r.contentType.clear();
    return r;
  }
  if (m == "GET" || m == "HEAD") {
    const auto entries = workspace_.files().listDirectory(path, {});
    if (m == "HEAD") {
      EmulatorResponse r;
      r.contentType.clear();
      return r;
    }
    std::size_t offset = 0;
    if (const auto token = request.param("page_token"); token && !token->empty()) {
      offset = ListPager::offsetOf(*token);
    }
    std::size_t size = kDirectoryPageSize;
    if (const auto p = request.param("page_size"); p && !p->empty()) {
      std::size_t v = 0;
      const auto [end, ec] = std::from_chars(p->data(), p->data() + p->size(), v);
      if (ec != std::errc() || end != p->data() + p->size()) {
        throw ApiError(400, "INVALID_PARAMETER_VALUE", "page_size must be an integer");
      }
      if (v > 0) size = std::min(v, kDirectoryPageSize);
    }
    Json contents = Json::array();
    const auto end = std::min(entries.size(), offset + size);
    // The folder is resolved once; each entry is a name inside it.
    const auto folder = diskPath(segmentsOf(path));
    for (std::size_t i = offset; i < end; ++i) {
      const auto& e = entries[i];
      const auto segments = segmentsOf(e.path);
      const auto name = segments.empty() ? e.path : segments.back();
      Json item{{"path", e.path}, {"name", name}, {"is_directory", e.isDirectory}};
      if (!e.isDirectory) item["file_size"] = e.size;
      if (folder) {
        if (const auto ms = modifiedMs(*folder / name)) item["last_modified"] = *ms;
      }
      contents.push_back(std::move(item));
    }
    Json out{{"contents", contents}};
    if (end < entries.size()) out["next_page_token"] = ListPager::tokenFor(end);
    return jsonResponse(out);
  }
  if (m == "DELETE") {
    throw ApiError(501, "NOT_IMPLEMENTED",
                   "deleting volume directories is not available on the local workspace yet");
  }
  throw ApiError(404, "ENDPOINT_NOT_FOUND", "no API found for '" + m + " " + request.rawPath + "'");
}

}  // namespace clxs::kernel::emulator
