#include "kernel/emulator/emulator_auth.hpp"

#include <Poco/Base64Decoder.h>

#include <random>
#include <sstream>

#include "kernel/emulator/scim_handlers.hpp"

namespace clxs::kernel::emulator {

std::string randomHex(std::size_t bytes) {
  static thread_local std::random_device device;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes; ++i) {
    const auto b = static_cast<unsigned>(device()) & 0xffU;
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xfU]);
  }
  return out;
}

namespace {

// What every OAuth token the emulator issues starts with.
constexpr std::string_view kIssuedPrefix = "emu-oauth-";

EmulatorResponse oauthError(int status, const std::string& error, const std::string& description) {
  return jsonResponse(Json{{"error", error}, {"error_description", description}}, status);
}

std::string decodeBase64(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in);
  std::string out;
  char c = 0;
  while (decoder.get(c)) out.push_back(c);
  return out;
}

}  // namespace

bool sameSecret(const std::string& a, const std::string& b) {
  // Only the length can leak, which a token's format gives away anyway.
  if (a.size() != b.size()) return false;
  unsigned diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |=
        static_cast<unsigned>(static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
  }
  return diff == 0;
}

EmulatorAuth::EmulatorAuth(AuthSettings settings) : settings_(std::move(settings)) {}

void EmulatorAuth::check(const EmulatorRequest& request) {
  const auto header = request.header("authorization");
  if (!header) {
    throw ApiError(401, "UNAUTHENTICATED", "no credentials: send Authorization: Bearer <token>");
  }
  constexpr std::string_view kBearer = "Bearer ";
  if (header->size() <= kBearer.size() || header->compare(0, kBearer.size(), kBearer) != 0) {
    throw ApiError(401, "UNAUTHENTICATED", "the Authorization header is not a bearer token");
  }
  const auto token = header->substr(kBearer.size());
  {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    for (auto it = issued_.begin(); it != issued_.end();) {
      it = it->second <= now ? issued_.erase(it) : std::next(it);
    }
    if (issued_.count(token) != 0) return;
  }
  if (settings_.token.empty() || sameSecret(token, settings_.token)) return;
  // Says which credential failed, so a client knows whether to fetch a new OAuth token.
  if (token.rfind(kIssuedPrefix, 0) == 0) {
    throw ApiError(401, "UNAUTHENTICATED",
                   "invalid access token: the OAuth token has expired or was not issued by this "
                   "emulator; fetch a new one from /oidc/v1/token");
  }
  throw ApiError(401, "UNAUTHENTICATED",
                 "invalid access token: not the personal access token the emulator accepts "
                 "(--token)");
}

EmulatorResponse EmulatorAuth::discovery(const EmulatorRequest& request) const {
  const auto base = request.baseUrl + "/oidc";
  return jsonResponse(Json{{"issuer", base},
                           {"authorization_endpoint", base + "/v1/authorize"},
                           {"token_endpoint", base + "/v1/token"},
                           {"grant_types_supported", Json::array({"client_credentials"})},
                           {"scopes_supported", Json::array({"all-apis"})}});
}

EmulatorResponse EmulatorAuth::hostMetadata(const EmulatorRequest& request) {
  return jsonResponse(Json{{"oidc_endpoint", request.baseUrl + "/oidc"},
                           {"workspace_id", std::to_string(kEmulatorWorkspaceId)},
                           {"host_type", "workspace"}});
}

EmulatorResponse EmulatorAuth::issueToken(const EmulatorRequest& request) {
  if (request.method != "POST") {
    return oauthError(405, "invalid_request", "the token endpoint takes POST");
  }
  const auto form = parseQuery(request.body);
  const auto grant = form.find("grant_type");
  if (grant == form.end() || grant->second != "client_credentials") {
    return oauthError(400, "unsupported_grant_type", "only grant_type=client_credentials");
  }
  if (settings_.clientId.empty()) {
    return oauthError(401, "invalid_client",
                      "OAuth M2M is not enabled (start the emulator with --client-id and "
                      "--client-secret)");
  }
  std::string id;
  std::string secret;
  const auto header = request.header("authorization");
  constexpr std::string_view kBasic = "Basic ";
  if (header && header->compare(0, kBasic.size(), kBasic) == 0) {
    const auto pair = decodeBase64(header->substr(kBasic.size()));
    const auto colon = pair.find(':');
    if (colon != std::string::npos) {
      id = pair.substr(0, colon);
      secret = pair.substr(colon + 1);
    }
  } else if (form.count("client_id") != 0 && form.count("client_secret") != 0) {
    id = form.at("client_id");
    secret = form.at("client_secret");
  }
  if (id.empty() || !sameSecret(id, settings_.clientId) ||
      !sameSecret(secret, settings_.clientSecret)) {
    return oauthError(401, "invalid_client", "client authentication failed");
  }
  const auto token = std::string(kIssuedPrefix) + randomHex(24);
  {
    std::lock_guard lock(mutex_);
    issued_[token] =
        std::chrono::steady_clock::now() + std::chrono::seconds(settings_.tokenTtlSeconds);
  }
  auto response =
      jsonResponse(Json{{"access_token", token},
                        {"token_type", "Bearer"},
                        {"expires_in", settings_.tokenTtlSeconds},
                        {"scope", form.count("scope") != 0 ? form.at("scope") : "all-apis"}});
  response.headers["Cache-Control"] = "no-store";
  return response;
}

}  // namespace clxs::kernel::emulator
