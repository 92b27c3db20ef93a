#include "kernel/workspace/local/engine/duckdb_engine.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace clxs::kernel {
namespace {

TEST(DuckDbEngine, ReturnsTypedRowsWithDatabricksTypeNames) {
  DuckDbEngine engine;
  auto conn = engine.connect();
  auto rs = conn->query(
      "SELECT 1::INTEGER AS i, 9000000000::BIGINT AS b, 1.5::DOUBLE AS d, 'x' AS s, "
      "true AS t, NULL::VARCHAR AS n, DATE '2024-01-02' AS day, 12.34::DECIMAL(10,2) AS m");
  ASSERT_EQ(rs.rows.size(), 1u);
  std::vector<std::string> types;
  for (const auto& c : rs.columns) types.push_back(c.type);
  EXPECT_EQ(types, (std::vector<std::string>{"INT", "BIGINT", "DOUBLE", "STRING", "BOOLEAN",
                                             "STRING", "DATE", "DECIMAL(10,2)"}));
  const auto o = rs.objects()[0];
  EXPECT_EQ(o["i"], 1);
  EXPECT_EQ(o["b"], 9000000000LL);
  EXPECT_EQ(o["d"], 1.5);
  EXPECT_EQ(o["s"], "x");
  EXPECT_EQ(o["t"], true);
  EXPECT_TRUE(o["n"].is_null());
  EXPECT_EQ(o["day"], "2024-01-02");
  EXPECT_EQ(o["m"], "12.34");
}

TEST(DuckDbEngine, NestedValuesComeBackAsJsonWithElementTypesNamed) {
  DuckDbEngine engine;
  auto conn = engine.connect();
  // More rows than one chunk holds, so values are read across chunks.
  auto rs = conn->query(
      "SELECT range AS i, [range, NULL] AS a, {'k': range::VARCHAR, 'd': [DATE '2024-01-02']} AS "
      "s, MAP {range: 1.50::DECIMAL(4,2)} AS m, [TIMESTAMPTZ '2024-01-02 03:04:05.5+00', "
      "TIMESTAMP '2024-01-02 03:04:05'] AS t, [-9223372036854775807::HUGEINT] "
      "AS h, [INTERVAL 90 MINUTE] AS iv, ['6ba7b810-9dad-11d1-80b4-00c04fd430c8'::UUID] AS u "
      "FROM range(3000)");
  ASSERT_EQ(rs.rows.size(), 3000u);
  std::vector<std::string> types;
  for (const auto& c : rs.columns) types.push_back(c.type);
  EXPECT_EQ(types, (std::vector<std::string>{"BIGINT", "ARRAY<BIGINT>",
                                             "STRUCT<k: STRING, d: ARRAY<DATE>>",
                                             "MAP<BIGINT, DECIMAL(4,2)>", "ARRAY<TIMESTAMP>",
                                             "ARRAY<BIGINT>", "ARRAY<INTERVAL>", "ARRAY<STRING>"}));
  const auto last = rs.objects()[2999];
  EXPECT_EQ(last["i"], 2999);
  EXPECT_EQ(last["a"], Json::parse("[2999, null]"));
  EXPECT_EQ(last["s"], Json::parse(R"({"k": "2999", "d": ["2024-01-02"]})"));
  EXPECT_EQ(last["m"], Json::parse(R"({"2999": "1.50"})"));
  EXPECT_EQ(last["t"][0], "2024-01-02T03:04:05.500Z");
  EXPECT_EQ(last["h"][0], -9223372036854775807LL) << "a HUGEINT (a sum) is a BIGINT in Spark";
  EXPECT_EQ(last["iv"][0], "0 01:30:00.000000000") << "a day-time interval in Spark's text";
  EXPECT_EQ(last["u"][0], "6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  EXPECT_EQ(rs.objects()[0]["s"]["k"], "0");
}

TEST(DuckDbEngine, StatePersistsAcrossConnectionsOfOneDatabase) {
  DuckDbEngine engine;
  engine.connect()->query("CREATE TABLE t AS SELECT range AS id FROM range(100)");
  auto rs = engine.connect()->query("SELECT count(*) AS n, sum(id) AS s FROM t");
  EXPECT_EQ(rs.objects()[0]["n"], 100);
  EXPECT_EQ(rs.objects()[0]["s"], 4950) << "a sum of BIGINT is a BIGINT, as in Spark";
  EXPECT_EQ(rs.columns[1].type, "BIGINT");
  try {
    engine.connect()->query("SELECT sum(x) FROM (VALUES (9223372036854775807), (1)) AS v(x)");
    ADD_FAILURE() << "an overflowing sum succeeded";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("[ARITHMETIC_OVERFLOW] long overflow", 0), 0u)
        << e.what();
  }
}

TEST(DuckDbEngine, EngineErrorsAreInvalidSqlWithTheEngineMessage) {
  DuckDbEngine engine;
  auto conn = engine.connect();
  try {
    conn->query("SELEC 1");
    FAIL() << "expected an error";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::InvalidSql);
    EXPECT_EQ(e.status(), 400);
    EXPECT_NE(std::string(e.what()).find("syntax error"), std::string::npos) << e.what();
  }
  EXPECT_EQ(conn->query("SELECT 2 AS x").objects()[0]["x"], 2) << "usable after an error";
}

TEST(DuckDbEngine, InterruptCancelsARunningStatement) {
  DuckDbEngine engine;
  auto conn = engine.connect();
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    conn->interrupt();
  });
  try {
    conn->query("SELECT count(*) FROM range(10000000000) a");
    ADD_FAILURE() << "the statement should have been interrupted";
  } catch (const WorkspaceError& e) {
    EXPECT_EQ(e.errorClass(), WorkspaceErrorClass::Cancelled) << e.what();
  }
  canceller.join();
}

TEST(DuckDbEngine, NamesColumnTypesAsDatabricksDoesAtAnyDepth) {
  DuckDbEngine engine;
  const auto rs = engine.connect()->query(
      "SELECT 1::INTEGER AS i, 'a' AS s, TIMESTAMP '2024-01-02 03:04:05' AS ntz, "
      "1.5::DECIMAL(18,3) AS d, INTERVAL 1 DAY AS iv, [INTERVAL 1 DAY] AS ivs");
  std::vector<std::string> types;
  for (const auto& c : rs.columns) types.push_back(c.type);
  EXPECT_EQ(types, (std::vector<std::string>{"INT", "STRING", "TIMESTAMP_NTZ", "DECIMAL(18,3)",
                                             "INTERVAL", "ARRAY<INTERVAL>"}))
      << "a type is named the same at the top level and inside an array";
  EXPECT_FALSE(DuckDbEngine::version().empty());
}

}  // namespace
}  // namespace clxs::kernel
