#include "kernel/emulator/emulator_http.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel::emulator {
namespace {

TEST(EmulatorHttp, DecodesPathsAndQueries) {
  EXPECT_EQ(percentDecode("a%20b%2Fc"), "a b/c");
  EXPECT_EQ(percentDecode("a+b", true), "a b");
  EXPECT_EQ(percentDecode("a+b"), "a+b");
  EXPECT_THROW(percentDecode("%zz"), ApiError);
  EXPECT_THROW(percentDecode("%4"), ApiError);
  const auto q = parseQuery("catalog_name=c%20d&max_results=2&flag&x=a+b");
  EXPECT_EQ(q.at("catalog_name"), "c d");
  EXPECT_EQ(q.at("max_results"), "2");
  EXPECT_EQ(q.at("flag"), "");
  EXPECT_EQ(q.at("x"), "a b");
  EXPECT_EQ(pathSegments("/api/2.1//unity-catalog/tables/c.s.t%2Fx"),
            (std::vector<std::string>{"api", "2.1", "unity-catalog", "tables", "c.s.t/x"}));
}

TEST(EmulatorHttp, BodiesAndErrors) {
  EmulatorRequest r;
  EXPECT_EQ(r.jsonBody(), Json::object());
  r.body = R"({"a":1})";
  EXPECT_EQ(r.jsonBody()["a"], 1);
  r.body = "[1]";
  EXPECT_THROW(r.jsonBody(), ApiError);
  r.body = "{";
  EXPECT_THROW(r.jsonBody(), ApiError);
  const auto e = errorResponse(404, "NOT_FOUND", "gone");
  EXPECT_EQ(e.status, 404);
  EXPECT_EQ(Json::parse(e.body), Json::parse(R"({"error_code":"NOT_FOUND","message":"gone"})"));
}

}  // namespace
}  // namespace clxs::kernel::emulator
