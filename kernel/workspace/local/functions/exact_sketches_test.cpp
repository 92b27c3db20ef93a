#include "kernel/workspace/local/functions/exact_sketches.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace clxs::kernel::exact_sketch {
namespace {

using Kll = KllSketch<std::int64_t>;
using KllF = KllSketch<float>;
using KllD = KllSketch<double>;
using TupleD = TupleSketch<double>;
using TupleI = TupleSketch<std::int32_t>;

// The Databricks error line a call throws, or "" when it returns.
template <class F>
std::string errorOf(F&& call) {
  try {
    call();
  } catch (const SketchError& e) {
    return e.what();
  }
  return "";
}

std::string kllOf(std::vector<std::int64_t> values, std::int64_t k = kKllDefaultK) {
  return Kll::build(values, k, "kll_sketch_agg_bigint").serialize();
}

std::vector<std::uint64_t> intHashes(std::vector<std::int64_t> keys) {
  std::vector<std::uint64_t> out;
  for (const auto k : keys) out.push_back(hashInteger(k));
  return out;
}

std::string thetaOf(std::vector<std::int64_t> keys, std::int64_t lg = kDefaultLgNomEntries) {
  return ThetaSketch::build(intHashes(std::move(keys)), lg, "theta_sketch_agg").serialize();
}

std::string hllOf(std::vector<std::int64_t> keys, std::int64_t lg = kHllDefaultLgConfigK) {
  return HllSketch::build(intHashes(std::move(keys)), lg, "hll_sketch_agg").serialize();
}

template <class V>
std::string tupleOf(std::vector<std::pair<std::int64_t, V>> rows, TupleMode mode = TupleMode::Sum) {
  std::vector<std::pair<std::uint64_t, V>> hashed;
  for (const auto& [k, v] : rows) hashed.emplace_back(hashInteger(k), v);
  return TupleSketch<V>::build(std::move(hashed), kDefaultLgNomEntries, mode, "tuple_sketch_agg")
      .serialize();
}

// ---- KLL ----

TEST(KllSketch, MergeAggCountsEveryValue) {
  // kll_sketch_get_n_bigint(kll_merge_agg_bigint(sketch)) over (1), (2), (3) and (4), (5), (6).
  const std::string a = kllOf({1, 2, 3});
  const std::string b = kllOf({4, 5, 6});
  const std::vector<std::string_view> both = {a, b};
  const Kll merged =
      Kll::deserialize(Kll::mergeAll(both, std::nullopt, "kll_merge_agg_bigint").serialize(),
                       "kll_sketch_get_n_bigint");
  EXPECT_EQ(merged.n(), 6U);
  EXPECT_EQ(merged.k(), kKllDefaultK);
}

TEST(KllSketch, MergeAggTakesTheGivenKOrTheFirstSketchs) {
  const std::string a = kllOf({1}, 400);
  const std::string b = kllOf({2}, 100);
  const std::vector<std::string_view> both = {a, b};
  EXPECT_EQ(Kll::mergeAll(both, std::nullopt, "kll_merge_agg_bigint").k(), 400);
  EXPECT_EQ(Kll::mergeAll(both, 300, "kll_merge_agg_bigint").k(), 300);
  EXPECT_EQ(Kll::mergeAll({}, std::nullopt, "kll_merge_agg_bigint").n(), 0U);
}

TEST(KllSketch, QuantilesAreInclusive) {
  const Kll s = Kll::build(std::vector<std::int64_t>{5, 3, 1, 4, 2}, 200, "f");
  EXPECT_EQ(s.quantile(0.5, "f"), 3);  // the documented median of 1..5
  EXPECT_EQ(s.quantile(0.25, "f"), 2);
  EXPECT_EQ(s.quantile(0.75, "f"), 4);
  EXPECT_EQ(s.quantile(0.0, "f"), 1);
  EXPECT_EQ(s.quantile(1.0, "f"), 5);
  EXPECT_EQ(s.quantile(0.2, "f"), 1);  // 0.2 * 5 is exactly rank 1
  EXPECT_EQ(s.quantile(0.21, "f"), 2);
}

TEST(KllSketch, QuantileRoundsTheNaturalRankLikeDataSketches) {
  // 0.3 * 10 is 3.0000000000000004 in doubles; the natural rank is still 3.
  std::vector<std::int64_t> values;
  for (std::int64_t i = 1; i <= 10; ++i) values.push_back(i);
  EXPECT_EQ(Kll::build(values, 200, "f").quantile(0.3, "f"), 3);
}

TEST(KllSketch, QuantileOfFloatsAndDoubles) {
  const KllD d = KllD::build(std::vector<double>{1.5, 2.3, 3.7}, 200, "f");
  EXPECT_EQ(d.quantile(0.5, "f"), 2.3);
  const KllF f = KllF::build(std::vector<float>{1.0F, 2.0F, 3.0F, 4.0F, 5.0F}, 200, "f");
  EXPECT_EQ(f.quantile(0.5, "f"), 3.0F);
}

TEST(KllSketch, QuantileOutsideZeroToOneFails) {
  const Kll s = Kll::build(std::vector<std::int64_t>{1, 2, 3}, 200, "f");
  const std::string expected =
      "[KLL_SKETCH_INVALID_QUANTILE_RANGE] For function `kll_sketch_get_quantile_bigint`, the "
      "quantile value must be between 0.0 and 1.0 (inclusive). SQLSTATE: 22003";
  EXPECT_EQ(errorOf([&] { (void)s.quantile(-0.5, "kll_sketch_get_quantile_bigint"); }), expected);
  EXPECT_EQ(errorOf([&] { (void)s.quantile(1.5, "kll_sketch_get_quantile_bigint"); }), expected);
  EXPECT_EQ(errorOf([&] {
              (void)s.quantile(std::numeric_limits<double>::quiet_NaN(),
                               "kll_sketch_get_quantile_bigint");
            }),
            expected);
}

TEST(KllSketch, EmptySketchHasNoQuantileOrRank) {
  const Kll s = Kll::build(std::vector<std::int64_t>{}, 200, "f");
  EXPECT_EQ(s.n(), 0U);
  EXPECT_FALSE(s.quantile(0.5, "f").has_value());
  EXPECT_FALSE(s.rank(3).has_value());
  // The range is still checked.
  EXPECT_NE(errorOf([&] { (void)s.quantile(2.0, "f"); }), "");
}

TEST(KllSketch, RanksAreInclusive) {
  const Kll s = Kll::build(std::vector<std::int64_t>{1, 2, 3, 4, 5}, 200, "f");
  EXPECT_DOUBLE_EQ(*s.rank(3), 0.6);
  EXPECT_DOUBLE_EQ(*s.rank(0), 0.0);
  EXPECT_DOUBLE_EQ(*s.rank(5), 1.0);
  EXPECT_DOUBLE_EQ(*s.rank(99), 1.0);
  const Kll tens = Kll::build(std::vector<std::int64_t>{10, 20, 30, 40, 50}, 200, "f");
  EXPECT_DOUBLE_EQ(*tens.rank(15), 0.2);
  EXPECT_DOUBLE_EQ(*tens.rank(25), 0.4);
  EXPECT_DOUBLE_EQ(*tens.rank(35), 0.6);
  const KllD d = KllD::build(std::vector<double>{1.0, 2.0, 3.0}, 200, "f");
  EXPECT_DOUBLE_EQ(*d.rank(1.5), 1.0 / 3);
  EXPECT_DOUBLE_EQ(*d.rank(2.5), 2.0 / 3);
}

TEST(KllSketch, RepeatsCountAndNaNIsIgnored) {
  const KllD d = KllD::build(
      std::vector<double>{2.0, std::numeric_limits<double>::quiet_NaN(), 2.0, -0.0, 0.0}, 200, "f");
  EXPECT_EQ(d.n(), 4U);
  EXPECT_DOUBLE_EQ(*d.rank(0.0), 0.5);
  EXPECT_EQ(d.quantile(1.0, "f"), 2.0);
}

TEST(KllSketch, MergeAddsTheOtherSketchsValues) {
  Kll a = Kll::build(std::vector<std::int64_t>{1, 3, 5}, 200, "f");
  const Kll b = Kll::build(std::vector<std::int64_t>{2, 3, 4}, 100, "f");
  a.merge(b);
  EXPECT_EQ(a.n(), 6U);
  EXPECT_EQ(a.k(), 200);
  EXPECT_DOUBLE_EQ(*a.rank(3), 4.0 / 6);
  EXPECT_EQ(a.quantile(0.5, "f"), 3);
  a.update(0);
  EXPECT_EQ(a.quantile(0.0, "f"), 0);
}

TEST(KllSketch, RoundTripsThroughItsBytes) {
  const KllF f = KllF::build(std::vector<float>{3.5F, -1.25F, 3.5F}, 64, "f");
  const KllF back = KllF::deserialize(f.serialize(), "f");
  EXPECT_EQ(back.n(), 3U);
  EXPECT_EQ(back.k(), 64);
  EXPECT_EQ(back.quantile(0.0, "f"), -1.25F);
  EXPECT_EQ(back.serialize(), f.serialize());
}

TEST(KllSketch, ToStringIsAReadableSummary) {
  const std::string text =
      Kll::build(std::vector<std::int64_t>{1, 2, 3, 4, 5}, 200, "f").toString();
  EXPECT_NE(text.find("KLL sketch summary"), std::string::npos);
  EXPECT_NE(text.find("K               : 200"), std::string::npos);
  EXPECT_NE(text.find("N               : 5"), std::string::npos);
  EXPECT_NE(text.find("Max item        : 5"), std::string::npos);
  EXPECT_NE(KllD::build(std::vector<double>{}, 200, "f").toString().find("none"),
            std::string::npos);
}

TEST(KllSketch, KOutOfRangeFails) {
  EXPECT_EQ(errorOf([] { (void)kllOf({1}, 7); }),
            "[KLL_SKETCH_K_OUT_OF_RANGE] For function `kll_sketch_agg_bigint`, the k parameter "
            "must be between 8 and 65535 (inclusive), but got 7. SQLSTATE: 22003");
  EXPECT_NE(errorOf([] { (void)kllOf({1}, 65536); }), "");
  EXPECT_EQ(errorOf([] { (void)kllOf({1}, 8); }), "");
  EXPECT_EQ(errorOf([] { (void)kllOf({1}, 65535); }), "");
}

TEST(KllSketch, RefusesBytesThatAreNotItsSketch) {
  const std::string expected =
      "[KLL_INVALID_INPUT_SKETCH_BUFFER] Invalid call to `kll_sketch_get_n_bigint`; only valid "
      "KLL sketch buffers are supported as inputs (such as those produced by the "
      "`kll_sketch_agg` function). SQLSTATE: 22000";
  const auto read = [](std::string_view bytes) {
    return errorOf([&] { (void)Kll::deserialize(bytes, "kll_sketch_get_n_bigint"); });
  };
  EXPECT_EQ(read("not_a_sketch"), expected);
  EXPECT_EQ(read(std::string("\xde\xad\xbe\xef", 4)), expected);
  EXPECT_EQ(read(""), expected);
  // A DataSketches KllLongsSketch image begins with its preamble (2 longs, serial version 2,
  // family 15), not with our magic.
  EXPECT_EQ(read(std::string("\x02\x02\x0f\x00\xc8\x00\x08\x00\x05\x00\x00\x00", 12)), expected);
  // A FLOAT sketch is not a BIGINT one.
  EXPECT_EQ(read(KllF::build(std::vector<float>{1.0F}, 200, "f").serialize()), expected);
  // Cut short, or with bytes after the end.
  const std::string good = kllOf({1, 2, 3});
  EXPECT_EQ(read(good.substr(0, good.size() - 1)), expected);
  EXPECT_EQ(read(good + "x"), expected);
  EXPECT_EQ(read(good), "");
}

// ---- Theta ----

TEST(ThetaSketch, EstimateCountsDistinctKeys) {
  EXPECT_EQ(ThetaSketch::deserialize(thetaOf({1, 1, 2, 2, 3}), "theta_sketch_estimate").estimate(),
            3);
}

TEST(ThetaSketch, IntegersOfAnyWidthAreOneKeyButFloatsAreAnother) {
  EXPECT_EQ(hashInteger(1), hashInteger(std::int64_t{1}));
  EXPECT_NE(hashInteger(1), hashFloating(1.0));
  EXPECT_EQ(hashFloating(-0.0), hashFloating(0.0));
  EXPECT_EQ(hashFloating(std::nan("1")), hashFloating(std::numeric_limits<double>::quiet_NaN()));
  EXPECT_EQ(hashFloating(static_cast<double>(1.5F)), hashFloating(1.5));
  EXPECT_EQ(hashBytes("a"), hashBytes(std::string_view("\x61", 1)));
  EXPECT_FALSE(hashBytes("").has_value());
  EXPECT_FALSE(hashIntegers({}).has_value());
  const std::vector<std::int64_t> one = {1};
  const std::vector<std::int64_t> oneNull = {1, 0};
  EXPECT_NE(hashIntegers(one), hashIntegers(oneNull));
  EXPECT_NE(hashIntegers(one), std::optional<std::uint64_t>(hashInteger(1)));
}

TEST(ThetaSketch, EmptyStringsAreIgnored) {
  std::vector<std::uint64_t> hashes;
  for (const char* s : {"", "a", "", "b", "c"}) {
    if (const auto h = hashBytes(s)) hashes.push_back(*h);
  }
  EXPECT_EQ(ThetaSketch::build(hashes, 12, "theta_sketch_agg").estimate(), 3);
}

TEST(ThetaSketch, SetOperations) {
  // Spark's examples: col1 1..7 and col2 5..11.
  const ThetaSketch a = ThetaSketch::deserialize(thetaOf({1, 2, 3, 4, 5, 6, 7}), "f");
  const ThetaSketch b = ThetaSketch::deserialize(thetaOf({5, 6, 7, 8, 9, 10, 11}, 20), "f");
  EXPECT_EQ(ThetaSketch::unite(a, b, 12, "theta_union").estimate(), 11);
  EXPECT_EQ(ThetaSketch::intersect(a, b).estimate(), 3);
  EXPECT_EQ(ThetaSketch::subtract(a, b).estimate(), 4);
  EXPECT_EQ(ThetaSketch::subtract(b, a).estimate(), 4);
  EXPECT_EQ(ThetaSketch::unite(a, b, 15, "theta_union").lgNomEntries(), 15);
}

TEST(ThetaSketch, Aggregates) {
  const std::string one = thetaOf({1});
  const std::vector<std::string_view> twice = {one, one};
  EXPECT_EQ(ThetaSketch::intersectAll(twice, "theta_intersection_agg").estimate(), 1);
  const std::string a = thetaOf({1, 2, 3, 4, 5, 6, 7});
  const std::string b = thetaOf({5, 6, 7, 8, 9, 10, 11});
  const std::vector<std::string_view> both = {a, b};
  EXPECT_EQ(ThetaSketch::uniteAll(both, 15, "theta_union_agg").estimate(), 11);
  EXPECT_EQ(ThetaSketch::intersectAll(both, "theta_intersection_agg").estimate(), 3);
  EXPECT_EQ(ThetaSketch::intersectAll({}, "theta_intersection_agg").estimate(), 0);
  EXPECT_EQ(ThetaSketch::uniteAll({}, 12, "theta_union_agg").estimate(), 0);
}

TEST(ThetaSketch, LgNomEntriesOutOfRangeFails) {
  EXPECT_EQ(errorOf([] { (void)thetaOf({1}, 2); }),
            "[SKETCH_INVALID_LG_NOM_ENTRIES] Invalid call to `theta_sketch_agg`; the "
            "`lgNomEntries` value must be between 4 and 26, inclusive: 2. SQLSTATE: 22003");
  EXPECT_NE(errorOf([] { (void)thetaOf({1}, 27); }), "");
  EXPECT_NE(errorOf([] { (void)ThetaSketch::uniteAll({}, 3, "theta_union_agg"); }), "");
}

TEST(ThetaSketch, RefusesBytesThatAreNotItsSketch) {
  EXPECT_EQ(errorOf([] { (void)ThetaSketch::deserialize("abc", "theta_sketch_estimate"); }),
            "[THETA_INVALID_INPUT_SKETCH_BUFFER] Invalid call to `theta_sketch_estimate`; only "
            "valid Theta sketch buffers are supported as inputs (such as those produced by the "
            "`theta_sketch_agg` function). SQLSTATE: 22000");
  // A DataSketches compact Theta image: preamble 1 long, serial version 3, family 3.
  EXPECT_NE(errorOf([] {
              (void)ThetaSketch::deserialize(std::string("\x01\x03\x03\x00\x00\x1a\xcc\x93", 8),
                                             "f");
            }),
            "");
  // Another of our families says so.
  const std::string hll = hllOf({1});
  EXPECT_EQ(errorOf([&] { (void)ThetaSketch::deserialize(hll, "theta_union"); }),
            "[THETA_INVALID_INPUT_SKETCH_BUFFER_FAMILY] Invalid call to `theta_union`: expected "
            "THETA sketch family but received HLL. Only valid Theta sketch buffers (produced by "
            "`theta_sketch_agg`) are supported as inputs. SQLSTATE: 22000");
  // Hashes out of order.
  std::string bad = thetaOf({1, 2});
  std::swap_ranges(bad.end() - 16, bad.end() - 8, bad.end() - 8);
  EXPECT_NE(errorOf([&] { (void)ThetaSketch::deserialize(bad, "f"); }), "");
}

// ---- HLL ----

TEST(HllSketch, EstimateCountsDistinctKeys) {
  EXPECT_EQ(HllSketch::deserialize(hllOf({1, 1, 2, 2, 3}), "hll_sketch_estimate").estimate(), 3);
}

TEST(HllSketch, UnionChecksLgConfigK) {
  const HllSketch a = HllSketch::deserialize(hllOf({1, 2, 3}, 12), "f");
  const HllSketch b = HllSketch::deserialize(hllOf({4, 5, 6}, 12), "f");
  EXPECT_EQ(HllSketch::unite(a, b, false, "hll_union").estimate(), 6);
  const HllSketch c = HllSketch::deserialize(hllOf({1}, 13), "f");
  EXPECT_EQ(errorOf([&] { (void)HllSketch::unite(a, c, false, "hll_union"); }),
            "[HLL_UNION_DIFFERENT_LG_K] Sketches have different `lgConfigK` values: 12 and 13. Set "
            "the `allowDifferentLgConfigK` parameter to true to call `hll_union` with different "
            "`lgConfigK` values. SQLSTATE: 22000");
  const HllSketch both = HllSketch::unite(a, c, true, "hll_union");
  EXPECT_EQ(both.estimate(), 3);
  EXPECT_EQ(both.lgConfigK(), 12);
}

TEST(HllSketch, UnionAgg) {
  const std::string a = hllOf({1});
  const std::string b = hllOf({1}, 20);
  const std::vector<std::string_view> both = {a, b};
  EXPECT_EQ(HllSketch::uniteAll(both, true, "hll_union_agg").estimate(), 1);
  EXPECT_NE(errorOf([&] { (void)HllSketch::uniteAll(both, false, "hll_union_agg"); }), "");
  EXPECT_EQ(HllSketch::uniteAll({}, false, "hll_union_agg").estimate(), 0);
}

TEST(HllSketch, LgConfigKOutOfRangeAndBadBytesFail) {
  EXPECT_EQ(errorOf([] { (void)hllOf({1}, 2); }),
            "[HLL_INVALID_LG_K] Invalid call to `hll_sketch_agg`; the `lgConfigK` value must be "
            "between 4 and 21, inclusive: 2. SQLSTATE: 22546");
  EXPECT_NE(errorOf([] { (void)hllOf({1}, 22); }), "");
  EXPECT_EQ(errorOf([] { (void)HllSketch::deserialize("abc", "hll_sketch_estimate"); }),
            "[HLL_INVALID_INPUT_SKETCH_BUFFER] Invalid call to `hll_sketch_estimate`; only valid "
            "HLL sketch buffers are supported as inputs (such as those produced by the "
            "`hll_sketch_agg` function). SQLSTATE: 22546");
  // A Theta sketch is not an HLL one.
  EXPECT_NE(errorOf([] { (void)HllSketch::deserialize(thetaOf({1}), "f"); }), "");
}

// ---- Tuple ----

TEST(TupleSketch, EstimateCountsDistinctKeys) {
  // tuple_sketch_agg_integer(key, summary, 12, 'sum') over (1,5),(1,1),(2,2),(2,3),(3,2).
  const std::string bytes =
      tupleOf<std::int32_t>({{1, 5}, {1, 1}, {2, 2}, {2, 3}, {3, 2}}, TupleMode::Sum);
  EXPECT_EQ(TupleI::deserialize(bytes, "tuple_sketch_estimate_integer").estimate(), 3.0);
  EXPECT_EQ(TupleI::theta(), 1.0);
}

TEST(TupleSketch, SummariesFoldByMode) {
  const std::vector<std::pair<std::int64_t, double>> rows = {{1, 1.0}, {1, 2.0}, {2, 3.0}};
  const TupleD sum = TupleD::deserialize(tupleOf(rows, TupleMode::Sum), "f");
  EXPECT_EQ(sum.summary(TupleMode::Sum), 6.0);
  EXPECT_EQ(sum.summary(TupleMode::Min), 3.0);  // the per-key sums are 3 and 3
  EXPECT_EQ(sum.summary(TupleMode::AlwaysOne), 2.0);
  const TupleD min = TupleD::deserialize(tupleOf(rows, TupleMode::Min), "f");
  EXPECT_EQ(min.summary(TupleMode::Sum), 4.0);
  EXPECT_EQ(min.summary(TupleMode::Max), 3.0);
  const TupleD max = TupleD::deserialize(tupleOf(rows, TupleMode::Max), "f");
  EXPECT_EQ(max.summary(TupleMode::Sum), 5.0);
  const TupleD one = TupleD::deserialize(tupleOf(rows, TupleMode::AlwaysOne), "f");
  EXPECT_EQ(one.summary(TupleMode::Sum), 2.0);
  const TupleI ints =
      TupleI::deserialize(tupleOf<std::int32_t>({{1, 1}, {1, 2}, {2, 3}}, TupleMode::Sum), "f");
  EXPECT_EQ(ints.summary(TupleMode::Sum), 6);
  EXPECT_EQ(TupleI::create(12, "f").summary(TupleMode::Min), 0);
}

TEST(TupleSketch, IntegerSumsWrapPerKeyButNotInTheTotal) {
  const std::int32_t big = std::numeric_limits<std::int32_t>::max();
  const TupleI wrapped = TupleI::deserialize(tupleOf<std::int32_t>({{1, big}, {1, 1}}), "f");
  EXPECT_EQ(wrapped.entries().front().second, std::numeric_limits<std::int32_t>::min());
  const TupleI apart = TupleI::deserialize(tupleOf<std::int32_t>({{1, big}, {2, big}}), "f");
  EXPECT_EQ(apart.summary(TupleMode::Sum), 2 * static_cast<std::int64_t>(big));
}

TEST(TupleSketch, IntersectionAggKeepsSharedKeys) {
  // tuple_intersection_agg_double over two sketches sharing keys 2 and 3.
  const std::string a = tupleOf<double>({{1, 1.0}, {2, 2.0}, {3, 3.0}});
  const std::string b = tupleOf<double>({{2, 20.0}, {3, 30.0}, {4, 40.0}});
  const std::vector<std::string_view> both = {a, b};
  const TupleD out = TupleD::intersectAll(both, TupleMode::Sum, "tuple_intersection_agg_double");
  EXPECT_EQ(out.estimate(), 2.0);
  EXPECT_EQ(out.summary(TupleMode::Sum), 55.0);
  EXPECT_EQ(TupleD::intersectAll(both, TupleMode::Max, "f").summary(TupleMode::Sum), 50.0);
  EXPECT_EQ(TupleD::intersectAll({}, TupleMode::Sum, "f").estimate(), 0.0);
}

TEST(TupleSketch, SetOperationsMatchSparksExamples) {
  const TupleD a = TupleD::deserialize(tupleOf<double>({{1, 1.0}, {2, 2.0}, {3, 3.0}}), "f");
  const TupleD b = TupleD::deserialize(tupleOf<double>({{4, 4.0}, {5, 5.0}, {6, 6.0}}), "f");
  EXPECT_EQ(TupleD::unite(a, b, 12, TupleMode::Sum, "tuple_union_double").estimate(), 6.0);
  const TupleD c = TupleD::deserialize(tupleOf<double>({{1, 4.0}, {2, 5.0}, {4, 6.0}}), "f");
  EXPECT_EQ(TupleD::intersect(a, c, TupleMode::Sum).estimate(), 2.0);
  EXPECT_EQ(TupleD::unite(a, c, 12, TupleMode::Sum, "f").summary(TupleMode::Sum), 21.0);
  EXPECT_EQ(TupleD::unite(a, c, 12, TupleMode::Min, "f").summary(TupleMode::Sum), 12.0);
  const TupleD d =
      TupleD::deserialize(tupleOf<double>({{5, 5.0}, {1, 1.0}, {2, 2.0}, {3, 3.0}}), "f");
  const TupleD e = TupleD::deserialize(tupleOf<double>({{4, 4.0}, {5, 5.0}, {1, 1.0}}), "f");
  const TupleD diff = TupleD::subtract(d, e);
  EXPECT_EQ(diff.estimate(), 2.0);
  EXPECT_EQ(diff.summary(TupleMode::Sum), 5.0);
  EXPECT_NE(errorOf([&] { (void)TupleD::unite(a, b, 30, TupleMode::Sum, "tuple_union_double"); }),
            "");
}

TEST(TupleSketch, ThetaKeysTakeTheModesStartingSummary) {
  const TupleD a = TupleD::deserialize(tupleOf<double>({{1, 1.0}, {2, 2.0}, {3, 3.0}}), "f");
  const ThetaSketch t = ThetaSketch::deserialize(thetaOf({3, 4, 5}), "f");
  const TupleD sum = TupleD::uniteTheta(a, t, 12, TupleMode::Sum, "f");
  EXPECT_EQ(sum.estimate(), 5.0);
  EXPECT_EQ(sum.summary(TupleMode::Sum), 6.0);
  const TupleD min = TupleD::uniteTheta(a, t, 12, TupleMode::Min, "f");
  EXPECT_EQ(min.summary(TupleMode::Max), std::numeric_limits<double>::infinity());
  const TupleI ints = TupleI::uniteTheta(TupleI::deserialize(tupleOf<std::int32_t>({{1, 1}}), "f"),
                                         t, 12, TupleMode::Max, "f");
  EXPECT_EQ(ints.summary(TupleMode::Min), std::numeric_limits<std::int32_t>::min());
  EXPECT_EQ(TupleD::intersectTheta(a, t, TupleMode::Sum).summary(TupleMode::Sum), 3.0);
  EXPECT_EQ(TupleD::intersectTheta(a, t, TupleMode::AlwaysOne).summary(TupleMode::Sum), 1.0);
  EXPECT_EQ(TupleD::subtractTheta(a, t).estimate(), 2.0);
}

TEST(TupleSketch, UnionAggFoldsInOrder) {
  const std::string a = tupleOf<double>({{1, 1.0}, {2, 2.0}});
  const std::string b = tupleOf<double>({{2, 5.0}, {3, 3.0}});
  const std::vector<std::string_view> both = {a, b};
  const TupleD out = TupleD::uniteAll(both, 12, TupleMode::Sum, "tuple_union_agg_double");
  EXPECT_EQ(out.estimate(), 3.0);
  EXPECT_EQ(out.summary(TupleMode::Sum), 11.0);
}

TEST(TupleSketch, UpdateFoldsOneValue) {
  TupleI s = TupleI::create(12, "f");
  s.update(hashInteger(1), 5, TupleMode::Min);
  s.update(hashInteger(1), 3, TupleMode::Min);
  s.update(hashInteger(2), 7, TupleMode::Min);
  EXPECT_EQ(s.estimate(), 2.0);
  EXPECT_EQ(s.summary(TupleMode::Sum), 10);
}

TEST(TupleSketch, ModeIsChecked) {
  EXPECT_EQ(parseTupleMode("sum", "f"), TupleMode::Sum);
  EXPECT_EQ(parseTupleMode(" AlwaysOne ", "f"), TupleMode::AlwaysOne);
  EXPECT_EQ(errorOf([] { (void)parseTupleMode("avg", "tuple_sketch_agg_double"); }),
            "[TUPLE_INVALID_SKETCH_MODE] Invalid call to `tuple_sketch_agg_double`: mode 'avg' is "
            "not supported. Valid modes are: sum, min, max, alwaysone. SQLSTATE: 22023");
}

TEST(TupleSketch, RefusesBytesThatAreNotItsSketch) {
  EXPECT_EQ(errorOf([] { (void)TupleD::deserialize("abc", "tuple_sketch_estimate_double"); }),
            "[TUPLE_INVALID_INPUT_SKETCH_BUFFER] Invalid call to `tuple_sketch_estimate_double`; "
            "only valid Tuple sketch buffers are supported as inputs (such as those produced by "
            "the corresponding `tuple_sketch_agg_*` function). SQLSTATE: 22000");
  // An INTEGER summary sketch is not a DOUBLE one.
  EXPECT_NE(errorOf([] { (void)TupleD::deserialize(tupleOf<std::int32_t>({{1, 1}}), "f"); }), "");
  const std::string theta = thetaOf({1});
  EXPECT_EQ(errorOf([&] { (void)TupleI::deserialize(theta, "tuple_union_integer"); }),
            "[TUPLE_INVALID_INPUT_SKETCH_BUFFER_FAMILY] Invalid call to `tuple_union_integer`: "
            "expected TUPLE sketch family but received THETA. Only valid Tuple sketch buffers "
            "(produced by `tuple_sketch_agg_*` functions) are supported as inputs. SQLSTATE: "
            "22000");
  const std::string good = tupleOf<double>({{1, 1.0}, {2, 2.0}});
  EXPECT_EQ(TupleD::deserialize(good, "f").serialize(), good);
  EXPECT_NE(errorOf([&] { (void)TupleD::deserialize(good.substr(0, good.size() - 3), "f"); }), "");
}

}  // namespace
}  // namespace clxs::kernel::exact_sketch
