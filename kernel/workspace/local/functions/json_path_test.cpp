#include "kernel/workspace/local/functions/json_path.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel::json_path {
namespace {

constexpr std::string_view kStore = R"({"store":{"fruit":[{"weight":8,"type":"apple"},
  {"weight":9,"type":"pear"}],"basket":[[1,2,{"b":"y","a":"x"}],[3,4],[5,6]],
  "bicycle":{"price":19.95,"color":"red"}},"owner":"amy","zip code":"94025",
  "fb:testid":"1234","none":null})";

Step key(std::string n) {
  return {Step::Kind::Key, std::move(n), 0};
}
Step field(std::string n) {
  return {Step::Kind::Field, std::move(n), 0};
}
Step index(std::int64_t i) {
  return {Step::Kind::Index, {}, i};
}
Step all() {
  return {Step::Kind::Wildcard, {}, 0};
}

TEST(JsonPath, NamesMatchIgnoringCaseAndBracketsExactly) {
  EXPECT_EQ(extract(kStore, {key("owner")}), "amy");
  EXPECT_EQ(extract(kStore, {key("OWNER")}), "amy");
  EXPECT_EQ(extract(kStore, {field("owner")}), "amy");
  EXPECT_EQ(extract(kStore, {field("OWNER")}), std::nullopt);
  EXPECT_EQ(extract(kStore, {key("Zip Code")}), "94025");
  EXPECT_EQ(extract(kStore, {field("fb:testid")}), "1234");
}

TEST(JsonPath, NestedValuesAreCompactJsonAndStringsTheirValue) {
  EXPECT_EQ(extract(kStore, {key("store"), key("bicycle")}), R"({"price":19.95,"color":"red"})");
  EXPECT_EQ(extract(kStore, {field("store"), field("bicycle")}),
            R"({"price":19.95,"color":"red"})");
  EXPECT_EQ(extract(kStore, {key("store"), key("bicycle"), key("price")}), "19.95");
  EXPECT_EQ(extract(kStore, {key("store"), key("fruit"), index(1)}),
            R"({"weight":9,"type":"pear"})");
  EXPECT_EQ(extract(kStore, {key("store"), key("fruit"), index(0), key("type")}), "apple");
}

TEST(JsonPath, WildcardsCollectAndFlatten) {
  EXPECT_EQ(extract(kStore, {key("store"), key("fruit"), all(), key("type")}),
            R"(["apple","pear"])");
  EXPECT_EQ(extract(kStore, {key("store"), key("basket"), index(0), all()}),
            R"([1,2,{"b":"y","a":"x"}])");
  EXPECT_EQ(extract(kStore, {key("store"), key("basket"), all(), all()}),
            R"([1,2,{"b":"y","a":"x"},3,4,5,6])");
  EXPECT_EQ(extract(kStore, {key("store"), key("basket"), all(), index(0)}), "[1,3,5]");
}

TEST(JsonPath, MissingNullAndMalformedAreNothing) {
  EXPECT_EQ(extract(kStore, {key("nope")}), std::nullopt);
  EXPECT_EQ(extract(kStore, {key("none")}), std::nullopt);
  EXPECT_EQ(extract(kStore, {key("store"), key("fruit"), index(5)}), std::nullopt);
  EXPECT_EQ(extract(kStore, {key("store"), key("fruit"), index(-1)}), std::nullopt);
  EXPECT_EQ(extract(kStore, {key("owner"), key("x")}), std::nullopt);
  EXPECT_EQ(extract("{not json", {key("a")}), std::nullopt);
}

TEST(JsonPath, ANameMatchingTwoFieldsIsAmbiguous) {
  EXPECT_THROW(extract(R"({"a":1,"A":2})", {key("a")}), AmbiguousField);
  EXPECT_EQ(extract(R"({"a":1,"A":2})", {field("A")}), "2");
}

TEST(JsonPath, EncodingRoundTripsAndRefusesOtherText) {
  const std::vector<Step> steps{key("a b"), field("C'd"), index(3), all()};
  const auto back = decode(encode(steps));
  ASSERT_EQ(back.size(), 4u);
  EXPECT_EQ(back[0].kind, Step::Kind::Key);
  EXPECT_EQ(back[0].name, "a b");
  EXPECT_EQ(back[1].kind, Step::Kind::Field);
  EXPECT_EQ(back[1].name, "C'd");
  EXPECT_EQ(back[2].index, 3);
  EXPECT_EQ(back[3].kind, Step::Kind::Wildcard);
  EXPECT_THROW(decode("{}"), std::invalid_argument);
  EXPECT_THROW(decode(R"([["x",1]])"), std::invalid_argument);
}

}  // namespace
}  // namespace clxs::kernel::json_path

namespace clxs::kernel::json_path {
namespace {

TEST(JsonPath, AnswersWithTheDocumentsOwnText) {
  const std::string_view doc = R"({ "a" : { "x" : 1.50 ,
    "y" : [ 1 , 2 ] }, "s": "t\"\u00e9", "n": 1e3 })";
  EXPECT_EQ(extract(doc, {key("a")}), R"({ "x" : 1.50 ,
    "y" : [ 1 , 2 ] })");
  EXPECT_EQ(extract(doc, {key("a"), key("x")}), "1.50");
  EXPECT_EQ(extract(doc, {key("a"), key("y"), all()}), "[1,2]");
  EXPECT_EQ(extract(doc, {key("s")}), "t\"\xc3\xa9");
  EXPECT_EQ(extract(doc, {key("n")}), "1e3");
  EXPECT_EQ(extract(R"({"k\u0041":1})", {field("kA")}), "1");
}

}  // namespace
}  // namespace clxs::kernel::json_path
