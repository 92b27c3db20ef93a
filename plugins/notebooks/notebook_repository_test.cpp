#include "plugins/notebooks/notebook_repository.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/support/sqlite_test_store.hpp"

namespace clxs::notebooks {
namespace {

using testing::SqliteTestStore;

Json make(const std::string& id, const std::string& title, const std::string& at, Json cells) {
  return Json{{"id", id},
              {"title", title},
              {"cells", std::move(cells)},
              {"created_at", at},
              {"updated_at", at}};
}

Json sqlAndMarkdownCells() {
  return Json::array({Json{{"id", "a"}, {"type", "sql"}, {"content", "SELECT 1"}},
                      Json{{"id", "b"}, {"type", "markdown"}, {"content", "note"}}});
}

class NotebookRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override { store.migrate(NotebookRepository::migrations()); }
  SqliteTestStore store;
  NotebookRepository repo{store};
};

TEST_F(NotebookRepositoryTest, MigrationsApplyOnceAndAreRepeatable) {
  EXPECT_NO_THROW(store.migrate(NotebookRepository::migrations()));
  EXPECT_EQ(store.query("SELECT COUNT(*) AS n FROM migrations")[0]["n"], 1);
}

TEST_F(NotebookRepositoryTest, InsertThenFindRoundTripsCells) {
  const Json nb = make("n1", "First", "2024-01-01T00:00:00.000Z", sqlAndMarkdownCells());
  repo.insert(nb);
  auto found = repo.find("n1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, nb);
  EXPECT_FALSE(repo.find("missing").has_value());
}

TEST_F(NotebookRepositoryTest, ListShowsCountsNewestUpdatedFirst) {
  repo.insert(make("old", "Old", "2024-01-01T00:00:00.000Z", sqlAndMarkdownCells()));
  repo.insert(make("new", "New", "2024-03-01T00:00:00.000Z", Json::array()));
  repo.insert(make("mid", "Mid", "2024-02-01T00:00:00.000Z", sqlAndMarkdownCells()));
  auto list = repo.list();
  ASSERT_EQ(list.size(), 3U);
  EXPECT_EQ(list[0]["id"], "new");
  EXPECT_EQ(list[1]["id"], "mid");
  EXPECT_EQ(list[2]["id"], "old");
  EXPECT_EQ(list[0]["cell_count"], 0);
  EXPECT_EQ(list[2]["cell_count"], 2);
  EXPECT_FALSE(list[0].contains("cells"));
  EXPECT_EQ(list[2]["created_at"], "2024-01-01T00:00:00.000Z");

  ASSERT_TRUE(repo.update("old", "Old again", std::nullopt, "2024-04-01T00:00:00.000Z"));
  EXPECT_EQ(repo.list()[0]["id"], "old");
}

TEST_F(NotebookRepositoryTest, UpdateChangesOnlyWhatIsGiven) {
  repo.insert(make("n1", "First", "2024-01-01T00:00:00.000Z", sqlAndMarkdownCells()));
  ASSERT_TRUE(repo.update("n1", "Renamed", std::nullopt, "2024-01-02T00:00:00.000Z"));
  auto nb = repo.find("n1");
  EXPECT_EQ((*nb)["title"], "Renamed");
  EXPECT_EQ((*nb)["cells"], sqlAndMarkdownCells());
  EXPECT_EQ((*nb)["created_at"], "2024-01-01T00:00:00.000Z");
  EXPECT_EQ((*nb)["updated_at"], "2024-01-02T00:00:00.000Z");

  ASSERT_TRUE(repo.update("n1", std::nullopt, Json::array(), "2024-01-03T00:00:00.000Z"));
  nb = repo.find("n1");
  EXPECT_EQ((*nb)["title"], "Renamed");
  EXPECT_EQ((*nb)["cells"], Json::array());

  EXPECT_FALSE(repo.update("nope", "x", std::nullopt, "2024-01-03T00:00:00.000Z"));
}

TEST_F(NotebookRepositoryTest, RemoveDeletesOnce) {
  repo.insert(make("n1", "First", "2024-01-01T00:00:00.000Z", sqlAndMarkdownCells()));
  EXPECT_TRUE(repo.remove("n1"));
  EXPECT_FALSE(repo.remove("n1"));
  EXPECT_FALSE(repo.find("n1").has_value());
}

TEST_F(NotebookRepositoryTest, TextThatLooksLikeSqlIsStoredVerbatim) {
  const std::string title = "x'); DROP TABLE notebooks_items; --";
  repo.insert(make("n1", title, "2024-01-01T00:00:00.000Z", Json::array()));
  EXPECT_EQ((*repo.find("n1"))["title"], title);
  EXPECT_EQ(repo.list().size(), 1U);
}

TEST_F(NotebookRepositoryTest, CorruptCellsReadAsEmpty) {
  store.execute(
      "INSERT INTO notebooks_items (id, title, cells, created_at, updated_at)"
      " VALUES ('bad', 't', 'not json', 'a', 'a')");
  EXPECT_EQ((*repo.find("bad"))["cells"], Json::array());
  EXPECT_EQ(repo.list()[0]["cell_count"], 0);
}

TEST(NotebookRepositoryFile, SurvivesReopeningTheDatabase) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("notebooks_repo_test_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  {
    SqliteTestStore store(path.string());
    store.migrate(NotebookRepository::migrations());
    NotebookRepository(store).insert(
        make("n1", "Kept", "2024-01-01T00:00:00.000Z", sqlAndMarkdownCells()));
  }
  {
    SqliteTestStore store(path.string());
    store.migrate(NotebookRepository::migrations());
    auto nb = NotebookRepository(store).find("n1");
    ASSERT_TRUE(nb.has_value());
    EXPECT_EQ((*nb)["cells"], sqlAndMarkdownCells());
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace clxs::notebooks
