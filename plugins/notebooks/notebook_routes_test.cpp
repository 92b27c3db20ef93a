#include "plugins/notebooks/notebook_routes.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <regex>
#include <string>

#include "plugins/notebooks/notebook_id.hpp"
#include "tests/support/capture_routes.hpp"
#include "tests/support/manual_clock.hpp"
#include "tests/support/sqlite_test_store.hpp"

namespace clxs::notebooks {
namespace {

RequestParts withId(Method m, const std::string& id, Json body = nullptr) {
  RequestParts p;
  p.method = m;
  p.pathParams["id"] = id;
  p.body = std::move(body);
  return p;
}

RequestParts withBody(Json body) {
  RequestParts p;
  p.method = Method::Post;
  p.body = std::move(body);
  return p;
}

Json headingAndQueryCells() {
  return Json::array({Json{{"type", "markdown"}, {"content", "# Totals"}},
                      Json{{"id", "q"}, {"type", "sql"}, {"content", "SELECT 1"}}});
}

class NotebookRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store.migrate(NotebookRepository::migrations());
    registerNotebookRoutes(routes, std::make_shared<NotebookRepository>(store), clock);
  }

  Json create(const std::string& title = "Weekly", Json cells = headingAndQueryCells()) {
    Response r =
        routes.call("POST /api/notebooks", withBody(Json{{"title", title}, {"cells", cells}}));
    EXPECT_EQ(r.status(), 200) << r.body().dump();
    return r.body();
  }

  testing::SqliteTestStore store;
  clxs::testing::ManualClock clock;
  clxs::testing::CaptureRoutes routes;
};

TEST_F(NotebookRoutesTest, RegistersTheSixRoutesWithModelsAndIdPattern) {
  for (const char* key : {"GET /api/notebooks", "POST /api/notebooks", "GET /api/notebooks/{id}",
                          "PUT /api/notebooks/{id}", "DELETE /api/notebooks/{id}",
                          "POST /api/notebooks/{id}/export"}) {
    ASSERT_TRUE(routes.has(key)) << key;
    EXPECT_FALSE(routes.spec(key).summary.empty()) << key;
  }
  const RouteSpec& post = routes.spec("POST /api/notebooks");
  ASSERT_TRUE(post.body.has_value());
  EXPECT_EQ(post.body->name(), "NotebookCreate");
  EXPECT_TRUE(post.mutates);
  ASSERT_EQ(post.body->fields().size(), 2U);
  EXPECT_TRUE(post.body->fields()[0].second.isRequired());
  EXPECT_EQ(post.body->fields()[0].second.maximumLength(), 500U);
  const Field& cells = post.body->fields()[1].second;
  ASSERT_EQ(cells.type(), FieldType::Array);
  ASSERT_EQ(cells.items().size(), 1U);
  EXPECT_EQ(cells.items()[0].properties().size(), 3U);

  for (const char* key : {"GET /api/notebooks/{id}", "PUT /api/notebooks/{id}",
                          "DELETE /api/notebooks/{id}", "POST /api/notebooks/{id}/export"}) {
    const auto& params = routes.spec(key).pathParams;
    ASSERT_EQ(params.size(), 1U) << key;
    EXPECT_EQ(params[0].first, "id");
    EXPECT_EQ(params[0].second.regex().value_or(""), std::string(kIdPattern));
  }
  EXPECT_FALSE(routes.spec("GET /api/notebooks").mutates);
}

