#include "kernel/auth/credential_resolver.hpp"

#include <cctype>
#include <exception>
#include <utility>

#include "clxs/error.hpp"
#include "kernel/auth/request_fields.hpp"

namespace clxs::kernel {
namespace {

// Host + token credentials as they arrive from headers or config.
clxs::Credentials tokenCredentials(clxs::CredentialSource source, const std::string& host,
                                   const std::string& token, const char* method) {
  clxs::Credentials c;
  c.source = source;
  c.host = normalizeHost(host);
  c.token = token;
  c.authMethod = method;
  return c;
}

constexpr std::string_view kSessionExpired = "Session expired or unknown; log in again";
constexpr std::string_view kLoginExpired =
    "The server-wide login has expired; log in again (POST /api/auth/login) or log out "
    "(POST /api/auth/logout) to use the server's own configuration";

std::string trimmedHeaderValue(const CredentialResolver::Headers& headers, const char* name) {
  auto it = headers.find(name);
  if (it == headers.end()) return {};
  std::string_view v = it->second;
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  return std::string(v);
}

clxs::HttpError unauthorized(const std::string& message) {
  return {401, message};
}

}  // namespace

std::string normalizeHost(std::string_view raw) {
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front()))) {
    raw.remove_prefix(1);
  }
  while (!raw.empty() &&
         (std::isspace(static_cast<unsigned char>(raw.back())) || raw.back() == '/')) {
    raw.remove_suffix(1);
  }
  if (raw.empty()) return {};
  std::string host(raw);
  if (host.find("://") == std::string::npos) host = "https://" + host;
  return host;
}

CredentialResolver::CredentialResolver(const Environment& env, const clxs::ConfigView* config,
                                       SessionStore& sessions, const DatabricksCfgFile& cfgFile)
    : env_(env), config_(config), sessions_(sessions), cfgFile_(cfgFile) {}

const clxs::Json& CredentialResolver::LazyConfig::get() {
  if (value_) return *value_;
  value_ = clxs::Json::object();
  if (view_ == nullptr) return *value_;
  try {
    value_ = view_->effective();
  } catch (const std::exception&) {
    // A broken config file must not lock every request out; the config routes report it.
  }
  return *value_;
}

clxs::Credentials CredentialResolver::resolve(const Headers& headers) const {
  LazyConfig config(config_);
  clxs::Credentials creds;
  if (auto found = fromChain(headers, config)) creds = std::move(*found);

  if (std::string wh = trimmedHeaderValue(headers, auth_headers::kWarehouse); !wh.empty()) {
    creds.warehouseId = std::move(wh);
  } else if (creds.warehouseId.empty()) {
    creds.warehouseId = stringField(config.get(), "sql_warehouse_id");
  }
  return creds;
}

std::optional<clxs::Credentials> CredentialResolver::fromChain(const Headers& headers,
                                                               LazyConfig& config) const {
  // 1. Explicit headers.
  const std::string host = trimmedHeaderValue(headers, auth_headers::kHost);
  const std::string token = trimmedHeaderValue(headers, auth_headers::kToken);
  if (!host.empty() && !token.empty()) {
    return tokenCredentials(clxs::CredentialSource::Headers, host, token, "pat");
  }

  // 2. A server session.
  if (std::string id = trimmedHeaderValue(headers, auth_headers::kSession); !id.empty()) {
    if (auto c = fromSession(id)) return c;
    if (!isDatabricksApp()) throw unauthorized(std::string(kSessionExpired));
  }

  // 3. The server-wide choice: a profile chosen through /api/auth/use-profile or the latest
  // login's session.
  if (std::string selected = selectedProfile(); !selected.empty()) {
    return namedProfile(selected, "the profile selected with POST /api/auth/use-profile");
  }
  if (std::string id = selectedSession(); !id.empty()) {
    if (auto c = fromSession(id)) return c;
    if (!isDatabricksApp()) throw unauthorized(std::string(kLoginExpired));
  }

  // 4. The Databricks Apps runtime.
  if (isDatabricksApp()) return databricksAppCredentials();

  // 5-7. Configuration, environment, ~/.databrickscfg.
  if (auto c = fromConfig(config.get())) return c;
  if (auto c = fromEnvironment()) return c;
  return fromProfiles();
}

std::optional<clxs::Credentials> CredentialResolver::fromSession(const std::string& id) const {
  auto entry = sessions_.find(id);
  if (!entry) return std::nullopt;
  clxs::Credentials c = std::move(entry->credentials);
  c.source = clxs::CredentialSource::Session;
  c.sessionId = id;
  return c;
}

std::optional<clxs::Credentials> CredentialResolver::fromConfig(const clxs::Json& config) const {
  auto it = config.find("databricks");
  if (it == config.end() || !it->is_object()) return std::nullopt;
  const std::string host = stringField(*it, "host");
  const std::string token = stringField(*it, "token");
  if (!host.empty() && !token.empty()) {
    return tokenCredentials(clxs::CredentialSource::Config, host, token, "explicit-token");
  }
  if (std::string profile = stringField(*it, "profile"); !profile.empty()) {
    return namedProfile(profile, "the config key databricks.profile");
  }
  return std::nullopt;
}

