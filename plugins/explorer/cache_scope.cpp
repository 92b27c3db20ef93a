#include "plugins/explorer/cache_scope.hpp"

#include <functional>
#include <sstream>

namespace clxs::explorer {
namespace {

// Length-prefixed, so parts containing any character (even invalid UTF-8) stay apart.
void append(std::string& out, const std::string& part) {
  out += std::to_string(part.size());
  out += ':';
  out += part;
}

}  // namespace

std::string cacheScope(const Credentials& credentials, const Workspace& ws) {
  std::string scope;
  append(scope, ws.kind());
  append(scope, ws.host());
  if (credentials.isLocal()) return scope;
  std::ostringstream secretHash;
  secretHash << std::hex
             << std::hash<std::string>{}(credentials.token + '\n' + credentials.clientSecret);
  append(scope, credentials.authMethod);
  append(scope, credentials.profile);
  append(scope, credentials.clientId);
  append(scope, credentials.sessionId);
  append(scope, secretHash.str());
  return scope;
}

std::string cacheKey(const std::string& scope, std::initializer_list<std::string> parts) {
  std::string key;
  append(key, scope);
  append(key, "explorer");
  for (const auto& p : parts) append(key, p);
  return key;
}

}  // namespace clxs::explorer
