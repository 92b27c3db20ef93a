#include "kernel/auth/auth_routes.hpp"

#include "clxs/error.hpp"

namespace clxs::kernel {

AuthService::Headers authHeaders(const clxs::Request& request) {
  AuthService::Headers out;
  for (const char* name : {auth_headers::kHost, auth_headers::kToken, auth_headers::kSession,
                           auth_headers::kWarehouse}) {
    if (auto v = request.header(name)) out.emplace(name, *v);
  }
  return out;
}

void registerAuthRoutes(clxs::Routes& routes, AuthService& service) {
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
                       "Ends the session named by X-Clone-Session and forgets the profile "
                       "chosen with use-profile.",
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
}

}  // namespace clxs::kernel
