#include "kernel/auth/auth_routes.hpp"

#include <cctype>
#include <string>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "kernel/auth/azure_auth_routes.hpp"
#include "kernel/auth/request_fields.hpp"
#include "kernel/auth/workspace_auth_routes.hpp"
#include "kernel/auth/workspace_host.hpp"

namespace clxs::kernel {
namespace {

const clxs::Json kHostLoc = clxs::Json::array({"body", "host"});

clxs::Field hostField() {
  return clxs::Field::string().required().minLength(1).describe(
      "Databricks workspace URL (https://; http:// only for a loopback host)");
}

void registerLoginRoutes(clxs::Routes& routes, AuthService& service,
                         std::shared_ptr<CliLauncher> launcher) {
  using clxs::Field;
  using clxs::Method;
  using clxs::Model;
  using clxs::Request;
  using clxs::RouteSpec;

  routes.add(
      RouteSpec{Method::Post,
                "/api/auth/login",
                "Log in with a personal access token",
                "Verifies the token against the workspace (SCIM Me), opens a server session and "
                "makes it the server-wide default for requests without credentials of their "
                "own. 401 for a bad host, an invalid token or an unreachable workspace. The "
                "token stays in memory only.",
                Model("LoginRequest")
                    .field("host", hostField())
                    .field("token", Field::string().required().minLength(1).describe(
                                        "Personal access token")),
                {},
                {},
                true},
      [&service](const Request& r) {
        clxs::Credentials c;
        c.host = checkedWorkspaceHost(requiredBodyString(r.body(), "host"), kHostLoc);
        c.token = requiredBodyString(r.body(), "token");
        c.authMethod = "pat";
        return service.login(std::move(c));
      });

  routes.add(
      RouteSpec{
          Method::Post,
          "/api/auth/service-principal",
          "Log in as a service principal",
          "OAuth machine-to-machine login: auth_type databricks uses a Databricks service "
          "principal's OAuth secret, azure an Azure AD application (tenant_id required). "
          "Verified like /api/auth/login and made the server-wide default.",
          Model("ServicePrincipalLoginRequest")
              .field("host", hostField())
              .field("client_id", Field::string().required().minLength(1).describe(
                                      "Service principal client (application) id"))
              .field("client_secret", Field::string().required().minLength(1).describe(
                                          "Service principal client secret"))
              .field("tenant_id", Field::string().nullable().describe(
                                      "Azure AD tenant id (required when auth_type is azure)"))
              .field("auth_type", Field::string()
                                      .oneOf({"databricks", "azure"})
                                      .caseInsensitive()
                                      .defaultsTo("databricks")
                                      .describe("\"databricks\" or \"azure\"")),
          {},
          {},
          true},
      [&service](const Request& r) {
        const clxs::Json& body = r.body();
        clxs::Credentials c;
        c.host = checkedWorkspaceHost(requiredBodyString(body, "host"), kHostLoc);
        c.clientId = requiredBodyString(body, "client_id");
        c.clientSecret = requiredBodyString(body, "client_secret");
        const std::string authType =
            clxs::lowerAscii(optionalBodyString(body, "auth_type", "databricks"));
        if (authType == "azure") {
          c.tenantId = optionalBodyString(body, "tenant_id");
          if (c.tenantId.empty()) {
            throw clxs::unprocessable(clxs::Json::array({"body", "tenant_id"}),
                                      "tenant_id is required when auth_type is azure", "missing");
          }
          c.authMethod = "azure-ad-sp";
        } else if (authType == "databricks") {
          c.authMethod = "databricks-oauth-sp";
        } else {
          throw clxs::unprocessable(clxs::Json::array({"body", "auth_type"}),
                                    "Input should be 'databricks' or 'azure'", "enum");
        }
        return service.login(std::move(c));
      });

  routes.add(RouteSpec{Method::Post,
                       "/api/auth/oauth-login",
                       "Start a browser (OAuth U2M) login",
                       "Starts `databricks auth login --host HOST` on the server, which opens the "
                       "browser; once done, the Databricks CLI has saved a profile to select with "
                       "POST /api/auth/use-profile. 501 when the Databricks CLI is not installed.",
                       Model("OAuthLoginRequest").field("host", hostField()),
                       {},
                       {},
                       true},
             [launcher](const Request& r) {
               const std::string host =
                   checkedWorkspaceHost(requiredBodyString(r.body(), "host"), kHostLoc);
               const auto cli = launcher->find("databricks");
               if (!cli) {
                 throw clxs::notImplemented(
                     "Browser login needs the Databricks CLI (databricks), which is not on the "
                     "server's PATH; install it, or log in with a personal access token (POST "
                     "/api/auth/login) or a service principal (POST /api/auth/service-principal)");
               }
               try {
                 launcher->startDetached({*cli, "auth", "login", "--host", host});
               } catch (const std::exception& e) {
                 throw clxs::HttpError(
                     500, std::string("Could not start the Databricks CLI: ") + e.what());
               }
               return clxs::Json{
                   {"status", "started"},
                   {"message",
                    "Complete the login in the browser; then POST /api/auth/use-profile "
                    "with the profile the Databricks CLI saved for " +
                        host + " (GET /api/auth/profiles lists them)"}};
             });
}

}  // namespace

AuthService::Headers authHeaders(const clxs::Request& request) {
  AuthService::Headers out;
  for (const char* name : {auth_headers::kHost, auth_headers::kToken, auth_headers::kSession,
                           auth_headers::kWarehouse}) {
    if (auto v = request.header(name)) out.emplace(name, *v);
  }
  return out;
}

AuthTools defaultAuthTools(const AuthService& service) {
  AuthTools tools;
  tools.launcher = std::make_shared<ProcessCliLauncher>(service.environment());
  tools.azure = std::make_shared<AzureRestApi>(service.environment(), tools.launcher);
  return tools;
}

void registerAuthRoutes(clxs::Routes& routes, AuthService& service) {
  registerAuthRoutes(routes, service, defaultAuthTools(service));
}

void registerAuthRoutes(clxs::Routes& routes, AuthService& service, AuthTools tools) {
  using clxs::Method;
  using clxs::Request;
  using clxs::RouteSpec;

  routes.add(RouteSpec{Method::Get,
                       "/api/auth/status",
                       "Current authentication status",
                       "Who requests without other credentials act as. Never answers 401: "
                       "failures are reported as authenticated false with an error. The local "
                       "workspace reports host \"local\" and the server's OS user.",
                       std::nullopt,
                       {},
                       {},
                       false},
             [&service](const Request& r) { return service.status(authHeaders(r)); });

  routes.add(RouteSpec{Method::Post,
                       "/api/auth/logout",
                       "Log out",
                       "Ends the session named by X-Clone-Session and the server-wide login, "
                       "and forgets the profile chosen with use-profile.",
                       std::nullopt,
                       {},
                       {},
                       true},
             [&service](const Request& r) { return service.logout(authHeaders(r)); });

  routes.add(RouteSpec{Method::Get,
                       "/api/auth/env-vars",
                       "Databricks environment variables",
                       "Which DATABRICKS_* and AZURE_* variables the server sees; tokens and "
                       "secrets are masked (first 4 and last 4 characters), unset ones null.",
                       std::nullopt,
                       {},
                       {},
                       false},
             [&service](const Request&) { return service.envVars(); });

  routes.add(RouteSpec{Method::Get,
                       "/api/auth/profiles",
                       "Databricks CLI profiles",
                       "Profiles of ~/.databrickscfg (or $DATABRICKS_CONFIG_FILE) with their "
                       "host and auth type (pat, oauth-sp, azure-ad-sp, oauth-u2m); [] when "
                       "there is no file.",
                       std::nullopt,
                       {},
                       {},
                       false},
             [&service](const Request&) { return service.profiles(); });

  routes.add(
      RouteSpec{Method::Post,
                "/api/auth/use-profile",
                "Switch to a CLI profile",
                "Creates a server session for the profile and makes it the server-wide "
                "default for requests without credentials of their own. 404 for an unknown "
                "profile.",
                clxs::Model("UseProfileRequest")
                    .field("profile_name", clxs::Field::string().required().minLength(1).describe(
                                               "CLI profile name")),
                {},
                {},
                true},
      [&service](const Request& r) {
        const clxs::Json& body = r.body();
        auto it = body.is_object() ? body.find("profile_name") : body.end();
        if (!body.is_object() || it == body.end() || !it->is_string()) {
          throw clxs::unprocessable(clxs::Json::array({"body", "profile_name"}), "Field required",
                                    "missing");
        }
        return service.useProfile(it->get<std::string>());
      });

  routes.add(RouteSpec{Method::Get,
                       "/api/auth/auto-login",
                       "Auto-login as a Databricks App",
                       "Only inside the Databricks Apps runtime: opens a session with the app's "
                       "service principal. 404 elsewhere.",
                       std::nullopt,
                       {},
                       {},
                       true},
             [&service](const Request&) { return service.autoLogin(); });

  registerLoginRoutes(routes, service, tools.launcher);
  registerAzureAuthRoutes(routes, service, tools.launcher, tools.azure);
  registerWorkspaceAuthRoutes(routes);
}

}  // namespace clxs::kernel
