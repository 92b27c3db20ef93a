#include "kernel/auth/azure_auth_routes.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "kernel/auth/request_fields.hpp"
#include "kernel/auth/workspace_host.hpp"

namespace clxs::kernel {
namespace {

using namespace std::chrono_literals;

// How long azure-login waits for az to print its device-code instructions.
constexpr auto kDeviceCodeWait = 15s;

// The resource group of an ARM id: /subscriptions/S/resourceGroups/RG/providers/...
std::string resourceGroupOf(const std::string& id) {
  const std::string marker = "/resourcegroups/";
  const std::string lowered = clxs::lowerAscii(id);
  const auto pos = lowered.find(marker);
  if (pos == std::string::npos) return {};
  const auto start = pos + marker.size();
  return id.substr(start, id.find('/', start) - start);
}

// A subscription id goes into a Resource Manager path, so only GUID characters pass.
std::string checkedSubscriptionId(const clxs::Json& query) {
  std::string id = stringField(query, "subscription_id");
  const clxs::Json loc = clxs::Json::array({"query", "subscription_id"});
  if (id.empty()) throw clxs::unprocessable(loc, "Field required", "missing");
  const bool ok = std::all_of(id.begin(), id.end(),
                              [](unsigned char c) { return std::isxdigit(c) != 0 || c == '-'; });
  if (!ok) {
    throw clxs::unprocessable(loc,
                              "subscription_id must be an Azure subscription id (a GUID such as "
                              "00000000-0000-0000-0000-000000000000)");
  }
  return id;
}

}  // namespace

void registerAzureAuthRoutes(clxs::Routes& routes, AuthService& service,
                             const std::shared_ptr<CliLauncher>& launcher,
                             const std::shared_ptr<AzureApi>& azure) {
  using clxs::Field;
  using clxs::Json;
  using clxs::Method;
  using clxs::Model;
  using clxs::Request;
  using clxs::RouteSpec;

  routes.add(RouteSpec{Method::Post,
                       "/api/auth/azure-login",
                       "Start an Azure CLI login",
                       "Starts `az login --use-device-code` on the server and answers with its "
                       "instructions (the device code to enter at microsoft.com/devicelogin). "
                       "501 when the Azure CLI is not installed.",
                       std::nullopt,
                       {},
                       {},
                       true},
             [launcher](const Request&) {
               const auto az = launcher->find("az");
               if (!az) {
                 throw clxs::notImplemented(
                     "Azure login needs the Azure CLI (az), which is not on the server's PATH; "
                     "install it, or log in with a personal access token (POST "
                     "/api/auth/login) or a service principal (POST "
                     "/api/auth/service-principal)");
               }
               std::string line;
               try {
                 line = launcher->startAndReadFirstLine({*az, "login", "--use-device-code"},
                                                        kDeviceCodeWait);
               } catch (const std::exception& e) {
                 throw clxs::HttpError(500, std::string("Could not start az: ") + e.what());
               }
               if (line.empty()) {
                 line = "az login started but printed no device code within " +
                        std::to_string(kDeviceCodeWait.count()) +
                        " s; run `az login` on the server instead";
               }
               return Json{{"status", "started"}, {"message", line}};
             });

  routes.add(RouteSpec{Method::Get,
                       "/api/auth/azure/tenants",
                       "List Azure tenants",
                       "Tenants the Azure identity (az login, or ARM_CLIENT_ID / "
                       "ARM_CLIENT_SECRET / ARM_TENANT_ID) can see. 501 without either.",
                       std::nullopt,
                       {},
                       {},
                       false},
             [azure](const Request&) {
               Json out = Json::array();
               for (const auto& t : azure->armList("/tenants?api-version=2020-01-01")) {
                 out.push_back(Json{{"tenant_id", stringField(t, "tenantId")},
                                    {"display_name", stringField(t, "displayName")},
                                    {"default_domain", stringField(t, "defaultDomain")}});
               }
               return out;
             });

  routes.add(RouteSpec{Method::Get,
                       "/api/auth/azure/subscriptions",
                       "List Azure subscriptions",
                       "Subscriptions the Azure identity can see, only those of tenant_id when "
                       "given. 501 without an Azure identity.",
                       std::nullopt,
                       {{"tenant_id", Field::string().nullable().describe("Filter by tenant")}},
                       {},
                       false},
             [azure](const Request& r) {
               const std::string tenant = stringField(r.query(), "tenant_id");
               Json out = Json::array();
               for (const auto& s : azure->armList("/subscriptions?api-version=2020-01-01")) {
                 if (!tenant.empty() && stringField(s, "tenantId") != tenant) continue;
                 out.push_back(Json{{"subscription_id", stringField(s, "subscriptionId")},
                                    {"display_name", stringField(s, "displayName")},
                                    {"state", stringField(s, "state")},
                                    {"tenant_id", stringField(s, "tenantId")}});
               }
               return out;
             });

  routes.add(
      RouteSpec{Method::Get,
                "/api/auth/azure/workspaces",
                "List Azure Databricks workspaces of a subscription",
                "Each with its workspace URL as host, ready for POST /api/auth/azure/connect.",
                std::nullopt,
                {{"subscription_id",
                  Field::string().required().minLength(1).describe("Azure subscription id")}},
                {},
                false},
      [azure](const Request& r) {
        const std::string sub = checkedSubscriptionId(r.query());
        Json out = Json::array();
        for (const auto& w : azure->armList("/subscriptions/" + sub +
                                            "/providers/Microsoft.Databricks/workspaces"
                                            "?api-version=2018-04-01")) {
          const std::string url =
              stringField(w.value("properties", Json::object()), "workspaceUrl");
          const std::string id = stringField(w, "id");
          out.push_back(Json{{"name", stringField(w, "name")},
                             {"host", url.empty() ? Json(nullptr) : Json("https://" + url)},
                             {"location", stringField(w, "location")},
                             {"resource_group", resourceGroupOf(id)},
                             {"id", id}});
        }
        return out;
      });

  routes.add(
      RouteSpec{Method::Post,
                "/api/auth/azure/connect",
                "Log in to an Azure Databricks workspace with the Azure identity",
                "Gets an Azure AD token for Azure Databricks from az (or the ARM_* service "
                "principal), verifies it against the workspace and opens a server session made "
                "the server-wide default. 501 without an Azure identity; 401 when the "
                "workspace rejects it.",
                Model("AzureConnectRequest")
                    .field("host", Field::string().required().minLength(1).describe(
                                       "Azure Databricks workspace URL")),
                {},
                {},
                true},
      [&service, azure](const Request& r) {
        clxs::Credentials c;
        c.host = checkedWorkspaceHost(requiredBodyString(r.body(), "host"),
                                      Json::array({"body", "host"}));
        c.token = azure->accessToken(kAzureDatabricksResource);
        c.authMethod = "azure-cli";
        return service.login(std::move(c));
      });
}

}  // namespace clxs::kernel
