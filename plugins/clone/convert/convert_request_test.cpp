#include "plugins/clone/convert/convert_request.hpp"

#include <gtest/gtest.h>

#include <string>

#include "clxs/error.hpp"
#include "clxs/sql.hpp"

namespace clxs::clone::convert {
namespace {

Json body(Json targets, bool confirm = true, bool dryRun = false) {
  return Json{
      {"targets", std::move(targets)}, {"confirm_destructive", confirm}, {"dry_run", dryRun}};
}

Json target(const std::string& fqn) {
  return Json{{"fqn", fqn}};
}

// `b` as POST /api/convert-to-delta reads it.
ConvertRequest parseConvertRequest(const Json& b) {
  return convertRequestOf(ConvertToDeltaRequest::schema().parse(b));
}

// The loc of the 422 parseConvertRequest throws for `b`.
Json rejectedAt(const Json& b) {
  try {
    (void)parseConvertRequest(b);
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 422) << e.what();
    return e.detail()[0]["loc"];
  }
  ADD_FAILURE() << "accepted " << b.dump();
  return nullptr;
}

TEST(ConvertRequestTest, ReadsTargetsAndOptions) {
  auto b = body(Json::array({Json{{"fqn", "prod.bronze.events"}, {"source_format", "parquet"}},
                             target("prod.bronze.users")}));
  b["warehouse_id"] = "abc";
  const auto r = parseConvertRequest(b);
  ASSERT_EQ(r.targets.size(), 2u);
  EXPECT_EQ(r.targets[0].parts, (std::vector<std::string>{"prod", "bronze", "events"}));
  EXPECT_EQ(r.targets[0].fqn, "prod.bronze.events");
  EXPECT_EQ(r.targets[0].declaredFormat, "PARQUET");
  EXPECT_FALSE(r.targets[1].declaredFormat.has_value());
  EXPECT_EQ(r.warehouseId, "abc");
  EXPECT_TRUE(r.confirmDestructive);
  EXPECT_FALSE(r.dryRun);
}

TEST(ConvertRequestTest, TheGateNeedsConfirmationUnlessDryRun) {
  const auto targets = Json::array({target("c.s.t")});
  EXPECT_EQ(rejectedAt(body(targets, false, false)), (Json{"body", "confirm_destructive"}));
  EXPECT_EQ(rejectedAt(Json{{"targets", targets}}), (Json{"body", "confirm_destructive"}));
  EXPECT_TRUE(parseConvertRequest(body(targets, false, true)).dryRun);
  EXPECT_TRUE(parseConvertRequest(body(targets, true, true)).dryRun);
}

TEST(ConvertRequestTest, BadNamesAreReportedAtTheirTarget) {
  EXPECT_EQ(rejectedAt(body(Json::array({target("c.s.t"), target("c.s")}))),
            (Json{"body", "targets", 1, "fqn"}));
  EXPECT_EQ(rejectedAt(body(Json::array({target("a.b.c.d")}))),
            (Json{"body", "targets", 0, "fqn"}));
  EXPECT_EQ(rejectedAt(body(Json::array({target("c..t")}))), (Json{"body", "targets", 0, "fqn"}));
  EXPECT_EQ(rejectedAt(body(Json::array({target("c.s.`t")}))), (Json{"body", "targets", 0, "fqn"}));
  EXPECT_EQ(rejectedAt(body(Json::array({Json{{"source_format", "PARQUET"}}}))),
            (Json{"body", "targets", 0, "fqn"}));
  // A bad name is reported even when the gate would also refuse.
  EXPECT_EQ(rejectedAt(body(Json::array({target("c.s")}), false)),
            (Json{"body", "targets", 0, "fqn"}));
}

TEST(ConvertRequestTest, EmptyTooManyAndDuplicateTargetsAreRefused) {
  EXPECT_EQ(rejectedAt(body(Json::array())), (Json{"body", "targets"}));
  Json many = Json::array();
  for (std::size_t i = 0; i <= kMaxTargets; ++i)
    many.push_back(target("c.s.t" + std::to_string(i)));
  EXPECT_EQ(rejectedAt(body(many)), (Json{"body", "targets"}));
  // Unity Catalog names ignore case, so these are the same table.
  EXPECT_EQ(rejectedAt(body(Json::array({target("c.s.t"), target("C.S.T")}))),
            (Json{"body", "targets", 1, "fqn"}));
}

TEST(ConvertRequestTest, QuotedPartsRoundTripThroughTheDisplayName) {
  const auto r = parseConvertRequest(body(Json::array({target("`my.cat`.s.`we``ird; t`")})));
  ASSERT_EQ(r.targets.size(), 1u);
  EXPECT_EQ(r.targets[0].parts, (std::vector<std::string>{"my.cat", "s", "we`ird; t"}));
  EXPECT_EQ(r.targets[0].fqn, "`my.cat`.s.`we``ird; t`");
  EXPECT_EQ(splitQualified(r.targets[0].fqn), r.targets[0].parts);
  EXPECT_EQ(displayName({"c", "s", "t"}), "c.s.t");
}

TEST(ConvertRequestTest, TheModelDeclaresTheBoundsAndEnums) {
  const auto& m = ConvertToDeltaRequest::schema().model();
  ASSERT_EQ(m.fields()[0].first, "targets");
  const auto& targets = m.fields()[0].second;
  EXPECT_TRUE(targets.isRequired());
  EXPECT_EQ(targets.minimumLength(), 1u);
  EXPECT_EQ(targets.maximumLength(), kMaxTargets);
  const auto& props = targets.items().front().properties();
  EXPECT_EQ(props[0].first, "fqn");
  EXPECT_TRUE(props[0].second.isRequired());
  EXPECT_EQ(props[1].second.enumValues(), (std::vector<Json>{"PARQUET", "ICEBERG", "DELTA"}));
}

TEST(ConvertRequestTest, HistoryQueryDefaultsClampAndFilters) {
  const auto none = parseHistoryQuery(Json::object());
  EXPECT_EQ(none.limit, kDefaultHistoryLimit);
  EXPECT_FALSE(none.status || none.fqnLike || none.dryRun || none.operationId);

  const auto all = parseHistoryQuery(Json{{"limit", 5000},
                                          {"status", "FAILED"},
                                          {"fqn_like", "prod.%"},
                                          {"dry_run", false},
                                          {"operation_id", "op-1"}});
  EXPECT_EQ(all.limit, kMaxHistoryLimit);
  EXPECT_EQ(all.status, "failed");
  EXPECT_EQ(all.fqnLike, "prod.%");
  EXPECT_EQ(all.dryRun, false);
  EXPECT_EQ(all.operationId, "op-1");
}

}  // namespace
}  // namespace clxs::clone::convert
