#include "plugins/clone/target/target_request.hpp"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/text.hpp"

namespace clxs::clone::target {
namespace {

Model connectFields(std::string name) {
  Model m(std::move(name));
  m.field("host", Field::string().required().minLength(1).maxLength(2048).describe(
                      "Full workspace URL; must start with https:// (http:// is accepted only "
                      "for a loopback host, e.g. a local emulator)"))
      .field("auth_method",
             Field::string()
                 .oneOf({"pat", "service_principal", "profile"})
                 .caseInsensitive()
                 .defaultsTo("pat")
                 .describe("How to authenticate: pat (token), service_principal (client_id + "
                           "client_secret, OAuth M2M) or profile (a ~/.databrickscfg profile)"))
      .field("token", Field::string().nullable().maxLength(4096).describe(
                          "Personal access token; required when auth_method is pat. Never "
                          "stored or echoed"))
      .field("client_id", Field::string().nullable().maxLength(1024).describe(
                              "Service principal client id; required when auth_method is "
                              "service_principal"))
      .field("client_secret", Field::string().nullable().maxLength(4096).describe(
                                  "Service principal secret; required when auth_method is "
                                  "service_principal. Never stored or echoed"))
      .field("profile", Field::string().nullable().maxLength(255).describe(
                            "CLI profile name (from ~/.databrickscfg); required when "
                            "auth_method is profile"));
  return m;
}

std::string text(const Json& body, const char* key) {
  if (!body.is_object()) return {};
  auto it = body.find(key);
  if (it == body.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// "https://", "http://", ... in lower case, or "" when the URL has no scheme.
std::string schemeOf(const std::string& url) {
  const auto end = url.find("://");
  return end == std::string::npos ? std::string() : lowerAscii(url.substr(0, end + 3));
}

// The host part of an http(s) URL: between the scheme and the first '/', '?', '#', without
// user info or port; brackets kept for IPv6 literals.
std::string authorityHost(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  std::string rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest[0] == '[') return rest.substr(0, rest.find(']') + 1);
  return rest.substr(0, rest.find(':'));
}

bool isLoopbackName(const std::string& host) {
  if (host == "localhost" || host == "[::1]") return true;
  if (!startsWith(host, "127.")) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return dots == 3;
}

HttpError badHost(const std::string& msg) {
  return unprocessable(Json::array({"body", "host"}), msg);
}

std::string checkedHost(const std::string& raw) {
  std::string host = raw;
  while (!host.empty() && host.back() == '/') host.pop_back();
  if (host.find_first_of(" \t\r\n") != std::string::npos) {
    throw badHost("host must be a URL without spaces");
  }
  const std::string scheme = schemeOf(host);
  if (scheme == "https://") {
    if (authorityHost(host).empty()) throw badHost("host must name a server after https://");
    return host;
  }
  if (scheme == "http://" && isLoopbackUrl(host)) return host;
  throw badHost(
      "host must start with https:// (http:// is accepted only for a loopback host such as "
      "127.0.0.1 or localhost)");
}

}  // namespace

Model targetWorkspaceModel() {
  Model m = connectFields("TargetWorkspace");
  m.field("warehouse_id", Field::string().required().minLength(1).maxLength(255).describe(
                              "Target SQL warehouse that will run DDL + DEEP CLONE"))
      .field("keep_share", Field::boolean().defaultsTo(false).describe(
                               "Legacy: leave the Delta Share intact after migration"))
      .field("data_sync_mode", Field::string()
                                   .oneOf({"snapshot_once", "incremental", "force_full"})
                                   .defaultsTo("snapshot_once")
                                   .describe("How re-runs treat existing target tables"))
      .field("auto_handle_masks", Field::boolean().defaultsTo(false).describe(
                                      "Drop and re-apply column masks / row filters around "
                                      "sharing"))
      .field("cleanup_after_clone", Field::boolean().defaultsTo(false).describe(
                                        "Drop the share, recipient and shared catalog at the "
                                        "end of the run"))
      .field("prune_share_extras", Field::boolean().defaultsTo(false).describe(
                                       "Remove tables from the share that no longer exist in "
                                       "the source"))
      .field("validated",
             Field::boolean().nullable().describe("UI bookkeeping: whether the connection was "
                                                  "validated; ignored by the server"));
  return m;
}

Model targetWorkspaceConnectModel() {
  return connectFields("TargetWorkspaceConnect");
}

bool isLoopbackUrl(const std::string& host) {
  const std::string scheme = schemeOf(host);
  if (scheme != "http://" && scheme != "https://") return false;
  return isLoopbackName(lowerAscii(authorityHost(host)));
}

TargetRequest parseTargetRequest(const Json& body, bool requireWarehouse) {
  TargetRequest r;
  const std::string rawHost = text(body, "host");
  if (rawHost.empty()) {
    throw unprocessable(Json::array({"body", "host"}), "Field required", "missing");
  }
  r.host = checkedHost(rawHost);
  r.authMethod = lowerAscii(text(body, "auth_method"));
  if (r.authMethod.empty()) r.authMethod = "pat";
  r.warehouseId = text(body, "warehouse_id");
  if (requireWarehouse && r.warehouseId.empty()) {
    throw unprocessable(Json::array({"body", "warehouse_id"}), "Field required", "missing");
  }

  auto need = [&](const char* field) {
    std::string v = text(body, field);
    if (v.empty()) {
      throw badRequest(std::string(field) + " is required when auth_method is \"" + r.authMethod +
                       "\"");
    }
    return v;
  };
  Credentials& c = r.credentials;
  c.warehouseId = r.warehouseId;
  if (r.authMethod == "pat") {
    c.source = CredentialSource::Headers;
    c.host = r.host;
    c.token = need("token");
    c.authMethod = "pat";
  } else if (r.authMethod == "service_principal") {
    c.source = CredentialSource::Headers;
    c.host = r.host;
    c.clientId = need("client_id");
    c.clientSecret = need("client_secret");
    c.authMethod = "databricks-oauth-sp";
  } else if (r.authMethod == "profile") {
    // The profile names its own host and secrets; the kernel's connector resolves it.
    c.source = CredentialSource::Profile;
    c.profile = need("profile");
    c.authMethod = "cli-profile:" + c.profile;
  } else {
    throw unprocessable(Json::array({"body", "auth_method"}),
                        "auth_method must be one of pat, service_principal, profile", "enum");
  }
  return r;
}

std::string scrubSecrets(std::string message, const Credentials& credentials) {
  for (const std::string* secret : {&credentials.token, &credentials.clientSecret}) {
    if (secret->empty()) continue;
    for (auto pos = message.find(*secret); pos != std::string::npos;
         pos = message.find(*secret, pos + 4)) {
      message.replace(pos, secret->size(), "****");
    }
  }
  return message;
}

}  // namespace clxs::clone::target
