#include "kernel/auth/auth_routes.hpp"

#include <optional>
#include <string>
#include <utility>

#include "clxs/error.hpp"
#include "kernel/auth/auth_models.hpp"
#include "kernel/auth/azure_auth_routes.hpp"
#include "kernel/auth/workspace_auth_routes.hpp"
#include "kernel/auth/workspace_host.hpp"

namespace clxs::kernel {
namespace {

const clxs::Json kHostLoc = clxs::Json::array({"body", "host"});

clxs::Field hostField() {
  return Field::string().required().minLength(1).describe(
      "Databricks workspace URL (https://; http:// only for a loopback host)");
}

struct LoginRequest {
  std::string host;
  std::string token;
  static const Schema<LoginRequest>& schema() {
    static const auto s =
        Schema<LoginRequest>("LoginRequest")
            .field("host", &LoginRequest::host, hostField())
            .field("token", &LoginRequest::token,
                   Field::string().required().minLength(1).describe("Personal access token"));
    return s;
  }
};

struct ServicePrincipalLoginRequest {
  std::string host;
  std::string clientId;
  std::string clientSecret;
  std::optional<std::string> tenantId;
  std::string authType = "databricks";
  static const Schema<ServicePrincipalLoginRequest>& schema() {
    static const auto s =
        Schema<ServicePrincipalLoginRequest>("ServicePrincipalLoginRequest")
            .field("host", &ServicePrincipalLoginRequest::host, hostField())
            .field("client_id", &ServicePrincipalLoginRequest::clientId,
                   Field::string().required().minLength(1).describe(
                       "Service principal client (application) id"))
            .field(
                "client_secret", &ServicePrincipalLoginRequest::clientSecret,
                Field::string().required().minLength(1).describe("Service principal client secret"))
            .field(
                "tenant_id", &ServicePrincipalLoginRequest::tenantId,
                Field::string().describe("Azure AD tenant id (required when auth_type is azure)"))
            .field("auth_type", &ServicePrincipalLoginRequest::authType,
                   Field::string()
                       .oneOf({"databricks", "azure"})
                       .caseInsensitive()
                       .describe("\"databricks\" or \"azure\""))
            .check([](const ServicePrincipalLoginRequest& r) {
              if (r.authType == "azure" && r.tenantId.value_or("").empty()) {
                throw clxs::unprocessable(clxs::Json::array({"body", "tenant_id"}),
                                          "tenant_id is required when auth_type is azure",
                                          "missing");
              }
            });
    return s;
  }
};

struct OAuthLoginRequest {
  std::string host;
  static const Schema<OAuthLoginRequest>& schema() {
    static const auto s = Schema<OAuthLoginRequest>("OAuthLoginRequest")
                              .field("host", &OAuthLoginRequest::host, hostField());
    return s;
  }
};

struct UseProfileRequest {
  std::string profileName;
  static const Schema<UseProfileRequest>& schema() {
    static const auto s =
        Schema<UseProfileRequest>("UseProfileRequest")
            .field("profile_name", &UseProfileRequest::profileName,
                   Field::string().required().minLength(1).describe("CLI profile name"));
    return s;
  }
};

// The variables GET /api/auth/env-vars reports, each a string or null.
clxs::Model envVarsModel() {
  clxs::Model m("AuthEnvVars");
  for (const char* name : AuthService::reportedVariables()) {
    m.field(name, Field::string().required().nullable().describe(
                      "Value (secrets masked to their first and last 4 characters), or null"));
  }
  return m;
}

void registerLoginRoutes(clxs::Routes& routes, AuthService& service,
                         std::shared_ptr<CliLauncher> launcher) {
  routes.post("/api/auth/login")
      .summary("Log in with a personal access token")
      .description(
          "Verifies the token against the workspace (SCIM Me), opens a server session and makes "
          "it the server-wide default for requests without credentials of their own. 401 for a "
          "bad host, an invalid token or an unreachable workspace. The token stays in memory "
          "only.")
      .body<LoginRequest>()
      .returns(authSessionModel())
      .mutates()
      .handle([&service](const Request&, const LoginRequest& body) {
        clxs::Credentials c;
        c.host = checkedWorkspaceHost(body.host, kHostLoc);
        c.token = body.token;
        c.authMethod = "pat";
        return service.login(std::move(c));
      });

  routes.post("/api/auth/service-principal")
      .summary("Log in as a service principal")
      .description(
          "OAuth machine-to-machine login: auth_type databricks uses a Databricks service "
          "principal's OAuth secret, azure an Azure AD application (tenant_id required). "
          "Verified like /api/auth/login and made the server-wide default.")
      .body<ServicePrincipalLoginRequest>()
      .returns(authSessionModel())
      .mutates()
      .handle([&service](const Request&, const ServicePrincipalLoginRequest& body) {
        clxs::Credentials c;
        c.host = checkedWorkspaceHost(body.host, kHostLoc);
        c.clientId = body.clientId;
        c.clientSecret = body.clientSecret;
        if (body.authType == "azure") {
          c.tenantId = body.tenantId.value_or("");
          c.authMethod = "azure-ad-sp";
        } else {
          c.authMethod = "databricks-oauth-sp";
        }
        return service.login(std::move(c));
      });

  routes.post("/api/auth/oauth-login")
      .summary("Start a browser (OAuth U2M) login")
      .description(
          "Starts `databricks auth login --host HOST` on the server, which opens the browser; "
          "once done, the Databricks CLI has saved a profile to select with POST "
          "/api/auth/use-profile. 501 when the Databricks CLI is not installed.")
      .body<OAuthLoginRequest>()
      .returns<AuthNotice>()
      .mutates()
      .handle([launcher](const Request&, const OAuthLoginRequest& body) {
        const std::string host = checkedWorkspaceHost(body.host, kHostLoc);
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
          throw clxs::HttpError(500,
                                std::string("Could not start the Databricks CLI: ") + e.what());
        }
        return AuthNotice{.status = "started",
                          .message =
                              "Complete the login in the browser; then POST "
                              "/api/auth/use-profile with the profile the Databricks CLI saved "
                              "for " +
                              host + " (GET /api/auth/profiles lists them)"};
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
  routes.get("/api/auth/status")
      .summary("Current authentication status")
      .description(
          "Who requests without other credentials act as. Never answers 401: failures are "
          "reported as authenticated false with an error. The local workspace reports host "
          "\"local\" and the server's OS user.")
      .returns(authSessionModel())
      .handle([&service](const Request& r) { return service.status(authHeaders(r)); });

  routes.post("/api/auth/logout")
      .summary("Log out")
      .description(
          "Ends the session named by X-Clone-Session and the server-wide login, and forgets the "
          "profile chosen with use-profile.")
      .returns<AuthNotice>()
      .mutates()
      .handle([&service](const Request& r) { return service.logout(authHeaders(r)); });

  routes.get("/api/auth/env-vars")
      .summary("Databricks environment variables")
      .description(
          "Which DATABRICKS_* and AZURE_* variables the server sees; tokens and secrets are "
          "masked (first 4 and last 4 characters), unset ones null.")
      .returns(envVarsModel())
      .handle([&service](const Request&) { return service.envVars(); });

  routes.get("/api/auth/profiles")
      .summary("Databricks CLI profiles")
      .description(
          "Profiles of ~/.databrickscfg (or $DATABRICKS_CONFIG_FILE) with their host and auth "
          "type (pat, oauth-sp, azure-ad-sp, oauth-u2m); [] when there is no file.")
      .returnsListOf(Model("CliProfile")
                         .field("name", Field::string().describe("Profile name"))
                         .field("host", Field::string().describe("Workspace URL"))
                         .field("auth_type", Field::string().describe("How it authenticates")))
      .handle([&service](const Request&) { return service.profiles(); });

  routes.post("/api/auth/use-profile")
      .summary("Switch to a CLI profile")
      .description(
          "Creates a server session for the profile and makes it the server-wide default for "
          "requests without credentials of their own. 404 for an unknown profile.")
      .body<UseProfileRequest>()
      .returns(authSessionModel())
      .mutates()
      .handle([&service](const Request&, const UseProfileRequest& body) {
        return service.useProfile(body.profileName);
      });

  // A GET that opens a session, as the original's is.
  routes.get("/api/auth/auto-login")
      .summary("Auto-login as a Databricks App")
      .description(
          "Only inside the Databricks Apps runtime: opens a session with the app's service "
          "principal. 404 elsewhere.")
      .returns(authSessionModel())
      .mutates()
      .handle([&service](const Request&) { return service.autoLogin(); });

  registerLoginRoutes(routes, service, tools.launcher);
  registerAzureAuthRoutes(routes, service, tools.launcher, tools.azure);
  registerWorkspaceAuthRoutes(routes);
}

}  // namespace clxs::kernel
