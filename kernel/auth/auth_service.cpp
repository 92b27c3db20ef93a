#include "kernel/auth/auth_service.hpp"

#include <cmath>
#include <exception>
#include <utility>

#include "clxs/error.hpp"

namespace clxs::kernel {
namespace {

// Variables GET /api/auth/env-vars reports, in the spec's order.
constexpr const char* kReportedVariables[] = {
    "DATABRICKS_HOST", "DATABRICKS_TOKEN",    "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET",
    "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID",      "DATABRICKS_CONFIG_PROFILE",
};

bool isSecretVariable(std::string_view name) {
  return name.find("TOKEN") != std::string_view::npos ||
         name.find("SECRET") != std::string_view::npos;
}

std::string headerValue(const AuthService::Headers& headers, const char* name) {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

void replaceAll(std::string& text, const std::string& needle, const std::string& with) {
  if (needle.empty()) return;
  for (auto pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + with.size())) {
    text.replace(pos, needle.size(), with);
  }
}

}  // namespace

std::string scrubSecrets(std::string message, const clxs::Credentials& credentials) {
  for (const std::string* secret : {&credentials.token, &credentials.clientSecret}) {
    // Shorter strings would mangle ordinary words and reveal almost nothing.
    if (secret->size() >= 4) replaceAll(message, *secret, clxs::maskSecret(*secret));
  }
  return message;
}

AuthService::AuthService(const clxs::Clock& clock, const clxs::ConfigView* config,
                         std::unique_ptr<Environment> env, WhoAmI whoami)
    : env_(std::move(env)),
      cfgFile_(*env_),
      sessions_(clock, sessionTtlFrom(config)),
      resolver_(*env_, config, sessions_, cfgFile_),
      whoami_(std::move(whoami)) {}

std::chrono::seconds AuthService::sessionTtlFrom(const clxs::ConfigView* config) {
  const std::chrono::seconds fallback = kDefaultSessionTtl;
  if (config == nullptr) return fallback;
  clxs::Json server;
  try {
    server = config->value("server");
  } catch (const std::exception&) {
    return fallback;
  }
  if (!server.is_object()) return fallback;
  auto it = server.find("session_ttl_hours");
  if (it == server.end() || !it->is_number()) return fallback;
  const double hours = it->get<double>();
  if (!(hours > 0) || !std::isfinite(hours)) return fallback;
  return std::chrono::seconds(std::llround(hours * 3600.0));
}

void AuthService::setWhoAmI(WhoAmI whoami) {
  std::lock_guard lock(whoamiMu_);
  whoami_ = std::move(whoami);
}

clxs::Credentials AuthService::resolve(const Headers& headers) const {
  return resolver_.resolve(headers);
}

std::string AuthService::createSession(clxs::Credentials credentials, std::string user) {
  return sessions_.create(std::move(credentials), std::move(user));
}

AuthService::Verification AuthService::verify(const clxs::Credentials& credentials) const {
  WhoAmI probe;
  {
    std::lock_guard lock(whoamiMu_);
    probe = whoami_;
  }
  if (!probe) {
    return {{}, "No workspace connector is available to verify these credentials", 501};
  }
  try {
    return {probe(credentials), {}, 0};
  } catch (const clxs::HttpError& e) {
    return {{}, scrubSecrets(e.what(), credentials), e.status()};
  } catch (const std::exception& e) {
    return {{}, scrubSecrets(e.what(), credentials), 502};
  }
}

clxs::Json AuthService::status(const Headers& headers) const {
  clxs::Credentials creds;
  try {
    creds = resolver_.resolve(headers);
  } catch (const clxs::HttpError& e) {
    return clxs::Json{{"authenticated", false}, {"user", nullptr},       {"host", nullptr},
                      {"auth_method", nullptr}, {"session_id", nullptr}, {"error", e.what()}};
  }

  if (creds.isLocal()) {
    return clxs::Json{{"authenticated", true},
                      {"user", env_->userName()},
                      {"host", "local"},
                      {"auth_method", "local"},
                      {"session_id", nullptr}};
  }

  clxs::Json out{
      {"authenticated", false},
      {"user", nullptr},
      {"host", creds.host},
      {"auth_method", creds.authMethod},
      {"session_id", creds.source == clxs::CredentialSource::Session ? clxs::Json(creds.sessionId)
                                                                     : clxs::Json(nullptr)}};

  // A session verified at login answers from memory, as the original did.
  if (creds.source == clxs::CredentialSource::Session) {
    if (auto entry = sessions_.find(creds.sessionId); entry && !entry->user.empty()) {
      out["authenticated"] = true;
      out["user"] = entry->user;
      return out;
    }
  }

  Verification v = verify(creds);
  if (!v.error.empty()) {
    out["error"] = v.error;
    return out;
  }
  out["authenticated"] = true;
  out["user"] = v.user;
  return out;
}

clxs::Json AuthService::logout(const Headers& headers) {
  if (std::string id = headerValue(headers, auth_headers::kSession); !id.empty()) {
    sessions_.remove(id);
  }
  // The server-wide login is the one every credential-less request acts with; logging out
  // ends it for everyone, as the original's single login did.
  if (std::string id = resolver_.clearSelectedSession(); !id.empty()) sessions_.remove(id);
  resolver_.clearSelectedProfile();
  return clxs::Json{{"status", "ok"}, {"message", "Logged out successfully"}};
}

clxs::Json AuthService::login(clxs::Credentials credentials) {
  credentials.source = clxs::CredentialSource::Session;
  const Verification v = verify(credentials);
  if (!v.error.empty()) {
    // The spec answers 401 for a bad host, an invalid token and an unreachable workspace
    // alike; only a build without a connector keeps its 501.
    const int status = v.status == 501 ? 501 : 401;
    throw clxs::HttpError(status, "Login to " + credentials.host + " failed: " + v.error);
  }
  const std::string host = credentials.host;
  const std::string method = credentials.authMethod;
  const std::string id = createSession(std::move(credentials), v.user);
  resolver_.selectSession(id);
  return clxs::Json{{"authenticated", true},
                    {"user", v.user},
                    {"host", host},
                    {"auth_method", method},
                    {"session_id", id}};
}

std::span<const char* const> AuthService::reportedVariables() {
  return kReportedVariables;
}

clxs::Json AuthService::envVars() const {
  clxs::Json out = clxs::Json::object();
  for (const char* name : kReportedVariables) {
    const std::string value = env_->value(name);
    if (value.empty()) {
      out[name] = nullptr;
    } else {
      out[name] = isSecretVariable(name) ? clxs::maskSecret(value) : value;
    }
  }
  return out;
}

clxs::Json AuthService::profiles() const {
  clxs::Json out = clxs::Json::array();
  const auto cfg = cfgFile_.current();
  for (const auto& p : cfg->profiles()) {
    if (p.values.empty()) continue;  // an empty [DEFAULT] is allowed and means nothing
    out.push_back(clxs::Json{
        {"name", p.name}, {"host", normalizeHost(p.host)}, {"auth_type", p.authLabel()}});
  }
  return out;
}

clxs::Json AuthService::useProfile(const std::string& profileName) {
  const auto cfg = cfgFile_.current();
  const DatabricksProfile* p = cfg->find(profileName);
  const std::string file = cfgFile_.path().string();
  if (p == nullptr) {
    std::string known;
    for (const auto& name : cfg->names()) known += (known.empty() ? "" : ", ") + name;
    throw clxs::notFound(
        "Profile '" + profileName + "' not found in " + file +
        (known.empty() ? "; that file has no profiles" : "; known profiles: " + known));
  }
  if (p->host.empty()) {
    throw clxs::badRequest("Profile '" + profileName + "' in " + file +
                           " has no host; add a host line to it");
  }

  clxs::Credentials creds = CredentialResolver::fromProfile(*p);
  const Verification v = verify(creds);
  const std::string host = creds.host;
  const std::string method = creds.authMethod;
  const std::string id = createSession(std::move(creds), v.user);
  resolver_.selectProfile(profileName);

  clxs::Json out{{"authenticated", v.error.empty()},
                 {"user", v.error.empty() ? clxs::Json(v.user) : clxs::Json(nullptr)},
                 {"host", host},
                 {"auth_method", method},
                 {"session_id", id},
                 {"profile", profileName}};
  if (!v.error.empty()) out["error"] = v.error;
  return out;
}

clxs::Json AuthService::autoLogin() {
  if (!resolver_.isDatabricksApp()) throw clxs::notFound("Not running as a Databricks App");
  clxs::Credentials creds = resolver_.databricksAppCredentials();
  const Verification v = verify(creds);
  if (!v.error.empty()) {
    throw clxs::HttpError(v.status != 0 ? v.status : 401, "Auto-login failed: " + v.error);
  }
  const std::string host = creds.host;
  const std::string id = createSession(std::move(creds), v.user);
  return clxs::Json{{"authenticated", true},
                    {"user", v.user},
                    {"host", host},
                    {"auth_method", "databricks-app"},
                    {"session_id", id}};
}

}  // namespace clxs::kernel
