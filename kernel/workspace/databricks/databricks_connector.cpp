#include "kernel/workspace/databricks/databricks_connector.hpp"

#include <openssl/evp.h>

#include <list>
#include <mutex>
#include <string>
#include <utility>

#include "kernel/workspace/databricks/api_client.hpp"
#include "kernel/workspace/databricks/databricks_workspace.hpp"
#include "kernel/workspace/databricks/poco_transport.hpp"
#include "kernel/workspace/databricks/token_source.hpp"

namespace clxs::kernel::databricks {
namespace {

constexpr std::size_t kMaxWorkspaces = 32;

// A number from the config block, or `fallback` when absent or not a number.
double number(const Json& config, const char* key, double fallback) {
  if (!config.is_object()) return fallback;
  const auto it = config.find(key);
  if (it == config.end()) return fallback;
  if (it->is_number()) return it->get<double>();
  if (it->is_string()) {
    try {
      return std::stod(it->get<std::string>());
    } catch (const std::exception&) {
      return fallback;
    }
  }
  return fallback;
}

std::string text(const Json& config, const char* key) {
  if (!config.is_object()) return {};
  const auto it = config.find(key);
  if (it == config.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

std::string sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw WorkspaceError(WorkspaceErrorClass::Remote, "SHA-256 is not available");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0F]);
  }
  return out;
}

// Identifies the identity without holding its secrets: they enter only through a hash.
std::string cacheKey(const Credentials& c) {
  const std::string secrets = sha256Hex(c.token + '\n' + c.clientSecret);
  std::string key;
  for (const auto* part : {&c.host, &c.authMethod, &c.clientId, &c.tenantId, &c.warehouseId}) {
    key += std::to_string(part->size()) + ":" + *part + "|";
  }
  return key + secrets;
}

}  // namespace

struct DatabricksConnector::Impl {
  std::shared_ptr<HttpTransport> transport;
  ApiClientOptions client;
  DatabricksWorkspaceOptions workspace;
  std::mutex mu;
  // Most recently used first.
  std::list<std::pair<std::string, std::shared_ptr<Workspace>>> cache;
};

DatabricksConnector::DatabricksConnector(const Json& config,
                                         std::shared_ptr<HttpTransport> transport)
    : impl_(std::make_unique<Impl>()) {
  impl_->transport = transport ? std::move(transport) : std::make_shared<PocoTransport>();
  const auto seconds = [&](const char* key, double fallback) {
    return std::chrono::seconds(static_cast<long long>(number(config, key, fallback)));
  };
  impl_->client.timeouts.inactivity = seconds("http_timeout_seconds", 60);
  impl_->client.retryBudget = seconds("retry_timeout_seconds", 300);
  impl_->client.rateLimit = number(config, "rate_limit", 15);
  impl_->workspace.maxParallelQueries = static_cast<int>(number(config, "max_parallel_queries", 8));
  impl_->workspace.waitTimeout = seconds("statement_wait_seconds", 10);
  impl_->workspace.warehouseId = text(config, "sql_warehouse_id");
}

DatabricksConnector::~DatabricksConnector() = default;

std::shared_ptr<Workspace> DatabricksConnector::open(const Credentials& credentials) {
  if (credentials.host.empty()) {
    throw WorkspaceError(WorkspaceErrorClass::Unauthenticated, "No Databricks host configured");
  }
  const bool oauth = !credentials.clientId.empty() && !credentials.clientSecret.empty();
  if (credentials.token.empty() && !oauth) {
    throw WorkspaceError(WorkspaceErrorClass::Unauthenticated,
                         "No Databricks token or client id and secret for " + credentials.host);
  }
  const std::string key = cacheKey(credentials);
  std::lock_guard lock(impl_->mu);
  for (auto it = impl_->cache.begin(); it != impl_->cache.end(); ++it) {
    if (it->first != key) continue;
    impl_->cache.splice(impl_->cache.begin(), impl_->cache, it);
    return impl_->cache.front().second;
  }
  auto client =
      std::make_shared<ApiClient>(credentials.host, makeTokenSource(credentials, impl_->transport),
                                  impl_->transport, impl_->client);
  DatabricksWorkspaceOptions options = impl_->workspace;
  if (!credentials.warehouseId.empty()) options.warehouseId = credentials.warehouseId;
  auto workspace = std::make_shared<DatabricksWorkspace>(std::move(client), std::move(options));
  impl_->cache.emplace_front(key, workspace);
  if (impl_->cache.size() > kMaxWorkspaces) impl_->cache.pop_back();
  return workspace;
}

}  // namespace clxs::kernel::databricks
