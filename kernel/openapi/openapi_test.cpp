#include "kernel/openapi/openapi.hpp"

#include <gtest/gtest.h>

#include "kernel/http/router.hpp"

namespace clxs::kernel {
namespace {

TEST(OpenApi, DocumentsRoutesTagsModelsAndWebSockets) {
  Router router;
  RouteSpec spec{Method::Post, "/api/notebooks", "Create a notebook"};
  spec.body = Model("NotebookCreate").field("title", Field::string().required());
  router.add("notebooks", nullptr, spec, [](const Request&) { return Response(); });
  RouteSpec get{Method::Get, "/api/notebooks/{id}", "Get one"};
  get.query = {{"limit", Field::integer().defaultsTo(10)}};
  router.add("notebooks", nullptr, get, [](const Request&) { return Response(); });
  router.addSocket("kernel", nullptr, "/api/clone/ws/{job_id}", "live",
                   [](const Request&, WebSocketChannel&) {});
  router.add("gone", nullptr, RouteSpec{Method::Get, "/api/gone"},
             [](const Request&) { return Response(); });
  router.disableOwner("gone");

  const Json doc = buildOpenApi(*router.snapshot(), "1.2.3");
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_EQ(doc["info"]["version"], "1.2.3");
  const auto& post = doc["paths"]["/api/notebooks"]["post"];
  EXPECT_EQ(post["tags"], Json::array({"notebooks"}));
  EXPECT_EQ(post["summary"], "Create a notebook");
  EXPECT_EQ(post["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/NotebookCreate");
  EXPECT_EQ(doc["components"]["schemas"]["NotebookCreate"]["required"], Json::array({"title"}));
  const auto& params = doc["paths"]["/api/notebooks/{id}"]["get"]["parameters"];
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0]["in"], "path");
  EXPECT_EQ(params[1]["schema"]["default"], 10);
  EXPECT_EQ(doc["x-websocket-routes"], Json::array({"/api/clone/ws/{job_id}"}));
  EXPECT_FALSE(doc["paths"].contains("/api/gone"));
}

}  // namespace
}  // namespace clxs::kernel
