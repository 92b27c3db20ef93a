// /openapi.json with every plugin loaded: each operation documents its 200 response (an
// object, a list or a file), and each body it takes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

TEST(OpenApiDocument, EveryOperationDocumentsItsResponse) {
  ServerOptions options;
  options.localOnly = true;
  ServerProcess s(options);
  const HttpResult r = s.get("/openapi.json");
  ASSERT_EQ(r.status, 200);
  const Json doc = r.json();
  std::vector<std::string> undocumented;
  int operations = 0;
  for (const auto& [path, methods] : doc["paths"].items()) {
    for (const auto& [method, op] : methods.items()) {
      ++operations;
      const Json& ok = op["responses"]["200"];
      if (!ok.contains("content") || ok["content"].empty()) {
        undocumented.push_back(method + " " + path);
      }
      if (op.contains("requestBody")) {
        const std::string ref =
            op["requestBody"]["content"]["application/json"]["schema"].value("$ref", "");
        const std::string name = ref.substr(ref.rfind('/') + 1);
        EXPECT_TRUE(doc["components"]["schemas"].contains(name)) << method << " " << path;
      }
    }
  }
  EXPECT_GT(operations, 90);
  std::string list;
  for (const auto& u : undocumented) list += "\n  " + u;
  EXPECT_TRUE(undocumented.empty()) << undocumented.size() << " operations without a "
                                    << "documented 200 response:" << list;
}

}  // namespace
}  // namespace clxs::testing
