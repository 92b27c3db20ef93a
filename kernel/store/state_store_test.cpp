#include "kernel/store/state_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

namespace clxs::kernel {
namespace {

using ::testing::HasSubstr;

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("clxs-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string storeErrorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const StoreError& e) {
    return e.what();
  }
  return "<no StoreError>";
}

TEST(StateStore, OpensTheDatabaseInWalModeWithForeignKeys) {
  TempDir dir;
  StateStore store(dir.path() / "nested");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "nested" / "clxs.db"));
  EXPECT_EQ(store.query("PRAGMA journal_mode").at(0)["journal_mode"], "wal");
  EXPECT_EQ(store.query("PRAGMA foreign_keys").at(0)["foreign_keys"], 1);
}

TEST(StateStore, AppliesEachMigrationOnceAcrossRestarts) {
  TempDir dir;
  {
    StateStore store(dir.path());
    auto s = store.forPlugin("notebooks");
    // Without IF NOT EXISTS a second run of version 1 would fail.
    s->migrate({{1, "CREATE TABLE notebooks_items(id TEXT PRIMARY KEY, body TEXT)"},
                {2, "ALTER TABLE notebooks_items ADD COLUMN title TEXT"}});
    s->migrate({{1, "CREATE TABLE notebooks_items(id TEXT PRIMARY KEY, body TEXT)"},
                {2, "ALTER TABLE notebooks_items ADD COLUMN title TEXT"}});
  }
  StateStore store(dir.path());
  auto s = store.forPlugin("notebooks");
  s->migrate({{2, "ALTER TABLE notebooks_items ADD COLUMN title TEXT"},
              {1, "CREATE TABLE notebooks_items(id TEXT PRIMARY KEY, body TEXT)"},
              {3, "CREATE INDEX notebooks_items_title ON notebooks_items(title)"}});
  const auto rows = store.query(
      "SELECT version FROM kernel_migrations WHERE owner = 'notebooks' ORDER BY version");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[2]["version"], 3);
  EXPECT_EQ(
      s->execute("INSERT INTO notebooks_items(id, body, title) VALUES (?, ?, ?)", {"a", "b", "c"}),
      1);
}

TEST(StateStore, MigrationsAreRecordedPerOwner) {
  TempDir dir;
  StateStore store(dir.path());
  store.forPlugin("alpha")->migrate({{1, "CREATE TABLE alpha_t(x)"}});
  store.forPlugin("beta")->migrate({{1, "CREATE TABLE beta_t(x)"}});
  EXPECT_EQ(store.query("SELECT COUNT(*) AS n FROM kernel_migrations").at(0)["n"], 2);
}

TEST(StateStore, FailedMigrationLeavesNoTrace) {
  TempDir dir;
  StateStore store(dir.path());
  auto s = store.forPlugin("notebooks");
  const auto msg = storeErrorOf([&] {
    s->migrate({{1, "CREATE TABLE notebooks_a(x); INSERT INTO notebooks_missing VALUES (1);"}});
  });
  EXPECT_THAT(msg, HasSubstr("migration 1 of 'notebooks' failed"));
  EXPECT_THAT(msg, HasSubstr("no such table"));
  EXPECT_TRUE(store.query("SELECT name FROM sqlite_master WHERE name = 'notebooks_a'").empty());
  EXPECT_TRUE(store.query("SELECT * FROM kernel_migrations").empty());
  // A corrected migration 1 then applies.
  s->migrate({{1, "CREATE TABLE notebooks_a(x)"}});
  EXPECT_EQ(store.query("SELECT COUNT(*) AS n FROM kernel_migrations").at(0)["n"], 1);
}

TEST(StateStore, RejectsBadMigrationVersions) {
  TempDir dir;
  StateStore store(dir.path());
  auto s = store.forPlugin("p");
  EXPECT_THAT(storeErrorOf([&] {
                s->migrate({{0, "CREATE TABLE p_a(x)"}});
              }),
              HasSubstr("must start at 1"));
  EXPECT_THAT(storeErrorOf([&] {
                s->migrate({{1, "CREATE TABLE p_a(x)"}, {1, "CREATE TABLE p_b(x)"}});
              }),
              HasSubstr("declared twice"));
}

