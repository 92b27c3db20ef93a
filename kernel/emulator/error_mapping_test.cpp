#include "kernel/emulator/error_mapping.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel::emulator {
namespace {

TEST(ErrorMapping, StatementErrorsCarryCodesAndSparkClasses) {
  auto e = statementError(WorkspaceErrorClass::NotFound, "table `c`.`s`.`t` cannot be found");
  EXPECT_EQ(e.errorCode, "NOT_FOUND");
  EXPECT_EQ(e.message, "[TABLE_OR_VIEW_NOT_FOUND] table `c`.`s`.`t` cannot be found");
  e = statementError(WorkspaceErrorClass::NotFound, "[SCHEMA_NOT_FOUND] no schema");
  EXPECT_EQ(e.message, "[SCHEMA_NOT_FOUND] no schema") << "a class already there is kept";
  e = statementError(WorkspaceErrorClass::NotFound, "catalog x is missing");
  EXPECT_EQ(e.message, "[NOT_FOUND] catalog x is missing");
  e = statementError(WorkspaceErrorClass::Conflict, "[TABLE_OR_VIEW_ALREADY_EXISTS] t");
  EXPECT_EQ(e.errorCode, "ALREADY_EXISTS");
  e = statementError(WorkspaceErrorClass::Conflict, "[DELTA_CONCURRENT_APPEND] concurrent write");
  EXPECT_EQ(e.errorCode, "ABORTED");
  e = statementError(WorkspaceErrorClass::PermissionDenied, "no SELECT on t");
  EXPECT_EQ(e.errorCode, "PERMISSION_DENIED");
  EXPECT_EQ(e.message, "[INSUFFICIENT_PERMISSIONS] no SELECT on t");
  e = statementError(WorkspaceErrorClass::InvalidSql, "[PARSE_SYNTAX_ERROR] near x");
  EXPECT_EQ(e.errorCode, "BAD_REQUEST");
  EXPECT_EQ(e.message, "[PARSE_SYNTAX_ERROR] near x");
  e = statementError(WorkspaceErrorClass::Unavailable, "OPTIMIZE ZORDER is not supported");
  EXPECT_EQ(e.errorCode, "BAD_REQUEST");
  EXPECT_EQ(e.message, "[UNSUPPORTED_FEATURE] OPTIMIZE ZORDER is not supported");
  EXPECT_EQ(statementError(WorkspaceErrorClass::Timeout, "late").errorCode, "DEADLINE_EXCEEDED");
  EXPECT_EQ(statementError(WorkspaceErrorClass::Remote, "boom").errorCode, "INTERNAL_ERROR");
}

TEST(ErrorMapping, RestErrorsHaveTheStatusOfTheirClass) {
  EXPECT_EQ(restError(WorkspaceErrorClass::NotFound, "x").status(), 404);
  EXPECT_EQ(restError(WorkspaceErrorClass::NotFound, "x").code(), "RESOURCE_DOES_NOT_EXIST");
  EXPECT_EQ(restError(WorkspaceErrorClass::PermissionDenied, "x").status(), 403);
  EXPECT_EQ(restError(WorkspaceErrorClass::InvalidSql, "x").status(), 400);
  EXPECT_EQ(restError(WorkspaceErrorClass::Conflict, "x").code(), "ALREADY_EXISTS");
  EXPECT_EQ(restError(WorkspaceErrorClass::Unavailable, "x").status(), 501);
  EXPECT_EQ(restError(WorkspaceErrorClass::Remote, "x").status(), 500);
  EXPECT_STREQ(restError(WorkspaceErrorClass::Timeout, "late").what(), "late");
}

}  // namespace
}  // namespace clxs::kernel::emulator