TEST_F(NotebookRoutesTest, CreateReturnsTheNotebookWithAUuidAndCellIds) {
  const Json nb = create();
  EXPECT_TRUE(std::regex_match(
      nb["id"].get<std::string>(),
      std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")));
  EXPECT_EQ(nb["title"], "Weekly");
  ASSERT_EQ(nb["cells"].size(), 2U);
  EXPECT_FALSE(nb["cells"][0]["id"].get<std::string>().empty());
  EXPECT_EQ(nb["cells"][1]["id"], "q");
  EXPECT_EQ(nb["created_at"], "2027-01-15T08:00:00.000Z");
  EXPECT_EQ(nb["updated_at"], nb["created_at"]);
}

// A bad cell is rejected by the model, which the kernel checks before the handler runs (see
// NotebookCreate.ModelDeclaresTitleAndCells); a blank title by the body's own check, here.
TEST_F(NotebookRoutesTest, CreateRejectsABlankTitle) {
  Response r = routes.call("POST /api/notebooks",
                           withBody(Json{{"title", "   "}, {"cells", Json::array()}}));
  EXPECT_EQ(r.status(), 422);
  EXPECT_EQ(r.body()["detail"][0]["loc"], Json::array({"body", "title"}));
  EXPECT_EQ(routes.call("GET /api/notebooks").body().size(), 0U);
}

TEST_F(NotebookRoutesTest, ListGetUpdateDeleteFlow) {
  const Json a = create("A");
  clock.advance(std::chrono::seconds(1));
  const Json b = create("B", Json::array());
  const std::string idA = a["id"];
  const std::string idB = b["id"];

  Json list = routes.call("GET /api/notebooks").body();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0]["id"], idB);
  EXPECT_EQ(list[0]["cell_count"], 0);
  EXPECT_EQ(list[1]["cell_count"], 2);

  Response got = routes.call("GET /api/notebooks/{id}", withId(Method::Get, idA));
  EXPECT_EQ(got.status(), 200);
  EXPECT_EQ(got.body(), a);

  clock.advance(std::chrono::seconds(1));
  Response put =
      routes.call("PUT /api/notebooks/{id}", withId(Method::Put, idA, Json{{"title", "A2"}}));
  ASSERT_EQ(put.status(), 200) << put.body().dump();
  EXPECT_EQ(put.body()["title"], "A2");
  EXPECT_EQ(put.body()["cells"], a["cells"]);
  EXPECT_EQ(put.body()["created_at"], a["created_at"]);
  EXPECT_EQ(put.body()["updated_at"], "2027-01-15T08:00:02.000Z");
  EXPECT_EQ(routes.call("GET /api/notebooks").body()[0]["id"], idA);

  put =
      routes.call("PUT /api/notebooks/{id}",
                  withId(Method::Put, idA,
                         Json{{"cells", Json::array({Json{{"type", "sql"}, {"content", "x"}}})}}));
  ASSERT_EQ(put.status(), 200);
  EXPECT_EQ(put.body()["title"], "A2");
  EXPECT_EQ(put.body()["cells"].size(), 1U);

  Response del = routes.call("DELETE /api/notebooks/{id}", withId(Method::Delete, idA));
  EXPECT_EQ(del.status(), 200);
  EXPECT_EQ(del.body(), (Json{{"status", "deleted"}, {"id", idA}}));
  EXPECT_EQ(routes.call("GET /api/notebooks/{id}", withId(Method::Get, idA)).status(), 404);
  EXPECT_EQ(routes.call("DELETE /api/notebooks/{id}", withId(Method::Delete, idA)).status(), 404);
}

TEST_F(NotebookRoutesTest, UnknownIdsAre404AndNameTheId) {
  for (auto [key, m] : {std::pair{"GET /api/notebooks/{id}", Method::Get},
                        std::pair{"DELETE /api/notebooks/{id}", Method::Delete},
                        std::pair{"POST /api/notebooks/{id}/export", Method::Post}}) {
    Response r = routes.call(key, withId(m, "nope"));
    EXPECT_EQ(r.status(), 404) << key;
    EXPECT_NE(r.body()["detail"].get<std::string>().find("nope"), std::string::npos);
  }
  EXPECT_EQ(
      routes.call("PUT /api/notebooks/{id}", withId(Method::Put, "nope", Json{{"title", "t"}}))
          .status(),
      404);
}

TEST_F(NotebookRoutesTest, PathLikeIdsAre422AtPathId) {
  for (const char* id : {"../../etc/passwd", "a/b", "x.json", ""}) {
    Response r = routes.call("GET /api/notebooks/{id}", withId(Method::Get, id));
    EXPECT_EQ(r.status(), 422) << id;
    EXPECT_EQ(r.body()["detail"][0]["loc"], Json::array({"path", "id"})) << id;
  }
}

TEST_F(NotebookRoutesTest, UpdateNeedsTitleOrCells) {
  const std::string id = create()["id"];
  for (const Json& body : {Json::object(), Json{{"title", nullptr}}, Json{{"other", 1}}}) {
    Response r = routes.call("PUT /api/notebooks/{id}", withId(Method::Put, id, body));
    EXPECT_EQ(r.status(), 422) << body.dump();
    EXPECT_EQ(r.body()["detail"][0]["loc"], Json::array({"body"}));
  }
  Response r = routes.call("PUT /api/notebooks/{id}", withId(Method::Put, id, Json{{"title", ""}}));
  EXPECT_EQ(r.status(), 422);
}

TEST_F(NotebookRoutesTest, ExportIsASqlDownloadNamedAfterTheTitle) {
  const std::string id = create("Weekly: totals")["id"];
  Response r = routes.call("POST /api/notebooks/{id}/export", withId(Method::Post, id));
  ASSERT_EQ(r.status(), 200);
  ASSERT_TRUE(r.isRaw());
  EXPECT_EQ(r.contentType(), "application/sql");
  ASSERT_EQ(r.headers().size(), 1U);
  EXPECT_EQ(r.headers()[0].first, "Content-Disposition");
  EXPECT_EQ(r.headers()[0].second, "attachment; filename=\"Weekly_totals.sql\"");
  EXPECT_EQ(r.rawBytes(),
            "-- Notebook: Weekly: totals\n-- Notebook id: " + id +
                "\n-- Exported: 2027-01-15T08:00:00.000Z\n\n-- # Totals\n\nSELECT 1;\n");
}

}  // namespace
}  // namespace clxs::notebooks
