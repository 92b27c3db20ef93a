// The notebooks plugin end to end: the six routes through the real server, its data in the
// state store across restarts, and the plugin toggle.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>
#include <utility>

#include "tests/support/api_calls.hpp"
#include "tests/support/server_process.hpp"

namespace clxs::testing {
namespace {

Json cells() {
  return Json::array(
      {Json{{"id", "intro"}, {"type", "markdown"}, {"content", "# Revenue\nBy region"}},
       Json{{"type", "sql"}, {"content", "SELECT region, SUM(amount) FROM sales"}},
       Json{{"type", "sql"}, {"content", "SELECT 1;"}}});
}

Json create(const ServerProcess& s, const std::string& title, const Json& c = cells()) {
  HttpResult r = s.post("/api/notebooks", Json{{"title", title}, {"cells", c}});
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json();
}

TEST(Notebooks, CreateReturnsTheNotebookWithAUuidV4) {
  ServerProcess s;
  const Json nb = create(s, "Sales review");
  EXPECT_TRUE(std::regex_match(
      nb["id"].get<std::string>(),
      std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")));
  EXPECT_EQ(nb["title"], "Sales review");
  ASSERT_EQ(nb["cells"].size(), 3U);
  EXPECT_EQ(nb["cells"][0]["id"], "intro");
  EXPECT_FALSE(nb["cells"][1]["id"].get<std::string>().empty());
  EXPECT_EQ(nb["cells"][1]["type"], "sql");
  EXPECT_TRUE(std::regex_match(nb["created_at"].get<std::string>(),
                               std::regex(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$)")));
  EXPECT_EQ(nb["created_at"], nb["updated_at"]);
}

TEST(Notebooks, CreateRejectsBadBodiesWith422) {
  ServerProcess s;
  EXPECT_EQ(firstErrorLoc(s.post("/api/notebooks", Json{{"cells", Json::array()}})),
            Json::array({"body", "title"}));
  EXPECT_EQ(firstErrorLoc(s.post("/api/notebooks", Json{{"title", ""}, {"cells", Json::array()}})),
            Json::array({"body", "title"}));
  EXPECT_EQ(firstErrorLoc(s.post("/api/notebooks",
                                 Json{{"title", std::string(501, 'x')}, {"cells", Json::array()}})),
            Json::array({"body", "title"}));
  EXPECT_EQ(firstErrorLoc(s.post("/api/notebooks", Json{{"title", "t"}})),
            Json::array({"body", "cells"}));
  EXPECT_EQ(firstErrorLoc(s.post("/api/notebooks", Json{{"title", "t"}, {"cells", "SELECT 1"}})),
            Json::array({"body", "cells"}));
  const Json loc = firstErrorLoc(s.post(
      "/api/notebooks",
      Json{{"title", "t"}, {"cells", Json::array({Json{{"type", "python"}, {"content", "x"}}})}}));
  ASSERT_TRUE(loc.is_array());
  ASSERT_GE(loc.size(), 3U);
  EXPECT_EQ(loc[0], "body");
  EXPECT_EQ(loc[1], "cells");
  EXPECT_EQ(loc.back(), "type");
  HttpResult malformed = s.request("POST", "/api/notebooks", "{\"title\": ");
  EXPECT_EQ(malformed.status, 422) << malformed.body;
  // Nothing was stored by any of these.
  EXPECT_EQ(s.get("/api/notebooks").json(), Json::array());
}

TEST(Notebooks, ListShowsSummariesNewestUpdatedFirst) {
  ServerProcess s;
  const Json a = create(s, "A");
  const Json b = create(s, "B", Json::array());
  HttpResult r = s.get("/api/notebooks");
  ASSERT_EQ(r.status, 200);
  Json list = r.json();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0]["id"], b["id"]);
  EXPECT_EQ(list[0]["cell_count"], 0);
  EXPECT_EQ(list[1]["cell_count"], 3);
  for (const Json& item : list) {
    for (const char* key : {"id", "title", "cell_count", "created_at", "updated_at"}) {
      EXPECT_TRUE(item.contains(key)) << key;
    }
    EXPECT_FALSE(item.contains("cells"));
  }
  // Updating A moves it to the top (the pause keeps the timestamps apart).
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(put(s, "/api/notebooks/" + a["id"].get<std::string>(), Json{{"title", "A2"}}).status,
            200);
  list = s.get("/api/notebooks").json();
  EXPECT_EQ(list[0]["id"], a["id"]);
  EXPECT_EQ(list[0]["title"], "A2");
}

TEST(Notebooks, GetReturnsTheFullNotebookOr404Or422) {
  ServerProcess s;
  const Json nb = create(s, "Full");
  HttpResult r = s.get("/api/notebooks/" + nb["id"].get<std::string>());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), nb);

  r = s.get("/api/notebooks/0f8fad5b-d9cb-469f-a165-70867728950e");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.json()["detail"].get<std::string>().find("0f8fad5b"), std::string::npos);

