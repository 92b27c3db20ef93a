#include "kernel/http/validator.hpp"

#include <gtest/gtest.h>

namespace clxs::kernel {
namespace {

Model cloneModel() {
  return Model("CloneRequest")
      .field("source_catalog", Field::string().required().identifier())
      .field("clone_type",
             Field::string().oneOf({"DEEP", "SHALLOW"}).caseInsensitive().defaultsTo("DEEP"))
      .field("max_workers", Field::integer().min(1).max(64).defaultsTo(4))
      .field("schemas", Field::array(Field::string()).defaultsTo(Json::array()))
      .field("tag", Field::string().pattern("[a-z]+"))
      .field("opts", Field::object({{"depth", Field::integer().required()}}));
}

TEST(Validator, AppliesDefaultsAndKeepsUnknownFields) {
  Validator v;
  Json issues = Json::array();
  const Json out = v.body(cloneModel(), Json{{"source_catalog", "prod"}, {"extra", 1}}, issues);
  EXPECT_TRUE(issues.empty()) << issues.dump();
  EXPECT_EQ(out["clone_type"], "DEEP");
  EXPECT_EQ(out["max_workers"], 4);
  EXPECT_EQ(out["schemas"], Json::array());
  EXPECT_EQ(out["extra"], 1);
}

TEST(Validator, ReportsFastApiShapedIssues) {
  Validator v;
  Json issues = Json::array();
  v.body(
      cloneModel(),
      Json{{"clone_type", "FAST"}, {"max_workers", "8"}, {"tag", "ABC"}, {"opts", Json::object()}},
      issues);
  ASSERT_EQ(issues.size(), 5u) << issues.dump();
  EXPECT_EQ(issues[0]["loc"], Json::array({"body", "source_catalog"}));
  EXPECT_EQ(issues[0]["type"], "missing");
  EXPECT_EQ(issues[1]["type"], "enum");
  EXPECT_EQ(issues[1]["msg"], "Input should be 'DEEP' or 'SHALLOW'");
  EXPECT_EQ(issues[2]["type"], "int_type");
  EXPECT_EQ(issues[3]["type"], "string_pattern_mismatch");
  EXPECT_EQ(issues[4]["loc"], Json::array({"body", "opts", "depth"}));
}

TEST(Validator, NormalisesCaseInsensitiveEnumsAndChecksRanges) {
  Validator v;
  Json issues = Json::array();
  Json out = v.body(cloneModel(), Json{{"source_catalog", "c"}, {"clone_type", "shallow"}}, issues);
  EXPECT_EQ(out["clone_type"], "SHALLOW");
  v.body(cloneModel(), Json{{"source_catalog", "c"}, {"max_workers", 0}}, issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0]["msg"], "Input should be greater than or equal to 1");
}

TEST(Validator, RejectsNonObjectBodiesAndBadIdentifiers) {
  Validator v;
  Json issues = Json::array();
  v.body(cloneModel(), Json::array(), issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0]["type"], "model_attributes_type");
  issues = Json::array();
  v.body(cloneModel(), Json{{"source_catalog", std::string(300, 'x')}}, issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0]["type"], "identifier");
}

TEST(Validator, ConvertsQueryParametersAndClampsLimits) {
  Validator v;
  std::vector<std::pair<std::string, Field>> fields{
      {"limit", Field::integer().min(1).max(1000).clampToMax().defaultsTo(100)},
      {"verbose", Field::boolean().defaultsTo(false)},
      {"name", Field::string()}};
  Json issues = Json::array();
  Json q = v.params(fields, {{"limit", "5000"}, {"verbose", "true"}}, "query", issues);
  EXPECT_TRUE(issues.empty()) << issues.dump();
  EXPECT_EQ(q["limit"], 1000);
  EXPECT_EQ(q["verbose"], true);
  EXPECT_TRUE(q["name"].is_null());
  v.params(fields, {{"limit", "ten"}}, "query", issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0]["loc"], Json::array({"query", "limit"}));
  EXPECT_EQ(issues[0]["type"], "int_parsing");
}

TEST(Validator, InvalidPatternIsRejectedAtRegistration) {
  Validator v;
  const RouteSpec spec{.method = Method::Post,
                       .path = "/x",
                       .body = Model("M").field("a", Field::string().pattern("(unclosed"))};
  EXPECT_THROW(v.precompile(spec), std::invalid_argument);
}

}  // namespace
}  // namespace clxs::kernel
