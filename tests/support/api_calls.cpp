#include "tests/support/api_calls.hpp"

#include <gtest/gtest.h>

#include "tests/support/cli_process.hpp"

namespace clxs::testing {

HttpResult put(const ServerProcess& s, const std::string& path, const Json& body) {
  return s.request("PUT", path, body.dump());
}

HttpResult patch(const ServerProcess& s, const std::string& path, const Json& body) {
  return s.request("PATCH", path, body.dump());
}

HttpResult del(const ServerProcess& s, const std::string& path) {
  return s.request("DELETE", path);
}

Json postJson(const ServerProcess& s, const std::string& path, const Json& body, int status) {
  const HttpResult r = s.post(path, body);
  EXPECT_EQ(r.status, status) << path << " " << body.dump() << " -> " << r.body;
  return r.body.empty() ? Json() : r.json();
}

Json firstErrorLoc(const HttpResult& r) {
  EXPECT_EQ(r.status, 422) << r.body;
  const Json j = Json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("detail") || !j["detail"].is_array() || j["detail"].empty()) {
    ADD_FAILURE() << "not a FastAPI 422: " << r.body;
    return nullptr;
  }
  return j["detail"][0]["loc"];
}

HttpResult togglePlugin(const ServerProcess& s, const std::string& name, bool enabled) {
  return s.post("/api/plugins/toggle", Json{{"name", name}, {"enabled", enabled}});
}

std::int64_t rowCount(const ServerProcess& s, const std::string& table) {
  const auto rows = sqlRows(s.dataDir(), "SELECT count(*) AS n FROM " + table);
  return rows.empty() ? -1 : rows[0]["n"].get<std::int64_t>();
}

}  // namespace clxs::testing
