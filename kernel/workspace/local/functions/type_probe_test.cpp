#include "kernel/workspace/local/functions/type_probe.hpp"

#include <gtest/gtest.h>

#include "kernel/workspace/local/engine/duckdb_engine.hpp"

namespace clxs::kernel {
namespace {

TEST(TypeProbe, RecordsOperandTypesWhenAStatementIsPrepared) {
  DuckDbEngine engine;
  auto conn_ = engine.connect();
  ProbedSites seen;
  {
    const TypeProbeScope scope(seen);
    ASSERT_TRUE(
        conn_->prepares("SELECT clxs_spark_type_probe(7, x, 42), clxs_spark_type_probe(8, y), "
                        "clxs_spark_type_probe(10, v), clxs_spark_type_probe(11, t) "
                        "FROM (SELECT 1.50::DECIMAL(9,2) AS x, 2.5::DOUBLE AS y, 3::SMALLINT AS z, "
                        "INTERVAL 1 DAY AS v, TIMESTAMPTZ '2020-01-01 00:00:00+00' AS t)"));
  }
  ASSERT_EQ(seen.size(), 4U);
  using K = ProbedType::Kind;
  EXPECT_EQ(seen[7].at(0), (std::vector<ProbedType>{{K::Decimal, 9, 2}, {K::Integral, 2, 0}}));
  EXPECT_EQ(seen[8].at(0), (std::vector<ProbedType>{{K::SparkText, 0, 0}}))
      << "a DOUBLE's text is Java's";
  EXPECT_EQ(seen[10].at(0), (std::vector<ProbedType>{{K::Other, 0, 0}}));
  EXPECT_EQ(seen[11].at(0), (std::vector<ProbedType>{{K::TimestampWithZone, 0, 0}}));
  // Outside a scope nothing is recorded.
  ASSERT_TRUE(conn_->prepares("SELECT clxs_spark_type_probe(9, 1.5)"));
  EXPECT_EQ(seen.count(9), 0U);
}

}  // namespace
}  // namespace clxs::kernel
