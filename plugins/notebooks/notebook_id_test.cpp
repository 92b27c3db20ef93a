#include "plugins/notebooks/notebook_id.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/id.hpp"

namespace clxs::notebooks {
namespace {

TEST(NotebookId, AcceptsUuidsAndSimpleTokens) {
  EXPECT_TRUE(isValidNotebookId("0f8fad5b-d9cb-469f-a165-70867728950e"));
  EXPECT_TRUE(isValidNotebookId("nb_1"));
  EXPECT_TRUE(isValidNotebookId(std::string(64, 'a')));
}

TEST(NotebookId, RejectsPathLikeEmptyLongAndOddCharacters) {
  const std::vector<std::string> bad{"",
                                     "../etc/passwd",
                                     "a/b",
                                     "a b",
                                     "a.json",
                                     "a\\b",
                                     "%2e%2e",
                                     "caf\xc3\xa9",
                                     std::string(65, 'a'),
                                     std::string("a\0b", 3)};
  for (const std::string& id : bad) {
    EXPECT_FALSE(isValidNotebookId(id)) << id;
  }
}

TEST(NotebookId, RequireValidThrows422AtPathId) {
  EXPECT_NO_THROW(requireValidNotebookId("abc"));
  try {
    requireValidNotebookId("../x");
    FAIL() << "expected a 422";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422);
    ASSERT_TRUE(e.detail().is_array());
    EXPECT_EQ(e.detail()[0]["loc"], Json::array({"path", "id"}));
  }
}

TEST(NotebookId, NewIdsAreDistinctUuidV4) {
  const std::regex v4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = clxs::newUuid();
    ASSERT_TRUE(std::regex_match(id, v4)) << id;
    ASSERT_TRUE(isValidNotebookId(id));
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000U);
}

}  // namespace
}  // namespace clxs::notebooks
