#include "kernel/emulator/list_pager.hpp"

#include <gtest/gtest.h>

#include "kernel/emulator/emulator_http.hpp"

namespace clxs::kernel::emulator {
namespace {

Json items(int n) {
  Json out = Json::array();
  for (int i = 0; i < n; ++i) out.push_back(Json{{"name", "t" + std::to_string(i)}});
  return out;
}

// Follows next_page_token like a client must: until it is absent, empty pages included.
Json readAll(ListPager& pager, const Json& all, const std::optional<std::string>& maxResults,
             int& calls, int& emptyPages) {
  Json out = Json::array();
  std::optional<std::string> token;
  for (calls = 0, emptyPages = 0; calls < 1000; ++calls) {
    const auto page = pager.page(all, "tables", maxResults, token);
    if (page["tables"].empty() && page.contains("next_page_token")) ++emptyPages;
    for (const auto& t : page["tables"]) out.push_back(t);
    if (!page.contains("next_page_token")) break;
    token = page["next_page_token"].get<std::string>();
  }
  return out;
}

TEST(ListPager, PagesOfMaxResultsAndTheServerPageSize) {
  ListPager pager(3, false, 1);
  auto page = pager.page(items(5), "tables", std::string("2"), std::nullopt);
  ASSERT_EQ(page["tables"].size(), 2u);
  EXPECT_EQ(page["tables"][0]["name"], "t0");
  ASSERT_TRUE(page.contains("next_page_token"));
  page =
      pager.page(items(5), "tables", std::string("2"), page["next_page_token"].get<std::string>());
  EXPECT_EQ(page["tables"][0]["name"], "t2");
  page = pager.page(items(5), "tables", std::string("0"), std::nullopt);
  EXPECT_EQ(page["tables"].size(), 3u);
  page = pager.page(items(5), "tables", std::nullopt, ListPager::tokenFor(3));
  EXPECT_EQ(page["tables"].size(), 2u);
  EXPECT_FALSE(page.contains("next_page_token"));
  page = pager.page(items(0), "tables", std::nullopt, std::nullopt);
  EXPECT_TRUE(page["tables"].empty());
  EXPECT_FALSE(page.contains("next_page_token"));
}

TEST(ListPager, WithoutMaxResultsTheWholeListAndNoTokenEvenWithEmptyPagesOn) {
  ListPager pager(3, true, 9);
  for (int i = 0; i < 20; ++i) {
    const auto page = pager.page(items(7), "tables", std::nullopt, std::nullopt);
    EXPECT_EQ(page["tables"].size(), 7u);
    EXPECT_FALSE(page.contains("next_page_token"));
  }
}

TEST(ListPager, EmptyPagesCarryATokenAndLoseNothing) {
  ListPager pager(50, true, 9);
  int calls = 0;
  int empty = 0;
  const auto all = items(40);
  const auto read = readAll(pager, all, std::string("3"), calls, empty);
  EXPECT_EQ(read, all);
  EXPECT_GT(empty, 0) << "about one call in five answers an empty page";
  EXPECT_LT(empty, calls);
  ListPager off(50, false, 9);
  EXPECT_EQ(readAll(off, all, std::string("3"), calls, empty), all);
  EXPECT_EQ(empty, 0);
  EXPECT_EQ(calls, 13);
}

TEST(ListPager, RefusesNegativeSizesAndForeignTokens) {
  ListPager pager(5, false, 1);
  for (const auto& bad : {"-1", "x", "2x"}) {
    try {
      pager.page(items(3), "tables", std::string(bad), std::nullopt);
      ADD_FAILURE() << bad;
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status(), 400);
      EXPECT_EQ(e.code(), "INVALID_PARAMETER_VALUE");
    }
  }
  EXPECT_THROW(pager.page(items(3), "tables", std::nullopt, std::string("abc")), ApiError);
  EXPECT_EQ(ListPager::offsetOf(ListPager::tokenFor(17)), 17u);
}

}  // namespace
}  // namespace clxs::kernel::emulator
