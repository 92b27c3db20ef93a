#include "kernel/workspace/databricks/api_error.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel::databricks {
namespace {

HttpResponse answer(int status, std::string reason, std::string body,
                    std::map<std::string, std::string> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.reason = std::move(reason);
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

TEST(ApiError, ReadsTheStandardBody) {
  const ApiError e = parseApiError(
      answer(404, "Not Found",
             R"({"error_code":"TABLE_DOES_NOT_EXIST","message":"Table 'a.b.c' does not exist.",)"
             R"("details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"X"}]})"));
  EXPECT_EQ(e.status, 404);
  EXPECT_EQ(e.errorCode, "TABLE_DOES_NOT_EXIST");
  EXPECT_EQ(e.message, "Table 'a.b.c' does not exist.");
  EXPECT_FALSE(e.retryAfter);
  EXPECT_EQ(errorClassFor(e), WorkspaceErrorClass::NotFound);
}

TEST(ApiError, AcceptsANumericErrorCode) {
  const ApiError e =
      parseApiError(answer(400, "Bad Request", R"({"error_code":1234,"message":"m"})"));
  EXPECT_EQ(e.errorCode, "1234");
  EXPECT_EQ(e.message, "m");
  EXPECT_EQ(errorClassFor(e), WorkspaceErrorClass::InvalidSql);
}

TEST(ApiError, ReadsTheOldErrorShapeAndOAuthErrors) {
  const ApiError old = parseApiError(answer(500, "Internal", R"({"error":"something broke"})"));
  EXPECT_EQ(old.errorCode, "");
  EXPECT_EQ(old.message, "something broke");
  EXPECT_EQ(errorClassFor(old), WorkspaceErrorClass::Remote);

  const ApiError oauth = parseApiError(
      answer(401, "Unauthorized", R"({"error":"invalid_client","error_description":"bad id"})"));
  EXPECT_EQ(oauth.errorCode, "invalid_client");
  EXPECT_EQ(oauth.message, "bad id");
  EXPECT_EQ(errorClassFor(oauth), WorkspaceErrorClass::Unauthenticated);
}

TEST(ApiError, ReadsScimErrors) {
  const ApiError e = parseApiError(answer(
      404, "Not Found",
      R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"detail":"User not found",)"
      R"("status":"404","scimType":"invalidValue"})"));
  EXPECT_EQ(e.errorCode, "SCIM_404");
  EXPECT_EQ(e.message, "invalidValue User not found");
  EXPECT_EQ(errorClassFor(e), WorkspaceErrorClass::NotFound);

  const ApiError noType =
      parseApiError(answer(403, "Forbidden", R"({"detail":"no","status":403})"));
  EXPECT_EQ(noType.errorCode, "SCIM_403");
  EXPECT_EQ(noType.message, "no");
}

TEST(ApiError, ReadsPlainTextCodeAndMessage) {
  const ApiError e =
      parseApiError(answer(400, "Bad Request", "INVALID_PARAMETER_VALUE: bad page size\n"));
  EXPECT_EQ(e.errorCode, "INVALID_PARAMETER_VALUE");
  EXPECT_EQ(e.message, "bad page size");

  const ApiError text = parseApiError(answer(502, "Bad Gateway", "upstream went away"));
  EXPECT_EQ(text.errorCode, "");
  EXPECT_EQ(text.message, "upstream went away");
}

TEST(ApiError, ReadsHtmlPages) {
  const ApiError pre = parseApiError(
      answer(500, "Server Error",
             "<html><head><title>Error 500</title></head><body><h2>HTTP ERROR 500</h2>"
             "<pre>java.lang.NullPointerException &amp; more</pre></body></html>",
             {{"content-type", "text/html; charset=utf-8"}}));
  EXPECT_EQ(pre.errorCode, "Server Error");
  EXPECT_EQ(pre.message, "java.lang.NullPointerException & more");

  const ApiError title = parseApiError(
      answer(502, "Bad Gateway",
             "<!DOCTYPE html>\n<html><head><title>502 Bad\n Gateway</title></head></html>"));
  EXPECT_EQ(title.errorCode, "Bad Gateway");
  EXPECT_EQ(title.message, "502 Bad Gateway");
}

