#include "kernel/cli/arguments.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel {
namespace {

TEST(Arguments, ParsesValuesFlagsAndPositionals) {
  auto a = Arguments::parse({"enable", "--url", "http://x:1", "--json", "--port=9", "notebooks"},
                            {"url", "port"}, {"json"});
  EXPECT_EQ(a.positional, (std::vector<std::string>{"enable", "notebooks"}));
  EXPECT_EQ(a.value("url"), "http://x:1");
  EXPECT_EQ(a.value("port"), "9");
  EXPECT_TRUE(a.has("json"));
  EXPECT_FALSE(a.value("missing"));
}

TEST(Arguments, RejectsUnknownFlagsAndMissingValues) {
  EXPECT_THROW(Arguments::parse({"--nope"}, {}, {}), std::invalid_argument);
  EXPECT_THROW(Arguments::parse({"--url"}, {"url"}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace clxs::kernel
