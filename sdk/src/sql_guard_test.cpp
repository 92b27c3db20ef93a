#include "clxs/sql_guard.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "clxs/error.hpp"

namespace clxs {
namespace {

// The message of the 400 that `check` throws for `sql`, or a test failure when it accepts it.
template <typename Check>
std::string refusal(Check check, std::string_view sql) {
  try {
    const auto accepted = check(sql);
    ADD_FAILURE() << "accepted '" << sql << "' as '" << accepted << "'";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 400) << sql;
    return e.what();
  }
  return {};
}

std::string queryRefusal(std::string_view sql) {
  return refusal(requireSingleQuery, sql);
}
std::string expressionRefusal(std::string_view sql) {
  return refusal(requireSingleExpression, sql);
}

TEST(SqlGuardQuery, AcceptsQueriesAndTrimsWhatWouldBreakWrapping) {
  EXPECT_EQ(requireSingleQuery("SELECT a FROM t;"), "SELECT a FROM t");
  EXPECT_EQ(requireSingleQuery("  SELECT a FROM t ;  -- done\n /* bye */ "), "SELECT a FROM t");
  EXPECT_EQ(requireSingleQuery("SELECT * FROM t /* ; */"), "SELECT * FROM t");
  EXPECT_EQ(requireSingleQuery("/* header */ -- why\nSELECT 1"), "SELECT 1");
  EXPECT_EQ(requireSingleQuery("SELECT a -- first\nFROM t -- trailing"),
            "SELECT a -- first\nFROM t")
      << "a comment inside the query keeps its newline; the trailing one goes";
  EXPECT_EQ(requireSingleQuery("sElEcT 1"), "sElEcT 1");
}

TEST(SqlGuardQuery, AcceptsEveryQueryShape) {
  for (const char* sql : {
           "WITH a AS (SELECT 1 AS x), b (y) AS (SELECT 2) SELECT * FROM a, b",
           "WITH a (SELECT 1) SELECT * FROM a",
           "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) "
           "SELECT * FROM r",
           "WITH `my cte` AS (WITH inner AS (SELECT 1) SELECT * FROM inner) SELECT * FROM `my cte`",
           "VALUES (1), (2)",
           "VALUES (1)",
           "FROM t SELECT a WHERE b > 0",
           "TABLE main.sales.orders",
           "(SELECT 1) UNION (SELECT 2)",
           "((SELECT 1)) UNION ALL BY NAME SELECT 2",
           "SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id)",
           "SELECT * FROM t WHERE id IN (SELECT id FROM u) ORDER BY a DESC LIMIT 10",
           "SELECT * EXCEPT (comment, set) FROM t",
           "SELECT /*+ BROADCAST(u) */ * FROM t JOIN u USING (id)",
           "SELECT * FROM t, LATERAL (SELECT max(x) FROM u WHERE u.k = t.k)",
           "SELECT count() FROM t",
       }) {
    EXPECT_NO_THROW((void)requireSingleQuery(sql)) << sql;
  }
}

TEST(SqlGuardQuery, StatementWordsAsNamesAreNotStatements) {
  for (const char* sql : {
           "SELECT comment, set, delete, `update`, desc FROM t",
           "SELECT replace(a, 'x', 'y'), (delete), CAST(comment AS STRING) FROM t",
           "SELECT t.insert, t.drop, s.merge FROM t",
           "SELECT * FROM t WHERE (comment IS NOT NULL) AND (set = 1) AND (delete)",
           "SELECT `DROP TABLE t`, `select` FROM `delete`",
           "SELECT get(arr, 0), list FROM t",
           "SELECT substring(comment FROM 2 FOR 3), trim(set FROM x), position(desc IN s) FROM t",
       }) {
    EXPECT_NO_THROW((void)requireSingleQuery(sql)) << sql;
  }
}

TEST(SqlGuardQuery, LiteralsAndCommentsHideNothingAndCountNothing) {
  for (const char* sql : {
           "SELECT 'DROP TABLE x; --' AS s",
           "SELECT 'it\\'s; DROP TABLE t' AS s",
           "SELECT \"a;b\", \"q\\\"; DELETE FROM t\" AS s",
           "SELECT r'C:\\dir\\' AS p",
           "SELECT 'it''s' AS s",
           "SELECT `a``b;` FROM t",
           "SELECT 1 /* outer /* inner ; DROP TABLE t */ still ; comment */ FROM t",
           "SELECT 1e5, 10L, 1.5BD, 2.5e-3D, X'FF', DATE'2024-01-01', .5 FROM t",
           "SELECT * FROM t WHERE a = :a AND b = ? AND raw:b.c = 'x' AND x::int > 0",
           "SELECT transform(arr, x -> x + 1), filter(arr, set -> set > 0) FROM t",
           "SELECT * FROM t WHERE name = 'é' -- commentaire\n",
       }) {
    EXPECT_NO_THROW((void)requireSingleQuery(sql)) << sql;
  }
}

TEST(SqlGuardQuery, RefusesASecondStatement) {
  EXPECT_EQ(queryRefusal("SELECT 1; DROP TABLE t"),
            "The query must be one SELECT statement; found a second statement after ';' at "
            "position 9.");
  for (const char* sql : {
           "SELECT 1;;",
           "SELECT 1; -- fine\n SELECT 2",
           "SELECT 'x'; DELETE FROM t; --",
           "SELECT (1; DROP TABLE t)",
       }) {
    EXPECT_NE(queryRefusal(sql).find("second statement"), std::string::npos) << sql;
  }
}

TEST(SqlGuardQuery, RefusesTricksThatLexDifferentlyThanTheyLook) {
  // A raw string ends at its next quote: the backslash does not escape it.
  EXPECT_NE(queryRefusal("SELECT r'\\' ; DROP TABLE t --'").find("second statement"),
            std::string::npos);
  // Inside a comment `/*+` does not nest, so the comment ends at the first `*/`.
  EXPECT_NE(queryRefusal("SELECT 1 /* x /*+ */ ; DROP TABLE t --*/").find("second statement"),
            std::string::npos);
  // `*/` outside a comment is one token, so the `/*` after it opens nothing.
  EXPECT_NE(queryRefusal("SELECT 2 */* ; DROP TABLE t; */").find("second statement"),
            std::string::npos);
  // Spark reads `scheme://…` as one identifier, so `--` in it is no comment.
  EXPECT_NE(
      queryRefusal("SELECT * FROM delta.abc://bucket/x--y ; DROP TABLE t").find("second statement"),
      std::string::npos);
  // Spark continues a `--` comment past backslash-newline; other lexers do not.
  EXPECT_NE(queryRefusal("SELECT 1 -- note \\\n; DROP TABLE t").find("backslash"),
            std::string::npos);
  // Unicode spaces separate words, and dotless ı upper-cases to I.
  EXPECT_EQ(queryRefusal("FROM t INSERT\u00A0INTO u SELECT a"),
            "The query must be a SELECT; INSERT statements are not allowed here.");
  EXPECT_EQ(queryRefusal("FROM t \u0131nsert \u0131nto u SELECT a"),
            "The query must be a SELECT; INSERT statements are not allowed here.");
}

TEST(SqlGuardQuery, RefusesStatementsAtTheStart) {
  EXPECT_EQ(queryRefusal("INSERT INTO t VALUES (1)"),
            "The query must be a SELECT; INSERT statements are not allowed here.");
  EXPECT_EQ(queryRefusal("  dRoP TABLE t"),
            "The query must be a SELECT; DROP statements are not allowed here.");
  for (const char* sql : {
           "UPDATE t SET a = 1",
           "DELETE FROM t",
           "MERGE INTO t USING u ON t.id = u.id",
           "CREATE TABLE x AS SELECT 1",
           "ALTER TABLE t ADD COLUMN c INT",
           "TRUNCATE TABLE t",
           "GRANT SELECT ON t TO `x`",
           "SET spark.sql.ansi.enabled = false",
           "USE main",
           "COPY INTO t FROM 's3://b'",
           "OPTIMIZE t",
           "VACUUM t",
           "REFRESH TABLE t",
           "CALL p()",
           "EXECUTE IMMEDIATE 'DROP TABLE t'",
           "ANALYZE TABLE t COMPUTE STATISTICS",
           "CACHE TABLE t",
           "COMMENT ON TABLE t IS 'x'",
           "DESCRIBE TABLE t",
           "DESC t",
           "SHOW TABLES",
           "EXPLAIN SELECT 1",
           "/* hi */ SHOW GRANTS",
       }) {
    EXPECT_NE(queryRefusal(sql).find("statements are not allowed here"), std::string::npos) << sql;
  }
  EXPECT_EQ(queryRefusal("foo bar"),
            "The query must start with SELECT, WITH, VALUES, FROM, TABLE or '('; found 'foo' at "
            "position 1.");
  EXPECT_NE(queryRefusal("(1) UNION (2)").find("must start with"), std::string::npos);
}

TEST(SqlGuardQuery, RefusesStatementsWhereASubqueryStarts) {
  EXPECT_EQ(queryRefusal("SELECT * FROM (DROP TABLE t)"),
            "The query must be a SELECT; DROP statements are not allowed here.");
  EXPECT_EQ(queryRefusal("WITH a AS (DELETE FROM t) SELECT * FROM a"),
            "The query must be a SELECT; DELETE statements are not allowed here.");
  EXPECT_EQ(queryRefusal("WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a"),
            "The query must be a SELECT; INSERT statements are not allowed here.");
  for (const char* sql : {
           "WITH a AS (SELECT 1) FROM a INSERT OVERWRITE TABLE t SELECT *",
           "FROM t INSERT INTO u SELECT a",
           "SELECT 1 UNION (DELETE FROM t)",
           "SELECT 1 UNION ALL DROP TABLE t",
           "SELECT * FROM t WHERE id IN (UPDATE t SET a = 1)",
           "SELECT * FROM ((SELECT 1) UNION (TRUNCATE TABLE t))",
           "WITH a AS ((SELECT 1) UNION (MERGE INTO t USING u ON 1 = 1)) SELECT 1",
           "SELECT (EXECUTE IMMEDIATE 'x')",
       }) {
    EXPECT_NE(queryRefusal(sql).find("statements are not allowed here"), std::string::npos) << sql;
  }
}

TEST(SqlGuardQuery, RefusesMalformedWithClauses) {
  EXPECT_EQ(queryRefusal("WITH a AS (SELECT 1)"),
            "The query must end with a SELECT after its WITH clause.");
  EXPECT_EQ(queryRefusal("WITH 1 AS (SELECT 1) SELECT 1"),
            "The WITH clause must name each query as name AS (SELECT …); found '1' at position "
            "6.");
  EXPECT_NE(queryRefusal("WITH a AS SELECT 1").find("WITH clause"), std::string::npos);
  EXPECT_NE(queryRefusal("WITH a AS () SELECT 1").find("empty parentheses"), std::string::npos);
}

TEST(SqlGuardQuery, RefusesScriptTransforms) {
  EXPECT_EQ(queryRefusal("SELECT TRANSFORM(a) USING 'cat' AS (b) FROM t"),
            "Script transforms are not allowed here; found USING 'cat' at position 27.");
  EXPECT_NE(queryRefusal("FROM t MAP a USING r\"/bin/sh -c x\"").find("Script"), std::string::npos);
}

TEST(SqlGuardQuery, RefusesUnterminatedAndUnbalancedText) {
  EXPECT_EQ(queryRefusal("SELECT 'abc"), "Unterminated string literal starting at position 8.");
  EXPECT_EQ(queryRefusal("SELECT 'é', 'abc"),
            "Unterminated string literal starting at position 13.")
      << "positions count characters";
  EXPECT_EQ(queryRefusal("SELECT 'a\\'"), "Unterminated string literal starting at position 8.");
  EXPECT_EQ(queryRefusal("SELECT `a``"), "Unterminated quoted identifier starting at position 8.");
  EXPECT_EQ(queryRefusal("SELECT 1 /* /* */ ; DROP TABLE t"),
            "Unterminated comment starting at position 10.")
      << "block comments nest";
  EXPECT_EQ(queryRefusal("SELECT (1"),
            "Unbalanced parentheses: '(' at position 8 is never closed.");
  EXPECT_EQ(queryRefusal("SELECT 1)"),
            "Unbalanced parentheses: ')' at position 9 has no matching '('.");
  EXPECT_NE(queryRefusal(std::string(300, '(') + "SELECT 1" + std::string(300, ')'))
                .find("nest more than 256"),
            std::string::npos)
      << "deep nesting is refused, not recursed into";
  EXPECT_NE(queryRefusal(std::string("SELECT '\0'", 10)).find("NUL"), std::string::npos);
}

TEST(SqlGuardQuery, RefusesEmptyText) {
  for (const char* sql : {"", "   ", "-- just a comment\n", "/* nothing */", ";", " ; -- x"}) {
    EXPECT_EQ(queryRefusal(sql), "The query is empty; send one SELECT statement.") << sql;
  }
}

TEST(SqlGuardExpression, AcceptsRowExpressionsAndTrimsThem) {
  EXPECT_EQ(requireSingleExpression("  price > 0 AND qty IS NOT NULL -- positive\n"),
            "price > 0 AND qty IS NOT NULL");
  for (const char* sql : {
           "CASE WHEN a > 0 THEN 'pos' ELSE limit END = 'pos'",
           "a IN (SELECT id FROM t)",
           "EXISTS (SELECT 1 FROM t WHERE t.id = id)",
           "(SELECT max(x) FROM t) > 0",
           "a IN (1, 2, 3) AND concat(a, b) = 'x,y'",
           "exists(arr, x -> x > 1) AND transform(arr, x -> x + 1)[0] > 0",
           "raw:b.c = 'x' AND raw:select IS NOT NULL AND raw:['k'] IS NULL",
           "a = :param OR b = ?",
           "a IS NOT DISTINCT FROM b",
           "limit > 5 AND group = 'x' AND t.from = 1 AND values IS NULL",
           "comment IS NOT NULL",
           "set = 1",
           "delete",
           "(a, b) = (1, 2)",
           "window(ts, '1 hour').start IS NOT NULL",
           "EXTRACT(YEAR FROM ts) = 2024 AND trim(BOTH 'x' FROM name) <> ''",
           "count(*) OVER (PARTITION BY a ORDER BY b) > 1",
       }) {
    EXPECT_NO_THROW((void)requireSingleExpression(sql)) << sql;
  }
}

TEST(SqlGuardExpression, RefusesAnythingButOneExpression) {
  EXPECT_EQ(expressionRefusal(""),
            "The expression is empty; send one SQL expression such as price > 0.");
  EXPECT_EQ(expressionRefusal("a > 0; DROP TABLE t"),
            "The expression must be one SQL expression; found ';' at position 6.");
  EXPECT_EQ(expressionRefusal("a, b"),
            "The expression must be one SQL expression; found ',' at position 2 (combine "
            "conditions with AND).");
  EXPECT_EQ(expressionRefusal("SELECT 1"),
            "The expression must be one SQL expression; a subquery must be in parentheses, "
            "found 'SELECT' at position 1.");
  EXPECT_EQ(expressionRefusal("a > 0 WHERE b"),
            "The expression must be one SQL expression; found the clause keyword 'WHERE' at "
            "position 7.");
  EXPECT_EQ(expressionRefusal("DROP TABLE t"),
            "The expression must be one SQL expression; DROP statements are not allowed here.");
  for (const char* sql : {
           "a > 0;",
           "1 FROM t",
           "a > 0 GROUP BY a",
           "a > 0 ORDER BY a",
           "a > 0 LIMIT 1",
           "a > 0 UNION SELECT 1",
           "a IN (DELETE FROM t)",
           "EXISTS (SELECT 1; DROP TABLE t)",
           "(a > 0",
           "a > 0 /* unterminated",
           "x = 'unterminated",
       }) {
    (void)expressionRefusal(sql);
  }
}

}  // namespace
}  // namespace clxs