TEST(ApiError, UsesTheReasonForAnEmptyBody) {
  const ApiError e = parseApiError(answer(503, "Service Unavailable", ""));
  EXPECT_EQ(e.message, "Service Unavailable");
  ASSERT_TRUE(e.retryAfter);
  EXPECT_EQ(e.retryAfter->count(), 1);
  EXPECT_FALSE(e.retryAfterGiven);

  const ApiError bare = parseApiError(answer(418, "", "  "));
  EXPECT_EQ(bare.message, "HTTP 418");
}

TEST(ApiError, ReadsRetryAfter) {
  const ApiError e = parseApiError(answer(
      429, "Too Many Requests", R"({"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow"})",
      {{"retry-after", "7"}}));
  ASSERT_TRUE(e.retryAfter);
  EXPECT_EQ(e.retryAfter->count(), 7);
  EXPECT_TRUE(e.retryAfterGiven);
  EXPECT_EQ(errorClassFor(e), WorkspaceErrorClass::Remote);

  const ApiError date = parseApiError(
      answer(503, "Unavailable", "", {{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}}));
  EXPECT_EQ(date.retryAfter->count(), 1);
  EXPECT_FALSE(date.retryAfterGiven);
}

TEST(ApiError, MapsStatusesToClasses) {
  const auto cls = [](int status) { return errorClassFor(ApiError{status, "", "m", {}, false}); };
  EXPECT_EQ(cls(400), WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(cls(401), WorkspaceErrorClass::Unauthenticated);
  EXPECT_EQ(cls(403), WorkspaceErrorClass::PermissionDenied);
  EXPECT_EQ(cls(404), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(cls(409), WorkspaceErrorClass::Conflict);
  EXPECT_EQ(cls(429), WorkspaceErrorClass::Remote);
  EXPECT_EQ(cls(499), WorkspaceErrorClass::Cancelled);
  EXPECT_EQ(cls(500), WorkspaceErrorClass::Remote);
  EXPECT_EQ(cls(501), WorkspaceErrorClass::Unavailable);
  EXPECT_EQ(cls(502), WorkspaceErrorClass::Remote);
  EXPECT_EQ(cls(503), WorkspaceErrorClass::Remote);
  EXPECT_EQ(cls(504), WorkspaceErrorClass::Timeout);
  EXPECT_EQ(cls(302), WorkspaceErrorClass::Remote);
}

TEST(ApiError, ErrorCodesOverrideTheStatus) {
  const auto cls = [](int status, const char* code) {
    return errorClassFor(ApiError{status, code, "m", {}, false});
  };
  EXPECT_EQ(cls(400, "RESOURCE_DOES_NOT_EXIST"), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(cls(400, "SCHEMA_DOES_NOT_EXIST"), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(cls(400, "NOT_FOUND"), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(cls(400, "CATALOG_ALREADY_EXISTS"), WorkspaceErrorClass::Conflict);
  EXPECT_EQ(cls(400, "RESOURCE_ALREADY_EXISTS"), WorkspaceErrorClass::Conflict);
  EXPECT_EQ(cls(500, "ABORTED"), WorkspaceErrorClass::Conflict);
  EXPECT_EQ(cls(400, "PERMISSION_DENIED"), WorkspaceErrorClass::PermissionDenied);
  EXPECT_EQ(cls(403, "UNAUTHENTICATED"), WorkspaceErrorClass::Unauthenticated);
  EXPECT_EQ(cls(400, "INVALID_PARAMETER_VALUE"), WorkspaceErrorClass::InvalidSql);
}

TEST(StatementErrorClass, UsesTheSparkErrorClass) {
  const auto cls = [](const char* message) { return statementErrorClass("BAD_REQUEST", message); };
  EXPECT_EQ(cls("[TABLE_OR_VIEW_NOT_FOUND] The table or view `a`.`b` cannot be found."),
            WorkspaceErrorClass::NotFound);
  EXPECT_EQ(cls("[SCHEMA_NOT_FOUND] x"), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(cls("[CATALOG_NOT_FOUND] x"), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(cls("[ROUTINE_NOT_FOUND] x"), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(cls("[VOLUME_NOT_FOUND] x"), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(cls("[TABLE_OR_VIEW_ALREADY_EXISTS] x"), WorkspaceErrorClass::Conflict);
  EXPECT_EQ(cls("[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'."),
            WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(cls("[UNRESOLVED_COLUMN.WITH_SUGGESTION] x"), WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(cls("[INSUFFICIENT_PERMISSIONS] User does not have USE CATALOG"),
            WorkspaceErrorClass::PermissionDenied);
  EXPECT_EQ(cls("[UNSUPPORTED_FEATURE.TABLE_OPERATION] x"), WorkspaceErrorClass::Unavailable);
  EXPECT_EQ(cls("org.apache.spark.sql.AnalysisException: [SCHEMA_NOT_FOUND] x"),
            WorkspaceErrorClass::NotFound);
  EXPECT_EQ(cls("[SOMETHING_ELSE] x"), WorkspaceErrorClass::InvalidSql);
}

TEST(StatementErrorClass, ConcurrentWritesAreConflicts) {
  EXPECT_EQ(statementErrorClass("",
                                "[DELTA_CONCURRENT_APPEND] ConcurrentAppendException: Files "
                                "were added by a concurrent update"),
            WorkspaceErrorClass::Conflict);
  EXPECT_EQ(statementErrorClass("INTERNAL_ERROR",
                                "io.delta.exceptions.ConcurrentModificationException: x"),
            WorkspaceErrorClass::Conflict);
}

TEST(StatementErrorClass, FallsBackToTheErrorCode) {
  EXPECT_EQ(statementErrorClass("NOT_FOUND", "gone"), WorkspaceErrorClass::NotFound);
  EXPECT_EQ(statementErrorClass("ALREADY_EXISTS", "x"), WorkspaceErrorClass::Conflict);
  EXPECT_EQ(statementErrorClass("ABORTED", "x"), WorkspaceErrorClass::Conflict);
  EXPECT_EQ(statementErrorClass("PERMISSION_DENIED", "x"), WorkspaceErrorClass::PermissionDenied);
  EXPECT_EQ(statementErrorClass("UNAUTHENTICATED", "x"), WorkspaceErrorClass::Unauthenticated);
  EXPECT_EQ(statementErrorClass("BAD_REQUEST", "x"), WorkspaceErrorClass::InvalidSql);
  EXPECT_EQ(statementErrorClass("DEADLINE_EXCEEDED", "x"), WorkspaceErrorClass::Timeout);
  EXPECT_EQ(statementErrorClass("CANCELLED", "x"), WorkspaceErrorClass::Cancelled);
  for (const char* code :
       {"INTERNAL_ERROR", "IO_ERROR", "UNKNOWN", "RESOURCE_EXHAUSTED", "SERVICE_UNDER_MAINTENANCE",
        "TEMPORARILY_UNAVAILABLE", "WORKSPACE_TEMPORARILY_UNAVAILABLE"}) {
    EXPECT_EQ(statementErrorClass(code, "x"), WorkspaceErrorClass::Remote) << code;
  }
  // Brackets later in a message are text, not an error class.
  EXPECT_EQ(statementErrorClass("INTERNAL_ERROR", "failed reading [PARSE_SYNTAX_ERROR]"),
            WorkspaceErrorClass::Remote);
}

}  // namespace
}  // namespace clxs::kernel::databricks
