#include "plugins/generate/sample_files.hpp"

#include <gtest/gtest.h>

namespace clxs::generate {
namespace {

ResultSet rows() {
  ResultSet r;
  r.columns = {{"id", "BIGINT"}, {"name", "STRING"}, {"amount", "DECIMAL(12,2)"}};
  r.rows = {{1, "Ann \"A\", Jr.", 10.5}, {2, nullptr, "7.25"}, {3, "line\nbreak", true}};
  return r;
}

TEST(SampleFiles, CsvQuotesWhatNeedsQuoting) {
  EXPECT_EQ(toCsv(rows()),
            "id,name,amount\r\n"
            "1,\"Ann \"\"A\"\", Jr.\",10.5\r\n"
            "2,,7.25\r\n"
            "3,\"line\nbreak\",true\r\n");
  EXPECT_EQ(toCsv(ResultSet{}), "\r\n");
}

TEST(SampleFiles, JsonLinesKeyRowsByColumn) {
  EXPECT_EQ(toJsonLines(rows()),
            "{\"id\":1,\"name\":\"Ann \\\"A\\\", Jr.\",\"amount\":10.5}\n"
            "{\"id\":2,\"name\":null,\"amount\":\"7.25\"}\n"
            "{\"id\":3,\"name\":\"line\\nbreak\",\"amount\":true}\n");
}

}  // namespace
}  // namespace clxs::generate