std::optional<clxs::Credentials> CredentialResolver::fromEnvironment() const {
  const std::string host = env_.value("DATABRICKS_HOST");
  if (host.empty()) return std::nullopt;

  clxs::Credentials c;
  c.source = clxs::CredentialSource::Environment;
  c.host = normalizeHost(host);

  const std::string clientId = env_.value("DATABRICKS_CLIENT_ID");
  const std::string clientSecret = env_.value("DATABRICKS_CLIENT_SECRET");
  if (!clientId.empty() && !clientSecret.empty()) {
    c.clientId = clientId;
    c.clientSecret = clientSecret;
    c.authMethod = "databricks-oauth-sp";
    return c;
  }
  // The original reads Azure CLI's AZURE_* names; the Databricks SDKs read ARM_*.
  for (const char* prefix : {"AZURE_", "ARM_"}) {
    const std::string p(prefix);
    const std::string azureId = env_.value(p + "CLIENT_ID");
    const std::string azureSecret = env_.value(p + "CLIENT_SECRET");
    const std::string azureTenant = env_.value(p + "TENANT_ID");
    if (!azureId.empty() && !azureSecret.empty() && !azureTenant.empty()) {
      c.clientId = azureId;
      c.clientSecret = azureSecret;
      c.tenantId = azureTenant;
      c.authMethod = "azure-ad-sp";
      return c;
    }
  }
  if (std::string token = env_.value("DATABRICKS_TOKEN"); !token.empty()) {
    c.token = std::move(token);
    c.authMethod = "env-pat";
    return c;
  }
  return std::nullopt;
}

std::optional<clxs::Credentials> CredentialResolver::fromProfiles() const {
  if (std::string named = env_.value("DATABRICKS_CONFIG_PROFILE"); !named.empty()) {
    return namedProfile(named, "DATABRICKS_CONFIG_PROFILE");
  }
  const auto cfg = cfgFile_.current();
  const DatabricksProfile* p = cfg->find(cfg->defaultProfileName());
  if (p == nullptr || p->host.empty()) return std::nullopt;
  return fromProfile(*p);
}

clxs::Credentials CredentialResolver::namedProfile(const std::string& name,
                                                   const std::string& chosenBy) const {
  const auto cfg = cfgFile_.current();
  const DatabricksProfile* p = cfg->find(name);
  if (p == nullptr) {
    throw unauthorized("Profile '" + name + "' named by " + chosenBy + " is not in " +
                       cfgFile_.path().string() + "; add it or choose another profile");
  }
  if (p->host.empty()) {
    throw unauthorized("Profile '" + name + "' in " + cfgFile_.path().string() +
                       " has no host; add a host line to it");
  }
  return fromProfile(*p);
}

clxs::Credentials CredentialResolver::fromProfile(const DatabricksProfile& profile) {
  clxs::Credentials c;
  c.source = clxs::CredentialSource::Profile;
  c.host = normalizeHost(profile.host);
  c.token = profile.token;
  if (!profile.clientId.empty()) {
    c.clientId = profile.clientId;
    c.clientSecret = profile.clientSecret;
  } else if (!profile.azureClientId.empty()) {
    c.clientId = profile.azureClientId;
    c.clientSecret = profile.azureClientSecret;
    c.tenantId = profile.azureTenantId;
  }
  c.profile = profile.name;
  c.authMethod = "cli-profile:" + profile.name;
  c.warehouseId = profile.warehouseId;
  return c;
}

bool CredentialResolver::isDatabricksApp() const {
  return env_.value("CLONE_XS_RUNTIME") == "databricks-app" ||
         !env_.value("DATABRICKS_APP_NAME").empty();
}

clxs::Credentials CredentialResolver::databricksAppCredentials() const {
  clxs::Credentials c;
  c.source = clxs::CredentialSource::DatabricksApp;
  c.host = normalizeHost(env_.value("DATABRICKS_HOST"));
  if (c.host.empty()) {
    throw unauthorized(
        "Running as a Databricks App but DATABRICKS_HOST is not set; check the app's "
        "environment");
  }
  c.clientId = env_.value("DATABRICKS_CLIENT_ID");
  c.clientSecret = env_.value("DATABRICKS_CLIENT_SECRET");
  c.authMethod = "databricks-app";
  return c;
}

void CredentialResolver::selectProfile(std::string name) {
  std::lock_guard lock(mu_);
  selectedProfile_ = std::move(name);
  selectedSession_.clear();
}

void CredentialResolver::clearSelectedProfile() {
  std::lock_guard lock(mu_);
  selectedProfile_.clear();
}

std::string CredentialResolver::selectedProfile() const {
  std::lock_guard lock(mu_);
  return selectedProfile_;
}

void CredentialResolver::selectSession(std::string id) {
  std::lock_guard lock(mu_);
  selectedSession_ = std::move(id);
  selectedProfile_.clear();
}

std::string CredentialResolver::clearSelectedSession() {
  std::lock_guard lock(mu_);
  return std::exchange(selectedSession_, std::string());
}

std::string CredentialResolver::selectedSession() const {
  std::lock_guard lock(mu_);
  return selectedSession_;
}

}  // namespace clxs::kernel
