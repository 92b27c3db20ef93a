#include "kernel/emulator/statement_request.hpp"

#include <gtest/gtest.h>

#include "kernel/emulator/emulator_http.hpp"

namespace clxs::kernel::emulator {
namespace {

int statusOf(const Json& body) {
  try {
    parseStatementRequest(body);
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "INVALID_PARAMETER_VALUE");
    return e.status();
  }
  return 200;
}

TEST(StatementRequest, DefaultsAndFields) {
  const auto r = parseStatementRequest(Json::parse(R"({
    "statement": "SELECT :n", "warehouse_id": "local", "catalog": "c", "schema": "s",
    "wait_timeout": "0s", "on_wait_timeout": "CANCEL", "disposition": "EXTERNAL_LINKS",
    "format": "JSON_ARRAY", "row_limit": 10,
    "parameters": [{"name": "n", "value": "5", "type": "INT"}]})"));
  EXPECT_EQ(r.statement, "SELECT :n");
  EXPECT_EQ(r.catalog.value_or(""), "c");
  EXPECT_EQ(r.schema.value_or(""), "s");
  EXPECT_EQ(r.waitTimeout.count(), 0);
  EXPECT_TRUE(r.cancelOnTimeout);
  EXPECT_EQ(r.disposition, Disposition::ExternalLinks);
  EXPECT_EQ(r.rowLimit.value_or(0), 10u);
  ASSERT_EQ(r.parameters.size(), 1u);
  EXPECT_EQ(r.parameters[0].value, 5);
  const auto d = parseStatementRequest(Json{{"statement", "SELECT 1"}, {"warehouse_id", "w"}});
  EXPECT_EQ(d.waitTimeout.count(), 10);
  EXPECT_FALSE(d.cancelOnTimeout);
  EXPECT_EQ(d.disposition, Disposition::Inline);
  EXPECT_FALSE(d.catalog);
}

TEST(StatementRequest, WaitTimeoutIsZeroOrFiveToFifty) {
  EXPECT_EQ(parseWaitTimeout("0s").count(), 0);
  EXPECT_EQ(parseWaitTimeout("5s").count(), 5);
  EXPECT_EQ(parseWaitTimeout("50s").count(), 50);
  for (const auto* bad : {"4s", "51s", "10", "s", "-1s", "1m", ""}) {
    EXPECT_THROW(parseWaitTimeout(bad), ApiError) << bad;
  }
}

TEST(StatementRequest, ParametersBecomeTypedValues) {
  EXPECT_TRUE(convertParameter(Json{{"name", "a"}}).value.is_null());
  EXPECT_TRUE(convertParameter(Json{{"name", "a"}, {"value", nullptr}}).value.is_null());
  EXPECT_EQ(convertParameter(Json{{"name", "a"}, {"value", "x"}}).value, "x");
  EXPECT_EQ(convertParameter(Json{{"name", "a"}, {"value", "12"}, {"type", "BIGINT"}}).value, 12);
  EXPECT_EQ(convertParameter(Json{{"name", "a"}, {"value", "-3"}, {"type", "tinyint"}}).value, -3);
  EXPECT_EQ(convertParameter(Json{{"name", "a"}, {"value", "1.25"}, {"type", "DOUBLE"}}).value,
            1.25);
  EXPECT_EQ(
      convertParameter(Json{{"name", "a"}, {"value", "2.5"}, {"type", "DECIMAL(10,2)"}}).value,
      2.5);
  EXPECT_EQ(convertParameter(Json{{"name", "a"}, {"value", "TRUE"}, {"type", "BOOLEAN"}}).value,
            true);
  EXPECT_EQ(convertParameter(Json{{"name", "a"}, {"value", "2024-01-01"}, {"type", "DATE"}}).value,
            "2024-01-01");
  EXPECT_THROW(convertParameter(Json{{"name", "a"}, {"value", "x"}, {"type", "INT"}}), ApiError);
  EXPECT_THROW(convertParameter(Json{{"value", "x"}}), ApiError);
}

TEST(StatementRequest, BadBodiesAre400) {
  EXPECT_EQ(statusOf(Json{{"warehouse_id", "w"}}), 400);
  EXPECT_EQ(statusOf(Json{{"statement", "SELECT 1"}}), 400);
  const Json ok{{"statement", "SELECT 1"}, {"warehouse_id", "w"}};
  auto with = [&](const char* k, Json v) {
    auto b = ok;
    b[k] = std::move(v);
    return b;
  };
  EXPECT_EQ(statusOf(with("wait_timeout", "3s")), 400);
  EXPECT_EQ(statusOf(with("on_wait_timeout", "WAIT")), 400);
  EXPECT_EQ(statusOf(with("disposition", "FILE")), 400);
  EXPECT_EQ(statusOf(with("format", "CSV")), 400);
  EXPECT_EQ(statusOf(with("format", "ARROW_STREAM")), 400);
  EXPECT_EQ(statusOf(with("parameters", "x")), 400);
  EXPECT_EQ(statusOf(with("row_limit", -1)), 400);
  EXPECT_EQ(statusOf(ok), 200);
}

TEST(StatementRequest, FormatsAndByteLimit) {
  const Json links{
      {"statement", "SELECT 1"}, {"warehouse_id", "w"}, {"disposition", "EXTERNAL_LINKS"}};
  auto with = [&](Json base, const char* k, Json v) {
    base[k] = std::move(v);
    return base;
  };
  EXPECT_EQ(parseStatementRequest(with(links, "format", "CSV")).format, ResultFormat::Csv);
  EXPECT_EQ(parseStatementRequest(links).format, ResultFormat::JsonArray);
  EXPECT_EQ(parseStatementRequest(with(links, "format", "ARROW_STREAM")).format,
            ResultFormat::ArrowStream);
  EXPECT_EQ(statusOf(with(links, "format", "PARQUET")), 400);
  try {
    parseStatementRequest(with(with(links, "disposition", "INLINE"), "format", "CSV"));
    ADD_FAILURE() << "CSV with INLINE was accepted";
  } catch (const ApiError& e) {
    EXPECT_NE(std::string(e.what()).find("EXTERNAL_LINKS"), std::string::npos) << e.what();
  }
  EXPECT_EQ(parseStatementRequest(with(links, "byte_limit", 100)).byteLimit.value_or(0), 100u);
  EXPECT_FALSE(parseStatementRequest(links).byteLimit);
  EXPECT_EQ(statusOf(with(links, "byte_limit", 0)), 400);
  EXPECT_EQ(statusOf(with(links, "byte_limit", -5)), 400);
  EXPECT_EQ(statusOf(with(links, "byte_limit", "10")), 400);
}

}  // namespace
}  // namespace clxs::kernel::emulator
