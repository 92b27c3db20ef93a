#include "plugins/notebooks/notebook_models.hpp"

#include <gtest/gtest.h>

#include <string>

#include "clxs/error.hpp"

namespace clxs::notebooks {
namespace {

Json locOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    return e.detail().at(0).at("loc");
  }
  ADD_FAILURE() << "expected a 422";
  return nullptr;
}

std::string fixedId() {
  return "generated";
}

const Field& field(const Model& m, const std::string& name) {
  for (const auto& [n, f] : m.fields()) {
    if (n == name) return f;
  }
  throw std::out_of_range(name);
}

NotebookCreate create(const std::string& title) {
  return NotebookCreate::schema().parse(Json{{"title", title}, {"cells", Json::array()}});
}

TEST(NotebookCreate, KeepsOrdinaryTitlesAsGiven) {
  EXPECT_EQ(create(" Weekly report ").title, " Weekly report ");
  EXPECT_EQ(create(std::string(500, 'x')).title, std::string(500, 'x'));
}

TEST(NotebookCreate, RejectsBlankTitles) {
  const Json loc = Json::array({"body", "title"});
  EXPECT_EQ(locOf([] { create(""); }), loc);
  EXPECT_EQ(locOf([] { create(" \t\n"); }), loc);
}

// Length, type and presence are the model's: the kernel rejects them before the handler.
TEST(NotebookCreate, ModelDeclaresTitleAndCells) {
  const Model& m = NotebookCreate::schema().model();
  EXPECT_EQ(m.name(), "NotebookCreate");
  EXPECT_TRUE(field(m, "title").isRequired());
  EXPECT_EQ(field(m, "title").minimumLength(), 1U);
  EXPECT_EQ(field(m, "title").maximumLength(), kMaxTitleLength);
  const Field& cells = field(m, "cells");
  EXPECT_TRUE(cells.isRequired());
  ASSERT_EQ(cells.items().size(), 1U);
  const auto& cell = cells.items()[0].properties();
  ASSERT_EQ(cell.size(), 3U);
  EXPECT_EQ(cell[0].first, "id");
  EXPECT_EQ(cell[0].second.maximumLength(), 200U);
  EXPECT_EQ(cell[1].first, "type");
  EXPECT_TRUE(cell[1].second.isRequired());
  EXPECT_EQ(cell[1].second.enumValues(), (std::vector<Json>{"sql", "markdown"}));
  EXPECT_TRUE(cell[1].second.isCaseInsensitive());
  EXPECT_EQ(cell[2].first, "content");
  EXPECT_TRUE(cell[2].second.isRequired());
}

TEST(NotebookUpdate, NeedsTitleOrCellsAndAVisibleTitle) {
  for (const Json& body : {Json::object(), Json{{"title", nullptr}}, Json{{"other", 1}}}) {
    EXPECT_EQ(locOf([&] { (void)NotebookUpdate::schema().parse(body); }), Json::array({"body"}))
        << body.dump();
  }
  EXPECT_EQ(locOf([] {
              (void)NotebookUpdate::schema().parse(Json{{"title", "  "}});
            }),
            Json::array({"body", "title"}));
  const NotebookUpdate cellsOnly = NotebookUpdate::schema().parse(Json{{"cells", Json::array()}});
  EXPECT_FALSE(cellsOnly.title);
  ASSERT_TRUE(cellsOnly.cells);
  EXPECT_TRUE(cellsOnly.cells->empty());
}

TEST(Cells, KeepIdsFillMissingOnesAndDropUnknownFields) {
  const NotebookCreate n = NotebookCreate::schema().parse(Json{
      {"title", "t"},
      {"cells", Json::array({
                    Json{{"id", "c1"}, {"type", "sql"}, {"content", "SELECT 1"}, {"output", "x"}},
                    Json{{"type", "markdown"}, {"content", "# Title"}},
                    Json{{"id", ""}, {"type", "markdown"}, {"content", ""}},
                })}});
  const Json out = cellsJson(withCellIds(n.cells, fixedId));
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(out[0], (Json{{"id", "c1"}, {"type", "sql"}, {"content", "SELECT 1"}}));
  EXPECT_EQ(out[1], (Json{{"id", "generated"}, {"type", "markdown"}, {"content", "# Title"}}));
  EXPECT_EQ(out[2]["id"], "generated");
  EXPECT_EQ(cellsJson({}), Json::array());
}

}  // namespace
}  // namespace clxs::notebooks
