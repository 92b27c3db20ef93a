#include "kernel/auth/databricks_cfg.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <system_error>

namespace clxs::kernel {
namespace {

constexpr std::string_view kSettingsSection = "__settings__";
constexpr std::string_view kDefaultSection = "DEFAULT";

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A value is either quoted (everything inside the quotes, comments after them dropped) or
// bare (cut at the first `#`/`;` preceded by whitespace).
std::string parseValue(std::string_view raw) {
  raw = trim(raw);
  if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) {
    const auto close = raw.find(raw.front(), 1);
    if (close != std::string_view::npos) return std::string(raw.substr(1, close - 1));
  }
  for (std::size_t i = 1; i < raw.size(); ++i) {
    if ((raw[i] == '#' || raw[i] == ';') && std::isspace(static_cast<unsigned char>(raw[i - 1]))) {
      raw = raw.substr(0, i);
      break;
    }
  }
  return std::string(trim(raw));
}

std::string lookup(const std::map<std::string, std::string>& values, const std::string& key) {
  auto it = values.find(key);
  return it == values.end() ? std::string() : it->second;
}

void fillFields(DatabricksProfile& p) {
  p.host = lookup(p.values, "host");
  p.token = lookup(p.values, "token");
  p.clientId = lookup(p.values, "client_id");
  p.clientSecret = lookup(p.values, "client_secret");
  p.azureClientId = lookup(p.values, "azure_client_id");
  p.azureClientSecret = lookup(p.values, "azure_client_secret");
  p.azureTenantId = lookup(p.values, "azure_tenant_id");
  p.authType = lookup(p.values, "auth_type");
  p.warehouseId = lookup(p.values, "warehouse_id");
}

}  // namespace

std::string DatabricksProfile::authLabel() const {
  const std::string type = lower(authType);
  if (type == "pat") return "pat";
  if (type == "oauth-m2m") return "oauth-sp";
  if (type == "azure-client-secret") return "azure-ad-sp";
  if (type == "databricks-cli" || type == "external-browser" || type == "oauth-u2m") {
    return "oauth-u2m";
  }
  if (!token.empty()) return "pat";
  if (!clientId.empty() && !clientSecret.empty()) return "oauth-sp";
  if (!azureClientId.empty() && !azureClientSecret.empty()) return "azure-ad-sp";
  return "oauth-u2m";
}

DatabricksCfg DatabricksCfg::parse(std::string_view text) {
  DatabricksCfg cfg;
  std::map<std::string, std::size_t> indexByName;
  std::map<std::string, std::string>* target = nullptr;

  auto selectSection = [&](const std::string& name) {
    if (name == kSettingsSection) {
      target = &cfg.settings_;
      return;
    }
    auto it = indexByName.find(name);
    if (it == indexByName.end()) {
      it = indexByName.emplace(name, cfg.profiles_.size()).first;
      cfg.profiles_.push_back(DatabricksProfile{});
      cfg.profiles_.back().name = name;
    }
    target = &cfg.profiles_[it->second].values;
  };

  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view line = trim(text.substr(pos, eol - pos));
    pos = eol + 1;

    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      const auto close = line.find(']');
      if (close == std::string_view::npos) continue;  // not a header; nothing sane to do
      selectSection(std::string(trim(line.substr(1, close - 1))));
      continue;
    }
    const auto delim = line.find_first_of("=:");
    if (delim == std::string_view::npos || delim == 0) continue;
    if (target == nullptr) selectSection(std::string(kDefaultSection));
    (*target)[lower(trim(line.substr(0, delim)))] = parseValue(line.substr(delim + 1));
  }

  for (auto& p : cfg.profiles_) fillFields(p);
  return cfg;
}

DatabricksCfg DatabricksCfg::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str());
}

std::filesystem::path DatabricksCfg::location(const Environment& env) {
  const std::string configured = env.value("DATABRICKS_CONFIG_FILE");
  if (!configured.empty()) {
    if (configured == "~") return env.home();
    if (configured.rfind("~/", 0) == 0) return env.home() / configured.substr(2);
    return configured;
  }
  return env.home() / ".databrickscfg";
}

const DatabricksProfile* DatabricksCfg::find(std::string_view name) const {
  for (const auto& p : profiles_) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<std::string> DatabricksCfg::names() const {
  std::vector<std::string> out;
  out.reserve(profiles_.size());
  for (const auto& p : profiles_) out.push_back(p.name);
  return out;
}

std::string DatabricksCfg::defaultProfileName() const {
  const std::string configured = lookup(settings_, "default_profile");
  return configured.empty() ? std::string(kDefaultSection) : configured;
}

std::shared_ptr<const DatabricksCfg> DatabricksCfgFile::current() const {
  const std::filesystem::path file = path();
  std::error_code ec;
  const bool exists = std::filesystem::is_regular_file(file, ec);
  std::filesystem::file_time_type mtime{};
  std::uintmax_t size = 0;
  if (exists) {
    mtime = std::filesystem::last_write_time(file, ec);
    size = std::filesystem::file_size(file, ec);
  }

  std::lock_guard lock(mu_);
  if (cached_ && file == loadedPath_ && exists == loadedExists_ && mtime == loadedTime_ &&
      size == loadedSize_) {
    return cached_;
  }
  cached_ =
      std::make_shared<const DatabricksCfg>(exists ? DatabricksCfg::load(file) : DatabricksCfg{});
  loadedPath_ = file;
  loadedExists_ = exists;
  loadedTime_ = mtime;
  loadedSize_ = size;
  return cached_;
}

}  // namespace clxs::kernel
