#include "kernel/log/json_text.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "clxs/json.hpp"

namespace clxs::kernel {
namespace {

std::string written(std::string_view text) {
  std::string out;
  appendJsonString(out, text);
  return out;
}

// What the JSON library writes for the same text: the access log used to go through it.
std::string library(std::string_view text) {
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

TEST(JsonText, WritesWhatTheJsonLibraryWrites) {
  const std::string cases[] = {
      "",
      "/api/health",
      "quote \" backslash \\ slash /",
      "tab\tnewline\nreturn\rbell\afeed\fbackspace\b",
      std::string("nul\0byte", 8),
      "\x1f\x7f",
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",  // é € 😀
      "lone \xff byte",
      "cut \xe2\x82",                 // a sequence cut short at the end
      "cut \xe2\x82 then text",       // and in the middle
      "overlong \xc0\xaf slash",      // overlong '/'
      "surrogate \xed\xa0\x80 half",  // UTF-16 surrogates are not UTF-8
      "beyond \xf4\x90\x80\x80 max",  // above U+10FFFF
      "emoji cut \xf0\x9f\x98",       // three of four bytes
      "overlong three \xe0\x80\x80",  // each byte on its own
      "lead at the end \xc2",
      "\x80\xbf continuation bytes first",
  };
  for (const auto& c : cases) {
    EXPECT_EQ(written(c), library(c)) << "for " << library(c);
    EXPECT_TRUE(Json::accept(written(c))) << written(c);
  }
}

TEST(JsonText, WritesDurationsWithThreeDecimals) {
  const auto fixed = [](double v) {
    std::string out;
    appendFixed3(out, v);
    return out;
  };
  EXPECT_EQ(fixed(0), "0.000");
  EXPECT_EQ(fixed(0.0424), "0.042");
  EXPECT_EQ(fixed(12.3456), "12.346");
  EXPECT_EQ(fixed(1500), "1500.000");
  EXPECT_EQ(fixed(0.9996), "1.000");
  EXPECT_EQ(fixed(-2.5), "-2.500");
  EXPECT_EQ(fixed(-0.0004), "0.000");
  EXPECT_EQ(fixed(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(fixed(std::numeric_limits<double>::quiet_NaN()), "null");
}

}  // namespace
}  // namespace clxs::kernel
