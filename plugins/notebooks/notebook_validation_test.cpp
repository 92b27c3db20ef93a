#include "plugins/notebooks/notebook_validation.hpp"

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

TEST(ValidateTitle, AcceptsOrdinaryTitlesAsGiven) {
  EXPECT_EQ(validateTitle(" Weekly report "), " Weekly report ");
  EXPECT_EQ(validateTitle(std::string(500, 'x')), std::string(500, 'x'));
}

TEST(ValidateTitle, CountsCharactersNotBytes) {
  std::string accented;
  for (int i = 0; i < 500; ++i) accented += "\xc3\xa9";  // é, two bytes each
  EXPECT_EQ(validateTitle(accented), accented);
  EXPECT_EQ(locOf([&] { validateTitle(accented + "e"); }), Json::array({"body", "title"}));
}

TEST(ValidateTitle, RejectsBlankLongAndNonStrings) {
  const Json loc = Json::array({"body", "title"});
  EXPECT_EQ(locOf([] { validateTitle(""); }), loc);
  EXPECT_EQ(locOf([] { validateTitle(" \t\n"); }), loc);
  EXPECT_EQ(locOf([] { validateTitle(std::string(501, 'x')); }), loc);
  EXPECT_EQ(locOf([] { validateTitle(42); }), loc);
  EXPECT_EQ(locOf([] { validateTitle(nullptr); }), loc);
}

TEST(NormaliseCells, KeepsIdsLowercasesTypesAndDropsUnknownFields) {
  const Json in = Json::array({
      Json{{"id", "c1"}, {"type", "SQL"}, {"content", "SELECT 1"}, {"output", "x"}},
      Json{{"type", "markdown"}, {"content", "# Title"}},
      Json{{"id", ""}, {"type", "Markdown"}, {"content", ""}},
  });
  const Json out = normaliseCells(in, fixedId);
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(out[0], (Json{{"id", "c1"}, {"type", "sql"}, {"content", "SELECT 1"}}));
  EXPECT_EQ(out[1], (Json{{"id", "generated"}, {"type", "markdown"}, {"content", "# Title"}}));
  EXPECT_EQ(out[2]["id"], "generated");
  EXPECT_EQ(out[2]["type"], "markdown");
}

TEST(NormaliseCells, EmptyArrayIsFine) {
  EXPECT_EQ(normaliseCells(Json::array(), fixedId), Json::array());
}

TEST(NormaliseCells, ReportsTheFirstBadCellWithItsLocation) {
  const auto cells = [](Json cell) {
    return Json::array({Json{{"type", "sql"}, {"content", "x"}}, std::move(cell)});
  };
  EXPECT_EQ(locOf([&] {
              normaliseCells(cells(Json{{"type", "python"}, {"content", "x"}}), fixedId);
            }),
            Json::array({"body", "cells", 1, "type"}));
  EXPECT_EQ(locOf([&] {
              normaliseCells(cells(Json{{"content", "x"}}), fixedId);
            }),
            Json::array({"body", "cells", 1, "type"}));
  EXPECT_EQ(locOf([&] {
              normaliseCells(cells(Json{{"type", "sql"}}), fixedId);
            }),
            Json::array({"body", "cells", 1, "content"}));
  EXPECT_EQ(locOf([&] {
              normaliseCells(cells(Json{{"type", "sql"}, {"content", 3}}), fixedId);
            }),
            Json::array({"body", "cells", 1, "content"}));
  EXPECT_EQ(locOf([&] {
              normaliseCells(cells(Json{{"id", 7}, {"type", "sql"}, {"content", "x"}}), fixedId);
            }),
            Json::array({"body", "cells", 1, "id"}));
  EXPECT_EQ(locOf([&] { normaliseCells(cells("text"), fixedId); }),
            Json::array({"body", "cells", 1}));
  EXPECT_EQ(locOf([&] { normaliseCells(Json::object(), fixedId); }),
            Json::array({"body", "cells"}));
}

}  // namespace
}  // namespace clxs::notebooks
