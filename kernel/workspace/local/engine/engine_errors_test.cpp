#include "kernel/workspace/local/engine/engine_errors.hpp"

#include <gtest/gtest.h>

#include "kernel/workspace/local/local_workspace.hpp"

namespace clxs::kernel {
namespace {

// Words of the embedded engine's that must never reach a user.
void expectNoEngineText(const std::string& message) {
  for (const char* word :
       {"Catalog Error", "Binder Error", "Parser Error", "Conversion Error", "Did you mean",
        "Candidate functions", "LINE 1", "^", "DuckDB", "STRING_LITERAL", "INTEGER_LITERAL",
        "Out of Range Error", "Invalid Input Error", "INT32", "INT64", "clxs_", "VARCHAR", "BLOB",
        "[]"}) {
    EXPECT_EQ(message.find(word), std::string::npos) << word << " in: " << message;
  }
}

TEST(EngineErrors, EngineMessagesBecomeDatabricksErrors) {
  struct Case {
    const char* engine;
    const char* starts;
  };
  const Case cases[] = {
      {"Catalog Error: Scalar Function with name btrimx does not exist!\nDid you mean \"trim\"?"
       "\n\nLINE 1: SELECT btrimx('a')\n               ^",
       "[UNRESOLVED_ROUTINE] Cannot resolve routine `btrimx` on search path"},
      {"Binder Error: No function matches the given name and argument types 'len(BLOB)'. You "
       "might need to add explicit type casts.\n\tCandidate functions:\n\tlen(VARCHAR) -> BIGINT",
       "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"len\""},
      // An engine function of the library's is named by its Databricks name, and DuckDB's type
      // names become Databricks'.
      {"Binder Error: No function matches the given name and argument types "
       "'clxs_spark_lpad(INTEGER[], INTEGER_LITERAL, TIMESTAMP WITH TIME ZONE)'. You might "
       "need to add explicit type casts.",
       "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"lpad\" due to data type "
       "mismatch: no form of `lpad` takes arguments of the types (ARRAY<INT>, INT, "
       "TIMESTAMP)."},
      {"Binder Error: Referenced column \"nope\" not found in FROM clause!\nCandidate bindings: "
       "\"id\"",
       "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name "
       "`nope` cannot be resolved."},
      {"Invalid Input Error: Division by zero", "[DIVIDE_BY_ZERO] Division by zero."},
      {"Binder Error: column \"x\" must appear in the GROUP BY clause or must be part of an "
       "aggregate function.\nEither add it to the GROUP BY list, or use \"ANY_VALUE(x)\" if the "
       "exact value of \"x\" is not important.\n\nLINE 1: SELECT x, count(*) FROM t\n ^",
       "[MISSING_AGGREGATION] The non-aggregating expression \"x\" is based on columns"},
      {"Conversion Error: Could not convert string 'abc' to INT32\n\nLINE 1: ...",
       "[CAST_INVALID_INPUT] The value 'abc' of the type \"STRING\" cannot be cast to \"INT\""},
      {"Parser Error: syntax error at or near \"FORM\"\n\nLINE 1: SELECT 1 FORM t\n ^",
       "[PARSE_SYNTAX_ERROR] Syntax error at or near 'FORM'."},
      {"Out of Range Error: Overflow in addition of INT32 (2147483647 + 1)!",
       "[ARITHMETIC_OVERFLOW] integer overflow. Use 'try_add' to tolerate overflow"},
      {"Out of Range Error: Overflow in multiplication of INT64 (9223372036854775807 * 2)!",
       "[ARITHMETIC_OVERFLOW] long overflow. Use 'try_multiply'"},
      {"Invalid Input Error: [INVALID_INDEX_OF_ZERO] The index 0 is invalid. SQLSTATE: 22003",
       "[INVALID_INDEX_OF_ZERO] The index 0 is invalid. SQLSTATE: 22003"},
      {"Something Else entirely", "[INTERNAL_ERROR] Something Else entirely."},
  };
  for (const auto& c : cases) {
    const std::string got = databricksEngineError(c.engine);
    EXPECT_EQ(got.rfind(c.starts, 0), 0u) << got;
    EXPECT_NE(got.find(" SQLSTATE: "), std::string::npos) << got;
    expectNoEngineText(got);
  }
  EXPECT_EQ(databricksEngineError("INTERRUPT", true).rfind("[OPERATION_CANCELED]", 0), 0u);
}

TEST(EngineErrors, AStatementThatFailsInTheEngineShowsNoEngineText) {
  LocalWorkspaceOptions o;
  const auto dir =
      std::filesystem::temp_directory_path() / ("clxs-engine-errors-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  o.root = dir;
  o.currentUser = "tester";
  {
    LocalWorkspace ws(o);
    LocalSession session;
    for (const char* sql :
         {"SELECT btrimx('a')", "SELECT nope FROM range(1)", "SELECT CAST('abc' AS INT)",
          "SELECT 1 FORM x", "SELECT CAST(2147483647 AS INT) * 2",
          "SELECT sum(x) FROM VALUES (9223372036854775807L), (1L) AS t(x)"}) {
      try {
        ws.execute(sql, session);
        ADD_FAILURE() << sql << " succeeded";
      } catch (const WorkspaceError& e) {
        const std::string msg = e.what();
        EXPECT_EQ(msg.rfind('[', 0), 0u) << msg;
        expectNoEngineText(msg);
      }
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(EngineErrors, WhatTheLocalWorkspaceDoesNotTakeIsDatabricksUnsupportedFeature) {
  try {
    throwUnsupportedFeature("The local workspace takes a datetime pattern as a literal only.");
    ADD_FAILURE() << "nothing thrown";
  } catch (const WorkspaceError& e) {
    EXPECT_STREQ(e.what(),
                 "[UNSUPPORTED_FEATURE] The local workspace takes a datetime pattern as a literal "
                 "only. SQLSTATE: 0A000");
  }
}

}  // namespace
}  // namespace clxs::kernel
