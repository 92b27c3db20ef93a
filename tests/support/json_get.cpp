#include "tests/support/json_get.hpp"

#include <gtest/gtest.h>

namespace clxs::testing {

Json getJson(const ServerProcess& server, const std::string& path, int status) {
  const HttpResult r = server.get(path);
  EXPECT_EQ(r.status, status) << path << " " << r.body;
  return r.json();
}

}  // namespace clxs::testing