TEST(StateStore, MigrationsMustUseThePluginPrefix) {
  TempDir dir;
  StateStore store(dir.path());
  auto s = store.forPlugin("my-plugin");
  EXPECT_THAT(storeErrorOf([&] {
                s->migrate({{1, "CREATE TABLE items(x)"}});
              }),
              HasSubstr("tables named 'my_plugin_...', not 'items'"));
  EXPECT_THAT(storeErrorOf([&] {
                s->migrate({{1,
                             "CREATE TABLE my_plugin_items(x); CREATE INDEX idx ON "
                             "my_plugin_items(x)"}});
              }),
              HasSubstr("not 'idx'"));
  // Nothing of the rejected migrations stuck.
  EXPECT_TRUE(store.query("SELECT name FROM sqlite_master WHERE name LIKE 'my_plugin%'").empty());
  s->migrate({{1,
               "CREATE TABLE IF NOT EXISTS my_plugin_items(x);"
               "CREATE UNIQUE INDEX \"My_Plugin_items_x\" ON my_plugin_items(x)"}});
  EXPECT_EQ(s->execute("INSERT INTO my_plugin_items VALUES (1)"), 1);
}

TEST(StateStore, PluginStatementsCannotTouchOtherTables) {
  TempDir dir;
  StateStore store(dir.path());
  store.forPlugin("other")->migrate({{1, "CREATE TABLE other_t(x)"}});
  auto s = store.forPlugin("mine");
  s->migrate({{1, "CREATE TABLE mine_t(x)"}});
  EXPECT_THAT(storeErrorOf([&] { s->query("SELECT * FROM kernel_plugins"); }),
              HasSubstr("'kernel_plugins' is not one of them"));
  EXPECT_THAT(storeErrorOf([&] { s->execute("DELETE FROM other_t"); }),
              HasSubstr("'other_t' is not one of them"));
  EXPECT_THAT(storeErrorOf([&] {
                s->migrate({{2, "CREATE INDEX mine_i ON other_t(x)"}});
              }),
              HasSubstr("'other_t' is not one of them"));
  EXPECT_THAT(storeErrorOf([&] { s->execute("BEGIN"); }), HasSubstr("cannot control transactions"));
  EXPECT_THAT(storeErrorOf([&] { s->execute("PRAGMA foreign_keys = OFF"); }),
              HasSubstr("cannot change database settings"));
  EXPECT_THAT(storeErrorOf([&] { s->execute("ATTACH DATABASE ':memory:' AS x"); }),
              HasSubstr("cannot attach"));
  // Its own tables work, including through common table expressions and schema pragmas.
  s->execute("INSERT INTO mine_t VALUES (?)", {5});
  EXPECT_EQ(s->query("WITH v AS (SELECT x FROM mine_t) SELECT x FROM v").at(0)["x"], 5);
  EXPECT_EQ(s->query("PRAGMA table_info(mine_t)").at(0)["name"], "x");
  // The kernel itself is not restricted, and a denial leaves no scope behind.
  EXPECT_NO_THROW(store.query("SELECT * FROM other_t"));
}

TEST(StateStore, ReservedAndInvalidPluginNamesAreRefused) {
  TempDir dir;
  StateStore store(dir.path());
  EXPECT_THAT(storeErrorOf([&] { store.forPlugin("kernel"); }), HasSubstr("reserved"));
  EXPECT_THAT(storeErrorOf([&] { store.forPlugin("kernel-jobs"); }), HasSubstr("reserved"));
  EXPECT_THAT(storeErrorOf([&] { store.forPlugin("a b"); }), HasSubstr("letters, digits"));
  EXPECT_THAT(storeErrorOf([&] { store.forPlugin(""); }), HasSubstr("letters, digits"));
}

