#include "kernel/config/config_service.hpp"

#include <system_error>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/yaml.hpp"
#include "kernel/config/config_defaults.hpp"
#include "kernel/config/config_schema.hpp"
#include "kernel/config/yaml_edit.hpp"

namespace clxs::kernel {
namespace {

namespace fs = std::filesystem;

// A name from a request, safe to echo: bounded and free of control characters.
std::string quoted(const std::string& name) {
  std::string out = "'";
  for (char c : name.substr(0, 100)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  if (name.size() > 100) out += "...";
  return out + "'";
}

std::string kindOf(const Json& v) {
  if (v.is_array()) return "a list";
  if (v.is_string()) return "a string";
  if (v.is_number()) return "a number";
  if (v.is_boolean()) return "a boolean";
  return "a scalar";
}

// Parses a file's text into its document; an empty file is an empty mapping.
Json parseDocument(const std::string& text, const std::string& label) {
  Json doc;
  try {
    doc = parseYaml(text);
  } catch (const YamlError& e) {
    throw badRequest(label + " is not valid YAML (" + e.what() +
                     "); fix it or replace it with PUT /api/config.");
  }
  if (doc.is_null()) return Json::object();
  if (!doc.is_object()) {
    throw badRequest(label + " must hold a YAML mapping of config keys, not " + kindOf(doc) +
                     "; fix it or replace it with PUT /api/config.");
  }
  return doc;
}

HttpError writeFailed(const std::string& label, const std::exception& e) {
  return {500, "Could not write " + label + ": " + e.what() + "."};
}

}  // namespace

ConfigService::ConfigService(fs::path configDir)
    : dir_([&] {
        fs::create_directories(configDir);
        return fs::canonical(configDir);
      }()),
      main_(dir_ / kConfigFile),
      limits_(dir_ / kStreamingLimitsFile) {}

ConfigService::~ConfigService() = default;

std::size_t ConfigService::seedDefaults(const fs::path& shippedDir, const fs::path& configDir) {
  fs::create_directories(configDir);
  if (!fs::is_directory(shippedDir)) return 0;
  std::size_t copied = 0;
  for (const auto& entry : fs::recursive_directory_iterator(shippedDir)) {
    if (!entry.is_regular_file()) continue;
    const fs::path target = configDir / entry.path().lexically_relative(shippedDir);
    if (fs::exists(fs::symlink_status(target))) continue;
    fs::create_directories(target.parent_path());
    std::error_code ec;
    // copy_options::none refuses to overwrite, so a file created meanwhile is kept too.
    if (fs::copy_file(entry.path(), target, fs::copy_options::none, ec)) {
      ++copied;
    } else if (ec && ec != std::errc::file_exists) {
      throw fs::filesystem_error("cannot seed config file", entry.path(), target, ec);
    }
  }
  return copied;
}

fs::path ConfigService::resolve(const std::string& requestPath, FileKind kind) const {
  return confinePath(dir_, requestPath, kind);
}

std::string ConfigService::display(const fs::path& resolved) const {
  return displayPath(dir_, resolved);
}

std::shared_ptr<const Json> ConfigService::load(const fs::path& file) const {
  const std::string label = display(file);
  std::lock_guard lock(cacheMutex_);
  const FileStamp stamp = fileStamp(file);
  auto it = cache_.find(file.string());
  if (it != cache_.end() && it->second.stamp == stamp) return it->second.doc;

  std::shared_ptr<const Json> doc;
  if (!stamp.exists) {
    if (file != main_) throw notFound("The config file " + label + " does not exist.");
    doc = std::make_shared<const Json>(Json::object());
  } else {
    if (!fs::is_regular_file(file)) throw badRequest(label + " is not a regular file.");
    std::optional<std::string> text;
    try {
      text = readWholeFile(file);
    } catch (const std::system_error& e) {
      throw HttpError(500, "Could not read " + label + ": " + e.what() + ".");
    }
    if (!text) {  // removed between stat and open
      if (file != main_) throw notFound("The config file " + label + " does not exist.");
      text = std::string();
    }
    doc = std::make_shared<const Json>(parseDocument(*text, label));
  }
  cache_[file.string()] = CacheEntry{stamp, doc};
  return doc;
}

void ConfigService::invalidate(const fs::path& file) {
  std::lock_guard lock(cacheMutex_);
  cache_.erase(file.string());
}

Json ConfigService::effectiveFrom(const Json& doc, const std::string& profile,
                                  const std::string& label) const {
  Json out = doc;
  out.erase("profiles");
  if (!profile.empty()) {
    auto profiles = doc.find("profiles");
    if (profiles == doc.end() || profiles->is_null() ||
        (profiles->is_object() && profiles->empty())) {
      throw notFound("Config profile " + quoted(profile) + " does not exist: " + label +
                     " defines no profiles.");
    }
    if (!profiles->is_object()) {
      throw badRequest("profiles in " + label +
                       " must be a mapping of profile names to "
                       "mappings; fix the file.");
    }
    auto chosen = profiles->find(profile);
    if (chosen == profiles->end()) {
      std::string known;
      for (const auto& [name, v] : profiles->items()) known += (known.empty() ? "" : ", ") + name;
      throw notFound("Config profile " + quoted(profile) + " does not exist in " + label +
                     "; known profiles: " + known + ".");
    }
    if (!chosen->is_null() && !chosen->is_object()) {
      throw badRequest("Profile " + quoted(profile) + " in " + label + " must be a mapping.");
    }
    if (chosen->is_object()) {
      for (const auto& [key, value] : chosen->items()) out[key] = value;
    }
  }
  applyConfigDefaults(out);
  return out;
}

Json ConfigService::effective(const std::string& profile) const {
  return effectiveFrom(*load(main_), profile, display(main_));
}

Json ConfigService::effectiveOf(const std::string& requestPath, const std::string& profile) const {
  const fs::path file = resolve(requestPath);
  return effectiveFrom(*load(file), profile, display(file));
}

Json ConfigService::document(const std::string& requestPath) const {
  return *load(resolve(requestPath));
}

std::vector<std::string> ConfigService::profileNames(const std::string& requestPath) const {
  const fs::path file = resolve(requestPath);
  const auto doc = load(file);
  std::vector<std::string> names;
  auto profiles = doc->find("profiles");
  if (profiles == doc->end() || profiles->is_null()) return names;
  if (!profiles->is_object()) {
    throw badRequest("profiles in " + display(file) +
                     " must be a mapping of profile names to "
                     "mappings; fix the file.");
  }
  for (const auto& [name, v] : profiles->items()) names.push_back(name);
  return names;
}

std::string ConfigService::saveYaml(const std::string& requestPath,
                                    const std::string& yamlContent) {
  const fs::path file = resolve(requestPath);
  const std::string label = display(file);
  Json doc;
  try {
    doc = parseYaml(yamlContent);
  } catch (const YamlError& e) {
    throw badRequest("yaml_content is not valid YAML (" + std::string(e.what()) + "); " + label +
                     " was not changed.");
  }
  if (doc.is_null()) {
    throw badRequest("yaml_content is empty; send the full YAML of the config. " + label +
                     " was not changed.");
  }
  validateConfigDocument(doc, label);

  std::lock_guard lock(writeMutex_);
  if (fs::is_directory(file)) throw badRequest(label + " is a directory, not a file.");
  try {
    fs::create_directories(file.parent_path());
    writeFileAtomically(file, yamlContent);
  } catch (const std::exception& e) {
    throw writeFailed(label, e);
  }
  invalidate(file);
  return label;
}

Json ConfigService::updateKeys(const std::function<Json(const Json& current)>& updatesFor) {
  const std::string label = display(main_);
  std::lock_guard lock(writeMutex_);
  std::string text;
  try {
    text = readWholeFile(main_).value_or(std::string());
  } catch (const std::system_error& e) {
    throw HttpError(500, "Could not read " + label + ": " + e.what() + ".");
  }
  Json current = parseDocument(text, label);
  const Json updates = updatesFor(current);
  if (!updates.is_object() || updates.empty()) return current;
  validateConfigKeys(updates, label);

  std::string updated;
  try {
    updated = setTopLevelKeys(text, updates);
  } catch (const YamlError& e) {
    throw badRequest(label + " is not valid YAML (" + std::string(e.what()) +
                     "); fix it or replace it with PUT /api/config.");
  }
  try {
    writeFileAtomically(main_, updated);
  } catch (const std::exception& e) {
    throw writeFailed(label, e);
  }
  invalidate(main_);
  for (const auto& [key, value] : updates.items()) current[key] = value;
  return current;
}

Json ConfigService::streamingLimits() const {
  return limits_.current();
}

Json ConfigService::updateStreamingLimits(const Json& patch) {
  try {
    return limits_.update(patch);
  } catch (const HttpError&) {
    throw;
  } catch (const std::system_error& e) {
    throw writeFailed(display(dir_ / kStreamingLimitsFile), e);
  }
}

}  // namespace clxs::kernel