  EXPECT_EQ(firstErrorLoc(s.get("/api/notebooks/bad.id")), Json::array({"path", "id"}));
  EXPECT_EQ(firstErrorLoc(s.get("/api/notebooks/" + std::string(65, 'a'))),
            Json::array({"path", "id"}));
  // Encoded traversal never reaches a file: it is not a valid id.
  HttpResult traversal = s.get("/api/notebooks/..%2F..%2Fetc%2Fpasswd");
  EXPECT_TRUE(traversal.status == 422 || traversal.status == 404) << traversal.status;
  EXPECT_EQ(traversal.body.find("root:"), std::string::npos);
}

TEST(Notebooks, UpdateChangesTitleAndOrCells) {
  ServerProcess s;
  const Json nb = create(s, "Before");
  const std::string path = "/api/notebooks/" + nb["id"].get<std::string>();

  HttpResult r = put(s, path, Json{{"title", "After"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["title"], "After");
  EXPECT_EQ(r.json()["cells"], nb["cells"]);
  EXPECT_EQ(r.json()["created_at"], nb["created_at"]);

  const Json newCells =
      Json::array({Json{{"id", "only"}, {"type", "sql"}, {"content", "SELECT 2"}}});
  r = put(s, path, Json{{"cells", newCells}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["title"], "After");
  EXPECT_EQ(r.json()["cells"], newCells);

  r = put(s, path, Json{{"title", "Both"}, {"cells", Json::array()}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(s.get(path).json()["title"], "Both");
  EXPECT_EQ(s.get(path).json()["cells"], Json::array());

  EXPECT_EQ(put(s, path, Json::object()).status, 422);
  EXPECT_EQ(firstErrorLoc(put(s, path, Json{{"title", ""}})), Json::array({"body", "title"}));
  EXPECT_EQ(put(s, path, Json{{"cells", Json::array({Json{{"type", "sql"}}})}}).status, 422);
  EXPECT_EQ(put(s, "/api/notebooks/no-such-notebook", Json{{"title", "x"}}).status, 404);
  EXPECT_EQ(firstErrorLoc(put(s, "/api/notebooks/bad.id", Json{{"title", "x"}})),
            Json::array({"path", "id"}));
  EXPECT_EQ(s.get(path).json()["title"], "Both");
}

TEST(Notebooks, DeleteRemovesOnceThen404) {
  ServerProcess s;
  const Json nb = create(s, "Doomed");
  const std::string id = nb["id"];
  HttpResult r = del(s, "/api/notebooks/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), (Json{{"status", "deleted"}, {"id", id}}));
  EXPECT_EQ(s.get("/api/notebooks/" + id).status, 404);
  EXPECT_EQ(del(s, "/api/notebooks/" + id).status, 404);
  EXPECT_EQ(firstErrorLoc(del(s, "/api/notebooks/bad.id")), Json::array({"path", "id"}));
  EXPECT_EQ(s.get("/api/notebooks").json(), Json::array());
}

TEST(Notebooks, ExportIsASqlDownload) {
  ServerProcess s;
  const Json nb = create(s, "Sales review: Q1/Q2");
  const std::string id = nb["id"];
  HttpResult r = s.post("/api/notebooks/" + id + "/export", Json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"].rfind("application/sql", 0), 0U) << r.headers["content-type"];
  EXPECT_EQ(r.headers["content-disposition"], "attachment; filename=\"Sales_review_Q1_Q2.sql\"");
  EXPECT_EQ(r.body.rfind("-- Notebook: Sales review: Q1/Q2\n-- Notebook id: " + id + "\n", 0), 0U)
      << r.body;
  EXPECT_NE(r.body.find("-- Exported: "), std::string::npos);
  EXPECT_NE(r.body.find("\n\n-- # Revenue\n-- By region\n\n"
                        "SELECT region, SUM(amount) FROM sales;\n\nSELECT 1;\n"),
            std::string::npos)
      << r.body;

  r = s.request("POST", "/api/notebooks/no-such-notebook/export");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(firstErrorLoc(s.request("POST", "/api/notebooks/bad.id/export")),
            Json::array({"path", "id"}));

  // A title with nothing safe in it falls back to the id.
  const std::string other = create(s, "???")["id"];
  r = s.request("POST", "/api/notebooks/" + other + "/export");
  EXPECT_EQ(r.headers["content-disposition"], "attachment; filename=\"" + other + ".sql\"");
}

TEST(Notebooks, SurviveARestart) {
  ServerProcess s;
  const Json nb = create(s, "Durable");
  s.restart();
  HttpResult r = s.get("/api/notebooks/" + nb["id"].get<std::string>());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), nb);
  EXPECT_EQ(s.get("/api/notebooks").json().size(), 1U);
}

TEST(Notebooks, AreDocumentedInOpenApiUnderTheirTag) {
  ServerProcess s;
  HttpResult r = s.get("/openapi.json");
  ASSERT_EQ(r.status, 200);
  const Json doc = r.json();
  ASSERT_TRUE(doc.contains("paths"));
  for (const char* p : {"/api/notebooks", "/api/notebooks/{id}", "/api/notebooks/{id}/export"}) {
    EXPECT_TRUE(doc["paths"].contains(p)) << p;
  }
  const Json post = doc["paths"]["/api/notebooks"]["post"];
  EXPECT_NE(post.dump().find("notebooks"), std::string::npos);
  EXPECT_NE(doc.dump().find("NotebookCreate"), std::string::npos);
}

TEST(Notebooks, ToggleTakesEffectAtOnceAndPersists) {
  ServerProcess s;
  const Json nb = create(s, "Kept while disabled");
  const std::string path = "/api/notebooks/" + nb["id"].get<std::string>();

  HttpResult r = togglePlugin(s, "notebooks", false);
  ASSERT_EQ(r.status, 200) << r.body;
  for (const auto& [method, p] :
       {std::pair{"GET", std::string("/api/notebooks")}, std::pair{"GET", path},
        std::pair{"DELETE", path}, std::pair{"POST", path + "/export"}}) {
    HttpResult off = s.request(method, p);
    EXPECT_EQ(off.status, 404) << method << " " << p;
    EXPECT_EQ(off.json()["detail"], "plugin 'notebooks' is disabled") << off.body;
  }
  bool listedDisabled = false;
  for (const Json& p : s.get("/api/plugins").json()) {
    if (p["name"] == "notebooks") listedDisabled = p["enabled"] == false;
  }
  EXPECT_TRUE(listedDisabled);

  s.restart();
  EXPECT_EQ(s.get("/api/notebooks").status, 404);
  EXPECT_EQ(s.get("/api/notebooks").json()["detail"], "plugin 'notebooks' is disabled");

  r = togglePlugin(s, "notebooks", true);
  ASSERT_EQ(r.status, 200) << r.body;
  r = s.get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), nb);

  s.restart();
  EXPECT_EQ(s.get(path).status, 200);
}

}  // namespace
}  // namespace clxs::testing
