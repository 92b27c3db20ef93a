#include "kernel/auth/azure_api.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>
#include <utility>
#include <vector>

#include "clxs/credentials.hpp"
#include "clxs/error.hpp"
#include "kernel/auth/auth_service.hpp"
#include "kernel/auth/workspace_host.hpp"

namespace clxs::kernel {
namespace {

constexpr const char* kDefaultManagementUrl = "https://management.azure.com";
constexpr const char* kDefaultAuthorityUrl = "https://login.microsoftonline.com";
constexpr std::chrono::seconds kAzTimeout{60};
constexpr int kHttpTimeoutSeconds = 30;
// Resource Manager pages hold hundreds of entries; this bounds a runaway nextLink chain.
constexpr int kMaxPages = 100;

struct Answer {
  int status = 0;
  std::string body;
};

Poco::Net::Context::Ptr tlsContext() {
  static const Poco::Net::Context::Ptr context = Poco::makeAuto<Poco::Net::Context>(
      Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_RELAXED, 9, true);
  return context;
}

// A base URL from the environment: https anywhere, plain http only on this machine.
std::string serviceUrl(const Environment& env, const char* variable, const char* fallback) {
  std::string value = env.value(variable);
  if (value.empty()) return fallback;
  while (!value.empty() && value.back() == '/') value.pop_back();
  const auto url = parseUrl(value);
  if (!url ||
      !(url->scheme == "https" || (url->scheme == "http" && isLoopbackHost(url->hostname)))) {
    throw clxs::HttpError(
        500, std::string(variable) + " must be an https:// URL (or http:// on a loopback host)");
  }
  return value;
}

// One HTTP exchange. `service` names the far end in error messages.
Answer exchange(const std::string& service, const std::string& method, const std::string& url,
                const std::string& bearer, const std::string& formBody) {
  try {
    const Poco::URI uri(url);
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https") {
      session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(),
                                                                tlsContext());
    } else {
      session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    }
    session->setTimeout(Poco::Timespan(kHttpTimeoutSeconds, 0));
    Poco::Net::HTTPRequest request(method, uri.getPathEtc(), Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Accept", "application/json");
    if (!bearer.empty()) request.set("Authorization", "Bearer " + bearer);
    if (!formBody.empty()) {
      request.setContentType("application/x-www-form-urlencoded");
      request.setContentLength(static_cast<std::streamsize>(formBody.size()));
    }
    std::ostream& os = session->sendRequest(request);
    os << formBody;
    Poco::Net::HTTPResponse response;
    std::istream& is = session->receiveResponse(response);
    Answer answer;
    answer.status = static_cast<int>(response.getStatus());
    Poco::StreamCopier::copyToString(is, answer.body);
    return answer;
  } catch (const Poco::Exception& e) {
    throw clxs::HttpError(502, service + " could not be reached: " + e.displayText());
  }
}

std::string urlEncode(const std::string& value) {
  std::string out;
  Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]", out);
  return out;
}

std::string firstLine(const std::string& text, std::size_t max = 300) {
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.size() > max) line = line.substr(0, max) + "...";
  return line;
}

// The message of an Azure error body ({"error": {"message"}} from Resource Manager,
// {"error_description"} from Azure AD), else its first line.
std::string azureMessage(const std::string& body) {
  const clxs::Json j = clxs::Json::parse(body, nullptr, false);
  if (j.is_object()) {
    if (auto e = j.find("error"); e != j.end() && e->is_object()) {
      if (auto m = e->find("message"); m != e->end() && m->is_string()) return firstLine(*m);
    }
    if (auto d = j.find("error_description"); d != j.end() && d->is_string()) {
      return firstLine(*d);
    }
  }
  return firstLine(body);
}

bool safePathSegment(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_';
  });
}

}  // namespace

AzureRestApi::AzureRestApi(const Environment& env, std::shared_ptr<CliLauncher> launcher)
    : env_(env), launcher_(std::move(launcher)) {}

std::string AzureRestApi::managementUrl() const {
  return serviceUrl(env_, "CLXS_AZURE_MANAGEMENT_URL", kDefaultManagementUrl);
}

std::string AzureRestApi::authorityUrl() const {
  return serviceUrl(env_, "CLXS_AZURE_AUTHORITY_URL", kDefaultAuthorityUrl);
}

