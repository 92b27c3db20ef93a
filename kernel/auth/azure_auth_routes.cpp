#include "kernel/auth/azure_auth_routes.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/text.hpp"
#include "kernel/auth/auth_models.hpp"
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

struct AzureConnectRequest {
  std::string host;
  static const Schema<AzureConnectRequest>& schema() {
    static const auto s =
        Schema<AzureConnectRequest>("AzureConnectRequest")
            .field(
                "host", &AzureConnectRequest::host,
                Field::string().required().minLength(1).describe("Azure Databricks workspace URL"));
    return s;
  }
};

}  // namespace

void registerAzureAuthRoutes(clxs::Routes& routes, AuthService& service,
                             const std::shared_ptr<CliLauncher>& launcher,
                             const std::shared_ptr<AzureApi>& azure) {
  routes.post("/api/auth/azure-login")
      .summary("Start an Azure CLI login")
      .description(
          "Starts `az login --use-device-code` on the server and answers with its instructions "
          "(the device code to enter at microsoft.com/devicelogin). 501 when the Azure CLI is "
          "not installed.")
      .returns<AuthNotice>()
      .mutates()
      .handle([launcher](const Request&) {
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
          line =
              launcher->startAndReadFirstLine({*az, "login", "--use-device-code"}, kDeviceCodeWait);
        } catch (const std::exception& e) {
          throw clxs::HttpError(500, std::string("Could not start az: ") + e.what());
        }
        if (line.empty()) {
          line = "az login started but printed no device code within " +
                 std::to_string(kDeviceCodeWait.count()) +
                 " s; run `az login` on the server instead";
        }
        return AuthNotice{.status = "started", .message = line};
      });

  routes.get("/api/auth/azure/tenants")
      .summary("List Azure tenants")
      .description(
          "Tenants the Azure identity (az login, or ARM_CLIENT_ID / ARM_CLIENT_SECRET / "
          "ARM_TENANT_ID) can see. 501 without either.")
      .returnsListOf(Model("AzureTenant")
                         .field("tenant_id", Field::string().describe("Tenant id"))
                         .field("display_name", Field::string().describe("Tenant name"))
                         .field("default_domain", Field::string().describe("Default domain")))
      .handle([azure](const Request&) {
        Json out = Json::array();
        for (const auto& t : azure->armList("/tenants?api-version=2020-01-01")) {
          out.push_back(Json{{"tenant_id", stringField(t, "tenantId")},
                             {"display_name", stringField(t, "displayName")},
                             {"default_domain", stringField(t, "defaultDomain")}});
        }
        return out;
      });

  routes.get("/api/auth/azure/subscriptions")
      .summary("List Azure subscriptions")
      .description(
          "Subscriptions the Azure identity can see, only those of tenant_id when given. 501 "
          "without an Azure identity.")
      .query("tenant_id", Field::string().nullable().describe("Filter by tenant"))
      .returnsListOf(Model("AzureSubscription")
                         .field("subscription_id", Field::string().describe("Subscription id"))
                         .field("display_name", Field::string().describe("Subscription name"))
                         .field("state", Field::string().describe("Enabled, Disabled..."))
                         .field("tenant_id", Field::string().describe("Its tenant")))
      .handle([azure](const Request& r) {
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

  routes.get("/api/auth/azure/workspaces")
      .summary("List Azure Databricks workspaces of a subscription")
      .description("Each with its workspace URL as host, ready for POST /api/auth/azure/connect.")
      .query("subscription_id",
             Field::string().required().minLength(1).describe("Azure subscription id"))
      .returnsListOf(Model("AzureDatabricksWorkspace")
                         .field("name", Field::string().describe("Workspace name"))
                         .field("host", Field::string().nullable().describe("Workspace URL"))
                         .field("location", Field::string().describe("Azure region"))
                         .field("resource_group", Field::string().describe("Resource group"))
                         .field("id", Field::string().describe("Azure resource id")))
      .handle([azure](const Request& r) {
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

  routes.post("/api/auth/azure/connect")
      .summary("Log in to an Azure Databricks workspace with the Azure identity")
      .description(
          "Gets an Azure AD token for Azure Databricks from az (or the ARM_* service principal), "
          "verifies it against the workspace and opens a server session made the server-wide "
          "default. 501 without an Azure identity; 401 when the workspace rejects it.")
      .body<AzureConnectRequest>()
      .returns(authSessionModel())
      .mutates()
      .handle([&service, azure](const Request&, const AzureConnectRequest& body) {
        clxs::Credentials c;
        c.host = checkedWorkspaceHost(body.host, Json::array({"body", "host"}));
        c.token = azure->accessToken(kAzureDatabricksResource);
        c.authMethod = "azure-cli";
        return service.login(std::move(c));
      });
}

}  // namespace clxs::kernel
