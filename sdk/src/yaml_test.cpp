#include "clxs/yaml.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <limits>
#include <string>

namespace clxs {
namespace {

TEST(YamlJson, PlainScalarsAreTypedLikePyYaml) {
  const Json doc = parseYaml(
      "n1: ~\nn2: null\nn3:\nb1: true\nb2: yes\nb3: Off\nb4: NO\n"
      "i1: 10\ni2: -7\ni3: 0x1F\ni4: 0o17\ni5: +3\n"
      "f1: 5.0\nf2: 0.1\nf3: -2.5e3\nf4: .5\nf5: 1e3\n"
      "s1: hello\ns2: 1.2.3\ns3: 10 apples\ns4: '-'\ns5: y\ns6: .inf\n");
  EXPECT_TRUE(doc["n1"].is_null());
  EXPECT_TRUE(doc["n2"].is_null());
  EXPECT_TRUE(doc["n3"].is_null());
  EXPECT_EQ(doc["b1"], true);
  EXPECT_EQ(doc["b2"], true);
  EXPECT_EQ(doc["b3"], false);
  EXPECT_EQ(doc["b4"], false);
  EXPECT_TRUE(doc["i1"].is_number_integer());
  EXPECT_EQ(doc["i1"], 10);
  EXPECT_EQ(doc["i2"], -7);
  EXPECT_EQ(doc["i3"], 31);
  EXPECT_EQ(doc["i4"], 15);
  EXPECT_EQ(doc["i5"], 3);
  EXPECT_TRUE(doc["f1"].is_number_float());
  EXPECT_DOUBLE_EQ(doc["f1"].get<double>(), 5.0);
  EXPECT_DOUBLE_EQ(doc["f2"].get<double>(), 0.1);
  EXPECT_DOUBLE_EQ(doc["f3"].get<double>(), -2500.0);
  EXPECT_DOUBLE_EQ(doc["f4"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(doc["f5"].get<double>(), 1000.0);
  EXPECT_EQ(doc["s1"], "hello");
  EXPECT_EQ(doc["s2"], "1.2.3");
  EXPECT_EQ(doc["s3"], "10 apples");
  EXPECT_EQ(doc["s4"], "-");
  EXPECT_EQ(doc["s5"], "y");
  EXPECT_EQ(doc["s6"], ".inf");
}

TEST(YamlJson, QuotedAndStrTaggedScalarsStayStrings) {
  const Json doc = parseYaml("a: 'yes'\nb: \"10\"\nc: ''\nd: !!str 5\ne: 'null'\n");
  EXPECT_EQ(doc["a"], "yes");
  EXPECT_EQ(doc["b"], "10");
  EXPECT_EQ(doc["c"], "");
  EXPECT_EQ(doc["d"], "5");
  EXPECT_EQ(doc["e"], "null");
}

TEST(YamlJson, TagsThatContradictTheValueAreErrors) {
  EXPECT_DOUBLE_EQ(parseYaml("x: !!float 5\n")["x"].get<double>(), 5.0);
  EXPECT_TRUE(parseYaml("x: !!float 5\n")["x"].is_number_float());
  EXPECT_THROW((void)parseYaml("x: !!int abc\n"), YamlError);
  EXPECT_THROW((void)parseYaml("x: !!bool 3\n"), YamlError);
}

TEST(YamlJson, LargeIntegersKeepTheirValue) {
  const Json doc = parseYaml(
      "big: 18446744073709551615\nmin: -9223372036854775808\n"
      "huge: 99999999999999999999\n");
  EXPECT_EQ(doc["big"].get<std::uint64_t>(), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(doc["min"].get<std::int64_t>(), std::numeric_limits<std::int64_t>::min());
  EXPECT_TRUE(doc["huge"].is_number_float());
}

TEST(YamlJson, MappingsKeepFileOrderAndLastDuplicateWins) {
  const Json doc = parseYaml("zeta: 1\nalpha: 2\nzeta: 3\nlist:\n- a\n- {k: v}\n");
  ASSERT_EQ(doc.size(), 3u);
  EXPECT_EQ(doc.begin().key(), "zeta");
  EXPECT_EQ(doc["zeta"], 3);
  EXPECT_EQ(doc["list"], Json::parse(R"(["a", {"k": "v"}])"));
}

TEST(YamlJson, MergeKeysApplyWithExplicitKeysWinning) {
  const Json doc = parseYaml(
      "base: &b {x: 1, y: 2}\nother: &o {y: 9, z: 3}\n"
      "child:\n  <<: [*b, *o]\n  x: 10\n");
  EXPECT_EQ(doc["child"], Json::parse(R"({"x": 10, "y": 2, "z": 3})"));
  EXPECT_THROW((void)parseYaml("a:\n  <<: 5\n"), YamlError);
}

TEST(YamlJson, NonScalarKeysAreRejected) {
  EXPECT_THROW((void)parseYaml("? [a, b]\n: 1\n"), YamlError);
}

TEST(YamlJson, SyntaxErrorsNameTheLine) {
  try {
    (void)parseYaml("a: 1\nb: [1, 2\n");
    FAIL() << "expected YamlError";
  } catch (const YamlError& e) {
    EXPECT_NE(std::string(e.what()).find("line"), std::string::npos) << e.what();
  }
}

TEST(YamlJson, EmptyTextIsNullAndSeveralDocumentsAreRejected) {
  EXPECT_TRUE(parseYaml("").is_null());
  EXPECT_TRUE(parseYaml("# only a comment\n").is_null());
  EXPECT_THROW((void)parseYaml("a: 1\n---\nb: 2\n"), YamlError);
}

TEST(YamlJson, AliasBombsAreStopped) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char c = 'b'; c <= 'i'; ++c) {
    std::string name(1, c);
    bomb += name + ": &" + name + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" +
            prev + "]\n";
    prev = name;
  }
  EXPECT_THROW((void)parseYaml(bomb), YamlError);
}

TEST(YamlJson, NodeConversionWorksOnLoadedNodes) {
  const YAML::Node node = YAML::Load("k: [1, 'two', 3.5]");
  EXPECT_EQ(yamlToJson(node), Json::parse(R"({"k": [1, "two", 3.5]})"));
}

TEST(YamlJson, EmitQuotesStringsThatWouldChangeType) {
  EXPECT_EQ(emitYaml(Json{{"a", ""}}), "a: ''\n");
  EXPECT_EQ(emitYaml(Json{{"a", "yes"}}), "a: 'yes'\n");
  EXPECT_EQ(emitYaml(Json{{"a", "10"}}), "a: '10'\n");
  EXPECT_EQ(emitYaml(Json{{"a", "plain"}}), "a: plain\n");
  EXPECT_EQ(emitYaml(Json{{"n", 5.0}}), "n: 5.0\n");
  EXPECT_EQ(emitYaml(Json{{"n", nullptr}}), "n: null\n");
  EXPECT_EQ(emitYaml(Json{{"e", Json::array()}, {"m", Json::object()}}), "e: []\nm: {}\n");
}

TEST(YamlJson, EmitThenParseRoundTripsEveryKindOfValue) {
  Json doc = Json::object();
  const char* tricky[] = {"yes", "No",   "10",          "",      "null",   "~",    "true", "a: b",
                          "#x",  "- x",  "multi\nline", " lead", "trail ", "0x1F", "1e3",  "@at",
                          "`bt", "%pct", "!bang",       "&amp",  "*st",    "[x",   "{x",   "|",
                          ">",   "'q",   "\"dq",        "ünï",   "t\tb",   "a #b", "-",    "?",
                          ":",   ".5"};
  Json strings = Json::array();
  for (const char* s : tricky) strings.push_back(s);
  doc["strings"] = strings;
  doc["numbers"] =
      Json::array({0, -5, 5.0, 0.1, 1e20, -2.5e-7, std::numeric_limits<std::uint64_t>::max()});
  doc["flags"] = Json::array({true, false, nullptr});
  doc["nested"] = Json::parse(R"({"a": {"b": [1, {"c": []}], "d": {}}, "yes": "key"})");
  doc["<<"] = "not a merge";
  const std::string text = emitYaml(doc);
  const Json back = parseYaml(text);
  EXPECT_EQ(back.dump(), doc.dump()) << "key order or number types changed\n" << text;
}

}  // namespace
}  // namespace clxs
