#include "clxs/utf8.hpp"

#include <gtest/gtest.h>

namespace clxs {
namespace {

TEST(Utf8, WellFormedTextIsValidAndKept) {
  for (const std::string_view s :
       {"", "Spark", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"}) {
    EXPECT_TRUE(isValidUtf8(s)) << s;
    EXPECT_EQ(makeValidUtf8(s), s);
  }
}

TEST(Utf8, EachIllFormedSequenceBecomesOneReplacementCharacter) {
  EXPECT_FALSE(isValidUtf8("\x80"));
  EXPECT_EQ(makeValidUtf8("\x80"), "\xEF\xBF\xBD");
  // A lead byte whose continuation is missing: one U+FFFD, then the next character.
  EXPECT_EQ(makeValidUtf8("a\xC2"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
  // Overlong forms, surrogates and values above U+10FFFF are ill-formed.
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));
  // The maximal valid prefix of a truncated 3-byte sequence is replaced once.
  EXPECT_EQ(makeValidUtf8("\xE2\x82"
                          "x"),
            "\xEF\xBF\xBD"
            "x");
  EXPECT_EQ(utf8SequenceAt("\xE2\x82"
                           "x")
                .length,
            2U);
}

}  // namespace
}  // namespace clxs
