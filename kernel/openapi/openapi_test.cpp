#include "kernel/openapi/openapi.hpp"

#include <gtest/gtest.h>

#include <string>

#include "kernel/http/router.hpp"

namespace clxs::kernel {
namespace {

struct NotebookCreate {
  std::string title;
  static const Schema<NotebookCreate>& schema() {
    static const auto s = Schema<NotebookCreate>("NotebookCreate")
                              .field("title", &NotebookCreate::title, Field::string().required());
    return s;
  }
};

TEST(OpenApi, DocumentsRoutesTagsModelsAndWebSockets) {
  Router router;
  OwnedRoutes notebooks(router, "notebooks", {});
  notebooks.post("/api/notebooks")
      .summary("Create a notebook")
      .body<NotebookCreate>()
      .returns(Model("Notebook").field("id", Field::string().required()))
      .handle([](const Request&, const NotebookCreate&) { return Response(); });
  notebooks.get("/api/notebooks/{id}")
      .summary("Get one")
      .query("limit", Field::integer().defaultsTo(10))
      .handle([](const Request&) { return Response(); });
  router.addSocket("kernel", nullptr, "/api/clone/ws/{job_id}", "live",
                   [](const Request&, WebSocketChannel&) {});
  OwnedRoutes gone(router, "gone", {});
  gone.get("/api/gone").summary("Gone").handle([](const Request&) { return Response(); });
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
  EXPECT_EQ(post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Notebook");
  EXPECT_EQ(doc["components"]["schemas"]["Notebook"]["required"], Json::array({"id"}));
  const auto& params = doc["paths"]["/api/notebooks/{id}"]["get"]["parameters"];
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0]["in"], "path");
  EXPECT_EQ(params[1]["schema"]["default"], 10);
  EXPECT_EQ(doc["x-websocket-routes"], Json::array({"/api/clone/ws/{job_id}"}));
  EXPECT_FALSE(doc["paths"].contains("/api/gone"));
}

}  // namespace
}  // namespace clxs::kernel