std::string AzureRestApi::accessToken(const std::string& resource) {
  const bool haveServicePrincipal = !env_.value("ARM_CLIENT_ID").empty() &&
                                    !env_.value("ARM_CLIENT_SECRET").empty() &&
                                    !env_.value("ARM_TENANT_ID").empty();
  const auto az = launcher_->find("az");
  std::string azError;
  if (az) {
    // stdout holds the token, so only stderr ever reaches a message.
    const auto r = launcher_->run(
        {*az, "account", "get-access-token", "--resource", resource, "--output", "json"},
        kAzTimeout);
    if (r.exitCode == 0) {
      const clxs::Json j = clxs::Json::parse(r.out, nullptr, false);
      if (j.is_object() && j.contains("accessToken") && j["accessToken"].is_string()) {
        return j["accessToken"].get<std::string>();
      }
      azError = "az printed no access token";
    } else {
      azError = r.timedOut ? "az did not answer within " + std::to_string(kAzTimeout.count()) + " s"
                           : firstLine(r.err);
    }
  }
  if (haveServicePrincipal) return tokenFromServicePrincipal(resource);
  if (az) {
    throw clxs::HttpError(401, "The Azure CLI could not give a token (" + azError +
                                   "); log in first with POST /api/auth/azure-login");
  }
  throw clxs::notImplemented(
      "Azure sign-in needs the Azure CLI (az), which is not on the server's PATH, or a service "
      "principal in ARM_CLIENT_ID, ARM_CLIENT_SECRET and ARM_TENANT_ID; install az or set "
      "those variables, or log in with POST /api/auth/login or /api/auth/service-principal");
}

std::string AzureRestApi::tokenFromServicePrincipal(const std::string& resource) {
  const std::string tenant = env_.value("ARM_TENANT_ID");
  const std::string clientId = env_.value("ARM_CLIENT_ID");
  const std::string secret = env_.value("ARM_CLIENT_SECRET");
  if (!safePathSegment(tenant)) {
    throw clxs::HttpError(401, "ARM_TENANT_ID is not a valid Azure AD tenant id");
  }
  const std::string form = "grant_type=client_credentials&client_id=" + urlEncode(clientId) +
                           "&client_secret=" + urlEncode(secret) +
                           "&resource=" + urlEncode(resource);
  const Answer a =
      exchange("Azure AD", "POST", authorityUrl() + "/" + tenant + "/oauth2/token", {}, form);
  if (a.status != 200) {
    clxs::Credentials secrets;
    secrets.clientSecret = secret;
    const std::string message = scrubSecrets(azureMessage(a.body), secrets);
    const int status = (a.status == 400 || a.status == 401) ? 401 : 502;
    throw clxs::HttpError(status, "Azure AD refused the ARM_CLIENT_ID service principal (HTTP " +
                                      std::to_string(a.status) + "): " + message);
  }
  const clxs::Json j = clxs::Json::parse(a.body, nullptr, false);
  if (!j.is_object() || !j.contains("access_token") || !j["access_token"].is_string()) {
    throw clxs::HttpError(502, "Azure AD answered without an access token");
  }
  return j["access_token"].get<std::string>();
}

clxs::Json AzureRestApi::armList(const std::string& pathAndQuery) {
  const std::string base = managementUrl();
  const std::string token = accessToken(kAzureManagementResource);
  clxs::Json out = clxs::Json::array();
  std::string url = base + pathAndQuery;
  for (int page = 0; page < kMaxPages && !url.empty(); ++page) {
    const Answer a = exchange("Azure Resource Manager", "GET", url, token, {});
    if (a.status != 200) {
      const std::string message = azureMessage(a.body);
      int status = 502;
      if (a.status == 401 || a.status == 403 || a.status == 404 || a.status == 400) {
        status = a.status;
      }
      throw clxs::HttpError(status, "Azure Resource Manager answered HTTP " +
                                        std::to_string(a.status) + ": " + message);
    }
    const clxs::Json j = clxs::Json::parse(a.body, nullptr, false);
    if (!j.is_object()) throw clxs::HttpError(502, "Azure Resource Manager answered non-JSON");
    if (auto v = j.find("value"); v != j.end() && v->is_array()) {
      for (const auto& item : *v) out.push_back(item);
    }
    // The token goes only where the first request went.
    const std::string next = j.value("nextLink", std::string());
    url = next.rfind(base + "/", 0) == 0 ? next : std::string();
  }
  return out;
}

}  // namespace clxs::kernel
