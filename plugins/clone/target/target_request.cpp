#include "plugins/clone/target/target_request.hpp"

#include <cctype>
#include <optional>
#include <string>

#include "clxs/error.hpp"
#include "clxs/text.hpp"

namespace clxs::clone::target {
namespace {

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

std::string authMethodOf(const TargetConnection& c) {
  const std::string method = lowerAscii(c.authMethod);
  return method.empty() ? "pat" : method;
}

// After the model's own checks, so a missing warehouse_id is reported before these.
void requireAuthFields(const TargetConnection& c) {
  const std::string method = authMethodOf(c);
  const auto need = [&](const std::optional<std::string>& value, const char* field) {
    if (!value || value->empty()) {
      throw badRequest(std::string(field) + " is required when auth_method is \"" + method + "\"");
    }
  };
  if (method == "pat") {
    need(c.token, "token");
  } else if (method == "service_principal") {
    need(c.clientId, "client_id");
    need(c.clientSecret, "client_secret");
  } else if (method == "profile") {
    need(c.profile, "profile");
  } else {
    throw unprocessable(Json::array({"body", "auth_method"}),
                        "auth_method must be one of pat, service_principal, profile", "enum");
  }
}

}  // namespace

const Schema<TargetConnection>& TargetConnection::schema() {
  using C = TargetConnection;
  static const auto s =
      Schema<C>("TargetConnection")
          .field("host", &C::host,
                 Field::string().required().minLength(1).maxLength(2048).describe(
                     "Full workspace URL; must start with https:// (http:// is accepted only "
                     "for a loopback host, e.g. a local emulator)"))
          .field("auth_method", &C::authMethod,
                 Field::string()
                     .oneOf({"pat", "service_principal", "profile"})
                     .caseInsensitive()
                     .describe("How to authenticate: pat (token), service_principal (client_id "
                               "+ client_secret, OAuth M2M) or profile (a ~/.databrickscfg "
                               "profile)"))
          .field("token", &C::token,
                 Field::string().maxLength(4096).describe(
                     "Personal access token; required when auth_method is pat. Never stored or "
                     "echoed"))
          .field("client_id", &C::clientId,
                 Field::string().maxLength(1024).describe(
                     "Service principal client id; required when auth_method is "
                     "service_principal"))
          .field("client_secret", &C::clientSecret,
                 Field::string().maxLength(4096).describe(
                     "Service principal secret; required when auth_method is service_principal. "
                     "Never stored or echoed"))
          .field("profile", &C::profile,
                 Field::string().maxLength(255).describe(
                     "CLI profile name (from ~/.databrickscfg); required when auth_method is "
                     "profile"))
          .check([](const C& c) {
            if (c.host.empty()) {
              throw unprocessable(Json::array({"body", "host"}), "Field required", "missing");
            }
            (void)checkedHost(c.host);
          });
  return s;
}

const Schema<TargetWorkspaceConnect>& TargetWorkspaceConnect::schema() {
  static const auto s =
      Schema<TargetWorkspaceConnect>("TargetWorkspaceConnect")
          .include(&TargetWorkspaceConnect::connection)
          .check([](const TargetWorkspaceConnect& b) { requireAuthFields(b.connection); });
  return s;
}

const Schema<TargetWorkspace>& TargetWorkspace::schema() {
  using W = TargetWorkspace;
  static const auto s =
      Schema<W>("TargetWorkspace")
          .include(&W::connection)
          .field("warehouse_id", &W::warehouseId,
                 Field::string().required().minLength(1).maxLength(255).describe(
                     "Target SQL warehouse that will run DDL + DEEP CLONE"))
          .field("keep_share", &W::keepShare,
                 "Legacy: leave the Delta Share intact after migration")
          .field("data_sync_mode", &W::dataSyncMode,
                 Field::string()
                     .oneOf({"snapshot_once", "incremental", "force_full"})
                     .describe("How re-runs treat existing target tables"))
          .field("auto_handle_masks", &W::autoHandleMasks,
                 "Drop and re-apply column masks / row filters around sharing")
          .field("cleanup_after_clone", &W::cleanupAfterClone,
                 "Drop the share, recipient and shared catalog at the end of the run")
          .field("prune_share_extras", &W::pruneShareExtras,
                 "Remove tables from the share that no longer exist in the source")
          .field("validated", &W::validated,
                 "UI bookkeeping: whether the connection was validated; ignored by the server")
          .check([](const W& b) {
            if (b.warehouseId.empty()) {
              throw unprocessable(Json::array({"body", "warehouse_id"}), "Field required",
                                  "missing");
            }
            requireAuthFields(b.connection);
          });
  return s;
}

bool isLoopbackUrl(const std::string& host) {
  const std::string scheme = schemeOf(host);
  if (scheme != "http://" && scheme != "https://") return false;
  return isLoopbackName(lowerAscii(authorityHost(host)));
}

TargetRequest targetRequestOf(const TargetConnection& connection, const std::string& warehouseId) {
  TargetRequest r;
  r.host = checkedHost(connection.host);
  r.authMethod = authMethodOf(connection);
  r.warehouseId = warehouseId;
  Credentials& c = r.credentials;
  c.warehouseId = warehouseId;
  if (r.authMethod == "pat") {
    c.source = CredentialSource::Headers;
    c.host = r.host;
    c.token = connection.token.value_or("");
    c.authMethod = "pat";
  } else if (r.authMethod == "service_principal") {
    c.source = CredentialSource::Headers;
    c.host = r.host;
    c.clientId = connection.clientId.value_or("");
    c.clientSecret = connection.clientSecret.value_or("");
    c.authMethod = "databricks-oauth-sp";
  } else {
    // The profile names its own host and secrets; the kernel's connector resolves it.
    c.source = CredentialSource::Profile;
    c.profile = connection.profile.value_or("");
    c.authMethod = "cli-profile:" + c.profile;
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