TEST(StateStore, BindsAndReturnsEachJsonType) {
  TempDir dir;
  StateStore store(dir.path());
  auto s = store.forPlugin("t");
  s->migrate({{1, "CREATE TABLE t_v(k TEXT, v)"}});
  const std::vector<std::pair<std::string, Json>> values = {{"null", nullptr},
                                                            {"true", true},
                                                            {"false", false},
                                                            {"int", -42},
                                                            {"big", 9007199254740993},
                                                            {"float", 2.5},
                                                            {"string", "héllo"},
                                                            {"object", Json{{"a", 1}}},
                                                            {"array", Json::array({1, "x"})}};
  for (const auto& [k, v] : values) s->execute("INSERT INTO t_v VALUES (?, ?)", {k, v});

  const auto rows = s->query("SELECT k, v, typeof(v) AS t FROM t_v ORDER BY rowid");
  ASSERT_EQ(rows.size(), values.size());
  EXPECT_TRUE(rows[0]["v"].is_null());
  EXPECT_EQ(rows[0]["t"], "null");
  EXPECT_EQ(rows[1]["v"], 1);
  EXPECT_EQ(rows[2]["v"], 0);
  EXPECT_EQ(rows[3]["v"], -42);
  EXPECT_TRUE(rows[3]["v"].is_number_integer());
  EXPECT_EQ(rows[4]["v"].get<std::int64_t>(), 9007199254740993);
  EXPECT_TRUE(rows[5]["v"].is_number_float());
  EXPECT_DOUBLE_EQ(rows[5]["v"].get<double>(), 2.5);
  EXPECT_EQ(rows[6]["v"], "héllo");
  EXPECT_EQ(rows[7]["t"], "text");
  EXPECT_EQ(Json::parse(rows[7]["v"].get<std::string>()), (Json{{"a", 1}}));
  EXPECT_EQ(Json::parse(rows[8]["v"].get<std::string>()), Json::array({1, "x"}));
  // Column order of the row object follows the SELECT.
  EXPECT_EQ(rows[0].begin().key(), "k");
}

TEST(StateStore, ReportsSqliteErrorsAndMisuse) {
  TempDir dir;
  StateStore store(dir.path());
  auto s = store.forPlugin("t");
  EXPECT_THAT(storeErrorOf([&] { s->query("SELECT * FROM t_nothing"); }),
              HasSubstr("no such table: t_nothing"));
  s->migrate({{1, "CREATE TABLE t_a(x)"}});
  EXPECT_THAT(storeErrorOf([&] { s->execute("INSERT INTO t_a VALUES (?)", {}); }),
              HasSubstr("1 parameter(s) but 0 value(s)"));
  EXPECT_THAT(storeErrorOf([&] { s->execute("INSERT INTO t_a VALUES (1); DELETE FROM t_a"); }),
              HasSubstr("only one SQL statement"));
  EXPECT_TRUE(s->query("SELECT * FROM t_a").empty());
  EXPECT_NO_THROW(s->execute("INSERT INTO t_a VALUES (1);  \n"));
}

TEST(StateStore, PluginEnablementPersists) {
  TempDir dir;
  {
    StateStore store(dir.path());
    EXPECT_EQ(store.pluginEnabled("notebooks"), std::nullopt);
    store.setPluginEnabled("notebooks", false);
    EXPECT_EQ(store.pluginEnabled("notebooks"), false);
    store.setPluginEnabled("notebooks", true);
    store.setPluginEnabled("other", false);
  }
  StateStore store(dir.path());
  EXPECT_EQ(store.pluginEnabled("notebooks"), true);
  EXPECT_EQ(store.pluginEnabled("other"), false);
}

TEST(StateStore, TransactionRollsBackWhenTheBodyThrows) {
  TempDir dir;
  StateStore store(dir.path());
  store.migrate("kernel.test", {{1, "CREATE TABLE kt(x)"}});
  EXPECT_THROW(store.transaction([&] {
    store.execute("INSERT INTO kt VALUES (1)");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  store.transaction([&] {
    store.execute("INSERT INTO kt VALUES (2)");
    EXPECT_THROW(store.transaction([&] {
      store.execute("INSERT INTO kt VALUES (3)");
      throw std::runtime_error("inner");
    }),
                 std::runtime_error);
  });
  const auto rows = store.query("SELECT x FROM kt");
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0]["x"], 2);
}

}  // namespace
}  // namespace clxs::kernel
